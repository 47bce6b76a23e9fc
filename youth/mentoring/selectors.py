"""Reads for mentoring: the pool of young people who want a mentor, as mentors may see them.

``YouthProfile.objects.visible_to`` answers "none" for mentors by design, so the pool starts
from the youth models here and hands mentor pages only ``Listing`` values — an alias, an age
band, a district and what the young person wrote — never the profile itself.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ressourcebank.areas.models import Postcode
from ressourcebank.audit.log import Action, record
from ressourcebank.core import fragments
from ressourcebank.core.db import Compiled, among
from ressourcebank.core.labels import Labels
from ressourcebank.core.paginators import CappedPaginator
from youth.models import AgeBand, ConsentPurpose, YouthProfile, age_band_for, age_on

from .choices import AVAILABILITY_LABELS, INTEREST_LABELS, OPEN_MATCH_STATUSES, MatchStatus
from .matching import Score, Side, score
from .models import Match, Mentor, MentorStatus, YouthPseudonym
from .pseudonyms import alias_for
from .scoring import candidate_levels, score_expression

NO_CONTACT_WARNING_DAYS = 14
NO_CONTACT_ALERT_DAYS = 30
CERTIFICATE_EXPIRY_WINDOW_DAYS = 60

AGE_BAND_LABELS = Labels(AgeBand.choices)


def ensure_pseudonyms() -> None:
    """Give every profile that has none a random alias id, in one statement.

    A scan of every profile: for the coordinator's board and tests. Mentor pages give aliases
    to the rows they show with ``pseudonyms_for``.
    """
    pseudonyms = YouthPseudonym._meta.db_table
    profiles = YouthProfile._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {pseudonyms} (youth_id, alias_id) "  # noqa: S608 - table names only
            f"SELECT p.id, gen_random_uuid() FROM {profiles} p "
            f"WHERE NOT EXISTS (SELECT 1 FROM {pseudonyms} s WHERE s.youth_id = p.id) "
            "ON CONFLICT DO NOTHING"
        )


def pseudonyms_for(youth_ids) -> dict:
    """The alias ids of these profiles, made in the same statement where missing.

    ``DO UPDATE`` with the row's own value returns rows that a concurrent request made, where
    ``DO NOTHING`` would return nothing for them.
    """
    if not youth_ids:
        return {}
    table = YouthPseudonym._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (youth_id, alias_id) "  # noqa: S608 - table name only
            "SELECT youth_id, gen_random_uuid() FROM unnest(%s::uuid[]) AS youth_id "
            "ON CONFLICT (youth_id) DO UPDATE SET alias_id = "
            f"{table}.alias_id RETURNING youth_id, alias_id",
            [list(youth_ids)],
        )
        return dict(cursor.fetchall())


def youth_pool():
    """Young people who want a mentor: an active mentor-matching consent, no open claim or
    active match, and — if their last match was closed — they said they want a new mentor."""
    return _pool_on(timezone.localdate()).all()  # a copy: the cached one is never evaluated


@lru_cache(maxsize=2)
def _pool_on(day: datetime.date):
    # The same query all day, and building it costs 1.5 ms: each process builds it once a day.
    closed = Match.objects.filter(status=MatchStatus.CLOSED)
    # "The last closed match said no" as two NOT EXISTS: PostgreSQL plans them as anti joins
    # over the few closed matches instead of a sorted subquery for every profile.
    said_no_last = closed.filter(youth=OuterRef("pk"), wants_new_mentor=False).exclude(
        Exists(closed.filter(youth=OuterRef("youth"), closed_at__gt=OuterRef("closed_at")))
    )
    return (
        YouthProfile.objects.not_anonymised()
        .filter(date_of_birth__isnull=False)
        .with_active_consent(ConsentPurpose.MENTOR_MATCHING, today=day)
        .exclude(Exists(Match.objects.filter(youth=OuterRef("pk"), status__in=OPEN_MATCH_STATUSES)))
        .exclude(Exists(said_no_last))
        .select_related("postcode__area", "mentoring_pseudonym", "mentoring_wish")
    )


class PoolRow(NamedTuple):
    """What a pool card shows of a young person, as plain values (``ROW_FIELDS``, in order).

    A page of the pool is 20 of these on every request: read as values, not as profiles with
    their postcode, area and wish (80 model instances)."""

    pk: uuid.UUID
    date_of_birth: datetime.date | None
    erased_age_band: str
    interests: list[str]
    languages: list[str]
    wishes: str
    area_id: int
    area: str
    availability: list[str] | None  # None: no mentor wish noted

    @classmethod
    def of(cls, youth: YouthProfile) -> PoolRow:
        """From a profile read with its postcode's area and its mentor wish."""
        wish = getattr(youth, "mentoring_wish", None)
        return cls(
            youth.pk,
            youth.date_of_birth,
            youth.erased_age_band,
            youth.interests,
            youth.languages,
            youth.wishes,
            youth.postcode.area_id,
            youth.postcode.area.name,
            wish.availability if wish else None,
        )

    @property
    def age_band(self) -> str:
        if self.date_of_birth is None:
            return self.erased_age_band
        return age_band_for(age_on(self.date_of_birth, timezone.localdate()))


