"""Journeys through the real UI in Chromium: class visits, mentoring, referrals and more.

Each journey is one test, with a step per person: forms are filled and buttons pressed as
people do, links in emails are followed, staff log in with their TOTP code. Every new page
is checked with axe (WCAG 2.0/2.1 A and AA) and kept as a screenshot under test-results/.
"""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from offers.models import Offer, Organisation
from ressourcebank.accounts.models import Department
from tests import factories
from tests.browser.pages import assert_accessible, login_as, screenshot
from tests.mentoring import factories as mentoring
from tests.offers import factories as offers
from tests.overview.factories import areas
from tests.youth import factories as youth
from youth.mentoring.choices import MentorStatus
from youth.mentoring.models import Contact, Match, Mentor
from youth.models import ConsentPurpose, Referral, ReferralStatus, YouthProfile

PASSWORD = factories.PASSWORD
COORDINATOR_SECRET = "JBSWY3DPEHPK3PXP"
CASEWORKER_SECRET = "KRSXG5CTMVRXEZLU"


# -- the cast ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def empty_cache():
    # The cache lives in a database table that test flushes leave alone: allauth's rate
    # limits (one confirmation email per address every few minutes) would carry over.
    cache.clear()


@pytest.fixture
def fast_passwords(settings):
    # Each account costs a full password hash per log-in otherwise; the journeys make many.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def town(transactional_db):
    town, _rural = areas()  # postcodes 8900 (Randers C) and 8981
    return town


@pytest.fixture
def school(transactional_db):
    return Department.objects.get_or_create(slug="skole", defaults={"name": "Skole"})[0]


@pytest.fixture
def coordinator(transactional_db, fast_passwords):
    user = factories.make_coordinator(
        email="koordinator@randers.example", first_name="Karin", last_name="Koordinator"
    )
    TOTP.activate(user, COORDINATOR_SECRET)
    return user


@pytest.fixture
def caseworker(school, fast_passwords):
    user = factories.make_caseworker(
        school, email="sagsbehandler@randers.example", first_name="Sofie", last_name="Skov"
    )
    TOTP.activate(user, CASEWORKER_SECRET)
    return user


# -- steps shared by the journeys --------------------------------------------------------------


def check(page, name: str):
    """A new page: keep its screenshot and check it with axe."""
    page.wait_for_load_state("load")
    screenshot(page, name)
    assert_accessible(page)


def submit(page, name: str, *, form=None):
    """Press a form's submit button and wait for the page it leads to."""
    scope = form if form is not None else page.locator("main")
    with page.expect_navigation():
        scope.get_by_role("button", name=name, exact=True).click()


def link_in_mail(outbox, to: str, path: str) -> str:
    """The one link to ``path`` in the last email to ``to``."""
    mails = [m for m in outbox if to in m.to]
    assert mails, f"no email to {to}: {[m.to for m in outbox]}"
    links = re.findall(r"https?://\S+", mails[-1].body)
    found = [link for link in links if path in link]
    assert found, f"no link to {path} in: {mails[-1].body}"
    return found[0]


def confirm_email(page, outbox, email: str):
    """Follow the confirmation link in the email and confirm the address."""
    page.visit(link_in_mail(outbox, email, "/konto/confirm-email/"), "confirm-email")
    assert_accessible(page)
    submit(page, "Bekræft")
    check(page, "email-confirmed")


def login(page, user_or_email, *, secret=None):
    email = getattr(user_or_email, "email", user_or_email)
    login_as(page, email, PASSWORD, totp_secret=secret)
    assert "/konto/login/" not in page.url, f"still on the login page: {page.url}"


def main_text(page) -> str:
    return page.locator("main").inner_text()


