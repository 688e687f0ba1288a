"""Reasons in the reader's language: a page set aside, an item waiting for review."""

import pytest
from django.utils import translation

from zuoye.capture.wording import reason_text, review_reason


@pytest.mark.parametrize(("reason", "zh"), [
    ("several marks: tick, tick", "这道题上有几个批改符号（勾（✓） / 勾（✓））：以哪个为准？"),
    ("a mark over it turns in no item or is in doubt: tick at (41, 86) mm", "有一个批改符号从别处延伸到这道题上：它是这道题的吗？"),
    ("the mark network reads cross (100.0%), the rules half: mark half (a slash)", "两种识别方法结论不同：是叉（✗）还是半对？"),
    ("the mark network reads tick (100.0%), the rules a stroke across its arm (a half tick): mark cross (x)",
     "一种识别方法看到勾，另一种看到勾上有一道斜线：是半对吗？"),
    ("the mark network reads tick (88.2%), the rules ink on its arm (a half tick?): mark tick (stray ink on the arm)",
     "两种识别方法都看到勾，其中一种还看到勾上有笔迹：是半对吗？"),
    ("no mark read, but 6 mm² of pen ink over its answer; the mark network reads cross (100.0%) in that ink",
     "没认出批改符号，但答案上有红笔痕迹，看起来像叉（✗）"),
    ("no mark read, but 6 mm² of pen ink over its answer", "没认出批改符号，但答案上有红笔痕迹"),
    ("mark tick (a bare arm); bubbles: 1 filled", "看起来像勾（✓），但不够清楚"),
    ("mark cross (x); bubbles: 1 filled; unclear B", "看起来像叉（✗），但不够清楚; 有一个选项填涂不清楚"),
    ("mark tick (x); score 8 0.45, 2 0.91", "看起来像勾（✓），但不够清楚; 得分框里的数字看不清"),
    ("scanned again and read differently: first right (tick), now wrong (cross)", "重复扫描且识别结果不同：第一次为对，这次为错"),
    ("a stroke crosses into another item", "一笔写到了另一道题里"),
    ("something the patterns do not know", "机器对这道题没有把握"),
])
def test_review_reasons_read_in_chinese(reason: str, zh: str) -> None:
    with translation.override("zh-hans"):
        assert review_reason(reason) == zh


def test_a_clear_score_is_not_called_unclear() -> None:
    with translation.override("en"):
        assert review_reason("mark tick (x); score 8 0.95") == "it looks like a tick, but not clearly enough"


def test_page_reasons_keep_unknown_text() -> None:
    with translation.override("zh-hans"):
        assert reason_text("blank page") != "blank page"
        assert reason_text("a reason nobody wrote a pattern for") == "a reason nobody wrote a pattern for"
