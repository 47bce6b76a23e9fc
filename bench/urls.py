"""The portal's URLs plus a bare Django view, for the benchmark only (never in the product)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from ressourcebank.accounts import roles
from ressourcebank.urls import urlpatterns as portal


@login_not_required
def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


roles.URL_RULES["bench-bare"] = roles.PUBLIC  # this settings module only
urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *portal]
