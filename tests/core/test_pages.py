import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_front_page_explains_in_danish(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Gå til sidens indhold" in html  # skip link
    assert reverse("core:accessibility") in html


@pytest.mark.django_db
def test_english_is_available(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("core:home"))
    assert '<html lang="en">' in response.content.decode()
    assert "Skip to content" in response.content.decode()


@pytest.mark.django_db
def test_health_answers_without_personal_data(client):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_unknown_url_gets_the_designed_404(client):
    response = client.get("/findes/ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_gets_the_designed_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@b.dk", "password": "x"})
    assert response.status_code == 403
    assert "Formularen er udløbet" in response.content.decode()


@pytest.mark.django_db
def test_no_inline_script_or_style(client):
    html = client.get(reverse("core:home")).content.decode()
    assert "style=" not in html
    assert "<script>" not in html
    csp = client.get(reverse("core:home")).headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "'nonce-" in csp
