"""IDOR: every route that takes an object id, tried with the id of an object the persona must
not reach. The answer is 404 (never 403, never 200), and a POST changes nothing.

Routes are found by walking the URL resolver, so a new route with an id fails
``test_every_object_route_has_a_case`` until it gets a case here (or a reason in ``UNSCOPED``).
Each case also opens the same route with an object the persona *may* reach: a control that
the 404 comes from the scope, not from a wrong URL or a persona who cannot use the page at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer, Organisation
from ressourcebank.accounts.models import Department, Role
from ressourcebank.accounts.services import role_grant
from tests import factories
from tests.accounts.test_authorization_walker import named_urls
from tests.mentoring import factories as mentoring
from tests.offers import factories as offers
from tests.overview.factories import make_class_visit
from tests.youth import factories as youth
from youth.mentoring.models import YouthPseudonym
from youth.models import ConsentPurpose, ReferralStatus

# -- the world: two of everything, one the persona's, one not ------------------------------------


@dataclass
class World:
    # Organisations: A is the persona's, B is someone else's; C is still waiting for approval.
    member_a: object = None
    member_a_plain: object = None  # a member of A who is not one of its administrators
    org_a: Organisation = None
    org_b: Organisation = None
    org_pending: Organisation = None
    offer_a_draft: Offer = None
    offer_a: Offer = None
    offer_b_draft: Offer = None
    offer_b: Offer = None
    # Departments: the persona is a caseworker in Skole; the other young people are Jobcenter's.
    cw_school: object = None
    cw_school_2: object = None
    cw_jobcenter: object = None
    youth_mine: object = None
    youth_other: object = None
    youth_shared: object = None
    youth_unshared: object = None
    youth_shared_active: object = None
    consent_mine: object = None
    consent_other: object = None
    consent_shared: object = None
    referral_mine: object = None
    referral_other: object = None
    referral_to_a: object = None
    referral_to_b: object = None
    referral_shared: object = None  # sent by Jobcenter about a young person shared with Skole
    visit_mine: object = None
    visit_other: object = None
    visit_to_a: object = None
    visit_to_b: object = None
    # Mentoring: mentor A is the persona; mentor B has the other matches.
    mentor_a: object = None
    mentor_b: object = None
    match_a_active: object = None
    match_a_claimed: object = None
    match_b_active: object = None
    match_b_claimed: object = None
    match_mine_youth: object = None
    match_other_youth: object = None
    # Jobcenter's young people shared with Skole by consent: Skole sees these, Jobcenter decides.
    match_shared_claimed: object = None
    match_shared_active: object = None
    alias_in_pool: object = None
    alias_not_in_pool: object = None
    alias_claimed: object = None


def pseudonym(profile):
    return YouthPseudonym.objects.get_or_create(youth=profile)[0].alias_id


def build_world() -> World:
    w = World()
    school = Department.objects.get_or_create(slug="skole", defaults={"name": "Skole"})[0]
    jobcenter = Department.objects.get_or_create(slug="jobcenter", defaults={"name": "Jobcenter"})[
        0
    ]
    w.cw_school = factories.make_caseworker(school, email="skole@test.example")
    w.cw_school_2 = factories.make_caseworker(school, email="skole2@test.example")
    w.cw_jobcenter = factories.make_caseworker(jobcenter, email="job@test.example")

    w.org_a = offers.make_organisation(name="Forening A")
    w.org_b = offers.make_organisation(name="Forening B")
    w.org_pending = offers.make_organisation(name="Forening C", status=Organisation.Status.PENDING)
    w.member_a = offers.make_member(w.org_a, factories.make_user(email="a@org.example"))
    w.member_a_plain = offers.make_member(
        w.org_a, factories.make_user(email="a2@org.example"), role="member"
    )
    offers.make_member(w.org_b, factories.make_user(email="b@org.example"))
    offers.make_member(w.org_pending, factories.make_user(email="c@org.example"))
    w.offer_a = offers.make_offer(w.org_a)
    w.offer_a_draft = offers.make_offer(w.org_a, status=Offer.Status.DRAFT)
    w.offer_b = offers.make_offer(w.org_b)
    w.offer_b_draft = offers.make_offer(w.org_b, status=Offer.Status.DRAFT)

    w.youth_mine = youth.make_youth(school, caseworker=w.cw_school)
    w.youth_other = youth.make_youth(jobcenter, caseworker=w.cw_jobcenter)
    w.youth_shared = youth.make_youth(jobcenter, caseworker=w.cw_jobcenter)
    w.youth_unshared = youth.make_youth(jobcenter, caseworker=w.cw_jobcenter)
    for profile in (w.youth_mine, w.youth_other, w.youth_shared):
        youth.make_consent(profile, ConsentPurpose.REFERRAL)
    w.consent_mine = w.youth_mine.consents.get()
    w.consent_other = w.youth_other.consents.get()
    w.consent_shared = youth.make_consent(
        w.youth_shared, ConsentPurpose.DEPARTMENT_SHARING, department=school
    )
    # Shared with Skole once, but the consent was withdrawn: no longer Skole's to see.
    youth.make_consent(
        w.youth_unshared, ConsentPurpose.DEPARTMENT_SHARING, department=school, withdrawn=True
    )
    w.referral_mine = youth.make_referral(w.youth_mine, w.offer_b, referred_by=w.cw_school)
    w.referral_other = youth.make_referral(w.youth_other, w.offer_b, referred_by=w.cw_jobcenter)
    w.referral_to_a = youth.make_referral(w.youth_other, w.offer_a, referred_by=w.cw_jobcenter)
    w.referral_to_b = w.referral_other
    w.referral_shared = youth.make_referral(w.youth_shared, w.offer_b, referred_by=w.cw_jobcenter)

    w.visit_mine = make_class_visit(w.offer_b, user=w.cw_school)
    w.visit_other = make_class_visit(w.offer_a, user=w.cw_school_2)
    w.visit_to_a = w.visit_other
    w.visit_to_b = w.visit_mine

    w.mentor_a = mentoring.make_mentor(user=factories.make_user(email="mentor-a@test.example"))
    w.mentor_b = mentoring.make_mentor(user=factories.make_user(email="mentor-b@test.example"))
    pool_1, pool_2, pool_3, claimed = (
        mentoring.make_youth(jobcenter, caseworker=w.cw_jobcenter) for _ in range(4)
    )
    w.match_a_active = mentoring.make_match(pool_1, w.mentor_a, status="active")
    w.match_a_claimed = mentoring.make_match(pool_2, w.mentor_a)
    w.match_b_active = mentoring.make_match(pool_3, w.mentor_b, status="active")
    w.match_b_claimed = mentoring.make_match(claimed, w.mentor_b)
    mentoring.give_consent(w.youth_mine)
    mentoring.give_consent(w.youth_other)
    w.match_mine_youth = mentoring.make_match(w.youth_mine, w.mentor_b)
    w.match_other_youth = mentoring.make_match(w.youth_other, w.mentor_a)
    mentoring.give_consent(w.youth_shared)
    w.match_shared_claimed = mentoring.make_match(w.youth_shared, w.mentor_a)
    w.youth_shared_active = mentoring.make_youth(jobcenter, caseworker=w.cw_jobcenter)
    youth.make_consent(w.youth_shared_active, ConsentPurpose.DEPARTMENT_SHARING, department=school)
    w.match_shared_active = mentoring.make_match(w.youth_shared_active, w.mentor_b, status="active")
    in_pool = mentoring.make_youth(jobcenter)
    w.alias_in_pool = pseudonym(in_pool)
    # Known to the system, with an alias, but no mentor-matching consent: not in the pool.
    w.alias_not_in_pool = pseudonym(mentoring.make_youth(jobcenter, consent=False))
    # In the pool until mentor B claimed them.
    w.alias_claimed = pseudonym(claimed)
    return w


# -- the cases ---------------------------------------------------------------------------------


@dataclass
class Case:
    persona: str  # an attribute of World holding a user, or "anonymous"
    forbidden: dict  # URL kwargs naming an object the persona must not reach
    allowed: dict  # the same route with an object the persona may reach (the control)
    data: dict = field(default_factory=dict)  # a POST that would act, were the object reachable


def today() -> str:
    return timezone.localdate().isoformat()


def pk(name: str, key: str = "pk") -> Callable[[World], dict]:
    return lambda w: {key: getattr(w, name).pk}


def case(persona, forbidden, allowed, data=None) -> Callable[[World], Case]:
    """``forbidden`` and ``allowed`` are attribute names of World (or callables of World)."""

    def kwargs(w, spec):
        return spec(w) if callable(spec) else {"pk": getattr(w, spec).pk}

    return lambda w: Case(persona, kwargs(w, forbidden), kwargs(w, allowed), data or {})


OFFER_DATA = {"title": "Overtaget", "description": "x", "category": "musik", "status": "published"}
YOUTH_MINE, YOUTH_OTHER = "youth_mine", "youth_other"
CW = "cw_school"
CONTACT = {"happened_on": today(), "minutes": "30", "kind": "meeting", "note": "Hej"}
APPROVE = {"youth_agreed_on": today(), "share_email": "on", "first_meeting_on": today()}
AGREEMENT = {
    "goals": "Mål",
    "tasks": "Opgaver",
    "hours": "4",
    "starts_on": today(),
    "ends_on": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
}
YOUTH_DATA = {"first_name": "Overtaget", "postcode": "8900", "situation": "i_skole"}
CONSENT_DATA = {
    "purpose": "department_sharing",
    "given_by": "youth",
    "method": "written",
    "given_at": today(),
}


def youth_routes(persona=CW, **data) -> Callable[[World], Case]:
    return case(persona, YOUTH_OTHER, YOUTH_MINE, data)


def owner_only(data=None) -> Callable[[World], Case]:
    """Shared with Skole by consent: Skole may see the profile, but only the owner may act."""
    return case(CW, "youth_shared", YOUTH_MINE, data)


def unshared() -> Callable[[World], Case]:
    return case(CW, "youth_unshared", YOUTH_MINE)


def alias(name):
    return lambda w: {"alias_id": getattr(w, name)}


def org_answer(name):
    return lambda w: {"pk": getattr(w, name).pk, "action": ReferralStatus.ACCEPTED}


CASES: dict[str, list[Callable[[World], Case]]] = {
    # Public offer pages: drafts and unapproved organisations do not exist for others.
    "offers:offer-detail": [
        case("anonymous", "offer_b_draft", "offer_b"),
        case("member_a", "offer_b_draft", "offer_a_draft"),
        case(CW, "offer_b_draft", "offer_b"),
    ],
    "offers:organisation-detail": [case("anonymous", "org_pending", "org_b")],
    "offers:class-visit-request": [
        case(CW, "offer_b_draft", "offer_b", {"school": "X", "pupils": "20", "wished_dates": "x"})
    ],
    "offers:class-visit-detail": [case(CW, "visit_other", "visit_mine")],
    "offers:class-visit-cancel": [case(CW, "visit_other", "visit_mine")],
    # The organisation's own area.
    "organisations:dashboard": [case("member_a", "org_b", "org_a")],
    "organisations:organisation-edit": [
        case("member_a", "org_b", "org_a", {"name": "Overtaget", "kind": "forening"})
    ],
    "organisations:members": [
        case("member_a", "org_b", "org_a", {"email": "indtrænger@test.example", "role": "admin"})
    ],
    "organisations:offer-create": [case("member_a", "org_b", "org_a", OFFER_DATA)],
    "organisations:offer-edit": [
        case("member_a", "offer_b_draft", "offer_a_draft", OFFER_DATA),
        case("member_a", "offer_b", "offer_a_draft", OFFER_DATA),
    ],
    "organisations:offer-duplicate": [case("member_a", "offer_b_draft", "offer_a_draft")],
    "organisations:offer-status": [
        case("member_a", "offer_b_draft", "offer_a_draft", {"status": "published"})
    ],
    "organisations:class-visit": [
        case("member_a", "visit_to_b", "visit_to_a", {"answer": "accept", "visit_date": today()})
    ],
    # Young people of another department, not shared with the caseworker's by consent.
    "youth:detail": [youth_routes(), unshared()],
    "youth:edit": [youth_routes(**YOUTH_DATA), owner_only(YOUTH_DATA), unshared()],
    "youth:consent-create": [youth_routes(**CONSENT_DATA), owner_only(CONSENT_DATA)],
    "youth:consent-withdraw": [
        case(CW, "consent_other", "consent_mine", {"party": "youth"}),
        case(CW, "consent_shared", "consent_mine", {"party": "youth"}),
    ],
    "youth:referral-create": [youth_routes(message="Hej")],
    "youth:export": [youth_routes(), owner_only()],
    "youth:export-json": [youth_routes(), owner_only()],
    "youth:erase": [youth_routes(), owner_only()],
    "youth:referral": [case(CW, "referral_other", "referral_mine")],
    "youth:referral-cancel": [case(CW, "referral_other", "referral_mine", {"reason": "Nej"})],
    # The organisation's referral inbox: only referrals to the organisation's own offers.
    "youth:org-referral": [case("member_a", "referral_to_b", "referral_to_a")],
    "youth:org-referral-answer": [
        case("member_a", org_answer("referral_to_b"), org_answer("referral_to_a"))
    ],
    "overview:known-to-detail": [youth_routes(), unshared()],
    # Mentors: only their own matches, and only young people in the pool.
    "mentoring:match-detail": [
        case("mentor_a", "match_b_active", "match_a_active"),
        case("mentor_a", "match_b_claimed", "match_a_claimed"),
    ],
    "mentoring:match-contact": [case("mentor_a", "match_b_active", "match_a_active", CONTACT)],
    "mentoring:match-withdraw": [case("mentor_a", "match_b_claimed", "match_a_claimed")],
    "mentoring:youth-detail": [
        case("mentor_a", alias("alias_not_in_pool"), alias("alias_in_pool"), {"message": "Hej"}),
        case("mentor_a", alias("alias_claimed"), alias("alias_in_pool"), {"message": "Hej"}),
    ],
    # Caseworkers: matches of young people they may not see.
    "mentoring:caseworker-match": [case(CW, "match_other_youth", "match_mine_youth")],
    "mentoring:caseworker-approve": [case(CW, "match_other_youth", "match_mine_youth", APPROVE)],
    "mentoring:caseworker-decline": [
        case(CW, "match_other_youth", "match_mine_youth", {"reason": "Nej tak"})
    ],
    "mentoring:caseworker-first-meeting": [
        case(CW, "match_other_youth", "match_mine_youth", {"first_meeting_on": today()})
    ],
    "mentoring:caseworker-close": [
        case(CW, "match_other_youth", "match_mine_youth", {"reason": "goal_reached"})
    ],
    "mentoring:caseworker-agreement": [
        case(CW, "match_other_youth", "match_mine_youth", AGREEMENT)
    ],
    "mentoring:caseworker-youth-wish": [
        case(CW, pk(YOUTH_OTHER, "youth_pk"), pk(YOUTH_MINE, "youth_pk"), {"availability": "x"})
    ],
}

COORDINATOR_ONLY = (
    "only the coordinator may open it (403 for everyone else, see test_authorization_walker), "
    "and the coordinator may reach every object of its kind"
)
UNSCOPED: dict[str, str] = {
    "account_confirm_email": "allauth: the key is the secret, not an object id",
    "account_reset_password_from_key": "allauth: the key is the secret, not an object id",
    "organisations:invitation-accept": "the token mailed to the invitee is the credential",
    "youth:search-results": "a key into the user's own session: see test_search_token_is_per_user",
    "overview:export": "the slug names an aggregate figure, not an object",
    "coordinator-organisations:detail": COORDINATOR_ONLY,
    "coordinator-mentors:detail": COORDINATOR_ONLY,
    "coordinator-mentors:set-status": COORDINATOR_ONLY,
    "coordinator-mentors:vetting-record": COORDINATOR_ONLY,
    "coordinator:staff-set-active": COORDINATOR_ONLY,
}


def object_routes() -> set[str]:
    """URL names whose pattern takes a value (converter or named regex group)."""
    names = set()
    for name, entry in named_urls().items():
        pattern = entry.pattern
        if name.startswith("admin:"):
            continue  # Django's admin: superusers only, not a feature of ours
        if getattr(pattern, "converters", None) or "(?P<" in str(pattern):
            names.add(name)
    return names


def test_every_object_route_has_a_case():
    routes = object_routes()
    assert not set(CASES) & set(UNSCOPED)
    missing = routes - set(CASES) - set(UNSCOPED)
    assert missing == set(), (
        f"object routes without an IDOR case: {sorted(missing)} (CONTRIBUTING.md, 'Adding a page')"
    )
    stale = (set(CASES) | set(UNSCOPED)) - routes
    assert stale == set(), f"IDOR cases for routes that no longer exist: {sorted(stale)}"


# -- running a case ----------------------------------------------------------------------------

STATE_APPS = ("offers", "youth", "mentoring", "accounts", "areas")


def db_state() -> dict:
    """Every row of the apps that hold what an IDOR could change (audit rows excepted)."""
    state = {}
    for label in STATE_APPS:
        for model in apps.get_app_config(label).get_models():
            state[model._meta.label] = list(model.objects.order_by("pk").values())
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after[label]]


def client_for(world: World, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        user = getattr(world, persona)
        factories.login(client, getattr(user, "user", user))  # a Mentor logs in as its user
    return client


@pytest.fixture
def world(db, settings):
    # A dozen accounts per test: the production password hasher would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


CASE_IDS = [(name, i) for name in sorted(CASES) for i in range(len(CASES[name]))]


@pytest.mark.parametrize(("route", "index"), CASE_IDS, ids=[f"{n}[{i}]" for n, i in CASE_IDS])
def test_forbidden_object_answers_404_and_changes_nothing(world, route, index):
    c = CASES[route][index](world)
    client = client_for(world, c.persona)
    url = reverse(route, kwargs=c.forbidden)

    before = db_state()
    got = client.get(url).status_code
    posted = client.post(url, c.data).status_code
    after = db_state()

    # 405 only where the view does not take that method at all; the other method must be 404.
    assert got in (404, 405), f"GET {url} as {c.persona}: {got}"
    assert posted in (404, 405), f"POST {url} as {c.persona}: {posted}"
    assert 404 in (got, posted), f"{url}: GET {got}, POST {posted}"
    assert changed_tables(before, after) == []

    # The control: the same route with the persona's own object is reachable.
    allowed = reverse(route, kwargs=c.allowed)
    status = client.get(allowed).status_code
    if status == 405:
        status = client.post(allowed, c.data).status_code
    assert status not in (403, 404, 405) and status < 500, f"control {allowed}: {status}"


def test_search_token_is_per_user(world):
    """A results token is a key into the searcher's session: another user's token shows
    nothing of the search (it sends them to search again)."""
    owner = client_for(world, "cw_school")
    response = owner.post(reverse("youth:search"), {"q": world.youth_mine.first_name})
    results = response.headers["Location"]
    assert world.youth_mine.first_name in owner.get(results).content.decode()

    other = Client()
    colleague = factories.make_caseworker(world.youth_mine.department)
    factories.login(other, colleague)
    response = other.get(results)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("youth:search")


def test_role_grant_alone_reaches_nothing(world):
    """An organisation role without membership of organisation B still answers 404 there."""
    stranger = factories.make_user()
    role_grant(user=stranger, role=Role.ORGANISATION)
    client = Client()
    factories.login(client, stranger)
    for name, kwargs in [
        ("organisations:dashboard", {"pk": world.org_b.pk}),
        ("organisations:offer-edit", {"pk": world.offer_b_draft.pk}),
        ("youth:org-referral", {"pk": world.referral_to_b.pk}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404, name
