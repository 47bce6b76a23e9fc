"""Cross-site scripting, checked where it happens: in the browser.

Every free-text field that is saved and shown again gets payloads from the corpus
(tests/security/xss_payloads.py), saved through the real forms by the persona who fills them
in. Then Chromium opens every page that shows the text, as the persona who reads it. On each
page: no dialog opened, no injected element, handler attribute or ``javascript:`` link exists,
and the saved text is there to read, as text (so a page that stops showing a field fails too).

The corpus is handed round the fields (``Rotation``): each "world" (an organisation with an
offer, a class visit, young people, a referral, a mentor and their matches) takes the next
payloads, and after all worlds every payload has passed through every field of 100 characters
or more. Shorter fields (a class name, phone numbers) get the payloads that fit, in turn.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.forms import BaseForm
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from offers.models import Offer, Organisation
from ressourcebank.accounts.models import Department, Role, User
from tests import factories
from tests.security.xss_payloads import PAYLOADS, Rotation
from tests.youth.factories import make_postcode, years_ago
from youth.mentoring.choices import AVAILABILITY_CHOICES, VettingKind
from youth.mentoring.models import Match, Mentor, VettingItem
from youth.mentoring.selectors import pseudonyms_for

pytestmark = pytest.mark.django_db(transaction=True)

# Enough worlds for every payload to pass through every field of 100 characters or more: a
# 150-character field takes three payloads a world, the 100-character names are shared by the
# two young people of a world (``put(rotate_as=…)``).
WORLDS = math.ceil(len(PAYLOADS) / 3)
BIG = 10_000  # a TextField without a limit: the whole corpus fits
# Offer descriptions may hold links, so they are sanitised HTML, not escaped text: the payloads
# lose their markup, and this plain text in front must read the same on every page.
DESCRIPTION_LEAD = ' Musik & "drama" <3'
KEYS: dict[str, str] = {}  # saved value → "w<world> <key>", for failure messages

# Run in the page, once per visit: everything that would only be there if a payload had
# become markup, the text a person reads, and what the named form fields hold.
READ_PAGE = """({inputs, selects}) => {
  const found = [];
  const show = (why, el) => found.push(why + ": " + el.outerHTML.slice(0, 160));
  document.querySelectorAll("[data-xss], [id^='xss-']").forEach((el) => show("marker", el));
  document
    .querySelectorAll("script:not([src]), iframe, frame, object, embed, base, body style")
    .forEach((el) => show("element", el));
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on") || attr.name === "srcdoc") show("attribute " + attr.name, el);
      if (!["href", "src", "action", "formaction", "data", "xlink:href"].includes(attr.name)) {
        continue;
      }
      let protocol;
      try { protocol = new URL(attr.value, document.baseURI).protocol; } catch { continue; }
      if (["javascript:", "vbscript:", "data:"].includes(protocol)) show(protocol, el);
    }
  }
  const field = (name) => document.querySelector(`main [name="${name}"]`);
  return {
    found,
    text: document.body.innerText,
    inputs: Object.fromEntries(inputs.map((name) => [name, field(name)?.value ?? null])),
    selects: Object.fromEntries(
      selects.map((name) => [name, [...(field(name)?.options ?? [])].map((o) => o.text).join(" ")])
    ),
  };
}"""


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _form_errors(response) -> str:
    context = response.context
    if context is None:
        return ""
    return "; ".join(
        f"{key}: {context[key].errors.as_json()}"
        for key in context
        if isinstance(context[key], BaseForm) and context[key].errors
    )


def submit(client: Client, url: str, data: dict, *, status: int = 302) -> str:
    """POST a form as a person would; the answer must be the success one (a redirect)."""
    response = client.post(url, data)
    assert response.status_code == status, (
        f"POST {url} answered {response.status_code}: {_form_errors(response)}"
    )
    return response.get("Location", "")


def pk_from(location: str):
    return resolve(location.split("?")[0]).kwargs["pk"]


def logged_in(user, *, mfa: bool) -> Client:
    return factories.login(Client(), user, mfa=mfa)


@dataclass
class Cast:
    """The staff who fill in and read the forms, the same in every world."""

    school: Department
    jobcenter: Department
    postcode: object
    coordinator_user: User
    coordinator: Client
    caseworker: Client  # Skole: a young person, a referral, a class visit
    jobcenter_caseworker: Client  # a young person with a mentor agreement; "kendt af"

    @classmethod
    def make(cls) -> Cast:
        school = Department.objects.get_or_create(slug="skole", defaults={"name": "Skole"})[0]
        jobcenter = Department.objects.get_or_create(
            slug="jobcenter", defaults={"name": "Jobcenter"}
        )[0]
        coordinator = factories.make_coordinator()
        return cls(
            school=school,
            jobcenter=jobcenter,
            postcode=make_postcode("8900"),
            coordinator_user=coordinator,
            coordinator=logged_in(coordinator, mfa=True),
            caseworker=logged_in(factories.make_caseworker(school), mfa=True),
            jobcenter_caseworker=logged_in(factories.make_caseworker(jobcenter), mfa=True),
        )


@dataclass
class World:
    n: int
    rotation: Rotation
    text: dict[str, str] = field(default_factory=dict)
    ids: dict[str, object] = field(default_factory=dict)
    organisation_member: Client | None = None
    mentor: Client | None = None

    def put(
        self, key: str, max_length: int, *, sep: str = " ", rotate_as: str = "", lead: str = ""
    ) -> str:
        """The next payloads for field ``rotate_as`` (by default ``key``), kept as ``key``; the
        short plain tag in front says which world and key when a page leaves it out, and
        ``lead`` is plain text that goes with it."""
        tag = f"w{self.n}k{len(self.text)}{lead}"
        self.text[key] = self.rotation.text(rotate_as or key, max_length, tag, sep=sep)
        KEYS[self.text[key]] = f"w{self.n} {key}"
        return self.text[key]


# -- saving the payloads through the forms ----------------------------------------------------


def invite_staff(cast: Cast, world: World) -> None:
    email = f"staff{world.n}@test.example"
    submit(
        cast.coordinator,
        reverse("coordinator:staff-invite"),
        {
            "email": email,
            "first_name": world.put("staff.first", 150),
            "last_name": world.put("staff.last", 150),
            "role": Role.CASEWORKER,
            "departments": [cast.school.pk, cast.jobcenter.pk],
        },
    )
    world.ids["staff"] = User.objects.get(email=email).pk


def sign_up_organisation(cast: Cast, world: World, prefix: str) -> Organisation:
    """An organisation and its first member's account, through the public sign-up."""
    email = f"{prefix}{world.n}@org.example"
    password = "en-lang-og-sikker-adgangskode-42"
    submit(
        Client(),
        reverse("organisations:signup"),
        {
            "konto-email": email,
            "konto-first_name": world.put(f"{prefix}.first", 150, rotate_as="account.first"),
            "konto-last_name": world.put(f"{prefix}.last", 150, rotate_as="account.last"),
            "konto-password1": password,
            "konto-password2": password,
            "org-name": world.put(f"{prefix}.name", 150, rotate_as="org.name"),
            "org-kind": Organisation.Kind.FORENING,
            "org-cvr": "",
            "org-address": world.put(f"{prefix}.address", 200, rotate_as="org.address"),
            "org-postcode": cast.postcode.pk,
            "org-contact_name": world.put(f"{prefix}.contact", 150, rotate_as="org.contact"),
            "org-contact_email": email,
            "org-contact_phone": "",
            "org-website": "https://forening.example/",
            "org-description": world.put(f"{prefix}.description", 3000, rotate_as="org.desc"),
        },
        status=200,  # "check your email"
    )
    return Organisation.objects.get(memberships__user__email=email)


