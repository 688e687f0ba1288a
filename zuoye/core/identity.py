"""Chinese personal identifiers: validation and masking.

Resident ID-card numbers (居民身份证号码, GB 11643-1999) carry an ISO 7064 MOD 11-2 check
digit, so most typing mistakes are caught at import time rather than discovered when a
report goes upward. Mobile numbers are 11 digits starting with 1[3-9]. Both are personal
data of minors and their families: views show them masked, never in full.
"""

from __future__ import annotations

import re
from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
_MOBILE_SHAPE = re.compile(r"^1[3-9]\d{9}$")


class IdentifierError(ValueError):
    """A personal identifier that cannot be right; the message says why, in plain words."""


def normalize_id_card(raw: str) -> str:
    """Strip spaces and upper-case the check character (``x`` is a common spelling)."""
    return re.sub(r"\s+", "", raw).upper()


def id_card_check_char(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK_CHARS[total % 11]


def validate_id_card(raw: str) -> str:
    """Return the normalised 18-character number or raise :class:`IdentifierError`."""
    number = normalize_id_card(raw)
    if not _ID_SHAPE.match(number):
        raise IdentifierError("ID-card number must be 17 digits followed by a digit or X")
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise IdentifierError(f"ID-card number has an impossible birth date {number[6:14]}") from exc
    expected = id_card_check_char(number[:17])
    if number[17] != expected:
        raise IdentifierError(f"ID-card check digit is {number[17]}, expected {expected}")
    return number


def id_card_birth_date(number: str) -> date:
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def id_card_gender(number: str) -> str:
    """'M' or 'F' from the 17th digit (odd for men and boys)."""
    return "M" if int(number[16]) % 2 else "F"


def normalize_phone(raw: str) -> str:
    """Drop spaces, dashes and a +86 / 0086 country prefix."""
    digits = re.sub(r"[\s\-()]", "", raw)
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):]
    return digits


def validate_phone(raw: str) -> str:
    phone = normalize_phone(raw)
    if not _MOBILE_SHAPE.match(phone):
        raise IdentifierError("mobile number must be 11 digits starting with 13–19")
    return phone


def mask_phone(phone: str) -> str:
    """138****5678: enough for a person to recognise their own number, no more."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_id_card(number: str) -> str:
    """3607**********123X: region prefix and last four kept, birth date hidden."""
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
