"""Departments and the demo accounts listed in the README (password demo-ressourcebank-2026)."""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model

from .models import Department, Role
from .services import role_grant, user_create

DEMO_PASSWORD = "demo-ressourcebank-2026"  # noqa: S105 - documented demo password
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 - documented, so anyone can log in

DEPARTMENTS = [
    ("Skole", "skole"),
    ("Børn og Familie", "boern-og-familie"),
    ("Jobcenter", "jobcenter"),
    ("Ungdommens Uddannelsesvejledning", "uu"),
    ("Kultur og Fritid", "kultur-og-fritid"),
]

# email, first name, last name, role, department slug
ACCOUNTS = [
    ("koordinator@ressourcebank.example", "Karen", "Koordinator", Role.COORDINATOR, None),
    ("skole@ressourcebank.example", "Søren", "Skov", Role.CASEWORKER, "skole"),
    ("jobcenter@ressourcebank.example", "Jasmin", "Jensen", Role.CASEWORKER, "jobcenter"),
    ("mentor@ressourcebank.example", "Mads", "Mentor", Role.MENTOR, None),
    ("musikskole@ressourcebank.example", "Maria", "Musik", Role.ORGANISATION, None),
]


def demo_user(email, first_name, last_name):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(
            email=email, first_name=first_name, last_name=last_name, password=DEMO_PASSWORD
        )
    return user


def seed() -> str:
    departments = {}
    for name, slug in DEPARTMENTS:
        departments[slug], _ = Department.objects.get_or_create(slug=slug, defaults={"name": name})
    for email, first_name, last_name, role, department in ACCOUNTS:
        user = demo_user(email, first_name, last_name)
        role_grant(user=user, role=role, department=departments.get(department))
        if (
            role in (Role.COORDINATOR, Role.CASEWORKER)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
    return f"{len(departments)} departments, {len(ACCOUNTS)} demo accounts"
