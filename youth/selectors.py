"""Reads about young people: list scopes, the data-rights export."""

from __future__ import annotations

import datetime
import uuid

from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.utils import timezone

from ressourcebank.accounts.models import Role
from ressourcebank.accounts.roles import roles_of
from ressourcebank.audit.models import AccessLog, Action
from ressourcebank.core import fragments
from ressourcebank.core.db import Compiled, among
from ressourcebank.core.labels import Labels
from ressourcebank.core.links import link_to
from ressourcebank.core.paginators import CappedPaginator

from .filters import YouthFilter
from .models import (
    Consent,
    Referral,
    Situation,
    YouthProfile,
    add_months,
    age_on,
    get_youth_for_user_or_404,
)
from .signals import youth_export_collect

__all__ = ["get_youth_for_user_or_404", "youth_list", "youth_export_data"]

# The list scopes a caseworker chooses between; coordinators also have "all".
SCOPES = ("mine", "department", "shared", "all")
# Counting stops here: past it, a list says "more than 1.000" and pages no further.
LIST_CAP = 1000
# The "consents expire soon" notice counts this far.
EXPIRING_CAP = 100
EXPIRING_COUNT_SECONDS = 60
# How long a process keeps a list's compiled SQL (list_ids, visible_table_rows).
LIST_SQL_SECONDS = 10 * 60
SITUATION_LABELS = Labels(Situation.choices)


def youth_list(user, scope: str):
    """The profiles of one list, always a subset of ``visible_to``."""
    visible = YouthProfile.objects.visible_to(user)
    roles = roles_of(user)
    if scope == "mine":
        visible = visible.filter(caseworker=user)
    elif scope == "department":
        visible = visible.filter(department_id__in=roles.department_ids)
    elif scope == "shared":
        visible = visible.shared_with(roles.department_ids)
    elif scope != "all" or Role.COORDINATOR not in roles.roles:
        return visible.none()
    # Name order with the id last, so pages are stable; the list indexes hold this order.
    return visible.order_by("first_name", "surname", "pk")


