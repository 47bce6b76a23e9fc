"""About 40 demo mentors in every vetting state, and — when the youth demo has run — open
claims, active matches with contact logs and closed matches.

Deterministic (fixed random seed, emails from a counter) and idempotent: a mentor is made only
when its user has no profile, matches only when no demo match exists yet.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from ressourcebank.accounts.demo import demo_user
from ressourcebank.accounts.models import Role
from ressourcebank.accounts.services import role_grant
from ressourcebank.areas.models import Postcode
from youth.models import AgeBand

from .choices import (
    AVAILABILITY_CHOICES,
    REQUIRED_FOR_APPROVAL,
    ClosureReason,
    ContactKind,
    Interest,
    MatchStatus,
    MentorStatus,
    MentorType,
    VettingKind,
)
from .models import Agreement, Contact, Match, Mentor, VettingItem, YouthMentorWish
from .selectors import ensure_pseudonyms, youth_pool

COUNT = 40
DEMO_MENTOR = "mentor@ressourcebank.example"
COORDINATOR = "koordinator@ressourcebank.example"
FIRST_NAMES = [
    "Hanne", "Peter", "Lone", "Jens", "Mette", "Henrik", "Birgitte", "Lars", "Susanne",
    "Ahmad", "Fatima", "Kim", "Bente", "Ole", "Rikke", "Tobias", "Nadia", "Anders",
]  # fmt: skip
LAST_NAMES = ["Holm", "Berg", "Lund", "Dahl", "Kjær", "Bach", "Vestergaard", "Ali", "Juhl"]
LANGUAGES = [["dansk"], ["dansk", "engelsk"], ["dansk", "arabisk"], ["dansk", "tyrkisk"]]
SKILLS = [
    "Spiller guitar og klaver.",
    "Tidligere skolelærer, god til matematik.",
    "Håndværker, kan lide at bygge ting.",
    "Løber og træner et ungdomshold i fodbold.",
    "Arbejder med IT og hjælper gerne med CV og jobansøgninger.",
]
MOTIVATIONS = [
    "Jeg havde selv en voksen, der troede på mig, da jeg var ung.",
    "Jeg har tid og vil gerne bruge den på noget meningsfuldt.",
    "Jeg kan godt lide unge mennesker og at se dem vokse.",
]
NOTES = [
    "Gik en tur og snakkede om skolen.",
    "Øvede guitar sammen.",
    "Kort telefonsnak, aftalte næste møde.",
    "Lavede en ansøgning sammen.",
    "",
]
# The mix of states: (status, how many checklist items, certificate: valid/expiring/expired/none)
STATES = (
    [(MentorStatus.APPROVED, 4, "valid")] * 16
    + [(MentorStatus.APPROVED, 4, "expiring")] * 4
    + [(MentorStatus.APPROVED, 4, "none")] * 4
    + [(MentorStatus.APPLIED, n, "none") for n in (0, 1, 2, 3)]
    + [(MentorStatus.APPLIED, 4, "valid")] * 2
    + [(MentorStatus.PAUSED, 4, "valid")] * 3
    + [(MentorStatus.PAUSED, 4, "expired")]
    + [(MentorStatus.STOPPED, 4, "expired")] * 2
    + [(MentorStatus.STOPPED, 2, "none")] * 2
)


def seed() -> str:
    postcodes = list(Postcode.objects.order_by("code"))
    coordinator = get_user_model().objects.filter(email=COORDINATOR).first()
    if not postcodes or coordinator is None:
        return "skipped: areas and demo accounts are seeded first"
    rng = random.Random(5)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    made = 0
    demo = get_user_model().objects.filter(email=DEMO_MENTOR).first()
    if demo is not None and not Mentor.objects.filter(user=demo).exists():
        _mentor(demo, (MentorStatus.APPROVED, 4, "valid"), rng, postcodes, coordinator, today)
        made += 1
    for n in range(COUNT - 1):
        user = demo_user(
            f"mentor{n + 1}@demo.example", rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        )
        state = STATES[n % len(STATES)]
        if Mentor.objects.filter(user=user).exists():
            continue
        _mentor(user, state, rng, postcodes, coordinator, today)
        made += 1
    matches = _matches(rng, coordinator, today)
    return f"{made} mentors, {matches}"


def _mentor(user, state, rng, postcodes, coordinator, today) -> Mentor:
    status, checklist, certificate = state
    mentor = Mentor.objects.create(
        user=user,
        postcode=rng.choice(postcodes),
        interests=rng.sample(Interest.values, k=rng.randint(1, 4)),
        skills=rng.choice(SKILLS),
        languages=rng.choice(LANGUAGES),
        availability=sorted(
            rng.sample([slug for slug, _label in AVAILABILITY_CHOICES], k=rng.randint(2, 5))
        ),
        capacity=rng.choice([1, 1, 2, 3]),
        mentor_type=rng.choice(MentorType.values),
        preferred_age_band=rng.choice(["", *AgeBand.values[:3]]),
        motivation=rng.choice(MOTIVATIONS),
        status=status,
    )
    for kind in REQUIRED_FOR_APPROVAL[:checklist]:
        VettingItem.objects.create(
            mentor=mentor,
            kind=kind,
            done_on=today - datetime.timedelta(days=rng.randint(20, 200)),
            recorded_by=coordinator,
        )
    renew_in = {"valid": rng.randint(200, 700), "expiring": rng.randint(5, 55), "expired": -20}
    if certificate in renew_in:
        valid_until = today + datetime.timedelta(days=renew_in[certificate])
        VettingItem.objects.create(
            mentor=mentor,
            kind=VettingKind.CHILD_CERTIFICATE,
            done_on=valid_until - datetime.timedelta(days=730),
            valid_until=valid_until,
            recorded_by=coordinator,
        )
    if status in (MentorStatus.APPROVED, MentorStatus.PAUSED):
        role_grant(user=user, role=Role.MENTOR, granted_by=coordinator)
    return mentor


def _matches(rng, coordinator, today) -> str:
    if Match.objects.filter(mentor__user__email__endswith="@demo.example").exists():
        return "matches already made"
    pool = list(youth_pool().order_by("pk"))
    if not pool:
        return "no matches (no youth demo data with mentor consent)"
    ensure_pseudonyms()
    slots = [slug for slug, _label in AVAILABILITY_CHOICES]
    for youth in pool:
        YouthMentorWish.objects.get_or_create(
            youth=youth, defaults={"availability": sorted(rng.sample(slots, k=3))}
        )
    mentors = list(
        Mentor.objects.approved()
        .with_valid_certificate()
        .exclude(user__email=DEMO_MENTOR)
        .order_by("user__email")
    )
    demo = Mentor.objects.filter(user__email=DEMO_MENTOR).first()
    # The demo mentor gets one active match and one open claim to show.
    plan = [MatchStatus.ACTIVE, MatchStatus.CLAIMED] if demo else []
    plan += [MatchStatus.CLAIMED] * 4 + [MatchStatus.ACTIVE] * 8 + [MatchStatus.CLOSED] * 4
    counts = {status: 0 for status in MatchStatus.values}
    for i, (status, youth) in enumerate(zip(plan, pool, strict=False)):
        mentor = demo if demo and i < 2 else mentors[i % len(mentors)]
        _match(youth, mentor, status, rng, coordinator, today)
        counts[status] += 1
    return (
        f"{counts['claimed']} open claims, {counts['active']} active matches, "
        f"{counts['closed']} closed matches"
    )


def _match(youth, mentor, status, rng, coordinator, today):
    now = timezone.now()
    started = now - datetime.timedelta(days=rng.randint(20, 150))
    if status == MatchStatus.CLAIMED:
        Match.objects.create(
            youth=youth,
            mentor=mentor,
            message="Vi har de samme interesser, og jeg har god tid om eftermiddagen.",
            claimed_at=now - datetime.timedelta(days=rng.randint(0, 12)),
        )
        return
    match = Match.objects.create(
        youth=youth,
        mentor=mentor,
        status=MatchStatus.ACTIVE,
        message="Jeg vil gerne være mentor.",
        claimed_at=started - datetime.timedelta(days=5),
        decided_at=started,
        decided_by=youth.caseworker or coordinator,
        youth_agreed_on=started.date(),
        share_email=True,
        share_phone=rng.random() < 0.5,
        first_meeting_on=started.date() + datetime.timedelta(days=7),
    )
    # Contacts every week or two; some matches fall silent, so the flags show.
    silent_for = rng.choice([2, 5, 16, 35])
    day = started.date() + datetime.timedelta(days=7)
    while day <= today - datetime.timedelta(days=silent_for):
        Contact.objects.create(
            match=match,
            happened_on=day,
            minutes=rng.choice([30, 45, 60, 90]),
            kind=rng.choice(ContactKind.values),
            note=rng.choice(NOTES),
        )
        day += datetime.timedelta(days=rng.randint(6, 14))
    if youth.department.slug == "jobcenter":
        Agreement.objects.create(
            match=match,
            goals="Komme i praktik inden for et halvt år.",
            tasks="Øve jobsamtaler, skrive CV, besøge to arbejdspladser.",
            hours=24,
            starts_on=started.date(),
            ends_on=started.date() + datetime.timedelta(days=180),
            created_by=youth.caseworker or coordinator,
        )
    if status == MatchStatus.CLOSED:
        match.status = MatchStatus.CLOSED
        match.closed_at = now - datetime.timedelta(days=rng.randint(1, 10))
        match.closure_reason = rng.choice(ClosureReason.values)
        match.wants_new_mentor = rng.random() < 0.4
        match.save()
