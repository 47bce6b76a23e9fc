"""Text saved through a form comes back escaped wherever it is shown.

The browser test (tests/browser/test_xss.py) puts the whole corpus through every form and
opens every page that shows it; these are the quick checks of the two places that decide:
Django's escaping of a saved value, and the sanitiser that offer descriptions go through.
"""

import html
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils.html import escape

from offers.text import description_to_html
from ressourcebank.accounts.models import Role
from tests.offers.factories import make_offer
from tests.security.xss_payloads import PAYLOADS


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_name_saved_through_the_staff_invite_renders_escaped(client_as, department, payload):
    client = client_as("coordinator")
    response = client.post(
        reverse("coordinator:staff-invite"),
        {
            "email": "payload@test.example",
            "first_name": payload,
            "last_name": "Hansen",
            "role": Role.CASEWORKER,
            "departments": [department.pk],
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("coordinator:staff-list")).content.decode()
    assert escape(payload) in page
    if escape(payload) != payload:
        assert payload not in page


# What a description may hold, written out here: a test that read the sanitiser's own
# settings would pass whatever they were changed to.
SAFE_MARKUP = {"p": set(), "br": set(), "a": {"href", "rel"}}
SAFE_SCHEMES = {"http", "https", "mailto", "tel", ""}


class _Markup(HTMLParser):
    """The tags and attributes of a piece of HTML, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _scheme(href: str) -> str:
    # Browsers drop tabs and line breaks inside a URL and ignore leading spaces and controls.
    cleaned = "".join(c for c in html.unescape(href) if c not in "\t\n\r").lstrip(" \x00-\x1f")
    return cleaned.split(":", 1)[0].lower() if ":" in cleaned.split("/", 1)[0] else ""


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("mode", ["text", "html"])
def test_offer_descriptions_keep_only_paragraphs_and_safe_links(payload, mode):
    # "<p" in the text switches the sanitiser from escaping to cleaning the HTML.
    typed = payload if mode == "text" else f"<p>Om os</p>{payload}"
    parser = _Markup()
    parser.feed(description_to_html(typed))
    for tag, attributes in parser.tags:
        assert tag in SAFE_MARKUP, tag
        assert set(attributes) <= SAFE_MARKUP[tag], attributes
        if "href" in attributes:
            assert _scheme(attributes["href"]) in SAFE_SCHEMES, attributes["href"]


@pytest.mark.django_db
def test_offer_cards_show_a_descriptions_text_as_typed(client):
    """A card's summary is the description's text: "&" reads "&", not "&amp;"."""
    offer = make_offer(description=description_to_html('Musik & "drama" <3'))
    for url in (
        reverse("offers:catalogue"),
        reverse("offers:organisation-detail", args=[offer.organisation_id]),
    ):
        page = client.get(url).content.decode()
        assert "Musik &amp; &quot;drama&quot; &lt;3" in page, url
        assert "&amp;amp;" not in page and "&amp;lt;" not in page, url
