from django.conf import settings
from django.utils.cache import add_never_cache_headers


class PrivacyHeadersMiddleware:
    """Permissions-Policy on every response; nothing a logged-in user sees is stored by caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Pages for logged-in users may hold personal data: never keep them in any cache.
            add_never_cache_headers(response)
        return response
