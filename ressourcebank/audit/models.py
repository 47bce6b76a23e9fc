import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("Vist")
    SEARCH = "search", _("Søgt")
    EXPORT = "export", _("Eksporteret")
    CREATE = "create", _("Oprettet")
    UPDATE = "update", _("Ændret")
    DELETE = "delete", _("Slettet")
    DENIED = "denied", _("Adgang nægtet")


class AccessLog(models.Model):
    """Who did what to which personal data, when, from where and why. Append-only.

    Rows name the object by type and id only, never by its content, so the log itself holds
    no personal data beyond the acting user.
    """

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bruger"),
    )
    action = models.CharField(_("handling"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("type"), max_length=50)
    object_id = models.CharField(_("id"), max_length=64, blank=True)
    purpose = models.CharField(_("formål"), max_length=200)
    ip_address = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)

    class Meta:
        verbose_name = _("adgangslog")
        verbose_name_plural = _("adgangslog")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"], name="accesslog_object")]
        triggers = [
            pgtrigger.Protect(
                name="access_log_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}"
