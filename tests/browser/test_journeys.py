"""Journeys through the real UI, as people use the portal."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail

from tests import factories
from tests.browser.pages import login_as, screenshot, totp_code

SECRET = "JBSWY3DPEHPK3PXP"


@pytest.fixture
def coordinator(transactional_db):
    user = factories.make_coordinator(email="koordinator@test.example")
    TOTP.activate(user, SECRET)
    return user


def test_coordinator_logs_in_with_totp_and_invites_a_caseworker(page, coordinator):
    department = factories.make_department("Jobcenter")
    login_as(page, coordinator.email, factories.PASSWORD, totp_secret=SECRET)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Koordinator").click()
    screenshot(page, "coordinator-index")
    page.get_by_role("link", name="Brugere", exact=True).click()
    screenshot(page, "staff-list")
    page.get_by_role("link", name="Inviter medarbejder").click()
    screenshot(page, "staff-invite")
    page.get_by_label("E-mail").fill("ny.kollega@test.example")
    page.get_by_label("Fornavn").fill("Ny")
    page.get_by_label("Efternavn").fill("Kollega")
    page.get_by_label("Sagsbehandler").check()
    page.get_by_label(department.name).check()
    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_url("**/koordinator/medarbejdere/")
    screenshot(page, "staff-invited")
    assert page.get_by_text("ny.kollega@test.example er inviteret.").is_visible()
    assert page.get_by_role("cell", name="ny.kollega@test.example", exact=True).is_visible()
    assert [m.to for m in mail.outbox] == [["ny.kollega@test.example"]]


def test_staff_without_totp_must_set_it_up_before_anything_else(page, transactional_db):
    department = factories.make_department("Skole")
    user = factories.make_caseworker(department, email="ny@test.example")
    login_as(page, user.email, factories.PASSWORD)
    assert page.url.endswith("/konto/2fa/totp/activate/"), page.url
    # Any other page sends them back to the set-up.
    page.visit("/koordinator/", "coordinator-before-mfa")
    assert page.url.endswith("/konto/2fa/totp/activate/"), page.url
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Autentificeringskode").fill(totp_code(secret))
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Aktiver").click()
    screenshot(page, "recovery-codes")
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    page.visit("/koordinator/", "coordinator-after-mfa")
    # No longer sent to the set-up; and a caseworker is not a coordinator.
    assert page.url.endswith("/koordinator/"), page.url
    assert page.get_by_role("heading", name="Du har ikke adgang til siden").is_visible()
