"""Thin views over the analytics selectors: each decides access through ``schools.access`` first.

A page for something out of the person's reach answers 403 and the attempt is logged
(``access.require``); a region report is for the staff of that region and those above it.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zuoye.analytics import charts, exports
from zuoye.analytics.checks import flag_decide, flag_explain
from zuoye.analytics.models import Flag
from zuoye.analytics.rollup import last_refresh
from zuoye.analytics.selectors import assessment, region as region_sel, school as school_sel, teacher as teacher_sel
from zuoye.homework import selectors as homework
from zuoye.portal.context import request_scope
from zuoye.schools import access
from zuoye.schools.models import Region, Term
from zuoye.schools.selectors.scoped import visible_or_deny
from zuoye.schools.terms import term_current


def _term(request: HttpRequest) -> Term | None:
    wanted = request.GET.get("term", "")
    if wanted.isdigit():
        return get_object_or_404(Term.objects.select_related("school_year"), pk=int(wanted))
    return term_current()


def _common(request: HttpRequest, term: Term | None) -> dict[str, object]:
    return {"term": term, "terms": Term.objects.select_related("school_year").order_by("-start_date"),
            "refreshed": last_refresh()}


def _week_labels(weeks) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{w.month}/{w.day}" for w in weeks]


# --- teacher ----------------------------------------------------------------------------------------
@login_required
def teacher_page(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    user = request.user
    access.require(hasattr(user, "teacher"), scope=scope, what="teacher analytics")
    term = _term(request)
    context = _common(request, term)
    if term is not None:
        overview = teacher_sel.teacher_overview(teacher_id=user.teacher.pk, taught=scope.taught, term=term)  # type: ignore[union-attr]
        labels = _week_labels(overview.weeks)
        context.update(overview=overview, rate_chart=charts.line_chart(
            title=_("Correct rate by week"), x_labels=labels, series=overview.rate_series, y_max=100, unit="%"),
            use_chart=charts.line_chart(title=_("Uses by week"), x_labels=labels, series=overview.use_series))
    context["has_classes"] = bool(scope.taught)
    context["head_classes"] = access.classes_visible(scope).filter(pk__in=scope.class_ids).order_by("grade", "number")
    return render(request, "analytics/teacher.html", context)


@login_required
def assignment_page(request: HttpRequest, assignment_id: int, class_id: int) -> HttpResponse:
    scope = request_scope(request)
    found = homework.assignment_get(scope, assignment_id)
    school_class = homework.assignment_class(found, class_id)
    if school_class is None:
        from django.http import Http404

        raise Http404("the homework is not set for this class")
    access.require(homework.may_print(scope, found, school_class), scope=scope,
                   what=f"analytics of assignment {assignment_id} class {class_id}")
    report = teacher_sel.assignment_report(found, school_class)
    chart = charts.bar_chart(title=_("Correct rate by item"), unit="%", x_max=100, marker=60,
                             marker_label="60%", bars=[
        charts.Bar(_("Item %(n)s") % {"n": i.position}, round(100 * i.rate, 1), alert=i.rate < teacher_sel.WEAK_RATE)
        for i in report.items if i.rate is not None])
    return render(request, "analytics/assignment.html", {"report": report, "chart": chart})


# --- school -----------------------------------------------------------------------------------------
@login_required
def school_page(request: HttpRequest, school_id: int) -> HttpResponse:
    scope = request_scope(request)
    found = visible_or_deny(access.schools_visible(scope).select_related("region"), school_id, scope=scope,
                            what="school report")
    term = _term(request)
    context = _common(request, term) | {"school": found}
    if term is not None:
        report = school_sel.school_report(found, term)
        context.update(report=report, rate_chart=charts.line_chart(
            title=_("Correct rate by week and subject"), x_labels=_week_labels(report.weeks),
            series=report.subject_series, y_max=100, unit="%"), load_chart=charts.bar_chart(
            title=_("Heaviest day of each class (minutes)"),
            x_max=max([g.limit for g in report.by_class] + [g.max_day for g in report.by_class] + [1]), bars=[
                charts.Bar(g.label, g.max_day, note=f"/ {g.limit}", alert=g.max_day > g.limit) for g in report.by_class]),
            assessment=assessment.school_assessments(schools=[found], year=term.school_year)[0])
    return render(request, "analytics/school.html", context)


@login_required
def class_page(request: HttpRequest, class_id: int) -> HttpResponse:
    """The end of the drill-down region → school → class: a class's subjects over the term."""
    scope = request_scope(request)
    found = visible_or_deny(access.classes_visible(scope).select_related("school"), class_id, scope=scope,
                            what="class report")
    term = _term(request)
    context = _common(request, term) | {"school_class": found}
    if term is not None:
        report = school_sel.class_report(found, term, access.subjects_taught_in(scope, found))
        context.update(report=report, chart=charts.line_chart(
            title=_("Correct rate by week and subject"), x_labels=_week_labels(report.weeks), series=report.series,
            y_max=100, unit="%"), readable={s.assignment_id for s in report.homework
                                            if homework.may_print(scope, s.assignment, found)})
    return render(request, "analytics/class.html", context)


