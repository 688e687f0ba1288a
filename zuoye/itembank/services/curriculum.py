"""Knowledge points in the database follow the shipped curriculum (``zuoye.core.curriculum``).

The JSON trees are the source of truth; :func:`curriculum_sync` upserts units and points by
code in bulk and retires (never deletes) points that left the trees, so items keep their tags.
"""

from __future__ import annotations

from django.db import transaction

from zuoye.core.curriculum import curriculum
from zuoye.itembank.models import KnowledgePoint
from zuoye.schools.models import Subject

_FIELDS = ["subject", "grade", "semester", "kind", "parent", "title", "order", "is_active"]


def _rows() -> list[tuple[str, dict[str, object], str | None]]:
    """(code, fields, parent code) for every unit and point, in textbook order."""
    rows: list[tuple[str, dict[str, object], str | None]] = []
    for tree in curriculum().subjects:
        for book in tree.books:
            for unit in book.units:
                base = {"subject": tree.subject, "grade": book.grade, "semester": book.semester.value}
                title = f"{unit.part} · {unit.title}" if unit.part else unit.title
                rows.append((unit.code, {**base, "kind": KnowledgePoint.Kind.UNIT, "title": title}, None))
                rows.extend(
                    (point.code, {**base, "kind": KnowledgePoint.Kind.POINT, "title": point.title}, unit.code)
                    for point in unit.points
                )
    return rows


def _place(node: KnowledgePoint, wanted: dict[str, object]) -> bool:
    """Set the wanted fields on a node; whether anything changed."""
    changed = False
    for name, value in wanted.items():
        if getattr(node, name) != value:
            setattr(node, name, value)
            changed = True
    return changed


@transaction.atomic
def curriculum_sync() -> dict[str, int]:
    """Upsert every unit and point; only rows that differ are written (a re-sync is a read)."""
    subjects = {s.code: s.pk for s in Subject.objects.all()}
    existing = {kp.code: kp for kp in KnowledgePoint.objects.all()}
    rows = _rows()
    nodes: dict[str, KnowledgePoint] = {}
    created: list[KnowledgePoint] = []
    changed: dict[str, KnowledgePoint] = {}
    for order, (code, fields, _) in enumerate(rows):
        wanted = {"subject_id": subjects[str(fields["subject"])], "order": order, "is_active": True,
                  **{name: fields[name] for name in ("grade", "semester", "kind", "title")}}
        node = existing.get(code)
        if node is None:
            node = KnowledgePoint(code=code, **wanted)
            created.append(node)
        elif _place(node, wanted):
            changed[code] = node
        nodes[code] = node
    # Units first, so that new points can name their unit's id.
    KnowledgePoint.objects.bulk_create([n for n in created if n.kind == KnowledgePoint.Kind.UNIT], batch_size=1000)
    for code, _, parent in rows:
        if _place(nodes[code], {"parent_id": nodes[parent].pk if parent else None}) and code in existing:
            changed[code] = nodes[code]
    KnowledgePoint.objects.bulk_create([n for n in created if n.kind == KnowledgePoint.Kind.POINT], batch_size=1000)
    retired = [kp for code, kp in existing.items() if code not in nodes and kp.is_active]
    for kp in retired:
        kp.is_active = False
        changed[kp.code] = kp
    KnowledgePoint.objects.bulk_update(list(changed.values()), _FIELDS, batch_size=200)
    return {"created": len(created), "retired": len(retired), "total": len(rows)}
