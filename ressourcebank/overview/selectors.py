"""The overview's figures, read from the precomputed counts (and the small offer tables).

A fixed handful of queries per page, each an aggregate in PostgreSQL; Python only looks the
aggregated values up by key. Every count passes through ``protect`` before anyone sees it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from offers.models import ClassVisitRequest, Offer
from ressourcebank.accounts.roles import roles_of
from youth.models import ReferralStatus, Situation, add_months

from .charts import bar_chart, line_chart
from .forms import Filters
from .models import SNAPSHOT_MEASURES, Measure, OverviewCount, OverviewRefresh
from .protect import Shown, fmt, protect, share

TREND_MONTHS = 24


@dataclass
class Row:
    label: str
    cells: list[str]
    is_total: bool = False


@dataclass
class Table:
    slug: str
    caption: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    chart: object | None = None


def is_exact_for(user, filters: Filters) -> bool:
    """Exact figures only when every counted young person belongs to the user's department."""
    return (
        filters.department is not None
        and filters.department.pk in roles_of(user).department_ids
    )


def _where(filters: Filters, *, period: bool = True) -> tuple[str, list]:
    clauses, params = [], []
    if period:
        clauses.append("month BETWEEN %s AND %s")
        params += [filters.start, filters.end]
    if filters.department is not None:
        clauses.append("department_id = %s")
        params.append(filters.department.pk)
    if filters.is_rural is not None:
        clauses.append("is_rural = %s")
        params.append(filters.is_rural)
    if filters.age_band:
        clauses.append("age_band = %s")
        params.append(filters.age_band)
    return " AND ".join(clauses) or "TRUE", params


_FIGURES_SQL = """
SELECT measure, key, SUM(value) FROM {table}
WHERE measure IN ({flows}) AND {where}
GROUP BY GROUPING SETS ((measure, key), (measure))
"""

# Status now: the period does not apply. The waiting time is the lower median
# (percentile_disc 0.5) of the waiting-days histogram.
_SNAPSHOT_SQL = """
WITH h AS (
  SELECT key::int AS days, SUM(value) AS n FROM {table}
  WHERE measure = %s AND {where} GROUP BY 1
), c AS (
  SELECT days, SUM(n) OVER (ORDER BY days) AS cum, SUM(n) OVER () AS total FROM h
)
SELECT (SELECT SUM(value) FROM {table} WHERE measure = %s AND {where}),
       (SELECT MAX(total) FROM c),
       (SELECT MIN(days) FROM c WHERE cum * 2 >= total)
"""

_TREND_SQL = """
SELECT month, measure, SUM(value) FROM {table}
WHERE measure IN (%s, %s, %s) AND month >= %s AND {where}
GROUP BY 1, 2
"""

FLOW_MEASURES = [m for m in Measure if m not in SNAPSHOT_MEASURES]


class Counts:
    """Grouped sums looked up by measure and key; ``key=None`` is the measure's total."""

    def __init__(self, rows):
        self._values = {(measure, key): int(n) for measure, key, n in rows}

    def get(self, measure, key=None) -> int:
        return self._values.get((measure, key), 0)


def _fetch(filters: Filters) -> tuple[Counts, int, int, int | None]:
    table = OverviewCount._meta.db_table
    where, params = _where(filters)
    now_where, now_params = _where(filters, period=False)
    with connection.cursor() as cursor:
        cursor.execute(
            _FIGURES_SQL.format(
                table=table, where=where, flows=", ".join(["%s"] * len(FLOW_MEASURES))
            ),
            [*FLOW_MEASURES, *params],
        )
        counts = Counts(cursor.fetchall())
        cursor.execute(
            _SNAPSHOT_SQL.format(table=table, where=now_where),
            [Measure.MENTOR_WAITING, *now_params, Measure.MENTOR_ACTIVE, *now_params],
        )
        active, waiting, median = cursor.fetchone()
    return counts, int(active or 0), int(waiting or 0), median