def organisation_with_offer(cast: Cast, world: World) -> None:
    organisation = sign_up_organisation(cast, world, "org")
    # A second one stays pending: the coordinator's list and work list show it.
    world.ids["pending"] = sign_up_organisation(cast, world, "pending").pk
    submit(
        cast.coordinator,
        reverse("coordinator-organisations:detail", args=[organisation.pk]),
        {"decision": Organisation.Status.APPROVED, "reason": world.put("decision.reason", 2000)},
    )
    member = organisation.memberships.get().user
    world.organisation_member = logged_in(member, mfa=False)
    world.ids["organisation"] = organisation.pk
    location = submit(
        world.organisation_member,
        reverse("organisations:offer-create", args=[organisation.pk]),
        {
            "title": world.put("offer.title", 150),
            "description": world.put("offer.description", 3000, lead=DESCRIPTION_LEAD),
            "category": Offer.Category.MUSIK,
            "kind": Offer.Kind.ACTIVITY,
            "resource_type": "",
            "min_age": "10",
            "max_age": "20",
            "price": "0",
            "capacity": "8",
            "weekdays": ["1"],
            "starts_at": "16:00",
            "ends_at": "17:00",
            "single_dates": "",
            "schedule_note": world.put("offer.schedule_note", 200),
            "address": world.put("offer.address", 200),
            "postcode": cast.postcode.pk,
            "comes_to_schools": "on",
            "transport": "none",
            "accessibility": world.put("offer.accessibility", 500),
            "languages": world.put("offer.languages", 200),
            "how_to_join": world.put("offer.how_to_join", 500),
            "contact_name": world.put("offer.contact_name", 150),
            "contact_email": f"offer{world.n}@org.example",
            "contact_phone": "",
        },
    )
    world.ids["offer"] = offer = pk_from(location)
    submit(
        world.organisation_member,
        reverse("organisations:offer-status", args=[offer]),
        {"status": Offer.Status.PUBLISHED},
    )


