"""Rows for the overview tests, made directly in the real database with chosen dates."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from offers.models import ClassVisitRequest, Offer, Organisation
from ressourcebank.areas.models import Area, Postcode
from tests.factories import make_user
from youth.mentoring.models import Match, Mentor
from youth.models import (
    Consent,
    ConsentGivenBy,
    ConsentMethod,
    ConsentPurpose,
    Referral,
    Situation,
    YouthProfile,
    add_months,
)

_n = itertools.count(1)


def areas():
    """A town area with postcode 8900 and a rural one with 8981 (made once)."""
    town, _ = Area.objects.get_or_create(name="Randers By", defaults={"is_rural": False})
    rural, _ = Area.objects.get_or_create(name="Landdistrikt Nord", defaults={"is_rural": True})
    Postcode.objects.get_or_create(code="8900", defaults={"name": "Randers C", "area": town})
    Postcode.objects.get_or_create(code="8981", defaults={"name": "Spentrup", "area": rural})
    return town, rural


def aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def make_youth(department, *, age=16, rural=False, situation=Situation.IN_SCHOOL,
               created=None, caseworker=None, **fields):
    areas()
    today = timezone.localdate()
    youth = YouthProfile.objects.create(
        first_name=f"Ung{next(_n)}",
        date_of_birth=add_months(today, -12 * age - 1),
        postcode_id="8981" if rural else "8900",
        situation=situation,
        department=department,
        caseworker=caseworker,
        **fields,
    )
    if created is not None:
        YouthProfile.objects.filter(pk=youth.pk).update(created_at=aware(created))
    return youth


def consent(youth, purpose, *, department=None, given_at=None):
    today = timezone.localdate()
    return Consent.objects.create(
        youth=youth,
        purpose=purpose,
        department=department,
        given_by=ConsentGivenBy.YOUTH,
        method=ConsentMethod.WRITTEN,
        given_at=given_at or today,
        valid_until=add_months(today, 12),
    )


def share_with(youth, department):
    return consent(youth, ConsentPurpose.DEPARTMENT_SHARING, department=department)


def make_offer(*, category=Offer.Category.MUSIK, rural=False, **fields):
    areas()
    organisation = Organisation.objects.create(
        name=f"Org {next(_n)}", kind=Organisation.Kind.FORENING, contact_name="K",
        contact_email="k@org.example", status=Organisation.Status.APPROVED,
    )
    defaults = {"title": f"Tilbud {next(_n)}", "description": "x", "category": category,
                "status": Offer.Status.PUBLISHED, "postcode_id": "8981" if rural else "8900"}
    defaults.update(fields)
    return Offer.objects.create(organisation=organisation, **defaults)


def make_referral(youth, offer, *, status="sent", created=None, changed=None):
    referral = Referral.objects.create(youth=youth, offer=offer, status=status)
    updates = {}
    if created is not None:
        updates["created_at"] = aware(created)
    if changed is not None:
        updates["status_changed_at"] = aware(changed)
    if updates:
        Referral.objects.filter(pk=referral.pk).update(**updates)
    return referral


def make_mentor(*, status="approved"):
    areas()
    user = make_user()
    return Mentor.objects.create(
        user=user, postcode_id="8900", motivation="Vil gerne", status=status
    )


def make_match(youth, mentor=None, *, status="active", decided=None):
    mentor = mentor or make_mentor()
    decided_at = aware(decided) if decided else (timezone.now() if status != "claimed" else None)
    fields = {}
    if status == "closed":
        fields = {"closure_reason": "goal_reached", "closed_at": timezone.now()}
    return Match.objects.create(youth=youth, mentor=mentor, status=status, message="Hej",
                                decided_at=decided_at, **fields)


def make_class_visit(offer, *, user, status="requested", pupils=20, needs_transport=False,
                     rural_school=False):
    return ClassVisitRequest.objects.create(
        offer=offer, requested_by=user, school="Skole", pupils=pupils, wished_dates="uge 12",
        school_postcode_id="8981" if rural_school else "8900",
        needs_transport=needs_transport, status=status,
        visit_date=timezone.localdate() if status == "accepted" else None,
    )
