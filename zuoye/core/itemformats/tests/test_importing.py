"""Uploads are recognised by their content, whatever their name."""

from __future__ import annotations

import pytest

from zuoye.core.itemformats import detect_format, import_items, write_qti_item, write_qti_package

from .factories import FRACTIONS, ZERO
from .documents import QTI21_TRUE_FALSE, QUIZ


@pytest.mark.parametrize(("data", "kind"), [
    (write_qti_package([FRACTIONS]), "qti-package"),
    (write_qti_item(FRACTIONS), "qti"),
    (QTI21_TRUE_FALSE.encode(), "qti"),
    (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- exported -->\n" + QUIZ.split("\n", 1)[1].encode(), "moodle"),
    ("::q:: 1+1=? {=2 ~3}".encode(), "gift"),
    (b"<html/>", None),
])
def test_format_is_detected_from_content(data, kind):
    assert detect_format(data) == kind


def test_import_items_reads_each_format():
    assert import_items(write_qti_package([FRACTIONS, ZERO]), file="a.txt").items == (FRACTIONS, ZERO)
    assert import_items(write_qti_item(ZERO), file="a.zip").items == (ZERO,)
    assert len(import_items(QUIZ.encode(), file="quiz.xml").items) == 6
    assert len(import_items("0 是自然数。{T}".encode(), file="t.gift").items) == 1


def test_unknown_xml_is_one_clear_problem():
    (problem,) = import_items(b"<html/>", file="page.html").problems

    assert problem.file == "page.html" and problem.reason.startswith("unknown XML")