ROW_FIELDS = (
    "pk",
    "date_of_birth",
    "erased_age_band",
    "interests",
    "languages",
    "wishes",
    "postcode__area_id",
    "postcode__area__name",
    "mentoring_wish__availability",
)


@lru_cache(maxsize=2)
def _rows_in_pool_sql(day: datetime.date) -> Compiled:
    # Building and compiling the pool's query costs 3 ms; each process does it once a day.
    stand_in = [uuid.UUID(int=0)]  # for the page's ids
    in_pool = among(_pool_on(day), stand_in)
    rows = YouthProfile.objects.filter(pk__in=in_pool).values_list(*ROW_FIELDS).order_by()
    return Compiled.of(rows, stand_in)


def rows_in_pool(ids) -> dict[uuid.UUID, PoolRow]:
    """The rows of those of ``ids`` who are in the pool now, by id: ready-made SQL with the
    ids as a parameter, so nothing is built per request."""
    rows = _rows_in_pool_sql(timezone.localdate()).fetchall(list(ids))
    return {row[0]: PoolRow(*row) for row in rows}


def youth_side(youth: YouthProfile | PoolRow) -> Side:
    row = youth if isinstance(youth, PoolRow) else PoolRow.of(youth)
    return Side.of(
        interests=row.interests,
        languages=row.languages,
        availability=row.availability or (),
        area_id=row.area_id,
        age_band=row.age_band,
    )


def mentor_side(mentor: Mentor) -> Side:
    return Side.of(
        interests=mentor.interests,
        languages=mentor.languages,
        availability=mentor.availability,
        area_id=mentor.postcode.area_id,
        age_band=mentor.preferred_age_band,
    )


@dataclass(frozen=True)
class Listing:
    """A young person as a mentor sees them in the pool. Nothing here names or locates them."""

    alias_id: uuid.UUID
    alias: str
    age_band: str
    area: str
    interests: tuple[str, ...]
    wishes: str
    languages: tuple[str, ...]
    availability: tuple[str, ...]
    under_15: bool
    score: Score

    @property
    def facts(self) -> list[tuple[str, str]]:
        """What the card says, label and text in order; what the young person left empty is
        left out. (Plain pairs: the card is rendered 20 times a page.)"""
        age, area, *labels = _fact_labels(get_language())
        facts = [(age, self.age_band), (area, self.area)]
        for label, values in zip(
            labels, (self.interests, self.languages, self.availability), strict=True
        ):
            if values:
                facts.append((label, ", ".join(values)))
        return facts


@lru_cache(maxsize=8)
def _fact_labels(language: str | None) -> tuple[str, ...]:
    # The card's labels in the active language (``language`` is the cache key).
    return (_("Alder"), _("Område"), _("Interesser"), _("Sprog"), _("Kan som regel"))


def age_band_label(band: str) -> str:
    return AGE_BAND_LABELS.get(band, "") if band else ""


def listing_for(
    youth: YouthProfile | PoolRow, mentor_as_side: Side | None, *, alias_id=None, alias=None
) -> Listing:
    row = youth if isinstance(youth, PoolRow) else PoolRow.of(youth)
    band = row.age_band
    interests, slots = INTEREST_LABELS.active(), AVAILABILITY_LABELS.active()
    return Listing(
        alias_id=alias_id or youth.mentoring_pseudonym.alias_id,
        alias=alias or alias_for(row.pk),
        age_band=age_band_label(band),
        area=row.area,
        interests=tuple(interests.get(i, i) for i in row.interests),
        wishes=row.wishes,
        languages=tuple(row.languages),
        availability=tuple(slots.get(s, s) for s in row.availability or ()),
        under_15=band == AgeBand.UNDER_15,
        score=score(mentor_as_side, youth_side(row)) if mentor_as_side else Score(0, ()),
    )


# Counting the pool stops here: past it, the page says "more than 1.000" and pages no further.
POOL_CAP = 1000
# Ranking the pool for a mentor costs PostgreSQL tens of milliseconds at national scale (GIN
# look-ups over a million profiles); the order of a page and the pool's size are kept this long.
RANKING_SECONDS = 5 * 60


