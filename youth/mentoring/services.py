"""Writes for mentoring: applying, vetting, claiming, deciding, logging contacts, closing.

Races are settled by PostgreSQL: the partial unique constraint ``match_one_open_per_youth``
lets exactly one of many simultaneous claims in, and decisions are conditional updates
(``UPDATE … WHERE status = 'claimed'``), so two caseworkers cannot both decide one claim.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import Role, RoleAssignment
from ressourcebank.accounts.roles import forget_roles
from ressourcebank.accounts.services import role_grant
from ressourcebank.audit.log import Action, record
from youth.models import AgeBand, YouthProfile, add_months

from .choices import (
    REQUIRED_FOR_APPROVAL,
    ClosureReason,
    MatchStatus,
    MentorStatus,
    VettingKind,
)
from .models import Agreement, Contact, Match, Mentor, VettingItem, YouthMentorWish
from .selectors import has_valid_certificate, mentor_open_matches, youth_pool

AGREEMENT_MAX_MONTHS = 6


class MentoringError(Exception):
    """A rule said no; the message is shown to the user as it is."""


def _touch(youth_id) -> None:
    """Mentoring counts as activity, so retention does not anonymise someone in a match.

    Called before a service writes to a match: the update locks the young person's row first,
    the same order as erasure (profile, then matches), so the two never deadlock, and a claim
    or contact waits for an erasure under way and then sees that it happened.
    """
    YouthProfile.objects.filter(pk=youth_id).touch()


def claim_expiry_days() -> int:
    return getattr(settings, "MENTOR_CLAIM_EXPIRY_DAYS", 14)


def _email(*, subject: str, template: str, context: dict, to: list[str]) -> None:
    recipients = [address for address in to if address]
    if not recipients:
        return
    context = {"site_url": getattr(settings, "SITE_URL", ""), **context}
    message = render_to_string(template, context)
    transaction.on_commit(
        lambda: send_mail(
            subject=subject, message=message, from_email=None, recipient_list=recipients
        )
    )


# -- Becoming a mentor ------------------------------------------------------------------------


@transaction.atomic
def mentor_apply(*, user, first_name: str, last_name: str, phone: str, **profile) -> Mentor:
    if Mentor.objects.filter(user=user).exists():
        raise MentoringError(_("Du har allerede søgt om at blive mentor."))
    user.first_name, user.last_name, user.phone = first_name, last_name, phone
    user.save(update_fields=["first_name", "last_name", "phone"])
    mentor = Mentor.objects.create(user=user, **profile)
    _email(
        subject=_("Vi har modtaget din ansøgning om at blive mentor"),
        template="mentoring/email/application_received.txt",
        context={"mentor": mentor},
        to=[user.email],
    )
    return mentor


@transaction.atomic
def vetting_record(
    *,
    request,
    mentor: Mentor,
    kind: str,
    done_on: datetime.date,
    valid_until: datetime.date | None = None,
) -> VettingItem:
    """Record (or correct) one checklist item: when and by whom. Only dates for a børneattest."""
    if kind != VettingKind.CHILD_CERTIFICATE:
        valid_until = None
    elif valid_until is None or valid_until <= done_on:
        raise MentoringError(_("Angiv en fornyelsesdato efter datoen for børneattesten."))
    item, _created = VettingItem.objects.update_or_create(
        mentor=mentor,
        kind=kind,
        defaults={"done_on": done_on, "valid_until": valid_until, "recorded_by": request.user},
    )
    record(request, Action.UPDATE, mentor, purpose="Mentor: godkendelsespunkt registreret")
    return item


def missing_for_approval(mentor: Mentor) -> list[str]:
    done = set(mentor.vetting_items.values_list("kind", flat=True))
    return [kind for kind in REQUIRED_FOR_APPROVAL if kind not in done]


@transaction.atomic
def mentor_set_status(*, request, mentor: Mentor, status: str) -> Mentor:
    """Approve, pause or stop a mentor; the applicant is told by email.

    Approval needs the checklist (except the børneattest, which only under-15s need) and
    grants the mentor role; stopping takes it away.
    """
    mentor = Mentor.objects.select_for_update().select_related("user").get(pk=mentor.pk)
    if status == mentor.status:
        return mentor
    if status == MentorStatus.APPROVED:
        missing = missing_for_approval(mentor)
        if missing:
            labels = ", ".join(str(VettingKind(kind).label).lower() for kind in missing)
            raise MentoringError(
                _("Mentoren kan ikke godkendes endnu. Mangler: %(missing)s.") % {"missing": labels}
            )
        role_grant(user=mentor.user, role=Role.MENTOR, granted_by=request.user)
    elif status == MentorStatus.STOPPED:
        RoleAssignment.objects.filter(user=mentor.user, role=Role.MENTOR).delete()
    elif status == MentorStatus.APPLIED:
        raise MentoringError(_("En mentor kan ikke sættes tilbage til ansøgt."))
    mentor.status = status
    mentor.status_changed_at = timezone.now()
    mentor.save(update_fields=["status", "status_changed_at"])
    forget_roles(mentor.user)
    record(request, Action.UPDATE, mentor, purpose="Mentor: status ændret")
    _email(
        subject=_("Din status som mentor: %(status)s") % {"status": mentor.get_status_display()},
        template="mentoring/email/status_changed.txt",
        context={"mentor": mentor},
        to=[mentor.user.email],
    )
    return mentor


# -- Claiming ---------------------------------------------------------------------------------


CLAIM_TAKEN = _(
    "En anden mentor har lige vist interesse for denne unge. Prøv at finde en anden i listen."
)


def match_claim(*, request, mentor: Mentor, youth: YouthProfile, message: str) -> Match:
    """Reserve ``youth`` for ``mentor``. Of simultaneous claims the database lets one win."""
    try:
        with transaction.atomic():
            match = _claim(request=request, mentor=mentor, youth=youth, message=message)
    except IntegrityError as error:
        if "match_one_open_per_youth" in str(error):
            raise MentoringError(CLAIM_TAKEN) from None
        raise
    return match


def _claim(*, request, mentor, youth, message) -> Match:
    # Lock the mentor row so one mentor's parallel claims cannot exceed the capacity.
    mentor = Mentor.objects.select_for_update().get(pk=mentor.pk)
    if mentor.status != MentorStatus.APPROVED:
        raise MentoringError(_("Kun godkendte mentorer kan vise interesse for en ung."))
    if mentor_open_matches(mentor) >= mentor.capacity:
        raise MentoringError(
            _("Du har ikke flere ledige pladser. Du kan ændre antallet hos koordinatoren.")
        )
    # Børneattestloven: regular contact with children under 15 needs a valid børneattest.
    if youth.age_band == AgeBand.UNDER_15 and not has_valid_certificate(mentor):
        raise MentoringError(
            _("Du skal have en gyldig børneattest for at være mentor for unge under 15 år.")
        )
    _touch(youth.pk)
    if not youth_pool().filter(pk=youth.pk).exists():
        raise MentoringError(CLAIM_TAKEN)
    match = Match.objects.create(youth=youth, mentor=mentor, message=message)
    record(request, Action.CREATE, youth, purpose="Mentor: ønsker at være mentor")
    caseworker = youth.caseworker
    department_email = youth.department.contact_email if youth.department_id else ""
    _email(
        subject=_("En mentor vil gerne være mentor for en af dine unge"),
        template="mentoring/email/claim_received.txt",
        context={"match": match, "days": claim_expiry_days()},
        to=[caseworker.email if caseworker else department_email],
    )
    return match


def _decide(*, request, match: Match, to: str, **fields) -> Match:
    """Move a claim on, only if it is still a claim (conditional update settles races)."""
    now = timezone.now()
    updated = Match.objects.filter(pk=match.pk, status=MatchStatus.CLAIMED).update(
        status=to, decided_at=now, decided_by=request.user, **fields
    )
    if not updated:
        raise MentoringError(_("Anmodningen er allerede besvaret eller udløbet."))
    match.refresh_from_db()
    return match


@transaction.atomic
def match_approve(
    *,
    request,
    match: Match,
    youth_agreed_on: datetime.date,
    share_email: bool,
    share_phone: bool,
    first_meeting_on: datetime.date | None,
) -> Match:
    """The young person said yes: the match is active and the mentor is told."""
    if youth_agreed_on > timezone.localdate():
        raise MentoringError(_("Datoen for den unges ja kan ikke ligge i fremtiden."))
    _touch(match.youth_id)
    match = _decide(
        request=request,
        match=match,
        to=MatchStatus.ACTIVE,
        youth_agreed_on=youth_agreed_on,
        share_email=share_email,
        share_phone=share_phone,
        first_meeting_on=first_meeting_on,
    )
    record(request, Action.UPDATE, match.youth, purpose="Sagsbehandler: mentor godkendt")
    _email(
        subject=_("Den unge har sagt ja til dig som mentor"),
        template="mentoring/email/claim_approved.txt",
        context={"match": match},
        to=[match.mentor.user.email],
    )
    return match


@transaction.atomic
def match_decline(*, request, match: Match, reason: str) -> Match:
    _touch(match.youth_id)
    match = _decide(request=request, match=match, to=MatchStatus.DECLINED, decline_reason=reason)
    record(request, Action.UPDATE, match.youth, purpose="Sagsbehandler: mentor afvist")
    _email(
        subject=_("Svar på din interesse som mentor"),
        template="mentoring/email/claim_declined.txt",
        context={"match": match},
        to=[match.mentor.user.email],
    )
    return match


@transaction.atomic
def match_withdraw_claim(*, request, match: Match, mentor: Mentor) -> Match:
    """The mentor takes back a claim nobody has answered; the young person is free again.

    The claim ends as withdrawn (not declined: nobody said no), decided by the mentor. A
    conditional update settles a race with the caseworker's answer or the expiry job.
    """
    updated = Match.objects.filter(pk=match.pk, mentor=mentor, status=MatchStatus.CLAIMED).update(
        status=MatchStatus.WITHDRAWN, decided_at=timezone.now(), decided_by=request.user
    )
    if not updated:
        raise MentoringError(_("Anmodningen er allerede besvaret eller udløbet."))
    match.refresh_from_db()
    record(request, Action.UPDATE, match.youth, purpose="Mentor: anmodning trukket tilbage")
    _email(
        subject=_("En mentor har trukket sin anmodning tilbage"),
        template="mentoring/email/claim_withdrawn.txt",
        context={"match": match},
        to=[_caseworker_email(match.youth)],
    )
    return match


@transaction.atomic
def match_plan_first_meeting(*, request, match: Match, first_meeting_on: datetime.date) -> Match:
    match.first_meeting_on = first_meeting_on
    match.save(update_fields=["first_meeting_on"])
    record(request, Action.UPDATE, match.youth, purpose="Sagsbehandler: første møde planlagt")
    return match


@transaction.atomic
def claims_expire(*, now=None, dry_run: bool = False) -> tuple[list[Match], list[Match]]:
    """Warn about claims that expire within two days, and expire those past the limit.

    Returns (warned, expired). With ``dry_run`` nothing is written or sent.
    """
    now = now or timezone.now()
    days = claim_expiry_days()
    deadline = now - datetime.timedelta(days=days)
    warn_from = deadline + datetime.timedelta(days=2)
    claims = Match.objects.filter(status=MatchStatus.CLAIMED).select_related(
        "youth__caseworker", "youth__department", "mentor__user"
    )
    expired = list(claims.filter(claimed_at__lte=deadline).select_for_update(of=("self",)))
    warned = list(
        claims.filter(
            claimed_at__gt=deadline, claimed_at__lte=warn_from, expiry_warned_at__isnull=True
        )
    )
    if dry_run:
        return warned, expired
    for match in warned:
        expires_at = match.claimed_at + datetime.timedelta(days=days)
        _email(
            subject=_("En mentors anmodning udløber snart"),
            template="mentoring/email/claim_expiring.txt",
            context={"match": match, "expires_at": expires_at},
            to=[_caseworker_email(match.youth)],
        )
    Match.objects.filter(pk__in=[m.pk for m in warned]).update(expiry_warned_at=now)
    Match.objects.filter(pk__in=[m.pk for m in expired], status=MatchStatus.CLAIMED).update(
        status=MatchStatus.EXPIRED, decided_at=now
    )
    for match in expired:
        _email(
            subject=_("Din anmodning som mentor er udløbet"),
            template="mentoring/email/claim_expired.txt",
            context={"match": match},
            to=[match.mentor.user.email],
        )
    return warned, expired


def _caseworker_email(youth) -> str:
    if youth.caseworker_id:
        return youth.caseworker.email
    return youth.department.contact_email


# -- Running a match --------------------------------------------------------------------------


@transaction.atomic
def contact_log(
    *, request, match: Match, happened_on: datetime.date, minutes: int, kind: str, note: str
) -> Contact:
    if happened_on > timezone.localdate():
        raise MentoringError(_("Datoen kan ikke ligge i fremtiden."))
    _touch(match.youth_id)
    # Read after the lock: the match may have been closed (or the young person erased) since.
    if not Match.objects.filter(pk=match.pk, status=MatchStatus.ACTIVE).exists():
        raise MentoringError(_("Kontakter kan kun registreres i et aktivt forløb."))
    contact = Contact.objects.create(
        match=match, happened_on=happened_on, minutes=minutes, kind=kind, note=note
    )
    record(request, Action.UPDATE, match.youth, purpose="Mentor: kontakt registreret")
    return contact


@transaction.atomic
def match_close(*, request, match: Match, reason: str, note: str, wants_new_mentor: bool) -> Match:
    _touch(match.youth_id)
    updated = Match.objects.filter(pk=match.pk, status=MatchStatus.ACTIVE).update(
        status=MatchStatus.CLOSED,
        closed_at=timezone.now(),
        closure_reason=reason,
        closure_note=note,
        wants_new_mentor=wants_new_mentor,
    )
    if not updated:
        raise MentoringError(_("Kun et aktivt forløb kan afsluttes."))
    match.refresh_from_db()
    record(request, Action.UPDATE, match.youth, purpose="Mentorforløb afsluttet")
    return match


def agreement_end_limit(starts_on: datetime.date) -> datetime.date:
    return add_months(starts_on, AGREEMENT_MAX_MONTHS)


@transaction.atomic
def agreement_create(
    *,
    request,
    match: Match,
    goals: str,
    tasks: str,
    hours: int,
    starts_on: datetime.date,
    ends_on: datetime.date,
    renews: Agreement | None = None,
) -> Agreement:
    """A Jobcenter mentor agreement of at most six months; renewing starts a new period."""
    if match.youth.department.slug != "jobcenter":
        raise MentoringError(_("Mentoraftaler bruges kun for unge i Jobcenteret."))
    if match.status != MatchStatus.ACTIVE:
        raise MentoringError(_("Aftalen kan kun laves i et aktivt forløb."))
    if ends_on < starts_on:
        raise MentoringError(_("Slutdatoen skal ligge efter startdatoen."))
    if ends_on > agreement_end_limit(starts_on):
        raise MentoringError(_("En aftale kan højst vare 6 måneder. Forny den bagefter."))
    agreement = Agreement.objects.create(
        match=match,
        goals=goals,
        tasks=tasks,
        hours=hours,
        starts_on=starts_on,
        ends_on=ends_on,
        renews=renews,
        created_by=request.user,
    )
    record(request, Action.UPDATE, match.youth, purpose="Sagsbehandler: mentoraftale")
    return agreement


# -- Coordinator ------------------------------------------------------------------------------


@transaction.atomic
def match_propose(*, request, mentor: Mentor, youth: YouthProfile, reasons: str) -> None:
    """Suggest a young person (by alias only) to a mentor by email."""
    from .pseudonyms import alias_for

    pseudonym = youth.mentoring_pseudonym
    link = reverse("mentoring:youth-detail", kwargs={"alias_id": pseudonym.alias_id})
    record(request, Action.VIEW, youth, purpose="Koordinator: foreslået til mentor")
    _email(
        subject=_("Et forslag: en ung der gerne vil have en mentor"),
        template="mentoring/email/proposal.txt",
        context={"mentor": mentor, "alias": alias_for(youth.pk), "link": link, "reasons": reasons},
        to=[mentor.user.email],
    )


# -- Rights -----------------------------------------------------------------------------------


def _blank(queryset, **values) -> None:
    """Set ``values`` on the rows and, when the model's changes are tracked, on its history."""
    ids = list(queryset.values_list("pk", flat=True))
    queryset.model.objects.filter(pk__in=ids).update(**values)
    events = getattr(queryset.model, "pgh_event_model", None)
    if events is not None:
        events.objects.filter(pgh_obj_id__in=ids).update(**values)


