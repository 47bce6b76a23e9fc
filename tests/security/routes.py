"""Every route of the portal, found by walking the URL resolver, and the persona to try it as.

New feature routes are covered the day they are added: nothing here lists them by hand.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin

from ressourcebank.accounts.roles import may_open
from tests.accounts.test_authorization_walker import ALL_NAMES, named_urls, url_for

# Django's admin is not ours to harden; the rest is.
SKIP = ("admin:",)

# Who opens a page: the first persona in this order that may (staff with their second factor).
PERSONA_ORDER = ["anonymous", "coordinator", "caseworker", "organisation_member", "mentor"]


def route_names() -> list[str]:
    return [name for name in ALL_NAMES if not name.startswith(SKIP)]


def parameterless(name: str) -> bool:
    pattern = named_urls()[name].pattern
    return not getattr(pattern, "converters", None) and "(?P<" not in str(pattern)


def url(name: str) -> str:
    return url_for(name)


def persona_for(name: str, personas: dict) -> str | None:
    return next((p for p in PERSONA_ORDER if may_open(personas[p], name)), None)


class _FormParser(HTMLParser):
    """The POST forms inside <main>: action and the names of their fields."""

    TEXT_TYPES = {"text", "email", "password", "search", "tel", "url", "number", "date", ""}

    def __init__(self):
        super().__init__()
        self.in_main = 0
        self.forms: list[dict] = []
        self.current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main += 1
        elif tag == "form" and self.in_main and attrs.get("method", "").lower() == "post":
            self.current = {"action": attrs.get("action") or "", "fields": {}, "text": []}
        elif self.current is not None and tag in {"input", "textarea", "select"}:
            name = attrs.get("name")
            kind = attrs.get("type", "") if tag == "input" else tag
            if not name or name == "csrfmiddlewaretoken":
                return
            self.current["fields"].setdefault(name, kind)
            if kind in self.TEXT_TYPES or kind == "textarea":
                self.current["text"].append(name)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        elif tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None


def post_forms(html: str, page_url: str) -> list[dict]:
    """POST forms in the page's content that have a field to type in, with absolute actions."""
    parser = _FormParser()
    parser.feed(html)
    forms = [form for form in parser.forms if form["text"]]
    for form in forms:
        form["action"] = urljoin(page_url, form["action"]) if form["action"] else page_url
    return forms


class _GetFieldParser(HTMLParser):
    """The names of the fields of GET forms (filters, searches) anywhere in a page."""

    def __init__(self):
        super().__init__()
        self.in_get_form = False
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif self.in_get_form and tag in {"input", "select", "textarea"} and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def get_fields(html: str) -> set[str]:
    parser = _GetFieldParser()
    parser.feed(html)
    return parser.names
