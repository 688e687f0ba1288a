"""Grades and class labels as Chinese schools write them.

Rosters name a class in many ways: 七年级(2)班, 七年级2班, 7年级（2）班, 初一(2)班, 初一2班,
7(2)班, 702班. :func:`parse_class_label` reads all of them to (grade, number); the product
always writes the canonical form of :func:`class_label`.
"""

from __future__ import annotations

import re

GRADE_NAMES = {1: "一年级", 2: "二年级", 3: "三年级", 4: "四年级", 5: "五年级", 6: "六年级",
               7: "七年级", 8: "八年级", 9: "九年级"}
GRADE_NAMES_EN = {n: f"Grade {n}" for n in GRADE_NAMES}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_JUNIOR_ALIASES = {"初一": 7, "初二": 8, "初三": 9}
_LABEL = re.compile(r"^(?P<grade>[一二三四五六七八九\d]|初[一二三])(?:年级)?[(（]?(?P<number>\d{1,2}|[一二三四五六七八九十]{1,2})[)）]?班?$")
_COMPACT = re.compile(r"^(?P<grade>[1-9])(?P<number>\d{2})班$")


class ClassLabelError(ValueError):
    pass


def class_label(grade: int, number: int) -> str:
    return f"{GRADE_NAMES[grade]}({number})班"


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN_DIGITS[text]
    if text[0] == "十":
        return 10 + _CN_DIGITS[text[1]]
    return _CN_DIGITS[text[0]] * 10 if text[1] == "十" else 0


def parse_grade(text: str) -> int:
    """Read a grade: 7, 七, 七年级, 初一, Grade 7."""
    cleaned = re.sub(r"\s+", "", text).replace("Grade", "").replace("grade", "")
    if cleaned in _JUNIOR_ALIASES:
        return _JUNIOR_ALIASES[cleaned]
    cleaned = cleaned.removesuffix("年级")
    try:
        grade = _cn_number(cleaned)
    except (KeyError, IndexError) as exc:
        raise ClassLabelError(f"not a grade: {text!r}") from exc
    if grade not in GRADE_NAMES:
        raise ClassLabelError(f"grade must be 1–9: {text!r}")
    return grade


def parse_class_label(text: str) -> tuple[int, int]:
    """Return (grade, class number) for any usual way of writing a class."""
    cleaned = re.sub(r"\s+", "", text)
    match = _COMPACT.match(cleaned) or _LABEL.match(cleaned)
    if not match:
        raise ClassLabelError(f"not a class name: {text!r} (write it like 七年级(2)班)")
    grade = parse_grade(match["grade"])
    number = _cn_number(match["number"])
    if not 1 <= number <= 99:
        raise ClassLabelError(f"class number must be 1–99: {text!r}")
    return grade, number
