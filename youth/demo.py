"""About 150 demo young people across the departments and areas, with consents and referrals.

Deterministic (fixed random seed, UUIDs derived from a counter), so a second run finds every
row the first made and creates nothing. Referrals go to the offers demo's published offers.
"""

import datetime
import random
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from offers.models import Offer
from offers.services import offer_take_spot
from ressourcebank.accounts.models import Department
from ressourcebank.areas.models import Postcode

from .models import (
    SPOT_HOLDING,
    Consent,
    ConsentGivenBy,
    ConsentMethod,
    ConsentPurpose,
    DeclineReason,
    Interest,
    Referral,
    ReferralEvent,
    ReferralStatus,
    Situation,
    YouthProfile,
    add_months,
    age_on,
)

COUNT = 150
NAMESPACE = uuid.UUID("3f6b2c1e-7c1a-4d3e-9a55-5d0c0b6f1a10")
FIRST_NAMES = [
    "Freja", "Emil", "Ida", "Noah", "Clara", "William", "Alma", "Oscar", "Ella", "Lucas",
    "Sofie", "Victor", "Laura", "Malthe", "Anna", "Elias", "Josefine", "Magnus", "Karla",
    "Aksel", "Maja", "Frederik", "Mathilde", "Carl", "Agnes", "Alfred", "Ellen", "Storm",
    "Asta", "Theo", "Yasmin", "Ali", "Sara", "Omar", "Aya", "Mohammed", "Zainab", "Adam",
    "Leila", "Jonas",
]  # fmt: skip
SURNAMES = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
    "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
    "Thomsen", "Poulsen", "Johansen", "Knudsen", "Mortensen", "Møller", "Hassan", "Ahmed", "",
]  # fmt: skip
WISHES = [
    "Vil gerne lære at spille guitar og møde nogen med samme interesse.",
    "Drømmer om at komme på efterskole eller højskole.",
    "Vil gerne have hjælp til lektier, især matematik.",
    "Keder sig om eftermiddagen og vil gerne være en del af et fællesskab.",
    "Vil gerne prøve teater, men er lidt genert.",
    "Vil gerne i gang med en uddannelse inden for håndværk.",
    "Kan godt lide at være ude i naturen.",
    "Vil gerne have et fritidsjob og øve sig til jobsamtaler.",
    "",
]
LANGUAGES = [["dansk"], ["dansk", "engelsk"], ["dansk", "arabisk"], ["dansk", "somali"]]
# Situations that fit each department's young people.
SITUATIONS = {
    "skole": [Situation.IN_SCHOOL],
    "boern-og-familie": [Situation.IN_SCHOOL, Situation.OTHER],
    "jobcenter": [Situation.NEITHER, Situation.IN_JOB, Situation.OTHER],
    "uu": [Situation.IN_EDUCATION, Situation.NEITHER, Situation.IN_SCHOOL],
    "kultur-og-fritid": [Situation.IN_SCHOOL, Situation.IN_EDUCATION, Situation.IN_JOB],
}
AGES = {
    "skole": (12, 16),
    "boern-og-familie": (12, 17),
    "jobcenter": (18, 25),
    "uu": (15, 24),
    "kultur-og-fritid": (13, 22),
}
CASEWORKERS = {
    "skole": "skole@ressourcebank.example",
    "jobcenter": "jobcenter@ressourcebank.example",
}
ALL_STATUSES = list(ReferralStatus.values)
_S = ReferralStatus
# The steps after "sent" that lead to each status.
PATHS = {
    _S.SENT: [],
    _S.STARTED: [_S.ACCEPTED, _S.STARTED],
    _S.COMPLETED: [_S.ACCEPTED, _S.STARTED, _S.COMPLETED],
    _S.DROPPED: [_S.ACCEPTED, _S.STARTED, _S.DROPPED],
}


def _uuid(kind: str, n: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}-{n}")


