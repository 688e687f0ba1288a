"""People recognised by their mobile phone, whichever sheet names them.

Guardians and teachers log in with their phone, so one phone is one account: a teacher who is
also a parent at the school appears once as a person holding two roles. During one import every
mention of a phone (a guardian cell, a teacher row, a OneRoster user) resolves through one
:class:`PeopleIndex`, which finds the stored account by the phone's keyed digest, or builds one
new account shared by all mentions, and reports a phone written with two different names.

A stored account's name is corrected by the roster only for roles the roster manages (a
guardian-only account from a student roster, a teacher of this school from a teacher sheet);
anyone else with that phone and another name is a problem to resolve by hand, never a silent
rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from zuoye.accounts import crypto
from zuoye.accounts.models import User
from zuoye.accounts.services import user_build
from zuoye.core import identity
from zuoye.core.roster.problems import Place, Problem, problem
from zuoye.rosters.services.bulk import BATCH, fetch_in, values_in
from zuoye.schools import models as m


@dataclass
class Person:
    phone: str
    name: str
    place: Place
    user: User | None = None  # stored account
    new_user: User | None = None  # built here, saved by :meth:`PeopleIndex.save`
    teacher_school_id: int | None = None
    has_guardian: bool = False
    is_student: bool = False
    has_staff: bool = False
    rename: bool = False
    roles: set[str] = field(default_factory=set)  # roles claimed in this import

    @property
    def account(self) -> User:
        account = self.user or self.new_user
        assert account is not None
        return account


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def masked_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1)


class PeopleIndex:
    def __init__(self, phones: set[str]) -> None:
        self.people: dict[str, Person] = {}
        self._stored = self._load(phones)
        self.problems: list[Problem] = []

    @staticmethod
    def _load(phones: set[str]) -> dict[str, tuple[User, dict[str, object]]]:
        digests = {crypto.digest(phone): phone for phone in phones}
        users = fetch_in(User.objects.only("id", "username", "full_name", "phone_digest", "is_superuser"), "phone_digest", digests)
        ids = [user.pk for user in users]
        teachers = dict(values_in(m.Teacher.objects.all(), "user_id", ids, "user_id", "school_id"))
        guardians = {row[0] for row in values_in(m.Guardian.objects.all(), "user_id", ids, "user_id")}
        students = {row[0] for row in values_in(m.Student.objects.all(), "user_id", ids, "user_id")}
        staff = {row[0] for row in values_in(m.StaffRole.objects.all(), "user_id", ids, "user_id")}
        return {
            digests[user.phone_digest]: (user, {
                "teacher_school_id": teachers.get(user.pk), "has_guardian": user.pk in guardians,
                "is_student": user.pk in students, "has_staff": user.pk in staff or user.is_superuser,
            })
            for user in users
        }

    def claim(self, *, phone: str, name: str, role: str, place: Place, school_id: int,
              username: Callable[[], str]) -> Person | None:
        """The person with this phone, for ``role`` ("guardian" or "teacher"); None after a problem."""
        person = self.people.get(phone)
        if person is None:
            person = self._first_claim(phone, name, place, username)
            self.people[phone] = person
        elif person.name != name:
            self.problems.append(problem("phone_other_person", place, phone=identity.mask_phone(phone), other=masked_name(person.name)))
            return None
        if person.is_student:
            self.problems.append(problem("phone_is_student", place, phone=identity.mask_phone(phone)))
            return None
        if person.user is not None and person.user.full_name != name and not self._may_rename(person, role, school_id):
            self.problems.append(problem("phone_other_person", place, phone=identity.mask_phone(phone), other=masked_name(person.user.full_name)))
            return None
        person.rename = person.user is not None and person.user.full_name != name
        person.roles.add(role)
        return person

    def _first_claim(self, phone: str, name: str, place: Place, username: Callable[[], str]) -> Person:
        stored = self._stored.get(phone)
        if stored is None:
            return Person(phone=phone, name=name, place=place, new_user=user_build(username=username(), full_name=name, phone=phone))
        user, flags = stored
        return Person(phone=phone, name=name, place=place, user=user, **flags)  # type: ignore[arg-type]

    @staticmethod
    def _may_rename(person: Person, role: str, school_id: int) -> bool:
        if person.has_staff or person.is_student:
            return False
        if role == "guardian":
            return person.teacher_school_id is None
        return person.teacher_school_id == school_id

    def guardian_counts(self) -> Counts:
        """Guardians named by this import; call before :meth:`save`."""
        counts = Counts()
        for person in self.people.values():
            if "guardian" not in person.roles:
                continue
            if person.new_user is not None or not person.has_guardian:
                counts.created += 1
            elif person.rename:
                counts.updated += 1
            else:
                counts.unchanged += 1
        return counts

    def new_users(self) -> list[User]:
        return [p.new_user for p in self.people.values() if p.new_user is not None and p.roles]

    def save(self) -> None:
        """Create the new accounts and correct the names the roster manages."""
        users = self.new_users()
        _unique_usernames(users)
        User.objects.bulk_create(users, batch_size=BATCH)
        renamed = [p for p in self.people.values() if p.rename and p.user is not None]
        for person in renamed:
            person.user.full_name = person.name  # type: ignore[union-attr]
        User.objects.bulk_update([p.user for p in renamed], ["full_name"], batch_size=BATCH)  # type: ignore[misc]


def _unique_usernames(users: list[User]) -> None:
    """``jz`` + a child's 学籍号 may already be taken (e.g. by a guardian who changed phone): add -2, -3 …"""
    taken = {row[0] for row in values_in(User.objects.all(), "username", [u.username for u in users], "username")}
    for user in users:
        if user.username in taken:  # rare: one query per clash
            base = user.username
            taken |= set(User.objects.filter(username__startswith=base + "-").values_list("username", flat=True))
            suffix = 2
            while f"{base}-{suffix}" in taken:
                suffix += 1
            user.username = f"{base}-{suffix}"
        taken.add(user.username)
