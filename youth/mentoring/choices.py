"""The small vocabularies of mentoring: mentor types, weekly slots, statuses, reasons."""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from offers.models import Offer
from ressourcebank.core.labels import Labels

# Interests are the offer categories, the same slugs as the youth profiles use.
Interest = Offer.Category


class MentorType(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    VISITOR = "besoegsven", _("Besøgsven (besøg i hjemmet)")
    STUDY_BUDDY = "lektiemakker", _("Lektiemakker")


class MentorStatus(models.TextChoices):
    APPLIED = "applied", _("Ansøgt")
    APPROVED = "approved", _("Godkendt")
    PAUSED = "paused", _("Pause")
    STOPPED = "stopped", _("Stoppet")


class VettingKind(models.TextChoices):
    INTERVIEW = "interview", _("Samtale")
    REFERENCES = "references", _("Referencer")
    TRAINING = "training", _("Introduktionskursus")
    CONFIDENTIALITY = "confidentiality", _("Underskrevet tavshedserklæring")
    CHILD_CERTIFICATE = "child_certificate", _("Børneattest")


# A mentor is approved only with these done; the børneattest is needed for under-15s only.
REQUIRED_FOR_APPROVAL = (
    VettingKind.INTERVIEW,
    VettingKind.REFERENCES,
    VettingKind.TRAINING,
    VettingKind.CONFIDENTIALITY,
)

WEEKDAYS = [
    ("man", _("mandag")),
    ("tir", _("tirsdag")),
    ("ons", _("onsdag")),
    ("tor", _("torsdag")),
    ("fre", _("fredag")),
    ("lor", _("lørdag")),
    ("son", _("søndag")),
]
DAY_PARTS = [
    ("formiddag", _("formiddag")),
    ("eftermiddag", _("eftermiddag")),
    ("aften", _("aften")),
]
# "tir-eftermiddag" → "tirsdag eftermiddag", in week order.
AVAILABILITY_CHOICES = [
    (f"{day}-{part}", format_lazy("{} {}", d, p)) for day, d in WEEKDAYS for part, p in DAY_PARTS
]
AVAILABILITY_ORDER = {slug: i for i, (slug, _label) in enumerate(AVAILABILITY_CHOICES)}
AVAILABILITY_LABELS = Labels(AVAILABILITY_CHOICES)
INTEREST_LABELS = Labels(Interest.choices)


class MatchStatus(models.TextChoices):
    CLAIMED = "claimed", _("Afventer den unges svar")
    ACTIVE = "active", _("Aktivt forløb")
    DECLINED = "declined", _("Afvist")
    # The mentor took back their own claim before it was answered; not a "no" from anyone.
    WITHDRAWN = "withdrawn", _("Trukket tilbage")
    EXPIRED = "expired", _("Udløbet")
    CLOSED = "closed", _("Afsluttet")


OPEN_MATCH_STATUSES = (MatchStatus.CLAIMED, MatchStatus.ACTIVE)


class ClosureReason(models.TextChoices):
    GOAL_REACHED = "goal_reached", _("Mål nået")
    MOVED = "moved", _("Flyttet")
    YOUTH_WANTED_TO_STOP = "youth_stopped", _("Den unge ønskede at stoppe")
    MENTOR_STOPS = "mentor_stops", _("Mentor stopper")
    OTHER = "other", _("Andet")


class ContactKind(models.TextChoices):
    MEETING = "meeting", _("Møde")
    HOME_VISIT = "home_visit", _("Hjemmebesøg")
    PHONE = "phone", _("Telefon")
    ONLINE = "online", _("Video/online")
    MESSAGE = "message", _("Besked")
