"""Writes about organisations and offers. Capacity is settled by PostgreSQL, not by Python."""

import hashlib
import secrets
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import Role
from ressourcebank.accounts.services import role_grant
from ressourcebank.audit.log import Action, record

from .freshness import catalogue_changed
from .models import (
    ClassVisitRequest,
    Offer,
    Organisation,
    OrganisationInvitation,
    OrganisationMember,
    OrganisationStatusChange,
)

INVITATION_VALID_DAYS = 14


def _mail_after_commit(*, subject: str, template: str, context: dict, to: list[str]) -> None:
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    message = render_to_string(template, context)
    transaction.on_commit(
        lambda: send_mail(
            subject=subject, message=message, from_email=None, recipient_list=recipients
        )
    )


# -- capacity: the public interface the youth app's referrals use --------------------------


def offer_take_spot(*, offer_id: int) -> bool:
    """Take one spot if one is free; True when taken.

    One conditional UPDATE: concurrent callers queue on the row lock and each re-checks the
    condition, so an offer is never overbooked. The CheckConstraint is the backstop.
    """
    updated = (
        Offer.objects.filter(pk=offer_id)
        .filter(Q(capacity__isnull=True) | Q(spots_taken__lt=F("capacity")))
        .update(spots_taken=F("spots_taken") + 1)
    )
    if updated:
        catalogue_changed()  # an UPDATE sends no post_save
    return updated == 1


def offer_release_spot(*, offer_id: int) -> None:
    """Give one spot back; never below zero."""
    released = Offer.objects.filter(pk=offer_id, spots_taken__gt=0).update(
        spots_taken=F("spots_taken") - 1
    )
    if released:
        catalogue_changed()


# -- organisations ----------------------------------------------------------------------------


@transaction.atomic
def organisation_register(*, request, user, **fields) -> Organisation:
    """A new organisation, pending approval, with ``user`` as its administrator."""
    organisation = Organisation.objects.create(status=Organisation.Status.PENDING, **fields)
    OrganisationMember.objects.create(
        organisation=organisation, user=user, role=OrganisationMember.Role.ADMIN
    )
    OrganisationStatusChange.objects.create(
        organisation=organisation,
        changed_by=user,
        from_status="",
        to_status=Organisation.Status.PENDING,
        reason="Tilmeldt",
    )
    record(request, Action.CREATE, organisation, purpose="Organisation tilmeldt")
    return organisation


@transaction.atomic
def organisation_signup(
    *, request, email: str, first_name: str, last_name: str, password: str, **fields
) -> Organisation | None:
    """Someone new: an account whose email is not yet verified, and their organisation.

    allauth sends its confirmation link; the login stays closed until the address is verified
    (ACCOUNT_EMAIL_VERIFICATION is mandatory). When the address already has an account,
    nothing is created and its owner is told by e-mail how to log in and sign up from there:
    the page answers the same, so it cannot be used to learn who has an account.
    """
    User = get_user_model()
    if User.objects.filter(email__iexact=email).exists():
        make_password(password)  # the work of a new account, so the answer's timing tells nothing
        _tell_owner_of_existing_account(request, email)
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, first_name=first_name, last_name=last_name
            )
    except IntegrityError:  # the same address signed up at the same moment
        _tell_owner_of_existing_account(request, email)
        return None
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    organisation = organisation_register(request=request, user=user, **fields)
    transaction.on_commit(lambda: _send_confirmation(request, address))
    return organisation


def _tell_owner_of_existing_account(request, email: str) -> None:
    _mail_after_commit(
        subject=_("Ressourcebanken: Du har allerede en konto"),
        template="organisations/email/account_exists.txt",
        context={
            "login_url": request.build_absolute_uri(reverse("account_login")),
            "signup_url": request.build_absolute_uri(reverse("organisations:signup")),
            "reset_url": request.build_absolute_uri(reverse("account_reset_password")),
        },
        to=[email],
    )


def _send_confirmation(request, address: EmailAddress) -> None:
    # allauth's adapter reads the request from its context, which is only set while the
    # request runs; an on-commit callback may run after that.
    with request_context(request):
        address.send_confirmation(request, signup=True)


