"""Helpers for the offers tests: real organisations and offers in the real database."""

import itertools

from django.utils import timezone

from offers.models import Offer, Organisation, OrganisationMember
from ressourcebank.accounts.models import Role
from ressourcebank.accounts.services import role_grant
from tests.factories import make_user

_counter = itertools.count(1)


def make_organisation(*, status=Organisation.Status.APPROVED, **fields):
    n = next(_counter)
    defaults = {
        "name": f"Forening {n}",
        "kind": Organisation.Kind.FORENING,
        "contact_name": "Kontakt Person",
        "contact_email": f"kontakt{n}@org.example",
    }
    defaults.update(fields)
    return Organisation.objects.create(status=status, **defaults)


def make_member(organisation, user=None, *, role=OrganisationMember.Role.ADMIN):
    user = user or make_user()
    OrganisationMember.objects.create(organisation=organisation, user=user, role=role)
    if organisation.is_approved:
        role_grant(user=user, role=Role.ORGANISATION)
    return user


def make_offer(organisation=None, *, status=Offer.Status.PUBLISHED, **fields):
    organisation = organisation or make_organisation()
    n = next(_counter)
    defaults = {
        "title": f"Tilbud {n}",
        "description": "<p>Et godt tilbud.</p>",
        "category": Offer.Category.FAELLESSKAB,
    }
    if status == Offer.Status.PUBLISHED:
        defaults["published_at"] = timezone.now()
    defaults.update(fields)
    return Offer.objects.create(organisation=organisation, status=status, **defaults)
