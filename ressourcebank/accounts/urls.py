from django.urls import path

from . import views

app_name = "coordinator"
urlpatterns = [
    path("", views.index, name="index"),
    path("medarbejdere/", views.staff_list, name="staff-list"),
    path("medarbejdere/inviter/", views.staff_invite, name="staff-invite"),
    path("brugere/<int:pk>/aktiv/", views.staff_set_active, name="staff-set-active"),
    path("adgangslog/", views.access_log, name="access-log"),
]
