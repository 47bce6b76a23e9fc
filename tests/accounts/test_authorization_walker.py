"""Every URL name × every persona against the capability map in ressourcebank/accounts/roles.py.

A URL without an entry in URL_RULES fails here, so no page can be added without a rule.
"""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter, StringConverter, UUIDConverter

from ressourcebank.accounts.mfa import MFA_SETUP_URL_NAMES
from ressourcebank.accounts.roles import PUBLIC, may_open, rule_for

PERSONAS = [
    "anonymous",
    "organisation_member",
    "mentor",
    "caseworker",
    "caseworker_other_department",
    "coordinator",
    "staff_without_mfa",
]

DUMMY = {
    IntConverter: 987654321,
    UUIDConverter: uuid.UUID("00000000-0000-4000-8000-000000000000"),
    SlugConverter: "findes-ikke",
    StringConverter: "findes-ikke",
}


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def named_urls():
    seen = {}
    for name, pattern in walk(get_resolver().url_patterns):
        seen.setdefault(name, pattern)
    return seen


def url_for(name):
    """The URL of a name, with a value for each of its converters that names no real object."""
    pattern = named_urls()[name]
    converters = getattr(pattern.pattern, "converters", {})
    kwargs = {key: DUMMY.get(type(conv), "findes-ikke") for key, conv in converters.items()}
    regex = getattr(pattern.pattern, "regex", None)
    for key in getattr(regex, "groupindex", {}):
        if key not in kwargs:
            kwargs[key] = _regex_sample(regex.pattern, key)
    return reverse(name, kwargs=kwargs)


def _regex_sample(regex: str, group: str) -> str:
    """A value for a named regex group: its first alternative (``a|b|c``) or a plain word."""
    body = re.search(rf"\(\?P<{group}>([^)]*)\)", regex).group(1)
    if "|" in body and re.fullmatch(r"[\w|]+", body):
        return body.split("|")[0]
    return "abc0"


ALL_NAMES = sorted(named_urls())


def test_every_url_has_a_rule():
    missing = [name for name in ALL_NAMES if rule_for(name) is None]
    assert missing == [], (
        f"URL names without an entry in roles.URL_RULES: {missing} "
        "(CONTRIBUTING.md, 'Adding a page')"
    )


def test_public_rules_match_login_not_required():
    """LoginRequiredMiddleware and the rule map must agree about what is public."""
    disagree = []
    for name, pattern in named_urls().items():
        if name.startswith(("account_", "mfa_", "admin:")):
            continue  # allauth and the admin manage their own login handling
        public_view = getattr(pattern.callback, "login_required", True) is False
        if public_view != (rule_for(name) == PUBLIC):
            disagree.append(name)
    assert disagree == []


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_walk_every_url(persona, personas, client_for, client):
    client = client_for(persona)
    user = personas[persona]
    problems = []
    for name in ALL_NAMES:
        url = url_for(name)
        response = client.get(url)
        status = response.status_code
        location = response.headers.get("Location", "")
        # LoginRequiredMiddleware sends the user to log in and come back (?next=).
        # (The admin's own login page forwards to the same allauth login.)
        login_redirect = status == 302 and location.startswith(
            (reverse("account_login") + "?next=", reverse("admin:login") + "?next=")
        )
        rule = rule_for(name)
        if persona == "staff_without_mfa" and rule != PUBLIC and name not in MFA_SETUP_URL_NAMES:
            ok = status == 302 and (
                location.startswith(reverse("mfa_activate_totp")) or login_redirect
            )
            expectation = "redirect to MFA set-up"
        elif user is None:
            ok = (rule == PUBLIC and not login_redirect and status != 403) or (
                rule != PUBLIC and login_redirect
            )
            expectation = "public page" if rule == PUBLIC else "login redirect"
        elif may_open(user, name):
            ok = status != 403 and status < 500
            expectation = "allowed"
        else:
            ok = status == 403
            expectation = "403"
        if not ok:
            problems.append(f"{name} {url}: {status} {location} (expected {expectation})")
    assert problems == []
