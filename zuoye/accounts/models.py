"""The login identity shared by every role a person holds.

A person is one :class:`User` however many roles they hold (a teacher who is also a parent
and the school's account admin logs in once). Role records live with the data they give
access to (``schools.Teacher``, ``schools.Guardian``, ``schools.StaffRole`` …).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from zuoye.accounts import crypto
from zuoye.core import identity


class User(AbstractUser):
    full_name = models.CharField(_("name"), max_length=64, blank=True)
    phone = crypto.EncryptedTextField(_("mobile phone"), blank=True, default="")
    phone_digest = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    must_change_password = models.BooleanField(default=False)
    # The generated first password, kept (encrypted) only until the person sets their own, so
    # the class's credential sheet can be printed again if a slip is lost. Hashing it with
    # PBKDF2 at import would cost ~0.3 s per account: 100,000 accounts in a county import.
    initial_password = crypto.EncryptedTextField(blank=True, default="")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def assign_phone(self, phone: str) -> None:
        """Set the phone and its look-up digest together (both or neither)."""
        self.phone = phone
        self.phone_digest = crypto.digest(phone) if phone else None

    @property
    def masked_phone(self) -> str:
        return identity.mask_phone(self.phone) if self.phone else ""
