"""Referrals: consent gate, the closed loop, spots, emails, the organisation's inbox."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from ressourcebank.audit.models import AccessLog, Action
from tests.factories import make_organisation_user
from tests.youth.factories import (
    make_consent,
    make_offer,
    make_organisation,
    make_referral,
    make_youth,
)
from youth.models import ConsentPurpose, Referral, ReferralStatus
from youth.services import ReferralError, consent_withdraw, referral_create, referral_transition

pytestmark = pytest.mark.django_db


def answer(client, referral, action, **data):
    return client.post(
        reverse("youth:org-referral-answer", args=[referral.pk, action]),
        {f"{action}-{key}": value for key, value in data.items()},
    )


def spots(offer):
    return Offer.objects.get(pk=offer.pk).spots_taken


def test_caseworker_refers_and_the_organisation_is_emailed(
    client_for, youth, offer, mailoutbox, personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("caseworker").post(
            reverse("youth:referral-create", args=[youth.pk]),
            {"offer": offer.pk, "message": "Freja vil gerne spille trommer."},
        )
    referral = Referral.objects.get()
    assert response.url == reverse("youth:referral", args=[referral.pk])
    assert referral.status == ReferralStatus.SENT
    assert referral.referred_by == personas["caseworker"]
    assert [e.to_status for e in referral.events.all()] == [ReferralStatus.SENT]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [offer.organisation.contact_email]
    assert "Freja" not in mailoutbox[0].body  # the email carries a link, not the person


def test_no_referral_without_active_referral_consent(client_for, department, offer):
    profile = make_youth(department)
    make_consent(profile, ConsentPurpose.MENTOR_MATCHING)
    make_consent(profile, ConsentPurpose.REFERRAL, withdrawn=True)
    response = client_for("caseworker").post(
        reverse("youth:referral-create", args=[profile.pk]), {"offer": offer.pk, "message": ""}
    )
    assert response.status_code == 200
    assert not Referral.objects.exists()
    assert "samtykke" in response.content.decode()


def test_withdrawn_referral_consent_stops_new_referrals(youth, offer, personas):
    consent_withdraw(consent=youth.consents.get(), actor=personas["caseworker"])
    with pytest.raises(ReferralError):
        referral_create(youth=youth, offer=offer, actor=personas["caseworker"])


def test_unpublished_offer_cannot_be_chosen(client_for, youth, organisation):
    draft = make_offer(organisation, status=Offer.Status.DRAFT)
    response = client_for("caseworker").post(
        reverse("youth:referral-create", args=[youth.pk]), {"offer": draft.pk}
    )
    assert "offer" in response.context["form"].errors


def test_organisation_sees_only_minimal_data(client_for, youth, offer, personas):
    youth.wishes = "Hemmelige ønsker"
    youth.save()
    personas["caseworker"].phone = "86 12 34 56"
    personas["caseworker"].save()
    referral = make_referral(youth, offer, referred_by=personas["caseworker"], message="Besked")
    client = client_for("organisation_member")
    page = client.get(reverse("youth:org-referral", args=[referral.pk])).content.decode()
    assert "Freja" in page and "Besked" in page and "86 12 34 56" in page
    assert str(youth.age) in page
    for private in (youth.surname, youth.email, "Hemmelige", youth.postcode_id):
        assert private not in page
    inbox = client.get(reverse("youth:org-inbox")).content.decode()
    assert "Freja" in inbox and youth.surname not in inbox
    assert AccessLog.objects.filter(
        action=Action.VIEW, object_id=str(youth.pk), purpose="Organisationens henvisninger"
    ).exists()


def test_organisation_member_sees_only_referrals_to_own_offers(
    client_for, youth, offer, personas, department
):
    mine = make_referral(youth, offer)
    other_org = make_organisation(make_organisation_user(), name="Anden forening")
    theirs = make_referral(make_youth(department, first_name="Anders"), make_offer(other_org))
    client = client_for("organisation_member")
    inbox = client.get(reverse("youth:org-inbox"))
    assert [r.pk for r in inbox.context["page"]] == [mine.pk]
    assert client.get(reverse("youth:org-referral", args=[theirs.pk])).status_code == 404
    assert answer(client, theirs, "accepted").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ReferralStatus.SENT
    assert AccessLog.objects.filter(action=Action.DENIED, object_id=str(theirs.youth_id)).exists()


@pytest.mark.parametrize(
    "persona", ["caseworker", "caseworker_other_department", "mentor", "coordinator"]
)
def test_inbox_is_for_organisation_members(client_for, persona):
    assert client_for(persona).get(reverse("youth:org-inbox")).status_code == 403


def test_accept_takes_a_spot_and_emails_the_referrer(
    client_for, youth, offer, personas, mailoutbox, django_capture_on_commit_callbacks
):
    referral = make_referral(youth, offer, referred_by=personas["caseworker"])
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client_for("organisation_member"), referral, "accepted")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert spots(offer) == 1
    event = referral.events.last()
    assert (event.from_status, event.to_status, event.actor) == (
        ReferralStatus.SENT,
        ReferralStatus.ACCEPTED,
        personas["organisation_member"],
    )
    assert mailoutbox[-1].to == [personas["caseworker"].email]


def test_full_offer_puts_the_referral_on_the_waiting_list(client_for, youth, organisation):
    full = make_offer(organisation, capacity=1, spots_taken=1)
    referral = make_referral(youth, full)
    answer(client_for("organisation_member"), referral, "accepted")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WAITING_LIST
    assert spots(full) == 1


def test_freed_spot_notifies_the_organisation_about_the_first_waiting(
    youth, organisation, department, personas, mailoutbox, django_capture_on_commit_callbacks
):
    offer = make_offer(organisation, capacity=1)
    member = personas["organisation_member"]
    taken = make_referral(youth, offer)
    referral_transition(
        referral_id=taken.pk, actor=member, to_status="accepted", side="organisation"
    )
    first = make_referral(make_youth(department), offer)
    second = make_referral(make_youth(department), offer)
    for r in (first, second):
        referral_transition(
            referral_id=r.pk, actor=member, to_status="accepted", side="organisation"
        )
    assert Referral.objects.get(pk=first.pk).status == ReferralStatus.WAITING_LIST
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral_transition(
            referral_id=taken.pk,
            actor=member,
            to_status="dropped",
            side="organisation",
            reason="Flyttet",
        )
    assert spots(offer) == 0
    assert len(mailoutbox) == 1  # nobody referred it, so only the organisation is told
    assert str(first.pk) in mailoutbox[0].body
    assert offer.organisation.contact_email in mailoutbox[0].to
    # The first on the list can now be accepted.
    referral_transition(
        referral_id=first.pk, actor=member, to_status="accepted", side="organisation"
    )
    assert spots(offer) == 1


def test_the_whole_loop(youth, offer, personas):
    member, cw = personas["organisation_member"], personas["caseworker"]
    referral = make_referral(youth, offer, referred_by=cw)
    for status in ("accepted", "started", "completed"):
        referral_transition(
            referral_id=referral.pk, actor=member, to_status=status, side="organisation"
        )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert spots(offer) == 0  # completing frees the spot
    assert [e.to_status for e in referral.events.all()] == [
        "sent", "accepted", "started", "completed"
    ]  # fmt: skip


@pytest.mark.parametrize(
    "start,to,side",
    [
        ("sent", "started", "organisation"),
        ("sent", "completed", "organisation"),
        ("completed", "dropped", "organisation"),
        ("declined", "accepted", "organisation"),
        ("started", "cancelled", "referrer"),
        ("sent", "cancelled", "organisation"),
        ("sent", "accepted", "referrer"),
    ],
)
def test_transitions_not_in_the_loop_are_refused(youth, offer, personas, start, to, side):
    referral = make_referral(youth, offer, status=start)
    with pytest.raises(ReferralError):
        referral_transition(
            referral_id=referral.pk, actor=personas["caseworker"], to_status=to, side=side
        )
    referral.refresh_from_db()
    assert referral.status == start


def test_decline_needs_a_reason_and_drop_an_explanation(client_for, youth, offer):
    referral = make_referral(youth, offer)
    client = client_for("organisation_member")
    assert answer(client, referral, "declined").status_code == 400
    assert answer(client, referral, "declined", decline_reason="no_space").status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("declined", "no_space")


def test_referrer_cancels_and_an_accepted_spot_is_released(client_for, youth, offer, personas):
    referral = make_referral(youth, offer, referred_by=personas["caseworker"])
    referral_transition(
        referral_id=referral.pk,
        actor=personas["organisation_member"],
        to_status="accepted",
        side="organisation",
    )
    response = client_for("caseworker").post(
        reverse("youth:referral-cancel", args=[referral.pk]), {"reason": "Fik et job"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CANCELLED
    assert spots(offer) == 0


def test_referrer_sees_status_and_history(client_for, youth, offer, personas):
    referral = make_referral(youth, offer, referred_by=personas["caseworker"])
    referral_transition(
        referral_id=referral.pk,
        actor=personas["organisation_member"],
        to_status="waiting_list",
        side="organisation",
    )
    page = client_for("caseworker").get(reverse("youth:referral", args=[referral.pk]))
    assert page.status_code == 200
    assert "Venteliste" in page.content.decode()
    assert (
        client_for("caseworker_other_department")
        .get(reverse("youth:referral", args=[referral.pk]))
        .status_code
        == 404
    )


def test_stale_count_in_the_inbox(client_for, youth, offer, department):
    old = make_referral(youth, offer)
    Referral.objects.filter(pk=old.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=15)
    )
    make_referral(make_youth(department), offer)
    closed = make_referral(make_youth(department), offer, status=ReferralStatus.COMPLETED)
    Referral.objects.filter(pk=closed.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=40)
    )
    response = client_for("organisation_member").get(reverse("youth:org-inbox"))
    assert response.context["stale_count"] == 1


@pytest.mark.parametrize("rows", [1, 8])
def test_inbox_query_count_is_constant(
    client_for, offer, department, assert_num_queries, rows
):
    for _ in range(rows):
        make_referral(make_youth(department), offer)
    client = client_for("organisation_member")
    client.get(reverse("youth:org-inbox"))
    with assert_num_queries(6):
        response = client.get(reverse("youth:org-inbox"))
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 8])
def test_referral_list_query_count_is_constant(
    client_for, personas, offer, department, assert_num_queries, rows
):
    for _ in range(rows):
        profile = make_youth(department, caseworker=personas["caseworker"])
        make_referral(profile, offer, referred_by=personas["caseworker"])
    client = client_for("caseworker")
    client.get(reverse("youth:referral-list"))
    with assert_num_queries(5):
        response = client.get(reverse("youth:referral-list"))
    assert len(response.context["page"]) == rows
