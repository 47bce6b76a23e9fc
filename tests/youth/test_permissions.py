"""The named permissions are rules predicates, also answered through user.has_perm."""

import pytest

from tests.youth.factories import make_youth

pytestmark = pytest.mark.django_db


def test_owning_department_may_edit_others_may_not(personas, department):
    profile = make_youth(department)
    assert personas["caseworker"].has_perm("youth.change_youthprofile", profile)
    assert personas["coordinator"].has_perm("youth.erase_youthprofile", profile)
    assert not personas["caseworker_other_department"].has_perm(
        "youth.change_youthprofile", profile
    )
    assert not personas["mentor"].has_perm("youth.export_youthprofile", profile)
    assert not personas["organisation_member"].has_perm("youth.add_referral", profile)
