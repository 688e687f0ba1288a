"""What is wrong with an input file, and exactly where.

A :class:`Problem` carries a stable ``code`` and the values to fill into its message; the
message text itself lives with the app (``zuoye.rosters.problems``) so that it can be
translated. Codes are listed in :data:`CODES` so a test can check every one has a message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

ERROR = "error"
NOTICE = "notice"


@dataclass(frozen=True)
class Place:
    """Where in the upload: file name, sheet (xlsx only), 1-based row, column letter and its header."""

    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    header: str = ""

    def at(self, *, row: int | None = None, column: str = "", header: str = "") -> "Place":
        return Place(self.file, self.sheet, row if row is not None else self.row, column or self.column, header or self.header)


@dataclass(frozen=True)
class Problem:
    code: str
    place: Place = field(default_factory=Place)
    params: Mapping[str, object] = field(default_factory=dict)
    severity: str = ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.place.file,
            "sheet": self.place.sheet,
            "row": self.place.row,
            "column": self.place.column,
            "header": self.place.header,
            "params": {key: value for key, value in self.params.items()},
        }

    def __str__(self) -> str:  # for logs and debugging; users see the app's translated text
        where = ":".join(str(part) for part in (self.place.file, self.place.sheet, self.place.row, self.place.column) if part)
        return f"{where} {self.code} {dict(self.params)}"


def problem(code: str, place: Place, **params: object) -> Problem:
    assert code in CODES, code
    return Problem(code=code, place=place, params=params)


def notice(code: str, place: Place, **params: object) -> Problem:
    assert code in CODES, code
    return Problem(code=code, place=place, params=params, severity=NOTICE)


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


CODES = frozenset(
    {
        # the file as a whole
        "file_empty", "file_too_large", "file_xls", "file_word", "file_pdf", "file_image", "file_zip_unknown",
        "file_damaged", "file_binary", "file_encoding", "file_zip_bomb", "file_strict_ooxml",
        "encoding_gb18030", "encoding_utf16", "no_school", "school_not_allowed", "no_term", "no_school_year",
        "same_file_before", "no_rows",
        # sheets and headers
        "sheet_no_header", "sheet_skipped_hidden", "header_missing_columns", "header_duplicate_column",
        "sheet_not_a_class",
        # cells
        "cell_formula", "cell_error", "cells_merged", "cell_required", "number_lost_digits",
        "name_too_long", "name_too_short", "name_has_digits", "name_bad_chars", "gender_unknown",
        "gender_mismatch_id_card", "id_card_shape", "id_card_birth_date", "id_card_check_digit", "phone_invalid", "student_number_invalid",
        "class_label_invalid", "class_sheet_mismatch", "class_needs_grade", "grade_invalid",
        "grade_mismatch", "relation_too_long", "guardian_name_missing", "guardian_phone_missing",
        "subject_unknown", "subject_not_in_grade", "subject_missing", "classes_missing", "head_many_classes",
        "head_needs_class", "yes_no_invalid", "template_example_row",
        # across rows
        "duplicate_student_number", "duplicate_id_card", "duplicate_person", "guardian_phone_two_names",
        "teacher_phone_two_names", "class_two_head_teachers",
        # against stored data (added by the app)
        "unknown_class", "class_grade_out_of_range", "student_number_other_school", "id_card_other_student",
        "username_taken", "phone_is_student", "phone_other_person", "teacher_other_school",
        # OneRoster packages
        "or_manifest_missing", "or_manifest_bad", "or_version", "or_delta", "or_file_missing",
        "or_columns_missing", "or_duplicate_id", "or_value_invalid", "or_reference_missing",
        "or_org_type", "or_class_unresolved", "or_user_role_missing", "or_user_no_identifier",
        "or_org_unknown", "or_session_unknown", "or_ignored_rows", "or_student_no_class", "or_teacher_two_schools",
    }
)
