"""The load check as a teacher reads it, in Chinese by default and in English on request."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from zuoye.core.policy.homework_load import NATIONAL, check_load
from zuoye.homework.wording import day_text, load_sentence

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 3)


def check(already: dict[str, int], adding: int, grade: int = 7):
    return check_load(limits=NATIONAL, grade=grade, already=sum(already.values()), adding=adding, by_subject=already)


def test_the_refusal_reads_as_the_issue_writes_it(county):
    text = load_sentence(county.class_7_1, DAY, check({"语文": 40, "数学": 30}, 25), "数学")
    assert text == "七年级(1)班 12月3日 已有 70 分钟（数学 30、语文 40），本次 25 分钟，合计 95 分钟，超出上限 90 分钟 5 分钟"
    # without a subject of its own, the biggest share comes first
    assert "（语文 40、数学 30）" in load_sentence(county.class_7_1, DAY, check({"数学": 30, "语文": 40}, 25))


def test_within_the_limit_and_with_nothing_else_that_day(county):
    assert load_sentence(county.class_7_1, DAY, check({}, 30)) == \
        "七年级(1)班 12月3日 没有其他作业，本次 30 分钟，未超过上限 90 分钟"
    assert load_sentence(county.class_7_1, DAY, check({}, 100)).endswith("超出上限 90 分钟 10 分钟")


def test_grades_one_and_two_are_told_there_is_no_written_homework(county):
    assert "不布置书面家庭作业" in load_sentence(county.class_7_1, DAY, check({}, 10, grade=1))


def test_english_keeps_every_number(county):
    with translation.override("en"):
        text = load_sentence(county.class_7_1, DAY, check({"数学": 30, "语文": 40}, 25))
        assert day_text(DAY) == "3 Dec"
    assert text == ("Grade 7 Class 1 3 Dec already has 70 minutes (Chinese 40, Mathematics 30); this homework 25 minutes, "
                    "total 95 minutes, over the limit of 90 minutes by 5 minutes")
