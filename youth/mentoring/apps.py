from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    """Mentor matching: part of the youth domain, kept in its own app for a clear boundary."""

    name = "youth.mentoring"
    label = "mentoring"
    verbose_name = _("Mentorforløb")
