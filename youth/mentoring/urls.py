from django.urls import path

from . import caseworker_views, views

app_name = "mentoring"
urlpatterns = [
    path("", views.home, name="home"),
    path("ansoeg/", views.apply, name="apply"),
    path("unge/", views.browse, name="browse"),
    path("unge/<uuid:alias_id>/", views.youth_detail, name="youth-detail"),
    path("forloeb/", views.matches, name="matches"),
    path("forloeb/<uuid:pk>/", views.match_detail, name="match-detail"),
    path("forloeb/<uuid:pk>/kontakt/", views.match_contact, name="match-contact"),
    path("forloeb/<uuid:pk>/traek-tilbage/", views.match_withdraw, name="match-withdraw"),
    # The caseworker's side.
    path("sagsbehandler/", caseworker_views.match_list, name="caseworker-matches"),
    path("sagsbehandler/<uuid:pk>/", caseworker_views.match_detail, name="caseworker-match"),
    path(
        "sagsbehandler/<uuid:pk>/godkend/",
        caseworker_views.match_approve,
        name="caseworker-approve",
    ),
    path(
        "sagsbehandler/<uuid:pk>/afvis/", caseworker_views.match_decline, name="caseworker-decline"
    ),
    path(
        "sagsbehandler/<uuid:pk>/foerste-moede/",
        caseworker_views.match_first_meeting,
        name="caseworker-first-meeting",
    ),
    path("sagsbehandler/<uuid:pk>/afslut/", caseworker_views.match_close, name="caseworker-close"),
    path(
        "sagsbehandler/<uuid:pk>/aftale/",
        caseworker_views.agreement_create,
        name="caseworker-agreement",
    ),
    path(
        "sagsbehandler/ung/<uuid:youth_pk>/tider/",
        caseworker_views.youth_wish,
        name="caseworker-youth-wish",
    ),
]
