"""Forms of the homework pages. Choices come from what the person may do: a teacher is offered
only the subjects and classes they teach, and the templates of their classes' grades."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zuoye.core.variants.registry import templates_for
from zuoye.homework.services.compose import MAX_GENERATED
from zuoye.schools import models as m


class AssignmentForm(forms.Form):
    subject = forms.ModelChoiceField(m.Subject.objects.none(), label=_("Subject"), empty_label=None)
    classes = forms.ModelMultipleChoiceField(m.SchoolClass.objects.none(), label=_("Classes"),
                                             widget=forms.CheckboxSelectMultiple)
    title = forms.CharField(label=_("Title"), max_length=120)
    assigned_on = forms.DateField(label=_("For the day"),
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    answer_card_only = forms.BooleanField(label=_("Answer card only (the items are in the workbook)"), required=False)

    def __init__(self, *args, offer: list[tuple[m.Subject, list[m.SchoolClass]]], **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.fields["subject"].queryset = m.Subject.objects.filter(pk__in=[s.pk for s, _ in offer])
        self.fields["classes"].queryset = m.SchoolClass.objects.filter(pk__in={c.pk for _, cs in offer for c in cs})

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        subject, classes = data.get("subject"), data.get("classes")
        if subject and classes:
            allowed = {c.pk for s, cs in self.offer if s.pk == subject.pk for c in cs}
            wrong = [c for c in classes if c.pk not in allowed]
            if wrong:
                self.add_error("classes", _("You do not teach %(subject)s in %(class)s.")
                               % {"subject": subject.name, "class": wrong[0].name})
        return data


class MinutesForm(forms.Form):
    minutes = forms.IntegerField(label=_("Estimated minutes"), min_value=1, max_value=300, required=False)
    reset = forms.BooleanField(required=False)


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for going over the limit"), max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. end-of-unit review agreed with parents")}),
    )


class GenerateForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"))
    count = forms.IntegerField(label=_("How many"), min_value=1, max_value=MAX_GENERATED, initial=3)

    def __init__(self, *args, grades: set[int], **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [
            (t.code, f"{t.title}") for grade in sorted(grades) for t in templates_for(grade=grade)
        ]


class StudentSheetForm(forms.Form):
    student = forms.ModelChoiceField(m.Student.objects.none(), label=_("Student"), empty_label=None)

    def __init__(self, *args, students, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students
        self.fields["student"].label_from_instance = lambda s: s.user.full_name

