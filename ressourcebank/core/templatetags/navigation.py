"""``{% nav_item "youth:list" _("Mine unge") %}``: one menu link, marked when it is the page.

A tag rather than an included template: every page has a dozen menu links, and an include
with a ``{% url %}`` inside costs about ten times as much to render.
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

CURRENT = mark_safe(' aria-current="page"')  # noqa: S308 - a constant


@register.simple_tag(takes_context=True)
def nav_item(context, url_name: str, label: str) -> str:
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        return ""  # a menu may name pages of an app this installation leaves out
    current = CURRENT if context["request"].path == url else ""
    return format_html(
        '<li><a href="{}" class="nav-link"{}><span>{}</span></a></li>', url, current, label
    )
