"""Writes about young people, consents and referrals. Each runs in one transaction.

The referral loop's races (two members accepting at once) are settled by PostgreSQL: the
referral row is locked with ``select_for_update`` and the spot is taken by the offers app's
conditional ``UPDATE`` (``offer_take_spot``), so an offer is never overbooked.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from offers.models import Offer
from offers.services import offer_release_spot, offer_take_spot

from .models import (
    ORGANISATION_TRANSITIONS,
    REFERRER_TRANSITIONS,
    SPOT_HOLDING,
    Consent,
    ConsentGivenBy,
    ConsentPurpose,
    Referral,
    ReferralEvent,
    ReferralStatus,
    YouthProfile,
    age_on,
)
from .signals import youth_erased

PROFILE_FIELDS = (
    "first_name",
    "surname",
    "date_of_birth",
    "postcode",
    "email",
    "phone",
    "situation",
    "interests",
    "wishes",
    "languages",
    "department",
    "caseworker",
)


class ReferralError(Exception):
    """A referral action that is not allowed now; the message is for the user."""


def _touch(youth_id) -> None:
    YouthProfile.objects.filter(pk=youth_id).touch()


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def _mail(*, template: str, context: dict, to: list[str]) -> None:
    """Send after commit, so a rolled-back change never sends an email."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    subject, _sep, body = render_to_string(template, context).strip().partition("\n")
    transaction.on_commit(
        lambda: send_mail(
            subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, recipients
        )
    )


# -- profiles --------------------------------------------------------------------------------


@transaction.atomic
def youth_create(*, actor, **fields) -> YouthProfile:
    profile = YouthProfile(**{key: fields[key] for key in PROFILE_FIELDS if key in fields})
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def youth_update(*, profile: YouthProfile, actor, **fields) -> YouthProfile:
    for key in PROFILE_FIELDS:
        if key in fields:
            setattr(profile, key, fields[key])
    profile.last_activity_at = timezone.now()
    profile.full_clean()
    profile.save()
    return profile


# -- consent ---------------------------------------------------------------------------------


def consent_given_by_error(
    *, date_of_birth: datetime.date | None, given_by: str, given_at: datetime.date
) -> str | None:
    """Below the age threshold a parent or guardian gives consent; None when allowed."""
    if date_of_birth is None:
        return None
    threshold = settings.CONSENT_AGE_THRESHOLD
    if age_on(date_of_birth, given_at) < threshold and given_by != ConsentGivenBy.GUARDIAN:
        return _(
            "Den unge var under %(age)s år, da samtykket blev givet. "
            "Samtykket skal gives af en forælder eller værge."
        ) % {"age": threshold}
    return None


@transaction.atomic
def consent_register(
    *,
    youth: YouthProfile,
    actor,
    purpose: str,
    given_by: str,
    method: str,
    given_at: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    department=None,
    evidence_reference: str = "",
) -> Consent:
    consent = Consent(
        youth=youth,
        purpose=purpose,
        department=department if purpose == ConsentPurpose.DEPARTMENT_SHARING else None,
        given_by=given_by,
        method=method,
        evidence_reference=evidence_reference,
        recorded_by=actor,
    )
    if given_at is not None:
        consent.given_at = given_at
    if valid_until is not None:
        consent.valid_until = valid_until
    error = consent_given_by_error(
        date_of_birth=youth.date_of_birth, given_by=given_by, given_at=consent.given_at
    )
    if error:
        raise ValidationError({"given_by": error})
    if purpose == ConsentPurpose.DEPARTMENT_SHARING and department is None:
        raise ValidationError({"department": _("Vælg den afdeling, profilen må deles med.")})
    consent.full_clean()
    consent.save()
    _touch(youth.pk)
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, actor, party: str = "") -> bool:
    """Withdraw at once; the profile disappears for those it was shared with on their next
    request. False when it was already withdrawn (a second click changes nothing)."""
    now = timezone.now()
    changed = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_by=actor, withdrawn_by_party=party
    )
    if changed:
        consent.withdrawn_at, consent.withdrawn_by, consent.withdrawn_by_party = now, actor, party
        _touch(consent.youth_id)
    return bool(changed)


# -- referrals -------------------------------------------------------------------------------


def _organisation_addresses(offer: Offer) -> list[str]:
    addresses = [offer.contact_email, offer.organisation.contact_email]
    return list(dict.fromkeys(a for a in addresses if a))


@transaction.atomic
def referral_create(
    *, youth: YouthProfile, offer: Offer, actor, message: str = "", request=None
) -> Referral:
    # Lock the profile so a consent withdrawn at the same moment cannot slip past the check.
    YouthProfile.objects.select_for_update().filter(pk=youth.pk).first()
    if not youth.consents.filter(purpose=ConsentPurpose.REFERRAL).active().exists():
        raise ReferralError(
            _("Den unge har ikke et gyldigt samtykke til henvisning. Registrér samtykket først.")
        )
    if not Offer.objects.published().filter(pk=offer.pk).exists():
        raise ReferralError(_("Tilbuddet tager ikke imod henvisninger lige nu."))
    if Referral.objects.open().filter(youth=youth, offer=offer).exists():
        raise ReferralError(_("Den unge er allerede henvist til dette tilbud."))
    referral = Referral(youth=youth, offer=offer, referred_by=actor, message=message)
    referral.full_clean()
    referral.save()
    ReferralEvent.objects.create(
        referral=referral, actor=actor, from_status="", to_status=ReferralStatus.SENT
    )
    _touch(youth.pk)
    _mail(
        template="youth/email/referral_new.txt",
        context={
            "offer": offer,
            "url": _absolute(request, reverse("youth:org-referral", args=[referral.pk])),
        },
        to=_organisation_addresses(offer),
    )
    return referral


def first_on_waiting_list(offer_id) -> Referral | None:
    return (
        Referral.objects.filter(offer_id=offer_id, status=ReferralStatus.WAITING_LIST)
        .order_by("waitlisted_at", "created_at")
        .first()
    )


@transaction.atomic
def referral_transition(
    *,
    referral_id,
    actor,
    to_status: str,
    side: str,
    decline_reason: str = "",
    reason: str = "",
    request=None,
) -> Referral:
    """Move a referral along the loop. ``side`` is "organisation" or "referrer"; each side has
    its own allowed moves. Accepting a full offer puts the referral on the waiting list."""
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("offer__organisation", "referred_by")
        .get(pk=referral_id)
    )
    allowed = (ORGANISATION_TRANSITIONS if side == "organisation" else REFERRER_TRANSITIONS).get(
        referral.status, frozenset()
    )
    if to_status not in allowed:
        raise ReferralError(_("Henvisningen kan ikke ændres sådan fra sin nuværende status."))
    if to_status == ReferralStatus.DECLINED and not decline_reason:
        raise ReferralError(_("Vælg en begrundelse for afvisningen."))
    if to_status == ReferralStatus.DROPPED and not reason.strip():
        raise ReferralError(_("Skriv kort, hvorfor forløbet blev afbrudt."))

    from_status = referral.status
    now = timezone.now()
    if (
        to_status == ReferralStatus.ACCEPTED
        and from_status not in SPOT_HOLDING
        and not offer_take_spot(offer_id=referral.offer_id)
    ):
        # Full: the offer is never overbooked; the referral waits for a spot instead.
        if from_status == ReferralStatus.WAITING_LIST:
            raise ReferralError(_("Der er ingen ledig plads endnu. Den unge står på venteliste."))
        to_status = ReferralStatus.WAITING_LIST
    released = from_status in SPOT_HOLDING and to_status not in SPOT_HOLDING
    if released:
        offer_release_spot(offer_id=referral.offer_id)

    referral.status = to_status
    referral.status_changed_at = now
    referral.decline_reason = decline_reason if to_status == ReferralStatus.DECLINED else ""
    if to_status == ReferralStatus.WAITING_LIST:
        referral.waitlisted_at = now
    referral.save(update_fields=["status", "status_changed_at", "decline_reason", "waitlisted_at"])
    event = ReferralEvent(
        referral=referral,
        actor=actor,
        at=now,
        from_status=from_status,
        to_status=to_status,
        reason=reason.strip(),
    )
    event.full_clean()
    event.save()
    _touch(referral.youth_id)

    if referral.referred_by is not None:
        _mail(
            template="youth/email/referral_status.txt",
            context={
                "offer": referral.offer,
                "status": referral.get_status_display(),
                "url": _absolute(request, reverse("youth:referral", args=[referral.pk])),
            },
            to=[referral.referred_by.email],
        )
    if released:
        waiting = first_on_waiting_list(referral.offer_id)
        if waiting is not None:
            _mail(
                template="youth/email/referral_spot_free.txt",
                context={
                    "offer": referral.offer,
                    "url": _absolute(request, reverse("youth:org-referral", args=[waiting.pk])),
                },
                to=_organisation_addresses(referral.offer),
            )
    return referral


# -- rights ----------------------------------------------------------------------------------

ERASED_PROFILE_VALUES = {
    "first_name": "",
    "surname": "",
    "date_of_birth": None,
    "email": "",
    "phone": "",
    "wishes": "",
    "languages": [],
}


@transaction.atomic
def youth_erase(*, profile: YouthProfile, actor=None) -> bool:
    """Erase a young person's personal data, keeping an anonymous row for statistics.

    Kept: situation, postcode (area), age band, department, interests, dates of consents and
    referral statuses. Blanked: names, date of birth, contact, own words, free text in
    consents and referrals, and the same fields in the change history. False when the
    profile was already anonymised.
    """
    profile = YouthProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.anonymised_at is not None:
        return False
    profile.erased_age_band = profile.age_band
    for key, value in ERASED_PROFILE_VALUES.items():
        setattr(profile, key, value)
    profile.caseworker = None
    profile.anonymised_at = timezone.now()
    profile.save()
    # The history holds every earlier version of the same fields.
    YouthProfile.pgh_event_model.objects.filter(pgh_obj_id=profile.pk).update(
        **ERASED_PROFILE_VALUES
    )
    # Open referrals end: the organisation must not keep a spot for someone who is gone.
    for referral in profile.referrals.open().select_for_update():
        if referral.holds_spot:
            offer_release_spot(offer_id=referral.offer_id)
        ReferralEvent.objects.create(
            referral=referral,
            actor=actor,
            from_status=referral.status,
            to_status=ReferralStatus.CANCELLED,
        )
        referral.status = ReferralStatus.CANCELLED
        referral.status_changed_at = timezone.now()
        referral.save(update_fields=["status", "status_changed_at"])
    profile.consents.update(evidence_reference="")
    profile.referrals.update(message="")
    ReferralEvent.objects.filter(referral__youth=profile).update(reason="")
    youth_erased.send(sender=YouthProfile, profile=profile, actor=actor)
    return True
