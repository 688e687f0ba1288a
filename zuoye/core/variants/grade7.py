"""Templates for grade 7 (七年级上册、下册): rational numbers, like terms, linear equations
and systems, complementary angles, inequalities, square and cube roots."""

from __future__ import annotations

import math
from fractions import Fraction
from random import Random

from .fmt import DIV, PM, TIMES, deg, frac, linear, m, paren, poly, signed, sqrt
from .model import ANSWER_SEPARATOR, BLANK, CHOICE_BLANK, Draft, ItemType, Template, registrar, require

TEMPLATES: list[Template] = []
template = registrar(TEMPLATES)
CHOICE, FILL, WORKED = ItemType.SINGLE_CHOICE, ItemType.FILL_IN, ItemType.WORKED


def _nonzero(rng: Random, low: int, high: int) -> int:
    value = rng.randint(low, high)
    require(value != 0)
    return value


def _rational_expression(rng: Random) -> tuple[str, list[str], int]:
    pattern = rng.randrange(4)
    if pattern == 0:
        a, b, c = rng.randint(-20, 20), rng.randint(2, 9), rng.randint(2, 9)
        value = a - b * -c
        return f"{a}-{b}{TIMES}(-{c})", [f"{a}-(-{b * c})", f"{a}+{b * c}", str(value)], value
    if pattern == 1:
        b, q = rng.randint(2, 9), rng.randint(2, 12)
        c, d = rng.randint(2, 9), rng.randint(2, 9)
        value = -q - c * d
        return (f"(-{b * q}){DIV}{b}+{c}{TIMES}(-{d})", [f"(-{q})+(-{c * d})", str(value)], value)
    if pattern == 2:
        k, n, c = rng.randint(2, 3), rng.randint(2, 3), rng.randint(-10, 10)
        power = (-k) ** n
        value = power + c
        tail = signed(c)
        return f"(-{k})^{{{n}}}{tail}", [f"{paren(power)}{tail}", str(value)], value
    a, b, c = rng.randint(2, 6), rng.randint(2, 9), rng.randint(2, 9)
    require(b != c)
    value = -(a * a) + (b - c) * 2
    return (f"-{a}^{{2}}+({b}-{c}){TIMES}2", [f"-{a * a}+{paren(b - c)}{TIMES}2", f"-{a * a}{signed(2 * (b - c))}", str(value)],
            value)


@template("math.g7.rational_arithmetic", "有理数的混合运算", grade=7,
          points=("math.g7a.u1.kp07", "math.g7a.u1.kp09", "math.g7a.u1.kp10", "math.g7a.u1.kp11"),
          kind=FILL, difficulty=3, minutes=2)
def rational_arithmetic(rng: Random) -> Draft:
    expression, steps, value = _rational_expression(rng)
    explanation = f"先算乘方，再算乘除，最后算加减，每一步先定符号：{m('='.join([expression, *steps]))}。"
    if "^" in expression:
        explanation += f"注意 {m('-a^{2}')} 表示 {m('a^{2}')} 的相反数，{m('(-a)^{2}')} 才是 {m('-a')} 的平方。"
    return Draft(f"计算：{m(expression + '=')}{BLANK}", m(str(value)), explanation, {"expression": expression})


@template("math.g7.opposite_and_absolute_value", "相反数与绝对值", grade=7,
          points=("math.g7a.u1.kp04", "math.g7a.u1.kp05"), kind=CHOICE, difficulty=2, minutes=1)
def opposite_and_absolute_value(rng: Random) -> Draft:
    n = Fraction(rng.randint(2, 12)) if rng.random() < 0.6 else Fraction(rng.randint(1, 5), rng.randint(6, 9))
    require(n.denominator == 1 or n.numerator < n.denominator)
    ask = rng.choice(("opposite", "abs_opposite", "abs_equals"))
    if ask == "opposite":
        stem, answer = f"{m(frac(-n))} 的相反数是{CHOICE_BLANK}。", frac(n)
        why = f"只有符号不同的两个数互为相反数，{m(frac(-n))} 的相反数是 {m(frac(n))}。"
    elif ask == "abs_opposite":
        stem, answer = f"{m(f'|{frac(-n)}|')} 的相反数是{CHOICE_BLANK}。", frac(-n)
        why = f"{m(f'|{frac(-n)}|={frac(n)}')}，{m(frac(n))} 的相反数是 {m(frac(-n))}。"
    else:
        stem, answer = f"绝对值等于 {m(frac(n))} 的数是{CHOICE_BLANK}。", f"{PM}{frac(n)}"
        why = f"数轴上到原点的距离是 {m(frac(n))} 的点有两个，所以绝对值等于 {m(frac(n))} 的数是 {m(f'{PM}{frac(n)}')}。"
    pool = (frac(n), frac(-n), f"{PM}{frac(n)}", frac(1 / n), frac(-1 / n))
    return Draft(stem, m(answer), why, {"n": frac(n), "ask": ask}, tuple(m(p) for p in pool))


@template("math.g7.combine_like_terms", "合并同类项", grade=7,
          points=("math.g7a.u2.kp04",), kind=CHOICE, difficulty=2, minutes=2)
def combine_like_terms(rng: Random) -> Draft:
    a, b, c, d = (_nonzero(rng, -9, 9) for _ in range(4))
    require(a + c != 0 and b + d != 0 and len({a, b, c, d}) > 2)
    expression = poly((a, "x"), (b, "y"), (c, "x"), (d, "y"))
    answer = poly((a + c, "x"), (b + d, "y"))
    explanation = (f"把同类项的系数相加，字母和字母的指数不变："
                   f"{m(f'{expression}=({a}{signed(c)})x+({b}{signed(d)})y={answer}')}。")
    wrong = (poly((a - c, "x"), (b + d, "y")), poly((a + c, "x"), (b - d, "y")),
             poly((a + b + c + d, "xy"),), poly((-(a + c), "x"), (b + d, "y")))
    return Draft(f"化简：{m(expression)}，结果是{CHOICE_BLANK}", m(answer), explanation,
                 {"a": a, "b": b, "c": c, "d": d}, tuple(m(w) for w in wrong if w != "0"))


def _equation_with_brackets(rng: Random, x: int) -> tuple[str, list[str]]:
    a, b, c = rng.randint(2, 6), rng.randint(-9, 9), _nonzero(rng, -5, 5)
    require(b != 0 and c != a)
    d = a * (x + b) - c * x
    lhs, rhs = f"{a}(x{signed(b)})", linear(c, d)
    steps = [f"{a}x{signed(a * b)}={rhs}", f"{poly((a, 'x'), (-c, 'x'))}={poly((d, ''), (-a * b, ''))}",
             f"{linear(a - c, 0)}={d - a * b}", f"x={x}"]
    return f"{lhs}={rhs}", steps


def _equation_with_fractions(rng: Random, x: int) -> tuple[str, list[str]]:
    p, q = rng.sample((2, 3, 4, 5, 6), 2)
    a, b = rng.randint(-5, 9), rng.randint(-5, 9)
    require((x + a) % p == 0 and (x - b) % q == 0 and a != 0 and b != 0)
    k = (x + a) // p - (x - b) // q
    lcd = math.lcm(p, q)
    equation = f"\\frac{{x{signed(a)}}}{{{p}}}-\\frac{{x{signed(-b)}}}{{{q}}}={k}"
    u, v = lcd // p, lcd // q
    steps = [f"{u}(x{signed(a)})-{v}(x{signed(-b)})={k * lcd}",
             f"{poly((u, 'x'), (u * a, ''), (-v, 'x'), (v * b, ''))}={k * lcd}",
             f"{linear(u - v, 0)}={k * lcd - u * a - v * b}", f"x={x}"]
    require(u != v)
    return equation, steps


