"""Writes about users and roles. Staff are never self-registered: a coordinator invites them."""

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ressourcebank.audit.log import Action, record

from .models import Department, Role, RoleAssignment

User = get_user_model()


class AccountError(Exception):
    """A rule said no; the message is shown to the user as it is."""


def user_create(*, email: str, first_name: str = "", last_name: str = "", password=None):
    """A user whose email is verified (it was given by someone who vouches for it)."""
    user = User.objects.create_user(
        email=email, password=password, first_name=first_name, last_name=last_name
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def role_grant(*, user, role: str, department: Department | None = None, granted_by=None):
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user, role=role, department=department, defaults={"granted_by": granted_by}
    )
    return assignment


def password_setup_url(request, user) -> str:
    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    key = f"{user_pk_to_url_str(user)}-{token}"
    return get_adapter(request).get_reset_password_from_key_url(key)


@transaction.atomic
def staff_invite(
    *,
    request,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    departments=(),
):
    """Create a coordinator or caseworker and email them a link to choose a password.

    They set up two-factor authentication at their first login; nothing else opens before.
    """
    if role not in (Role.COORDINATOR, Role.CASEWORKER):
        raise ValueError("Only staff roles are invited here.")
    user = user_create(email=email, first_name=first_name, last_name=last_name)
    if role == Role.CASEWORKER:
        for department in departments:
            role_grant(user=user, role=role, department=department, granted_by=request.user)
    else:
        role_grant(user=user, role=role, granted_by=request.user)
    record(request, Action.CREATE, user, purpose="Medarbejder inviteret")
    context = {"user": user, "setup_url": password_setup_url(request, user)}
    transaction.on_commit(
        lambda: send_mail(
            subject="Du er inviteret til Ressourcebanken",
            message=render_to_string("coordinator/email/staff_invite.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    )
    return user


@transaction.atomic
def user_set_active(*, request, user, active: bool) -> None:
    """Deactivating ends the user's sessions at once: on every request Django's
    authentication backend refuses a user who is not active.

    A coordinator cannot lock themselves out, nor lock out a superuser (the technical
    administrator, who is above the coordinators and is the way back in if all else fails).
    """
    if not active and user.pk == request.user.pk:
        raise AccountError(_("Du kan ikke deaktivere dig selv."))
    if not active and user.is_superuser:
        raise AccountError(_("En systemadministrator kan ikke deaktiveres her."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        request,
        Action.UPDATE,
        user,
        purpose="Bruger genaktiveret" if active else "Bruger deaktiveret",
    )
