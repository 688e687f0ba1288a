"""Templates for grade 3 (三年级上册、下册): written arithmetic, time, measures, first fractions."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from random import Random

from .fmt import DIV, NAMES, TIMES, dec, fr, m
from .model import ANSWER_SEPARATOR, BLANK, CHOICE_BLANK, Draft, ItemType, Template, registrar, require

TEMPLATES: list[Template] = []
template = registrar(TEMPLATES)
CHOICE, FILL = ItemType.SINGLE_CHOICE, ItemType.FILL_IN


def _expand(a: int) -> list[int]:
    """A number's place parts, largest first, zeros left out: 305 → [300, 5]."""
    digits = str(a)
    return [int(d) * 10 ** (len(digits) - i - 1) for i, d in enumerate(digits) if d != "0"]


@template("math.g3.multiply_by_one_digit", "多位数乘一位数（笔算）", grade=3,
          points=("math.g3a.u6.kp02",), kind=FILL, difficulty=2, minutes=2)
def multiply_by_one_digit(rng: Random) -> Draft:
    a, b = rng.randint(102, 989), rng.randint(3, 9)
    parts = _expand(a)
    steps = "，".join(m(f"{p}\\times{b}={p * b}") for p in parts)
    total = "+".join(str(p * b) for p in parts)
    explanation = (f"把 {m(str(a))} 按数位分开，分别乘 {m(str(b))}：{steps}；"
                   f"再合起来：{m(f'{total}={a * b}')}。所以 {m(f'{a}{TIMES}{b}={a * b}')}。")
    return Draft(f"用竖式计算：{m(f'{a}{TIMES}{b}=')}{BLANK}", m(str(a * b)), explanation, {"a": a, "b": b})


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


@template("math.g3.elapsed_time", "经过时间的计算", grade=3,
          points=("math.g3a.u1.kp03",), kind=FILL, difficulty=2, minutes=2)
def elapsed_time(rng: Random) -> Draft:
    start = rng.randint(7 * 12, 17 * 12) * 5
    duration = rng.randrange(20, 175, 5)
    end = start + duration
    event = rng.choice(("一场电影", "一场足球比赛", "一次美术兴趣课", "学校的运动会开幕式", "一场音乐会"))
    stem = f"{event}从 {_clock(start)} 开始，到 {_clock(end)} 结束，一共经过了{BLANK}分钟。"
    hours, rest = divmod(duration, 60)
    middle = start + hours * 60
    if hours and not rest:
        explanation = f"从 {_clock(start)} 到 {_clock(end)} 正好经过 {m(str(hours))} 小时，{m(f'{hours}{TIMES}60={duration}')}（分钟）。"
    elif hours:
        explanation = (f"从 {_clock(start)} 到 {_clock(middle)} 经过 {m(str(hours))} 小时，即 {m(str(hours * 60))} 分钟；"
                       f"从 {_clock(middle)} 到 {_clock(end)} 经过 {m(str(rest))} 分钟。"
                       f"一共 {m(f'{hours * 60}+{rest}={duration}')}（分钟）。")
    else:
        explanation = f"从 {_clock(start)} 到 {_clock(end)}，分针走了 {m(str(duration))} 分钟。"
    return Draft(stem, m(str(duration)), explanation, {"start": _clock(start), "end": _clock(end)})


@template("math.g3.rectangle_perimeter", "长方形的周长", grade=3,
          points=("math.g3a.u7.kp03",), kind=CHOICE, difficulty=2, minutes=1)
def rectangle_perimeter(rng: Random) -> Draft:
    length = rng.randint(5, 30)
    width = rng.randint(2, length - 1)
    stem = f"一个长方形的长是 {m(str(length))} 厘米，宽是 {m(str(width))} 厘米，它的周长是{CHOICE_BLANK}厘米。"
    answer = 2 * (length + width)
    wrong = (length + width, length * width, 2 * length + width, length + 2 * width, 4 * length)
    explanation = f"长方形的周长 {m(f'=(长+宽){TIMES}2=({length}+{width}){TIMES}2={answer}')}（厘米）。"
    return Draft(stem, m(str(answer)), explanation, {"length": length, "width": width},
                 tuple(m(str(w)) for w in wrong))


@template("math.g3.division_with_remainder", "除数是一位数的除法（有余数）", grade=3,
          points=("math.g3b.u2.kp02", "math.g3b.u2.kp04"), kind=FILL, difficulty=2, minutes=2)