class PoolPaginator(CappedPaginator):
    """The pool ranked for one mentor, best first, in a few queries whatever its size.

    A count that stops at POOL_CAP + 1, then the page's rows ranked by PostgreSQL
    (``scoring.score_expression``; ties by profile id, which says nothing). A large pool is
    ranked from the candidates of ``scoring.candidate_levels`` first: when the page's last row
    scores above what anyone outside the candidates can reach, that is the page; else the next,
    wider level, and last the whole pool. Rows are ``(Listing, profile id)`` pairs.
    """

    def __init__(self, pool, per_page: int, *, mentor: Mentor, filters: str = ""):
        super().__init__(pool, per_page)
        self.mentor = mentor
        self.side = mentor_side(mentor)
        self.filters = filters  # the filter's query string: part of the cache keys

    def _cache_key(self, *parts) -> str:
        return fragments.key("mentoring-pool", self.filters, str(timezone.localdate()), *parts)

    def _order_key(self, bottom: int) -> str:
        # The page from ``bottom`` on: ``per_page`` rows, fewer on the last page.
        side = self.side
        return self._cache_key(
            "order-with-aliases-v3",
            str(self.mentor.pk),
            ",".join(sorted(side.interests)),
            ",".join(sorted(side.languages)),
            ",".join(sorted(side.availability)),
            str(side.area_id),
            side.age_band,
            str(bottom),
            str(self.per_page),
        )

    def get_page(self, number):
        # The count and the page's order in one read of the shared cache (a query).
        try:
            bottom = (int(number) - 1) * self.per_page
        except (TypeError, ValueError):
            bottom = 0
        keys = [self._cache_key("count"), self._order_key(bottom)]
        self._read = dict.fromkeys(keys) | cache.get_many(keys)  # None: not in the cache
        return super().get_page(number)

    def _cached(self, key: str):
        read = getattr(self, "_read", {})
        return read[key] if key in read else cache.get(key)

    @cached_property
    def count(self) -> int:
        key = self._cache_key("count")
        count = self._cached(key)
        if count is None:
            count = self.capped_count()
            cache.set(key, count, RANKING_SECONDS)
        return count

    @property
    def cap(self) -> int:
        return POOL_CAP  # read when asked, so a test can lower it

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.shown)
        rows = [
            (listing_for(row, self.side, alias_id=alias_id, alias=alias), row.pk)
            for row, alias_id, alias in self._ranked(bottom, top)
        ]
        return self._get_page(rows, number, self)

    def _ranked(self, bottom: int, top: int) -> list[tuple[PoolRow, uuid.UUID, str]]:
        """The page's young people, best first, with their aliases. The order comes from the
        cache when this mentor (as they are now) saw this page lately; who is shown is read
        through the pool's filter on every request, so no one who has left the pool appears."""
        if top <= bottom:
            return []
        key = self._order_key(bottom)
        order = self._cached(key)
        if order is None:
            rows = self._rank(bottom, top)
            aliases = pseudonyms_for([row.pk for row in rows])
            # An alias never changes, so it is kept with the order: giving the page's alias
            # ids again would write 20 rows on every request.
            order = [(row.pk, aliases[row.pk], alias_for(row.pk)) for row in rows]
            cache.set(key, order, RANKING_SECONDS)
            found = {row.pk: row for row in rows}
        else:
            found = rows_in_pool([pk for pk, *_alias in order])
        return [(found[pk], alias_id, alias) for pk, alias_id, alias in order if pk in found]

    def _rank(self, bottom: int, top: int) -> list[PoolRow]:
        ranked = (
            self.object_list.select_related(None)
            .annotate(points=score_expression(self.side, timezone.localdate()))
            .order_by("-points", "pk")
            .values_list(*ROW_FIELDS, "points")
        )
        if self.capped:
            # The codes as values, so the planner knows how many rows they stand for.
            codes = Postcode.objects.filter(area_id=self.side.area_id).values_list("code")
            in_area = Q(postcode_id__in=[code for (code,) in codes])
            for condition, outside_best in candidate_levels(self.side, in_area):
                rows = list(ranked.filter(condition)[bottom:top])
                if len(rows) == top - bottom and rows[-1][-1] > outside_best:
                    return [PoolRow(*row[:-1]) for row in rows]
        return [PoolRow(*row[:-1]) for row in ranked[bottom:top]]


def get_listing_or_404(request, alias_id, *, mentor: Mentor) -> tuple[Listing, YouthProfile]:
    """One young person of the pool by alias id; 404 (and a DENIED row) when not in the pool."""
    youth = youth_pool().filter(mentoring_pseudonym__alias_id=alias_id).first()
    if youth is None:
        pseudonym = YouthPseudonym.objects.filter(alias_id=alias_id).first()
        if pseudonym is not None:
            record(
                request,
                Action.DENIED,
                YouthProfile(pk=pseudonym.youth_id),
                purpose="Mentor: ung uden for puljen",
            )
        raise Http404
    record(request, Action.VIEW, youth, purpose="Mentor: ung der gerne vil have en mentor")
    return listing_for(youth, mentor_side(mentor)), youth


