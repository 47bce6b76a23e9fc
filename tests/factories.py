"""Plain ``make_*`` helpers for tests: real rows in the real database, no mocks."""

import itertools
import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)

from ressourcebank.accounts.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from ressourcebank.accounts.models import Department, Role
from ressourcebank.accounts.services import role_grant, user_create
from ressourcebank.areas.models import Area, Postcode

PASSWORD = "en-lang-og-sikker-adgangskode-42"
_counter = itertools.count(1)


def make_user(email=None, *, password=PASSWORD, first_name="Test", last_name="Person", **fields):
    email = email or f"user{next(_counter)}@test.example"
    user = user_create(email=email, first_name=first_name, last_name=last_name, password=password)
    for key, value in fields.items():
        setattr(user, key, value)
    if fields:
        user.save()
    return user


def make_department(name=None):
    n = next(_counter)
    name = name or f"Afdeling {n}"
    return Department.objects.get_or_create(name=name, defaults={"slug": f"afd-{n}"})[0]


def make_area(name=None, *, is_rural=False, postcodes=()):
    area = Area.objects.create(name=name or f"Område {next(_counter)}", is_rural=is_rural)
    for code in postcodes:
        Postcode.objects.create(code=code, name=f"By {code}", area=area)
    return area


def make_caseworker(department=None, **kwargs):
    user = make_user(**kwargs)
    role_grant(user=user, role=Role.CASEWORKER, department=department or make_department())
    return user


def make_coordinator(**kwargs):
    user = make_user(**kwargs)
    role_grant(user=user, role=Role.COORDINATOR)
    return user


def make_mentor_user(**kwargs):
    user = make_user(**kwargs)
    role_grant(user=user, role=Role.MENTOR)
    return user


def make_organisation_user(**kwargs):
    user = make_user(**kwargs)
    role_grant(user=user, role=Role.ORGANISATION)
    return user


def login(client, user, *, mfa=True):
    """Log a user in as the real login would leave the session: staff with their second factor."""
    client.force_login(user)
    session = client.session
    # As if the user had just made a request: the session is not saved again for a minute.
    session[SESSION_STARTED_KEY] = session[SESSION_SEEN_KEY] = int(time.time())
    session.save()
    if mfa:
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time()},
            {"method": "mfa", "at": time.time(), "type": "totp"},
        ]
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
        session.save()
    return client
