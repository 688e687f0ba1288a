from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong username/phone or password. Passwords are case-sensitive."),
        "inactive": _("This account is disabled. Ask your school's account admin."),
    }

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username or mobile phone")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
