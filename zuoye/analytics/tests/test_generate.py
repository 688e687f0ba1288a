"""The county generator of the report benchmark, run for two school days (both databases in CI).

On PostgreSQL it loads the responses with the response table's secondary indexes and foreign
keys dropped and rebuilds them afterwards: they must all be back, and the keys must hold.
"""

import pytest
from django.db import connection

from zuoye.analytics.generate import COUNTY_CODE, generate, school_days
from zuoye.analytics.models import AssignmentStat
from zuoye.homework.models import Assignment, Response


def _indexes_and_keys() -> tuple[set[str], set[str]]:
    table = Response._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return ({name for name, c in constraints.items() if c["index"]},
            {name for name, c in constraints.items() if c["foreign_key"]})


@pytest.mark.django_db
def test_two_days_of_the_county_are_written_and_rolled_up():
    before = _indexes_and_keys()
    lines: list[str] = []
    summary = generate(scale=0.01, days=2, say=lines.append)
    assert summary.schools == 2 and summary.students > 1000
    assert Response.objects.count() == summary.responses > 10_000
    assert set(Response.objects.values_list("assigned_on", flat=True).distinct()) == set(school_days()[:2])
    assert Assignment.objects.filter(teacher__school__region__code=COUNTY_CODE).count() == summary.assignments
    assert AssignmentStat.objects.filter(is_use=True).count() > 0
    assert _indexes_and_keys() == before
    if connection.vendor == "postgresql":
        assert any("indexes built" in line for line in lines)
    with pytest.raises(ValueError, match="exists already"):
        generate(scale=0.01, days=1, say=lines.append)
