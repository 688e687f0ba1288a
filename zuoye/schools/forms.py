"""Forms of the school-admin pages; choices are always limited to the admin's own school."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zuoye.schools import models as m
from zuoye.schools.templatetags.school_names import class_name, grade_name, subject_name


class ClassesEnsureForm(forms.Form):
    """"Grade N has K classes": creates the missing ones, never deletes."""

    grade = forms.TypedChoiceField(label=_("Grade"), coerce=int)
    count = forms.IntegerField(label=_("Number of classes"), min_value=1, max_value=30, initial=4)

    def __init__(self, *args, school: m.School, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(g, grade_name(g)) for g in school.grade_range]


class ClassChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: m.SchoolClass) -> str:  # type: ignore[override]
        return class_name(obj)


class TeacherChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: m.Teacher) -> str:  # type: ignore[override]
        return obj.user.full_name or obj.user.username


class SubjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: m.Subject) -> str:  # type: ignore[override]
        return subject_name(obj)


class HeadTeacherForm(forms.Form):
    teacher = TeacherChoiceField(
        label=_("Head teacher"), queryset=m.Teacher.objects.none(), required=False, empty_label=_("(none)")
    )

    def __init__(self, *args, teachers, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = teachers


class StudentMoveForm(forms.Form):
    to_class = ClassChoiceField(label=_("Move to class"), queryset=m.SchoolClass.objects.none())

    def __init__(self, *args, targets, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["to_class"].queryset = targets


class AssignmentForm(forms.Form):
    teacher = TeacherChoiceField(label=_("Teacher"), queryset=m.Teacher.objects.none())
    school_class = ClassChoiceField(label=_("Class"), queryset=m.SchoolClass.objects.none())
    subject = SubjectChoiceField(label=_("Subject"), queryset=m.Subject.objects.filter(is_active=True))

    def __init__(self, *args, teachers, classes, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = teachers
        self.fields["school_class"].queryset = classes
