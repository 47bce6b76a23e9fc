"""A national-scale data set, loaded with PostgreSQL COPY: one function per table.

Scale 1.0: 100,000 offers, 1,000,000 young people, 100,000 mentors, 5,000,000 access-log rows.
Each function takes the scale and returns how many rows it wrote; add a table by adding a
function to TABLES. Columns a function does not name get the model field's default, so new
nullable or defaulted fields need no change here.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterable

from django.contrib.auth.hashers import make_password
from django.db import connection, models
from django.utils import timezone

from offers.models import Offer, Organisation, OrganisationMember
from ressourcebank.accounts.models import Department, Role, RoleAssignment, User
from ressourcebank.areas.models import Area, Postcode
from ressourcebank.audit.models import AccessLog
from youth.mentoring.choices import AVAILABILITY_CHOICES, Interest
from youth.mentoring.models import Mentor, YouthMentorWish, YouthPseudonym
from youth.models import Consent, YouthProfile

FULL = {"offers": 100_000, "youth": 1_000_000, "mentors": 100_000, "access_log": 5_000_000}
BENCH_PASSWORD = "bench-adgangskode-ikke-i-produktion"  # noqa: S105 - bench data only
# Profiles and mentors hold what the forms allow: interests are offer categories, languages are
# written out in Danish, availability is the week's slots.
INTERESTS = [value for value, _label in Interest.choices]
SLOTS = [value for value, _label in AVAILABILITY_CHOICES]
OTHER_LANGUAGES = ["engelsk", "arabisk", "tyrkisk", "somali", "ukrainsk", "polsk"]


def languages() -> list[str]:
    return ["dansk"] if rng.random() < 0.7 else ["dansk", rng.choice(OTHER_LANGUAGES)]


WORDS = [
    "musik",
    "teater",
    "værksted",
    "lektiehjælp",
    "kor",
    "guitar",
    "trommer",
    "maling",
    "keramik",
    "fodbold",
    "svømning",
    "klatring",
    "skak",
    "film",
    "foto",
    "podcast",
    "madlavning",
    "natur",
    "friluftsliv",
    "programmering",
    "robotter",
    "dans",
    "yoga",
    "læsning",
    "skrivning",
    "højskole",
    "bibliotek",
    "fællesskab",
    "frivillig",
    "cykel",
]
AREAS = [
    ("Randers midtby", False, ["8900"]),
    ("Randers NV", False, ["8920"]),
    ("Randers NØ", False, ["8930"]),
    ("Randers SV", False, ["8940"]),
    ("Ørsted", True, ["8950"]),
    ("Randers SØ", False, ["8960"]),
    ("Havndal", True, ["8970"]),
    ("Spentrup", True, ["8981"]),
    ("Gjerlev", True, ["8983"]),
    ("Fårup", True, ["8990"]),
    ("Langå", True, ["8870"]),
]
DEPARTMENTS = [
    "Skole",
    "Børn og Familie",
    "Jobcenter",
    "Ungdommens Uddannelsesvejledning",
    "Kultur og Fritid",
    "Sundhed",
]
rng = random.Random(7)  # the same data set every time


def n(scale: float, table: str) -> int:
    return max(10, int(FULL[table] * scale))


def progress(label: str, done: int, total: int, started: float) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    rate = done / max(time.monotonic() - started, 1e-9)
    sys.stdout.write(
        f"\r  {label:<22} [{'#' * filled}{'.' * (width - filled)}] {done:>9,}/{total:,}"
        f" {rate:>9,.0f}/s"
    )
    if done >= total:
        sys.stdout.write("\n")
    sys.stdout.flush()


def copy_rows(model: type[models.Model], rows: Iterable[dict], total: int) -> int:
    """COPY rows (dicts by attname) into the model's table; other columns get their defaults."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if not isinstance(f, models.GeneratedField)
        and not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
    ]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    now = timezone.now()
    defaults = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        else:
            defaults[f.attname] = f.get_default()
    started, done = time.monotonic(), 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(
                    [
                        f.get_db_prep_save(row.get(f.attname, defaults[f.attname]), connection)
                        for f in fields
                    ]
                )
                done += 1
                if done % 5000 == 0 or done == total:
                    progress(model._meta.label, done, total, started)
    if done != total:
        progress(model._meta.label, total, total, started)
    return done


def ids(model) -> list:
    return list(model.objects.order_by("pk").values_list("pk", flat=True))


