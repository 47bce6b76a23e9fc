"""Erasing a young person blanks what mentoring holds about them.

The rows stay, so the number of matches and contacts in the statistics does not change.
"""

import datetime

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone, translation

from tests.mentoring.factories import make_match, make_mentor, make_youth
from youth.mentoring.choices import ClosureReason, MatchStatus
from youth.mentoring.models import Agreement, Contact, Match, YouthMentorWish
from youth.mentoring.pseudonyms import alias_for
from youth.mentoring.selectors import mentor_open_matches, youth_pool
from youth.models import YouthProfile
from youth.services import youth_erase

pytestmark = pytest.mark.django_db

SECRETS = {
    "message": "HEMMELIG-BESKED",
    "contact": "HEMMELIG-KONTAKTNOTE",
    "goals": "HEMMELIGT-MAAL",
    "tasks": "HEMMELIG-OPGAVE",
    "closure": "HEMMELIG-AFSLUTNING",
    "decline": "HEMMELIG-AFVISNING",
}


def tables_containing(text: str) -> list[str]:
    """Every table (history tables included) with a row whose text holds ``text``."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            name = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM {name} t WHERE t::text ILIKE %s)",  # noqa: S608
                [f"%{text}%"],
            )
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def day(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def mentoring_history(youth, mentor):
    """An earlier declined claim, an earlier closed match, and an active one with contacts."""
    make_match(youth, make_mentor(), status="declined", decline_reason=SECRETS["decline"])
    closed = make_match(
        youth,
        make_mentor(),
        status="closed",
        closure_reason=ClosureReason.MENTOR_STOPS,
        closure_note=SECRETS["closure"],
    )
    Contact.objects.create(
        match=closed, happened_on=day(90), minutes=60, kind="meeting", note=SECRETS["contact"]
    )
    active = make_match(youth, mentor, status="active", message=SECRETS["message"])
    for days_ago, kind in ((20, "meeting"), (10, "phone"), (3, "home_visit")):
        Contact.objects.create(
            match=active, happened_on=day(days_ago), minutes=45, kind=kind, note=SECRETS["contact"]
        )
    Agreement.objects.create(
        match=active,
        goals=SECRETS["goals"],
        tasks=SECRETS["tasks"],
        hours=20,
        starts_on=day(30),
        ends_on=day(30) + datetime.timedelta(days=150),
        created_by=youth.caseworker,
    )
    return active


def statistics():
    """What anonymous statistics count: matches per status, contacts, their length and kinds."""
    return {
        "matches": Match.objects.count(),
        "contacts": Contact.objects.count(),
        "minutes": Contact.objects.aggregate(total=Sum("minutes"))["total"],
        "kinds": dict(Contact.objects.values_list("kind").annotate(n=Count("pk"))),
        "contact_dates": sorted(Contact.objects.values_list("happened_on", flat=True)),
        "claimed_on": sorted(Match.objects.values_list("claimed_at", flat=True)),
        "agreements": Agreement.objects.count(),
    }


def test_erasure_blanks_mentoring_texts_everywhere_and_keeps_the_counts(cw_client, youth, mentor):
    active = mentoring_history(youth, mentor)
    before = statistics()
    for text in SECRETS.values():
        assert tables_containing(text), text  # the scan finds them before erasure

    response = cw_client.post(reverse("youth:erase", args=[youth.pk]))

    assert response.status_code == 302
    assert YouthProfile.objects.get(pk=youth.pk).is_anonymised
    for text in SECRETS.values():
        assert tables_containing(text) == [], text
    assert statistics() == before
    assert not YouthMentorWish.objects.filter(youth=youth).exists()
    # The active match ended, with a reason, keeping the dates it had.
    active.refresh_from_db()
    assert active.status == MatchStatus.CLOSED
    assert active.closure_reason == ClosureReason.OTHER
    assert active.closed_at is not None and active.decided_at is not None
    assert not active.wants_new_mentor
    assert Match.objects.filter(youth=youth, status__in=["claimed", "active"]).count() == 0
    assert dict(
        Match.objects.filter(youth=youth).values_list("status").annotate(n=Count("pk"))
    ) == {"closed": 2, "declined": 1}


def test_erasure_leaves_other_young_peoples_matches_alone(youth, mentor, skole, caseworker):
    mentoring_history(youth, mentor)
    other = make_youth(skole, caseworker=caseworker, availability=["man-aften"])
    kept = make_match(other, make_mentor(), status="active", message="Anden besked")
    Contact.objects.create(
        match=kept, happened_on=day(2), minutes=30, kind="phone", note="Anden note"
    )

    youth_erase(profile=youth, actor=caseworker)

    kept.refresh_from_db()
    assert (kept.status, kept.message) == (MatchStatus.ACTIVE, "Anden besked")
    assert kept.contacts.get().note == "Anden note"
    assert YouthMentorWish.objects.get(youth=other).availability == ["man-aften"]


def test_erasure_ends_an_open_claim_and_frees_the_mentors_place(youth, mentor, caseworker):
    claim = make_match(youth, mentor, message=SECRETS["message"])
    assert mentor_open_matches(mentor) == 1

    youth_erase(profile=youth, actor=caseworker)

    claim.refresh_from_db()
    assert claim.status == MatchStatus.DECLINED
    assert claim.decided_by == caseworker
    assert claim.decline_reason  # a fixed reason the mentor can read, nothing about the person
    assert SECRETS["message"] not in claim.message
    assert mentor_open_matches(mentor) == 0
    assert not youth_pool().filter(pk=youth.pk).exists()  # anonymised: never back in the pool


def test_the_mentor_of_an_open_claim_gets_the_usual_answer_and_nothing_about_the_young_person(
    youth, mentor, caseworker, mailoutbox, django_capture_on_commit_callbacks
):
    claim = make_match(youth, mentor, message=SECRETS["message"])
    known = [youth.first_name, youth.surname, youth.email, youth.phone, alias_for(youth.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        youth_erase(profile=youth, actor=caseworker)

    assert [mail.to for mail in mailoutbox] == [[mentor.user.email]]
    mail = mailoutbox[0]
    assert mail.subject == "Svar på din interesse som mentor"
    assert "Den unges oplysninger er slettet." in mail.body
    for text in [*known, str(claim.pk), *SECRETS.values()]:
        assert text not in mail.subject and text not in mail.body, text


def test_retention_erasure_goes_through_the_same_hook(youth, mentor):
    """``apply_retention`` erases without an actor; mentoring must cope with that."""
    active = make_match(youth, mentor, status="active", message=SECRETS["message"])

    youth_erase(profile=youth, actor=None)

    active.refresh_from_db()
    assert active.status == MatchStatus.CLOSED
    assert tables_containing(SECRETS["message"]) == []


def test_erasure_tells_the_mentor_of_the_active_match_and_nothing_about_the_young_person(
    cw_client, youth, mentor, mailoutbox, django_capture_on_commit_callbacks
):
    active = mentoring_history(youth, mentor)  # earlier mentors too: they are not written to
    alias = alias_for(youth.pk)
    known = [youth.first_name, youth.surname, youth.email, youth.phone, alias, str(active.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        cw_client.post(reverse("youth:erase", args=[youth.pk]))

    assert [mail.to for mail in mailoutbox] == [[mentor.user.email]]
    mail = mailoutbox[0]
    assert mail.subject == "Et mentorforløb er afsluttet"
    assert "Hej Mona" in mail.body
    assert "Et af dine mentorforløb er afsluttet." in mail.body
    assert reverse("mentoring:matches") in mail.body  # their own list of matches
    for text in known + list(SECRETS.values()):
        assert text not in mail.subject and text not in mail.body, text


def test_the_mentors_email_is_in_english_when_english_is_active(
    youth, mentor, caseworker, mailoutbox, django_capture_on_commit_callbacks
):
    make_match(youth, mentor, status="active")

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        youth_erase(profile=youth, actor=caseworker)

    assert mailoutbox[0].subject == "A mentorship has ended"
    assert "One of your mentorships has ended." in mailoutbox[0].body
    assert "If you have questions, please contact the coordinator." in mailoutbox[0].body