# --- region -----------------------------------------------------------------------------------------
PAGES = {"report": "analytics:region", "assessment": "analytics:assessment", "checks": "analytics:checks"}


@login_required
def regions_index(request: HttpRequest) -> HttpResponse:
    """The nav's entry: the top region the person oversees, on the page asked for."""
    scope = request_scope(request)
    tops = [r for r in access.regions_visible(scope).order_by("path")]
    access.require(bool(tops), scope=scope, what="region reports")
    top = min(tops, key=lambda r: len(r.path))
    return redirect(PAGES.get(request.GET.get("page", ""), "analytics:region"), region_id=top.pk)


def _region(request: HttpRequest, region_id: int) -> Region:
    scope = request_scope(request)
    return visible_or_deny(access.regions_visible(scope), region_id, scope=scope, what="region report")


def _region_report(request: HttpRequest, region: Region, term: Term) -> region_sel.RegionReport:
    return region_sel.region_report(region, term)


@login_required
def region_page(request: HttpRequest, region_id: int) -> HttpResponse:
    region = _region(request, region_id)
    term = _term(request)
    context = _common(request, term) | {"region": region, "crumbs": _crumbs(request, region)}
    if term is not None:
        report = _region_report(request, region, term)
        labels = _week_labels(report.weeks)
        context.update(report=report, use_chart=charts.line_chart(
            title=_("Uses by week"), x_labels=labels, series=report.use_series),
            rate_chart=charts.line_chart(title=_("Correct rate by week"), x_labels=labels,
                                         series=report.rate_series, y_max=100, unit="%"),
            months=_months(term))
    return render(request, "analytics/region.html", context)


def _crumbs(request: HttpRequest, region: Region) -> list[Region]:
    visible = set(access.regions_visible(request_scope(request)).values_list("pk", flat=True))
    codes = [c for c in region.path.strip("/").split("/") if c]
    return [r for r in Region.objects.filter(code__in=codes).order_by("path") if r.pk in visible and r.pk != region.pk]


def _months(term: Term) -> list[date]:
    out, day = [], term.start_date.replace(day=1)
    while day <= min(term.end_date, timezone.localdate()):
        out.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


