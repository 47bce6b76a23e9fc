"""Reusable steps for browser journeys: log in (TOTP included), take screenshots, run axe.

Feature journeys build on these, e.g.::

    def test_offer_is_found(page, live_server):
        login_as(page, "org@test.example", PASSWORD)
        page.visit("/tilbud/ny/", "new-offer")
        ...
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from tests import factories

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


class WatchedPage:
    """A Playwright page that records what must never happen on any page of the portal.

    - a Content-Security-Policy violation (inline script or style attribute, foreign source);
    - a JavaScript error;
    - a same-site resource (stylesheet, script, font, image) answering 4xx/5xx.
    Everything else is delegated to the Playwright page, so ``page.click(...)`` works.
    """

    def __init__(self, page, *, test_name: str, base_url: str):
        self.page = page
        self.base_url = base_url
        self.test_name = re.sub(r"[^\w.-]+", "_", test_name)
        self.problems: list[str] = []
        self.shots = 0
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"JS error: {error}"))
        page.on("response", self._on_response)

    def __getattr__(self, name):
        return getattr(self.page, name)

    def _on_console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.problems.append(f"CSP violation on {self.page.url}: {message.text}")

    def _on_response(self, response):
        request = response.request
        if request.resource_type == "document" or response.status < 400:
            return
        if response.url.startswith(self.base_url):
            self.problems.append(f"{response.status} for {request.resource_type} {response.url}")

    def visit(self, path: str, name: str | None = None):
        """Open a path of the portal and keep a screenshot of it; returns the response."""
        response = self.page.goto(path)
        self.page.wait_for_load_state("load")
        screenshot(self, name or path)
        return response


def screenshot(page: WatchedPage, name: str) -> Path:
    """A full-page screenshot under test-results/screenshots/, named after test and step."""
    page.shots += 1
    slug = re.sub(r"[^\w-]+", "-", name).strip("-") or "page"
    path = SCREENSHOTS / f"{page.test_name}--{page.shots:02d}-{slug}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(path), full_page=True)
    return path


def totp_code(secret: str) -> str:
    """The code an authenticator app shows right now for this secret."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def login_as(page: WatchedPage, email: str, password: str, totp_secret: str | None = None):
    """Log in through the real login form, and the TOTP step when a secret is given."""
    page.visit("/konto/login/", "login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Log ind").click()
    if totp_secret is not None:
        screenshot(page, "mfa-authenticate")
        page.get_by_label("Kode").fill(totp_code(totp_secret))
        with page.expect_navigation():
            page.locator("main form").get_by_role("button", name="Log ind").click()
    screenshot(page, "after-login")


def login_with_session(page: WatchedPage, user, *, mfa: bool = True):
    """Log in by handing the browser a session cookie: quicker than the form, same session.

    For pages that are not about logging in (e.g. the accessibility sweep); journeys that test
    the login itself use ``login_as``.
    """
    client = factories.login(Client(), user, mfa=mfa)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": page.base_url}]
    )


def axe_violations(page: WatchedPage) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the current page, readable."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = _axe.run(page.page, options=options)
    reports = []
    for violation in results.response["violations"]:
        nodes = "\n".join(
            f"      {', '.join(map(str, node['target']))}: {node['html'][:200]}"
            for node in violation["nodes"]
        )
        reports.append(
            f"{page.page.url}: {violation['id']} ({violation['impact']}) "
            f"{violation['help']}\n{nodes}"
        )
    return reports


def assert_accessible(page: WatchedPage):
    violations = axe_violations(page)
    assert violations == [], "axe found WCAG violations:\n" + "\n".join(violations)


FOCUSED_IS_VISIBLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return style.outlineStyle !== "none" && style.outlineWidth !== "0px"
    || style.boxShadow !== "none";
}"""


def tab_to(page: WatchedPage, selector: str, *, limit: int = 50) -> int:
    """Press Tab until the element matching ``selector`` has the focus; how many presses.

    Every element passed on the way must show where the focus is (WCAG 2.4.7).
    """
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
        assert page.evaluate(FOCUSED_IS_VISIBLE), f"no visible focus on {focused}"
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab on {page.url}")
