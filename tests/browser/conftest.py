"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Skipped as a whole, with the reason shown, only when /usr/bin/chromium is missing (CI installs
it). Every page a test opens is watched: a Content-Security-Policy violation in the console or a
failed same-site resource (CSS, JS, fonts) fails the test.
"""

import os
from pathlib import Path

import pytest

from tests.browser import pages

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures and
# helpers are still plain synchronous code, so Django's async-safety guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    mine = [item for item in items if HERE in Path(item.path).parents]
    for item in mine:
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM.exists():
            item.add_marker(
                pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM}")
            )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server, request):
    """A factory of watched pages, each in its own browser context (its own cookies)."""
    opened = []

    def make() -> pages.WatchedPage:
        context = browser.new_context(
            base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900}
        )
        watched = pages.WatchedPage(
            context.new_page(), test_name=request.node.name, base_url=live_server.url
        )
        opened.append((context, watched))
        return watched

    yield make
    problems = []
    for context, watched in opened:
        problems.extend(watched.problems)
        context.close()
    assert problems == [], "Problems seen in the browser:\n" + "\n".join(problems)


@pytest.fixture
def page(new_page):
    return new_page()
