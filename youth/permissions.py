"""Named permission functions for actions on young people's data.

Seeing a profile is decided by ``YouthProfile.objects.visible_to``; these decide what a user
who can see it may also do. Callers have already fetched the object through its scoped path.
"""

from ressourcebank.accounts.models import Role
from ressourcebank.accounts.roles import roles_of

from .models import ORGANISATION_TRANSITIONS, REFERRER_TRANSITIONS, Referral, YouthProfile


def is_coordinator(user) -> bool:
    return Role.COORDINATOR in roles_of(user).roles


def owns(user, profile: YouthProfile) -> bool:
    """The owning department's caseworkers, and coordinators."""
    return is_coordinator(user) or profile.department_id in roles_of(user).department_ids


def can_edit_profile(user, profile: YouthProfile) -> bool:
    return owns(user, profile)


def can_manage_consent(user, profile: YouthProfile) -> bool:
    return owns(user, profile)


def can_export(user, profile: YouthProfile) -> bool:
    return owns(user, profile)


def can_erase(user, profile: YouthProfile) -> bool:
    return owns(user, profile)


def can_refer(user, profile: YouthProfile) -> bool:
    """Anyone who may see the profile may refer, if a referral consent is active (checked in
    the service, inside its transaction)."""
    return roles_of(user).is_staff


def can_cancel_referral(user, referral: Referral) -> bool:
    return referral.referred_by_id == user.pk or owns(user, referral.youth)


def organisation_actions(referral: Referral) -> list[str]:
    """The statuses the organisation may move this referral to now."""
    return sorted(ORGANISATION_TRANSITIONS.get(referral.status, ()))


def referrer_actions(referral: Referral) -> list[str]:
    return sorted(REFERRER_TRANSITIONS.get(referral.status, ()))
