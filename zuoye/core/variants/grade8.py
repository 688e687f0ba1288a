"""Templates for grade 8 (八年级上册、下册): triangles and polygons, multiplication formulas and
factorisation, fractional equations, negative exponents, Pythagoras, linear functions, data."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from random import Random

from .fmt import ANGLE, DIV, NE, TIMES, TRIANGLE, dec, deg, fr, frac, linear, m, paren, poly, signed
from .model import ANSWER_SEPARATOR, BLANK, CHOICE_BLANK, Draft, ItemType, Template, registrar, require

TEMPLATES: list[Template] = []
template = registrar(TEMPLATES)
CHOICE, FILL, WORKED = ItemType.SINGLE_CHOICE, ItemType.FILL_IN, ItemType.WORKED
TRIPLES = ((3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25), (20, 21, 29), (9, 40, 41))


@template("math.g8.pythagoras", "勾股定理", grade=8,
          points=("math.g8b.u17.kp01",), kind=FILL, difficulty=3, minutes=2)
def pythagoras(rng: Random) -> Draft:
    a, b, c = rng.choice(TRIPLES)
    k = rng.randint(1, 100 // c)
    a, b, c = a * k, b * k, c * k
    if rng.random() < 0.5:
        a, b = b, a
    right = "\\text{Rt}" + TRIANGLE + "ABC"
    if rng.random() < 0.5:
        stem = f"在 {m(right)} 中，{m(ANGLE + 'C=' + deg(90))}，{m(f'AC={a}')}，{m(f'BC={b}')}，则 {m('AB=')}{BLANK}。"
        explanation = f"由勾股定理，{m(f'AB^{{2}}=AC^{{2}}+BC^{{2}}={a}^{{2}}+{b}^{{2}}={c * c}')}，所以 {m(f'AB={c}')}。"
        return Draft(stem, m(str(c)), explanation, {"ask": "hypotenuse", "AC": a, "BC": b})
    stem = f"在 {m(right)} 中，{m(ANGLE + 'C=' + deg(90))}，{m(f'AB={c}')}，{m(f'AC={a}')}，则 {m('BC=')}{BLANK}。"
    explanation = (f"{m('AB')} 是斜边，由勾股定理，{m(f'BC^{{2}}=AB^{{2}}-AC^{{2}}={c}^{{2}}-{a}^{{2}}={b * b}')}，"
                   f"所以 {m(f'BC={b}')}。")
    return Draft(stem, m(str(b)), explanation, {"ask": "leg", "AB": c, "AC": a})


@template("math.g8.factorisation", "因式分解（提公因式法与公式法）", grade=8,
          points=("math.g8a.u14.kp07", "math.g8a.u14.kp08"), kind=CHOICE, difficulty=3, minutes=2)
def factorisation(rng: Random) -> Draft:
    n, k = rng.randint(1, 9), rng.randint(2, 6)
    form = rng.randrange(3)
    if form == 0:
        given = f"{k}x^{{2}}-{k * n * n}"
        answer = f"{k}(x+{n})(x-{n})"
        explanation = f"先提公因式 {m(str(k))}，再用平方差公式：{m(f'{given}={k}(x^{{2}}-{n * n})={answer}')}。"
        wrong = (f"{k}(x-{n})^{{2}}",
                 f"{k}(x+{n})^{{2}}", f"({k}x+{n})({k}x-{n})", f"(x+{k * n})(x-{k * n})")
    elif form == 1:
        sign = rng.choice(("+", "-"))
        given = f"x^{{2}}{sign}{2 * n}x+{n * n}"
        answer = f"(x{sign}{n})^{{2}}"
        other = "-" if sign == "+" else "+"
        explanation = f"用完全平方公式 {m('a^{2}' + sign + '2ab+b^{2}=(a' + sign + 'b)^{2}')}：{m(f'{given}={answer}')}。"
        wrong = (f"(x{other}{n})^{{2}}", f"(x+{n})(x-{n})", f"(x{sign}{2 * n})^{{2}}", f"(x{sign}{n})(x{sign}{n + 1})")
    else:
        given = f"{k}x^{{2}}+{k * n}x"
        answer = f"{k}x(x+{n})"
        explanation = f"各项都有公因式 {m(f'{k}x')}，提出来：{m(f'{given}={answer}')}。"
        wrong = (f"x({k}x+{n})", f"{k}x(x+{k * n})", f"{k}(x^{{2}}+{n})", f"{k}x(x-{n})")
    stem = f"把 {m(given)} 因式分解，结果是{CHOICE_BLANK}"
    return Draft(stem, m(answer), explanation, {"form": form, "n": n, "k": k}, tuple(m(w) for w in wrong))


@template("math.g8.exterior_angle", "三角形的外角", grade=8,
          points=("math.g8a.u11.kp05",), kind=FILL, difficulty=2, minutes=2)
def exterior_angle(rng: Random) -> Draft:
    a, b = rng.randint(20, 80), rng.randint(20, 80)
    require(a != b)
    setting = f"点 {m('D')} 在 {m('BC')} 的延长线上，{m(ANGLE + 'ACD')} 是 {m(TRIANGLE + 'ABC')} 的外角，"
    if rng.random() < 0.5:
        stem = f"{setting}{m(ANGLE + 'A=' + deg(a))}，{m(ANGLE + 'B=' + deg(b))}，则 {m(ANGLE + 'ACD=')}{BLANK}。"
        explanation = (f"三角形的一个外角等于与它不相邻的两个内角的和："
                       f"{m(f'{ANGLE}ACD={ANGLE}A+{ANGLE}B={deg(a)}+{deg(b)}={deg(a + b)}')}。")
        return Draft(stem, m(deg(a + b)), explanation, {"ask": "exterior", "A": a, "B": b})
    stem = f"{setting}{m(ANGLE + 'ACD=' + deg(a + b))}，{m(ANGLE + 'A=' + deg(a))}，则 {m(ANGLE + 'B=')}{BLANK}。"
    explanation = (f"{m(f'{ANGLE}ACD={ANGLE}A+{ANGLE}B')}，所以 "
                   f"{m(f'{ANGLE}B={deg(a + b)}-{deg(a)}={deg(b)}')}。")
    return Draft(stem, m(deg(b)), explanation, {"ask": "interior", "ACD": a + b, "A": a})


REGULAR = {5: "五", 6: "六", 8: "八", 9: "九", 10: "十", 12: "十二", 15: "十五", 18: "十八", 20: "二十"}


@template("math.g8.polygon_angles", "多边形的内角和", grade=8,
          points=("math.g8a.u11.kp06",), kind=FILL, difficulty=3, minutes=2)
def polygon_angles(rng: Random) -> Draft:
    n = rng.choice(tuple(REGULAR))
    total = (n - 2) * 180
    ask = rng.choice(("sum", "each", "sides"))
    if ask == "sum":
        stem = f"{REGULAR[n]}边形的内角和是{BLANK}。"
        answer = deg(total)
        explanation = f"{m('n')} 边形的内角和是 {m(f'(n-2){TIMES}{deg(180)}')}：{m(f'({n}-2){TIMES}{deg(180)}={deg(total)}')}。"
    elif ask == "each":
        require(total % n == 0)
        stem = f"正{REGULAR[n]}边形的每一个内角是{BLANK}。"
        answer = deg(total // n)
        explanation = (f"内角和 {m(f'({n}-2){TIMES}{deg(180)}={deg(total)}')}，正多边形各内角相等，"
                       f"{m(f'{deg(total)}{DIV}{n}={deg(total // n)}')}。")
    else:
        stem = f"一个多边形的内角和是 {m(deg(total))}，它是{BLANK}边形。"
        answer = str(n)
        explanation = f"设它是 {m('n')} 边形，{m(f'(n-2){TIMES}180={total}')}，解得 {m(f'n={n}')}。"
    return Draft(stem, m(answer), explanation, {"ask": ask, "n": n})


@template("math.g8.line_through_two_points", "待定系数法求一次函数解析式", grade=8,
          points=("math.g8b.u19.kp04", "math.g8b.u19.kp05"), kind=CHOICE, difficulty=3, minutes=3)
def line_through_two_points(rng: Random) -> Draft:
    k, b = rng.randint(-5, 5), rng.randint(-9, 9)
    x1, x2 = rng.sample(range(-4, 5), 2)
    require(k != 0 and b != 0 and abs(k) != abs(b))
    y1, y2 = k * x1 + b, k * x2 + b
    stem = f"一次函数的图象经过点 {m(f'({x1},{y1})')} 和 {m(f'({x2},{y2})')}，这个一次函数的解析式是{CHOICE_BLANK}"
    first = f"{y1}={poly((x1, 'k'), (1, 'b'))}"
    second = f"{y2}={poly((x2, 'k'), (1, 'b'))}"
    slope = fr(f"{y2}-{paren(y1)}", f"{x2}-{paren(x1)}") + f"={k}"
    explanation = (f"设 {m('y=kx+b')}，把两点的坐标代入，得 {m(first)}，{m(second)}。两式相减，得 "
                   f"{m('k=' + slope)}，再代入得 {m(f'b={b}')}，所以 {m(f'y={linear(k, b)}')}。")
    wrong = (f"y={linear(k, -b)}", f"y={linear(-k, b)}", f"y={linear(b, k)}", f"y={linear(-k, -b)}")
    return Draft(stem, m(f"y={linear(k, b)}"), explanation, {"x1": x1, "y1": y1, "x2": x2, "y2": y2},
                 tuple(m(w) for w in wrong))


@template("math.g8.median_and_mode", "中位数和众数", grade=8,
          points=("math.g8b.u20.kp02",), kind=FILL, difficulty=2, minutes=2)
def median_and_mode(rng: Random) -> Draft:
    count = rng.choice((6, 7, 8, 9))
    values = [rng.randint(60, 100) for _ in range(count - 2)]
    mode = rng.choice(values)
    values += [mode, mode]
    rng.shuffle(values)
    tallies = sorted(((values.count(v), v) for v in set(values)), reverse=True)
    require(tallies[0][0] > tallies[1][0])
    ordered = sorted(values)
    middle = count // 2
    median = Decimal(ordered[middle]) if count % 2 else Decimal(ordered[middle - 1] + ordered[middle]) / 2
    listed = ", ".join(str(v) for v in values)
    stem = f"某小组 {m(str(count))} 名同学的数学成绩（单位：分）是 {m(listed)}。这组数据的中位数是{BLANK}，众数是{BLANK}。"
    if count % 2:
        how = f"排在正中间的是第 {m(str(middle + 1))} 个数 {m(dec(median))}"
    else:
        how = (f"正中间两个数是 {m(str(ordered[middle - 1]))} 和 {m(str(ordered[middle]))}，"
               f"中位数是 {m(f'({ordered[middle - 1]}+{ordered[middle]}){DIV}2={dec(median)}')}")
    explanation = (f"从小到大排列：{m(', '.join(str(v) for v in ordered))}。{how}；"
                   f"{m(str(mode))} 出现了 {m(str(tallies[0][0]))} 次，次数最多，众数是 {m(str(mode))}。")
    return Draft(stem, m(dec(median)) + ANSWER_SEPARATOR + m(str(mode)), explanation, {"values": listed})


@template("math.g8.perfect_square_expansion", "完全平方公式", grade=8,
          points=("math.g8a.u14.kp06",), kind=CHOICE, difficulty=3, minutes=2)
def perfect_square_expansion(rng: Random) -> Draft:
    a, b = rng.randint(1, 5), rng.randint(1, 9)
    sign = rng.choice((1, -1))
    require(not (a == 1 and b == 1))
    square = f"({linear(a, sign * b)})^{{2}}"
    answer = poly((a * a, "x^{2}"), (2 * a * b * sign, "x"), (b * b, ""))
    op = "+" if sign > 0 else "-"
    first = "x^{2}" if a == 1 else f"({a}x)^{{2}}"
    middle = f"{op}2{TIMES}{linear(a, 0)}{TIMES}{b}"
    explanation = (f"用完全平方公式 {m(f'(a{op}b)^{{2}}=a^{{2}}{op}2ab+b^{{2}}')}："
                   f"{m(f'{square}={first}{middle}+{b}^{{2}}={answer}')}。")
    wrong = (poly((a * a, "x^{2}"), (b * b, "")), poly((a * a, "x^{2}"), (a * b * sign, "x"), (b * b, "")),
             poly((a, "x^{2}"), (2 * a * b * sign, "x"), (b * b, "")), poly((a * a, "x^{2}"), (-2 * a * b * sign, "x"), (b * b, "")))
    return Draft(f"计算：{m(square)}，结果是{CHOICE_BLANK}", m(answer), explanation, {"a": a, "b": b, "sign": sign},
                 tuple(m(w) for w in wrong))


@template("math.g8.fractional_equation", "解分式方程", grade=8,
          points=("math.g8a.u15.kp06",), kind=WORKED, difficulty=4, minutes=5)
def fractional_equation(rng: Random) -> Draft:
    a, b = rng.sample(range(1, 7), 2)
    t = rng.choice((-3, -2, -1, 1, 2, 3))
    x = rng.randint(-6, 8)
    p, q = a * t - x, b * t - x
    require(p != q and p != 0 and q != 0)
    left, right = f"x{signed(p)}", f"x{signed(q)}"
    equation = f"{fr(a, left)}={fr(b, right)}"
    combined = f"{linear(a - b, 0)}={b * p - a * q}"
    solved = "" if combined == f"x={x}" else f"，所以 {m(f'x={x}')}"
    check = f"({left})({right})={(x + p) * (x + q)}" + NE + "0"
    explanation = (f"方程两边同乘最简公分母 {m(f'({left})({right})')}，得 {m(f'{a}({right})={b}({left})')}，"
                   f"即 {m(f'{linear(a, a * q)}={linear(b, b * p)}')}，移项、合并得 {m(combined)}{solved}。"
                   f"检验：当 {m(f'x={x}')} 时，{m(check)}，所以 {m(f'x={x}')} 是原分式方程的解。")
    return Draft(f"解分式方程：{m(equation)}", m(f"x={x}"), explanation, {"a": a, "b": b, "p": p, "q": q})


@template("math.g8.small_numbers_in_scientific_notation", "用科学记数法表示较小的数", grade=8,
          points=("math.g8a.u15.kp05",), kind=FILL, difficulty=2, minutes=1)
def small_numbers_in_scientific_notation(rng: Random) -> Draft:
    digits = Decimal(rng.randint(11, 99)) / 10
    require(digits != digits.to_integral_value())
    power = rng.randint(2, 8)
    value = digits / Decimal(10) ** power
    written = format(value, "f")
    stem = f"用科学记数法表示 {m(written)}：{m(written + '=')}{BLANK}"
    answer = f"{dec(digits)}{TIMES}10^{{-{power}}}"
    explanation = (f"把 {m(written)} 写成 {m('a' + TIMES + '10^{-n}')}（{m('1' + chr(92) + 'leq a<10')}）的形式："
                   f"小数点向右移动 {m(str(power))} 位得到 {m(dec(digits))}，所以 {m(f'{written}={answer}')}。")
    return Draft(stem, m(answer), explanation, {"number": written})
