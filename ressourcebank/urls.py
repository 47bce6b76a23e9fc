from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

# The admin logs in through allauth like everyone else, so the second factor applies there too.
admin.site.login = staff_member_required(admin.site.login, login_url=settings.LOGIN_URL)
admin.site.site_header = "Ressourcebanken"

urlpatterns = [
    path("", include("ressourcebank.core.urls")),
    path("tilbud/", include("offers.urls")),
    path("organisationer/", include("offers.organisation_urls")),
    path("unge/", include("youth.urls")),
    path("mentor/", include("youth.mentoring.urls")),
    path("overblik/", include("ressourcebank.overview.urls")),
    path("konto/", include("allauth.urls")),
    path("koordinator/", include("ressourcebank.accounts.urls")),
    path("koordinator/organisationer/", include("offers.coordinator_urls")),
    path("koordinator/mentorer/", include("youth.mentoring.coordinator_urls")),
    # Anyone may switch language, logged in or not.
    path("sprog/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
