"""Reads for mentoring: the pool of young people who want a mentor, as mentors may see them.

``YouthProfile.objects.visible_to`` answers "none" for mentors by design, so the pool starts
from the youth models here and hands mentor pages only ``Listing`` values — an alias, an age
band, a district and what the young person wrote — never the profile itself.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from ressourcebank.audit.log import Action, record
from youth.models import AgeBand, ConsentPurpose, YouthProfile

from .choices import AVAILABILITY_CHOICES, OPEN_MATCH_STATUSES, Interest, MatchStatus
from .matching import Score, Side, score
from .models import Match, Mentor, MentorStatus, YouthPseudonym
from .pseudonyms import alias_for

NO_CONTACT_WARNING_DAYS = 14
NO_CONTACT_ALERT_DAYS = 30
CERTIFICATE_EXPIRY_WINDOW_DAYS = 60

_SLOT_LABELS = dict(AVAILABILITY_CHOICES)
_INTEREST_LABELS = dict(Interest.choices)


def ensure_pseudonyms() -> None:
    """Give every profile that has none a random alias id, in one statement."""
    pseudonyms = YouthPseudonym._meta.db_table
    profiles = YouthProfile._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {pseudonyms} (youth_id, alias_id) "  # noqa: S608 - table names only
            f"SELECT p.id, gen_random_uuid() FROM {profiles} p "
            f"WHERE NOT EXISTS (SELECT 1 FROM {pseudonyms} s WHERE s.youth_id = p.id) "
            "ON CONFLICT DO NOTHING"
        )


def youth_pool():
    """Young people who want a mentor: an active mentor-matching consent, no open claim or
    active match, and — if their last match was closed — they said they want a new mentor."""
    last_closed = Match.objects.filter(youth=OuterRef("pk"), status=MatchStatus.CLOSED).order_by(
        "-closed_at"
    )
    return (
        YouthProfile.objects.not_anonymised()
        .filter(date_of_birth__isnull=False)
        .with_active_consent(ConsentPurpose.MENTOR_MATCHING)
        .exclude(Exists(Match.objects.filter(youth=OuterRef("pk"), status__in=OPEN_MATCH_STATUSES)))
        .annotate(wants_new=Subquery(last_closed.values("wants_new_mentor")[:1]))
        .filter(Q(wants_new__isnull=True) | Q(wants_new=True))
        .select_related("postcode__area", "mentoring_pseudonym", "mentoring_wish")
    )


def youth_side(youth) -> Side:
    wish = getattr(youth, "mentoring_wish", None)
    return Side.of(
        interests=youth.interests,
        languages=youth.languages,
        availability=wish.availability if wish else (),
        area_id=youth.postcode.area_id,
        age_band=youth.age_band,
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


def age_band_label(band: str) -> str:
    return str(AgeBand(band).label) if band else ""


def listing_for(youth, mentor_as_side: Side | None) -> Listing:
    wish = getattr(youth, "mentoring_wish", None)
    band = youth.age_band
    return Listing(
        alias_id=youth.mentoring_pseudonym.alias_id,
        alias=alias_for(youth.pk),
        age_band=age_band_label(band),
        area=youth.postcode.area.name,
        interests=tuple(str(_INTEREST_LABELS.get(i, i)) for i in youth.interests),
        wishes=youth.wishes,
        languages=tuple(youth.languages),
        availability=tuple(
            str(_SLOT_LABELS.get(s, s)) for s in (wish.availability if wish else ())
        ),
        under_15=band == AgeBand.UNDER_15,
        score=score(mentor_as_side, youth_side(youth)) if mentor_as_side else Score(0, ()),
    )


def ranked_listings(mentor: Mentor, youths) -> list[tuple[Listing, YouthProfile]]:
    """The pool ranked by score (best first), paired with the profiles for the access log."""
    side = mentor_side(mentor)
    pairs = [(listing_for(youth, side), youth) for youth in youths]
    pairs.sort(key=lambda pair: (-pair[0].score.points, pair[0].alias))
    return pairs


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
    if not user.is_authenticated:
        return None
    return Mentor.objects.select_related("postcode__area").filter(user=user).first()


def mentor_open_matches(mentor: Mentor) -> int:
    return mentor.matches.filter(status__in=OPEN_MATCH_STATUSES).count()


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
        .annotate(
            open_count=Count("matches", filter=Q(matches__status__in=OPEN_MATCH_STATUSES)),
            certified=Exists(
                Mentor.objects.with_valid_certificate().filter(pk=OuterRef("pk")).values("pk")
            ),
        )
    )
