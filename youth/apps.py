from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YouthConfig(AppConfig):
    name = "youth"
    verbose_name = _("Unge")

    def ready(self):
        from . import permissions  # noqa: F401 - registers the rules permissions
