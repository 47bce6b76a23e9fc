import pytest

from tests.factories import make_department


@pytest.fixture
def third_department(db):
    return make_department("Kultur og Fritid")
