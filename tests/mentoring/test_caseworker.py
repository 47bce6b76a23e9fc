"""The caseworker's side: answering claims, following matches, flags, agreements, closure."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import login, make_caseworker, make_department
from youth.mentoring.choices import MatchStatus
from youth.mentoring.models import Agreement, Contact, Match
from youth.mentoring.selectors import flagged_active_matches, youth_pool

from .factories import make_match, make_mentor, make_youth


@pytest.fixture
def cw_client(client, caseworker):
    login(client, caseworker)
    return client


@pytest.mark.django_db
def test_caseworker_approves_recording_the_youths_yes(
    cw_client, caseworker, skole, mailoutbox, django_capture_on_commit_callbacks
):
    match = make_match(make_youth(skole, caseworker=caseworker), make_mentor())
    assert cw_client.get(reverse("mentoring:caseworker-matches")).status_code == 200
    assert cw_client.get(reverse("mentoring:caseworker-match", args=[match.pk])).status_code == 200
    day = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        response = cw_client.post(
            reverse("mentoring:caseworker-approve", args=[match.pk]),
            {
                "youth_agreed_on": day,
                "share_phone": "on",
                "first_meeting_on": day + datetime.timedelta(days=7),
            },
        )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    assert match.youth_agreed_on == day and match.share_phone and not match.share_email
    assert match.decided_by == caseworker
    assert mailoutbox[-1].to == [match.mentor.user.email]


@pytest.mark.django_db
def test_decline_needs_a_reason(cw_client, caseworker, skole):
    match = make_match(make_youth(skole, caseworker=caseworker), make_mentor())
    url = reverse("mentoring:caseworker-decline", args=[match.pk])
    assert cw_client.post(url, {"reason": ""}).status_code == 400
    assert cw_client.post(url, {"reason": "Den unge vil vente"}).status_code == 302
    match.refresh_from_db()
    assert match.status == MatchStatus.DECLINED and match.decline_reason == "Den unge vil vente"


@pytest.mark.django_db
def test_other_department_caseworker_gets_404(client, skole):
    match = make_match(make_youth(skole), make_mentor())
    other = make_caseworker(make_department("Jobcenter"))
    login(client, other)
    assert client.get(reverse("mentoring:caseworker-match", args=[match.pk])).status_code == 404
    response = client.post(
        reverse("mentoring:caseworker-approve", args=[match.pk]),
        {"youth_agreed_on": timezone.localdate()},
    )
    assert response.status_code == 404
    match.refresh_from_db()
    assert match.status == MatchStatus.CLAIMED
    assert (
        match.youth.first_name
        not in client.get(reverse("mentoring:caseworker-matches")).content.decode()
    )


@pytest.mark.django_db
def test_no_contact_flags_after_14_and_30_days(cw_client, caseworker, skole, mailoutbox):
    today = timezone.localdate()
    mentor = make_mentor(capacity=5)

    def active(days_since_contact):
        match = make_match(
            make_youth(skole, caseworker=caseworker),
            mentor,
            status=MatchStatus.ACTIVE,
            first_meeting_on=today - datetime.timedelta(days=60),
        )
        Contact.objects.create(
            match=match,
            happened_on=today - datetime.timedelta(days=days_since_contact),
            minutes=30,
            kind="phone",
        )
        return match

    recent, fortnight, month = active(3), active(14), active(31)
    flagged = {m.pk: m.last_contact_on for m in flagged_active_matches(today)}
    assert set(flagged) == {fortnight.pk, month.pk}
    html = cw_client.get(reverse("mentoring:caseworker-matches")).content.decode()
    assert "Ingen kontakt i 14 dage" in html and "Ingen kontakt i 30 dage" in html
    call_command("mentor_contact_flags", verbosity=0)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [caseworker.email]
    assert str(month.pk) in mailoutbox[0].body and str(recent.pk) not in mailoutbox[0].body


@pytest.mark.django_db
def test_close_and_back_in_the_pool(cw_client, caseworker, skole):
    mentor = make_mentor()
    wants = make_match(make_youth(skole, caseworker=caseworker), mentor, status="active")
    done = make_match(make_youth(skole, caseworker=caseworker), mentor, status="active")
    for match, wants_new in ((wants, "on"), (done, "")):
        response = cw_client.post(
            reverse("mentoring:caseworker-close", args=[match.pk]),
            {"reason": "moved", "wants_new_mentor": wants_new},
        )
        assert response.status_code == 302
    assert youth_pool().filter(pk=wants.youth_id).exists()
    assert not youth_pool().filter(pk=done.youth_id).exists()
    assert Match.objects.get(pk=done.pk).closure_reason == "moved"


@pytest.mark.django_db
def test_jobcenter_agreement_at_most_six_months(client):
    jobcenter = make_department("Jobcenter")
    jobcenter.slug = "jobcenter"
    jobcenter.save()
    caseworker = make_caseworker(jobcenter)
    match = make_match(make_youth(jobcenter, caseworker=caseworker), make_mentor(), status="active")
    login(client, caseworker)
    url = reverse("mentoring:caseworker-agreement", args=[match.pk])
    start = datetime.date(2026, 1, 31)
    data = {"goals": "Job", "tasks": "CV", "hours": 20, "starts_on": start}
    response = client.post(url, {**data, "ends_on": datetime.date(2026, 8, 1)})
    assert response.status_code == 200
    assert "højst vare 6 måneder" in response.content.decode()
    assert client.post(url, {**data, "ends_on": datetime.date(2026, 7, 31)}).status_code == 302
    first = Agreement.objects.get()
    # Renewing starts a new period linked to the first.
    assert client.get(url + f"?forny={first.pk}").status_code == 200
    client.post(
        url + f"?forny={first.pk}",
        {**data, "starts_on": "2026-08-01", "ends_on": "2027-01-31"},
    )
    assert Agreement.objects.get(renews=first).ends_on == datetime.date(2027, 1, 31)


@pytest.mark.django_db
def test_agreement_is_only_for_jobcenter(cw_client, caseworker, skole):
    match = make_match(make_youth(skole, caseworker=caseworker), make_mentor(), status="active")
    response = cw_client.post(
        reverse("mentoring:caseworker-agreement", args=[match.pk]),
        {
            "goals": "x",
            "tasks": "y",
            "hours": 1,
            "starts_on": "2026-01-01",
            "ends_on": "2026-02-01",
        },
    )
    assert "kun for unge i Jobcenteret" in response.content.decode()
    assert not Agreement.objects.exists()


@pytest.mark.django_db
def test_youth_availability_is_shown_to_mentors(cw_client, caseworker, skole, client):
    youth = make_youth(skole, caseworker=caseworker)
    url = reverse("mentoring:caseworker-youth-wish", args=[youth.pk])
    assert cw_client.get(url).status_code == 200
    assert cw_client.post(url, {"availability": ["ons-aften"]}).status_code == 302
    mentor = make_mentor(availability=["ons-aften"])
    login(client, mentor.user, mfa=False)
    assert "onsdag aften" in client.get(reverse("mentoring:browse")).content.decode()