def refer_and_accept(page_cw, page_org, profile_name: str, offer: Offer):
    """From a young person's page: refer to ``offer``; the organisation accepts in its inbox.

    ``page_cw`` is on the young person's page, ``page_org`` logged in as a member.
    """
    page_cw.get_by_role("link", name="Henvis til tilbud").click()
    check(page_cw, "referral-form")
    assert "ikke et gyldigt samtykke" not in main_text(page_cw)
    page_cw.get_by_label("Tilbud", exact=True).select_option(
        label=f"{offer.title} ({offer.organisation.name})"
    )
    page_cw.get_by_label("Besked").fill("Hun glæder sig til at spille sammen med andre.")
    submit(page_cw, "Send henvisning")
    check(page_cw, "referral-sent")
    assert "Sendt" in main_text(page_cw)

    page_org.visit("/unge/henvisninger/organisation/", "org-inbox")
    assert_accessible(page_org)
    page_org.locator("main").get_by_role("link", name=profile_name).click()
    check(page_org, "org-referral")
    submit(page_org, "Accepteret")
    check(page_org, "org-referral-accepted")
    assert "Henvisningen har nu status: Accepteret." in main_text(page_org)


def claim_approve_and_log(page_mentor, page_cw, first_name: str):
    """The mentor claims the only young person in the pool; the caseworker approves it;
    the mentor logs a contact."""
    page_mentor.visit("/mentor/", "mentor-home")
    pool_link = page_mentor.locator("main").get_by_role(
        "link", name="Unge der gerne vil have en mentor"
    )
    pool_link.last.click()
    check(page_mentor, "mentor-browse")
    assert first_name not in main_text(page_mentor), "the pool must not show names"
    listing = page_mentor.locator("main h2 a").first
    alias = listing.inner_text()
    listing.click()
    check(page_mentor, "mentor-youth-detail")
    page_mentor.get_by_label("Besked til den unges sagsbehandler").fill(
        "Vi deler interessen for musik, og jeg kan om eftermiddagen."
    )
    submit(page_mentor, "Vis interesse")
    check(page_mentor, "mentor-matches")
    assert alias in main_text(page_mentor)

    page_cw.visit("/mentor/sagsbehandler/", "caseworker-matches")
    assert_accessible(page_cw)
    page_cw.locator("main").get_by_role("link", name=re.compile(first_name)).click()
    check(page_cw, "caseworker-match")
    approve = page_cw.locator("form[action$='/godkend/']")
    approve.get_by_label("Den unge sagde ja den").fill(timezone.localdate().isoformat())
    submit(page_cw, "Godkend forløbet", form=approve)
    check(page_cw, "caseworker-match-approved")
    assert "Forløbet er godkendt." in main_text(page_cw)

    page_mentor.visit("/mentor/forloeb/", "mentor-matches-after")
    page_mentor.locator("main").get_by_role("link").filter(has_text=alias).first.click()
    check(page_mentor, "mentor-match")
    assert f"Forløb med {first_name}" in main_text(page_mentor)
    contact = page_mentor.locator("form[action$='/kontakt/']")
    contact.locator("[name=happened_on]").fill(timezone.localdate().isoformat())
    contact.locator("[name=minutes]").fill("45")
    contact.locator("[name=kind]").select_option("meeting")
    contact.locator("[name=note]").fill("Vi gik en tur og talte om musik.")
    submit(page_mentor, "Gem kontakt", form=contact)
    check(page_mentor, "mentor-contact-logged")
    assert "Kontakten er registreret." in main_text(page_mentor)


# -- 1. an organisation signs up, is approved, publishes an offer that anyone finds -------------