@transaction.atomic
def matches_erase_youth(*, youth: YouthProfile, actor=None) -> None:
    """Blank what mentoring holds in free text about an erased young person.

    Called through ``youth.signals.youth_erased`` inside ``youth_erase``'s transaction. The
    rows stay with their statuses and dates (and contacts with their dates, kinds and
    lengths), so the counts in the statistics do not change. An open claim ends as declined
    and an active match is closed, so no mentor waits for or meets someone who is gone; their
    mentors are told, with nothing about the young person.
    """
    now = timezone.now()
    erased = _("Den unges oplysninger er slettet.")
    matches = Match.objects.filter(youth=youth)
    match_ids = list(matches.select_for_update().values_list("pk", flat=True))
    _blank(matches, message="", decline_reason="", closure_note="")
    _blank(Contact.objects.filter(match_id__in=match_ids), note="")
    _blank(Agreement.objects.filter(match_id__in=match_ids), goals="", tasks="")
    wishes = YouthMentorWish.objects.filter(youth=youth)
    _blank(wishes, availability=[])
    wishes.delete()
    claimed = matches.filter(status=MatchStatus.CLAIMED)
    claims = list(claimed.select_related("mentor__user"))
    claimed.update(
        status=MatchStatus.DECLINED, decided_at=now, decided_by=actor, decline_reason=erased
    )
    for claim in claims:
        # The usual answer to a claim; its reason says only that the data was erased.
        claim.decline_reason = erased
        _email(
            subject=_("Svar på din interesse som mentor"),
            template="mentoring/email/claim_declined.txt",
            context={"match": claim},
            to=[claim.mentor.user.email],
        )
    active = matches.filter(status=MatchStatus.ACTIVE)
    mentors = [match.mentor for match in active.select_related("mentor__user")]
    active.update(
        status=MatchStatus.CLOSED,
        closed_at=now,
        closure_reason=ClosureReason.OTHER,
        closure_note=erased,
        wants_new_mentor=False,
    )
    for mentor in mentors:
        # Only the mentor in the context: the email cannot show anything about the young person.
        _email(
            subject=_("Et mentorforløb er afsluttet"),
            template="mentoring/email/match_ended.txt",
            context={"mentor": mentor},
            to=[mentor.user.email],
        )
