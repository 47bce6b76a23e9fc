from django.urls import path

from . import organisation_views as views

app_name = "organisations"
urlpatterns = [
    path("", views.home, name="home"),
    path("tilmeld/", views.signup, name="signup"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("<int:pk>/", views.dashboard, name="dashboard"),
    path("<int:pk>/rediger/", views.organisation_edit, name="organisation-edit"),
    path("<int:pk>/medlemmer/", views.members, name="members"),
    path("<int:pk>/tilbud/nyt/", views.offer_create, name="offer-create"),
    path("tilbud/<int:pk>/", views.offer_edit, name="offer-edit"),
    path("tilbud/<int:pk>/kopier/", views.offer_duplicate, name="offer-duplicate"),
    path("tilbud/<int:pk>/status/", views.offer_status, name="offer-status"),
    path("klassebesoeg/<uuid:pk>/", views.class_visit, name="class-visit"),
]
