import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

_INPUT_CLASS = {
    forms.Textarea: "form-input",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.CheckboxInput: "form-checkbox",
    forms.CheckboxSelectMultiple: "form-checkbox",
    forms.RadioSelect: "form-radio",
}


# Bounds for fields that set none: what a person could mean, and what PostgreSQL can store
# and compute with (a year 9999 overflows the first date arithmetic).
EARLIEST_DATE, LATEST_DATE = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)
LARGEST_INTEGER = 2**31 - 1  # PostgreSQL's integer


class DateRangeValidator:
    def __call__(self, value):
        day = value.date() if isinstance(value, datetime.datetime) else value
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise forms.ValidationError(
                _("Vælg en dato mellem %(first)s og %(last)s."),
                code="date_range",
                params={"first": date_format(EARLIEST_DATE), "last": date_format(LATEST_DATE)},
            )

    def __eq__(self, other):
        return isinstance(other, DateRangeValidator)


def _bounded(field: forms.Field) -> None:
    has = {type(v) for v in field.validators}
    if isinstance(field, forms.DateField | forms.DateTimeField):
        if not has & {MinValueValidator, MaxValueValidator, DateRangeValidator}:
            field.validators.append(DateRangeValidator())
    elif isinstance(field, forms.IntegerField | forms.DecimalField):
        if MaxValueValidator not in has:
            field.validators.append(
                MaxValueValidator(LARGEST_INTEGER, message=_("Skriv et mindre tal."))
            )
        if MinValueValidator not in has:
            field.validators.append(
                MinValueValidator(-LARGEST_INTEGER, message=_("Skriv et større tal."))
            )


def design_system_class(widget) -> str:
    """Det Fælles Designsystem's class for a widget."""
    return next((c for kind, c in _INPUT_CLASS.items() if isinstance(widget, kind)), "form-input")


class DesignSystemFormMixin:
    """Gives every widget Det Fælles Designsystem's class, and every date and number field
    bounds when it sets none.

    Django marks invalid fields with aria-invalid itself. Nothing here may touch
    ``self.errors``: validating inside ``__init__`` would run before a subclass narrows its
    choices and cache a result that lets values outside them through.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", design_system_class(field.widget))
            _bounded(field)
