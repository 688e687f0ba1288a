"""Login by username or by mobile phone.

Guardians rarely remember a generated username but always know their phone, so a login
name that looks like a mobile number is also tried as one (through its keyed digest, since
phones are stored encrypted).
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.utils.crypto import constant_time_compare

from zuoye.accounts import crypto
from zuoye.accounts.models import User
from zuoye.core import identity


class UsernameOrPhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):  # type: ignore[no-untyped-def,override]
        if not username or not password:
            return None
        user = self._find(username.strip())
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if self._password_matches(user, password) and self.user_can_authenticate(user):
            return user
        return None

    @staticmethod
    def _find(login: str) -> User | None:
        user = User.objects.filter(username=login).first()
        if user is not None:
            return user
        try:
            phone = identity.validate_phone(login)
        except identity.IdentifierError:
            return None
        return User.objects.filter(phone_digest=crypto.digest(phone)).first()

    @staticmethod
    def _password_matches(user: User, password: str) -> bool:
        if user.has_usable_password():
            return user.check_password(password)
        if user.must_change_password and user.initial_password:
            return constant_time_compare(user.initial_password, password)
        return False
