"""Realistic sample items, one of each kind, and small image files for the tests."""

from __future__ import annotations

import io

from PIL import Image

from zuoye.core.itemformats import (
    Blank, BlanksAnswer, ChoiceAnswer, ChoiceOption, ItemData, ItemImage, ItemType, ModelAnswer,
    TrueFalseAnswer,
)


def png_bytes(size: tuple[int, int] = (12, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(buffer, "JPEG")
    return buffer.getvalue()


FRACTIONS = ItemData(
    identifier="math-g5b-frac-01",
    type=ItemType.SINGLE_CHOICE,
    stem="计算 $\\frac{1}{2}+\\frac{1}{3}$ 的结果是（　　）",
    options=(
        ChoiceOption("A", "$\\frac{2}{5}$"), ChoiceOption("B", "$\\frac{5}{6}$"),
        ChoiceOption("C", "$\\frac{1}{6}$"), ChoiceOption("D", "$\\frac{2}{6}$"),
    ),
    answer=ChoiceAnswer(("B",)),
    explanation="异分母分数相加先通分：$\\frac{3}{6}+\\frac{2}{6}=\\frac{5}{6}$。",
    full_score=2,
    difficulty=2,
    minutes=1,
    knowledge_points=("math.g5b.u6.kp02",),
    source="Zuoye 测试题",
)

PRIMES = ItemData(
    identifier="math-g5b-prime-01",
    type=ItemType.MULTIPLE_CHOICE,
    stem="下列各数中，是质数的有（　　）",
    options=(ChoiceOption("A", "2"), ChoiceOption("B", "9"), ChoiceOption("C", "13"), ChoiceOption("D", "21")),
    answer=ChoiceAnswer(("A", "C")),
    explanation="9=3×3，21=3×7，都是合数；2 和 13 只有 1 和它本身两个因数。",
    full_score=3,
    difficulty=3,
    minutes=2,
    knowledge_points=("math.g5b.u2.kp04",),
)

ZERO = ItemData(
    identifier="math-g7a-zero-01",
    type=ItemType.TRUE_FALSE,
    stem="0 既不是正数，也不是负数。",
    answer=TrueFalseAnswer(True),
    explanation="0 是正数和负数的分界。",
    knowledge_points=("math.g7a.u1.kp01",),
)

POEM = ItemData(
    identifier="zh-g3-poem-01",
    type=ItemType.FILL_BLANK,
    stem="默写：春眠不觉晓，________。夜来风雨声，________。",
    answer=BlanksAnswer((Blank(("处处闻啼鸟",)), Blank(("花落知多少",)))),
    explanation="出自唐代孟浩然《春晓》。",
    full_score=2,
    minutes=2,
    knowledge_points=("chinese.g3a.u7.kp01",),
)

AREA = ItemData(
    identifier="math-g5a-area-01",
    type=ItemType.FILL_BLANK,
    stem="一个平行四边形的底是 $6.5$ 厘米，高是 $4$ 厘米，面积是____平方厘米。",
    answer=BlanksAnswer((Blank(("26",), 0.0),)),
    knowledge_points=("math.g5a.u6.kp01",),
    image=ItemImage("平行四边形.png", png_bytes(), "image/png"),
)

EQUATION = ItemData(
    identifier="math-g7a-eq-01",
    type=ItemType.SHORT_ANSWER,
    stem="解方程：$3(x-2)=2x+1$。",
    answer=ModelAnswer("去括号，得 $3x-6=2x+1$；\n移项，得 $3x-2x=1+6$；\n所以 $x=7$。"),
    explanation="先去括号，再移项、合并同类项。",
    full_score=6,
    difficulty=3,
    minutes=5,
    knowledge_points=("math.g7a.u3.kp04",),
)

SAMPLES = (FRACTIONS, PRIMES, ZERO, POEM, AREA, EQUATION)
