"""Mentors, their vetting, and matches between a mentor and a young person.

The database keeps the promises: one open claim or active match per young person (a partial
unique constraint), one row per vetting item, capacity at least one.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.areas.models import Postcode
from youth.models import AgeBand
from youth.validators import reject_cpr

from .choices import (
    AVAILABILITY_CHOICES,
    OPEN_MATCH_STATUSES,
    ClosureReason,
    ContactKind,
    Interest,
    MatchStatus,
    MentorStatus,
    MentorType,
    VettingKind,
)


class MentorQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=MentorStatus.APPROVED)

    def with_valid_certificate(self, day: datetime.date | None = None):
        day = day or timezone.localdate()
        return self.filter(
            vetting_items__kind=VettingKind.CHILD_CERTIFICATE,
            vetting_items__valid_until__gte=day,
        )

    def with_certificate_state(self, day: datetime.date | None = None):
        """Each mentor with ``certified``: a børneattest valid on ``day``, by default today
        (one query for both)."""
        valid = VettingItem.objects.filter(
            mentor=OuterRef("pk"),
            kind=VettingKind.CHILD_CERTIFICATE,
            valid_until__gte=day or timezone.localdate(),
        )
        return self.annotate(certified=Exists(valid))


class Mentor(models.Model):
    """A volunteer's mentor profile. Name, email and phone live on the user."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor_profile"
    )
    postcode = models.ForeignKey(
        Postcode, on_delete=models.PROTECT, related_name="+", verbose_name=_("postnummer")
    )
    interests = ArrayField(
        models.CharField(max_length=20, choices=Interest.choices),
        verbose_name=_("interesser"),
        default=list,
        blank=True,
    )
    skills = models.TextField(_("hvad du er god til"), blank=True, validators=[reject_cpr])
    languages = ArrayField(
        models.CharField(max_length=50), verbose_name=_("sprog"), default=list, blank=True
    )
    availability = ArrayField(
        models.CharField(max_length=20, choices=AVAILABILITY_CHOICES),
        verbose_name=_("hvornår du kan"),
        default=list,
        blank=True,
    )
    capacity = models.PositiveSmallIntegerField(_("antal unge du kan være mentor for"), default=1)
    mentor_type = models.CharField(
        _("slags mentor"), max_length=20, choices=MentorType.choices, default=MentorType.MENTOR
    )
    preferred_age_band = models.CharField(
        _("foretrukken aldersgruppe"), max_length=10, choices=AgeBand.choices, blank=True
    )
    motivation = models.TextField(_("hvorfor vil du være mentor?"), validators=[reject_cpr])
    status = models.CharField(
        _("status"), max_length=10, choices=MentorStatus.choices, default=MentorStatus.APPLIED
    )
    status_changed_at = models.DateTimeField(_("status ændret"), default=timezone.now)
    created_at = models.DateTimeField(_("ansøgt"), auto_now_add=True)

    objects = MentorQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mentor")
        verbose_name_plural = _("mentorer")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=10), name="mentor_capacity_range"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="mentor_status")]

    def __str__(self):
        return self.user.get_full_name() or self.user.email

    @property
    def is_approved(self) -> bool:
        return self.status == MentorStatus.APPROVED

    @property
    def interest_labels(self) -> list[str]:
        labels = dict(Interest.choices)
        return [str(labels.get(slug, slug)) for slug in self.interests]


