from django.urls import path

from . import views

app_name = "overview"
urlpatterns = [
    path("", views.index, name="index"),
    path("eksport/<slug:slug>.csv", views.export_csv, name="export"),
    path("kendt-af/", views.known_to_list, name="known-to"),
    path("kendt-af/<uuid:pk>/", views.known_to_detail, name="known-to-detail"),
    path("arbejdslister/", views.work_list_page, name="work-lists"),
]