def class_visit(cast: Cast, world: World) -> None:
    location = submit(
        cast.caseworker,
        reverse("offers:class-visit-request", args=[world.ids["offer"]]),
        {
            "school": world.put("visit.school", 150),
            "school_postcode": cast.postcode.pk,
            "class_name": world.put("visit.class_name", 50),
            "pupils": "24",
            "wished_dates": world.put("visit.wished_dates", 300),
            "message": world.put("visit.message", 2000),
        },
    )
    world.ids["visit"] = visit = pk_from(location)
    submit(
        world.organisation_member,
        reverse("organisations:class-visit", args=[visit]),
        {"answer": "decline", "decline_reason": world.put("visit.decline_reason", 500)},
    )


def young_person(
    cast: Cast,
    world: World,
    key: str,
    client: Client,
    department: Department,
    purposes: list[str],
    shared_with: Department | None = None,
) -> object:
    location = submit(
        client,
        reverse("youth:create"),
        {
            "first_name": world.put(f"{key}.first_name", 100, rotate_as="youth.first_name"),
            "surname": world.put(f"{key}.surname", 100, rotate_as="youth.surname"),
            "date_of_birth": years_ago(17).isoformat(),
            "postcode": cast.postcode.pk,
            "email": f"{key}{world.n}@ung.example",
            "phone": world.put(f"{key}.phone", 30, rotate_as="youth.phone"),
            "situation": "i_skole",
            "interests": ["musik"],
            "wishes": world.put(f"{key}.wishes", BIG, rotate_as="youth.wishes"),
            "languages": world.put(f"{key}.languages", BIG, sep=", ", rotate_as="youth.languages"),
            "department": department.pk,
            "caseworker": world.ids["staff"],
        },
    )
    world.ids[key] = youth = pk_from(location)
    for purpose in purposes:
        submit(
            client,
            reverse("youth:consent-create", args=[youth]),
            {
                "purpose": purpose,
                "department": shared_with.pk if shared_with else "",
                "given_by": "youth",
                "method": "written",
                "given_at": "",
                "valid_until": "",
                "evidence_reference": f"Journal {world.n}",
            },
        )
    return youth


def referral(cast: Cast, world: World) -> None:
    location = submit(
        cast.caseworker,
        reverse("youth:referral-create", args=[world.ids["youth"]]),
        {"offer": world.ids["offer"], "message": world.put("referral.message", BIG)},
    )
    world.ids["referral"] = referral = pk_from(location)
    submit(
        world.organisation_member,
        reverse("youth:org-referral-answer", args=[referral, "declined"]),
        {"declined-decline_reason": "other", "declined-reason": world.put("referral.reason", 500)},
    )


