"""A POST without a CSRF token is refused on every route with the designed 403 page, never a 500.

CsrfViewMiddleware runs before the views, so every route is tried, whatever methods its view
accepts: a view that is csrf_exempt would show up here.
"""

import pytest

from tests.security import routes

# Routes that must accept a POST without a token: none.
CSRF_EXEMPT: set[str] = set()


@pytest.mark.django_db
def test_every_post_route_refuses_a_post_without_csrf_token(personas, client_as):
    problems, clients = [], {}
    for name in routes.route_names():
        if name in CSRF_EXEMPT:
            continue
        url = routes.url(name)
        tried = {"anonymous", routes.persona_for(name, personas)} - {None}
        for persona in sorted(tried):
            if persona not in clients:
                clients[persona] = client_as(persona, enforce_csrf_checks=True)
            client = clients[persona]
            response = client.post(url, {"x": "1"})
            page = response.content.decode()
            if response.status_code != 403 or "Formularen er udløbet" not in page:
                problems.append(f"{name} {url} as {persona}: {response.status_code}")
    assert problems == []


@pytest.mark.django_db
def test_a_post_with_the_token_gets_past_the_check(client_as, personas):
    """The check above is not vacuous: the same client with a token is not refused."""
    client = client_as("coordinator", enforce_csrf_checks=True)
    client.get(routes.url("coordinator:staff-invite"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        routes.url("coordinator:staff-invite"), {"csrfmiddlewaretoken": token, "email": ""}
    )
    assert response.status_code == 200
    assert "Formularen er udløbet" not in response.content.decode()
