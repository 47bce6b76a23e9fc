from django.urls import path

from . import referral_views, rights_views, views

app_name = "youth"
urlpatterns = [
    path("", views.youth_list_mine, name="list"),
    path("afdeling/", views.youth_list_department, name="list-department"),
    path("delt/", views.youth_list_shared, name="list-shared"),
    path("alle/", views.youth_list_all, name="list-all"),
    path("soeg/", views.search, name="search"),
    path("soeg/<str:token>/", views.search_results, name="search-results"),
    path("samtykker/udloeber/", views.consents_expiring, name="consents-expiring"),
    path("ny/", views.youth_create, name="create"),
    path("<uuid:pk>/", views.youth_detail, name="detail"),
    path("<uuid:pk>/rediger/", views.youth_edit, name="edit"),
    path("<uuid:pk>/samtykke/ny/", views.consent_create, name="consent-create"),
    path("samtykke/<uuid:pk>/tilbagetraek/", views.consent_withdraw, name="consent-withdraw"),
    path("<uuid:pk>/henvis/", referral_views.referral_create, name="referral-create"),
    path("<uuid:pk>/indsigt/", rights_views.export_page, name="export"),
    path("<uuid:pk>/indsigt.json", rights_views.export_json, name="export-json"),
    path("<uuid:pk>/slet/", rights_views.erase, name="erase"),
    path("henvisninger/", referral_views.referral_list, name="referral-list"),
    path("henvisninger/<uuid:pk>/", referral_views.referral_detail, name="referral"),
    path(
        "henvisninger/<uuid:pk>/annuller/",
        referral_views.referral_cancel,
        name="referral-cancel",
    ),
    # The organisation's side: members of the organisation that owns the offer.
    path("henvisninger/organisation/", referral_views.org_inbox, name="org-inbox"),
    path(
        "henvisninger/organisation/<uuid:pk>/",
        referral_views.org_referral,
        name="org-referral",
    ),
    path(
        "henvisninger/organisation/<uuid:pk>/<str:action>/",
        referral_views.org_referral_answer,
        name="org-referral-answer",
    ),
]