def division_with_remainder(rng: Random) -> Draft:
    divisor = rng.randint(3, 9)
    quotient = rng.randint(12, 199)
    remainder = rng.randint(1, divisor - 1)
    dividend = divisor * quotient + remainder
    require(100 <= dividend <= 999)
    stem = f"用竖式计算：{m(f'{dividend}{DIV}{divisor}')} 的商是{BLANK}，余数是{BLANK}。"
    explanation = (f"{m(f'{dividend}{DIV}{divisor}={quotient}……{remainder}')}，余数 {m(str(remainder))} 比除数 "
                   f"{m(str(divisor))} 小。验算：{m(f'{quotient}{TIMES}{divisor}+{remainder}={dividend}')}。")
    answer = m(str(quotient)) + ANSWER_SEPARATOR + m(str(remainder))
    return Draft(stem, answer, explanation, {"dividend": dividend, "divisor": divisor})


@template("math.g3.rectangle_area", "长方形的面积", grade=3,
          points=("math.g3b.u5.kp02",), kind=CHOICE, difficulty=2, minutes=1)
def rectangle_area(rng: Random) -> Draft:
    length = rng.randint(4, 25)
    width = rng.randint(2, length)
    shape = "正方形" if width == length else "长方形"
    sizes = f"边长是 {m(str(length))} 米" if width == length else f"长 {m(str(length))} 米，宽 {m(str(width))} 米"
    stem = f"一块{shape}菜地，{sizes}，它的面积是{CHOICE_BLANK}平方米。"
    area = length * width
    formula = "边长\\times边长" if width == length else "长\\times宽"
    explanation = f"{shape}的面积 {m(f'={formula}={length}{TIMES}{width}={area}')}（平方米）。"
    wrong = ((length + width) * 2, length + width, area * 2, length * length + width)
    return Draft(stem, m(str(area)), explanation, {"length": length, "width": width},
                 tuple(m(str(w)) for w in wrong))


_AREA_UNITS = (("平方米", "平方分米"), ("平方分米", "平方厘米"))


@template("math.g3.area_units", "面积单位间的进率", grade=3,
          points=("math.g3b.u5.kp03",), kind=CHOICE, difficulty=2, minutes=1)
def area_units(rng: Random) -> Draft:
    big, small = rng.choice(_AREA_UNITS)
    n = rng.randint(2, 30)
    if rng.random() < 0.5:
        given, unit, answer, target = n, big, n * 100, small
        how = f"{m(f'{n}{TIMES}100={n * 100}')}"
    else:
        given, unit, answer, target = n * 100, small, n, big
        how = f"{m(f'{n * 100}{DIV}100={n}')}"
    stem = f"{m(str(given))} {unit} {m('=')}{CHOICE_BLANK}{target}"
    explanation = f"{m('1')} {big} {m('=100')} {small}，相邻两个面积单位间的进率是 {m('100')}，{how}。"
    wrong = (Decimal(answer) * 10, Decimal(answer) / 10, Decimal(answer) * 100, Decimal(given))
    texts = tuple(m(dec(w)) for w in wrong)
    return Draft(stem, m(str(answer)), explanation, {"given": given, "from": unit, "to": target}, texts)


@template("math.g3.two_digit_multiplication", "两位数乘两位数（笔算）", grade=3,
          points=("math.g3b.u4.kp02",), kind=FILL, difficulty=2, minutes=2)
def two_digit_multiplication(rng: Random) -> Draft:
    a, b = rng.randint(12, 99), rng.randint(12, 99)
    require(a % 10 != 0 and b % 10 != 0)
    tens, units = b // 10 * 10, b % 10
    explanation = (f"先用 {m(str(a))} 乘 {m(str(b))} 个位上的 {m(str(units))}，再乘十位上的 {m(str(tens))}，最后相加："
                   f"{m(f'{a}{TIMES}{units}={a * units}')}，{m(f'{a}{TIMES}{tens}={a * tens}')}，"
                   f"{m(f'{a * units}+{a * tens}={a * b}')}。")
    return Draft(f"用竖式计算：{m(f'{a}{TIMES}{b}=')}{BLANK}", m(str(a * b)), explanation, {"a": a, "b": b})


def _unreduced(numerator: int, denominator: int) -> str:
    """Grade 3 writes fractions as computed (约分 comes in grade 5), 1 as 1."""
    if numerator == denominator:
        return "1"
    return f"\\frac{{{numerator}}}{{{denominator}}}"