def seed() -> str:
    departments = {d.slug: d for d in Department.objects.filter(slug__in=SITUATIONS)}
    postcodes = list(Postcode.objects.order_by("code"))
    if not departments or not postcodes:
        return "skipped: departments and areas are seeded first"
    users = get_user_model().objects.filter(email__in=CASEWORKERS.values())
    caseworkers = {slug: u for u in users for slug, e in CASEWORKERS.items() if u.email == e}
    offers = list(Offer.objects.published().order_by("id"))
    rng = random.Random(4)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    slugs = sorted(departments)
    created = {"profiles": 0, "consents": 0, "referrals": 0}
    for n in range(COUNT):
        slug = slugs[n % len(slugs)]
        low, high = AGES[slug]
        born = add_months(today, -12 * rng.randint(low, high)) - datetime.timedelta(
            days=rng.randint(1, 360)
        )
        profile, new = YouthProfile.objects.get_or_create(
            pk=_uuid("youth", n),
            defaults={
                "first_name": rng.choice(FIRST_NAMES),
                "surname": rng.choice(SURNAMES),
                "date_of_birth": born,
                "postcode": rng.choice(postcodes),
                "situation": rng.choice(SITUATIONS[slug]),
                "interests": rng.sample(Interest.values, k=rng.randint(1, 3)),
                "wishes": rng.choice(WISHES),
                "languages": rng.choice(LANGUAGES),
                "department": departments[slug],
                "caseworker": caseworkers.get(slug),
                "email": f"ung{n}@demo.example" if rng.random() < 0.6 else "",
            },
        )
        created["profiles"] += new
        if not new:
            continue  # its consents and referrals were made with it
        created["consents"] += _consents(profile, rng, today, departments)
        if offers and rng.random() < 0.45 and _has_referral_consent(profile):
            created["referrals"] += _referral(profile, rng, offers, n, created["referrals"])
    return (
        f"{created['profiles']} young people, {created['consents']} consents, "
        f"{created['referrals']} referrals"
        + ("" if offers else " (no published offers: run the offers demo first)")
    )


def _has_referral_consent(profile) -> bool:
    return profile.consents.filter(purpose=ConsentPurpose.REFERRAL).active().exists()


def _consents(profile, rng, today, departments) -> int:
    given_by = (
        ConsentGivenBy.GUARDIAN
        if age_on(profile.date_of_birth, today) < 15
        else ConsentGivenBy.YOUTH
    )
    wanted = []
    if rng.random() < 0.8:
        wanted.append((ConsentPurpose.REFERRAL, None))
    if rng.random() < 0.5:
        wanted.append((ConsentPurpose.MENTOR_MATCHING, None))
    if rng.random() < 0.25:
        others = [d for d in departments.values() if d.pk != profile.department_id]
        wanted.append((ConsentPurpose.DEPARTMENT_SHARING, rng.choice(others)))
    made = 0
    for purpose, department in wanted:
        roll = rng.random()
        if roll < 0.12:  # expires within 30 days
            valid_until = today + datetime.timedelta(days=rng.randint(1, 29))
        elif roll < 0.18:  # already expired
            valid_until = today - datetime.timedelta(days=rng.randint(1, 60))
        else:
            valid_until = today + datetime.timedelta(days=rng.randint(60, 330))
        given_at = min(add_months(valid_until, -12), today)
        withdrawn = rng.random() < 0.08
        Consent.objects.create(
            youth=profile,
            purpose=purpose,
            department=department,
            given_by=given_by,
            method=rng.choice(ConsentMethod.values),
            given_at=given_at,
            valid_until=valid_until,
            evidence_reference=f"SAG-2026-{rng.randint(1000, 9999)}",
            withdrawn_at=timezone.now() - datetime.timedelta(days=rng.randint(1, 20))
            if withdrawn
            else None,
            withdrawn_by_party=given_by if withdrawn else "",
            recorded_by=profile.caseworker,
        )
        made += 1
    return made


def _referral(profile, rng, offers, n, made_so_far) -> int:
    offer = rng.choice(offers)
    # Cycle through every status so the demo shows the whole loop.
    status = ALL_STATUSES[made_so_far % len(ALL_STATUSES)]
    if status in SPOT_HOLDING and not offer_take_spot(offer_id=offer.pk):
        status = ReferralStatus.WAITING_LIST
    now = timezone.now()
    changed = now - datetime.timedelta(days=rng.randint(0, 30))
    referral = Referral.objects.create(
        id=_uuid("referral", n),
        youth=profile,
        offer=offer,
        referred_by=profile.caseworker,
        message="Den unge glæder sig og kan komme om eftermiddagen.",
        status=status,
        decline_reason=rng.choice(DeclineReason.values)
        if status == ReferralStatus.DECLINED
        else "",
        status_changed_at=changed,
        waitlisted_at=changed if status == ReferralStatus.WAITING_LIST else None,
    )
    steps = [ReferralStatus.SENT, *PATHS.get(status, [status])]
    for i, (before, after) in enumerate(zip(["", *steps], steps, strict=False)):
        ReferralEvent.objects.create(
            referral=referral,
            actor=profile.caseworker if after == ReferralStatus.SENT else None,
            at=changed - datetime.timedelta(days=3 * (len(steps) - 1 - i)),
            from_status=before,
            to_status=after,
            reason="Stoppede efter tre gange." if after == ReferralStatus.DROPPED else "",
        )
    return 1
