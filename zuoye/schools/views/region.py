"""Region staff pages: the regions they oversee, and drill-down region → child region → school."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from zuoye.portal.context import request_scope
from zuoye.schools.access import require
from zuoye.schools.selectors import region as region_selectors
from zuoye.schools.views.common import now


@login_required
def regions_index(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    tops = list(region_selectors.regions_top(scope))
    require(bool(tops), scope=scope, what="regions")
    if len(tops) == 1:
        return redirect("schools:region", region_id=tops[0].pk)
    _term, year = now()
    rows = [region_selectors.RegionRow(r, region_selectors.region_numbers(r, year)) for r in tops]
    return render(request, "schools/regions.html", {"rows": rows})


@login_required
def region_page(request: HttpRequest, region_id: int) -> HttpResponse:
    scope = request_scope(request)
    region = region_selectors.region_get(scope, region_id)
    _term, year = now()
    return render(request, "schools/region.html", {
        "region": region, "year": year,
        "overview": region_selectors.region_overview(region, year),
        "crumbs": region_selectors.crumbs_for(scope, region.path),
    })
