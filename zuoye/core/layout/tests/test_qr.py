"""Page codes: what goes into the QR, and every way a damaged one is refused."""

import zlib

import numpy as np
import pytest
import segno
import zxingcpp

from zuoye.core.layout import PageAddress, PayloadError, human_line, payload_decode, payload_encode
from zuoye.core.layout.qr import qr_symbol

ADDRESS = PageAddress(assignment_id=4711, student_id=20231, page=2, pages=3)


def test_payload_reads_back_as_the_same_page():
    payload = payload_encode(ADDRESS)
    assert payload.startswith("ZY1|A4711|S20231|P2/3|")
    assert payload_decode(payload) == ADDRESS


def test_printed_line_typed_by_hand_in_lower_case_still_decodes():
    line = human_line(payload_encode(ADDRESS))
    assert " " in line and "|" not in line
    assert payload_decode(f"  {line.lower()}  ") == ADDRESS


def test_generic_sheet_has_student_zero():
    address = payload_decode(payload_encode(PageAddress(9, 0, 1, 1)))
    assert address.generic and address.student_id == 0


@pytest.mark.parametrize("field", [1, 2, 3])
def test_changing_any_field_fails_the_check(field):
    # given a valid payload with one field altered (another student, another page...)
    parts = payload_encode(ADDRESS).split("|")
    parts[field] = parts[field][0] + parts[field][1:].replace("1", "7", 1).replace("2", "8", 1)
    # then the checksum no longer matches
    with pytest.raises(PayloadError) as caught:
        payload_decode("|".join(parts))
    assert caught.value.reason == "checksum"


def test_a_single_swapped_digit_in_the_check_is_refused():
    payload = payload_encode(ADDRESS)
    damaged = payload[:-1] + ("0" if payload[-1] != "0" else "1")
    with pytest.raises(PayloadError, match="fails its check"):
        payload_decode(damaged)


@pytest.mark.parametrize("text, reason", [
    ("", "format"),
    ("hello world", "format"),
    ("ZY2|A1|S1|P1/1|00000000", "version"),
    ("ZY1|A1|S1|P1/1", "format"),
    ("ZY1|A1|S1|P1/1|00000000|x", "format"),
])
def test_text_that_is_not_a_page_code_is_refused(text, reason):
    with pytest.raises(PayloadError) as caught:
        payload_decode(text)
    assert caught.value.reason == reason


def _signed(body: str) -> str:
    return f"{body}|{zlib.crc32(body.encode()) & 0xFFFFFFFF:08X}"


@pytest.mark.parametrize("body, reason", [
    ("ZY1|A0|S1|P1/1", "format"),       # assignment ids start at 1
    ("ZY1|A1|S01|P1/1", "format"),      # no leading zeros: one text per address
    ("ZY1|A1|S1|P3/2", "range"),        # page 3 of 2
    ("ZY1|A1|S1|PX/1", "format"),
])
def test_well_signed_nonsense_is_still_refused(body, reason):
    with pytest.raises(PayloadError) as caught:
        payload_decode(_signed(body))
    assert caught.value.reason == reason


def test_impossible_address_cannot_be_encoded():
    with pytest.raises(PayloadError):
        PageAddress(1, 1, 0, 1)
    with pytest.raises(PayloadError):
        PageAddress(0, 1, 1, 1)
    with pytest.raises(PayloadError):
        PageAddress(10**12, 1, 1, 1)


def test_qr_symbol_is_a_borderless_svg_that_decodes():
    payload = payload_encode(ADDRESS)
    symbol = qr_symbol(payload, "q")
    assert symbol.svg.startswith("<svg") and 'width="' not in symbol.svg.split(">")[0]
    assert symbol.modules in (29, 33)  # version 3 or 4 for ~35 bytes at level Q
    # the same symbol rasterised with a quiet zone is read by zxing-cpp
    matrix = np.array(segno.make(payload, error="q", micro=False).matrix, dtype=np.uint8)
    image = np.pad((1 - matrix) * 255, 4, constant_values=255).repeat(6, 0).repeat(6, 1)
    (found,) = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert found.text == payload