@login_required
def assessment_page(request: HttpRequest, region_id: int) -> HttpResponse:
    region = _region(request, region_id)
    term = _term(request)
    context = _common(request, term) | {"region": region, "rule": assessment.SCHOOL_RULE,
                                        "weekly": assessment.WEEKLY, "credits": assessment.CREDITS,
                                        "required": assessment.REQUIRED}
    if term is not None:
        context["report"] = _region_report(request, region, term)
        context["weeks"] = assessment.calendar_for(term).weeks(assessment.as_of_for(term.end_date))
    return render(request, "analytics/assessment.html", context)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _export_scope(request: HttpRequest, region_id: int):  # type: ignore[no-untyped-def]
    """(region, term) of an export the person may make, or the answer that says why not."""
    region = _region(request, region_id)
    term = _term(request)
    if term is None:
        return HttpResponse(_("No term is set up yet: there is nothing to export."), status=404)
    return region, term


@login_required
def schools_xlsx(request: HttpRequest, region_id: int) -> HttpResponse:
    scope = _export_scope(request, region_id)
    if isinstance(scope, HttpResponse):
        return scope
    region, term = scope
    return _file(exports.schools_xlsx(_region_report(request, region, term)), f"{region.name}-学校应用考核.xlsx", XLSX)


@login_required
def teachers_xlsx(request: HttpRequest, region_id: int) -> HttpResponse:
    scope = _export_scope(request, region_id)
    if isinstance(scope, HttpResponse):
        return scope
    region, term = scope
    terms = assessment.teacher_ratings_by_term(region=region, school_year=term.school_year)
    data = exports.teachers_xlsx(region_name=region.name, terms=terms, current=dict(terms).get(term.number, []))
    return _file(data, f"{region.name}-教师应用考核与学分.xlsx", XLSX)


@login_required
def monthly_pdf(request: HttpRequest, region_id: int) -> HttpResponse:
    scope = _export_scope(request, region_id)
    if isinstance(scope, HttpResponse):
        return scope
    region, term = scope
    try:
        month = date.fromisoformat(request.GET.get("month", "") + "-01") if request.GET.get("month") else \
            timezone.localdate().replace(day=1)
    except ValueError:
        return HttpResponse(_("The month must look like 2026-11."), status=400)
    end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    report = region_sel.region_report(region, term, since=month, until=end)
    run = last_refresh()
    refreshed = timezone.localtime(run.finished_at).strftime("%Y-%m-%d %H:%M") if run and run.finished_at else "—"
    return _file(exports.monthly_pdf(report, month=month, refreshed=refreshed),
                 f"{region.name}-{month:%Y-%m}-月报.pdf", "application/pdf")


def _file(data: bytes, name: str, content_type: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


# --- spot checks ------------------------------------------------------------------------------------
@login_required
def checks_page(request: HttpRequest, region_id: int) -> HttpResponse:
    region = _region(request, region_id)
    wanted = request.GET.get("verdict", Flag.Verdict.OPEN)
    flags = Flag.objects.filter(region_path__startswith=region.path).select_related(
        "teacher__user", "school", "school_class", "assignment", "decided_by")
    if wanted in Flag.Verdict.values:
        flags = flags.filter(verdict=wanted)
    rows = [(flag, flag_explain(flag)) for flag in flags[:500]]
    return render(request, "analytics/checks.html", {
        "region": region, "rows": rows, "wanted": wanted, "verdicts": Flag.Verdict.choices,
        "refreshed": last_refresh()})


@login_required
@require_POST
def flag_verdict(request: HttpRequest, flag_id: int) -> HttpResponse:
    scope = request_scope(request)
    flag = get_object_or_404(Flag.objects.select_related("school__region"), pk=flag_id)
    access.require(scope.is_platform_admin or any(flag.region_path.startswith(p) for p in scope.region_paths),
                   scope=scope, what=f"spot-check flag {flag_id}")
    try:
        flag_decide(flag=flag, verdict=request.POST.get("verdict", ""), note=request.POST.get("note", ""),
                    actor=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Verdict recorded."))
    region = Region.objects.filter(path=flag.school.region.path).first()
    target = request.POST.get("region") or (region.pk if region else "")
    return redirect("analytics:checks", region_id=int(target)) if str(target).isdigit() else redirect("portal:home")
