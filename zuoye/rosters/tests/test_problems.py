"""Every problem the core can report has words, in Chinese and English."""

from django.utils import translation

from zuoye.core.roster.problems import CODES
from zuoye.rosters import problems


def test_every_problem_code_has_a_message():
    assert set(problems.MESSAGES) == set(CODES)


def test_messages_are_translated_to_chinese():
    with translation.override("zh-hans"):
        untranslated = [code for code, text in problems.MESSAGES.items() if str(text).isascii()]
    assert untranslated == []


def test_a_stored_problem_is_worded_in_the_readers_language():
    item = {"code": "duplicate_student_number", "params": {"value": "G1", "first_sheet": "七年级(1)班", "first_row": 5}}
    with translation.override("zh-hans"):
        assert problems.render(item) == "学籍号 G1 重复出现（首次出现在工作表“七年级(1)班”第 5 行）。"
    with translation.override("en"):
        assert problems.render(item) == "学籍号 G1 appears twice (first at sheet 七年级(1)班, row 5)."
