"""Booklet content for tests, in the learning app's own shapes, without going through a notebook.

``booklets_print`` takes a ``content_source``; tests hand it :func:`fixed_content`, so a
booklet's pages can be checked whatever the notebook holds. One flow test goes through the
real ``learning.selectors.booklet_content`` instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from zuoye.itembank.models import Item, KnowledgePoint, MicroLesson
from zuoye.learning.selectors import BookletContent, ExtensionEntry, LessonEntry, WrongEntry


def lesson_for(item: Item) -> MicroLesson:
    point = item.knowledge_points.first()
    lesson = MicroLesson.objects.create(title=f"微课：{point.title}", url="https://video.example.cn/l.mp4",
                                        duration_seconds=300)
    lesson.knowledge_points.add(point)
    return lesson


def content_of(student_id: int, start: date, end: date, *, wrong: Sequence[Item], extension: Sequence[Item],
               lessons: Sequence[MicroLesson] = ()) -> BookletContent:
    def points(item: Item) -> tuple[str, ...]:
        return tuple(p.title for p in KnowledgePoint.objects.filter(items=item).order_by("order"))

    return BookletContent(
        student_id=student_id, start=start, end=end,
        wrong=tuple(WrongEntry(item=i, assignment_title="第12课时作业", assigned_on=start, outcome="wrong",
                               answer="B" if i.is_objective else "", knowledge_points=points(i), status="open")
                    for i in wrong),
        extension=tuple(ExtensionEntry(item=i, knowledge_point=(points(i) or ("",))[0], reason="薄弱知识点")
                        for i in extension),
        lessons=tuple(LessonEntry(lesson_id=lesson.pk, title=lesson.title,
                                  knowledge_point=lesson.knowledge_points.first().title,
                                  url_path=f"/learning/lessons/{lesson.pk}/?student={student_id}")
                      for lesson in lessons),
    )


def fixed_content(by_student: dict[int, dict[str, Sequence[object]]]) -> Callable[..., BookletContent]:
    """A content source answering from ``{student_id: {"wrong": [...], "extension": [...], "lessons": [...]}}``."""

    def source(*, student_id: int, start: date, end: date) -> BookletContent:
        parts = by_student.get(student_id, {})
        return content_of(student_id, start, end, wrong=parts.get("wrong", ()),  # type: ignore[arg-type]
                          extension=parts.get("extension", ()), lessons=parts.get("lessons", ()))  # type: ignore[arg-type]

    return source
