"""Every route that takes a POST, and what it needs beyond seeing the object it acts on.

Seeing and acting are different rights: a department that sees a young person through a
sharing consent may not decide for them, and a member of an organisation may not change who
the organisation is. Each route that acts is listed in ``ACTS`` with the permission it needs
and a persona who *can see* the object (a page about it answers 200) but may not act: the POST
is refused and changes nothing, while the same POST by someone who may act goes through.
Routes where whoever can see may also act say why in ``SEEING_IS_ACTING``; who can see at all
is ``test_idor``'s and the walker's to prove.

The routes are found by asking them: a route that answers a POST with anything but 405 takes
POSTs, so a new one fails ``test_every_post_route_says_what_it_needs`` until it is listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.security import routes
from tests.security.test_idor import (
    AGREEMENT,
    APPROVE,
    YOUTH_DATA,
    build_world,
    changed_tables,
    client_for,
    db_state,
    today,
)

Kwargs = Callable[[object], dict]


def pk(name: str, key: str = "pk") -> Kwargs:
    return lambda w: {key: getattr(w, name).pk}


@dataclass(frozen=True)
class Acting:
    permission: str  # what the route needs beyond seeing (the rule's name where there is one)
    persona: str  # a World persona who can see the object but may not act on it
    seen_at: tuple[str, Kwargs]  # a page about the object that the persona may open
    kwargs: Kwargs  # the route's own URL kwargs
    may_act: str  # a World persona who may act: the control
    data: Callable[[object], dict] = lambda w: {}
    refused: tuple[int, ...] = (404,)  # 404 where the view hides what it does not let you do


DECIDE_MATCH = "mentoring.decide_match: the department that owns the young person, or a coordinator"
OWNS_YOUTH = "youth.owns: the department that owns the young person, or a coordinator"
ORG_ADMIN = "offers.is_organisation_admin: an administrator of the organisation"
SKOLE, JOBCENTER = "cw_school", "cw_jobcenter"


def shared_match(name: str, data: dict) -> Acting:
    return Acting(
        DECIDE_MATCH,
        SKOLE,
        ("mentoring:caseworker-match", pk(name)),
        pk(name),
        JOBCENTER,
        lambda w: data,
    )


def shared_youth(data: Callable[[object], dict] = lambda w: {}) -> Acting:
    return Acting(
        OWNS_YOUTH, SKOLE, ("youth:detail", pk("youth_shared")), pk("youth_shared"), JOBCENTER, data
    )


def organisation_admin(data: dict) -> Acting:
    return Acting(
        ORG_ADMIN,
        "member_a_plain",
        ("organisations:dashboard", pk("org_a")),
        pk("org_a"),
        "member_a",
        lambda w: data,
        refused=(403,),  # the member sees the organisation; its existence is no secret to them
    )


ACTS: dict[str, Acting] = {
    "mentoring:caseworker-approve": shared_match("match_shared_claimed", APPROVE),
    "mentoring:caseworker-decline": shared_match("match_shared_claimed", {"reason": "Nej tak"}),
    "mentoring:caseworker-first-meeting": shared_match(
        "match_shared_active", {"first_meeting_on": today()}
    ),
    "mentoring:caseworker-close": shared_match("match_shared_active", {"reason": "goal_reached"}),
    "mentoring:caseworker-agreement": shared_match("match_shared_active", AGREEMENT),
    "mentoring:caseworker-youth-wish": Acting(
        "mentoring.set_meeting_times: " + OWNS_YOUTH,
        SKOLE,
        ("youth:detail", pk("youth_shared")),
        pk("youth_shared", "youth_pk"),
        JOBCENTER,
        lambda w: {"availability": ["man-formiddag"]},
    ),
    "youth:edit": shared_youth(
        lambda w: {
            **YOUTH_DATA,
            "date_of_birth": w.youth_shared.date_of_birth.isoformat(),
            "department": w.youth_shared.department_id,
        }
    ),
    "youth:consent-create": shared_youth(
        lambda w: {
            "purpose": "department_sharing",
            "department": w.cw_school.role_assignments.get().department_id,
            "given_by": "youth",
            "method": "written",
            "given_at": today(),
        }
    ),
    "youth:erase": shared_youth(),
    "youth:consent-withdraw": Acting(
        "youth.manage_consent: " + OWNS_YOUTH,
        SKOLE,
        ("youth:detail", pk("youth_shared")),
        pk("consent_shared"),
        JOBCENTER,
        lambda w: {"party": "youth"},
    ),
    "youth:referral-cancel": Acting(
        "youth.cancel_referral: whoever sent it, or the department that owns the young person",
        SKOLE,
        ("youth:referral", pk("referral_shared")),
        pk("referral_shared"),
        JOBCENTER,
        lambda w: {"reason": "Ikke længere aktuelt"},
    ),
    "organisations:organisation-edit": organisation_admin(
        {
            "name": "Forening A",
            "kind": "forening",
            "contact_name": "Ny kontakt",
            "contact_email": "kontakt@a.example",
        }
    ),
    "organisations:members": organisation_admin({"email": "ny@org.example", "role": "member"}),
}

COORDINATOR = "only the coordinator may open it (403 for everyone else: the walker)"
ALLAUTH = "allauth: acts on the user's own account, or on a secret sent to its owner"
SEEING_IS_ACTING: dict[str, str] = {
    "account_*": ALLAUTH,
    "mfa_*": ALLAUTH,
    "set_language": "the visitor's own choice of language",
    "coordinator-*": COORDINATOR,
    "coordinator:*": COORDINATOR,
    "organisations:signup": "a new organisation: there is no object yet",
    "organisations:invitation-accept": "the token mailed to the invitee is the credential",
    "organisations:offer-create": "every member runs the organisation's offers (others: 404)",
    "organisations:offer-edit": "every member runs the organisation's offers (others: 404)",
    "organisations:offer-duplicate": "every member runs the organisation's offers (others: 404)",
    "organisations:offer-status": "every member runs the organisation's offers (others: 404)",
    "organisations:class-visit": "every member answers visits to the organisation's offers",
    "youth:org-referral-answer": "every member answers referrals to the organisation's offers",
    "offers:class-visit-request": "a new request from the caseworker for a published offer",
    "offers:class-visit-cancel": "only the caseworker who asked sees the request (others: 404)",
    "youth:create": "a new profile, owned by the caseworker's own department",
    "youth:search": "searches within what the caseworker may see; changes nothing",
    "youth:referral-create": (
        "whoever on the staff may see the young person may refer them, when the young person "
        "has an active referral consent (the service checks it: test_referrals)"
    ),
    "mentoring:apply": "the user's own mentor application",
    "mentoring:youth-detail": (
        "an approved mentor who sees a young person in the pool may ask to be their mentor; "
        "one open claim per young person is the database's (test_claims)"
    ),
    "mentoring:match-contact": "a mentor sees only their own matches (others: 404)",
    "mentoring:match-withdraw": "a mentor sees only their own matches (others: 404)",
}


def stated(name: str) -> bool:
    return name in ACTS or any(fnmatchcase(name, pattern) for pattern in SEEING_IS_ACTING)


def takes_post(name: str, personas: dict) -> bool:
    """Whether the route answers a POST from someone who may open it with anything but 405."""
    persona = routes.persona_for(name, personas)
    if persona is None:
        return False
    client = Client()
    if personas[persona] is not None:
        factories.login(client, personas[persona])
    return client.post(routes.url(name)).status_code != 405


@pytest.mark.django_db
def test_every_post_route_says_what_it_needs(personas):
    posting = {name for name in routes.route_names() if takes_post(name, personas)}
    # The discovery works: routes known to act are among those found.
    assert {"youth:edit", "mentoring:caseworker-approve", "account_login"} <= posting
    missing = sorted(name for name in posting if not stated(name))
    assert missing == [], (
        f"POST routes without a permission case or a reason: {missing} "
        "(CONTRIBUTING.md, 'Adding a page')"
    )
    named = set(ACTS) | {name for name in SEEING_IS_ACTING if "*" not in name}
    stale = sorted(named - posting)
    assert stale == [], f"listed, but they take no POST: {stale}"
    assert not set(ACTS) & set(SEEING_IS_ACTING)


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


@pytest.mark.parametrize("route", sorted(ACTS))
def test_seeing_is_not_acting(world, route):
    act = ACTS[route]
    client = client_for(world, act.persona)
    page, page_kwargs = act.seen_at
    assert client.get(reverse(page, kwargs=page_kwargs(world))).status_code == 200, (
        f"{act.persona} should see the object at {page}"
    )

    url = reverse(route, kwargs=act.kwargs(world))
    before = db_state()
    status = client.post(url, act.data(world)).status_code
    assert status in act.refused, f"POST {route} as {act.persona}: {status}, needs {act.permission}"
    assert changed_tables(before, db_state()) == []

    # The control: the same POST by someone who may act goes through and changes something.
    allowed = client_for(world, act.may_act).post(url, act.data(world))
    assert allowed.status_code == 302, f"control as {act.may_act}: {allowed.status_code}"
    assert changed_tables(before, db_state()) != []
