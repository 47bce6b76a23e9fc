"""Cached parts of pages: rendered once, stale as soon as their data's version moves on."""

import django_filters
import pytest
from django.template import Context, Template
from django.test import RequestFactory

from ressourcebank.areas.models import Area
from ressourcebank.core import fragments

pytestmark = pytest.mark.django_db
VERSION = "test:version"


class Renders:
    """A render function that counts its calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return f"<p>rendered {self.calls}</p>"


def test_a_fragment_is_rendered_once_until_its_data_changes():
    render = Renders()
    key = fragments.key("test", "page 1")
    first = fragments.cached_html(key, render, version_key=VERSION, timeout=60)
    again = fragments.cached_html(key, render, version_key=VERSION, timeout=60)
    assert (first, again, render.calls) == ("<p>rendered 1</p>", "<p>rendered 1</p>", 1)

    fragments.bump(VERSION)
    assert fragments.cached_html(key, render, version_key=VERSION, timeout=60) == (
        "<p>rendered 2</p>"
    )


def test_the_version_moves_on_again_when_the_change_commits(django_capture_on_commit_callbacks):
    render = Renders()
    key = fragments.key("test", "page 1")
    with django_capture_on_commit_callbacks(execute=True):
        fragments.bump(VERSION)
        # A request between the change and its commit stores what it could read then ...
        fragments.cached_html(key, render, version_key=VERSION, timeout=60)
    # ... and the commit makes that stale.
    fragments.cached_html(key, render, version_key=VERSION, timeout=60)
    assert render.calls == 2


def test_keys_differ_by_every_part_and_stay_short():
    assert fragments.key("a", "b") != fragments.key("ab", "")
    assert len(fragments.key("catalogue", "q=" + "x" * 5000)) < 100


class ColourFilter(django_filters.FilterSet):
    colour = django_filters.ChoiceFilter(choices=[("red", "Rød"), ("blue", "Blå")])


def test_a_filter_form_is_cached_per_query_string_whatever_the_page():
    template = Template("{% load filter_forms %}{% filter_fields filter %}")

    def render(query: str, form_data: dict) -> str:
        request = RequestFactory().get("/liste/?" + query)
        filterset = ColourFilter(form_data, queryset=Area.objects.none())
        return template.render(Context({"request": request, "filter": filterset}))

    blue = render("colour=blue", {"colour": "blue"})
    assert '<option value="blue" selected>' in blue
    assert '<option value="red" selected>' in render("colour=red", {"colour": "red"})
    # The page number does not change the form: page 2 is served page 1's form.
    assert render("colour=blue&side=2", {"colour": "red"}) == blue
