"""axe-core (WCAG 2.0/2.1 A and AA) on every page each persona can open, and on its forms' errors.

The pages are found by walking the URL resolver, like the authorization walker: every URL name
without parameters that the persona may open by roles.URL_RULES. New feature pages are covered
the day they get a URL; pages that need an object (``/tilbud/<id>/``) are listed in
``OBJECT_PAGES`` with a function that makes the object.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from ressourcebank.accounts.roles import PUBLIC, may_open, rule_for
from tests.accounts.test_authorization_walker import named_urls
from tests.browser import pages

# Not pages for people: health checks, redirects, downloads, Django's own admin.
NOT_PAGES = ("admin:", "core:health", "set_language", "javascript-catalog", "mfa_download")

# Pages that need an object: (persona, function(user) -> path). Feature areas add theirs.
OBJECT_PAGES: list[tuple[str, object]] = []

PERSONAS = [
    "anonymous",
    "organisation_member",
    "mentor",
    "caseworker",
    "coordinator",
    "staff_without_mfa",
]

# The first POST form of the page's content with a field to type in, made to skip the
# browser's own validation so that the server answers with its error messages.
EMPTY_FORM = """() => {
  const form = [...document.querySelectorAll("main form")].find((f) =>
    f.method === "post" && f.querySelector(
      "input[type=text], input[type=email], input[type=password], input:not([type]), textarea")
    && f.querySelector("button[type=submit], button:not([type]), input[type=submit]"));
  if (!form) return false;
  form.noValidate = true;
  form.dataset.axeSubmit = "yes";
  return true;
}"""
SUBMIT = "form[data-axe-submit] :is(button[type=submit], button:not([type]), input[type=submit])"


def parameterless_pages(user):
    for name, pattern in sorted(named_urls().items()):
        if name.startswith(NOT_PAGES) or getattr(pattern.pattern, "converters", None):
            continue
        if "(?P<" in str(pattern.pattern):
            continue
        if not may_open(user, name):
            continue
        # Public pages are checked once, for the anonymous visitor (and the front page for all).
        if user is not None and rule_for(name) == PUBLIC and name != "core:home":
            continue
        yield reverse(name)


def check(page, path: str, seen: set, problems: list):
    try:
        response = page.visit(path, path)
    except PlaywrightError as error:
        # A download (an export) or an empty error answer (a POST-only URL's 405): no page.
        if "Download is starting" in error.message:
            return
        if "ERR_HTTP_RESPONSE_CODE" not in error.message and "chrome-error" not in error.message:
            raise
        status = page.request.get(path).status
        if status >= 500:
            problems.append(f"{path}: {status}")
        return
    if response is not None and response.status >= 500:
        problems.append(f"{path}: {response.status}")
    if response is None or "text/html" not in response.headers.get("content-type", ""):
        return
    if page.url in seen:
        return  # e.g. a redirect to a page already checked
    seen.add(page.url)
    problems.extend(pages.axe_violations(page))
    if not page.evaluate(EMPTY_FORM):
        return
    with page.expect_navigation():
        page.locator(SUBMIT).first.click()
    pages.screenshot(page, f"{path}-errors")
    problems.extend(f"(form errors) {v}" for v in pages.axe_violations(page))


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_of_each_persona_passes_axe(persona, personas, new_page):
    user = personas[persona]
    page = new_page()
    if user is not None:
        pages.login_with_session(page, user, mfa=persona != "staff_without_mfa")
    paths = list(parameterless_pages(user))
    paths += [make_path(user) for who, make_path in OBJECT_PAGES if who == persona]
    seen, problems = set(), []
    for path in paths:
        check(page, path, seen, problems)
    assert len(seen) >= 3, f"too few pages checked: {seen}"
    assert problems == [], "axe found WCAG violations:\n" + "\n".join(problems)


def test_error_pages_pass_axe(personas, new_page):
    page = new_page()
    page.visit("/findes-ikke/", "404")
    assert page.get_by_role("heading", name="Siden findes ikke").is_visible()
    pages.assert_accessible(page)

    pages.login_with_session(page, personas["organisation_member"])
    page.visit("/koordinator/", "403")
    assert page.get_by_role("heading", name="Du har ikke adgang til siden").is_visible()
    pages.assert_accessible(page)

    # A form whose CSRF cookie is gone (e.g. expired) gets the designed 403 page.
    other = new_page()
    other.visit("/konto/login/", "login")
    other.context.clear_cookies()
    with other.expect_navigation():
        other.locator("main form").get_by_role("button", name="Log ind").click()
    pages.screenshot(other, "403-csrf")
    assert other.get_by_role("heading", name="Formularen er udløbet").is_visible()
    pages.assert_accessible(other)
