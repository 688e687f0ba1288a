"""The notebook rule alone (no database): open → practised → mastered, reopening, related items."""

from __future__ import annotations

from datetime import date

from zuoye.learning.notebook import ItemInfo, Row, derive

ITEMS = {
    1: ItemInfo(frozenset({"kp.a"}), "tpl.x"),
    2: ItemInfo(frozenset({"kp.a"}), "tpl.x"),  # a variant of item 1
    3: ItemInfo(frozenset({"kp.a"}), ""),
    4: ItemInfo(frozenset({"kp.a", "kp.b"}), ""),
    5: ItemInfo(frozenset({"kp.c"}), ""),
    6: ItemInfo(frozenset(), ""),
}


def row(n, item, day, outcome, assignment=None):
    return Row(n, item, assignment or day, date(2026, 11, day), outcome)


def test_a_wrong_answer_opens_an_entry_and_a_right_one_on_another_point_changes_nothing():
    entries = derive([row(1, 1, 2, "wrong"), row(2, 5, 3, "right")], ITEMS)
    assert list(entries) == [1]
    assert entries[1].status == "open" and entries[1].wrong_count == 1


def test_a_later_right_answer_on_a_variant_masters_the_entry():
    entries = derive([row(1, 1, 2, "wrong"), row(2, 2, 5, "right")], ITEMS)
    assert entries[1].status == "mastered" and entries[1].status_on == date(2026, 11, 5)


def test_related_practice_first_practises_then_two_rights_master():
    rows = [row(1, 1, 2, "partial"), row(2, 3, 3, "wrong")]
    assert derive(rows, ITEMS)[1].status == "practised"
    rows += [row(3, 3, 4, "right")]
    assert derive(rows, ITEMS)[1].status == "practised"
    rows += [row(4, 4, 6, "right")]
    assert derive(rows, ITEMS)[1].status == "mastered"


def test_same_assignment_is_not_later_and_unmarked_says_nothing():
    rows = [row(1, 1, 2, "wrong", assignment=9), row(2, 3, 2, "right", assignment=9), row(3, 2, 4, "unmarked")]
    assert derive(rows, ITEMS)[1].status == "open"


def test_a_new_wrong_answer_on_the_item_reopens_it_and_counts():
    rows = [row(1, 1, 2, "wrong"), row(2, 1, 4, "right"), row(3, 1, 6, "wrong")]
    entry = derive(rows, ITEMS)[1]
    assert entry.status == "open" and entry.wrong_count == 2 and entry.first_wrong_on == date(2026, 11, 2)
    assert entry.wrong.assigned_on == date(2026, 11, 6)


def test_order_of_the_input_does_not_matter():
    rows = [row(1, 1, 2, "wrong"), row(2, 3, 3, "right"), row(3, 6, 3, "wrong"), row(4, 4, 5, "right")]
    assert derive(rows, ITEMS) == derive(list(reversed(rows)), ITEMS)
