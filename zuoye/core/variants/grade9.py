"""Templates for grade 9 (九年级上册、下册): quadratic equations, quadratic and inverse
proportion functions, probability, similar triangles, arcs and sectors, trigonometry."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from random import Random

from .fmt import ANGLE, CDOT, PI, TIMES, TRIANGLE, deg, fr, frac, linear, m, paren, poly, signed
from .model import ANSWER_SEPARATOR, BLANK, CHOICE_BLANK, Draft, ItemType, Template, registrar, require

TEMPLATES: list[Template] = []
template = registrar(TEMPLATES)
CHOICE, FILL, WORKED = ItemType.SINGLE_CHOICE, ItemType.FILL_IN, ItemType.WORKED


def _factor(root: int) -> str:
    """The factor that vanishes at ``root``: 3 → (x-3), -2 → (x+2), 0 → x."""
    return "x" if root == 0 else f"(x{signed(-root)})"


@template("math.g9.quadratic_by_factoring", "因式分解法解一元二次方程", grade=9,
          points=("math.g9a.u21.kp04",), kind=WORKED, difficulty=3, minutes=4)
def quadratic_by_factoring(rng: Random) -> Draft:
    r1, r2 = rng.randint(-9, 9), rng.randint(-9, 9)
    require(r1 < r2 and r1 != 0 and r2 != 0)
    b, c = -(r1 + r2), r1 * r2
    equation = poly((1, "x^{2}"), (b, "x"), (c, "")) + "=0"
    explanation = (f"找两个数，积为 {m(str(c))}、和为 {m(str(-b))}：{m(str(r1))} 和 {m(str(r2))}。"
                   f"所以 {m(f'{_factor(r1)}{_factor(r2)}=0')}，{m(f'x{signed(-r1)}=0')} 或 {m(f'x{signed(-r2)}=0')}，"
                   f"解得 {m(f'x_{{1}}={r1}')}，{m(f'x_{{2}}={r2}')}。")
    return Draft(f"解方程：{m(equation)}", f"{m(f'x_{{1}}={r1}')}，{m(f'x_{{2}}={r2}')}", explanation,
                 {"b": b, "c": c})


@template("math.g9.sum_and_product_of_roots", "一元二次方程的根与系数的关系", grade=9,
          points=("math.g9a.u21.kp05",), kind=FILL, difficulty=3, minutes=2)
def sum_and_product_of_roots(rng: Random) -> Draft:
    a = rng.randint(1, 5)
    b, c = rng.randint(-12, 12), rng.randint(-12, 12)
    require(b != 0 and c != 0 and b * b - 4 * a * c > 0)
    equation = poly((a, "x^{2}"), (b, "x"), (c, "")) + "=0"
    total, product = Fraction(-b, a), Fraction(c, a)
    stem = (f"若 {m('x_{1}')}，{m('x_{2}')} 是方程 {m(equation)} 的两个根，则 {m('x_{1}+x_{2}=')}{BLANK}，"
            f"{m('x_{1}x_{2}=')}{BLANK}。")
    sum_rule = "x_{1}+x_{2}=-" + fr("b", "a") + "=" + frac(total)
    product_rule = "x_{1}x_{2}=" + fr("c", "a") + "=" + frac(product)
    discriminant = f"{b}^{{2}}-4{TIMES}{a}{TIMES}{paren(c)}={b * b - 4 * a * c}>0"
    explanation = (f"判别式 {m(discriminant)}，方程有两个不相等的实数根。由根与系数的关系，"
                   f"{m(sum_rule)}，{m(product_rule)}。")
    return Draft(stem, m(frac(total)) + ANSWER_SEPARATOR + m(frac(product)), explanation, {"a": a, "b": b, "c": c})


BACKSIM = "\\backsim "
_BAG_COLOURS = ("红", "白", "黄", "蓝")


@template("math.g9.probability_from_a_bag", "概率的意义与计算", grade=9,
          points=("math.g9a.u25.kp02",), kind=CHOICE, difficulty=2, minutes=2)
def probability_from_a_bag(rng: Random) -> Draft:
    kinds = rng.randint(2, 3)
    counts = [rng.randint(1, 9) for _ in range(kinds)]
    colours = _BAG_COLOURS[:kinds]
    target = rng.randrange(kinds)
    total = sum(counts)
    listed = "、".join(f"{m(str(n))} 个{c}球" for n, c in zip(counts, colours))
    stem = (f"一个不透明的袋子里装有 {listed}，这些球除颜色外都相同。从中任意摸出一个球，"
            f"摸到{colours[target]}球的概率是{CHOICE_BLANK}")
    value = Fraction(counts[target], total)
    explanation = (f"袋中共有 {m('+'.join(map(str, counts)) + '=' + str(total))} 个球，每个球被摸到的可能性相同，"
                   f"其中{colours[target]}球有 {m(str(counts[target]))} 个，所以 {m(f'P={fr(counts[target], total)}={frac(value)}')}。"
                   if value.denominator != total else
                   f"袋中共有 {m('+'.join(map(str, counts)) + '=' + str(total))} 个球，每个球被摸到的可能性相同，"
                   f"其中{colours[target]}球有 {m(str(counts[target]))} 个，所以 {m(f'P={frac(value)}')}。")
    others = total - counts[target]
    candidates = [Fraction(counts[target], others) if others else Fraction(0), Fraction(others, total),
                  Fraction(1, kinds), Fraction(counts[target], total + 1), Fraction(1, total)]
    seen, wrong = {value}, []
    for c in candidates:
        if 0 < c <= 1 and c not in seen:
            seen.add(c)
            wrong.append(m(frac(c)))
    return Draft(stem, m(frac(value)), explanation, {"counts": ",".join(map(str, counts)), "target": target},
                 tuple(wrong))


DiceEvent = tuple[str, Callable[[int, int, int], bool], Sequence[int]]
_DICE_EVENTS: dict[str, DiceEvent] = {
    "sum": ("点数之和为 {v}", lambda i, j, v: i + j == v, range(3, 12)),
    "sum_above": ("点数之和大于 {v}", lambda i, j, v: i + j > v, range(4, 11)),
    "product": ("点数之积为 {v}", lambda i, j, v: i * j == v, (4, 6, 8, 12, 18, 24)),
    "difference": ("点数之差的绝对值为 {v}", lambda i, j, v: abs(i - j) == v, range(1, 6)),
}


@template("math.g9.two_dice", "用列举法求概率", grade=9,
          points=("math.g9a.u25.kp03",), kind=FILL, difficulty=3, minutes=3)
def two_dice(rng: Random) -> Draft:
    event = rng.choice(sorted(_DICE_EVENTS))
    words, happens, values = _DICE_EVENTS[event]
    v = rng.choice(tuple(values))
    pairs = [(i, j) for i in range(1, 7) for j in range(1, 7) if happens(i, j, v)]
    value = Fraction(len(pairs), 36)
    described = words.format(v=m(str(v)))
    stem = f"同时掷两枚质地均匀的骰子，{described} 的概率是{BLANK}。"
    listed = ",".join(f"({i},{j})" for i, j in pairs)
    shown = f"有 {m(listed)}，" if len(pairs) <= 6 else ""
    explanation = (f"列表可知共有 {m(f'6{TIMES}6=36')} 种等可能的结果，其中{described} 的{shown}"
                   f"共 {m(str(len(pairs)))} 种，所以 {m(f'P={fr(len(pairs), 36)}={frac(value)}')}。")
    return Draft(stem, m(frac(value)), explanation, {"event": event, "value": v})


@template("math.g9.similar_triangles", "相似三角形的性质", grade=9,
          points=("math.g9b.u27.kp03",), kind=FILL, difficulty=3, minutes=2)
def similar_triangles(rng: Random) -> Draft:
    p, q = rng.randint(1, 5), rng.randint(2, 6)
    require(p != q and math.gcd(p, q) == 1)
    similar = TRIANGLE + "ABC" + BACKSIM + TRIANGLE + "DEF"
    if rng.random() < 0.5:
        k = rng.randint(1, 6)
        ab, de, bc = p * k * 2, q * k * 2, p * rng.randint(1, 8)
        ef = bc * q // p
        require(bc * q % p == 0)
        stem = f"已知 {m(similar)}，{m(f'AB={ab}')}，{m(f'DE={de}')}，{m(f'BC={bc}')}，则 {m('EF=')}{BLANK}。"
        ratio = fr("AB", "DE") + "=" + fr("BC", "EF")
        explanation = (f"相似三角形的对应边成比例，{m(ratio)}，即 {m(fr(ab, de) + '=' + fr(bc, 'EF'))}，"
                       f"所以 {m(f'EF={ef}')}。")
        return Draft(stem, m(str(ef)), explanation, {"ask": "side", "AB": ab, "DE": de, "BC": bc})
    stem = f"已知 {m(similar)}，相似比为 {m(f'{p}:{q}')}，则它们的面积比是{BLANK}。"
    explanation = f"相似三角形的面积比等于相似比的平方：{m(f'{p}^{{2}}:{q}^{{2}}={p * p}:{q * q}')}。"
    return Draft(stem, m(f"{p * p}:{q * q}"), explanation, {"ask": "area", "p": p, "q": q})


@template("math.g9.parabola_vertex", "二次函数的顶点坐标", grade=9,
          points=("math.g9a.u22.kp03", "math.g9a.u22.kp04"), kind=CHOICE, difficulty=3, minutes=2)
def parabola_vertex(rng: Random) -> Draft:
    a, h, k = rng.choice((-3, -2, -1, 1, 2, 3)), rng.randint(-5, 5), rng.randint(-9, 9)
    require(h != 0 and k != 0 and h != k)
    b, c = -2 * a * h, a * h * h + k
    function = "y=" + poly((a, "x^{2}"), (b, "x"), (c, ""))
    vertex_form = f"y={'-' if a == -1 else ('' if a == 1 else a)}(x{signed(-h)})^{{2}}{signed(k)}"
    formula = "x=-" + fr("b", "2a") + f"={h}"
    explanation = (f"配方：{m(f'{function[2:]}={vertex_form[2:]}')}，所以顶点坐标是 {m(f'({h},{k})')}。"
                   f"（也可用 {m(formula)} 求出横坐标，再代入求纵坐标。）")
    wrong = (f"({-h},{k})", f"({h},{-k})", f"({-h},{-k})", f"({k},{h})")
    return Draft(f"二次函数 {m(function)} 的图象的顶点坐标是{CHOICE_BLANK}", m(f"({h},{k})"), explanation,
                 {"a": a, "b": b, "c": c}, tuple(m(w) for w in wrong))


@template("math.g9.inverse_proportion", "反比例函数", grade=9,
          points=("math.g9b.u26.kp01", "math.g9b.u26.kp02"), kind=FILL, difficulty=3, minutes=2)
def inverse_proportion(rng: Random) -> Draft:
    x0, y0 = rng.randint(-6, 6), rng.randint(-6, 6)
    require(x0 != 0 and y0 != 0 and abs(x0 * y0) >= 2)
    k = x0 * y0
    curve = "y=" + ("-" if k < 0 else "") + fr(abs(k), "x")
    x1 = rng.choice([d for d in range(-12, 13) if d and k % d == 0 and d != x0])
    y1 = k // x1
    stem = (f"反比例函数 {m('y=' + fr('k', 'x'))} 的图象经过点 {m(f'A({x0},{y0})')}，则 {m('k=')}{BLANK}；"
            f"当 {m(f'x={x1}')} 时，{m('y=')}{BLANK}。")
    explanation = (f"把点 {m(f'A({x0},{y0})')} 的坐标代入，{m(f'k=xy={paren(x0)}{TIMES}{paren(y0)}={k}')}，"
                   f"所以 {m(curve)}；当 {m(f'x={x1}')} 时，{m('y=' + fr(k, paren(x1)) + f'={y1}')}。")
    return Draft(stem, m(str(k)) + ANSWER_SEPARATOR + m(str(y1)), explanation, {"x0": x0, "y0": y0, "x1": x1})


def _pi_multiple(value: Fraction) -> str:
    """A multiple of π as textbooks write it: 2π, π, \\frac{3}{2}π."""
    if value == 1:
        return PI
    return frac(value) + PI


@template("math.g9.arc_length_and_sector_area", "弧长和扇形面积", grade=9,
          points=("math.g9a.u24.kp09",), kind=FILL, difficulty=3, minutes=3)
def arc_length_and_sector_area(rng: Random) -> Draft:
    n = rng.choice((30, 36, 40, 45, 60, 72, 90, 120, 135, 150))
    r = rng.randint(2, 12)
    arc, area = Fraction(n * r, 180), Fraction(n * r * r, 360)
    stem = (f"已知扇形的圆心角为 {m(deg(n))}，半径为 {m(str(r))}，则这个扇形的弧长是{BLANK}，"
            f"面积是{BLANK}。（结果保留 {m(PI)}）")
    arc_rule = "l=" + fr("n" + PI + " r", 180) + "=" + fr(f"{n}{PI}{TIMES}{r}", 180) + "=" + _pi_multiple(arc)
    area_rule = "S=" + fr("n" + PI + " r^{2}", 360) + "=" + fr(f"{n}{PI}{TIMES}{r}^{{2}}", 360) + "=" + _pi_multiple(area)
    explanation = f"弧长 {m(arc_rule)}；扇形面积 {m(area_rule)}。"
    return Draft(stem, m(_pi_multiple(arc)) + ANSWER_SEPARATOR + m(_pi_multiple(area)), explanation, {"n": n, "r": r})


TRIG_TERMS = (
    ("\\sin 30^\\circ", Fraction(1, 2)), ("\\cos 60^\\circ", Fraction(1, 2)), ("\\tan 45^\\circ", Fraction(1)),
    ("\\sin^{2}45^\\circ", Fraction(1, 2)), ("\\cos^{2}30^\\circ", Fraction(3, 4)), ("\\tan^{2}60^\\circ", Fraction(3)),
    ("\\cos^{2}45^\\circ", Fraction(1, 2)), ("\\sin^{2}60^\\circ", Fraction(3, 4)), ("\\tan^{2}30^\\circ", Fraction(1, 3)),
)
"""Special-angle terms whose exact values are rational, so the answer is a plain fraction."""


@template("math.g9.special_angle_values", "特殊角的三角函数值", grade=9,
          points=("math.g9b.u28.kp03",), kind=CHOICE, difficulty=3, minutes=2)
def special_angle_values(rng: Random) -> Draft:
    (t1, v1), (t2, v2) = rng.sample(TRIG_TERMS, 2)
    c1, c2 = rng.randint(1, 4), rng.choice((-3, -2, -1, 1, 2, 3))
    value = c1 * v1 + c2 * v2
    expression = poly((c1, t1), (c2, t2))
    first = frac(v1) if c1 == 1 else f"{c1}{TIMES}{frac(v1)}"
    second = f"{signed(c2)[0]}{frac(v2)}" if abs(c2) == 1 else f"{signed(c2)}{TIMES}{frac(v2)}"
    explanation = f"代入特殊角的三角函数值：{m(f'{expression}={first}{second}={frac(value)}')}。"
    wrong = (value + Fraction(1, 2), value - Fraction(1, 2), value + 1, c1 * v2 + c2 * v1, 2 * value)
    seen, texts = {value}, []
    for w in wrong:
        if w not in seen:
            seen.add(w)
            texts.append(m(frac(w)))
    return Draft(f"计算：{m(expression)} 的值是{CHOICE_BLANK}", m(frac(value)), explanation,
                 {"first": t1, "second": t2, "c1": c1, "c2": c2}, tuple(texts))


@template("math.g9.trigonometric_ratios", "锐角三角函数的定义", grade=9,
          points=("math.g9b.u28.kp01", "math.g9b.u28.kp02"), kind=FILL, difficulty=3, minutes=2)
def trigonometric_ratios(rng: Random) -> Draft:
    a, b, c = rng.choice(((3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25)))
    if rng.random() < 0.5:
        a, b = b, a
    k = rng.randint(1, 4)
    bc, ac, ab = a * k, b * k, c * k
    ratio = rng.choice(("sin", "cos", "tan"))
    parts = {"sin": ("BC", "AB", bc, ab, "对边", "斜边"), "cos": ("AC", "AB", ac, ab, "邻边", "斜边"),
             "tan": ("BC", "AC", bc, ac, "对边", "邻边")}[ratio]
    top, bottom, x, y, top_word, bottom_word = parts
    value = Fraction(x, y)
    right = "\\text{Rt}" + TRIANGLE + "ABC"
    given = f"{m(f'BC={bc}')}，{m(f'AC={ac}')}" if ratio != "tan" or rng.random() < 0.5 else f"{m(f'AB={ab}')}，{m(f'BC={bc}')}"
    stem = f"在 {m(right)} 中，{m(ANGLE + 'C=' + deg(90))}，{given}，则 {m(chr(92) + ratio + ' A=')}{BLANK}。"
    rule = chr(92) + ratio + " A=" + fr(top, bottom) + "=" + fr(x, y) + ("=" + frac(value) if value.denominator != y else "")
    explanation = (f"由勾股定理，三边长为 {m(f'BC={bc}')}，{m(f'AC={ac}')}，{m(f'AB={ab}')}。"
                   f"{m(chr(92) + ratio + ' A')} 等于 {m(ANGLE + 'A')} 的{top_word}比{bottom_word}：{m(rule)}。")
    return Draft(stem, m(frac(value)), explanation, {"BC": bc, "AC": ac, "AB": ab, "ratio": ratio})
