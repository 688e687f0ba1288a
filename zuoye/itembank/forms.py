"""Forms of the item-bank pages: the bank filter, the import upload, the micro-lesson upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zuoye.core.grades import GRADE_NAMES
from zuoye.itembank.models import Item, KnowledgePoint
from zuoye.itembank.selectors import ItemFilter
from zuoye.schools import models as m

DIFFICULTIES = [(n, str(n)) for n in range(1, 6)]
GRADES = [(n, name) for n, name in GRADE_NAMES.items()]
IMPORT_FORMATS = ".zip,.xml,.gift,.txt"
MAX_IMPORT_BYTES = 50 * 1024 * 1024


class ItemFilterForm(forms.Form):
    """The bank's filter (GET). Invalid values are dropped rather than refused: a filter is no form to fail."""

    subject = forms.ModelChoiceField(m.Subject.objects.none(), label=_("Subject"), to_field_name="code",
                                     required=False, empty_label=_("all subjects"))
    grade = forms.TypedChoiceField(label=_("Grade"), choices=[("", _("all grades")), *GRADES], coerce=int,
                                   required=False, empty_value=None)
    node = forms.CharField(label=_("Unit or knowledge point"), required=False, max_length=40,
                           widget=forms.HiddenInput)
    type = forms.ChoiceField(label=_("Type"), choices=[("", _("all types")), *Item.Type.choices], required=False)
    difficulty = forms.TypedChoiceField(label=_("Difficulty"), choices=[("", _("any")), *DIFFICULTIES], coerce=int,
                                        required=False, empty_value=None)
    text = forms.CharField(label=_("Words in the stem"), required=False, max_length=40)

    def __init__(self, *args, subjects, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects

    def wanted(self) -> ItemFilter:
        self.is_valid()  # keeps the valid fields in cleaned_data either way
        data = self.cleaned_data
        subject = data.get("subject")
        return ItemFilter(
            subject=subject.code if subject else "", grade=data.get("grade"), node=data.get("node") or "",
            type=data.get("type") or "", difficulty=data.get("difficulty"), text=(data.get("text") or "").strip(),
        )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Item file"), help_text=_(
        "QTI 3.0 or 2.1 package (.zip with imsmanifest.xml) or single item (.xml), Moodle XML (.xml), "
        "GIFT (.gift or .txt)."
    ))
    subject = forms.ModelChoiceField(m.Subject.objects.none(), label=_("Subject for items without knowledge points"),
                                     required=False, empty_label=_("none: such items are refused"))
    grade = forms.TypedChoiceField(label=_("Grade for those items"), choices=[("", "—"), *GRADES], coerce=int,
                                   required=False, empty_value=None)
    dry_run = forms.BooleanField(label=_("Check only (write nothing)"), required=False)

    def __init__(self, *args, subjects, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects
        self.fields["file"].widget.attrs["accept"] = IMPORT_FORMATS

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if bool(data.get("subject")) != bool(data.get("grade")):
            raise forms.ValidationError(_("Choose both a subject and a grade, or neither."))
        return data


class LessonPlaceForm(forms.Form):
    """Which book's knowledge points the lesson form offers (GET)."""

    subject = forms.ModelChoiceField(m.Subject.objects.none(), label=_("Subject"), to_field_name="code",
                                     empty_label=None)
    grade = forms.TypedChoiceField(label=_("Grade"), choices=GRADES, coerce=int)

    def __init__(self, *args, subjects, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects


class MicroLessonForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    video = forms.FileField(label=_("Video file"), required=False,
                            help_text=_("MP4, WebM or Ogg. Or give a link below instead."))
    url = forms.URLField(label=_("Or a link to the video"), required=False, assume_scheme="https")
    minutes = forms.IntegerField(label=_("Minutes"), min_value=0, max_value=60)
    seconds = forms.IntegerField(label=_("Seconds"), min_value=0, max_value=59, initial=0)
    knowledge_points = forms.ModelMultipleChoiceField(
        KnowledgePoint.objects.none(), label=_("Knowledge points"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, points, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["knowledge_points"].queryset = points
        self.fields["video"].widget.attrs["accept"] = "video/*"

    @property
    def duration_seconds(self) -> int:
        return self.cleaned_data["minutes"] * 60 + self.cleaned_data["seconds"]
