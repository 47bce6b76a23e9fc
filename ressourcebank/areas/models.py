from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """A named district of the municipality; town or rural, so reach can be measured."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    is_rural = models.BooleanField(_("landdistrikt"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("område")
        verbose_name_plural = _("områder")

    def __str__(self):
        return self.name


class Postcode(models.Model):
    code = models.CharField(_("postnummer"), max_length=4, primary_key=True)
    name = models.CharField(_("by"), max_length=100)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="postcodes", verbose_name=_("område")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("postnummer")
        verbose_name_plural = _("postnumre")

    def __str__(self):
        return f"{self.code} {self.name}"
