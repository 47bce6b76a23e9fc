"""Offer descriptions: paragraphs and links only; nothing executable survives."""

import html

import nh3
from django.utils.html import linebreaks, strip_tags

ALLOWED_TAGS = {"p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def description_to_html(text: str) -> str:
    """Plain text (what most people type) becomes escaped paragraphs; text that already holds
    paragraphs or links keeps those and loses everything else."""
    text = (text or "").strip()
    if not text:
        return ""
    lowered = text.lower()
    if "<p" in lowered or "<a " in lowered:
        return clean_html(text)
    return clean_html(linebreaks(text, autoescape=True))


def description_text(description: str) -> str:
    """A stored description as the plain text it reads as, for summaries: tags dropped and
    entities decoded (``&amp;`` is "&"), to be escaped once more where it is shown."""
    return html.unescape(strip_tags(description or ""))