@template("math.g7.linear_equation", "解一元一次方程（去括号、去分母）", grade=7,
          points=("math.g7a.u3.kp03", "math.g7a.u3.kp04"), kind=WORKED, difficulty=3, minutes=4)
def linear_equation(rng: Random) -> Draft:
    x = rng.randint(-10, 12)
    by_fractions = rng.random() < 0.4
    equation, steps = (_equation_with_fractions if by_fractions else _equation_with_brackets)(rng, x)
    first = "去分母（两边同乘各分母的最小公倍数）" if by_fractions else "去括号"
    explanation = (f"{first}、移项、合并同类项、系数化为 {m('1')}：" + "，".join(m(s) for s in steps)
                   + f"。检验：把 {m(f'x={x}')} 代入原方程，左右两边相等。")
    return Draft(f"解方程：{m(equation)}", m(f"x={x}"), explanation, {"equation": equation})


@template("math.g7.complementary_angles", "余角和补角", grade=7,
          points=("math.g7a.u4.kp05",), kind=FILL, difficulty=2, minutes=2)
def complementary_angles(rng: Random) -> Draft:
    if rng.random() < 0.6:
        a = rng.randint(1, 89)
        stem = f"一个角是 {m(deg(a))}，它的余角是{BLANK}，补角是{BLANK}。"
        explanation = (f"和为 {m(deg(90))} 的两个角互余，和为 {m(deg(180))} 的两个角互补："
                       f"{m(f'{deg(90)}-{deg(a)}={deg(90 - a)}')}，{m(f'{deg(180)}-{deg(a)}={deg(180 - a)}')}。")
        return Draft(stem, m(deg(90 - a)) + ANSWER_SEPARATOR + m(deg(180 - a)), explanation, {"ask": "both", "angle": a})
    k = rng.choice((3, 4, 6, 7, 10))
    angle = (90 * k - 180) // (k - 1)
    stem = f"一个角的补角是它的余角的 {m(str(k))} 倍，这个角是{BLANK}。"
    explanation = (f"设这个角为 {m(deg('x'))}，则 {m(f'180-x={k}(90-x)')}，"
                   f"解得 {m(f'x={angle}')}，这个角是 {m(deg(angle))}。")
    return Draft(stem, m(deg(angle)), explanation, {"ask": "times", "k": k})


@template("math.g7.linear_system", "解二元一次方程组", grade=7,
          points=("math.g7b.u8.kp02", "math.g7b.u8.kp03"), kind=WORKED, difficulty=4, minutes=5)
def linear_system(rng: Random) -> Draft:
    x, y = rng.randint(-6, 9), rng.randint(-6, 9)
    a1, b1, a2, b2 = (_nonzero(rng, -5, 6) for _ in range(4))
    det = a1 * b2 - a2 * b1
    require(det != 0 and abs(b1) != abs(b2) and x != 0 and y != 0)
    c1, c2 = a1 * x + b1 * y, a2 * x + b2 * y
    first, second = f"{poly((a1, 'x'), (b1, 'y'))}={c1}", f"{poly((a2, 'x'), (b2, 'y'))}={c2}"
    k1, k2 = b2, b1
    eliminated = f"{linear(a1 * k1 - a2 * k2, 0)}={c1 * k1 - c2 * k2}"
    explanation = (f"用加减消元法消去 {m('y')}：① {m(TIMES)} {m(paren(k1))} {m('-')} ② {m(TIMES)} {m(paren(k2))}，"
                   f"得 {m(eliminated)}，所以 {m(f'x={x}')}。把 {m(f'x={x}')} 代入 ①，得 "
                   f"{m(f'{poly((b1, chr(121)))}={c1 - a1 * x}')}，所以 {m(f'y={y}')}。")
    system = f"\\begin{{cases}}{first}&①\\\\{second}&②\\end{{cases}}"
    answer = f"\\begin{{cases}}x={x}\\\\y={y}\\end{{cases}}"
    return Draft(f"解方程组：{m(system)}", m(answer), explanation, {"first": first, "second": second})


