"""The shipped trees: complete, uniquely coded, and faithful to the textbooks' tables of contents."""

import pytest

from zuoye.core.curriculum import SUBJECTS, Semester, curriculum, parse_code

EXPECTED_GRADES = {
    "chinese": (3, 4, 5, 6, 7, 8, 9), "math": (3, 4, 5, 6, 7, 8, 9), "english": (3, 4, 5, 6, 7, 8, 9),
    "physics": (8, 9), "chemistry": (9,), "biology": (7, 8), "history": (7, 8, 9), "geography": (7, 8),
}


def test_every_subject_loads_with_its_grades():
    tree = curriculum()
    assert tuple(t.subject for t in tree.subjects) == SUBJECTS
    for subject, grades in EXPECTED_GRADES.items():
        assert tree.subject(subject).grades == grades


def test_math_has_both_semesters_of_every_grade_and_at_least_150_points():
    math = curriculum().subject("math")
    for grade in range(3, 10):
        assert {b.semester for b in math.books_for(grade)} == {Semester.FIRST, Semester.SECOND}
    assert len(list(math.points())) >= 150


def test_codes_are_unique_and_parse_back_to_their_place():
    tree = curriculum()
    points = tree.all_points()
    assert len({p.code for p in points}) == len(points)
    for point in points:
        parts = parse_code(point.code)
        book = tree.book(point.code)
        assert (parts.subject, parts.grade, parts.semester) == (book.subject, book.grade, book.semester)
        assert point.code.startswith(point.unit_code + ".")


def test_no_unit_is_empty_and_every_subject_has_units_with_points():
    for tree in curriculum().subjects:
        units = list(tree.units())
        assert units, tree.subject
        assert all(unit.points for unit in units)


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("math.g3a.u1", "第一单元 时、分、秒"),
        ("math.g3a.u2", "第二单元 万以内的加法和减法（一）"),
        ("math.g4b.u9", "第九单元 数学广角——鸡兔同笼"),
        ("math.g5b.u4", "第四单元 分数的意义和性质"),
        ("math.g6a.u5", "第五单元 圆"),
        ("math.g7a.u1", "第一章 有理数"),
        ("math.g8b.u17", "第十七章 勾股定理"),
        ("math.g9a.u21", "第二十一章 一元二次方程"),
        ("math.g9b.u27", "第二十七章 相似"),
        ("physics.g8a.u1", "第一章 机械运动"),
        ("chemistry.g9a.u2", "第二单元 我们周围的空气"),
        ("english.g3b.u1", "Unit 1 Welcome back to school!"),
        ("history.g8a.u1", "第一单元 中国开始沦为半殖民地半封建社会"),
        ("geography.g8b.u6", "第六章 北方地区"),
    ],
)
def test_units_follow_the_textbook(code, title):
    assert curriculum().unit(code).title == title


def test_fraction_unit_holds_the_points_teachers_look_for():
    titles = [p.title for p in curriculum().unit("math.g5b.u4").points]
    assert {"真分数和假分数", "约分", "通分"} <= set(titles)
    assert titles.index("约分") < titles.index("通分")


def test_one_book_per_year_where_the_textbook_is_a_full_year_volume():
    physics9 = curriculum().subject("physics").books_for(9)
    assert [b.semester for b in physics9] == [Semester.FULL_YEAR]
    assert physics9[0].title == "九年级全一册"
