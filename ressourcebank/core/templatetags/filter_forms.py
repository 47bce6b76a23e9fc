"""``{% filter_fields filterset %}``: a list page's GET filter form, rendered once for everyone.

A filter form's fields depend only on the query string and the language (their choices are
the same for everyone), and rendering their widgets costs 5–10 ms a request, a third of a
list page. Use it only for forms whose choices do not depend on the viewer. The tag takes
the filter set, not its form: an unbound filter set (no query string) then never builds one.
"""

from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ressourcebank.core import fragments

register = template.Library()

# Choices read from the database (areas) can lag a change this long.
FILTER_FORM_SECONDS = 5 * 60


@register.simple_tag(takes_context=True)
def filter_fields(context, filterset):
    query = context["request"].GET.copy()
    query.pop("side", None)  # the page number does not change the form
    key = fragments.key(
        "filter-form", type(filterset).__qualname__, get_language(), query.urlencode()
    )
    local = caches["local"]  # the same for every worker: no need to share it
    html = local.get(key)
    if html is None:
        html = render_to_string("_form.html", {"form": filterset.form})
        local.set(key, html, FILTER_FORM_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered
