"""The overview's precomputed counts.

The page never aggregates raw rows: ``refresh_overview`` (cron) writes counts per
(month, department, town/rural, age band, measure, key) here, and the page sums these few
rows. No row identifies a person; small numbers are protected when they are shown.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import Department


class Measure(models.TextChoices):
    # Flows, by month: the month something happened.
    # Registration month; key: current situation.
    YOUTH = "youth", _("Unge oprettet")
    # The month a match started; key empty.
    MENTOR_STARTED = "mentor_started", _("Mentorforløb startet")
    # The month the referral was sent; key: status now.
    REFERRAL_STATUS = "referral_status", _("Henvisninger efter status")
    # The month the referral was sent; key: offer category.
    REFERRAL_CATEGORY = "referral_category", _("Henvisninger efter kategori")
    # As above, completed referrals only.
    REFERRAL_COMPLETED = "referral_completed", _("Gennemførte henvisninger efter kategori")
    # Rural young people's referrals to offers in town; key: status now.
    REFERRAL_TO_TOWN = "referral_to_town", _("Henvisninger til tilbud i byen")
    # Status now (month: the refresh month; the period filter does not apply).
    # Key empty.
    MENTOR_ACTIVE = "mentor_active", _("Unge med en aktiv mentor")
    # Key: days waited so far (a histogram, for the median).
    MENTOR_WAITING = "mentor_waiting", _("Unge der venter på en mentor")


SNAPSHOT_MEASURES = (Measure.MENTOR_ACTIVE, Measure.MENTOR_WAITING)


class OverviewCount(models.Model):
    month = models.DateField(_("måned"))
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    is_rural = models.BooleanField(_("bor i et landdistrikt"))
    age_band = models.CharField(_("aldersgruppe"), max_length=10)
    measure = models.CharField(_("mål"), max_length=20, choices=Measure.choices)
    key = models.CharField(_("nøgle"), max_length=80, blank=True)
    value = models.PositiveIntegerField(_("antal"))

    class Meta:
        verbose_name = _("optælling")
        verbose_name_plural = _("optællinger")
        indexes = [models.Index(fields=["measure", "month"], name="overview_count_measure_month")]

    def __str__(self):
        return f"{self.measure} {self.month:%Y-%m} {self.key}: {self.value}"


class OverviewRefresh(models.Model):
    """When the counts were last computed (one row)."""

    refreshed_at = models.DateTimeField(_("opdateret"))
    as_of = models.DateField(_("opgjort pr."))
    rows = models.PositiveIntegerField(_("rækker"))

    class Meta:
        verbose_name = _("opdatering")
        verbose_name_plural = _("opdateringer")

    def __str__(self):
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
