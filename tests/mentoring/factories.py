"""Real rows for the mentoring tests: mentors with their vetting, young people who want one."""

import datetime
import itertools

from django.utils import timezone

from ressourcebank.accounts.models import Role
from ressourcebank.accounts.services import role_grant
from ressourcebank.areas.models import Area, Postcode
from tests.factories import make_user
from youth.mentoring.choices import MentorStatus, VettingKind
from youth.mentoring.models import Match, Mentor, VettingItem, YouthMentorWish
from youth.models import (
    Consent,
    ConsentGivenBy,
    ConsentMethod,
    ConsentPurpose,
    Situation,
    YouthProfile,
    add_months,
)

_counter = itertools.count(1)
TODAY = timezone.localdate


def postcode(code="8900", area_name="Randers Midtby"):
    area, _ = Area.objects.get_or_create(name=area_name)
    return Postcode.objects.get_or_create(code=code, defaults={"name": f"By {code}", "area": area})[
        0
    ]


def born_years_ago(years: int) -> datetime.date:
    return add_months(TODAY(), -12 * years) - datetime.timedelta(days=10)


def make_youth(department, *, age=17, consent=True, caseworker=None, availability=(), **fields):
    """A young person; with ``consent`` an active mentor-matching consent (in the pool)."""
    n = next(_counter)
    values = {
        "first_name": f"Fornavn{n}x",
        "surname": f"Efternavn{n}x",
        "date_of_birth": born_years_ago(age),
        "postcode": fields.pop("postcode", None) or postcode(),
        "situation": Situation.IN_SCHOOL,
        "email": f"ung{n}@privat.example",
        "phone": f"+45 7000 {n:04d}",
        "department": department,
        "caseworker": caseworker,
        "interests": ["musik"],
        "languages": ["dansk"],
        "wishes": "Jeg vil gerne lære at spille guitar.",
    }
    values.update(fields)
    youth = YouthProfile.objects.create(**values)
    if consent:
        give_consent(youth)
    if availability:
        YouthMentorWish.objects.create(youth=youth, availability=list(availability))
    return youth


def give_consent(youth, *, valid_until=None, withdrawn=False):
    return Consent.objects.create(
        youth=youth,
        purpose=ConsentPurpose.MENTOR_MATCHING,
        given_by=ConsentGivenBy.YOUTH if youth.age >= 15 else ConsentGivenBy.GUARDIAN,
        method=ConsentMethod.WRITTEN,
        given_at=TODAY() - datetime.timedelta(days=30),
        valid_until=valid_until or TODAY() + datetime.timedelta(days=300),
        withdrawn_at=timezone.now() if withdrawn else None,
    )


def make_mentor(
    *,
    user=None,
    status=MentorStatus.APPROVED,
    certificate_valid_until=None,
    certificate=True,
    recorded_by=None,
    **fields,
):
    """A mentor profile; approved ones hold Role.MENTOR and have the whole checklist."""
    user = user or make_user(first_name="Mentor", last_name=f"Nummer{next(_counter)}")
    values = {
        "postcode": fields.pop("postcode", None) or postcode(),
        "interests": ["musik"],
        "languages": ["dansk"],
        "capacity": 2,
        "motivation": "Jeg kan lide at hjælpe.",
        "status": status,
    }
    values.update(fields)
    mentor = Mentor.objects.create(user=user, **values)
    recorder = recorded_by or make_user()
    if status == MentorStatus.APPROVED:
        role_grant(user=user, role=Role.MENTOR)
        for kind in (
            VettingKind.INTERVIEW,
            VettingKind.REFERENCES,
            VettingKind.TRAINING,
            VettingKind.CONFIDENTIALITY,
        ):
            VettingItem.objects.create(
                mentor=mentor, kind=kind, done_on=TODAY(), recorded_by=recorder
            )
    if certificate:
        valid_until = certificate_valid_until or TODAY() + datetime.timedelta(days=700)
        VettingItem.objects.create(
            mentor=mentor,
            kind=VettingKind.CHILD_CERTIFICATE,
            done_on=valid_until - datetime.timedelta(days=730),
            valid_until=valid_until,
            recorded_by=recorder,
        )
    return mentor


def make_match(youth, mentor, *, status="claimed", **fields):
    values = {"message": "Hej, jeg vil gerne.", "status": status}
    if status != "claimed":
        values["decided_at"] = timezone.now()
    if status == "closed":
        values.setdefault("closure_reason", "goal_reached")
        values["closed_at"] = timezone.now()
    values.update(fields)
    return Match.objects.create(youth=youth, mentor=mentor, **values)