def first_new_id(model) -> int:
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def reset_sequence(model) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
            f'(SELECT coalesce(max(id), 1) FROM "{table}"))'
        )


# -- one function per table ---------------------------------------------------------------


def areas(scale: float) -> int:
    for name, rural, codes in AREAS:
        area, _ = Area.objects.get_or_create(name=name, defaults={"is_rural": rural})
        for code in codes:
            Postcode.objects.get_or_create(code=code, defaults={"name": name, "area": area})
    return Postcode.objects.count()


def departments(scale: float) -> int:
    for i, name in enumerate(DEPARTMENTS):
        Department.objects.get_or_create(name=name, defaults={"slug": f"afd-{i}"})
    return len(DEPARTMENTS)


def users(prefix: str, count: int) -> list[int]:
    """``count`` users with one shared password hash (hashing a million is not the point)."""
    start = first_new_id(User)
    password = make_password(BENCH_PASSWORD)
    now = timezone.now()
    copy_rows(
        User,
        (
            {
                "id": start + i,
                "email": f"{prefix}{i}@bench.example",
                "password": password,
                "first_name": rng.choice(["Anna", "Mads", "Sara", "Ali", "Freja", "Noah"]),
                "last_name": rng.choice(["Jensen", "Nielsen", "Hansen", "Khan", "Larsen"]),
                "is_active": True,
                "date_joined": now,
            }
            for i in range(count)
        ),
        count,
    )
    reset_sequence(User)
    return list(range(start, start + count))


def grant(user_ids: list[int], role: str, department_ids: list[int] | None = None) -> None:
    start = first_new_id(RoleAssignment)
    copy_rows(
        RoleAssignment,
        (
            {
                "id": start + i,
                "user_id": uid,
                "role": role,
                "department_id": department_ids[i % len(department_ids)]
                if department_ids
                else None,
            }
            for i, uid in enumerate(user_ids)
        ),
        len(user_ids),
    )
    reset_sequence(RoleAssignment)


def caseworkers(scale: float) -> int:
    count = max(10, int(2_000 * scale))
    grant(users("sagsbehandler", count), Role.CASEWORKER, ids(Department))
    return count


def organisations(scale: float) -> int:
    count = max(10, n(scale, "offers") // 10)
    postcodes = ids(Postcode)
    start = first_new_id(Organisation)
    kinds = [c for c, _ in Organisation._meta.get_field("kind").choices]
    copy_rows(
        Organisation,
        (
            {
                "id": start + i,
                "name": f"{rng.choice(WORDS).capitalize()}foreningen {i}",
                "kind": rng.choice(kinds),
                "description": " ".join(rng.choices(WORDS, k=20)),
                "postcode_id": rng.choice(postcodes),
                "contact_email": f"kontakt{i}@org.bench.example",
                "status": "approved" if i % 20 else "pending",
            }
            for i in range(count)
        ),
        count,
    )
    reset_sequence(Organisation)
    members = users("organisation", count)
    grant(members, Role.ORGANISATION)
    first = first_new_id(OrganisationMember)
    copy_rows(
        OrganisationMember,
        (
            {"id": first + i, "organisation_id": start + i, "user_id": uid, "role": "admin"}
            for i, uid in enumerate(members)
        ),
        count,
    )
    reset_sequence(OrganisationMember)
    return count


def offers(scale: float) -> int:
    count = n(scale, "offers")
    organisations_ = ids(Organisation)
    postcodes = ids(Postcode)
    categories = [c for c, _ in Offer._meta.get_field("category").choices]
    now = timezone.now()
    statuses = ["published"] * 8 + ["draft", "paused"]

    def rows():
        for i in range(count):
            low = rng.randint(10, 20)
            status = rng.choice(statuses)
            capacity = rng.choice([0, 10, 15, 20, 30])
            yield {
                "organisation_id": organisations_[i % len(organisations_)],
                "title": f"{rng.choice(WORDS).capitalize()} for unge {i}",
                "description": " ".join(rng.choices(WORDS, k=40)),
                "category": rng.choice(categories),
                "kind": "activity" if i % 10 else "resource",
                "resource_type": "" if i % 10 else "room",
                "min_age": low,
                "max_age": low + rng.randint(2, 10),
                "price": rng.choice([0, 0, 0, 50, 200, 800]),
                "capacity": capacity,
                "spots_taken": rng.randint(0, capacity) if capacity else 0,
                "status": status,
                "weekdays": rng.sample(range(7), rng.randint(1, 3)),
                "postcode_id": rng.choice(postcodes),
                "transport": rng.choice(["none", "arranged", "travel_support"]),
                "comes_to_schools": i % 7 == 0,
                "published_at": now if status == "published" else None,
                "contact_email": f"tilbud{i}@org.bench.example",
            }

    copy_rows(Offer, rows(), count)
    return count


def youth(scale: float) -> int:
    count = n(scale, "youth")
    postcodes = ids(Postcode)
    departments_ = ids(Department)
    workers = list(
        RoleAssignment.objects.filter(role=Role.CASEWORKER).values_list("user_id", "department_id")
    )
    situations = [c for c, _ in YouthProfile._meta.get_field("situation").choices]
    today = dt.date.today()
    youth_ids = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(count)]

    def rows():
        for i, pk in enumerate(youth_ids):
            worker, department = workers[i % len(workers)]
            yield {
                "id": pk,
                "first_name": rng.choice(["Emma", "Oliver", "Ida", "Lucas", "Amira", "Emil"]),
                "date_of_birth": today - dt.timedelta(days=rng.randint(13 * 365, 25 * 365)),
                "postcode_id": rng.choice(postcodes),
                "situation": rng.choice(situations),
                "interests": rng.sample(INTERESTS, rng.randint(1, 3)),
                "wishes": " ".join(rng.choices(WORDS, k=12)),
                "languages": languages(),
                "department_id": department or departments_[0],
                "caseworker_id": worker,
            }

    copy_rows(YouthProfile, rows(), count)
    # A third wish for a mentor: consent to matching, a wish and a pseudonym.
    wanting = youth_ids[::3]
    copy_rows(
        Consent,
        (
            {
                "id": uuid.uuid4(),
                "youth_id": pk,
                "purpose": "mentor_matching",
                "given_by": "youth",
                "method": "written",
                "given_at": today,
                "valid_until": today + dt.timedelta(days=365),
            }
            for pk in wanting
        ),
        len(wanting),
    )
    copy_rows(
        YouthMentorWish,
        ({"youth_id": pk, "availability": rng.sample(SLOTS, rng.randint(0, 3))} for pk in wanting),
        len(wanting),
    )
    copy_rows(
        YouthPseudonym, ({"youth_id": pk, "alias_id": uuid.uuid4()} for pk in wanting), len(wanting)
    )
    return count


