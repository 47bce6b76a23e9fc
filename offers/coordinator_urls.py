from django.urls import path

from . import coordinator_views as views

app_name = "coordinator-organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
]