def test_organisation_signs_up_is_approved_and_its_offer_is_found(
    new_page, coordinator, town, mailoutbox
):
    email = "leder@spillestedet.example"

    # The organisation signs up: an account and the organisation in one form.
    org = new_page()
    org.visit("/organisationer/", "organisations-home")
    assert_accessible(org)
    org.locator("main").get_by_role("link", name="Tilmeld organisation").click()
    check(org, "organisation-signup")
    org.locator("[name=konto-email]").fill(email)
    org.locator("[name=konto-first_name]").fill("Lene")
    org.locator("[name=konto-last_name]").fill("Lund")
    org.locator("[name=konto-password1]").fill(PASSWORD)
    org.locator("[name=konto-password2]").fill(PASSWORD)
    org.locator("[name=org-name]").fill("Spillestedet Værket")
    org.locator("[name=org-kind]").select_option("forening")
    org.locator("[name=org-postcode]").select_option("8900")
    org.locator("[name=org-contact_name]").fill("Lene Lund")
    org.locator("[name=org-contact_email]").fill(email)
    submit(org, "Tilmeld")
    check(org, "organisation-signup-done")
    assert "Tak for tilmeldingen" in main_text(org)
    organisation = Organisation.objects.get(name="Spillestedet Værket")
    assert organisation.status == Organisation.Status.PENDING

    # The address is confirmed through the link in the email; then the member logs in.
    confirm_email(org, mailoutbox, email)
    login(org, email)
    org.visit("/organisationer/", "organisations-pending")
    assert "Koordinatoren ser på tilmeldingen." in main_text(org)

    # The coordinator approves the organisation.
    coord = new_page()
    login(coord, coordinator, secret=COORDINATOR_SECRET)
    coord.visit("/koordinator/organisationer/", "coordinator-organisations")
    assert_accessible(coord)
    coord.locator("main").get_by_role("link", name="Spillestedet Værket").click()
    check(coord, "coordinator-organisation")
    coord.get_by_label("Godkend").check()
    submit(coord, "Gem beslutning")
    check(coord, "coordinator-organisation-approved")
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPROVED

    # The member creates an offer (a draft) and publishes it.
    org.visit("/organisationer/", "organisation-dashboard")
    assert_accessible(org)
    org.locator("main").get_by_role("link", name="Nyt tilbud").last.click()
    check(org, "offer-create")
    org.locator("[name=title]").fill("Sammenspil for unge guitarister")
    org.locator("[name=description]").fill(
        "Kom og spil guitar sammen med andre unge hver tirsdag. Vi låner dig en guitar."
    )
    org.locator("[name=category]").select_option("musik")
    org.locator("[name=min_age]").fill("13")
    org.locator("[name=max_age]").fill("25")
    submit(org, "Gem")
    check(org, "offer-saved")
    assert "Tilbuddet er gemt som kladde." in main_text(org)
    offer = Offer.objects.get(title="Sammenspil for unge guitarister")
    assert offer.status == Offer.Status.DRAFT
    submit(org, "Offentliggør Sammenspil for unge guitarister")
    check(org, "offer-published")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED

    # Anyone finds it with the catalogue's search.
    anyone = new_page()
    anyone.visit("/tilbud/", "catalogue")
    assert_accessible(anyone)
    anyone.locator("main [name=q]").fill("guitar")
    submit(anyone, "Søg")
    check(anyone, "catalogue-search")
    anyone.locator("main").get_by_role("link", name="Sammenspil for unge guitarister").click()
    check(anyone, "offer-detail")
    assert "Spillestedet Værket" in main_text(anyone)


# -- 2. a caseworker registers a young person, refers them, the organisation accepts -----------


