"""Two-factor authentication for staff: who must have it, and whether this session passed it."""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator

from .roles import roles_of

# What a staff member may reach before the second factor is set up: the set-up itself.
MFA_SETUP_URL_NAMES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "account_reauthenticate",
        "account_logout",
        "set_language",
    }
)


def mfa_required(user) -> bool:
    return roles_of(user).is_staff


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_passed_mfa(request) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)
