from .roles import roles_of


def roles(request):
    """The current user's roles and capabilities, for role-aware navigation."""
    user_roles = roles_of(getattr(request, "user", None))
    return {"user_roles": user_roles.roles, "user_capabilities": user_roles.capabilities}