def mentor(cast: Cast, world: World) -> None:
    """A volunteer applies through the form; the coordinator approves the finished checks."""
    user = factories.make_user(email=f"mentor{world.n}@test.example")
    world.mentor = logged_in(user, mfa=False)
    submit(
        world.mentor,
        reverse("mentoring:apply"),
        {
            "first_name": world.put("mentor.first", 150),
            "last_name": world.put("mentor.last", 150),
            "phone": world.put("mentor.phone", 30),
            "postcode": cast.postcode.pk,
            "mentor_type": "mentor",
            "interests": ["musik"],
            "skills": world.put("mentor.skills", BIG),
            "languages": world.put("mentor.languages", 300, sep=", "),
            "availability": [AVAILABILITY_CHOICES[0][0]],
            "capacity": "3",
            "preferred_age_band": "",
            "motivation": world.put("mentor.motivation", BIG),
        },
    )
    profile = Mentor.objects.get(user=user)
    today = timezone.localdate()
    VettingItem.objects.bulk_create(
        VettingItem(
            mentor=profile,
            kind=kind,
            done_on=today,
            recorded_by=cast.coordinator_user,
            valid_until=today + datetime.timedelta(days=700)
            if kind == VettingKind.CHILD_CERTIFICATE
            else None,
        )
        for kind in VettingKind.values
    )
    submit(
        cast.coordinator,
        reverse("coordinator-mentors:set-status", args=[profile.pk]),
        {"status": "approved"},
    )
    world.ids["mentor"] = profile.pk


def matches(cast: Cast, world: World) -> None:
    """The mentor asks for two young people: Skole's is declined, Jobcenter's starts with an
    agreement and a logged contact (and in every other world ends)."""
    today = timezone.localdate()
    aliases = pseudonyms_for([world.ids["youth"], world.ids["youth2"]])
    for key in ("youth", "youth2"):
        world.ids[f"alias-{key}"] = alias = aliases[world.ids[key]]
        submit(
            world.mentor,
            reverse("mentoring:youth-detail", args=[alias]),
            {"message": world.put(f"claim.message.{key}", 1000, rotate_as="claim.message")},
        )
        world.ids[f"match-{key}"] = Match.objects.get(youth_id=world.ids[key]).pk
    declined, active = world.ids["match-youth"], world.ids["match-youth2"]
    submit(
        cast.caseworker,
        reverse("mentoring:caseworker-decline", args=[declined]),
        {"reason": world.put("decline.reason", 1000)},
    )
    submit(
        cast.jobcenter_caseworker,
        reverse("mentoring:caseworker-approve", args=[active]),
        {
            "youth_agreed_on": today.isoformat(),
            "share_email": "on",
            "share_phone": "on",
            "first_meeting_on": "",
        },
    )
    submit(
        cast.jobcenter_caseworker,
        reverse("mentoring:caseworker-agreement", args=[active]),
        {
            "goals": world.put("agreement.goals", BIG),
            "tasks": world.put("agreement.tasks", BIG),
            "hours": "10",
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=90)).isoformat(),
        },
    )
    submit(
        world.mentor,
        reverse("mentoring:match-contact", args=[active]),
        {
            "happened_on": today.isoformat(),
            "minutes": "45",
            "kind": "meeting",
            "note": world.put("contact.note", 500),
        },
    )
    if world.n % 2:
        submit(
            cast.jobcenter_caseworker,
            reverse("mentoring:caseworker-close", args=[active]),
            {"reason": "goal_reached", "note": world.put("close.note", 1000)},
        )


def build_world(cast: Cast, rotation: Rotation, n: int) -> World:
    world = World(n=n, rotation=rotation)
    invite_staff(cast, world)
    organisation_with_offer(cast, world)
    class_visit(cast, world)
    young_person(
        cast,
        world,
        "youth",
        cast.caseworker,
        cast.school,
        ["referral", "mentor_matching", "department_sharing"],
        shared_with=cast.jobcenter,
    )
    young_person(
        cast, world, "youth2", cast.jobcenter_caseworker, cast.jobcenter, ["mentor_matching"]
    )
    referral(cast, world)
    mentor(cast, world)
    matches(cast, world)
    # Typed into search and filter fields, not saved, but shown back in them.
    world.put("catalogue.q", 200)
    world.put("browse.language", 50)
    return world


# -- reading them back in the browser ---------------------------------------------------------


@dataclass
class Visit:
    url: str
    texts: list[str] = field(default_factory=list)  # shown as text, whitespace squashed
    inputs: dict[str, str] = field(default_factory=dict)  # field name → value in the form
    options: dict[str, list[str]] = field(default_factory=dict)  # select → texts in its options