ALLOWED_TRANSITIONS = {
    Organisation.Status.PENDING: {Organisation.Status.APPROVED, Organisation.Status.REJECTED},
    Organisation.Status.APPROVED: {Organisation.Status.SUSPENDED},
    Organisation.Status.SUSPENDED: {Organisation.Status.APPROVED},
    Organisation.Status.REJECTED: {Organisation.Status.APPROVED},
}


class TransitionNotAllowed(Exception):
    pass


@transaction.atomic
def organisation_set_status(
    *, request, organisation_id: int, status: str, reason: str = ""
) -> Organisation:
    """Approve, reject or suspend; records who, when and why, and tells the organisation."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    previous = organisation.status
    if status not in ALLOWED_TRANSITIONS.get(previous, set()):
        raise TransitionNotAllowed(previous, status)
    organisation.status = status
    organisation.save(update_fields=["status", "updated_at"])
    OrganisationStatusChange.objects.create(
        organisation=organisation,
        changed_by=request.user,
        from_status=previous,
        to_status=status,
        reason=reason,
    )
    members = list(organisation.memberships.select_related("user"))
    if status == Organisation.Status.APPROVED:
        for membership in members:
            role_grant(user=membership.user, role=Role.ORGANISATION, granted_by=request.user)
    record(request, Action.UPDATE, organisation, purpose=f"Organisation: {previous} → {status}")
    admins = [m.user.email for m in members if m.role == OrganisationMember.Role.ADMIN]
    _mail_after_commit(
        subject=_("Jeres organisation i Ressourcebanken: %(status)s")
        % {"status": organisation.get_status_display().lower()},
        template="organisations/email/status_changed.txt",
        context={
            "organisation": organisation,
            "reason": reason,
            "approved": status == Organisation.Status.APPROVED,
            "url": request.build_absolute_uri(reverse("organisations:home")),
        },
        to=[organisation.contact_email, *admins],
    )
    return organisation


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def organisation_invite(
    *, request, organisation: Organisation, email: str, role: str
) -> OrganisationInvitation:
    token = secrets.token_urlsafe(32)
    invitation = OrganisationInvitation.objects.create(
        organisation=organisation,
        email=email.lower(),
        role=role,
        token_hash=_token_hash(token),
        invited_by=request.user,
    )
    url = request.build_absolute_uri(reverse("organisations:invitation-accept", args=[token]))
    _mail_after_commit(
        subject=_("Invitation til %(organisation)s i Ressourcebanken")
        % {"organisation": organisation.name},
        template="organisations/email/invitation.txt",
        context={
            "organisation": organisation,
            "invited_by": request.user,
            "url": url,
            "days": INVITATION_VALID_DAYS,
        },
        to=[invitation.email],
    )
    return invitation


def invitation_from_token(token: str) -> OrganisationInvitation | None:
    """An open invitation that has not expired, or None."""
    since = timezone.now() - timedelta(days=INVITATION_VALID_DAYS)
    return (
        OrganisationInvitation.objects.select_related("organisation")
        .filter(token_hash=_token_hash(token), accepted_at__isnull=True, created_at__gte=since)
        .first()
    )


@transaction.atomic
def invitation_accept(*, request, invitation_id: int, user) -> OrganisationMember:
    invitation = OrganisationInvitation.objects.select_for_update().get(pk=invitation_id)
    if invitation.accepted_at is not None:
        raise ValidationError(_("Invitationen er allerede brugt."))
    membership, created = OrganisationMember.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    if invitation.organisation.is_approved:
        role_grant(user=user, role=Role.ORGANISATION, granted_by=invitation.invited_by)
    return membership


# -- offers -----------------------------------------------------------------------------------


class NotPublishable(Exception):
    """Only approved organisations publish."""


@transaction.atomic
def offer_create(*, request, organisation: Organisation, offer: Offer) -> Offer:
    """Save a new offer (from a form's unsaved instance) as a draft of ``organisation``."""
    offer.organisation = organisation
    offer.status = Offer.Status.DRAFT
    offer.spots_taken = 0
    offer.save()
    record(request, Action.CREATE, offer, purpose="Tilbud oprettet")
    return offer


@transaction.atomic
def offer_update(*, request, offer: Offer, fields: list[str]) -> Offer:
    """Save edited fields. The row lock makes the capacity check see the spots really taken,
    even when a referral is accepted at the same moment."""
    taken = Offer.objects.select_for_update().values_list("spots_taken", flat=True).get(pk=offer.pk)
    if offer.capacity is not None and offer.capacity < taken:
        raise ValidationError(
            {
                "capacity": _(
                    "Der er allerede taget %(taken)s pladser. Antallet kan ikke sættes lavere."
                )
                % {"taken": taken}
            }
        )
    offer.spots_taken = taken
    offer.save(update_fields=[*fields, "updated_at"])
    record(request, Action.UPDATE, offer, purpose="Tilbud rettet")
    return offer


@transaction.atomic
def offer_duplicate(*, request, offer: Offer) -> Offer:
    copy = Offer.objects.get(pk=offer.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.title = (_("Kopi af %(title)s") % {"title": offer.title})[:150]
    copy.status = Offer.Status.DRAFT
    copy.spots_taken = 0
    copy.published_at = None
    copy.save(force_insert=True)
    record(request, Action.CREATE, copy, purpose="Tilbud kopieret")
    return copy


@transaction.atomic
def offer_set_status(*, request, offer_id: int, status: str) -> Offer:
    offer = Offer.objects.select_for_update().select_related("organisation").get(pk=offer_id)
    if status == Offer.Status.PUBLISHED and not offer.organisation.is_approved:
        raise NotPublishable
    offer.status = status
    fields = ["status", "updated_at"]
    if status == Offer.Status.PUBLISHED and offer.published_at is None:
        offer.published_at = timezone.now()
        fields.append("published_at")
    offer.save(update_fields=fields)
    record(request, Action.UPDATE, offer, purpose=f"Tilbud: status {status}")
    return offer


# -- school class visits ----------------------------------------------------------------------


@transaction.atomic
def class_visit_request(*, request, offer: Offer, visit: ClassVisitRequest) -> ClassVisitRequest:
    visit.offer = offer
    visit.requested_by = request.user
    visit.status = ClassVisitRequest.Status.REQUESTED
    visit.save()
    record(request, Action.CREATE, visit, purpose="Klassebesøg ønsket")
    admins = offer.organisation.memberships.filter(role=OrganisationMember.Role.ADMIN).values_list(
        "user__email", flat=True
    )
    _mail_after_commit(
        subject=_("Ønske om klassebesøg: %(title)s") % {"title": offer.title},
        template="organisations/email/class_visit_requested.txt",
        context={
            "visit": visit,
            "offer": offer,
            "url": request.build_absolute_uri(
                reverse("organisations:class-visit", args=[visit.pk])
            ),
        },
        to=[offer.contact_email or offer.organisation.contact_email, *admins],
    )
    return visit


class AlreadyAnswered(Exception):
    pass


@transaction.atomic
def class_visit_answer(
    *,
    request,
    visit_id,
    accept: bool,
    visit_date: date | None = None,
    reason: str = "",
) -> ClassVisitRequest:
    visit = (
        ClassVisitRequest.objects.select_for_update(of=("self",))
        .select_related("offer", "requested_by")
        .get(pk=visit_id)
    )
    if visit.status != ClassVisitRequest.Status.REQUESTED:
        raise AlreadyAnswered
    if accept:
        visit.status, visit.visit_date = ClassVisitRequest.Status.ACCEPTED, visit_date
    else:
        visit.status, visit.decline_reason = ClassVisitRequest.Status.DECLINED, reason
    visit.answered_by = request.user
    visit.answered_at = timezone.now()
    visit.save()
    record(request, Action.UPDATE, visit, purpose="Klassebesøg besvaret")
    _mail_after_commit(
        subject=_("Svar på jeres ønske om klassebesøg: %(title)s") % {"title": visit.offer.title},
        template="organisations/email/class_visit_answered.txt",
        context={
            "visit": visit,
            "url": request.build_absolute_uri(
                reverse("offers:class-visit-detail", args=[visit.pk])
            ),
        },
        to=[visit.requested_by.email],
    )
    return visit


@transaction.atomic
def class_visit_cancel(*, request, visit_id) -> ClassVisitRequest:
    visit = ClassVisitRequest.objects.select_for_update().get(pk=visit_id)
    if visit.status not in (ClassVisitRequest.Status.REQUESTED, ClassVisitRequest.Status.ACCEPTED):
        raise AlreadyAnswered
    visit.status = ClassVisitRequest.Status.CANCELLED
    visit.save(update_fields=["status"])
    record(request, Action.UPDATE, visit, purpose="Klassebesøg trukket tilbage")
    return visit
