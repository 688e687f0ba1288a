"""The review queue of one class for one homework: one click or one key per unsure reading.

Each item shows the evidence (the scan's crop, or a pen mark's strokes drawn as SVG), what
the machine proposes, how sure it was and why it was not sure. ✓ / ½ / ✗ (keys 1 2 3) or
Enter (the proposal) resolve it through ``review_resolve`` — the one door, as the teacher's
own result — and the page moves to the next.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zuoye.capture import selectors
from zuoye.capture.models import ReviewItem
from zuoye.capture.services.review import review_resolve
from zuoye.homework import selectors as homework
from zuoye.homework.models import Response
from zuoye.portal.context import request_scope
from zuoye.schools.access import require

OUTCOMES = (Response.Outcome.RIGHT, Response.Outcome.PARTIAL, Response.Outcome.WRONG)


@login_required
def review_queue(request: HttpRequest, assignment_id: int, class_id: int) -> HttpResponse:
    scope = request_scope(request)
    assignment = homework.assignment_get(scope, assignment_id)
    school_class = homework.assignment_class(assignment, class_id)
    if school_class is None:
        raise Http404("the homework is not set for this class")
    require(homework.may_print(scope, assignment, school_class), scope=scope, what=f"review queue of class {class_id}")
    items = list(selectors.review_items(scope, assignment_id, class_id))
    open_items = [i for i in items if i.status == ReviewItem.Status.OPEN]
    return render(request, "capture/review.html", {
        "assignment": assignment, "school_class": school_class, "open_items": open_items,
        "done_items": [i for i in items if i.status != ReviewItem.Status.OPEN][:50]})


def _item(request: HttpRequest, review_id: int) -> ReviewItem:
    scope = request_scope(request)
    review = selectors.reviews_visible(scope).filter(pk=review_id).first()
    if review is None:
        require(not ReviewItem.objects.filter(pk=review_id).exists(), scope=scope, what=f"review item {review_id}")
        raise Http404("no such review item")
    return review


@login_required
@require_POST
def review_decide(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _item(request, review_id)
    outcome = request.POST.get("outcome", "")
    if outcome == "proposed":
        outcome = str(review.proposed.get("outcome", ""))
    if outcome not in OUTCOMES:
        return JsonResponse({"error": f"outcome must be one of {', '.join(OUTCOMES)}"}, status=400)
    if review.status == ReviewItem.Status.OPEN:
        review = review_resolve(review=review, outcome=outcome, actor=request.user)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"id": review.pk, "status": review.status, "outcome": review.resolved.get("outcome")})
    return redirect(reverse("capture:review", args=[review.assignment_id, review.school_class_id]))


@login_required
def review_crop(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _item(request, review_id)
    if not review.crop:
        raise Http404("this item has no crop")
    return FileResponse(review.crop.open("rb"), content_type="image/png")