def world_visits(world: World) -> dict[str, list[Visit]]:
    """The pages of one world, by who reads them."""
    t, ids = world.text, world.ids
    closed = world.n % 2 == 1
    organisation = [t[k] for k in ("org.name", "org.address", "org.contact")]
    offer_texts = [t[k] for k in _OFFER_INPUTS]
    visit_texts = [
        t[k]
        for k in (
            "visit.school",
            "visit.class_name",
            "visit.wished_dates",
            "visit.message",
            "visit.decline_reason",
            "offer.title",
        )
    ]
    youth = [t["youth.first_name"], t["youth.surname"]]
    youth_all = [*youth, t["youth.phone"], t["youth.wishes"], t["youth.languages"]]
    youth2 = [t["youth2.first_name"], t["youth2.surname"]]
    youth2_all = [*youth2, t["youth2.phone"], t["youth2.wishes"], t["youth2.languages"]]
    mentor_name = f"{t['mentor.first']} {t['mentor.last']}"
    description = _lead(t["offer.description"])  # the cards' summary starts with it
    member = f"{t['org.first']} {t['org.last']}"
    staff_name = f"{t['staff.first']} {t['staff.last']}"
    # The claim's message: on the caseworker's page while it waits, then in the export.
    declined = [t["claim.message.youth"], t["decline.reason"]]
    agreement = [t["agreement.goals"], t["agreement.tasks"]]
    # A closed match: the caseworker still sees the contacts and why it ended; the mentor
    # only its status. The export keeps everything.
    if closed:
        on_match_page = [t["contact.note"], t["close.note"]]
        mentor_sees = []
    else:
        on_match_page = [*agreement, t["contact.note"]]
        mentor_sees = [*on_match_page, t["youth2.first_name"], t["youth2.phone"]]
    exported = [t["claim.message.youth2"], *agreement, t["contact.note"]]
    exported += [t["close.note"]] if closed else []
    return {
        "anonymous": [
            Visit(
                reverse("offers:offer-detail", args=[ids["offer"]]),
                [*offer_texts, t["org.name"], _lead(t["offer.description"])],
            ),
            Visit(
                reverse("offers:organisation-detail", args=[ids["organisation"]]),
                [*organisation, t["org.description"], t["offer.title"], description],
            ),
            Visit(
                f"{reverse('offers:catalogue')}?q={_tag(t['offer.title'])}",
                [t["offer.title"], t["org.name"], description],
            ),
            Visit(
                f"{reverse('offers:catalogue')}?{urlencode({'q': t['catalogue.q']})}",
                inputs={"q": t["catalogue.q"]},
            ),
        ],
        "coordinator": [
            Visit(
                reverse("coordinator-organisations:detail", args=[ids["organisation"]]),
                [*organisation, t["org.description"], t["decision.reason"], t["offer.title"]]
                + [member],
            ),
            Visit(
                reverse("coordinator-mentors:detail", args=[ids["mentor"]]),
                [
                    mentor_name,
                    t["mentor.phone"],
                    t["mentor.skills"],
                    t["mentor.languages"].lower(),
                    t["mentor.motivation"],
                ],
            ),
        ],
        "organisation_member": [
            Visit(
                reverse("organisations:dashboard", args=[ids["organisation"]]),
                [t["org.name"], t["offer.title"], t["visit.school"], t["visit.class_name"]],
            ),
            Visit(
                reverse("organisations:offer-edit", args=[ids["offer"]]),
                inputs={k.split(".")[1]: t[k] for k in _OFFER_INPUTS},
            ),
            Visit(
                reverse("organisations:organisation-edit", args=[ids["organisation"]]),
                inputs={
                    "name": t["org.name"],
                    "address": t["org.address"],
                    "contact_name": t["org.contact"],
                    "description": t["org.description"],
                },
            ),
            Visit(reverse("organisations:class-visit", args=[ids["visit"]]), visit_texts),
            Visit(
                f"{reverse('youth:org-inbox')}?vis=alle", [t["youth.first_name"], t["offer.title"]]
            ),
            Visit(
                reverse("youth:org-referral", args=[ids["referral"]]),
                [t["youth.first_name"], t["referral.message"], t["referral.reason"]],
            ),
            Visit(reverse("organisations:members", args=[ids["organisation"]]), [member]),
        ],
        "caseworker": [
            Visit(
                reverse("youth:detail", args=[ids["youth"]]),
                [*youth_all, staff_name, t["offer.title"], t["org.name"]],
            ),
            Visit(
                reverse("youth:edit", args=[ids["youth"]]),
                inputs={
                    "first_name": t["youth.first_name"],
                    "surname": t["youth.surname"],
                    "phone": t["youth.phone"],
                    "wishes": t["youth.wishes"],
                    "languages": t["youth.languages"].replace(", ", ","),
                },
            ),
            Visit(
                reverse("youth:export", args=[ids["youth"]]),
                [*youth_all, t["offer.title"], t["referral.reason"], *declined],
            ),
            Visit(
                reverse("youth:referral", args=[ids["referral"]]),
                [*youth, t["offer.title"], t["org.name"], t["referral.message"]]
                + [t["referral.reason"]],
            ),
            Visit(
                reverse("offers:class-visit-detail", args=[ids["visit"]]),
                [*visit_texts, t["org.name"]],
            ),
            Visit(
                reverse("mentoring:caseworker-match", args=[ids["match-youth"]]),
                [mentor_name, t["decline.reason"]],
            ),
        ],
        "jobcenter": [
            Visit(
                reverse("overview:known-to-detail", args=[ids["youth"]]),
                [t["youth.first_name"], staff_name],
            ),
            Visit(
                reverse("youth:detail", args=[ids["youth2"]]),
                [*youth2_all, staff_name] + ([] if closed else [mentor_name]),
            ),
            Visit(reverse("youth:export", args=[ids["youth2"]]), [*youth2_all, *exported]),
            Visit(
                reverse("mentoring:caseworker-match", args=[ids["match-youth2"]]),
                [mentor_name, t["mentor.phone"], *on_match_page],
            ),
        ],
        "mentor": [
            Visit(reverse("mentoring:match-detail", args=[ids["match-youth2"]]), mentor_sees),
            Visit(
                reverse("mentoring:match-detail", args=[ids["match-youth"]]),
                [t["decline.reason"]],
            ),
            Visit(
                reverse("mentoring:youth-detail", args=[ids["alias-youth"]]),
                [t["youth.wishes"], t["youth.languages"]],
            ),
        ],
    }


