"""The overview's filters: period, department, town or rural, age band (all GET)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import Department
from ressourcebank.core.forms import DesignSystemFormMixin
from youth.models import AgeBand, add_months

PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR, PERIOD_CUSTOM = "maaned", "kvartal", "aar", "valgfri"
TOWN, RURAL = "by", "land"
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@dataclass(frozen=True)
class Filters:
    start: datetime.date  # first day of the first month
    end: datetime.date  # first day of the last month (inclusive)
    department: Department | None
    is_rural: bool | None
    age_band: str

    def describe(self) -> str:
        """The chosen filters in a few words, for the access log."""
        parts = [f"{self.start:%Y-%m}–{self.end:%Y-%m}"]
        if self.department is not None:
            parts.append(self.department.slug)
        if self.is_rural is not None:
            parts.append(RURAL if self.is_rural else TOWN)
        if self.age_band:
            parts.append(self.age_band)
        return ", ".join(parts)

    def period_months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


class MonthField(forms.CharField):
    """A month as YYYY-MM (what <input type="month"> sends)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "ÅÅÅÅ-MM"})

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        match = _MONTH_RE.match(value)
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError(_("Skriv en måned som ÅÅÅÅ-MM, fx 2025-03."))
        if not EARLIEST_YEAR <= int(match[1]) <= LATEST_YEAR:
            raise forms.ValidationError(
                _("Vælg en måned fra %(first)s-01 til %(last)s-12.")
                % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}
            )
        return datetime.date(int(match[1]), int(match[2]), 1)


class OverviewFilterForm(DesignSystemFormMixin, forms.Form):
    periode = forms.ChoiceField(
        label=_("Periode"),
        choices=[
            (PERIOD_CUSTOM, _("Fra og til måned")),
            (PERIOD_MONTH, _("En måned")),
            (PERIOD_QUARTER, _("Et kvartal")),
            (PERIOD_YEAR, _("Et år")),
        ],
        required=False,
    )
    aar = forms.IntegerField(
        label=_("År"), min_value=EARLIEST_YEAR, max_value=LATEST_YEAR, required=False
    )
    kvartal = forms.TypedChoiceField(
        label=_("Kvartal"),
        choices=[("", "—")] + [(q, format_lazy("{}. {}", q, _("kvartal"))) for q in range(1, 5)],
        coerce=int,
        required=False,
    )
    maaned = forms.TypedChoiceField(
        label=_("Måned"),
        choices=[("", "—")] + [(m, f"{m:02d}") for m in range(1, 13)],
        coerce=int,
        required=False,
    )
    fra = MonthField(label=_("Fra måned"), required=False)
    til = MonthField(label=_("Til og med måned"), required=False)
    afdeling = forms.ModelChoiceField(
        label=_("Afdeling"),
        queryset=Department.objects.order_by("name"),
        empty_label=_("Alle afdelinger"),
        required=False,
    )
    omraade = forms.ChoiceField(
        label=_("Bor i"),
        choices=[("", _("By og land")), (TOWN, _("Byen")), (RURAL, _("Landdistrikter"))],
        required=False,
    )
    aldersgruppe = forms.ChoiceField(
        label=_("Aldersgruppe"), choices=[("", _("Alle aldre")), *AgeBand.choices], required=False
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        today = timezone.localdate()
        kind = data.get("periode") or PERIOD_CUSTOM
        year = data.get("aar") or today.year
        if kind == PERIOD_MONTH:
            start = end = datetime.date(year, data.get("maaned") or today.month, 1)
        elif kind == PERIOD_QUARTER:
            quarter = data.get("kvartal") or (today.month - 1) // 3 + 1
            start = datetime.date(year, 3 * quarter - 2, 1)
            end = add_months(start, 2)
        elif kind == PERIOD_YEAR:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 1)
        else:
            end = data.get("til") or month_start(today)
            start = data.get("fra") or add_months(end, -11)
            if start > end:
                self.add_error("til", _("Til-måneden skal ligge efter fra-måneden."))
                return data
        data["start"], data["end"] = start, end
        return data

    def filters(self) -> Filters:
        """The cleaned filters; call only when the form is valid."""
        data = self.cleaned_data
        rural = {TOWN: False, RURAL: True}.get(data.get("omraade") or "")
        return Filters(
            start=data["start"],
            end=data["end"],
            department=data.get("afdeling"),
            is_rural=rural,
            age_band=data.get("aldersgruppe") or "",
        )
