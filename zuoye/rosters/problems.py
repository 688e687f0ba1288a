"""The words for each problem code of :mod:`zuoye.core.roster.problems`, in the reader's language.

Problems are stored as codes with parameters (``RosterImport.problems``) and worded only when
shown, so a Chinese admin and an English-speaking maintainer read the same report each in their
own language. Column names such as 学籍号 are the files' own words and stay as they are.
"""

from __future__ import annotations

from typing import Any, Mapping

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "file_empty": _("The file is empty."),
    "file_too_large": _("The file is larger than %(limit_mb)s MB."),
    "file_xls": _("This is an old Excel 97–2003 (.xls) file or a password-protected workbook. Open it in Excel or WPS, "
                  "remove any password and save it as “Excel workbook (.xlsx)”."),
    "file_word": _("This is a Word document, not an Excel workbook (was it renamed to .xlsx?)."),
    "file_pdf": _("This is a PDF. Upload the Excel (.xlsx) or CSV file the roster was made in."),
    "file_image": _("This is a picture. Upload the Excel (.xlsx) or CSV file the roster was made in."),
    "file_zip_unknown": _("This zip file is neither an Excel workbook nor a OneRoster package (it holds no CSV files)."),
    "file_damaged": _("The file is damaged or incomplete (was the upload cut off?). Save it again and upload it again."),
    "file_binary": _("The file is neither an Excel workbook (.xlsx) nor a CSV text file."),
    "file_encoding": _("The text encoding of the file cannot be recognised. Save it as “CSV UTF-8”."),
    "file_zip_bomb": _("The file unpacks to more than 1 GB; it cannot be a roster."),
    "file_strict_ooxml": _("The workbook is saved as “Strict Open XML”. Save it as a normal “Excel workbook (.xlsx)”."),
    "encoding_gb18030": _("The file is in GBK/GB18030 encoding (as Excel saves CSV on Chinese Windows) and was read as such. "
                          "Saving as “CSV UTF-8” avoids this note."),
    "encoding_utf16": _("The file is UTF-16 text (Excel “Unicode text”) and was read as such."),
    "no_school": _("Choose the school this roster belongs to."),
    "school_not_allowed": _("You may not import rosters for %(school)s."),
    "no_term": _("No school term is set up for today; teaching assignments need one."),
    "no_school_year": _("No school year is set up for today; classes belong to a school year."),
    "same_file_before": _("The same file was uploaded before: import #%(number)s on %(when)s."),
    "no_rows": _("The file holds no student or teacher rows."),
    "sheet_no_header": _("No header row in the first %(rows)s rows. A student roster needs the columns %(expected)s; "
                         "a teacher sheet 姓名、手机、任教班级、任教学科."),
    "sheet_skipped_hidden": _("The hidden sheet “%(sheet)s” was not read."),
    "header_missing_columns": _("The header row lacks the columns %(missing)s (found: %(found)s)."),
    "header_duplicate_column": _("The column “%(name)s” appears twice (also in column %(first)s)."),
    "sheet_not_a_class": _("“%(sheet)s” has no 班级 column and its name is not a class name such as 七年级(1)班."),
    "cell_formula": _("The cell holds a formula. Copy the column and paste it back as values only."),
    "cell_error": _("The cell shows the error %(value)s."),
    "cells_merged": _("The cells %(cells)s are merged. Unmerge them and fill in every row."),
    "cell_required": _("This cell must be filled in."),
    "number_lost_digits": _("Excel stored this as a number and kept only 15 digits (%(value)s). "
                            "Format the column as text and type the number again."),
    "name_too_long": _("The name “%(value)s” has %(length)s characters; at most %(limit)s are allowed."),
    "name_too_short": _("The name “%(value)s” is too short (at least %(limit)s characters)."),
    "name_has_digits": _("The name “%(value)s” contains digits."),
    "name_bad_chars": _("The name “%(value)s” contains characters not used in names: %(chars)s"),
    "gender_unknown": _("Gender must be 男 or 女, not “%(value)s”."),
    "gender_mismatch_id_card": _("Gender “%(value)s” does not match the ID-card number."),
    "id_card_shape": _("ID-card number %(value)s must be 17 digits and a digit or X (it has %(length)s characters)."),
    "id_card_birth_date": _("ID-card number %(value)s holds an impossible birth date %(date)s."),
    "id_card_check_digit": _("ID-card number %(value)s is mistyped: its check digit is %(found)s but should be %(expected)s."),
    "phone_invalid": _("“%(value)s” is not a mobile number (11 digits starting with 13–19)."),
    "student_number_invalid": _("学籍号 “%(value)s” must be 5–30 letters and digits."),
    "class_label_invalid": _("“%(value)s” is not a class name; write it like 七年级(1)班."),
    "class_sheet_mismatch": _("The class “%(value)s” differs from the class of this sheet, %(sheet)s."),
    "class_needs_grade": _("“%(value)s” has no grade: fill in 任教年级 or write it like 七年级(1)班."),
    "grade_invalid": _("“%(value)s” is not a grade (write 七年级, 初一 or 7)."),
    "grade_mismatch": _("The classes “%(value)s” are not all in %(grade)s (任教年级)."),
    "relation_too_long": _("“%(value)s” is longer than %(limit)s characters."),
    "guardian_name_missing": _("A guardian phone is given but no guardian name."),
    "guardian_phone_missing": _("A guardian name is given but no guardian phone (guardians log in with it)."),
    "subject_unknown": _("Unknown subject “%(value)s”. Known subjects: %(known)s."),
    "subject_not_in_grade": _("%(value)s is not taught in %(grade)s."),
    "subject_missing": _("Classes are given but no subject."),
    "classes_missing": _("A subject is given but no classes."),
    "head_many_classes": _("是否班主任 is 是 but the row lists several classes (%(value)s); "
                           "a head teacher's row must name exactly one class."),
    "head_needs_class": _("是否班主任 is 是 but no class is given."),
    "yes_no_invalid": _("Write 是 or 否, not “%(value)s”."),
    "template_example_row": _("This is the template's example row; delete it."),
    "duplicate_student_number": _("学籍号 %(value)s appears twice (first at %(first)s)."),
    "duplicate_id_card": _("The same ID-card number is at %(first)s: one child entered twice?"),
    "duplicate_person": _("%(name)s with the same guardian phone is already at %(first)s: one child entered twice?"),
    "guardian_phone_two_names": _("Guardian phone %(phone)s has the name %(name)s here but %(other)s at %(first)s; "
                                  "one phone is one guardian."),
    "teacher_phone_two_names": _("Phone %(phone)s has the name %(name)s here but %(other)s at %(first)s."),
    "class_two_head_teachers": _("%(value)s gets two head teachers: %(name)s here and %(other)s at %(first)s."),
    "unknown_class": _("Unknown class %(value)s (%(rows)s rows): %(school)s has no such class in %(year)s. "
                       "Create it on the classes page first."),
    "class_grade_out_of_range": _("%(school)s has no %(grade)s, so %(value)s cannot be created."),
    "student_number_other_school": _("学籍号 %(value)s belongs to a student of another school (transfers go through the county)."),
    "id_card_other_student": _("This ID-card number already belongs to another student."),
    "username_taken": _("The login name %(value)s is already used by another account."),
    "phone_is_student": _("Phone %(phone)s belongs to a student's account."),
    "phone_other_person": _("Phone %(phone)s already belongs to an account with another name (%(other)s)."),
    "teacher_other_school": _("The teacher with phone %(phone)s belongs to another school."),
    "or_manifest_missing": _("The package has no manifest.csv."),
    "or_manifest_bad": _("manifest.csv must have the columns propertyName,value."),
    "or_version": _("oneroster.version is %(value)s; Zuoye reads OneRoster 1.2 (and 1.1)."),
    "or_delta": _("%(name)s is a delta file; Zuoye imports bulk files only."),
    "or_file_missing": _("%(name)s is missing from the package."),
    "or_columns_missing": _("Missing columns: %(missing)s."),
    "or_duplicate_id": _("sourcedId %(value)s appears twice (first on row %(first_row)s)."),
    "or_value_invalid": _("“%(value)s” is not a valid value here."),
    "or_reference_missing": _("%(value)s is not in %(target)s."),
    "or_org_type": _("Org type “%(value)s” is not one Zuoye places (state, local, district, school)."),
    "or_class_unresolved": _("Cannot tell which class “%(value)s” is: its title or classCode must name a class such as 七年级(1)班."),
    "or_user_role_missing": _("User %(value)s has no role."),
    "or_user_no_identifier": _("Student %(value)s has no identifier (学籍号)."),
    "or_org_unknown": _("%(name)s (%(value)s) is not in Zuoye, and this import may not create it."),
    "or_session_unknown": _("The school year of “%(value)s” cannot be found."),
    "or_ignored_rows": _("%(count)s rows of %(name)s were not imported: %(reason)s"),
    "or_student_no_class": _("Student %(value)s is enrolled in no class."),
    "or_teacher_two_schools": _("Teacher %(value)s teaches at two schools; Zuoye keeps a teacher at one school."),
}


def _first(params: Mapping[str, Any]) -> str:
    if params.get("first_sheet"):
        return gettext("sheet %(sheet)s, row %(row)s") % {"sheet": params["first_sheet"], "row": params["first_row"]}
    return gettext("row %(row)s") % {"row": params.get("first_row")}


def render(item: Mapping[str, Any]) -> str:
    """The message of a stored problem (``Problem.as_dict()``), in the active language."""
    params = dict(item.get("params") or {})
    if "first_row" in params:
        params["first"] = _first(params)
    template = MESSAGES.get(str(item.get("code")))
    if template is None:
        return str(item.get("code"))
    try:
        return str(template) % params
    except (KeyError, ValueError, TypeError):
        return str(template)


def column_text(item: Mapping[str, Any]) -> str:
    column, header = item.get("column") or "", item.get("header") or ""
    return f"{column} {header}".strip() if header and header != column else column


KINDS = {
    "regions": _("Regions"), "schools": _("Schools"), "school_years": _("School years"), "classes": _("Classes"),
    "students": _("Students"), "guardians": _("Guardians"), "teachers": _("Teachers"), "staff_roles": _("Staff roles"),
}


def kind_name(kind: str) -> str:
    return str(KINDS.get(kind, kind))
