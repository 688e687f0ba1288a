"""Plausible Chinese people: names, mobile numbers, ID-card numbers and first passwords.

Everything is drawn from a caller's seeded :class:`random.Random`, so the demo county is the same
on every machine. Surnames follow their real share of the population (``data/surnames.txt``);
given names are chosen from lists per generation and gender (children born in the 2010s are
named 子轩 and 梓涵, their grandparents 福生 and 秀英), because a roster that reads like a real
class is what makes a demo believable to a teacher. ID-card numbers carry a valid check digit,
a birth date and a gender digit that agree with the person. No Django here: the roster
generator and the benchmark use it without a database.
"""

from __future__ import annotations

import functools
import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from zuoye.core import identity

DATA_DIR = Path(__file__).resolve().parent / "data"

Generation = Literal["child", "adult", "elder"]
Gender = Literal["M", "F"]

# Mobile number segments in use by China Mobile, China Unicom and China Telecom.
MOBILE_PREFIXES = (
    "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159",
    "178", "182", "183", "184", "187", "188", "198", "130", "131", "132", "155", "156", "166",
    "175", "176", "185", "186", "133", "149", "153", "173", "177", "180", "181", "189", "199",
)
# The same alphabet and length as ``accounts.services.initial_password_generate`` (no 0/O, 1/l/I:
# the slips are read by nine-year-olds and their grandparents); a test keeps the two in step.
FIRST_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
FIRST_PASSWORD_LENGTH = 8


def _entries(name: str) -> list[str]:
    """Whitespace-separated entries of a data file, without its ``#`` comment lines."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [word for line in text.splitlines() if not line.startswith("#") for word in line.split()]


@dataclass(frozen=True)
class NameTable:
    surnames: tuple[str, ...]
    surname_cum_weights: tuple[float, ...]
    given: dict[tuple[Generation, Gender], tuple[str, ...]]

    def surname(self, rng: random.Random) -> str:
        return rng.choices(self.surnames, cum_weights=self.surname_cum_weights)[0]

    def given_name(self, rng: random.Random, generation: Generation, gender: Gender) -> str:
        return rng.choice(self.given[(generation, gender)])

    def full_name(self, rng: random.Random, generation: Generation, gender: Gender, surname: str = "") -> str:
        return (surname or self.surname(rng)) + self.given_name(rng, generation, gender)


@functools.cache
def name_table() -> NameTable:
    pairs = _entries("surnames.txt")
    surnames = tuple(pairs[0::2])
    weights = tuple(itertools.accumulate(float(weight) for weight in pairs[1::2]))
    given = {
        (generation, gender): tuple(_entries(f"given-{generation}-{'male' if gender == 'M' else 'female'}.txt"))
        for generation in ("child", "adult", "elder")
        for gender in ("M", "F")
    }
    return NameTable(surnames=surnames, surname_cum_weights=weights, given=given)  # type: ignore[arg-type]


def mobile_number(rng: random.Random, used: set[str]) -> str:
    """A fresh, well-formed mobile number not in ``used`` (which it joins)."""
    while True:
        number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if number not in used:
            used.add(number)
            return number


def id_card_number(rng: random.Random, *, region: str, born: date, gender: Gender, used: set[str]) -> str:
    """A valid 18-character ID-card number (GB 11643) for a person born in ``region`` on ``born``.

    Digits 15–16 are the registering police station, digit 17 is odd for males and even for
    females, digit 18 is the ISO 7064 check character.
    """
    while True:
        order = rng.randrange(500) * 2 + (1 if gender == "M" else 0)
        first17 = f"{region}{born:%Y%m%d}{order:03d}"
        number = first17 + identity.id_card_check_char(first17)
        if number not in used:
            used.add(number)
            return number


def birth_date_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def first_password(rng: random.Random) -> str:
    """A first password like the ones importers print on credential slips."""
    return "".join(rng.choice(FIRST_PASSWORD_ALPHABET) for _ in range(FIRST_PASSWORD_LENGTH))
