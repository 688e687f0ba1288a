"""The upload form: a file, the school it is for (chosen only by those who manage several), check only."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zuoye.schools import models as m


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Roster file"), help_text=_("Excel workbook (.xlsx), CSV table, or OneRoster 1.2 package (.zip)."))
    school = forms.ModelChoiceField(queryset=m.School.objects.none(), label=_("School"), empty_label=None)
    dry_run = forms.BooleanField(label=_("Check only (write nothing)"), required=False)

    def __init__(self, *args, schools, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv,.zip"
