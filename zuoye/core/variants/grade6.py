"""Templates for grade 6 (六年级上册、下册): fraction multiplication and division, ratios,
circles, percentages, discounts and interest, cylinders, proportions and scales."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from random import Random

from .fmt import DIV, PCT, PI as PI_TEX, TIMES, cn_discount, dec, fr, frac, m
from .model import BLANK, CHOICE_BLANK, Draft, ItemType, Template, registrar, require

TEMPLATES: list[Template] = []
template = registrar(TEMPLATES)
CHOICE, FILL, WORKED = ItemType.SINGLE_CHOICE, ItemType.FILL_IN, ItemType.WORKED
PI = Decimal("3.14")
"""π as primary school computes it; stems say so: （π 取 3.14）."""
PI_NOTE = "（" + m(PI_TEX) + " 取 " + m("3.14") + "）"


def _part(rng: Random) -> Fraction:
    d = rng.randint(2, 10)
    n = rng.randint(1, d - 1)
    require(math.gcd(n, d) == 1)
    return Fraction(n, d)


@template("math.g6.fraction_of_a_quantity", "分数乘除法解决问题", grade=6,
          points=("math.g6a.u1.kp04", "math.g6a.u3.kp04"), kind=FILL, difficulty=3, minutes=2)
def fraction_of_a_quantity(rng: Random) -> Draft:
    part = _part(rng)
    whole = part.denominator * rng.randint(3, 30)
    share = int(whole * part)
    f = fr(part.numerator, part.denominator)
    if rng.random() < 0.5:
        stem = f"学校图书室有 {m(str(whole))} 本故事书，其中 {m(f)} 是童话书。童话书有{BLANK}本。"
        explanation = f"求 {m(str(whole))} 的 {m(f)} 是多少，用乘法：{m(f'{whole}{TIMES}{f}={share}')}（本）。"
        return Draft(stem, m(str(share)), explanation, {"ask": "part", "whole": whole, "fraction": f"{part}"})
    stem = f"六年级（1）班有女生 {m(str(share))} 人，占全班人数的 {m(f)}。全班有{BLANK}人。"
    explanation = (f"已知一个数的 {m(f)} 是 {m(str(share))}，求这个数，用除法："
                   f"{m(f'{share}{DIV}{f}={share}{TIMES}{fr(part.denominator, part.numerator)}={whole}')}（人）。")
    return Draft(stem, m(str(whole)), explanation, {"ask": "whole", "part": share, "fraction": f"{part}"})


@template("math.g6.fraction_division", "分数除法", grade=6,
          points=("math.g6a.u3.kp01", "math.g6a.u3.kp02"), kind=FILL, difficulty=2, minutes=2)
def fraction_division(rng: Random) -> Draft:
    x, y = _part(rng), _part(rng)
    require(x != y)
    value = x / y
    a, b, c, d = x.numerator, x.denominator, y.numerator, y.denominator
    working = f"{fr(a, b)}{DIV}{fr(c, d)}={fr(a, b)}{TIMES}{fr(d, c)}"
    if Fraction(a * d, b * c) == value and value.denominator == b * c and value.numerator == a * d:
        working += f"={frac(value)}"
    else:
        working += f"={fr(a * d, b * c)}={frac(value)}"
    explanation = f"除以一个不为 {m('0')} 的数，等于乘这个数的倒数，结果要约分：{m(working)}。"
    return Draft(f"计算：{m(f'{fr(a, b)}{DIV}{fr(c, d)}=')}{BLANK}", m(frac(value)), explanation,
                 {"a": a, "b": b, "c": c, "d": d})


@template("math.g6.share_in_a_ratio", "按比分配", grade=6,
          points=("math.g6a.u4.kp03",), kind=WORKED, difficulty=3, minutes=3)
def share_in_a_ratio(rng: Random) -> Draft:
    p, q = rng.randint(1, 9), rng.randint(1, 9)
    require(p != q and math.gcd(p, q) == 1)
    k = rng.randint(2, 20)
    total = (p + q) * k
    count, noun = rng.choice((("本", "练习本"), ("个", "足球"), ("千克", "大米"), ("棵", "树苗")))
    stem = f"把 {m(str(total))} {count}{noun}按 {m(f'{p}:{q}')} 分给甲、乙两个小组，甲、乙两组各分得多少{count}？"
    parts = p + q
    explanation = (f"总份数是 {m(f'{p}+{q}={parts}')}，甲组分得总数的 {m(fr(p, parts))}，乙组分得总数的 {m(fr(q, parts))}。"
                   f"甲组：{m(f'{total}{TIMES}{fr(p, parts)}={p * k}')}（{count}）；"
                   f"乙组：{m(f'{total}{TIMES}{fr(q, parts)}={q * k}')}（{count}）。")
    answer = f"甲组 {m(str(p * k))} {count}，乙组 {m(str(q * k))} {count}"
    return Draft(stem, answer, explanation, {"total": total, "p": p, "q": q})


@template("math.g6.simplify_ratio", "化简比", grade=6,
          points=("math.g6a.u4.kp02",), kind=CHOICE, difficulty=2, minutes=1)
def simplify_ratio(rng: Random) -> Draft:
    p, q = rng.randint(1, 9), rng.randint(1, 9)
    require(p != q and math.gcd(p, q) == 1)
    g = rng.choice((4, 6, 8, 9, 10, 12))
    smallest = min(f for f in range(2, g + 1) if g % f == 0)
    if rng.random() < 0.6:
        a, b = p * g, q * g
        given, how = f"{a}:{b}", f"前项和后项同时除以它们的最大公因数 {m(str(g))}：{m(f'{a}:{b}=({a}{DIV}{g}):({b}{DIV}{g})={p}:{q}')}"
        partial = f"{a // smallest}:{b // smallest}"
    else:
        front, back = Decimal(p * g) / 10, Decimal(q * g) / 10
        given = f"{dec(front)}:{dec(back)}"
        how = (f"前项和后项同时乘 {m('10')} 化成整数比，再同时除以 {m(str(g))}："
               f"{m(f'{given}={p * g}:{q * g}={p}:{q}')}")
        partial = f"{p * g}:{q * g}"
    stem = f"把 {m(given)} 化成最简整数比是{CHOICE_BLANK}。"
    explanation = how + f"。注意化简比的结果是一个比，不是一个数（比值是 {m(frac(Fraction(p, q)))}）。"
    distractors = (m(f"{q}:{p}"), m(frac(Fraction(p, q))), m(partial))
    return Draft(stem, m(f"{p}:{q}"), explanation, {"given": given}, distractors)


@template("math.g6.circle_area", "圆的面积", grade=6,
          points=("math.g6a.u5.kp03",), kind=CHOICE, difficulty=3, minutes=2)
def circle_area(rng: Random) -> Draft:
    r = rng.randint(1, 10)
    by_diameter = rng.random() < 0.5
    size = f"直径是 {m(str(2 * r))} 米" if by_diameter else f"半径是 {m(str(r))} 米"
    stem = f"一个圆形花坛的{size}，它的面积是{CHOICE_BLANK}平方米。{PI_NOTE}"
    area = PI * r * r
    first = f"半径是 {m(f'{2 * r}{DIV}2={r}')}（米），" if by_diameter else ""
    explanation = f"{first}圆的面积 {m(f'S={PI_TEX} r^{{2}}=3.14{TIMES}{r}^{{2}}={dec(area)}')}（平方米）。"
    wrong = (2 * PI * r, PI * r, PI * 4 * r * r, PI * r * r * 2)
    return Draft(stem, m(dec(area)), explanation, {"r": r, "given": "diameter" if by_diameter else "radius"},
                 tuple(m(dec(w)) for w in wrong))


@template("math.g6.percentage_problems", "用百分数解决问题", grade=6,
          points=("math.g6a.u6.kp03",), kind=FILL, difficulty=3, minutes=2)
def percentage_problems(rng: Random) -> Draft:
    percent = rng.randrange(5, 96, 5)
    if rng.random() < 0.5:
        whole = rng.randint(2, 40) * 20
        part = whole * percent // 100
        require(whole * percent % 100 == 0)
        stem = f"六年级有学生 {m(str(whole))} 人，其中 {m(f'{percent}{PCT}')} 参加了合唱队。参加合唱队的有{BLANK}人。"
        explanation = f"求 {m(str(whole))} 的 {m(f'{percent}{PCT}')} 是多少：{m(f'{whole}{TIMES}{percent}{PCT}={part}')}（人）。"
        return Draft(stem, m(str(part)), explanation, {"ask": "part", "whole": whole, "percent": percent})
    planned = rng.randint(2, 40) * 10
    require(planned * percent % 100 == 0 and percent <= 50)
    saved = planned * percent // 100
    actual = planned - saved
    stem = f"某工厂原计划用煤 {m(str(planned))} 吨，实际用煤 {m(str(actual))} 吨，实际比计划节约了{BLANK}。"
    explanation = (f"节约的吨数占原计划的百分之几：{m(f'({planned}-{actual}){DIV}{planned}={saved}{DIV}{planned}={percent}{PCT}')}。")
    return Draft(stem, m(f"{percent}{PCT}"), explanation, {"ask": "percent", "planned": planned, "actual": actual})


@template("math.g6.discount", "折扣", grade=6,
          points=("math.g6b.u2.kp01",), kind=FILL, difficulty=2, minutes=2)
def discount(rng: Random) -> Draft:
    rate = rng.choice((95, 90, 85, 80, 75, 70, 60, 50))
    price = rng.randint(4, 90) * 10
    sale = Decimal(price * rate) / 100
    thing = rng.choice(("一件衬衫", "一双运动鞋", "一个书包", "一台台灯"))
    if rng.random() < 0.6:
        stem = f"{thing}原价 {m(str(price))} 元，现在打{cn_discount(rate)}出售，现价是{BLANK}元。"
        explanation = f"打{cn_discount(rate)}就是按原价的 {m(f'{rate}{PCT}')} 出售：{m(f'{price}{TIMES}{rate}{PCT}={dec(sale)}')}（元）。"
        return Draft(stem, m(dec(sale)), explanation, {"ask": "sale", "price": price, "rate": rate})
    stem = f"{thing}打{cn_discount(rate)}后售价是 {m(dec(sale))} 元，它的原价是{BLANK}元。"
    explanation = (f"打{cn_discount(rate)}表示现价是原价的 {m(f'{rate}{PCT}')}，原价 {m('=')} 现价 {m(DIV)} {m(f'{rate}{PCT}')}："
                   f"{m(f'{dec(sale)}{DIV}{rate}{PCT}={price}')}（元）。")
    return Draft(stem, m(str(price)), explanation, {"ask": "price", "sale": dec(sale), "rate": rate})


@template("math.g6.bank_interest", "利率", grade=6,
          points=("math.g6b.u2.kp04",), kind=FILL, difficulty=3, minutes=2)
def bank_interest(rng: Random) -> Draft:
    principal = rng.randint(1, 50) * 1000
    rate = Decimal(rng.choice(("1.5", "1.75", "2", "2.25", "2.5", "2.75", "3")))
    years = rng.choice((1, 2, 3, 5))
    interest = principal * rate * years / 100
    name = rng.choice(("王阿姨", "李叔叔", "张爷爷", "小明的妈妈"))
    with_total = rng.random() < 0.5
    ask = "到期时一共能取回本金和利息" if with_total else "到期时可以得到利息"
    stem = f"{name}把 {m(str(principal))} 元存入银行，定期 {m(str(years))} 年，年利率是 {m(f'{dec(rate)}{PCT}')}。{ask}{BLANK}元。"
    working = f"{principal}{TIMES}{dec(rate)}{PCT}{TIMES}{years}={dec(interest)}"
    explanation = f"利息 {m('=')} 本金 {m(TIMES)} 利率 {m(TIMES)} 存期：{m(working)}（元）"
    answer = interest + principal if with_total else interest
    if with_total:
        explanation += f"；本金和利息一共 {m(f'{principal}+{dec(interest)}={dec(answer)}')}（元）"
    return Draft(stem, m(dec(answer)), explanation + "。",
                 {"principal": principal, "rate": dec(rate), "years": years, "total": int(with_total)})


@template("math.g6.cylinder_volume", "圆柱的体积", grade=6,
          points=("math.g6b.u3.kp03",), kind=CHOICE, difficulty=3, minutes=2)
def cylinder_volume(rng: Random) -> Draft:
    r, h = rng.randint(1, 6), rng.randint(2, 20)
    volume = PI * r * r * h
    stem = f"一个圆柱形水桶，底面半径是 {m(str(r))} 分米，高是 {m(str(h))} 分米，它的容积是{CHOICE_BLANK}立方分米。{PI_NOTE}"
    explanation = (f"圆柱的体积 {m('=')} 底面积 {m(TIMES)} 高："
                   f"{m(f'V={PI_TEX} r^{{2}}h=3.14{TIMES}{r}^{{2}}{TIMES}{h}={dec(volume)}')}（立方分米）。")
    wrong = [2 * PI * r * h, PI * r * h, PI * 4 * r * r * h]
    if volume % 3 == 0:
        wrong.append(volume / 3)
    return Draft(stem, m(dec(volume)), explanation, {"r": r, "h": h}, tuple(m(dec(w)) for w in wrong))


@template("math.g6.solve_proportion", "解比例", grade=6,
          points=("math.g6b.u4.kp01", "math.g6b.u4.kp02"), kind=WORKED, difficulty=3, minutes=2)
def solve_proportion(rng: Random) -> Draft:
    x, b, c = rng.randint(2, 60), rng.randint(2, 30), rng.randint(2, 30)
    require(x * c % b == 0 and b != c)
    a = x * c // b
    require(a > 0)
    if rng.random() < 0.5:
        proportion = f"x:{a}={b}:{c}"
        product = f"{c}x={a}{TIMES}{b}"
    else:
        proportion = f"{fr(a, 'x')}={fr(c, b)}"
        product = f"{c}x={a}{TIMES}{b}"
    explanation = (f"根据比例的基本性质，两个外项的积等于两个内项的积：{m(product)}，"
                   f"{m(f'x={a * b}{DIV}{c}')}，{m(f'x={x}')}。")
    return Draft(f"解比例：{m(proportion)}", m(f"x={x}"), explanation, {"proportion": proportion})


@template("math.g6.map_scale", "比例尺", grade=6,
          points=("math.g6b.u4.kp05",), kind=FILL, difficulty=3, minutes=2)
def map_scale(rng: Random) -> Draft:
    km_per_cm = rng.choice((1, 2, 5, 10, 20, 30, 50, 60))
    scale = km_per_cm * 100000
    cm = rng.randint(2, 20)
    km = cm * km_per_cm
    if rng.random() < 0.6:
        stem = f"在比例尺是 {m(f'1:{scale}')} 的地图上，量得甲、乙两地的距离是 {m(str(cm))} 厘米，两地的实际距离是{BLANK}千米。"
        explanation = (f"实际距离 {m('=')} 图上距离 {m(DIV)} 比例尺：{m(f'{cm}{DIV}{fr(1, scale)}={cm * scale}')} 厘米，"
                       f"{m(f'{cm * scale}')} 厘米 {m('=')} {m(str(km))} 千米。")
        return Draft(stem, m(str(km)), explanation, {"ask": "actual", "scale": scale, "map_cm": cm})
    stem = f"甲、乙两地的实际距离是 {m(str(km))} 千米，画在比例尺是 {m(f'1:{scale}')} 的地图上，应画{BLANK}厘米。"
    explanation = (f"{m(str(km))} 千米 {m('=')} {m(str(km * 100000))} 厘米，图上距离 {m('=')} 实际距离 {m(TIMES)} 比例尺："
                   f"{m(f'{km * 100000}{TIMES}{fr(1, scale)}={cm}')}（厘米）。")
    return Draft(stem, m(str(cm)), explanation, {"ask": "map", "scale": scale, "actual_km": km})