def test_caseworker_registers_refers_and_sees_the_organisation_accept(
    new_page, caseworker, town, school
):
    organisation = offers.make_organisation(name="Musikskolen")
    member = offers.make_member(organisation, factories.make_user(email="laerer@musik.example"))
    offer = offers.make_offer(organisation, title="Band for begyndere")

    # The caseworker registers the young person.
    cw = new_page()
    login(cw, caseworker, secret=CASEWORKER_SECRET)
    cw.visit("/unge/", "youth-list")
    assert_accessible(cw)
    cw.get_by_role("link", name="Opret ung").click()
    check(cw, "youth-create")
    cw.locator("[name=first_name]").fill("Amina")
    cw.locator("[name=surname]").fill("Hansen")
    born = timezone.localdate().replace(year=timezone.localdate().year - 16, day=1)
    cw.locator("[name=date_of_birth]").fill(born.isoformat())
    cw.locator("[name=postcode]").select_option("8900")
    cw.locator("[name=situation]").select_option("i_skole")
    cw.locator("[name=wishes]").fill("Jeg vil gerne spille i et band.")
    submit(cw, "Gem")
    check(cw, "youth-detail")
    assert "Profilen er oprettet." in main_text(cw)
    profile = YouthProfile.objects.get(first_name="Amina")
    assert profile.department == school and profile.caseworker == caseworker

    # …records the young person's consent to referrals (the organisation will see a little).
    cw.get_by_role("link", name="Registrér samtykke").click()
    check(cw, "consent-create")
    cw.get_by_label("Henvisning til tilbud").check()
    cw.get_by_label("Den unge", exact=True).check()
    cw.locator("[name=method]").select_option("written")
    submit(cw, "Registrér samtykke")
    check(cw, "consent-registered")
    assert profile.consents.filter(purpose=ConsentPurpose.REFERRAL).active().exists()

    # …refers them; a member of the offer's organisation accepts in the inbox.
    org = new_page()
    login(org, member)
    refer_and_accept(cw, org, "Amina", offer)

    # The caseworker sees the new status on the young person's page.
    cw.visit(f"/unge/{profile.pk}/", "youth-detail-after")
    row = cw.locator("main tr").filter(has_text="Band for begyndere")
    assert row.get_by_role("cell", name="Accepteret").is_visible()
    assert Referral.objects.get(youth=profile).status == ReferralStatus.ACCEPTED


# -- 3. a mentor applies, is vetted, claims a young person, is approved, logs a contact ---------


def test_mentor_applies_is_vetted_claims_and_logs_a_contact(
    new_page, coordinator, caseworker, school, town, mailoutbox
):
    email = "mentor@frivillig.example"
    wanting = mentoring.make_youth(school, caseworker=caseworker, first_name="Jonas")

    # A person makes an account, confirms the address and applies.
    applicant = new_page()
    applicant.visit("/mentor/", "mentor-anonymous")
    assert_accessible(applicant)
    applicant.locator("main").get_by_role("link", name="Opret konto").click()
    check(applicant, "signup")
    applicant.locator("main [name=email]").fill(email)
    applicant.locator("main [name=password1]").fill(PASSWORD)
    applicant.locator("main [name=password2]").fill(PASSWORD)
    with applicant.expect_navigation():
        applicant.locator("main form button[type=submit]").click()
    check(applicant, "signup-verify-email")
    confirm_email(applicant, mailoutbox, email)
    login(applicant, email)
    applicant.visit("/mentor/", "mentor-apply")
    assert_accessible(applicant)
    applicant.locator("[name=first_name]").fill("Mette")
    applicant.locator("[name=last_name]").fill("Mortensen")
    applicant.locator("[name=phone]").fill("+45 2000 1234")
    applicant.locator("[name=postcode]").select_option("8900")
    applicant.get_by_label("Musik", exact=True).check()
    applicant.locator("[name=languages]").fill("dansk, engelsk")
    applicant.locator("[name=capacity]").fill("2")
    applicant.locator("[name=motivation]").fill("Jeg har selv haft en mentor og vil give igen.")
    submit(applicant, "Send ansøgning")
    check(applicant, "mentor-applied")
    mentor = Mentor.objects.get(user__email=email)
    assert mentor.status == MentorStatus.APPLIED

    # The coordinator goes through the checklist, the børneattest included, and approves.
    coord = new_page()
    login(coord, coordinator, secret=COORDINATOR_SECRET)
    coord.visit("/koordinator/mentorer/", "coordinator-mentors")
    assert_accessible(coord)
    coord.locator("main").get_by_role("link", name="Mette Mortensen").click()
    check(coord, "coordinator-mentor")
    today = timezone.localdate()
    for kind in ("interview", "references", "training", "confidentiality", "child_certificate"):
        vetting = coord.locator("form[action$='/godkendelse/']")
        vetting.locator("[name=kind]").select_option(kind)
        vetting.locator("[name=done_on]").fill(today.isoformat())
        if kind == "child_certificate":
            renew = today.replace(year=today.year + 2)
            vetting.locator("[name=valid_until]").fill(renew.isoformat())
        submit(coord, "Gem punkt", form=vetting)
    check(coord, "coordinator-mentor-vetted")
    assert "Mangler" not in coord.locator("main table").inner_text()
    status = coord.locator("form[action$='/status/']")
    status.locator("[name=status]").select_option("approved")
    submit(coord, "Skift status", form=status)
    check(coord, "coordinator-mentor-approved")
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.APPROVED

    # The mentor claims the young person; the caseworker approves; the mentor logs a contact.
    cw = new_page()
    login(cw, caseworker, secret=CASEWORKER_SECRET)
    claim_approve_and_log(applicant, cw, wanting.first_name)
    match = Match.objects.get(youth=wanting)
    assert match.mentor == mentor and match.status == "active"
    assert Contact.objects.filter(match=match, minutes=45).exists()