def mentor_for_user(user) -> Mentor | None:
    """The user's mentor profile, with ``certified`` (a valid børneattest today) and its
    postcode. Every mentor page asks, so the query is compiled once a day per process: built
    through the ORM it cost 1.6 ms, a tenth of a pool page."""
    if not user.is_authenticated:
        return None
    query = _mentor_for_user_sql(timezone.localdate())
    mentor = next(iter(Mentor.objects.raw(query.sql, query.params_with(user.pk))), None)
    if mentor is not None:
        mentor.postcode = Postcode(
            code=mentor.postcode_id, name=mentor.postcode_name, area_id=mentor.postcode_area_id
        )
    return mentor


@lru_cache(maxsize=2)
def _mentor_for_user_sql(day: datetime.date) -> Compiled:
    stand_in = -1  # for the user's id; no user has it
    mentors = (
        Mentor.objects.with_certificate_state(day)
        .annotate(postcode_name=F("postcode__name"), postcode_area_id=F("postcode__area_id"))
        .filter(user_id=stand_in)
        .order_by()
    )
    return Compiled.of(mentors, stand_in)


def mentor_open_matches(mentor: Mentor) -> int:
    return mentor.matches.open().count()


def has_valid_certificate(mentor: Mentor, day: datetime.date | None = None) -> bool:
    return Mentor.objects.with_valid_certificate(day).filter(pk=mentor.pk).exists()


def get_match_for_mentor_or_404(request, pk, *, mentor: Mentor) -> Match:
    """The mentor's own match; any other match answers 404 like a missing one."""
    match = (
        Match.objects.select_related("youth__postcode__area", "mentor")
        .filter(pk=pk, mentor=mentor)
        .first()
    )
    if match is None:
        other = Match.objects.filter(pk=pk).values_list("youth_id", flat=True).first()
        if other is not None:
            record(request, Action.DENIED, YouthProfile(pk=other), purpose="Mentor: andens forløb")
        raise Http404
    record(request, Action.VIEW, match.youth, purpose="Mentor: eget mentorforløb")
    return match


def get_match_for_caseworker_or_404(request, pk) -> Match:
    match = (
        Match.objects.visible_to_caseworker(request.user)
        .select_related("youth__postcode__area", "youth__department", "mentor__user")
        .filter(pk=pk)
        .first()
    )
    if match is None:
        other = Match.objects.filter(pk=pk).values_list("youth_id", flat=True).first()
        if other is not None:
            record(
                request,
                Action.DENIED,
                YouthProfile(pk=other),
                purpose="Sagsbehandler: mentorforløb uden for adgang",
            )
        raise Http404
    record(request, Action.VIEW, match.youth, purpose="Sagsbehandler: mentorforløb")
    return match


def contact_flag(last_contact_on: datetime.date | None, today: datetime.date) -> int | None:
    """30 or 14 when that many days have passed without contact, else None."""
    if last_contact_on is None:
        return None
    days = (today - last_contact_on).days
    if days >= NO_CONTACT_ALERT_DAYS:
        return NO_CONTACT_ALERT_DAYS
    if days >= NO_CONTACT_WARNING_DAYS:
        return NO_CONTACT_WARNING_DAYS
    return None


def flagged_active_matches(today: datetime.date | None = None):
    """Active matches without a contact for 14 days or more (computed in the query)."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=NO_CONTACT_WARNING_DAYS)
    return (
        Match.objects.filter(status=MatchStatus.ACTIVE)
        .with_last_contact()
        .filter(last_contact_on__lte=limit)
        .select_related("youth__caseworker", "youth__department", "mentor__user")
    )


def expiring_certificates(today: datetime.date | None = None):
    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=CERTIFICATE_EXPIRY_WINDOW_DAYS)
    return (
        Mentor.objects.filter(
            vetting_items__kind="child_certificate", vetting_items__valid_until__lte=until
        )
        .exclude(status=MentorStatus.STOPPED)
        .select_related("user")
        .annotate(certificate_valid_until=Subquery(_certificate_valid_until()))
        .order_by("certificate_valid_until")
    )


def _certificate_valid_until():
    from .models import VettingItem

    return VettingItem.objects.filter(mentor=OuterRef("pk"), kind="child_certificate").values(
        "valid_until"
    )[:1]


def available_mentors():
    """Approved mentors with free places, with ``free`` = capacity - open matches."""
    return (
        Mentor.objects.approved()
        .select_related("postcode__area", "user")
        .with_certificate_state()
        .annotate(open_count=Count("matches", filter=Q(matches__status__in=OPEN_MATCH_STATUSES)))
    )
