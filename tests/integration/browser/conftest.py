"""The browser fixtures of tests/browser, for the pages where youth meets mentoring."""

from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, browser, new_page, page  # noqa: F401

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason=f"browser tests need {CHROMIUM}"))
