from django import template
from django.utils.safestring import mark_safe

from offers.text import clean_html

register = template.Library()


@register.filter
def sanitised(html: str) -> str:
    """Render a stored description; cleaned again on the way out in case a row was loaded
    around the form (a bulk import, the admin)."""
    return mark_safe(clean_html(html or ""))  # noqa: S308 - nh3 allows only p, br and a[href]


@register.filter
def kroner(value) -> str:
    """Whole kroner in Danish format: 1.250 kr."""
    return f"{int(value):,} kr.".replace(",", ".")