@template("math.g7.linear_inequality", "解一元一次不等式", grade=7,
          points=("math.g7b.u9.kp02", "math.g7b.u9.kp03"), kind=CHOICE, difficulty=3, minutes=2)
def linear_inequality(rng: Random) -> Draft:
    k, a, b = rng.randint(-8, 8), _nonzero(rng, -6, 6), rng.randint(-12, 12)
    require(abs(a) >= 2 and b != 0)
    relation, flipped = rng.choice(((">", "<"), ("<", ">"), ("\\geq ", "\\leq "), ("\\leq ", "\\geq ")))
    c = a * k + b
    inequality = f"{linear(a, b)}{relation}{c}"
    final = relation if a > 0 else flipped
    answer = f"x{final}{k}"
    rule = "两边都除以正数，不等号方向不变" if a > 0 else "两边都除以负数，不等号的方向要改变"
    explanation = (f"移项，得 {m(f'{a}x{relation}{c}{signed(-b)}')}，即 {m(f'{a}x{relation}{a * k}')}；"
                   f"{rule}，所以 {m(answer)}。")
    wrong_value = Fraction(c + b, a)
    wrong = (f"x{relation if a < 0 else flipped}{k}", f"x{final}{-k}" if k else f"x{final}1",
             f"x{final}{frac(wrong_value)}")
    return Draft(f"不等式 {m(inequality)} 的解集是{CHOICE_BLANK}", m(answer), explanation,
                 {"inequality": inequality}, tuple(m(w) for w in wrong))


@template("math.g7.square_and_cube_roots", "平方根与立方根", grade=7,
          points=("math.g7b.u6.kp01", "math.g7b.u6.kp02"), kind=CHOICE, difficulty=2, minutes=1)
def square_and_cube_roots(rng: Random) -> Draft:
    n = rng.randint(2, 12)
    ask = rng.choice(("square", "arithmetic", "cube", "root_of_root"))
    pool: tuple[str, ...]
    if ask == "square":
        stem, answer = f"{m(str(n * n))} 的平方根是{CHOICE_BLANK}", f"{PM}{n}"
        why = f"因为 {m(f'({PM}{n})^{{2}}={n * n}')}，所以 {m(str(n * n))} 的平方根是 {m(answer)}；正数有两个平方根。"
        pool = (str(n), f"-{n}", f"{PM}{n * n // 2}" if n % 2 == 0 else f"{PM}{n + 1}", str(n * n * n * n))
    elif ask == "arithmetic":
        stem, answer = f"{m(str(n * n))} 的算术平方根是{CHOICE_BLANK}", str(n)
        why = f"正数的正的平方根叫作它的算术平方根，{m(f'{sqrt(n * n)}={n}')}。"
        pool = (f"{PM}{n}", f"-{n}", str(n * n * 2), sqrt(n))
    elif ask == "cube":
        n = min(n, 6)
        stem, answer = f"{m(str(-n ** 3))} 的立方根是{CHOICE_BLANK}", str(-n)
        why = f"因为 {m(f'(-{n})^{{3}}={-n ** 3}')}，所以 {m(str(-n ** 3))} 的立方根是 {m(str(-n))}；负数的立方根是负数。"
        pool = (str(n), f"{PM}{n}", str(-3 * n) if n != 3 else "-27", "不存在")
    else:
        require(n in (2, 3))
        stem, answer = f"{m(sqrt(n ** 4))} 的平方根是{CHOICE_BLANK}", f"{PM}{n}"
        why = f"先算 {m(f'{sqrt(n ** 4)}={n * n}')}，{m(str(n * n))} 的平方根是 {m(f'{PM}{n}')}。"
        pool = (f"{PM}{n * n}", str(n * n), str(n))
    return Draft(stem, m(answer) if answer != "不存在" else answer, why, {"n": n, "ask": ask},
                 tuple(m(p) if p != "不存在" else p for p in pool))
