"""Forms of the pens pages: register a pen, a gateway, a paper batch; print on dot paper; assign a page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zuoye.pens.models import Pen


class PenForm(forms.Form):
    serial = forms.CharField(label=_("Pen serial"), max_length=40, help_text=_("as printed on the pen or shown by its app"))
    holder = forms.CharField(label=_("Holder's login name"), max_length=150,
                             help_text=_("a teacher's or a student's login name at this school"))
    role = forms.ChoiceField(label=_("Used by"), choices=[("", _("as the holder is"))] + list(Pen.Role.choices),
                             required=False)


class GatewayForm(forms.Form):
    name = forms.CharField(label=_("Gateway name"), max_length=60, help_text=_("e.g. the classroom it stands in"))


class BatchForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=60, required=False, help_text=_("e.g. the order number"))
    section = forms.IntegerField(label=_("Section"), min_value=0)
    owner = forms.IntegerField(label=_("Owner"), min_value=0)
    book = forms.IntegerField(label=_("Book"), min_value=0)
    first_page = forms.IntegerField(label=_("First page"), min_value=0)
    page_count = forms.IntegerField(label=_("Pages"), min_value=1, max_value=1_000_000)


class PrintForm(forms.Form):
    sheet_set = forms.TypedChoiceField(label=_("Printed sheets"), coerce=int)
    batch = forms.TypedChoiceField(label=_("Dot-pattern paper"), coerce=int)

    def __init__(self, *args, sheet_sets=(), batches=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["sheet_set"].choices = [(s.pk, s.choice_label) for s in sheet_sets]
        self.fields["batch"].choices = [(b.pk, b.choice_label) for b in batches]


class AssignForm(forms.Form):
    address = forms.RegexField(label=_("Page address"), regex=r"^\d+\.\d+\.\d+\.\d+$", max_length=60)
    sheet_set = forms.IntegerField(label=_("Printed sheets (number)"), min_value=1)
    page = forms.IntegerField(label=_("Page of the printing"), min_value=1,
                              help_text=_("1 is the first page of the PDF"))
