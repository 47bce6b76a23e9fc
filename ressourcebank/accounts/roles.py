"""Who may do what: roles are data (RoleAssignment), capabilities are named here.

This is the one map from role to capability, and from URL name to the capability it needs.
A URL name that is missing from URL_RULES is refused (deny by default), and the
authorization walker test fails the build for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache

from ressourcebank.core.db import Compiled

from .models import STAFF_ROLES, Role, RoleAssignment

PUBLIC = "public"  # anyone, also without login
AUTHENTICATED = "authenticated"  # any logged-in user, whatever their roles

CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(
        {
            "coordinate",  # approvals, vetting, staff, areas
            "view_audit_log",
            "manage_staff",
            "view_overview",
            "manage_youth",
            "use_admin",
        }
    ),
    Role.CASEWORKER: frozenset({"manage_youth", "view_overview", "request_class_visit"}),
    Role.ORGANISATION: frozenset({"manage_organisation"}),
    Role.MENTOR: frozenset({"mentor"}),
}

# URL name (``namespace:name``, shell-style patterns allowed) → PUBLIC, AUTHENTICATED
# or a capability.
URL_RULES: dict[str, str] = {
    # Public pages.
    "core:home": PUBLIC,
    "core:health": PUBLIC,
    "core:accessibility": PUBLIC,
    "set_language": PUBLIC,
    "javascript-catalog": PUBLIC,
    # django-allauth: signing in, signing up, resetting a password and the MFA step need no
    # login; managing one's own account and second factor does.
    "account_login": PUBLIC,
    "account_signup": PUBLIC,
    "account_logout": PUBLIC,
    "account_confirm_email": PUBLIC,
    "account_confirm_login_code": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_inactive": PUBLIC,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_change_password": AUTHENTICATED,
    "account_set_password": AUTHENTICATED,
    "account_email": AUTHENTICATED,
    "account_reauthenticate": AUTHENTICATED,
    "mfa_authenticate": PUBLIC,
    "mfa_*": AUTHENTICATED,
    # Offers and organisations (issue 3): offers:*, organisations:*, coordinator-organisations:*.
    # -- offers rules --
    "offers:catalogue": PUBLIC,
    "offers:offer-detail": PUBLIC,
    "offers:organisation-detail": PUBLIC,
    "offers:hsds": PUBLIC,
    "offers:export-csv": PUBLIC,
    "offers:class-visit*": "request_class_visit",
    "organisations:home": PUBLIC,
    "organisations:signup": PUBLIC,
    "organisations:invitation-accept": PUBLIC,
    "organisations:*": "manage_organisation",
    "coordinator-organisations:*": "coordinate",
    # -- end offers rules --
    # Young people, consent, referrals (issue 4): youth:*.
    # -- youth rules --
    "youth:*": "manage_youth",
    # The organisation's inbox of referrals to its own offers.
    "youth:org-*": "manage_organisation",
    # -- end youth rules --
    # Mentoring (issue 5): mentoring:*, coordinator-mentors:*.
    # -- mentoring rules --
    # The entry page explains mentoring to anyone; applying needs an account. Approved
    # mentors hold Role.MENTOR ("mentor"); the views check the mentor profile's status too.
    "mentoring:home": PUBLIC,
    "mentoring:apply": AUTHENTICATED,
    "mentoring:*": "mentor",
    "mentoring:caseworker-*": "manage_youth",
    "coordinator-mentors:*": "coordinate",
    # -- end mentoring rules --
    # Cross-department overview (issue 6): overview:*.
    # -- overview rules --
    "overview:*": "view_overview",
    "overview:work-lists": "coordinate",
    # -- end overview rules --
    # Coordinator's tools.
    "coordinator:*": "coordinate",
    "coordinator:staff-*": "manage_staff",
    "coordinator:access-log": "view_audit_log",
    "admin:*": "use_admin",
}


@dataclass(frozen=True)
class UserRoles:
    roles: frozenset[str]
    department_ids: frozenset[int]

    @property
    def is_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES)

    @property
    def capabilities(self) -> frozenset[str]:
        return frozenset().union(*(CAPABILITIES.get(role, ()) for role in self.roles))


NO_ROLES = UserRoles(frozenset(), frozenset())


def roles_of(user) -> UserRoles:
    """The user's roles and departments, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return NO_ROLES
    cached = getattr(user, "_ressourcebank_roles", None)
    if cached is None:
        rows = _roles_sql().fetchall(user.pk)
        roles = frozenset(role for role, _ in rows)
        departments = frozenset(dept for _, dept in rows if dept is not None)
        cached = UserRoles(roles, departments)
        user._ressourcebank_roles = cached
    return cached


@cache  # read on every request: compiled once per process
def _roles_sql() -> Compiled:
    stand_in = -1  # for the user's id
    return Compiled.of(
        RoleAssignment.objects.filter(user_id=stand_in).values_list("role", "department_id"),
        stand_in,
    )


def forget_roles(user) -> None:
    user.__dict__.pop("_ressourcebank_roles", None)


def has_capability(user, capability: str) -> bool:
    return capability in roles_of(user).capabilities


@cache  # the rules are code: matching patterns once per URL name is enough
def rule_for(url_name: str) -> str | None:
    """The rule for a URL name: an exact entry wins, else the longest matching pattern."""
    if url_name in URL_RULES:
        return URL_RULES[url_name]
    patterns = [p for p in URL_RULES if "*" in p and fnmatchcase(url_name, p)]
    if not patterns:
        return None
    return URL_RULES[max(patterns, key=len)]


def may_open(user, url_name: str) -> bool:
    rule = rule_for(url_name)
    if rule is None:
        return False
    if rule == PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return rule == AUTHENTICATED or has_capability(user, rule)