_OFFER_INPUTS = (
    "offer.title",
    "offer.schedule_note",
    "offer.address",
    "offer.accessibility",
    "offer.languages",
    "offer.how_to_join",
    "offer.contact_name",
)


def _key(text: str) -> str:
    return KEYS.get(text, repr(text[:60]))


def _tag(value: str) -> str:
    return value.split(" ", 1)[0]


def _lead(description: str) -> str:
    """The tag and plain text in front of a description's payloads."""
    return description[: description.index(DESCRIPTION_LEAD) + len(DESCRIPTION_LEAD)]


def name_search(cast: Cast, world: World) -> Visit:
    """The caseworker's name search, by a whole first name: the results page (its address
    holds a token, the name stays in the session) shows the young person and the query."""
    name = world.text["youth.first_name"]
    location = submit(cast.caseworker, reverse("youth:search"), {"q": name})
    return Visit(location, [name, world.text["youth.surname"]], inputs={"q": name})


def list_visits(worlds: list[World], cast: Cast) -> dict[str, list[Visit]]:
    """Pages that list every world at once."""

    def all_of(*keys):
        return [w.text[k] for w in worlds for k in keys]

    first = worlds[0]
    corpus = " ".join(PAYLOADS)
    browse = reverse("mentoring:browse")
    return {
        "anonymous": [Visit(reverse("offers:catalogue"), all_of("offer.title"))],
        "coordinator": [
            Visit(reverse("coordinator-organisations:list"), all_of("pending.name")),
            Visit(
                f"{reverse('coordinator-organisations:list')}?status=approved", all_of("org.name")
            ),
            Visit(reverse("coordinator-mentors:list"), all_of("mentor.first", "mentor.last")),
            Visit(reverse("coordinator-mentors:board"), all_of("mentor.first")),
            Visit(reverse("coordinator:staff-list"), all_of("staff.first", "staff.last")),
            Visit(reverse("overview:work-lists"), all_of("pending.name")),
            # A month field: the browser empties an invalid value, so only the markup counts.
            Visit(f"{reverse('overview:index')}?{urlencode({'fra': corpus, 'til': corpus})}"),
            Visit(
                f"{reverse('coordinator:access-log')}?{urlencode({'actor': corpus})}",
                inputs={"actor": corpus},
            ),
        ],
        "caseworker": [
            Visit(reverse("youth:list-department"), all_of("youth.first_name", "youth.surname")),
            Visit(reverse("youth:referral-list"), all_of("youth.first_name", "offer.title")),
            Visit(reverse("offers:class-visits"), all_of("visit.school", "visit.class_name")),
            Visit(
                reverse("mentoring:caseworker-matches"), all_of("youth.first_name", "mentor.first")
            ),
            Visit(
                reverse("youth:referral-create", args=[first.ids["youth"]]),
                options={"offer": all_of("offer.title", "org.name")},
            ),
            Visit(reverse("youth:create"), options={"caseworker": all_of("staff.first")}),
        ],
        "jobcenter": [Visit(reverse("overview:known-to"), all_of("youth.first_name"))],
        "mentor": [
            Visit(reverse("mentoring:browse"), all_of("youth.wishes", "youth.languages")),
            *(
                Visit(f"{browse}?{urlencode({'language': q})}", inputs={"language": q})
                for q in all_of("browse.language")
            ),
            Visit(reverse("mentoring:matches")),
        ],
    }


