from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    """Mentor matching: part of the youth domain, kept in its own app for a clear boundary."""

    name = "youth.mentoring"
    label = "mentoring"
    verbose_name = _("Mentorforløb")

    def ready(self):
        # The youth app sends these for erasure and export; mentoring answers for its data.
        from youth.signals import youth_erased, youth_export_collect

        from . import signals

        youth_erased.connect(signals.erase_mentoring, dispatch_uid="mentoring-erase")
        youth_export_collect.connect(signals.export_matches, dispatch_uid="mentoring-export")
        youth_export_collect.connect(signals.export_wish, dispatch_uid="mentoring-export-wish")