# -- 4. the overview's figures follow ----------------------------------------------------------


def overview_cell(page, caption: str, row: str) -> str:
    table = page.locator("main table").filter(has=page.locator("caption", has_text=caption))
    return (
        table.locator("tr")
        .filter(has=page.get_by_role("rowheader", name=row, exact=True))
        .locator("td")
        .first.inner_text()
    )


def test_overview_figures_follow_a_referral_and_a_match(
    new_page, coordinator, caseworker, school, town
):
    """Four accepted referrals and four active mentors exist: beyond the owning department
    they show as "<5". One more of each through the UI makes five, which everyone sees."""
    organisation = offers.make_organisation(name="Biblioteket")
    member = offers.make_member(organisation, factories.make_user(email="bib@bib.example"))
    offer = offers.make_offer(organisation, title="Skrivecafé")
    for _ in range(4):
        profile = youth.make_youth(school, caseworker=caseworker)
        youth.make_referral(profile, offer, status=ReferralStatus.ACCEPTED)
        mentoring.make_match(
            mentoring.make_youth(school),
            mentoring.make_mentor(),
            status="active",
        )
    referred = youth.make_youth(school, caseworker=caseworker, first_name="Freja")
    youth.make_consent(referred, ConsentPurpose.REFERRAL)
    mentoring.make_youth(school, caseworker=caseworker, first_name="Noah")
    mentor = mentoring.make_mentor(user=factories.make_user(email="m@frivillig.example"))
    call_command("refresh_overview", verbosity=0)

    referrals, mentors = "Henvisninger sendt i perioden efter status nu", "Mentorer: status nu"
    coord = new_page()
    login(coord, coordinator, secret=COORDINATOR_SECRET)
    coord.visit("/overblik/", "overview-before")
    assert_accessible(coord)
    assert overview_cell(coord, referrals, "Accepteret") == "<5"
    assert overview_cell(coord, mentors, "Har en aktiv mentor") == "<5"

    # One referral accepted and one match started, through the UI as in journeys 2 and 3.
    cw = new_page()
    login(cw, caseworker, secret=CASEWORKER_SECRET)
    cw.visit(f"/unge/{referred.pk}/", "youth-detail")
    org = new_page()
    login(org, member)
    refer_and_accept(cw, org, "Freja", offer)
    mentor_page = new_page()
    login(mentor_page, mentor.user)
    claim_approve_and_log(mentor_page, cw, "Noah")

    call_command("refresh_overview", verbosity=0)
    coord.visit("/overblik/", "overview-after")
    assert overview_cell(coord, referrals, "Accepteret") == "5"
    assert overview_cell(coord, mentors, "Har en aktiv mentor") == "5"

    # The owning department's caseworker sees its own figures exactly.
    cw.visit("/overblik/", "overview-caseworker")
    cw.get_by_label("Afdeling").select_option(label="Skole")
    submit(cw, "Vis tal")
    check(cw, "overview-own-department")
    assert overview_cell(cw, referrals, "Accepteret") == "5"
    assert overview_cell(cw, referrals, "Sendt") == "0"
    assert overview_cell(cw, mentors, "Har en aktiv mentor") == "5"
