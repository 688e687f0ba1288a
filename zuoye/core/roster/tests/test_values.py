"""Single cells: names, genders, identifiers, phones, class lists."""

import pytest

from zuoye.core.roster import values


@pytest.mark.parametrize("raw, name", [("张  三", "张三"), (" 欧阳娜娜 ", "欧阳娜娜"), ("买买提 • 艾力", "买买提·艾力"),
                                       ("John  Smith", "John Smith"), ("王　芳", "王芳")])
def test_names_are_tidied_the_way_offices_pad_them(raw, name):
    assert values.person_name(raw) == (name, None)


@pytest.mark.parametrize("raw, code", [("李四4", "name_has_digits"), ("李四４", "name_has_digits"), ("张#三", "name_bad_chars"),
                                       ("欧阳" * 11, "name_too_long"), ("张", "name_too_short"), ("", "cell_required")])
def test_bad_names_say_why(raw, code):
    assert values.person_name(raw)[1][0] == code


def test_gender_accepts_the_usual_spellings():
    assert [values.gender(v)[0] for v in ("男", "女生", "M", "female")] == ["M", "F", "M", "F"]
    assert values.gender("未知")[1] == ("gender_unknown", {"value": "未知"})


def test_id_card_check_digit_birth_date_and_shape():
    assert values.id_card("11010519491231002x") == ("11010519491231002X", None)
    assert values.id_card("110105194912310021")[1][0] == "id_card_check_digit"
    assert values.id_card("110105194913310021")[1][0] == "id_card_birth_date"
    assert values.id_card("1101051949")[1][0] == "id_card_shape"
    assert values.id_card("") == ("", None)


def test_identifiers_that_excel_made_numbers_are_refused_not_misread():
    assert values.id_card(110105194912310020)[1][0] == "number_lost_digits"
    assert values.id_card(1.10105194912310e17)[1][0] == "number_lost_digits"
    assert values.student_number(3607312013001)[0] == "3607312013001"  # 13 digits: exact in Excel
    assert values.student_number("g3607 3120 1300 1")[0] == "G360731201300 1".replace(" ", "")


def test_phone_and_yes_no():
    assert values.phone("+86 138-0000-0001") == ("13800000001", None)
    assert values.phone(13800000001.0) == ("13800000001", None)
    assert values.phone("1380000")[1][0] == "phone_invalid"
    assert [values.yes_no(v)[0] for v in ("是", "", "否", "√")] == [True, False, False, True]
    assert values.yes_no("也许")[1][0] == "yes_no_invalid"


def test_class_lists_with_and_without_grade():
    assert values.class_list("1班、2班", 7) == ([(7, 1), (7, 2)], None)
    assert values.class_list("七年级(1)班,七年级（2）班", None) == ([(7, 1), (7, 2)], None)
    assert values.class_list("701班；初一3班", None) == ([(7, 1), (7, 3)], None)
    assert values.class_list("3班", None)[1] == ("class_needs_grade", {"value": "3班"})
    assert values.class_list("火箭班", 7)[1][0] == "class_label_invalid"
