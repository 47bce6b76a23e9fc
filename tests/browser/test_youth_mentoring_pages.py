"""axe-core on the pages this integration changed, filled with a real mentoring history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser import pages
from tests.integration.conftest import caseworker, mentor, skole, youth  # noqa: F401 - fixtures
from tests.mentoring.factories import make_match, make_youth
from youth.mentoring.models import Agreement, Contact, Match

pytestmark = pytest.mark.django_db(transaction=True)


def test_profile_export_and_claim_pages_pass_axe(new_page, youth, mentor, caseworker, skole):  # noqa: F811
    active = make_match(youth, mentor, status="active", message="Jeg spiller også guitar")
    Contact.objects.create(
        match=active,
        happened_on=timezone.localdate() - datetime.timedelta(days=20),
        minutes=45,
        kind="meeting",
        note="Øvede akkorder",
    )
    Agreement.objects.create(
        match=active,
        goals="Komme i gang",
        tasks="Lektier",
        hours=10,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=90),
        created_by=caseworker,
    )
    claim = make_match(make_youth(skole, caseworker=caseworker), mentor)

    staff = new_page()
    pages.login_with_session(staff, caseworker)
    staff.visit(reverse("youth:detail", args=[youth.pk]), "profile-active-match")
    assert staff.get_by_text("Ingen kontakt registreret i 14 dage").is_visible()
    pages.assert_accessible(staff)
    staff.visit(reverse("youth:detail", args=[claim.youth_id]), "profile-open-claim")
    pages.assert_accessible(staff)
    staff.visit(reverse("youth:export", args=[youth.pk]), "export")
    pages.assert_accessible(staff)

    volunteer = new_page()
    pages.login_with_session(volunteer, mentor.user, mfa=False)
    volunteer.visit(reverse("mentoring:match-detail", args=[claim.pk]), "claim")
    pages.assert_accessible(volunteer)
    with volunteer.expect_navigation():
        volunteer.get_by_role("button", name="Træk anmodningen tilbage").click()
    pages.screenshot(volunteer, "withdrawn")
    assert volunteer.get_by_text("Din anmodning er trukket tilbage.").is_visible()
    assert Match.objects.get(pk=claim.pk).status == "withdrawn"
