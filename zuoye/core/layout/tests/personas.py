"""Named fixtures for layout tests: a grade-3 maths assignment and the students of 三年级(2)班.

Stems are typst markup (what ``core.mathtext`` will produce from ``$...$`` source), with
Chinese text, fractions and multiplication, the things that go wrong in a print.
"""

from __future__ import annotations

from zuoye.core.layout import ItemKind, ItemSpec, SheetHeader, SheetSpec, StudentRef

HEADER = SheetHeader(school="城关第二小学", class_label="三年级(2)班",
                     title="分数的初步认识 · 课后作业", subject="数学", date="2026年3月2日")

STUDENTS = (
    StudentRef(101, "张小明", "20230201"),
    StudentRef(102, "李华", "20230202"),
    StudentRef(103, "王芳芳", "20230203"),
)


def fraction_items() -> tuple[ItemSpec, ...]:
    """Twelve items, every kind, enough to need two pages."""
    return (
        ItemSpec("i1", "1", ItemKind.SINGLE_CHOICE, "把一个蛋糕平均分成 4 份，每份是它的（　）。",
                 options=("$1/2$", "$1/3$", "$1/4$", "$1/5$"), points=2),
        ItemSpec("i2", "2", ItemKind.SINGLE_CHOICE, "下面哪个分数最大？",
                 options=("$3/8$", "$5/8$", "$1/8$", "$7/8$"), points=2),
        ItemSpec("i3", "3", ItemKind.MULTIPLE_CHOICE, "下面哪些分数与 $1/2$ 相等？（多选）",
                 options=("$2/4$", "$3/5$", "$4/8$", "$5/10$", "$6/10$"), points=3),
        ItemSpec("i4", "4", ItemKind.TRUE_FALSE, "把一张纸分成 3 份，每份是这张纸的 $1/3$。", points=1),
        ItemSpec("i5", "5", ItemKind.TRUE_FALSE, "$2/5 + 1/5 = 3/5$", points=1),
        ItemSpec("i6", "6", ItemKind.FILL_IN, "填空：$3/4$ 里面有（　）个 $1/4$；$1 - 2/7 =$（　）。",
                 blanks=2, points=4),
        ItemSpec("i7", "7", ItemKind.FILL_IN, "比较大小：$1/6$ ○ $1/9$，$4/7$ ○ $5/7$，$1$ ○ $9/9$。",
                 blanks=3, points=3),
        ItemSpec("i8", "8", ItemKind.WORKED, "计算：$5/9 + 2/9$，$1 - 3/8$，$frac(3, 4) times 8$。写出计算过程。",
                 answer_height_mm=40, points=6),
        ItemSpec("i9", "9", ItemKind.WORKED,
                 "小明吃了一个西瓜的 $2/7$，小红吃了这个西瓜的 $3/7$。两人一共吃了这个西瓜的几分之几？"
                 "还剩下几分之几？", answer_height_mm=55, points=8),
        ItemSpec("i10", "10", ItemKind.WORKED,
                 "一根绳子长 $12$ 米，用去了它的 $1/3$，用去了多少米？请画图说明。",
                 answer_height_mm=60, points=8),
        ItemSpec("i11", "11", ItemKind.SINGLE_CHOICE, "", option_count=3, points=2),
        ItemSpec("i12", "12", ItemKind.WORKED, "", answer_height_mm=30, points=5),
    )


def fraction_spec(*, answer_card: bool = False, assignment_id: int = 7) -> SheetSpec:
    return SheetSpec(assignment_id=assignment_id, header=HEADER, items=fraction_items(), answer_card=answer_card)


def answer_card_spec() -> SheetSpec:
    """Twenty objective items and a few others, numbers only: a workbook's answer card."""
    kinds = [(ItemKind.SINGLE_CHOICE, 4)] * 10 + [(ItemKind.MULTIPLE_CHOICE, 5)] * 5 + [(ItemKind.TRUE_FALSE, 0)] * 5
    objective = tuple(ItemSpec(f"c{n}", str(n), kind, option_count=count)
                      for n, (kind, count) in enumerate(kinds, start=1))
    rest = (
        ItemSpec("c21", "21", ItemKind.FILL_IN, blanks=4),
        ItemSpec("c22", "22", ItemKind.WORKED, answer_height_mm=50, points=10),
    )
    return SheetSpec(assignment_id=8, header=HEADER, items=objective + rest, answer_card=True)


def fake_measure(stems):  # type: ignore[no-untyped-def]
    """A stand-in for typst: 5 mm per started 40 characters."""
    return [5.0 * (1 + len(stem.markup) // 40) for stem in stems]
