from django.urls import path

from . import coordinator_views as views

app_name = "coordinator-mentors"
urlpatterns = [
    path("", views.mentor_list, name="list"),
    path("<uuid:pk>/", views.mentor_detail, name="detail"),
    path("<uuid:pk>/godkendelse/", views.vetting_record, name="vetting-record"),
    path("<uuid:pk>/status/", views.set_status, name="set-status"),
    path("boerneattester/", views.expiring_certificates, name="expiring-certificates"),
    path("matchning/", views.board, name="board"),
    path("matchning/foreslaa/", views.propose, name="propose"),
]