def youth_tables(filters: Filters, *, exact: bool) -> list[Table]:
    counts, active_n, waiting_n, median = _fetch(filters)

    def p(n):
        return protect(n, exact=exact)

    total = p(counts.get(Measure.YOUTH))
    situation = Table(
        "situation",
        _("Unge oprettet i perioden efter nuværende situation"),
        [_("Situation"), _("Antal"), _("Andel")],
    )
    items = []
    for value, label in Situation.choices:
        shown = p(counts.get(Measure.YOUTH, value))
        items.append((label, shown))
        situation.rows.append(Row(str(label), [shown.text, share(shown, total)]))
    situation.rows.append(Row(_("I alt"), [total.text, share(total, total)], is_total=True))
    situation.chart = bar_chart("chart-situation", situation.caption, items)

    waiting, active = p(waiting_n), p(active_n)
    median_text = "–" if median is None or waiting.hidden else _("%(days)s dage") % {
        "days": fmt(median)
    }
    mentor = Table(
        "mentor",
        _("Mentorer: status nu"),
        [_("Mål"), _("Antal")],
        [
            Row(_("Har en aktiv mentor"), [active.text]),
            Row(_("Venter på en mentor"), [waiting.text]),
            Row(_("Median ventetid indtil nu"), [median_text]),
        ],
        note=_("Status i dag for alle unge, der passer til filtrene; perioden gælder ikke her."),
    )

    ref_total = p(counts.get(Measure.REFERRAL_STATUS))
    by_status = Table(
        "referral-status",
        _("Henvisninger sendt i perioden efter status nu"),
        [_("Status"), _("Antal"), _("Andel")],
    )
    status_items = []
    for value, label in ReferralStatus.choices:
        shown = p(counts.get(Measure.REFERRAL_STATUS, value))
        status_items.append((label, shown))
        by_status.rows.append(Row(str(label), [shown.text, share(shown, ref_total)]))
    by_status.rows.append(Row(_("I alt"), [ref_total.text, share(ref_total, ref_total)], True))
    by_status.chart = bar_chart("chart-referral-status", by_status.caption, status_items)

    by_category = Table(
        "referral-category",
        _("Henvisninger sendt i perioden efter tilbuddets kategori"),
        [_("Kategori"), _("Henvisninger"), _("Gennemført"), _("Andel gennemført")],
    )
    for value, label in Offer.Category.choices:
        sent = p(counts.get(Measure.REFERRAL_CATEGORY, value))
        completed = p(counts.get(Measure.REFERRAL_COMPLETED, value))
        cells = [sent.text, completed.text, share(completed, sent)]
        by_category.rows.append(Row(str(label), cells))
    all_done = p(counts.get(Measure.REFERRAL_COMPLETED))
    by_category.rows.append(
        Row(_("I alt"), [ref_total.text, all_done.text, share(all_done, ref_total)], True)
    )

    to_town = p(counts.get(Measure.REFERRAL_TO_TOWN))
    took_part = p(
        counts.get(Measure.REFERRAL_TO_TOWN, ReferralStatus.STARTED)
        + counts.get(Measure.REFERRAL_TO_TOWN, ReferralStatus.COMPLETED)
    )
    rural = Table(
        "rural-reach",
        _("Unge fra landdistrikter i tilbud i byen (henvist i perioden)"),
        [_("Mål"), _("Antal"), _("Andel")],
        [
            Row(_("Henvist til et tilbud i byen"), [to_town.text, ""]),
            Row(
                _("… og er startet eller har gennemført"),
                [took_part.text, share(took_part, to_town)],
            ),
        ],
    )
    return [situation, mentor, by_status, by_category, rural]


