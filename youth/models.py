"""Young people's profiles and their consents.

Consent is the gatekeeper: a profile is visible beyond its owning department only while an
active sharing consent says so, and that rule lives in ``YouthProfileQuerySet.visible_to`` —
the only way views fetch profiles. Referrals live in ``youth/referrals.py``'s models below.
"""

from __future__ import annotations

import calendar
import datetime
import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import Offer
from ressourcebank.accounts.models import Department, Role
from ressourcebank.accounts.roles import roles_of
from ressourcebank.areas.models import Postcode
from ressourcebank.audit.log import Action, record

from .validators import reject_cpr


class Situation(models.TextChoices):
    IN_SCHOOL = "i_skole", _("I skole")
    IN_EDUCATION = "i_uddannelse", _("I uddannelse")
    IN_JOB = "i_job", _("I job")
    NEITHER = "hverken", _("Hverken job eller uddannelse")
    OTHER = "andet", _("Andet")


# Interests use the offer categories, so interests and offers can be matched.
Interest = Offer.Category


class AgeBand(models.TextChoices):
    UNDER_15 = "under-15", _("Under 15 år")
    FROM_15_TO_17 = "15-17", _("15-17 år")
    FROM_18_TO_24 = "18-24", _("18-24 år")
    FROM_25 = "25+", _("25 år og derover")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months; the 31st becomes the month's last day when needed."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def age_band_for(age: int) -> str:
    if age < 15:
        return AgeBand.UNDER_15
    if age < 18:
        return AgeBand.FROM_15_TO_17
    if age < 25:
        return AgeBand.FROM_18_TO_24
    return AgeBand.FROM_25


def birth_dates_for_band(band: str, today: datetime.date) -> Q:
    """A filter on date_of_birth for an age band on ``today`` (indexable, no per-row maths)."""
    bounds = {
        AgeBand.UNDER_15: (None, 15),
        AgeBand.FROM_15_TO_17: (15, 18),
        AgeBand.FROM_18_TO_24: (18, 25),
        AgeBand.FROM_25: (25, None),
    }[band]
    low, high = bounds
    q = Q()
    if low is not None:  # at least `low` years old: born on or before today - low years
        q &= Q(date_of_birth__lte=add_months(today, -12 * low))
    if high is not None:  # younger than `high`: born after today - high years
        q &= Q(date_of_birth__gt=add_months(today, -12 * high))
    return q


class ConsentPurpose(models.TextChoices):
    MENTOR_MATCHING = "mentor_matching", _("Matchning med en mentor")
    REFERRAL = "referral", _("Henvisning til tilbud")
    DEPARTMENT_SHARING = "department_sharing", _("Deling med en afdeling")


class ConsentGivenBy(models.TextChoices):
    YOUTH = "youth", _("Den unge")
    GUARDIAN = "guardian", _("Forælder/værge")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Skriftligt")
    DIGITAL = "digital", _("Digitalt (fx MitID)")
    ORAL = "oral", _("Mundtligt, noteret af sagsbehandler")


