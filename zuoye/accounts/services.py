"""Writes on accounts: creating people who log in, and their first password."""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.db import transaction

from zuoye.accounts.models import User

# No 0/O, 1/l/I: these slips are read by nine-year-olds and their grandparents.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
INITIAL_PASSWORD_LENGTH = 8


def initial_password_generate() -> str:
    """Eight characters drawn uniformly from the alphabet (rejection sampling over random bytes).

    One ``secrets`` call per password rather than one per character: importers make 100,000
    of them for a county.
    """
    limit = 256 - 256 % len(_PASSWORD_ALPHABET)
    chars: list[str] = []
    while len(chars) < INITIAL_PASSWORD_LENGTH:
        chars.extend(_PASSWORD_ALPHABET[b % len(_PASSWORD_ALPHABET)] for b in secrets.token_bytes(16) if b < limit)
    return "".join(chars[:INITIAL_PASSWORD_LENGTH])


def _unusable_password() -> str:
    """What Django's ``set_unusable_password`` stores ("!" + random), at a fraction of its cost."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def user_build(*, username: str, full_name: str, phone: str = "") -> User:
    """An unsaved account with a generated first password, for bulk creation by importers.

    The first password is kept encrypted (not hashed) until first login; see
    :attr:`User.initial_password`.
    """
    user = User(username=username, full_name=full_name, must_change_password=True)
    user.initial_password = initial_password_generate()
    user.password = _unusable_password()
    user.assign_phone(phone)
    return user


def user_create(*, username: str, full_name: str, phone: str = "", password: str | None = None) -> User:
    """Create one account; with ``password`` it is usable at once, without it a first password is generated."""
    user = user_build(username=username, full_name=full_name, phone=phone)
    if password is not None:
        user.password = make_password(password)
        user.initial_password = ""
        user.must_change_password = False
    user.save()
    return user


@transaction.atomic
def password_set_own(*, user: User, new_password: str) -> None:
    """The person's own password replaces the generated one, which is then forgotten."""
    user.set_password(new_password)
    user.must_change_password = False
    user.initial_password = ""
    user.save(update_fields=["password", "must_change_password", "initial_password"])


@transaction.atomic
def password_reset_initial(*, user: User) -> str:
    """An admin hands out a new slip: a fresh first password, to be changed at next login."""
    user.initial_password = initial_password_generate()
    user.set_unusable_password()
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password", "initial_password"])
    return user.initial_password
