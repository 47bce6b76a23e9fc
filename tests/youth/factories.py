"""Real rows for the youth tests: young people, consents, organisations, offers, referrals."""

import datetime
import itertools

from django.utils import timezone

from offers.models import Offer, Organisation, OrganisationMember
from ressourcebank.areas.models import Area, Postcode
from youth.models import (
    Consent,
    ConsentGivenBy,
    ConsentMethod,
    ConsentPurpose,
    Referral,
    ReferralEvent,
    ReferralStatus,
    Situation,
    YouthProfile,
    add_months,
)

_counter = itertools.count(1)


def make_postcode(code="8900", area_name="Randers Midtby", *, is_rural=False):
    area, _ = Area.objects.get_or_create(name=area_name, defaults={"is_rural": is_rural})
    postcode, _ = Postcode.objects.get_or_create(
        code=code, defaults={"name": f"By {code}", "area": area}
    )
    return postcode


def years_ago(years: int, days: int = 10) -> datetime.date:
    return add_months(timezone.localdate(), -12 * years) - datetime.timedelta(days=days)


def make_youth(department, *, caseworker=None, age=17, **fields):
    n = next(_counter)
    values = {
        "first_name": f"Ung{n}",
        "surname": f"Efternavn{n}",
        "date_of_birth": years_ago(age),
        "postcode": fields.pop("postcode", None) or make_postcode(),
        "situation": Situation.IN_SCHOOL,
        "email": f"ung{n}@example.dk",
        "department": department,
        "caseworker": caseworker,
    }
    values.update(fields)
    return YouthProfile.objects.create(**values)


def make_consent(
    youth,
    purpose=ConsentPurpose.REFERRAL,
    *,
    department=None,
    valid_until=None,
    given_at=None,
    withdrawn=False,
    given_by=None,
):
    consent = Consent.objects.create(
        youth=youth,
        purpose=purpose,
        department=department,
        given_by=given_by
        or (ConsentGivenBy.YOUTH if (youth.age or 18) >= 15 else ConsentGivenBy.GUARDIAN),
        method=ConsentMethod.WRITTEN,
        given_at=given_at or timezone.localdate() - datetime.timedelta(days=30),
        valid_until=valid_until or timezone.localdate() + datetime.timedelta(days=300),
        withdrawn_at=timezone.now() if withdrawn else None,
    )
    return consent


def make_organisation(*members, name=None):
    organisation = Organisation.objects.create(
        name=name or f"Forening {next(_counter)}",
        kind=Organisation.Kind.FORENING,
        contact_name="Kontakt",
        contact_email=f"org{next(_counter)}@forening.example",
        status=Organisation.Status.APPROVED,
    )
    for user in members:
        OrganisationMember.objects.create(organisation=organisation, user=user)
    return organisation


def make_offer(organisation, *, capacity=None, spots_taken=0, **fields):
    values = {
        "organisation": organisation,
        "title": f"Tilbud {next(_counter)}",
        "description": "Et godt tilbud.",
        "category": Offer.Category.MUSIK,
        "capacity": capacity,
        "spots_taken": spots_taken,
        "status": Offer.Status.PUBLISHED,
        "published_at": timezone.now(),
    }
    values.update(fields)
    return Offer.objects.create(**values)


def make_referral(youth, offer, *, referred_by=None, status=ReferralStatus.SENT, message="Hej"):
    referral = Referral.objects.create(
        youth=youth, offer=offer, referred_by=referred_by, status=status, message=message
    )
    ReferralEvent.objects.create(referral=referral, actor=referred_by, to_status=status)
    return referral
