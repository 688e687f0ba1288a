"""Demo step (``zuoye demo``): smart pens for teacher t08009, a gateway, dot-pattern paper.

For ``t08009`` at 于都县第三中学: a gateway whose token is a published constant (the demo
only: `zuoye pen gateway-token` prints it), two teacher pens, a batch of 5,000 pages of
dot-pattern paper, and a fresh homework of theirs ("智能笔演示") for their own class (八年级(1)班 in
the full demo; the first class they teach in the small one) printed on that paper, so that

    zuoye pen simulate --assignment A --class C --post http://127.0.0.1:8000/pens/api/dots \\
        --token "$(zuoye pen gateway-token)" --pace 1

sends a class's grading through the HTTP endpoint, page by page, while the teacher watches
the results page fill in. Idempotent: every object is looked up by its demo name first.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from zuoye.accounts.models import User
from zuoye.homework.models import Assignment
from zuoye.homework.services.assignments import (
    LoadBudgetExceeded, assignment_create, assignment_items_set, assignment_publish,
)
from zuoye.homework.services.sheets import sheets_print
from zuoye.itembank.models import Item
from zuoye.pens.models import Gateway, PaperBatch, PenPrint
from zuoye.pens.services.addresses import pen_print_create
from zuoye.pens.services.registry import gateway_create, paper_batch_create, pen_register, token_hash
from zuoye.schools.models import TeachingAssignment

DEMO_GATEWAY_TOKEN = "zpen_demo-gateway-2026-not-a-secret"
"""Published on purpose: the demo's gateway token. Never use a constant token outside the demo."""
TEACHER = "t08009"
TITLE = "智能笔演示：课堂练习"
PENS = ("NWP-F130-DEMO01", "NWP-F130-DEMO02")


def demo_gateway_token() -> str | None:
    """The demo gateway's token, if the demo gateway exists (``zuoye pen gateway-token``)."""
    found = Gateway.objects.filter(token_hash=token_hash(DEMO_GATEWAY_TOKEN), active=True).exists()
    return DEMO_GATEWAY_TOKEN if found else None


def _taught(user: User) -> TeachingAssignment | None:
    """What the teacher teaches, their own head class first (八年级(1)班 in the full demo)."""
    taught = list(TeachingAssignment.objects.filter(teacher=user.teacher).select_related("school_class", "subject")
                  .order_by("school_class__grade", "school_class__number", "subject__order"))
    return min(taught, key=lambda t: t.school_class.head_teacher_id != user.teacher.pk, default=None)


def _homework(user: User, taught: TeachingAssignment) -> Assignment | None:
    existing = Assignment.objects.filter(teacher=user.teacher, title=TITLE).first()
    if existing is not None:
        return existing
    items = Item.objects.filter(subject=taught.subject, grade=taught.school_class.grade)
    chosen = (list(items.filter(type__in=["single_choice", "true_false"]).order_by("pk")[:3])
              + list(items.filter(type="short_answer").order_by("pk")[:2]))
    if not chosen:
        return None
    assignment = assignment_create(teacher=user.teacher, subject=taught.subject, title=TITLE,
                                   assigned_on=timezone.localdate(), classes=[taught.school_class])
    assignment = assignment_items_set(assignment=assignment, items=chosen)
    try:  # graded homework is published homework; over the day's budget it stays a draft and says so
        assignment_publish(assignment=assignment, actor=user)
    except LoadBudgetExceeded:
        pass
    return assignment


@transaction.atomic
def demo_pens(progress: Callable[[str], None]) -> None:
    user = User.objects.filter(username=TEACHER).select_related("teacher__school").first()
    if user is None or not hasattr(user, "teacher"):
        progress("pens: no teacher t08009 in this county; skipped")
        return
    school = user.teacher.school
    if not Gateway.objects.filter(token_hash=token_hash(DEMO_GATEWAY_TOKEN)).exists():
        gateway_create(name="教室网关（演示）", school=school, actor=None, token=DEMO_GATEWAY_TOKEN)
    for serial in PENS:
        pen_register(serial=serial, school=school, holder=user)
    batch = PaperBatch.objects.filter(school=school, label="演示点阵纸").first() or paper_batch_create(
        school=school, section=3, owner=27, book=800 + school.pk % 100, first_page=1, page_count=5000,
        label="演示点阵纸")
    taught = _taught(user)
    assignment = _homework(user, taught) if taught else None
    if assignment is None:
        progress("pens: gateway, pens and paper ready (no homework to print on dot paper)")
        return
    school_class = taught.school_class
    if not PenPrint.objects.filter(sheet_set__assignment=assignment).exists():
        sheet_set = sheets_print(assignment=assignment, school_class=school_class, actor=user)
        pen_print_create(sheet_set=sheet_set, batch=batch, actor=user)
    progress(f"pens: gateway token {DEMO_GATEWAY_TOKEN}; pens {', '.join(PENS)} for {TEACHER}; try "
             f"`zuoye pen simulate --assignment {assignment.pk} --class {school_class.pk} "
             f"--post http://127.0.0.1:8000/pens/api/dots --token {DEMO_GATEWAY_TOKEN} --pace 1` "
             f"and watch /homework/{assignment.pk}/results/")
