"""One cell at a time: its text, and whether it is a plausible name, gender, phone, ID, 学籍号.

Each reader returns ``(value, problem_code_and_params | None)`` so the row readers can attach
the place. The rules are the ones a school office applies by eye:

- names: 2–20 characters, Chinese characters, Latin letters, the middle dot of minority names
  (买买提·艾力) and single spaces between Latin words; spaces padded between two Chinese
  characters to align them in Excel (``张  三``) are removed; digits or other symbols are refused;
- identifiers typed into a General-format Excel cell become numbers and lose everything past the
  15th digit: such a cell is refused with that explanation rather than read as a wrong number.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from zuoye.core import grades, identity


@dataclass(frozen=True)
class NameRules:
    min_length: int = 2
    max_length: int = 20


NAME_RULES = NameRules()
# Excel keeps 15 significant digits; an identifier stored as a larger number has lost some.
EXCEL_EXACT_DIGITS = 15

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_NAME = re.compile(rf"^[{_CJK}A-Za-z·][{_CJK}A-Za-z· ]*$")
_DOTS = str.maketrans({"•": "·", "・": "·", "．": "·", "‧": "·", "∙": "·", "⋅": "·"})
_STUDENT_NUMBER = re.compile(r"^[A-Z0-9]{5,30}$")
_LIST_SPLIT = re.compile(r"[、,，;；/\s]+")
_SPACES = re.compile(r"\s+")
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}·]) | (?=[{_CJK}·])")
_DIGIT = re.compile(r"\d")
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")

Issue = tuple[str, dict[str, object]] | None


def text(value: object) -> str:
    """A cell as text: numbers without a trailing .0, surrounding (and non-breaking) spaces removed."""
    if type(value) is str:
        return value.strip()  # str.strip() also removes the ideographic and non-breaking spaces
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def is_long_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 10**EXCEL_EXACT_DIGITS


def person_name(value: object, rules: NameRules = NAME_RULES) -> tuple[str, Issue]:
    name = _SPACES.sub(" ", text(value).translate(_DOTS))
    if " " in name and _CJK_CHAR.search(name):
        name = _SPACE_BY_CJK.sub("", name)
    if not name:
        return "", ("cell_required", {})
    if _DIGIT.search(name) or (not name.isascii() and _DIGIT.search(unicodedata.normalize("NFKC", name))):
        return name, ("name_has_digits", {"value": name})
    if not _NAME.match(name):
        odd = "".join(sorted({ch for ch in name if not _NAME.match(ch) and ch != " "}))
        return name, ("name_bad_chars", {"value": name, "chars": odd})
    if len(name) > rules.max_length:
        return name, ("name_too_long", {"value": name, "length": len(name), "limit": rules.max_length})
    if len(name) < rules.min_length:
        return name, ("name_too_short", {"value": name, "limit": rules.min_length})
    return name, None


_GENDERS = {"男": "M", "男生": "M", "男性": "M", "m": "M", "male": "M", "女": "F", "女生": "F", "女性": "F", "f": "F", "female": "F"}


def gender(value: object) -> tuple[str, Issue]:
    raw = text(value)
    if not raw:
        return "", ("cell_required", {})
    found = _GENDERS.get(raw.lower())
    return (found, None) if found else ("", ("gender_unknown", {"value": raw}))


def student_number(value: object) -> tuple[str, Issue]:
    if is_long_number(value):
        return "", ("number_lost_digits", {"value": text(value)})
    number = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text(value))).upper()
    if not number:
        return "", ("cell_required", {})
    if not _STUDENT_NUMBER.match(number):
        return number, ("student_number_invalid", {"value": number})
    return number, None


def id_card(value: object) -> tuple[str, Issue]:
    """'' for an empty cell (the column is optional). Problems show the number masked."""
    if is_long_number(value):
        return "", ("number_lost_digits", {"value": text(value)})
    number = identity.normalize_id_card(unicodedata.normalize("NFKC", text(value)))
    if not number:
        return "", None
    masked = identity.mask_id_card(number)
    if not _ID_SHAPE.match(number):
        return number, ("id_card_shape", {"value": masked, "length": len(number)})
    try:
        identity.id_card_birth_date(number)
    except ValueError:
        return number, ("id_card_birth_date", {"value": masked, "date": number[6:14]})
    expected = identity.id_card_check_char(number[:17])
    if number[17] != expected:
        return number, ("id_card_check_digit", {"value": masked, "found": number[17], "expected": expected})
    return number, None


def phone(value: object) -> tuple[str, Issue]:
    raw = unicodedata.normalize("NFKC", text(value))
    if not raw:
        return "", None
    try:
        return identity.validate_phone(raw), None
    except identity.IdentifierError:
        return raw, ("phone_invalid", {"value": raw})


def yes_no(value: object) -> tuple[bool, Issue]:
    raw = text(value).lower()
    if raw in ("", "否", "不是", "n", "no", "false", "0", "×"):
        return False, None
    if raw in ("是", "y", "yes", "true", "1", "√", "✓"):
        return True, None
    return False, ("yes_no_invalid", {"value": text(value)})


@functools.lru_cache(maxsize=4096)
def _parse_class(raw: str) -> tuple[int, int] | None:
    try:
        return grades.parse_class_label(unicodedata.normalize("NFKC", raw))
    except grades.ClassLabelError:
        return None


def class_label(value: object) -> tuple[tuple[int, int] | None, Issue]:
    raw = text(value)
    if not raw:
        return None, ("cell_required", {})
    key = _parse_class(raw)
    return (key, None) if key else (None, ("class_label_invalid", {"value": raw}))


def grade(value: object) -> tuple[int | None, Issue]:
    raw = unicodedata.normalize("NFKC", text(value))
    if not raw:
        return None, None
    try:
        return grades.parse_grade(raw), None
    except grades.ClassLabelError:
        return None, ("grade_invalid", {"value": raw})


def class_list(value: object, default_grade: int | None) -> tuple[list[tuple[int, int]], Issue]:
    """``1班、2班`` (with a grade from 任教年级) or ``七年级(1)班,七年级(2)班``; ``702班`` too."""
    found: list[tuple[int, int]] = []
    for token in _LIST_SPLIT.split(unicodedata.normalize("NFKC", text(value))):
        if not token:
            continue
        try:
            found.append(grades.parse_class_label(token))
            continue
        except grades.ClassLabelError:
            pass
        bare = re.fullmatch(r"\(?(\d{1,2})\)?班?", token)
        if bare is None:
            return found, ("class_label_invalid", {"value": token})
        if default_grade is None:
            return found, ("class_needs_grade", {"value": token})
        found.append((default_grade, int(bare[1])))
    return list(dict.fromkeys(found)), None


def short_text(value: object, limit: int = 20) -> tuple[str, Issue]:
    raw = text(value)
    if len(raw) > limit:
        return raw, ("relation_too_long", {"value": raw, "limit": limit})
    return raw, None
