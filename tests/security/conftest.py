import pytest
from django.test import Client

from tests import factories


@pytest.fixture
def client_as(personas):
    """A fresh client per call, logged in as the persona (staff with their second factor)."""

    def make(persona: str | None, *, enforce_csrf_checks: bool = False) -> Client:
        client = Client(enforce_csrf_checks=enforce_csrf_checks)
        user = personas.get(persona) if persona else None
        if user is not None:
            factories.login(client, user, mfa=persona != "staff_without_mfa")
        return client

    return make