@template("math.g3.fraction_same_denominator", "同分母分数的加减法", grade=3,
          points=("math.g3a.u8.kp03",), kind=CHOICE, difficulty=2, minutes=1)
def fraction_same_denominator(rng: Random) -> Draft:
    d = rng.randint(3, 12)
    a, b = rng.randint(1, d - 1), rng.randint(1, d - 1)
    adding = rng.random() < 0.5
    require(a + b <= d if adding else a > b)
    result = a + b if adding else a - b
    sign = "+" if adding else "-"
    stem = f"计算：{m(f'{fr(a, d)}{sign}{fr(b, d)}=')}{CHOICE_BLANK}"
    wrong_op = a - b if adding else a + b
    candidates = [(wrong_op, d), (result, 2 * d), (result + 1, d), (result - 1, d), (a * b, d)]
    seen = {Fraction(result, d)}
    distractors = []
    for n, den in candidates:
        if n > 0 and Fraction(n, den) not in seen:
            seen.add(Fraction(n, den))
            distractors.append(m(_unreduced(n, den)))
    verb = "相加" if adding else "相减"
    step = fr(f"{a}{sign}{b}", d) + "=" + _unreduced(result, d)
    explanation = f"同分母分数{verb}，分母不变，分子{verb}：{m(step)}。"
    return Draft(stem, m(_unreduced(result, d)), explanation, {"a": a, "b": b, "d": d, "op": sign},
                 tuple(distractors))


_THINGS = (("苹果", "个"), ("故事书", "本"), ("铅笔", "支"), ("邮票", "张"), ("小红花", "朵"))


@template("math.g3.times_as_many", "倍的认识", grade=3,
          points=("math.g3a.u5.kp02", "math.g3a.u5.kp03"), kind=FILL, difficulty=2, minutes=1)
def times_as_many(rng: Random) -> Draft:
    first, second = rng.sample(NAMES, 2)
    thing, unit = rng.choice(_THINGS)
    a, k = rng.randint(3, 25), rng.randint(2, 9)
    if rng.random() < 0.5:
        stem = (f"{first}有 {m(str(a))} {unit}{thing}，{second}的{thing}是{first}的 {m(str(k))} 倍，"
                f"{second}有{BLANK}{unit}{thing}。")
        explanation = f"求 {m(str(a))} 的 {m(str(k))} 倍是多少，用乘法：{m(f'{a}{TIMES}{k}={a * k}')}（{unit}）。"
        return Draft(stem, m(str(a * k)), explanation, {"ask": "product", "a": a, "k": k})
    stem = (f"{first}有 {m(str(a))} {unit}{thing}，{second}有 {m(str(a * k))} {unit}{thing}，"
            f"{second}的{thing}是{first}的{BLANK}倍。")
    explanation = f"求 {m(str(a * k))} 是 {m(str(a))} 的几倍，用除法：{m(f'{a * k}{DIV}{a}={k}')}。"
    return Draft(stem, m(str(k)), explanation, {"ask": "times", "a": a, "b": a * k})


_MEASURES = (("千米", "米", 1000), ("吨", "千克", 1000), ("米", "分米", 10), ("分米", "厘米", 10), ("厘米", "毫米", 10))


@template("math.g3.length_and_mass_units", "长度和质量单位的换算", grade=3,
          points=("math.g3a.u3.kp04",), kind=FILL, difficulty=1, minutes=1)
def length_and_mass_units(rng: Random) -> Draft:
    big, small, rate = rng.choice(_MEASURES)
    n = rng.randint(2, 9)
    form = rng.choice(("down", "up", "mixed"))
    if form == "down":
        stem, answer = f"{m(str(n))} {big} {m('=')}{BLANK}{small}", n * rate
        how = m(f"{n}\\times{rate}={answer}")
    elif form == "up":
        stem, answer = f"{m(str(n * rate))} {small} {m('=')}{BLANK}{big}", n
        how = m(f"{n * rate}\\div{rate}={n}")
    else:
        extra = rng.randint(1, rate - 1)
        stem, answer = f"{m(str(n))} {big} {m(str(extra))} {small} {m('=')}{BLANK}{small}", n * rate + extra
        how = m(f"{n}\\times{rate}+{extra}={answer}")
    explanation = f"{m('1')} {big} {m(f'={rate}')} {small}，所以 {how}。"
    return Draft(stem, m(str(answer)), explanation, {"form": form, "big": big, "small": small})
