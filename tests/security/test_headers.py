"""Security headers on every response of every route, and the cookie flags of production."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from tests import factories
from tests.security import routes

COOKIE_SETTINGS = [
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_NAME",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_PATH",
    "SECURE_HSTS_SECONDS",
]


def header_problems(response, *, logged_in: bool) -> list[str]:
    problems = []
    csp = response.headers.get("Content-Security-Policy", "")
    if not csp:
        problems.append("no Content-Security-Policy")
    if "unsafe-inline" in csp or "unsafe-eval" in csp:
        problems.append(f"CSP allows unsafe code: {csp}")
    if "frame-ancestors 'none'" not in csp and response.headers.get("X-Frame-Options") != "DENY":
        problems.append("may be framed")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    referrer_policy = response.headers.get("Referrer-Policy")
    if referrer_policy not in {"same-origin", "no-referrer", "strict-origin"}:
        problems.append(f"Referrer-Policy {referrer_policy!r}")
    if "camera=()" not in response.headers.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy")
    if logged_in and "no-store" not in response.headers.get("Cache-Control", ""):
        problems.append(f"Cache-Control {response.headers.get('Cache-Control')!r} when logged in")
    return problems


@pytest.mark.django_db
def test_every_route_sends_the_security_headers(personas, client_as):
    problems, clients = [], {}
    for name in routes.route_names():
        url = routes.url(name)
        tried = {"anonymous", routes.persona_for(name, personas)} - {None}
        for persona in sorted(tried):
            if persona not in clients:
                clients[persona] = client_as(persona)
            client = clients[persona]
            response = client.get(url)
            for problem in header_problems(response, logged_in=persona != "anonymous"):
                problems.append(f"{name} {url} as {persona} ({response.status_code}): {problem}")
    assert problems == []


@pytest.mark.django_db
def test_static_and_error_responses_send_them_too(client_as):
    response = client_as(None).get("/findes-ikke/")
    assert response.status_code == 404
    assert header_problems(response, logged_in=False) == []


def production_cookie_settings() -> dict:
    """The cookie settings as production computes them: settings imported with DEBUG unset."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=os.environ.get("DATABASE_URL") or "postgres://localhost/unused",
    )
    code = (
        "import json; from ressourcebank import settings as s; "
        f"print(json.dumps({{k: getattr(s, k) for k in {COOKIE_SETTINGS!r}}}))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.django_db
def test_production_cookies_are_host_only_secure_and_httponly(client):
    production = production_cookie_settings()
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    del production["SECURE_HSTS_SECONDS"]
    user = factories.make_mentor_user()
    with override_settings(**production):
        client.get(reverse("account_login"))
        client.post(
            reverse("account_login"), {"login": user.email, "password": factories.PASSWORD}
        )
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
    names = {
        production["SESSION_COOKIE_NAME"]: True,
        production["CSRF_COOKIE_NAME"]: True,
        production["LANGUAGE_COOKIE_NAME"]: False,  # harmless to scripts; still host-only
    }
    for name, httponly in names.items():
        assert name.startswith("__Host-"), name
        cookie = client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["path"] == "/", name
        assert not cookie["domain"], name
        if httponly:
            assert cookie["httponly"] is True, name
    assert client.cookies[production["SESSION_COOKIE_NAME"]]["samesite"] == "Lax"
