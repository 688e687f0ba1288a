"""The name, phone and ID-card tables behind the demo people (no database)."""

import random
from datetime import date

from zuoye.core import identity
from zuoye.demo import names


def test_name_lists_load_without_duplicates_and_keep_genders_apart():
    table = names.name_table()
    assert len(table.surnames) == len(set(table.surnames)) >= 100
    for generation in ("child", "adult", "elder"):
        boys, girls = table.given[(generation, "M")], table.given[(generation, "F")]
        assert len(boys) == len(set(boys)) and len(girls) == len(set(girls))
        assert not set(boys) & set(girls), generation
        assert all(1 <= len(name) <= 2 for name in (*boys, *girls))


def test_surnames_follow_their_real_frequency():
    table = names.name_table()
    rng = random.Random(1)
    drawn = [table.surname(rng) for _ in range(20_000)]
    top = sorted(set(drawn), key=drawn.count, reverse=True)[:5]
    assert set(top) == {"王", "李", "张", "刘", "陈"}
    assert 0.05 < drawn.count("王") / len(drawn) < 0.09


def test_id_card_numbers_are_valid_and_carry_birth_date_region_and_gender():
    rng = random.Random(2)
    used: set[str] = set()
    for gender in ("M", "F") * 50:
        number = names.id_card_number(rng, region="360731", born=date(2013, 5, 17), gender=gender, used=used)
        assert identity.validate_id_card(number) == number
        assert number.startswith("36073120130517")
        assert identity.id_card_gender(number) == gender
    assert len(used) == 100


def test_mobile_numbers_are_well_formed_and_never_repeat():
    rng = random.Random(3)
    used: set[str] = set()
    numbers = [names.mobile_number(rng, used) for _ in range(2_000)]
    assert len(set(numbers)) == 2_000
    assert all(identity.validate_phone(number) == number for number in numbers)


def test_first_passwords_avoid_characters_children_confuse():
    rng = random.Random(4)
    for _ in range(200):
        password = names.first_password(rng)
        assert len(password) == 8
        assert not set(password) & set("0O1lI")