class ListPaginator(CappedPaginator):
    """Pages of a youth list from its first ``cap`` + 1 ids (``list_ids``): how many there
    are is the capped count, and a page is a slice of them, whose rows are then read as the
    table's plain values, only those the user may see (``visible_table_rows``):
    an id is never enough to show a row."""

    cap = LIST_CAP

    def __init__(self, ids: list, per_page: int, *, user):
        super().__init__(ids, per_page)
        self.user = user

    def capped_count(self) -> int:
        return len(self.object_list)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.shown)
        ids = self.object_list[bottom:top]
        rows = {row["pk"]: row for row in visible_table_rows(self.user, ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


def visible_table_rows(user, ids) -> list[dict]:
    """The table rows (``table_rows``) of those of ``ids`` that ``user`` may see
    (``visible_to``): an id is never enough to show a row.

    Building and compiling ``visible_to`` with the rows' query costs 2 ms, so each process
    keeps the SQL per everything ``visible_to`` reads: the user, their roles and departments,
    and the date. The ids go inside the SQL, where PostgreSQL checks just these profiles.
    """
    roles = roles_of(user)
    key = fragments.key(
        "youth-visible-rows-sql",
        str(user.pk),
        ",".join(sorted(roles.roles)),
        ",".join(sorted(str(pk) for pk in roles.department_ids)),
        str(timezone.localdate()),
    )
    local = caches["local"]
    query = local.get(key)
    if query is None:
        query = _visible_rows_sql(user)
        local.set(key, query, LIST_SQL_SECONDS)
    if not query:  # sees no one (no role that sees young people)
        return []
    return _as_table_rows(query.fetchall(list(ids)))


def _visible_rows_sql(user) -> Compiled | tuple:
    stand_in = [uuid.UUID(int=0)]  # for the page's ids
    try:
        visible = among(YouthProfile.objects.visible_to(user), stand_in)
    except EmptyResultSet:
        return ()
    rows = YouthProfile.objects.filter(pk__in=visible).values_list(*TABLE_COLUMNS).order_by()
    return Compiled.of(rows, stand_in)


def list_ids(user, scope: str, query: QueryDict) -> list[uuid.UUID]:
    """The first ``ListPaginator.cap`` + 1 ids of one of the user's lists in its order,
    filtered by the page's query string: one narrow query (an index, no joins).

    The list's SQL depends on nothing but the user and their roles and departments, the scope,
    the filters and the date, and building and compiling it costs 1.5 ms, a fifth of the
    page. Each process keeps it per those for LIST_SQL_SECONDS; the ids are always read anew.
    """
    roles = roles_of(user)
    filters = query.copy()
    filters.pop("side", None)
    cap = ListPaginator.cap
    key = fragments.key(
        "youth-list-sql",
        str(user.pk),
        scope,
        ",".join(sorted(roles.roles)),
        ",".join(sorted(str(pk) for pk in roles.department_ids)),
        str(timezone.localdate()),
        filters.urlencode(),
        str(cap),
    )
    local = caches["local"]
    compiled = local.get(key)
    if compiled is None:
        profiles = YouthFilter(filters or None, youth_list(user, scope)).qs
        try:
            compiled = Compiled.of(profiles.values_list("pk", flat=True)[: cap + 1])
        except EmptyResultSet:  # a list that is empty whatever the data (no departments)
            compiled = ()
        local.set(key, compiled, LIST_SQL_SECONDS)
    if not compiled:
        return []
    return [pk for (pk,) in compiled.fetchall()]


# What the youth table shows, read as plain values; the keys its rows are read under.
TABLE_COLUMNS = (
    "pk",
    "first_name",
    "surname",
    "date_of_birth",
    "situation",
    "postcode__area__name",
    "department__name",
)
_TABLE_KEYS = ("pk", "first_name", "surname", "date_of_birth", "situation", "area", "department")


def table_rows(profiles) -> list[dict]:
    """What the youth table (``youth/_youth_table.html``) shows of each profile, as plain
    values: list pages show 25 on every request, and model instances with their area and
    department cost more to make than the rest of the page's rows."""
    return _as_table_rows(profiles.values_list(*TABLE_COLUMNS))


def _as_table_rows(rows) -> list[dict]:
    today = timezone.localdate()
    situations = SITUATION_LABELS.active()
    link = link_to("youth:detail")
    table = []
    for values in rows:
        row = dict(zip(_TABLE_KEYS, values, strict=True))
        table.append(
            {
                "pk": row["pk"],
                "url": link(row["pk"]),
                "name": f"{row['first_name']} {row['surname']}",
                "age": age_on(row["date_of_birth"], today) if row["date_of_birth"] else None,
                "area": row["area"],
                "situation": situations.get(row["situation"], ""),
                "department": row["department"],
            }
        )
    return table


def name_search(user, query: str):
    """Every word must match a first name or surname, within what the user may see."""
    visible = YouthProfile.objects.visible_to(user)
    for word in query.split():
        visible = visible.filter(Q(first_name__icontains=word) | Q(surname__icontains=word))
    return visible.order_by("first_name", "surname", "pk")


def expiring_consents(user, days: int = 30):
    return (
        Consent.objects.expiring_within(days)
        .filter(youth__in=YouthProfile.objects.visible_to(user))
        .select_related("youth", "department")
        .order_by("valid_until")
    )


def expiring_consent_count(user) -> int:
    """How many of the user's consents expire within 30 days, counted up to EXPIRING_CAP + 1:
    the notice needs no more, and a nationwide count would read every expiring consent.

    Every list page shows it, and a count that is a minute old tells the same: each process
    keeps it per user for EXPIRING_COUNT_SECONDS (a tenth of a list page's cost). It is a
    number without names, so it may sit in memory."""
    key = f"youth:expiring-consents:{user.pk}:{timezone.localdate()}"
    local = caches["local"]
    count = local.get(key)
    if count is None:
        count = expiring_consents(user).order_by().values("pk")[: EXPIRING_CAP + 1].count()
        local.set(key, count, EXPIRING_COUNT_SECONDS)
    return count


def access_history(profile: YouthProfile):
    """When and why the profile was opened, without who: what the young person may see."""
    return (
        AccessLog.objects.filter(object_type="youth.youthprofile", object_id=str(profile.pk))
        .exclude(action=Action.DENIED)
        .order_by("at")
        .values("at", "action", "purpose")
    )


def _date(value):
    return value.isoformat() if value is not None else None


def youth_export_data(profile: YouthProfile) -> dict:
    """Everything stored about one young person (GDPR Art. 15), JSON-serialisable."""
    consents = profile.consents.select_related("department").order_by("given_at")
    referrals = (
        Referral.objects.filter(youth=profile)
        .select_related("offer__organisation")
        .prefetch_related("events")
        .order_by("created_at")
    )
    data = {
        "udtrukket": timezone.now().isoformat(),
        "profil": {
            "fornavn": profile.first_name,
            "efternavn": profile.surname,
            "foedselsdato": _date(profile.date_of_birth),
            "postnummer": profile.postcode_id,
            "omraade": profile.postcode.area.name,
            "email": profile.email,
            "telefon": profile.phone,
            "situation": str(profile.get_situation_display()),
            "interesser": [str(label) for label in profile.interest_labels],
            "oensker": profile.wishes,
            "sprog": profile.languages,
            "afdeling": profile.department.name,
            "oprettet": _date(profile.created_at),
            "senest_aendret": _date(profile.updated_at),
        },
        "samtykker": [
            {
                "formaal": str(c.get_purpose_display()),
                "afdeling": c.department.name if c.department else None,
                "givet_af": str(c.get_given_by_display()),
                "hvordan": str(c.get_method_display()),
                "givet_den": _date(c.given_at),
                "gyldigt_til": _date(c.valid_until),
                "dokumentation": c.evidence_reference,
                "trukket_tilbage": _date(c.withdrawn_at),
            }
            for c in consents
        ],
        "henvisninger": [
            {
                "tilbud": r.offer.title,
                "organisation": r.offer.organisation.name,
                "besked": r.message,
                "status": str(r.get_status_display()),
                "sendt": _date(r.created_at),
                "historik": [
                    {
                        "tidspunkt": _date(e.at),
                        "fra": str(e.get_from_status_display()) if e.from_status else None,
                        "til": str(e.get_to_status_display()),
                        "begrundelse": e.reason,
                    }
                    for e in r.events.all()
                ],
            }
            for r in referrals
        ],
        "adgang_til_oplysningerne": [
            {
                "tidspunkt": _date(row["at"]),
                "handling": str(Action(row["action"]).label),
                "formaal": row["purpose"],
            }
            for row in access_history(profile)
        ],
    }
    for key, _title, rows in export_extra_sections(profile):
        data[key] = rows
    return data


def export_extra_sections(profile: YouthProfile) -> list[tuple[str, str, list[dict]]]:
    """Sections other apps (mentoring: the mentor matches) add through the hook."""
    responses = youth_export_collect.send(sender=YouthProfile, profile=profile)
    return [section for _receiver, section in responses if section]


def due_for_retention(months: int):
    """Profiles whose last activity and every consent ended more than ``months`` months ago."""
    cutoff_date = add_months(timezone.localdate(), -months)
    cutoff = timezone.make_aware(datetime.datetime.combine(cutoff_date, datetime.time.min))
    consent_still_counts = Consent.objects.filter(youth=OuterRef("pk")).filter(
        Q(withdrawn_at__isnull=True, valid_until__gte=cutoff_date) | Q(withdrawn_at__gte=cutoff)
    )
    return (
        YouthProfile.objects.not_anonymised()
        .filter(last_activity_at__lt=cutoff)
        .exclude(Exists(consent_still_counts))
        .order_by("last_activity_at")
    )
