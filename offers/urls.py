from django.urls import path

from . import views

app_name = "offers"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.offer_detail, name="offer-detail"),
    path("organisation/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("hsds.json", views.hsds, name="hsds"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("<int:pk>/klassebesoeg/", views.class_visit_request, name="class-visit-request"),
    path("klassebesoeg/", views.class_visits, name="class-visits"),
    path("klassebesoeg/<uuid:pk>/", views.class_visit_detail, name="class-visit-detail"),
    path("klassebesoeg/<uuid:pk>/annuller/", views.class_visit_cancel, name="class-visit-cancel"),
]
