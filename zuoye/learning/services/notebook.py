"""Keep the wrong-question notebook in step with the stored responses.

``notebook_rebuild`` recomputes the entries of some students from all their responses (in the
subjects asked, or all) with three queries and one bulk write per call, whatever the number of
rows: the responses, the items' knowledge points and templates, the existing entries. The
responses listener calls it for the students a batch touched, so incremental and rebuilt
notebooks are the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from django.db import transaction

from zuoye.homework.models import Response
from zuoye.itembank.models import Item
from zuoye.learning.models import NotebookEntry
from zuoye.learning.notebook import ItemInfo, Row, derive


def item_infos(item_ids: Iterable[int]) -> dict[int, ItemInfo]:
    """Knowledge point codes and template of each item (two queries)."""
    ids = set(item_ids)
    points: dict[int, set[str]] = defaultdict(set)
    for item_id, code in Item.knowledge_points.through.objects.filter(item_id__in=ids).values_list(
            "item_id", "knowledgepoint__code"):
        points[item_id].add(code)
    templates = dict(Item.objects.filter(pk__in=ids).values_list("pk", "template_code"))
    return {i: ItemInfo(frozenset(points.get(i, ())), templates.get(i, "") or "") for i in ids}


@transaction.atomic
def notebook_rebuild(*, student_ids: Collection[int], subject_ids: Collection[int] | None = None) -> int:
    """Recompute the notebook of ``student_ids`` (in ``subject_ids``, or every subject); returns entries kept."""
    if not student_ids:
        return 0
    responses = Response.objects.filter(student_id__in=student_ids).exclude(outcome=Response.Outcome.UNMARKED)
    if subject_ids is not None:
        responses = responses.filter(subject_id__in=subject_ids)
    per_pair: dict[tuple[int, int], list[Row]] = defaultdict(list)
    for pk, student, subject, item, assignment, day, outcome, answer, class_id in responses.values_list(
            "pk", "student_id", "subject_id", "item_id", "assignment_id", "assigned_on", "outcome", "answer",
            "school_class_id").iterator(chunk_size=5000):
        per_pair[(student, subject)].append(Row(pk, item, assignment, day, outcome, answer, class_id))
    items = item_infos({row.item_id for rows in per_pair.values() for row in rows})
    new = []
    for (student, subject), rows in per_pair.items():
        for entry in derive(rows, items).values():
            w = entry.wrong
            new.append(NotebookEntry(
                student_id=student, item_id=entry.item_id, subject_id=subject, school_class_id=w.class_id,
                assignment_id=w.assignment_id, assigned_on=w.assigned_on, first_wrong_on=entry.first_wrong_on,
                outcome=w.outcome, answer=w.answer, wrong_count=min(entry.wrong_count, 32767),
                status=entry.status, status_on=entry.status_on))
    old = NotebookEntry.objects.filter(student_id__in=student_ids)
    if subject_ids is not None:
        old = old.filter(subject_id__in=subject_ids)
    old.delete()
    NotebookEntry.objects.bulk_create(new, batch_size=2000)
    return len(new)
