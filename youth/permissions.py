"""Named permission functions for actions on young people's data.

Seeing a profile is decided by ``YouthProfile.objects.visible_to``; these decide what a user
who can see it may also do. Callers have already fetched the object through its scoped path.
"""

import rules

from ressourcebank.accounts.models import Role
from ressourcebank.accounts.roles import roles_of

from .models import ORGANISATION_TRANSITIONS, REFERRER_TRANSITIONS, Referral, YouthProfile


@rules.predicate
def is_coordinator(user, obj=None) -> bool:
    return Role.COORDINATOR in roles_of(user).roles


@rules.predicate
def is_staff(user, obj=None) -> bool:
    return roles_of(user).is_staff


@rules.predicate
def in_owning_department(user, profile: YouthProfile) -> bool:
    return profile.department_id in roles_of(user).department_ids


@rules.predicate
def sent_the_referral(user, referral: Referral) -> bool:
    return referral.referred_by_id == user.pk


@rules.predicate
def owns_referred_youth(user, referral: Referral) -> bool:
    return owns(user, referral.youth)


# The owning department's caseworkers, and coordinators.
owns = is_coordinator | in_owning_department
can_edit_profile = can_manage_consent = can_export = can_erase = owns
# Anyone on the staff who may see the profile may refer, if a referral consent is active
# (checked in the service, inside its transaction).
can_refer = is_staff
can_cancel_referral = sent_the_referral | owns_referred_youth

rules.add_perm("youth.change_youthprofile", can_edit_profile)
rules.add_perm("youth.manage_consent", can_manage_consent)
rules.add_perm("youth.export_youthprofile", can_export)
rules.add_perm("youth.erase_youthprofile", can_erase)
rules.add_perm("youth.add_referral", can_refer)
rules.add_perm("youth.cancel_referral", can_cancel_referral)


def organisation_actions(referral: Referral) -> list[str]:
    """The statuses the organisation may move this referral to now."""
    return sorted(ORGANISATION_TRANSITIONS.get(referral.status, ()))


def referrer_actions(referral: Referral) -> list[str]:
    return sorted(REFERRER_TRANSITIONS.get(referral.status, ()))
