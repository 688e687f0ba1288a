import pytest

from zuoye.core.policy import homework_load as hl


@pytest.mark.parametrize(
    ("grade", "limit"),
    [(1, 0), (2, 0), (3, 60), (4, 60), (5, 60), (6, 60), (7, 90), (8, 90), (9, 90)],
)
def test_national_limits_are_the_double_reduction_numbers(grade, limit):
    assert hl.NATIONAL.limit(grade) == limit
    assert "2021" in hl.NATIONAL.source


@pytest.mark.parametrize(
    ("grade", "already", "adding", "allowed", "over_by"),
    [
        (5, 40, 20, True, 0),  # exactly at the limit
        (5, 40, 21, False, 1),
        (8, 60, 30, True, 0),
        (8, 60, 45, False, 15),
        (2, 0, 10, False, 10),  # grades 1–2: no written homework at all
        (1, 0, 0, True, 0),
    ],
)
def test_check_load_against_the_class_day(grade, already, adding, allowed, over_by):
    check = hl.check_load(limits=hl.NATIONAL, grade=grade, already=already, adding=adding)
    assert (check.allowed, check.over_by, check.total) == (allowed, over_by, already + adding)


def test_deeper_region_override_wins_and_is_cited():
    limits = hl.limits_for_region(
        [
            hl.RegionOverride(depth=3, grade_from=3, grade_to=4, minutes=40, source="于都县教育局 2026 第3号"),
            hl.RegionOverride(depth=1, grade_from=3, grade_to=6, minutes=50, source="江西省教育厅 2026"),
        ]
    )
    assert [limits.limit(g) for g in (3, 4, 5, 6, 7)] == [40, 40, 50, 50, 90]
    assert "于都县" in limits.source and "江西省" in limits.source


def test_negative_minutes_are_refused():
    with pytest.raises(ValueError):
        hl.check_load(limits=hl.NATIONAL, grade=5, already=0, adding=-5)


def test_unknown_grade_is_refused():
    with pytest.raises(ValueError, match="grade 10"):
        hl.NATIONAL.limit(10)