class VettingItem(models.Model):
    """One step of the coordinator's checklist: when it was done and by whom.

    For the børneattest only the dates are kept — never its content (børneattestloven).
    """

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="vetting_items")
    kind = models.CharField(_("punkt"), max_length=20, choices=VettingKind.choices)
    done_on = models.DateField(_("dato"))
    valid_until = models.DateField(_("skal fornyes senest"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("godkendelsespunkt")
        verbose_name_plural = _("godkendelsespunkter")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "kind"], name="vetting_item_once_per_kind"),
            models.CheckConstraint(
                condition=Q(kind=VettingKind.CHILD_CERTIFICATE, valid_until__isnull=False)
                | (~Q(kind=VettingKind.CHILD_CERTIFICATE) & Q(valid_until__isnull=True)),
                name="vetting_item_renewal_only_for_certificate",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("done_on")),
                name="vetting_item_renewal_after_obtained",
            ),
        ]
        indexes = [
            models.Index(
                fields=["valid_until"],
                condition=Q(kind=VettingKind.CHILD_CERTIFICATE),
                name="vetting_certificate_renewal",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.done_on:%d.%m.%Y}"


class YouthPseudonym(models.Model):
    """The opaque id mentors see in URLs instead of the profile's UUID.

    Random, so it says nothing about the profile; kept in a row so links stay stable.
    """

    youth = models.OneToOneField(
        "youth.YouthProfile",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="mentoring_pseudonym",
    )
    alias_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("pseudonym")
        verbose_name_plural = _("pseudonymer")

    def __str__(self):
        return str(self.alias_id)


class YouthMentorWish(models.Model):
    """What the caseworker noted about the young person's wish for a mentor: when they can."""

    youth = models.OneToOneField(
        "youth.YouthProfile",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="mentoring_wish",
    )
    availability = ArrayField(
        models.CharField(max_length=20, choices=AVAILABILITY_CHOICES),
        verbose_name=_("hvornår den unge kan"),
        default=list,
        blank=True,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ønske om mentor")
        verbose_name_plural = _("ønsker om mentor")

    def __str__(self):
        return ", ".join(self.availability)


class MatchQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_MATCH_STATUSES)

    def visible_to_caseworker(self, user):
        """Matches of the young people ``user`` may see (``YouthProfile.visible_to``)."""
        from youth.models import YouthProfile

        return self.filter(youth__in=YouthProfile.objects.visible_to(user))

    def with_last_contact(self):
        """``last_contact_on``: the latest logged contact, else the first meeting or approval."""
        return self.annotate(
            last_contact_on=models.functions.Coalesce(
                models.Max("contacts__happened_on"),
                "first_meeting_on",
                models.functions.TruncDate("decided_at"),
            )
        )


class Match(models.Model):
    """A mentorforløb: a claim that becomes an active match when the young person says yes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    youth = models.ForeignKey(
        "youth.YouthProfile", on_delete=models.PROTECT, related_name="mentor_matches"
    )
    mentor = models.ForeignKey(Mentor, on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(
        _("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.CLAIMED
    )
    message = models.TextField(_("besked til sagsbehandleren"), validators=[reject_cpr])
    claimed_at = models.DateTimeField(_("anmodet"), default=timezone.now)
    expiry_warned_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    youth_agreed_on = models.DateField(_("den unge sagde ja den"), null=True, blank=True)
    decline_reason = models.TextField(_("begrundelse"), blank=True, validators=[reject_cpr])
    share_email = models.BooleanField(_("mentor må se den unges e-mail"), default=False)
    share_phone = models.BooleanField(_("mentor må se den unges telefon"), default=False)
    first_meeting_on = models.DateField(_("første møde med sagsbehandler"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    closure_reason = models.CharField(
        _("årsag"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_note = models.TextField(_("uddybning"), blank=True, validators=[reject_cpr])
    wants_new_mentor = models.BooleanField(_("den unge vil gerne have en ny mentor"), default=False)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-claimed_at"]
        verbose_name = _("mentorforløb")
        verbose_name_plural = _("mentorforløb")
        constraints = [
            # The heart of claiming: of many simultaneous claims exactly one can be open.
            models.UniqueConstraint(
                fields=["youth"],
                condition=Q(status__in=OPEN_MATCH_STATUSES),
                name="match_one_open_per_youth",
            ),
            models.CheckConstraint(
                condition=~Q(status=MatchStatus.CLOSED) | ~Q(closure_reason=""),
                name="match_closed_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"], name="match_mentor_status"),
            models.Index(
                fields=["claimed_at"],
                condition=Q(status=MatchStatus.CLAIMED),
                name="match_open_claims",
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()} ({self.claimed_at:%d.%m.%Y})"

    @property
    def is_active(self) -> bool:
        return self.status == MatchStatus.ACTIVE


class Contact(models.Model):
    """A contact the mentor logged. Belongs to one match: a later mentor never sees it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="contacts")
    happened_on = models.DateField(_("dato"))
    minutes = models.PositiveSmallIntegerField(_("varighed i minutter"))
    kind = models.CharField(_("slags kontakt"), max_length=20, choices=ContactKind.choices)
    note = models.CharField(_("kort note"), max_length=500, blank=True, validators=[reject_cpr])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-created_at"]
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=1440), name="contact_minutes_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.happened_on:%d.%m.%Y}"


class Agreement(models.Model):
    """The Jobcenter's mentor agreement: goals, tasks, hours and a period of at most 6 months."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="agreements")
    goals = models.TextField(_("mål"), validators=[reject_cpr])
    tasks = models.TextField(_("opgaver"), validators=[reject_cpr])
    hours = models.PositiveSmallIntegerField(_("timer i alt"))
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til og med"))
    renews = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="renewals"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("mentoraftale")
        verbose_name_plural = _("mentoraftaler")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on"))
                & Q(ends_on__lte=models.F("starts_on") + datetime.timedelta(days=184)),
                name="agreement_period_at_most_6_months",
            ),
            models.CheckConstraint(condition=Q(hours__gte=1), name="agreement_hours_positive"),
        ]

    def __str__(self):
        return f"{self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y}"
