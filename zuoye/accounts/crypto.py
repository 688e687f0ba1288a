"""Protection at rest for personal identifiers (phones, ID-card numbers).

Values are encrypted with Fernet (AES-128-CBC + HMAC) under a key derived from
``settings.FIELD_ENCRYPTION_KEY``, so a copied database file does not reveal them. Because
encryption is randomised, equality look-ups (login by phone, duplicate ID-card checks) use a
keyed digest stored beside the ciphertext: HMAC-SHA256 under a second derived key, so the
digest cannot be reversed by hashing all 10^10 phone numbers without the key.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models


def _derive(purpose: bytes) -> bytes:
    return hashlib.sha256(purpose + b"\0" + settings.FIELD_ENCRYPTION_KEY.encode()).digest()


@functools.cache
def _fernet(key_material: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(b"zuoye-field-encryption")))


def encrypt(text: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("encrypted field cannot be read with the configured ZUOYE_FIELD_KEY") from exc


def digest(text: str) -> str:
    """Keyed, deterministic digest of a normalised identifier, for look-ups and uniqueness."""
    return hmac.new(_derive(b"zuoye-field-digest"), text.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text field stored encrypted; Python code sees the plain value, the database never does."""

    def from_db_value(self, value, expression, connection):  # type: ignore[no-untyped-def]
        if not value:
            return ""
        return decrypt(value)

    def get_prep_value(self, value):  # type: ignore[no-untyped-def]
        value = super().get_prep_value(value)
        if not value:
            return ""
        return encrypt(value)
