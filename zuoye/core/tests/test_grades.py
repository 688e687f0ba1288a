import pytest

from zuoye.core import grades


@pytest.mark.parametrize(
    "label",
    ["七年级(2)班", "七年级（2）班", "七年级2班", "7年级(2)班", "初一(2)班", "初一2班", "7(2)班", "702班", " 七年级 (2) 班 "],
)
def test_usual_spellings_of_a_class_read_the_same(label):
    assert grades.parse_class_label(label) == (7, 2)


def test_chinese_class_numbers_are_read():
    assert grades.parse_class_label("三年级十二班") == (3, 12)


@pytest.mark.parametrize("label", ["高一(2)班", "十年级(1)班", "七年级", "二班", ""])
def test_unreadable_class_names_are_refused(label):
    with pytest.raises(grades.ClassLabelError):
        grades.parse_class_label(label)


def test_canonical_label():
    assert grades.class_label(9, 3) == "九年级(3)班"