class Reader:
    """One browser context per persona; a world's own people are swapped in by cookie."""

    def __init__(self, new_page):
        self.new_page = new_page
        self.pages = {}
        self.dialogs: list[str] = []
        self.failures: list[str] = []

    def page_for(self, persona: str, client: Client | None):
        if persona not in self.pages:
            page = self.new_page()
            page.on("dialog", lambda dialog: self._dialog(page, dialog))
            self.pages[persona] = page
        page = self.pages[persona]
        page.context.clear_cookies()
        if client is not None:
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            page.context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": page.base_url}]
            )
        return page

    def _dialog(self, page, dialog):
        self.dialogs.append(f"{dialog.type} “{dialog.message}” on {page.url}")
        dialog.dismiss()

    def read(self, page, visit: Visit) -> None:
        where = visit.url
        response = page.goto(visit.url, wait_until="domcontentloaded")
        if response is None or response.status != 200:
            self.failures.append(f"{where}: status {response and response.status}")
            return
        seen = page.evaluate(
            READ_PAGE, {"inputs": list(visit.inputs), "selects": list(visit.options)}
        )
        self.failures += [f"{where}: {found}" for found in seen["found"]]
        shown = _squash(seen["text"])
        for text in visit.texts:
            if _squash(text) not in shown:
                self.failures.append(f"{where}: {_key(text)} not shown as text")
        for name, value in visit.inputs.items():
            if seen["inputs"][name] != value:
                self.failures.append(f"{where}: {name} holds {seen['inputs'][name]!r:.80}")
        for name, texts in visit.options.items():
            options = _squash(seen["selects"][name])
            for text in texts:
                if _squash(text) not in options:
                    self.failures.append(f"{where}: no option of {name} shows {_key(text)}")


def test_payloads_saved_through_every_form_stay_text_on_every_page(new_page, live_server):
    cast = Cast.make()
    rotation = Rotation()
    worlds = [build_world(cast, rotation, n) for n in range(WORLDS)]
    assert rotation.missed(min_length=100) == {}, "the corpus did not pass through every field"

    staff = {
        "anonymous": None,
        "coordinator": cast.coordinator,
        "caseworker": cast.caseworker,
        "jobcenter": cast.jobcenter_caseworker,
    }
    reader = Reader(new_page)
    for persona, visits in list_visits(worlds, cast).items():
        client = staff.get(persona, worlds[-1].mentor)
        for visit in visits:
            reader.read(reader.page_for(persona, client), visit)
    for world in worlds:
        people = {
            **staff,
            "organisation_member": world.organisation_member,
            "mentor": world.mentor,
        }
        reader.read(reader.page_for("caseworker", cast.caseworker), name_search(cast, world))
        for persona, visits in world_visits(world).items():
            page = reader.page_for(persona, people[persona])
            for visit in visits:
                reader.read(page, visit)

    assert reader.dialogs == [], "A payload opened a dialog:\n" + "\n".join(reader.dialogs)
    assert reader.failures == [], "Pages that did not keep the text as text:\n" + "\n".join(
        reader.failures
    )
