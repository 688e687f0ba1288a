"""Templates for grade 4 (四年级上册、下册): large numbers, multiplication and division by
two digits, order of operations, decimals, angles of a triangle, averages, 鸡兔同笼."""

from __future__ import annotations

from decimal import Decimal
from random import Random

from .fmt import ANGLE, APPROX, DIV, NAMES, TIMES, TRIANGLE, dec, deg, m, places
from .model import ANSWER_SEPARATOR, BLANK, CHOICE_BLANK, Draft, ItemType, Template, registrar, require

TEMPLATES: list[Template] = []
template = registrar(TEMPLATES)
CHOICE, FILL, WORKED = ItemType.SINGLE_CHOICE, ItemType.FILL_IN, ItemType.WORKED


@template("math.g4.round_to_ten_thousands", "省略万位后面的尾数求近似数", grade=4,
          points=("math.g4a.u1.kp04",), kind=CHOICE, difficulty=2, minutes=1)
def round_to_ten_thousands(rng: Random) -> Draft:
    n = rng.randint(10**5, 10**8 - 1)
    thousands = n // 1000 % 10
    k = n // 10000 + (1 if thousands >= 5 else 0)
    stem = f"把 {m(str(n))} 省略万位后面的尾数，约是{CHOICE_BLANK}。"
    rule = "大于或等于 5，向万位进 1" if thousands >= 5 else "小于 5，把尾数舍去"
    explanation = f"看千位上的数：千位上是 {m(str(thousands))}，{rule}，所以 {m(f'{n}{APPROX}{k}')}万。"
    distractors = tuple(f"{m(str(v))}万" for v in (k - 1, k + 1, k * 10, n // 1000))
    return Draft(stem, f"{m(str(k))}万", explanation, {"n": n}, distractors)


@template("math.g4.three_digit_by_two_digit", "三位数乘两位数（笔算）", grade=4,
          points=("math.g4a.u4.kp01",), kind=FILL, difficulty=2, minutes=2)
def three_digit_by_two_digit(rng: Random) -> Draft:
    a, b = rng.randint(101, 999), rng.randint(11, 99)
    require(b % 10 != 0)
    tens, units = b // 10 * 10, b % 10
    explanation = (f"用 {m(str(a))} 分别乘 {m(str(b))} 的个位和十位，再相加："
                   f"{m(f'{a}{TIMES}{units}={a * units}')}，{m(f'{a}{TIMES}{tens}={a * tens}')}，"
                   f"{m(f'{a * units}+{a * tens}={a * b}')}。")
    return Draft(f"用竖式计算：{m(f'{a}{TIMES}{b}=')}{BLANK}", m(str(a * b)), explanation, {"a": a, "b": b})


@template("math.g4.divide_by_two_digit", "除数是两位数的除法", grade=4,
          points=("math.g4a.u6.kp02",), kind=FILL, difficulty=3, minutes=2)
def divide_by_two_digit(rng: Random) -> Draft:
    divisor = rng.randint(12, 98)
    quotient = rng.randint(2, 60)
    remainder = rng.randint(1, divisor - 1)
    dividend = divisor * quotient + remainder
    require(divisor % 10 != 0 and 100 <= dividend <= 999)
    rounded = (divisor + 5) // 10 * 10
    stem = f"{m(f'{dividend}{DIV}{divisor}')} 的商是{BLANK}，余数是{BLANK}。"
    explanation = (f"把 {m(str(divisor))} 看作 {m(str(rounded))} 试商，得 {m(f'{dividend}{DIV}{divisor}={quotient}……{remainder}')}。"
                   f"验算：{m(f'{divisor}{TIMES}{quotient}+{remainder}={dividend}')}。")
    answer = m(str(quotient)) + ANSWER_SEPARATOR + m(str(remainder))
    return Draft(stem, answer, explanation, {"dividend": dividend, "divisor": divisor})


@template("math.g4.triangle_angle_sum", "三角形的内角和", grade=4,
          points=("math.g4b.u5.kp03",), kind=CHOICE, difficulty=2, minutes=1)
def triangle_angle_sum(rng: Random) -> Draft:
    a = rng.randint(20, 110)
    b = rng.randint(20, 150 - a)
    c = 180 - a - b
    require(c >= 10)
    stem = (f"在 {m(TRIANGLE + 'ABC')} 中，{m(f'{ANGLE}A={deg(a)}')}，{m(f'{ANGLE}B={deg(b)}')}，"
            f"那么 {m(ANGLE + 'C=')}{CHOICE_BLANK}")
    explanation = f"三角形的内角和是 {m(deg(180))}，所以 {m(f'{ANGLE}C={deg(180)}-{deg(a)}-{deg(b)}={deg(c)}')}。"
    wrong = (360 - a - b, 180 - a, 180 - b, a + b, abs(90 - a))
    return Draft(stem, m(deg(c)), explanation, {"A": a, "B": b}, tuple(m(deg(w)) for w in wrong if w > 0))


def _order_of_operations(rng: Random) -> tuple[str, list[str], int]:
    """An expression, its working steps and its value, in one of the textbook's patterns."""
    pattern = rng.randrange(5)
    if pattern == 0:
        b, c = rng.randint(2, 9), rng.randint(11, 49)
        a = rng.randint(b * c + 1, b * c + 300)
        return f"{a}-{b}{TIMES}{c}", [f"{a}-{b * c}", str(a - b * c)], a - b * c
    if pattern == 1:
        a, b, c = rng.randint(10, 99), rng.randint(10, 99), rng.randint(2, 9)
        return f"({a}+{b}){TIMES}{c}", [f"{a + b}{TIMES}{c}", str((a + b) * c)], (a + b) * c
    if pattern == 2:
        d, q, c = rng.randint(2, 9), rng.randint(10, 99), rng.randint(10, 60)
        return f"{d * q}{DIV}({c + d}-{c})", [f"{d * q}{DIV}{d}", str(q)], q
    if pattern == 3:
        a, b, d = rng.randint(10, 40), rng.randint(2, 9), rng.randint(2, 9)
        c = d * rng.randint(2, 30)
        require(a * b > c // d)
        return f"{a}{TIMES}{b}-{c}{DIV}{d}", [f"{a * b}-{c // d}", str(a * b - c // d)], a * b - c // d
    c, q, b = rng.randint(2, 9), rng.randint(5, 40), rng.randint(10, 99)
    a, d = b + c * q, rng.randint(10, 99)
    return f"({a}-{b}){DIV}{c}+{d}", [f"{c * q}{DIV}{c}+{d}", f"{q}+{d}", str(q + d)], q + d


@template("math.g4.order_of_operations", "四则混合运算（含括号）", grade=4,
          points=("math.g4b.u1.kp03",), kind=FILL, difficulty=3, minutes=2)
def order_of_operations(rng: Random) -> Draft:
    expression, steps, value = _order_of_operations(rng)
    working = "=".join([expression, *steps])
    explanation = f"先算括号里面的，再算乘除，最后算加减：{m(working)}。"
    return Draft(f"计算：{m(expression + '=')}{BLANK}", m(str(value)), explanation, {"expression": expression})


def _clever(rng: Random) -> tuple[str, str, int, str]:
    """(expression, working, value, the law used) for 简便计算."""
    pattern = rng.randrange(4)
    if pattern == 0:
        a, near = rng.randint(12, 99), rng.choice((99, 999))
        working = f"{a}{TIMES}({near + 1}-1)={a}{TIMES}{near + 1}-{a}={a * (near + 1)}-{a}={a * near}"
        return f"{a}{TIMES}{near}", working, a * near, "乘法分配律"
    if pattern == 1:
        a = rng.randint(12, 99)
        working = f"{a}{TIMES}(100+1)={a}{TIMES}100+{a}={a * 100}+{a}={a * 101}"
        return f"{a}{TIMES}101", working, a * 101, "乘法分配律"
    if pattern == 2:
        x, y = rng.choice(((25, 4), (125, 8)))
        c = rng.randint(3, 99)
        require(c % 2 == 1)
        working = f"({x}{TIMES}{y}){TIMES}{c}={x * y}{TIMES}{c}={x * y * c}"
        return f"{x}{TIMES}{c}{TIMES}{y}", working, x * y * c, "乘法交换律和结合律"
    a, b = rng.randint(12, 99), rng.randint(11, 89)
    working = f"{a}{TIMES}({b}+{100 - b})={a}{TIMES}100={a * 100}"
    return f"{a}{TIMES}{b}+{a}{TIMES}{100 - b}", working, a * 100, "乘法分配律"


@template("math.g4.clever_calculation", "运用运算定律简便计算", grade=4,
          points=("math.g4b.u3.kp02", "math.g4b.u3.kp03"), kind=WORKED, difficulty=3, minutes=3)
def clever_calculation(rng: Random) -> Draft:
    expression, working, value, law = _clever(rng)
    explanation = f"运用{law}：{m(f'{expression}={working}')}。"
    return Draft(f"用简便方法计算：{m(expression)}", m(str(value)), explanation, {"expression": expression})


def _decimal(rng: Random) -> Decimal:
    places = rng.choice((1, 2))
    value = Decimal(rng.randint(11, 9999 if places == 2 else 999)) / Decimal(10) ** places
    require(value != value.to_integral_value())
    return value.normalize()


@template("math.g4.decimal_addition_subtraction", "小数加减法", grade=4,
          points=("math.g4b.u6.kp01",), kind=FILL, difficulty=2, minutes=1)
def decimal_addition_subtraction(rng: Random) -> Draft:
    a, b = _decimal(rng), _decimal(rng)
    adding = rng.random() < 0.5
    require(adding or a > b)
    value = a + b if adding else a - b
    sign = "+" if adding else "-"
    expression = f"{dec(a)}{sign}{dec(b)}"
    explanation = (f"把小数点对齐，从最低位算起，{'满十进一' if adding else '不够减时向前一位借一'}："
                   f"{m(f'{expression}={dec(value)}')}。")
    if places(value) < max(places(a), places(b)):
        explanation += f"得数末尾的 {m('0')} 要去掉。"
    return Draft(f"计算：{m(expression + '=')}{BLANK}", m(dec(value)), explanation, {"expression": expression})


@template("math.g4.average", "平均数", grade=4,
          points=("math.g4b.u8.kp01",), kind=CHOICE, difficulty=2, minutes=2)
def average(rng: Random) -> Draft:
    count, mean = rng.randint(4, 6), rng.randint(60, 150)
    shifts = [rng.randint(-20, 20) for _ in range(count - 1)]
    values = [mean + s for s in shifts] + [mean - sum(shifts)]
    require(len(set(values)) > 2 and all(v > 0 for v in values))
    listed = ", ".join(str(v) for v in values)
    stem = f"某小组 {m(str(count))} 名同学一分钟跳绳的个数分别是 {m(listed)}。平均每人跳了{CHOICE_BLANK}个。"
    total = sum(values)
    summed = "+".join(str(v) for v in values)
    working = f"({summed}){DIV}{count}={total}{DIV}{count}={mean}"
    explanation = f"平均数 {m('=')} 总数 {m(DIV)} 份数：{m(working)}（个）。"
    ordered = sorted(values)
    wrong = (mean + 1, mean - 1, mean + 2, ordered[count // 2], (ordered[0] + ordered[-1]) // 2)
    return Draft(stem, m(str(mean)), explanation, {"values": listed}, tuple(m(str(w)) for w in wrong))


_CAGES = (
    ("笼子里有若干只鸡和兔，从上面数有 {heads} 个头，从下面数有 {legs} 条腿。鸡和兔各有多少只？",
     "鸡", "兔", 2, 4, "只", "条腿"),
    ("车棚里停着自行车和三轮车共 {heads} 辆，一共有 {legs} 个轮子。自行车和三轮车各有多少辆？",
     "自行车", "三轮车", 2, 3, "辆", "个轮子"),
)


@template("math.g4.chickens_and_rabbits", "鸡兔同笼", grade=4,
          points=("math.g4b.u9.kp01",), kind=WORKED, difficulty=4, minutes=5)
def chickens_and_rabbits(rng: Random) -> Draft:
    story, low, high, low_legs, high_legs, unit, legs_word = rng.choice(_CAGES)
    few, many = rng.randint(3, 30), rng.randint(3, 30)
    heads, legs = few + many, few * low_legs + many * high_legs
    stem = story.format(heads=m(str(heads)), legs=m(str(legs)))
    missing, step = legs - heads * low_legs, high_legs - low_legs
    explanation = (f"假设全是{low}，应有 {m(f'{heads}{TIMES}{low_legs}={heads * low_legs}')}{legs_word}，"
                   f"比实际少 {m(f'{legs}-{heads * low_legs}={missing}')}{legs_word}。"
                   f"把 1 {unit}{low}换成 1 {unit}{high}，{legs_word[1:]}多 {m(f'{high_legs}-{low_legs}={step}')}{legs_word[0]}，"
                   f"所以{high}有 {m(f'{missing}{DIV}{step}={many}')}{unit}，{low}有 {m(f'{heads}-{many}={few}')}{unit}。")
    answer = f"{low} {m(str(few))} {unit}，{high} {m(str(many))} {unit}"
    return Draft(stem, answer, explanation, {"heads": heads, "legs": legs, "kind": low})


@template("math.g4.speed_time_distance", "速度、时间与路程", grade=4,
          points=("math.g4a.u4.kp03",), kind=FILL, difficulty=2, minutes=2)
def speed_time_distance(rng: Random) -> Draft:
    who, unit, lo, hi, per = rng.choice((("一辆汽车", "千米", 40, 120, "小时"), ("一列火车", "千米", 80, 200, "小时"),
                                          (rng.choice(NAMES), "米", 50, 90, "分钟")))
    speed, time = rng.randint(lo, hi), rng.randint(2, 9)
    distance = speed * time
    ask = rng.choice(("distance", "speed", "time"))
    if ask == "distance":
        stem = f"{who}每{per}行 {m(str(speed))} {unit}，{m(str(time))} {per}行{BLANK}{unit}。"
        answer, rule = distance, f"路程 {m('=')} 速度 {m(TIMES)} 时间：{m(f'{speed}{TIMES}{time}={distance}')}（{unit}）"
    elif ask == "speed":
        stem = f"{who} {m(str(time))} {per}行了 {m(str(distance))} {unit}，平均每{per}行{BLANK}{unit}。"
        answer, rule = speed, f"速度 {m('=')} 路程 {m(DIV)} 时间：{m(f'{distance}{DIV}{time}={speed}')}（{unit}）"
    else:
        stem = f"{who}每{per}行 {m(str(speed))} {unit}，行 {m(str(distance))} {unit}需要{BLANK}{per}。"
        answer, rule = time, f"时间 {m('=')} 路程 {m(DIV)} 速度：{m(f'{distance}{DIV}{speed}={time}')}（{per}）"
    return Draft(stem, m(str(answer)), rule + "。", {"ask": ask, "speed": speed, "time": time})
