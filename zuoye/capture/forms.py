"""Forms of capture: giving a quarantined page its identity by hand."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zuoye.capture.selectors import class_assignments_with_sheets
from zuoye.homework import selectors as homework
from zuoye.schools.access import Scope
from zuoye.schools.models import Student


class AssignForm(forms.Form):
    assignment = forms.ModelChoiceField(queryset=None, label=_("Homework"))  # type: ignore[arg-type]
    student = forms.ModelChoiceField(queryset=None, label=_("Student"))  # type: ignore[arg-type]
    sheet_page = forms.IntegerField(min_value=1, max_value=999, initial=1, label=_("Sheet page"))

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        assignments = class_assignments_with_sheets(scope).select_related("subject")
        self.fields["assignment"].queryset = assignments
        self.fields["assignment"].label_from_instance = lambda a: f"{a.assigned_on:%m-%d} {a.subject.name} · {a.title}"
        students = Student.objects.filter(current_class__homework__in=assignments, is_active=True).distinct()
        self.fields["student"].queryset = students.select_related("user", "current_class").order_by(
            "current_class__grade", "current_class__number", "student_number")
        self.fields["student"].label_from_instance = lambda s: f"{s.current_class.name} · {s.user.full_name}"
        # A school's list runs to thousands: grouped by class (the page's filter box narrows it).
        groups: dict[str, list[tuple[int, str]]] = {}
        for student in self.fields["student"].queryset:
            groups.setdefault(student.current_class.name, []).append((student.pk, student.user.full_name))
        self.fields["student"].choices = [("", "---------"), *groups.items()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        assignment, student = data.get("assignment"), data.get("student")
        if assignment and student:
            school_class = homework.assignment_class(assignment, student.current_class_id)
            if school_class is None or not homework.may_print(self.scope, assignment, school_class):
                raise forms.ValidationError(_("This student's class does not have this homework."))
        return data
