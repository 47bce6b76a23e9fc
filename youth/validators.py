"""The CPR guard: no Danish personal identity number is ever stored in Ressourcebanken.

A CPR number is ddmmyy followed by four digits, optionally split by a dash or a space. Only
sequences whose first six digits form a real calendar date are refused, so ordinary numbers
(phone numbers, case numbers) pass.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CPR_MESSAGE = _("CPR-numre må ikke gemmes her. Fjern nummeret og prøv igen.")

# Not preceded or followed by another digit: "12345678901" is not a CPR number.
_CPR_LIKE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[- ]?\d{4}(?!\d)")


def _is_date(day: int, month: int, year: int) -> bool:
    # The century lives in the seventh digit; accept the date if it exists in either century
    # (29 February 00 exists in 2000), which errs on the side of refusing.
    for century in (1900, 2000):
        try:
            datetime.date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def contains_cpr(value) -> bool:
    if value is None:
        return False
    if isinstance(value, (list, tuple)):
        return any(contains_cpr(item) for item in value)
    return any(
        _is_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        for m in _CPR_LIKE.finditer(str(value))
    )


def reject_cpr(value) -> None:
    """Validator for every free-text field that could hold personal data."""
    if contains_cpr(value):
        raise ValidationError(CPR_MESSAGE, code="cpr")
