"""The cross-department overview: figures, CSV exports, "kendt af" and the coordinator's lists."""

from __future__ import annotations

import csv

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from ressourcebank.accounts.roles import has_capability, roles_of
from ressourcebank.audit.log import Action, record, record_many
from youth.models import (
    Consent,
    ConsentPurpose,
    YouthProfile,
    active_consent_q,
    get_youth_for_user_or_404,
)

from . import selectors
from .forms import OverviewFilterForm
from .worklists import work_lists

# The figures change only when refresh_overview runs (and the offer tables slowly), so a
# rendered set is kept for a while per filter, language and exactness — never per person.
FIGURES_CACHE_SECONDS = 10 * 60


def _filters(request, refresh):
    """The form, the filters it gives (None when invalid), exactness and the figures' cache key."""
    form = OverviewFilterForm(request.GET)  # bound even when empty: no choice is a choice
    if not form.is_valid():
        return form, None, None, None
    filters = form.filters()
    exact = selectors.is_exact_for(request.user, filters)
    key = "overview:figures:" + "|".join(
        str(part)
        for part in (
            get_language(),
            exact,
            timezone.localdate(),
            refresh.refreshed_at.isoformat() if refresh else "-",
            filters.start,
            filters.end,
            filters.department.pk if filters.department else "-",
            filters.is_rural,
            filters.age_band,
        )
    )
    return form, filters, exact, key


def _tables(filters, exact, key) -> list:
    tables = cache.get(key)
    if tables is None:
        tables = [
            *selectors.youth_tables(filters, exact=exact),
            selectors.trend_table(filters, exact=exact, today=timezone.localdate()),
            *selectors.offer_tables(filters),
        ]
        cache.set(key, tables, FIGURES_CACHE_SECONDS)
    return tables


def _figures(request, refresh):
    form, filters, exact, key = _filters(request, refresh)
    tables = _tables(filters, exact, key) if filters else []
    return form, filters, exact, tables


@require_safe
def index(request):
    refresh = selectors.last_refresh()
    form, filters, exact, key = _filters(request, refresh)

    def render_figures() -> str:
        tables = _tables(filters, exact, key) if filters else []
        context = {"form": form, "filters": filters, "exact": exact, "tables": tables}
        context["query"] = request.GET.urlencode()
        return render_to_string("overview/_figures.html", context, request)

    if filters is None:  # the form's errors, for this request only
        figures = render_figures()
    else:
        # The rendered form and figures too are the same for everyone with the same filters
        # and exactness: render them once (about 15 ms of templates) for all.
        figures = cache.get_or_set(
            f"{key}:html:{request.GET.urlencode()}", render_figures, FIGURES_CACHE_SECONDS
        )
    return render(
        request,
        "overview/index.html",
        {
            "figures": mark_safe(figures),  # noqa: S308 - our own template's output, escaped
            "refresh": refresh,
            "is_coordinator": has_capability(request.user, "coordinate"),
        },
    )


@require_safe
def export_csv(request, slug: str):
    _form, filters, _exact, tables = _figures(request, selectors.last_refresh())
    table = next((t for t in tables if t.slug == slug), None)
    if table is None:
        raise Http404
    record(
        request,
        Action.EXPORT,
        purpose=f"Overblik: eksport af tabellen {slug} ({filters.describe()})",
        object_type="overview.table",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="overblik-{slug}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Danish letters right
    writer = csv.writer(response, delimiter=";")
    writer.writerow([table.caption])
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([row.label, *row.cells])
    return response


@require_safe
def known_to_list(request):
    """Young people of other departments shared with mine: who to contact, not their data."""
    departments = roles_of(request.user).department_ids
    shared = (
        YouthProfile.objects.visible_to(request.user)
        .shared_with(departments)
        .select_related("department")
        .order_by("first_name", "surname", "id")
    )
    page = Paginator(shared, 25).get_page(request.GET.get("side"))
    record_many(request, Action.VIEW, page.object_list, purpose="Overblik: kendt af (liste)")
    return render(request, "overview/known_to_list.html", {"page": page})


@require_safe
def known_to_detail(request, pk):
    youth = get_youth_for_user_or_404(request, pk, purpose="Overblik: kendt af")
    sharing = (
        Consent.objects.filter(
            active_consent_q(), youth=youth, purpose=ConsentPurpose.DEPARTMENT_SHARING
        )
        .exclude(department=youth.department_id)
        .select_related("department")
        .order_by("department__name")
        .distinct("department__name")
    )
    owner_caseworker = youth.caseworker
    return render(
        request,
        "overview/known_to_detail.html",
        {
            "youth": youth,
            "owner": youth.department,
            "caseworker": owner_caseworker,
            "sharing": sharing,
        },
    )


@require_safe
def work_list_page(request):
    return render(request, "overview/work_lists.html", {"lists": work_lists()})
