"""Small-number protection for figures about other departments' young people.

Two rules together stop both "narrow the filters until one person is left" and "subtract
two figures":
- a count below ``SMALL_COUNT_THRESHOLD`` is shown as "<5";
- every other count is rounded to the nearest multiple of the threshold.

So every protected figure a user sees is "<5" or a multiple of 5, and the difference of two
of them is a multiple of 5 too: it can never be a suppressed count of 1–4. Each rounded
figure stands for five possible true counts, so subtracting even an exact own-department
count leaves at least two candidates for what was hidden. Percentages are computed from the
shown (rounded) numbers and hidden when either side is hidden.

A user's own department's young people are theirs to know: those figures are exact.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format


def fmt(n: int | float, decimals: int = 0) -> str:
    """A number in the current language's format (Danish: 1.234,5)."""
    # number_format cuts digits off; round first so 42,86 shows as 43.
    return number_format(round(n, decimals), decimal_pos=decimals, use_l10n=True,
                         force_grouping=True)


@dataclass(frozen=True)
class Shown:
    """A count as the user may see it: ``value`` is None when hidden."""

    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None

    @property
    def text(self) -> str:
        if self.value is None:
            return f"<{settings.SMALL_COUNT_THRESHOLD}"
        return fmt(self.value)

    def __str__(self) -> str:
        return self.text


def protect(n: int | None, *, exact: bool) -> Shown:
    n = int(n or 0)
    if exact:
        return Shown(n)
    base = settings.SMALL_COUNT_THRESHOLD
    if n < base:
        return Shown(None)
    return Shown((n + base // 2) // base * base)


def share(part: Shown, whole: Shown) -> str:
    """``part`` as a percentage of ``whole``, or "–" when it cannot be shown."""
    if part.hidden or whole.hidden or not whole.value:
        return "–"
    return f"{fmt(100 * part.value / whole.value)} %"