def active_consent_q(prefix: str = "", today: datetime.date | None = None) -> Q:
    """Not withdrawn and still valid today; computed at query time, so expiry needs no cron."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}withdrawn_at__isnull": True, f"{prefix}valid_until__gte": today})


class YouthProfileQuerySet(models.QuerySet):
    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)

    def with_active_consent(self, purpose: str, *, department_ids=None, today=None):
        consents = Consent.objects.filter(
            active_consent_q(today=today), youth=OuterRef("pk"), purpose=purpose
        )
        if department_ids is not None:
            consents = consents.filter(department_id__in=department_ids)
        return self.filter(Exists(consents))

    def visible_to(self, user):
        """The profiles ``user`` may see: the one access path for every view.

        Coordinators see all; caseworkers their departments' profiles and profiles shared with
        one of their departments by an active consent; everyone else none. Anonymised profiles
        are statistics, not people, and are never shown.
        """
        roles = roles_of(user)
        qs = self.not_anonymised()
        if Role.COORDINATOR in roles.roles:
            return qs
        if Role.CASEWORKER in roles.roles and roles.department_ids:
            shared = Consent.objects.filter(
                active_consent_q(),
                youth=OuterRef("pk"),
                purpose=ConsentPurpose.DEPARTMENT_SHARING,
                department_id__in=roles.department_ids,
            )
            return qs.filter(Q(department_id__in=roles.department_ids) | Exists(shared))
        return qs.none()

    def shared_with(self, department_ids):
        """Profiles of other departments shared with one of ``department_ids`` by consent."""
        return self.exclude(department_id__in=department_ids).with_active_consent(
            ConsentPurpose.DEPARTMENT_SHARING, department_ids=department_ids
        )

    def in_age_band(self, band: str):
        return self.filter(birth_dates_for_band(band, timezone.localdate()))

    def touch(self):
        """Mark activity (for retention) without a history row."""
        return self.update(last_activity_at=timezone.now())


@pghistory.track(exclude=["last_activity_at", "updated_at"])
class YouthProfile(models.Model):
    """A young person who wants help. No CPR number, ever (see ``validators.reject_cpr``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    first_name = models.CharField(_("fornavn"), max_length=100, validators=[reject_cpr])
    surname = models.CharField(_("efternavn"), max_length=100, blank=True, validators=[reject_cpr])
    # Blank only after erasure; the age band is then kept in ``erased_age_band``.
    date_of_birth = models.DateField(_("fødselsdato"), null=True)
    postcode = models.ForeignKey(
        Postcode,
        on_delete=models.PROTECT,
        related_name="youth_profiles",
        verbose_name=_("postnummer"),
    )
    email = models.EmailField(_("e-mail"), blank=True, validators=[reject_cpr])
    phone = models.CharField(_("telefon"), max_length=30, blank=True, validators=[reject_cpr])
    situation = models.CharField(_("nuværende situation"), max_length=20, choices=Situation.choices)
    interests = ArrayField(
        models.CharField(max_length=20, choices=Interest.choices),
        verbose_name=_("interesser"),
        default=list,
        blank=True,
    )
    wishes = models.TextField(_("ønsker og mål med egne ord"), blank=True, validators=[reject_cpr])
    languages = ArrayField(
        models.CharField(max_length=50, validators=[reject_cpr]),
        verbose_name=_("sprog"),
        default=list,
        blank=True,
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="youth_profiles",
        verbose_name=_("afdeling"),
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="youth_profiles",
        verbose_name=_("ansvarlig sagsbehandler"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    last_activity_at = models.DateTimeField(_("seneste aktivitet"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)
    erased_age_band = models.CharField(
        _("aldersgruppe ved anonymisering"), max_length=10, choices=AgeBand.choices, blank=True
    )

    objects = YouthProfileQuerySet.as_manager()

    class Meta:
        ordering = ["first_name", "surname"]
        verbose_name = _("ung")
        verbose_name_plural = _("unge")
        indexes = [
            models.Index(fields=["department", "anonymised_at"], name="youth_department"),
            models.Index(fields=["caseworker"], name="youth_caseworker"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=False) | Q(date_of_birth__isnull=False),
                name="youth_birth_date_required_until_anonymised",
            ),
        ]

    def __str__(self):
        # Used in forms and the admin; never in URLs or logs.
        return f"{self.first_name} {self.surname}".strip()

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def age(self) -> int | None:
        if self.date_of_birth is None:
            return None
        return age_on(self.date_of_birth, timezone.localdate())

    @property
    def interest_labels(self) -> list[str]:
        return [Interest(value).label for value in self.interests if value in Interest.values]

    @property
    def age_band(self) -> str:
        if self.date_of_birth is None:
            return self.erased_age_band
        return age_band_for(self.age)


def default_valid_until() -> datetime.date:
    return add_months(timezone.localdate(), settings.CONSENT_VALID_MONTHS)


class ConsentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active_consent_q())

    def expiring_within(self, days: int = 30):
        today = timezone.localdate()
        return self.active().filter(valid_until__lte=today + datetime.timedelta(days=days))


class Consent(models.Model):
    """One consent for one purpose. Never deleted: withdrawal sets ``withdrawn_at``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    youth = models.ForeignKey(
        YouthProfile, on_delete=models.CASCADE, related_name="consents", verbose_name=_("ung")
    )
    purpose = models.CharField(_("formål"), max_length=30, choices=ConsentPurpose.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shared_consents",
        verbose_name=_("afdeling der må se profilen"),
    )
    given_by = models.CharField(_("givet af"), max_length=20, choices=ConsentGivenBy.choices)
    method = models.CharField(_("hvordan"), max_length=20, choices=ConsentMethod.choices)
    given_at = models.DateField(_("givet den"), default=timezone.localdate)
    valid_until = models.DateField(_("gyldigt til og med"), default=default_valid_until)
    evidence_reference = models.CharField(
        _("reference til dokumentation"),
        max_length=100,
        blank=True,
        validators=[reject_cpr],
        help_text=_("Fx journalnummer i kommunens sagssystem."),
    )
    withdrawn_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tilbagetrækning registreret af"),
    )
    withdrawn_by_party = models.CharField(
        _("trukket tilbage af"), max_length=20, choices=ConsentGivenBy.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at", "-recorded_at"]
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")
        indexes = [
            models.Index(
                fields=["youth", "purpose", "valid_until"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_active_lookup",
            ),
            models.Index(
                fields=["department", "valid_until"],
                condition=Q(withdrawn_at__isnull=True, purpose="department_sharing"),
                name="consent_sharing_lookup",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose="department_sharing", department__isnull=False)
                | (~Q(purpose="department_sharing") & Q(department__isnull=True)),
                name="consent_department_only_for_sharing",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("given_at")),
                name="consent_valid_after_given",
            ),
        ]

    def __str__(self):
        return str(self.get_purpose_display())

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and self.valid_until >= timezone.localdate()


def get_youth_for_user_or_404(request, pk, *, purpose: str = "Sagsbehandling") -> YouthProfile:
    """The one way to open a single profile: logs VIEW with ``purpose``, or DENIED and 404.

    "Does not exist" and "not yours" give the same 404, so a profile's existence does not leak;
    only the access log tells them apart.
    """
    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        raise Http404 from None
    profile = YouthProfile.objects.visible_to(request.user).filter(pk=pk).first()
    if profile is None:
        if YouthProfile.objects.filter(pk=pk).exists():
            record(request, Action.DENIED, YouthProfile(pk=pk), purpose=purpose)
        raise Http404
    record(request, Action.VIEW, profile, purpose=purpose)
    return profile


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sendt")
    ACCEPTED = "accepted", _("Accepteret")
    DECLINED = "declined", _("Afvist")
    WAITING_LIST = "waiting_list", _("Venteliste")
    STARTED = "started", _("Startet")
    COMPLETED = "completed", _("Gennemført")
    DROPPED = "dropped", _("Afbrudt")
    CANCELLED = "cancelled", _("Annulleret")


class DeclineReason(models.TextChoices):
    NO_SPACE = "no_space", _("Ingen plads")
    NOT_SUITABLE = "not_suitable", _("Passer ikke")
    OTHER = "other", _("Andet")


# Statuses in which the referral holds one of the offer's spots.
SPOT_HOLDING = frozenset({ReferralStatus.ACCEPTED, ReferralStatus.STARTED})
OPEN_STATUSES = frozenset(
    {
        ReferralStatus.SENT,
        ReferralStatus.WAITING_LIST,
        ReferralStatus.ACCEPTED,
        ReferralStatus.STARTED,
    }
)


_S = ReferralStatus
# The closed loop. The organisation answers and follows up; the referrer may cancel.
ORGANISATION_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.SENT: frozenset({_S.ACCEPTED, _S.DECLINED, _S.WAITING_LIST}),
    _S.WAITING_LIST: frozenset({_S.ACCEPTED, _S.DECLINED}),
    _S.ACCEPTED: frozenset({_S.STARTED, _S.DECLINED, _S.DROPPED}),
    _S.STARTED: frozenset({_S.COMPLETED, _S.DROPPED}),
}
REFERRER_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.SENT: frozenset({_S.CANCELLED}),
    _S.WAITING_LIST: frozenset({_S.CANCELLED}),
    _S.ACCEPTED: frozenset({_S.CANCELLED}),
}


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Referrals of the profiles the user may see (caseworkers and coordinators)."""
        return self.filter(youth__in=YouthProfile.objects.visible_to(user))

    def for_organisation_member(self, user):
        """Referrals to offers of the user's organisations: the organisation's inbox."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            offer__organisation__memberships__user=user, youth__anonymised_at__isnull=True
        )

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def stale(self, days: int = 14):
        """Open referrals whose status has not changed for ``days`` days."""
        cutoff = timezone.now() - datetime.timedelta(days=days)
        return self.open().filter(status_changed_at__lt=cutoff)


class Referral(models.Model):
    """A young person sent to an offer: a closed loop with a status the referrer follows."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    youth = models.ForeignKey(
        YouthProfile, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("ung")
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("tilbud")
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="referrals_sent",
        verbose_name=_("henvist af"),
    )
    message = models.TextField(
        _("besked til organisationen"), max_length=2000, blank=True, validators=[reject_cpr]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    decline_reason = models.CharField(
        _("begrundelse for afvisning"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    created_at = models.DateTimeField(_("sendt"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status ændret"), default=timezone.now)
    waitlisted_at = models.DateTimeField(_("på venteliste siden"), null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("henvisning")
        verbose_name_plural = _("henvisninger")
        indexes = [
            models.Index(fields=["offer", "status", "waitlisted_at"], name="referral_offer_status"),
            models.Index(fields=["youth", "-created_at"], name="referral_youth"),
            # "Not updated for 14 days" lists scan only the open referrals.
            models.Index(
                fields=["status_changed_at"],
                condition=Q(status__in=["sent", "waiting_list", "accepted", "started"]),
                name="referral_open_stale",
            ),
        ]
        constraints = [
            # One open referral per young person and offer.
            models.UniqueConstraint(
                fields=["youth", "offer"],
                condition=Q(status__in=["sent", "waiting_list", "accepted", "started"]),
                name="referral_one_open_per_youth_and_offer",
            ),
            models.CheckConstraint(
                condition=Q(status="declined") | Q(decline_reason=""),
                name="referral_decline_reason_only_when_declined",
            ),
        ]

    def __str__(self):
        return str(self.get_status_display())

    @property
    def holds_spot(self) -> bool:
        return self.status in SPOT_HOLDING


class ReferralEvent(models.Model):
    """One status change: who, when, from, to and why. Never edited."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    from_status = models.CharField(
        _("fra"), max_length=20, choices=ReferralStatus.choices, blank=True
    )
    to_status = models.CharField(_("til"), max_length=20, choices=ReferralStatus.choices)
    reason = models.CharField(_("begrundelse"), max_length=500, blank=True, validators=[reject_cpr])

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("statusændring")
        verbose_name_plural = _("statusændringer")

    def __str__(self):
        return f"{self.from_status or '-'} → {self.to_status}"
