"""refresh_overview: idempotent, one transaction, --dry-run; the page reads its counts."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from ressourcebank.overview import demo
from ressourcebank.overview.models import OverviewCount, OverviewRefresh
from tests.overview import factories as f

pytestmark = pytest.mark.django_db


def _rows():
    return sorted(
        OverviewCount.objects.values_list(
            "month", "department_id", "is_rural", "age_band", "measure", "key", "value"
        )
    )


def test_refresh_is_idempotent(department):
    for _ in range(3):
        f.make_youth(department)
    call_command("refresh_overview", verbosity=0)
    first = _rows()
    call_command("refresh_overview", verbosity=0)
    assert _rows() == first
    assert OverviewRefresh.objects.count() == 1


def test_dry_run_saves_nothing(department, capsys):
    f.make_youth(department)
    call_command("refresh_overview", "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert not OverviewCount.objects.exists()
    assert not OverviewRefresh.objects.exists()


def test_demo_seed_refreshes(department):
    f.make_youth(department)
    assert "refreshed" in demo.seed()
    assert OverviewCount.objects.filter(measure="youth").exists()


def test_page_reads_the_precomputed_counts(client_for, department):
    for _ in range(6):
        f.make_youth(department)
    call_command("refresh_overview", verbosity=0)
    f.make_youth(department)  # not counted until the next refresh
    response = client_for("caseworker").get(reverse("overview:index"), {"afdeling": department.pk})
    situation = next(t for t in response.context["tables"] if t.slug == "situation")
    assert situation.rows[-1].cells[0] == "6"
    assert "Tallene er opdateret" in response.content.decode()


def test_page_before_any_refresh_says_so(client_for):
    response = client_for("caseworker").get(reverse("overview:index"))
    assert "ikke beregnet endnu" in response.content.decode()
