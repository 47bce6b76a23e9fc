"""Search and login with the keyboard alone (Tab, typing and Enter; no mouse)."""

from urllib.parse import parse_qs, urlsplit

from tests import factories
from tests.browser.pages import screenshot, tab_to


def test_skip_link_then_search_from_the_front_page(page, transactional_db):
    page.visit("/", "home")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == (
        "Gå til sidens indhold"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"
    presses = tab_to(page, "#front-search")
    assert presses == 1, "the search box is the first thing in the page's content"
    page.keyboard.type("musik")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    screenshot(page, "search-results")
    url = urlsplit(page.url)
    assert url.path == "/tilbud/"
    assert parse_qs(url.query)["q"] == ["musik"]


def test_login_with_the_keyboard(page, transactional_db):
    user = factories.make_mentor_user(email="mentor@test.example")
    page.visit("/", "home")
    tab_to(page, "header a[href^='/konto/login/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    screenshot(page, "login")
    tab_to(page, "main input[name=login]")
    page.keyboard.type(user.email)
    tab_to(page, "main input[name=password]")
    page.keyboard.type(factories.PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    screenshot(page, "logged-in")
    assert page.locator("header").get_by_text(user.email).is_visible()
