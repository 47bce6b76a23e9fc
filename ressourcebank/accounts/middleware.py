import time

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from . import mfa
from .roles import may_open, rule_for

SESSION_STARTED_KEY = "ressourcebank_session_started"
SESSION_SEEN_KEY = "ressourcebank_session_seen"


class SessionLimitsMiddleware:
    """Idle and absolute limits on a login session.

    The cookie lives SESSION_COOKIE_AGE from the session's last save. Noting the time again
    when a minute has passed saves it at most once a minute while the user is active — a
    30-minute idle limit to the minute, without writing the session on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_STARTED_KEY, now)
            if now - started > settings.SESSION_ABSOLUTE_LIMIT_SECONDS:
                logout(request)
            elif now - request.session.get(SESSION_SEEN_KEY, 0) >= 60:
                request.session[SESSION_SEEN_KEY] = now
        return self.get_response(request)


class StaffMFAMiddleware:
    """Staff reach nothing but the MFA set-up until this session has passed a second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not mfa.mfa_required(user):
            return None
        if mfa.session_passed_mfa(request):
            return None
        url_name = request.resolver_match.view_name if request.resolver_match else ""
        if mfa.has_totp(user):
            # Enrolled, yet this session skipped the second factor (e.g. a password-only
            # login path): it is not a login at all.
            logout(request)
            return redirect(settings.LOGIN_URL)
        if url_name in mfa.MFA_SETUP_URL_NAMES:
            return None
        return redirect("mfa_activate_totp")


class RoleAccessMiddleware:
    """Deny by default: every URL name needs an entry in roles.URL_RULES that lets the user in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:
            return None
        url_name = match.view_name
        if may_open(request.user, url_name):
            return None
        if not request.user.is_authenticated and rule_for(url_name) is not None:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
