from collections import Counter

import pytest

from zuoye.accounts import services


def test_initial_passwords_use_only_unambiguous_characters_and_vary():
    passwords = {services.initial_password_generate() for _ in range(2000)}
    assert len(passwords) == 2000
    assert all(len(p) == services.INITIAL_PASSWORD_LENGTH for p in passwords)
    assert set("".join(passwords)) <= set(services._PASSWORD_ALPHABET)
    assert not set("".join(passwords)) & set("0O1lI")


def test_initial_password_characters_are_roughly_uniform():
    counts = Counter("".join(services.initial_password_generate() for _ in range(4000)))
    expected = 4000 * services.INITIAL_PASSWORD_LENGTH / len(services._PASSWORD_ALPHABET)
    assert all(0.8 * expected < n < 1.2 * expected for n in counts.values())


@pytest.mark.django_db
def test_a_built_account_cannot_log_in_with_a_password_hash_but_with_its_first_password():
    from django.contrib.auth import authenticate

    user = services.user_build(username="s_new", full_name="新同学")
    user.save()
    assert not user.has_usable_password()
    assert authenticate(username="s_new", password=user.initial_password) == user
    assert authenticate(username="s_new", password="wrong-one") is None
