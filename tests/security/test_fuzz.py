"""Hypothesis against every form: random unicode, very long text, NUL bytes, markup.

The forms are found, not listed: every page without parameters is opened as a persona that may
open it, and every POST form in its content with a field to type in is fuzzed. Whatever comes
in: never a 500, and a refused submission writes nothing at all. Afterwards, no page shows a
submitted payload as live markup.
"""

import pytest
from django.apps import apps
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security import routes

XSS_PAYLOADS = ["<script>xssMarker()</script>", '"><img src=x onerror=xssMarker()>']
LIVE_MARKUP = ["<script>xssMarker", "<img src=x onerror=xssMarker"]
PAYLOADS = [
    *XSS_PAYLOADS,
    "\x00",
    "a\x00b",
    "' OR 1=1 --",
    "{{ 7*7 }}{% debug %}",
    "\u202e\u200b\ufeff",
    "javascript:xssMarker()",
    "../../etc/passwd",
    "-1",
    "99999999999999999999999",
    "2024-02-30",
    "9999-12-31",
    "0001-01-01",
    "2147483648",
]
values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(PAYLOADS),
    st.integers(min_value=1_000, max_value=100_000).map(lambda n: "å" * n),
    st.just(""),
)

# Rows that reading or failing may write: the access log (a denied or viewed record) and
# sessions. Everything else must stay as it was when a form is refused.
NOT_COUNTED = {"audit.accesslog", "sessions.session"}


def row_counts() -> dict[str, int]:
    models = [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in NOT_COUNTED
    ]
    selects = ", ".join(
        f'(SELECT count(*) FROM "{m._meta.db_table}")'  # noqa: S608 - table names from models
        for m in models
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selects}")  # noqa: S608
        counts = cursor.fetchone()
    return {m._meta.label_lower: n for m, n in zip(models, counts, strict=True)}


def discover_forms(personas, client_as) -> list[tuple[str, str, dict]]:
    """(persona, action URL, form) for every POST form on every page without parameters."""
    found, clients = [], {}
    for name in routes.route_names():
        if not routes.parameterless(name):
            continue
        persona = routes.persona_for(name, personas)
        if persona is None:
            continue
        if persona not in clients:
            clients[persona] = client_as(persona)
        url = routes.url(name)
        response = clients[persona].get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for form in routes.post_forms(response.content.decode(), f"http://testserver{url}"):
            action = form["action"].removeprefix("http://testserver")
            if (persona, action) not in {(p, a) for p, a, _ in found}:
                found.append((persona, action, form))
    return found


def fuzzer(client, action: str, fields: dict):
    @settings(
        max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(data=st.fixed_dictionaries({name: values for name in fields}))
    def fuzz(data):
        before = row_counts()
        response = client.post(action, data)
        assert response.status_code < 500, response.status_code
        if response.status_code not in (301, 302, 303):
            # Refused (shown again with errors, or 4xx): nothing may have been written.
            assert row_counts() == before

    return fuzz


@pytest.mark.django_db
def test_fuzz_every_form(personas, client_as):
    forms = discover_forms(personas, client_as)
    actions = {action for _, action, _ in forms}
    # The discovery works: the foundation's forms are among those found.
    assert {"/konto/login/", "/konto/signup/", "/koordinator/medarbejdere/inviter/"} <= actions
    failures = []
    for persona, action, form in forms:
        client = client_as(persona)

        fuzz = fuzzer(client, action, form["fields"])
        try:
            fuzz()
        except Exception as error:  # noqa: BLE001 - collect every form's failure, then report
            failures.append(f"{action} as {persona}: {type(error).__name__}: {error}"[:2000])
    assert failures == [], "\n\n".join(failures)

    # Whatever the fuzzing stored, no page now carries it as live markup.
    shown = []
    for persona in routes.PERSONA_ORDER:
        client = client_as(persona)
        for name in routes.route_names():
            if routes.parameterless(name):
                response = client.get(routes.url(name))
                if response.streaming:
                    continue  # downloads (exports) are not pages a browser renders
                body = response.content.decode(errors="replace")
                shown += [f"{name} as {persona}" for marker in LIVE_MARKUP if marker in body]
    assert shown == []