def offer_tables(filters: Filters) -> list[Table]:
    """Offers (published now) and class visits (asked for in the period).

    Offers are not about young people, so their numbers are exact; taken spots are people,
    so they are protected."""
    offers = Offer.objects.published()
    if filters.is_rural is not None:
        offers = offers.filter(postcode__area__is_rural=filters.is_rural)
    measures = {
        "n": Count("id"),
        "n_free": Count("id", filter=Q(price=0)),
        "n_pas": Count("id", filter=Q(fritidspas=True)),
        "n_schools": Count("id", filter=Q(comes_to_schools=True)),
        "spots": Sum("capacity"),
        "taken": Sum("spots_taken", filter=Q(capacity__isnull=False)),
    }
    per_category = {
        row["category"]: row
        for row in offers.order_by().values("category").annotate(**measures)
    }
    total = offers.aggregate(**measures)
    table = Table(
        "offers",
        _("Offentliggjorte tilbud og pladser efter kategori (nu)"),
        [
            _("Kategori"), _("Tilbud"), _("Gratis"), _("Andel gratis"), _("Med Fritidspas"),
            _("Andel med Fritidspas"), _("Kommer ud på skoler"), _("Pladser"),
            _("Optagne pladser"), _("Udnyttelse"),
        ],
        note=_("Tilbud uden et fast antal pladser tæller ikke med i pladserne."),
    )
    empty = dict.fromkeys(measures, 0)
    rows = [(str(label), per_category.get(value, empty), False)
            for value, label in Offer.Category.choices]
    rows.append((_("I alt"), total, True))
    for label, row, is_total in rows:
        n, free, pas = (Shown(row[k] or 0) for k in ("n", "n_free", "n_pas"))
        capacity = Shown(row["spots"] or 0)
        taken = protect(row["taken"], exact=False)
        table.rows.append(Row(label, [
            n.text, free.text, share(free, n), pas.text, share(pas, n),
            fmt(row["n_schools"] or 0), capacity.text, taken.text, share(taken, capacity),
        ], is_total))

    end = add_months(filters.end, 1)
    visits = ClassVisitRequest.objects.filter(
        created_at__date__gte=filters.start, created_at__date__lt=end
    )
    visit_measures = {
        "n": Count("id"),
        "pupils": Sum("pupils"),
        "to_town": Count("id", filter=Q(offer__postcode__area__is_rural=False)),
        "rural_to_town": Count(
            "id",
            filter=Q(
                school_postcode__area__is_rural=True, offer__postcode__area__is_rural=False
            ),
        ),
        "transport": Count("id", filter=Q(needs_transport=True)),
    }
    by_status = {
        row["status"]: row
        for row in visits.order_by().values("status").annotate(**visit_measures)
    }
    visit_table = Table(
        "class-visits",
        _("Klassebesøg ønsket i perioden"),
        [
            _("Status"), _("Klasser"), _("Elever"), _("Til tilbud i byen"),
            _("Fra skoler i landdistrikter til tilbud i byen"), _("Har brug for transport"),
        ],
    )
    empty = dict.fromkeys(visit_measures, 0)
    for value, label in ClassVisitRequest.Status.choices:
        row = by_status.get(value, empty)
        visit_table.rows.append(Row(str(label), [
            fmt(row["n"]), fmt(row["pupils"] or 0), fmt(row["to_town"]),
            fmt(row["rural_to_town"]), fmt(row["transport"]),
        ]))
    return [table, visit_table]


def trend_table(filters: Filters, *, exact: bool, today: datetime.date) -> Table:
    first = add_months(today.replace(day=1), -(TREND_MONTHS - 1))
    where, params = _where(filters, period=False)
    series_measures = [Measure.YOUTH, Measure.REFERRAL_STATUS, Measure.MENTOR_STARTED]
    with connection.cursor() as cursor:
        cursor.execute(
            _TREND_SQL.format(table=OverviewCount._meta.db_table, where=where),
            [*series_measures, first, *params],
        )
        values = {(month, measure): int(n) for month, measure, n in cursor.fetchall()}
    months = [add_months(first, i) for i in range(TREND_MONTHS)]
    grid = {
        m: [protect(values.get((month, m), 0), exact=exact) for month in months]
        for m in series_measures
    }
    names = {
        Measure.YOUTH: _("Unge oprettet"),
        Measure.REFERRAL_STATUS: _("Henvisninger sendt"),
        Measure.MENTOR_STARTED: _("Mentorforløb startet"),
    }
    table = Table(
        "trend",
        _("Udvikling måned for måned, de seneste 24 måneder"),
        [_("Måned"), *(names[m] for m in series_measures)],
    )
    labels = [date_format(month, "M Y") for month in months]
    for i, label in enumerate(labels):
        table.rows.append(Row(label, [grid[m][i].text for m in series_measures]))
    table.chart = line_chart(
        "chart-trend",
        table.caption,
        labels,
        [(names[m], f"series-{n}", grid[m]) for n, m in enumerate(series_measures)],
    )
    return table


def last_refresh() -> OverviewRefresh | None:
    return OverviewRefresh.objects.order_by("-refreshed_at").first()
