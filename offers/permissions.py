"""What a member of an organisation may do beyond seeing it.

Membership (``membership_or_404``) decides what a member sees: their organisation's page,
offers, referrals and class visits, all of which every member may run. Changing who the
organisation is — its details and its members — is for its administrators.
"""

import rules

from .models import OrganisationMember


@rules.predicate
def is_organisation_admin(user, membership: OrganisationMember) -> bool:
    return membership.user_id == user.pk and membership.role == OrganisationMember.Role.ADMIN


can_edit_organisation = can_invite_members = is_organisation_admin

rules.add_perm("offers.change_organisation", can_edit_organisation)
rules.add_perm("offers.invite_members", can_invite_members)