def mentors(scale: float) -> int:
    count = n(scale, "mentors")
    user_ids = users("mentor", count)
    grant(user_ids, Role.MENTOR)
    postcodes = ids(Postcode)
    copy_rows(
        Mentor,
        (
            {
                "id": uuid.uuid4(),
                "user_id": uid,
                "postcode_id": rng.choice(postcodes),
                "interests": rng.sample(INTERESTS, rng.randint(1, 3)),
                "languages": languages(),
                "availability": rng.sample(SLOTS, rng.randint(1, 4)),
                "capacity": rng.randint(1, 3),
                "status": "approved" if i % 4 else "applied",
            }
            for i, uid in enumerate(user_ids)
        ),
        count,
    )
    return count


def access_log(scale: float) -> int:
    count = n(scale, "access_log")
    actors = list(
        RoleAssignment.objects.filter(role=Role.CASEWORKER).values_list("user_id", flat=True)
    )
    youth_ids = [str(pk) for pk in YouthProfile.objects.values_list("pk", flat=True)[:100_000]]
    actions = ["view"] * 6 + ["search", "update", "export", "denied"]
    now = timezone.now()
    copy_rows(
        AccessLog,
        (
            {
                "at": now - dt.timedelta(seconds=i * 5),
                "actor_id": actors[i % len(actors)],
                "action": rng.choice(actions),
                "object_type": "youth.youthprofile",
                "object_id": youth_ids[i % len(youth_ids)],
                "purpose": "sagsbehandling",
                "ip_address": "10.0.0.1",
            }
            for i in range(count)
        ),
        count,
    )
    return count


TABLES: list[Callable[[float], int]] = [
    areas,
    departments,
    caseworkers,
    organisations,
    offers,
    youth,
    mentors,
    access_log,
]


def generate(scale: float) -> dict[str, tuple[int, float]]:
    """Load every table; triggers (history, append-only guards) are off while loading."""
    timings = {}
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        for table in TABLES:
            started = time.monotonic()
            rows = table(scale)
            timings[table.__name__] = (rows, time.monotonic() - started)
            print(f"  {table.__name__}: {rows:,} rows in {timings[table.__name__][1]:.1f} s")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return timings
