from django.core.management import call_command
from io import StringIO

import pytest
from django.core.management.base import CommandError

from zuoye.schools.models import Subject


@pytest.mark.django_db
def test_h8_subjects_are_seeded():
    assert set(Subject.objects.values_list("name", flat=True)) >= {"语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理"}


@pytest.mark.django_db
def test_a_region_adds_and_retires_a_subject():
    out = StringIO()
    call_command("subject", "set", "morality", "--name", "道德与法治", "--name-en", "Morality and Law", "--grades", "1-9", stdout=out)
    assert Subject.objects.get(code="morality").name == "道德与法治"
    call_command("subject", "retire", "morality", stdout=out)
    assert not Subject.objects.get(code="morality").is_active
    assert "(retired)" in out.getvalue()


@pytest.mark.django_db
def test_bad_grade_range_is_refused():
    with pytest.raises(CommandError, match="3-9"):
        call_command("subject", "set", "x", "--name", "甲", "--name-en", "X", "--grades", "9-3")
