"""A filled booklet scanned back in: its answer page is read like any sheet and its results reach
the notebook through the one door (``responses_record``)."""

from __future__ import annotations

import json

import numpy as np

from zuoye.booklets.services.printing import booklets_print
from zuoye.booklets.tests.content import fixed_content
from zuoye.booklets.weeks import week_parse
from zuoye.core.layout import PageAddress, layout_from_json
from zuoye.core.outcomes import choice_key, outcome_of
from zuoye.core.scan import BubbleState, MarkKind, page_read
from zuoye.core.scan.pipeline import PageStatus
from zuoye.core.scan.simulate import Degradation, PageWork, page_degrade, page_fill
from zuoye.homework.models import AssignmentItem, Response, SheetSet
from zuoye.homework.services.responses import ResponseIn, responses_record
from zuoye.itembank.tests.bank import small_bank
from zuoye.learning.models import NotebookEntry


def stored_lookup(address: PageAddress):  # type: ignore[no-untyped-def]
    """The page a QR names, from the newest stored SheetSet of (assignment, student): as capture reads it."""
    for sheet_set in SheetSet.objects.filter(assignment_id=address.assignment_id).order_by("-created_at"):
        for sheet in layout_from_json(json.dumps(sheet_set.layout)).sheets:
            if sheet.student_id == address.student_id:
                for page in sheet.pages:
                    if page.number == address.page:
                        return page
    return None


def test_a_graded_booklet_page_scanned_back_updates_the_notebook(county, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    # given: a booklet whose answer sheet holds two worked problems and two single choices
    items = small_bank()
    zhang = county.student_zhang
    source = fixed_content({zhang.pk: {"wrong": items[:1], "extension": items[6:10]}})
    booklets_print(school_class=county.class_7_1, week=week_parse("2026-W48"), base_url="https://x.cn", actor=None,
                   content_source=source)
    sheet_set = SheetSet.objects.get(assignment__kind="booklet")
    page = layout_from_json(json.dumps(sheet_set.layout)).sheets[0].pages[0]
    keys = [item.key for item in page.items]
    links = {str(li.pk): li for li in AssignmentItem.objects.filter(assignment=sheet_set.assignment)
             .select_related("item")}
    right_choice = links[keys[2]].item.answer[0]
    wrong_choice = next(o["label"] for o in links[keys[3]].item.options if o["label"] not in links[keys[3]].item.answer)
    bubbles = {keys[2]: {right_choice: BubbleState.FILLED}, keys[3]: {wrong_choice: BubbleState.FILLED}}
    marks = {keys[0]: MarkKind.TICK, keys[1]: MarkKind.CROSS}  # the choices are left to the key

    # when: the student fills bubbles, the teacher grades the worked problems in red, it is
    # scanned (rotated 1.5°, noise, JPEG) and read
    rng = np.random.default_rng(7)
    image = page_fill(page, PageWork(bubbles=bubbles, marks=marks), 200 / 25.4, rng)
    scanned = page_degrade(image, Degradation(angle=1.5, jpeg_quality=80, noise=3), rng)
    result = page_read(scanned, stored_lookup)
    assert result.status is PageStatus.READ, result.reason
    assert result.address.assignment_id == sheet_set.assignment_id and result.address.student_id == zhang.pk
    rows = []
    for read in result.items:
        link = links[read.key]
        chosen = "".join(read.choice.values) if read.choice else None
        outcome = outcome_of(mark=read.mark.value if read.mark is not MarkKind.NOTHING else "", chosen=chosen,
                             key=choice_key(link.item.type, link.item.answer), full_score=link.score)
        rows.append(ResponseIn(assignment_item_id=link.pk, student_id=zhang.pk, outcome=outcome.outcome,
                               score=outcome.score, answer=chosen or "", mark=read.mark.value,
                               confidence=read.confidence, evidence=f"booklet-scan:{sheet_set.pk}"))
    with django_capture_on_commit_callbacks(execute=True):
        recorded = responses_record(responses=rows, source=Response.Source.SCAN)

    # then: the results are stored for the booklet assignment, and the crosses open notebook entries
    assert recorded.created == 4
    stored = {r.assignment_item_id: (r.outcome, r.answer)
              for r in Response.objects.filter(assignment=sheet_set.assignment)}
    assert [stored[int(k)] for k in keys] == [("right", ""), ("wrong", ""), ("right", right_choice),
                                              ("wrong", wrong_choice)]
    opened = set(NotebookEntry.objects.filter(student=zhang, assignment=sheet_set.assignment)
                 .values_list("item_id", flat=True))
    assert opened == {links[keys[1]].item_id, links[keys[3]].item_id}
