"""Text saved through a form comes back escaped wherever it is shown."""

import pytest
from django.urls import reverse

from ressourcebank.accounts.models import Role

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


@pytest.mark.django_db
def test_a_name_saved_through_the_staff_invite_renders_escaped(client_as, department):
    client = client_as("coordinator")
    response = client.post(
        reverse("coordinator:staff-invite"),
        {
            "email": "payload@test.example",
            "first_name": PAYLOAD,
            "last_name": PAYLOAD,
            "role": Role.CASEWORKER,
            "departments": [department.pk],
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("coordinator:staff-list")).content.decode()
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "<img src=x" not in page
