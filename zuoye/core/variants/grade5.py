"""Templates for grade 5 (五年级上册、下册): decimal multiplication and division, simple
equations, areas of polygons, tree planting, factors and multiples, fractions, cuboids."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from random import Random

from .fmt import DIV, TIMES, dec, fr, frac, linear, m, places
from .model import ANSWER_SEPARATOR, BLANK, CHOICE_BLANK, Draft, ItemType, Template, registrar, require

TEMPLATES: list[Template] = []
template = registrar(TEMPLATES)
CHOICE, FILL, WORKED = ItemType.SINGLE_CHOICE, ItemType.FILL_IN, ItemType.WORKED


def _tenths(rng: Random, low: int, high: int) -> Decimal:
    """A number with exactly one decimal place, low/10 … high/10."""
    value = Decimal(rng.randint(low, high)) / 10
    require(places(value) == 1)
    return value


@template("math.g5.decimal_multiplication", "小数乘小数", grade=5,
          points=("math.g5a.u1.kp02",), kind=FILL, difficulty=2, minutes=2)
def decimal_multiplication(rng: Random) -> Draft:
    a = Decimal(rng.randint(11, 999)) / 10 ** rng.choice((1, 2))
    b = _tenths(rng, 2, 99)
    require(places(a) >= 1)
    product = a * b
    shift = places(a) + places(b)
    whole_a, whole_b = int(a * 10 ** places(a)), int(b * 10 ** places(b))
    explanation = (f"先按整数乘法算：{m(f'{whole_a}{TIMES}{whole_b}={whole_a * whole_b}')}；两个因数一共有 "
                   f"{m(str(shift))} 位小数，就从积的右边起数出 {m(str(shift))} 位点上小数点，"
                   f"得 {m(f'{dec(a)}{TIMES}{dec(b)}={dec(product)}')}。")
    if places(product) < shift:
        explanation += "小数末尾的 0 要去掉。"
    return Draft(f"计算：{m(f'{dec(a)}{TIMES}{dec(b)}=')}{BLANK}", m(dec(product)), explanation,
                 {"a": dec(a), "b": dec(b)})


@template("math.g5.decimal_division", "一个数除以小数", grade=5,
          points=("math.g5a.u3.kp02",), kind=FILL, difficulty=3, minutes=2)
def decimal_division(rng: Random) -> Draft:
    quotient = Decimal(rng.randint(11, 999)) / 10 ** rng.choice((0, 1, 2))
    divisor = _tenths(rng, 2, 99)
    dividend = quotient * divisor
    require(places(dividend) <= 3 and dividend >= 1)
    scaled_a, scaled_b = dividend * 10, divisor * 10
    explanation = (f"除数 {m(dec(divisor))} 是一位小数，把除数和被除数都扩大到原来的 {m('10')} 倍，商不变："
                   f"{m(f'{dec(dividend)}{DIV}{dec(divisor)}={dec(scaled_a)}{DIV}{dec(scaled_b)}={dec(quotient)}')}。")
    return Draft(f"计算：{m(f'{dec(dividend)}{DIV}{dec(divisor)}=')}{BLANK}", m(dec(quotient)), explanation,
                 {"a": dec(dividend), "b": dec(divisor)})


def _equation(rng: Random, x: int) -> tuple[str, list[str]]:
    """An equation with solution ``x`` and the working that solves it, in a textbook form."""
    a, b = rng.randint(2, 9), rng.randint(1, 50)
    form = rng.randrange(4)
    if form == 0:
        c = a * x + b
        return f"{linear(a, b)}={c}", [f"{a}x={c}-{b}", f"{a}x={c - b}", f"x={c - b}{DIV}{a}"]
    if form == 1:
        c = a * x - b
        require(c > 0)
        return f"{linear(a, -b)}={c}", [f"{a}x={c}+{b}", f"{a}x={c + b}", f"x={c + b}{DIV}{a}"]
    if form == 2:
        c = a * (x + b)
        return f"{a}(x+{b})={c}", [f"x+{b}={c}{DIV}{a}", f"x+{b}={c // a}", f"x={c // a}-{b}"]
    d = rng.randint(2, 9)
    require(d != a)
    c = (a + d) * x
    return f"{a}x+{d}x={c}", [f"{a + d}x={c}", f"x={c}{DIV}{a + d}"]


@template("math.g5.simple_equation", "解简易方程", grade=5,
          points=("math.g5a.u5.kp03", "math.g5a.u5.kp04"), kind=WORKED, difficulty=3, minutes=3)
def simple_equation(rng: Random) -> Draft:
    x = rng.randint(1, 30)
    equation, steps = _equation(rng, x)
    working = "，".join(m(step) for step in steps)
    explanation = (f"根据等式的性质，方程两边同时加、减、乘或除以同一个数（{m('0')} 除外），左右两边仍然相等："
                   f"{working}，{m(f'x={x}')}。检验：把 {m(f'x={x}')} 代入原方程，左边 {m('=')} 右边。")
    return Draft(f"解方程：{m(equation)}", m(f"x={x}"), explanation, {"equation": equation})


@template("math.g5.triangle_trapezoid_area", "三角形和梯形的面积", grade=5,
          points=("math.g5a.u6.kp02", "math.g5a.u6.kp03"), kind=CHOICE, difficulty=2, minutes=2)
def triangle_trapezoid_area(rng: Random) -> Draft:
    height = rng.randint(3, 20)
    if rng.random() < 0.5:
        base = rng.randint(4, 30)
        require(base * height % 2 == 0)
        area = base * height // 2
        stem = f"一个三角形的底是 {m(str(base))} 厘米，高是 {m(str(height))} 厘米，它的面积是{CHOICE_BLANK}平方厘米。"
        explanation = f"三角形的面积 {m(f'=底{TIMES}高{DIV}2={base}{TIMES}{height}{DIV}2={area}')}（平方厘米）。"
        wrong = (base * height, base * height * 2, base + height, area + base)
        return Draft(stem, m(str(area)), explanation, {"shape": "triangle", "base": base, "height": height},
                     tuple(m(str(w)) for w in wrong))
    top = rng.randint(3, 20)
    bottom = rng.randint(top + 1, 30)
    require((top + bottom) * height % 2 == 0)
    area = (top + bottom) * height // 2
    stem = (f"一个梯形的上底是 {m(str(top))} 米，下底是 {m(str(bottom))} 米，高是 {m(str(height))} 米，"
            f"它的面积是{CHOICE_BLANK}平方米。")
    explanation = (f"梯形的面积 {m(f'=(上底+下底){TIMES}高{DIV}2=({top}+{bottom}){TIMES}{height}{DIV}2={area}')}"
                   f"（平方米）。")
    wrong = ((top + bottom) * height, top * bottom * height // 2, bottom * height, top + bottom + height)
    return Draft(stem, m(str(area)), explanation, {"shape": "trapezoid", "top": top, "bottom": bottom, "height": height},
                 tuple(m(str(w)) for w in wrong))


@template("math.g5.composite_area", "组合图形的面积", grade=5,
          points=("math.g5a.u6.kp04",), kind=WORKED, difficulty=4, minutes=4)
def composite_area(rng: Random) -> Draft:
    if rng.random() < 0.5:
        length, width = rng.randint(10, 40), rng.randint(8, 30)
        cut_l, cut_w = rng.randint(2, length - 3), rng.randint(2, width - 3)
        require(width < length and cut_w < cut_l)
        area = length * width - cut_l * cut_w
        stem = (f"一块长方形铁皮长 {m(str(length))} 厘米、宽 {m(str(width))} 厘米，从一个角上剪去一个长 "
                f"{m(str(cut_l))} 厘米、宽 {m(str(cut_w))} 厘米的小长方形。剩下部分的面积是多少平方厘米？")
        explanation = (f"剩下部分的面积 {m('=')} 大长方形的面积 {m('-')} 剪去的小长方形的面积："
                       f"{m(f'{length}{TIMES}{width}-{cut_l}{TIMES}{cut_w}={length * width}-{cut_l * cut_w}={area}')}（平方厘米）。")
        return Draft(stem, f"{m(str(area))} 平方厘米", explanation,
                     {"shape": "cut", "length": length, "width": width, "cut_length": cut_l, "cut_width": cut_w})
    length, width, roof = rng.randint(6, 30), rng.randint(4, 20), rng.randint(2, 12)
    require(length * roof % 2 == 0 and width < length)
    area = length * width + length * roof // 2
    stem = (f"一面墙的下部是长 {m(str(length))} 米、宽 {m(str(width))} 米的长方形，上部是底为 {m(str(length))} 米、"
            f"高为 {m(str(roof))} 米的三角形。这面墙的面积是多少平方米？")
    explanation = (f"墙的面积 {m('=')} 长方形的面积 {m('+')} 三角形的面积："
                   f"{m(f'{length}{TIMES}{width}+{length}{TIMES}{roof}{DIV}2={length * width}+{length * roof // 2}={area}')}（平方米）。")
    return Draft(stem, f"{m(str(area))} 平方米", explanation,
                 {"shape": "house", "length": length, "width": width, "roof": roof})


_PLANTING = (
    ("在一条长 {L} 米的小路一侧，每隔 {d} 米栽一棵树（两端都要栽），一共要栽{blank}棵。", 1,
     "两端都栽，棵数比间隔数多 1"),
    ("在一条长 {L} 米的小路一侧，每隔 {d} 米栽一棵树（两端都不栽），一共要栽{blank}棵。", -1,
     "两端都不栽，棵数比间隔数少 1"),
    ("在一条长 {L} 米的小路一侧，每隔 {d} 米栽一棵树（只在一端栽），一共要栽{blank}棵。", 0,
     "只栽一端，棵数等于间隔数"),
    ("在周长 {L} 米的圆形花坛周围，每隔 {d} 米摆一盆花，一共要摆{blank}盆。", 0,
     "在封闭的图形上摆放，盆数等于间隔数"),
)


@template("math.g5.tree_planting", "植树问题", grade=5,
          points=("math.g5a.u7.kp01",), kind=CHOICE, difficulty=3, minutes=2)
def tree_planting(rng: Random) -> Draft:
    story, offset, rule = rng.choice(_PLANTING)
    gap, intervals = rng.choice((2, 3, 4, 5, 6, 8, 10)), rng.randint(6, 40)
    length = gap * intervals
    stem = story.format(L=m(str(length)), d=m(str(gap)), blank=CHOICE_BLANK)
    answer = intervals + offset
    explanation = f"间隔数 {m(f'={length}{DIV}{gap}={intervals}')}，{rule}，所以是 {m(str(answer))}。"
    wrong = tuple(m(str(intervals + k)) for k in (-1, 0, 1, 2) if k != offset)
    return Draft(stem, m(str(answer)), explanation, {"length": length, "gap": gap, "offset": offset}, wrong)


@template("math.g5.gcd_and_lcm", "最大公因数和最小公倍数", grade=5,
          points=("math.g5b.u4.kp05", "math.g5b.u4.kp07"), kind=FILL, difficulty=3, minutes=2)
def gcd_and_lcm(rng: Random) -> Draft:
    g = rng.randint(2, 12)
    p, q = rng.sample(range(2, 10), 2)
    require(math.gcd(p, q) == 1 and g * max(p, q) <= 100)
    a, b = g * p, g * q
    stem = f"{m(str(a))} 和 {m(str(b))} 的最大公因数是{BLANK}，最小公倍数是{BLANK}。"
    explanation = (f"{m(f'{a}={g}{TIMES}{p}')}，{m(f'{b}={g}{TIMES}{q}')}，{m(str(p))} 和 {m(str(q))} 互质。"
                   f"最大公因数是 {m(str(g))}；最小公倍数是 {m(f'{g}{TIMES}{p}{TIMES}{q}={g * p * q}')}。")
    return Draft(stem, m(str(g)) + ANSWER_SEPARATOR + m(str(g * p * q)), explanation, {"a": a, "b": b})


def _value_distinct(answer: Fraction, candidates: list[tuple[Fraction, str]]) -> tuple[str, ...]:
    """Texts of the candidates whose values differ from the answer and from each other."""
    seen, texts = {answer}, []
    for value, text in candidates:
        if value > 0 and value not in seen:
            seen.add(value)
            texts.append(text)
    return tuple(texts)


@template("math.g5.reduce_fraction", "约分", grade=5,
          points=("math.g5b.u4.kp06",), kind=CHOICE, difficulty=2, minutes=1)
def reduce_fraction(rng: Random) -> Draft:
    q0 = rng.randint(3, 15)
    p0 = rng.randint(1, q0 - 1)
    g = rng.randint(2, 9)
    require(math.gcd(p0, q0) == 1 and g * q0 <= 100)
    p, q = p0 * g, q0 * g
    stem = f"把 {m(fr(p, q))} 化成最简分数是{CHOICE_BLANK}。"
    working = fr(p, q) + "=" + fr(f"{p}{DIV}{g}", f"{q}{DIV}{g}") + "=" + fr(p0, q0)
    explanation = (f"{m(str(p))} 和 {m(str(q))} 的最大公因数是 {m(str(g))}，分子、分母同时除以 {m(str(g))}："
                   f"{m(working)}。")
    candidates = [(Fraction(p0, q), m(fr(p0, q))), (Fraction(p, q0), m(fr(p, q0))),
                  (Fraction(q0, p0), m(frac(Fraction(q0, p0)))), (Fraction(p0 + 1, q0 + 1), m(frac(Fraction(p0 + 1, q0 + 1))))]
    return Draft(stem, m(fr(p0, q0)), explanation, {"p": p, "q": q},
                 _value_distinct(Fraction(p0, q0), candidates))


def _proper(rng: Random) -> Fraction:
    d = rng.randint(2, 12)
    n = rng.randint(1, d - 1)
    require(math.gcd(n, d) == 1)
    return Fraction(n, d)


@template("math.g5.add_unlike_fractions", "异分母分数加减法", grade=5,
          points=("math.g5b.u6.kp02", "math.g5b.u4.kp08"), kind=CHOICE, difficulty=3, minutes=2)
def add_unlike_fractions(rng: Random) -> Draft:
    x, y = _proper(rng), _proper(rng)
    adding = rng.random() < 0.5
    require(x.denominator != y.denominator and (adding or x > y))
    require(math.lcm(x.denominator, y.denominator) <= 48)
    value = x + y if adding else x - y
    sign = "+" if adding else "-"
    a, b, c, d = x.numerator, x.denominator, y.numerator, y.denominator
    common = math.lcm(b, d)
    top = a * common // b + (1 if adding else -1) * c * common // d
    working = f"{fr(a, b)}{sign}{fr(c, d)}={fr(a * common // b, common)}{sign}{fr(c * common // d, common)}={fr(top, common)}"
    if Fraction(top, common).denominator != common:
        working += "=" + frac(value)
    explanation = f"先通分，化成分母是 {m(str(common))} 的分数再计算，结果要约分：{m(working)}。"
    naive_top = a + c if adding else a - c
    candidates = [
        (Fraction(naive_top, b + d) if naive_top > 0 else Fraction(0), m(frac(Fraction(max(naive_top, 0), b + d)))),
        (Fraction(naive_top, common) if naive_top > 0 else Fraction(0), m(frac(Fraction(max(naive_top, 0), common)))),
        (x - y if adding else x + y, m(frac(x - y if adding else x + y))),
        (value + Fraction(1, common), m(frac(value + Fraction(1, common)))),
        (value - Fraction(1, common), m(frac(value - Fraction(1, common)))),
    ]
    stem = f"计算：{m(f'{fr(a, b)}{sign}{fr(c, d)}=')}{CHOICE_BLANK}"
    return Draft(stem, m(frac(value)), explanation, {"a": a, "b": b, "c": c, "d": d, "op": sign},
                 _value_distinct(value, candidates))


@template("math.g5.cuboid_surface_and_volume", "长方体的表面积和体积", grade=5,
          points=("math.g5b.u3.kp03", "math.g5b.u3.kp04"), kind=FILL, difficulty=3, minutes=3)
def cuboid_surface_and_volume(rng: Random) -> Draft:
    a, b, h = rng.randint(3, 20), rng.randint(2, 15), rng.randint(2, 15)
    require(b < a)
    surface, volume = 2 * (a * b + a * h + b * h), a * b * h
    stem = (f"一个长方体的长是 {m(str(a))} 厘米，宽是 {m(str(b))} 厘米，高是 {m(str(h))} 厘米。"
            f"它的表面积是{BLANK}平方厘米，体积是{BLANK}立方厘米。")
    explanation = (f"表面积 {m(f'=(长{TIMES}宽+长{TIMES}高+宽{TIMES}高){TIMES}2=({a}{TIMES}{b}+{a}{TIMES}{h}+{b}{TIMES}{h}){TIMES}2={surface}')}"
                   f"（平方厘米）；体积 {m(f'=长{TIMES}宽{TIMES}高={a}{TIMES}{b}{TIMES}{h}={volume}')}（立方厘米）。")
    return Draft(stem, m(str(surface)) + ANSWER_SEPARATOR + m(str(volume)), explanation,
                 {"length": a, "width": b, "height": h})
