"""The coordinator's work lists count what waits, oldest first."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from offers.models import Organisation
from tests.overview import factories as f
from youth.mentoring.models import VettingItem

pytestmark = pytest.mark.django_db


def test_work_lists_count_what_waits(client_for, personas, department):
    Organisation.objects.create(name="Ny forening", kind="forening", contact_name="K",
                                contact_email="k@x.example")
    f.make_mentor(status="applied")
    youth = f.make_youth(department)
    f.make_match(youth, status="claimed")
    offer = f.make_offer()
    stale = f.make_referral(f.make_youth(department), offer,
                            changed=timezone.localdate() - datetime.timedelta(days=20))
    f.make_referral(f.make_youth(department), offer)  # fresh: not listed
    f.make_referral(f.make_youth(department), offer, status="completed",
                    changed=timezone.localdate() - datetime.timedelta(days=40))  # closed
    mentor = f.make_mentor()
    VettingItem.objects.create(
        mentor=mentor, kind="child_certificate", done_on=timezone.localdate().replace(year=2023),
        valid_until=timezone.localdate() + datetime.timedelta(days=10),
        recorded_by=personas["coordinator"],
    )
    response = client_for("coordinator").get(reverse("overview:work-lists"))
    assert response.status_code == 200
    totals = {wl.slug: wl.total for wl in response.context["lists"]}
    assert totals == {"organisations": 1, "mentors": 1, "claims": 1, "referrals": 1,
                      "certificates": 1}
    referrals = next(wl for wl in response.context["lists"] if wl.slug == "referrals")
    assert referrals.items[0][0] == stale.pk
    assert "Ny forening" in response.content.decode()
    assert youth.first_name not in response.content.decode()
