from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ressourcebank.accounts"
    label = "accounts"
    verbose_name = _("Brugere og roller")

    def ready(self):
        from . import signals  # noqa: F401
