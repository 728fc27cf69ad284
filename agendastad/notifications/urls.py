from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("mijn/meldingen/", views.NotificationListView.as_view(), name="list"),
    path("mijn/meldingen/gelezen/", views.NotificationReadAllView.as_view(), name="read_all"),
    path("mijn/meldingen/<int:pk>/", views.NotificationOpenView.as_view(), name="open"),
    path("mijn/meldingen/<int:pk>/gelezen/", views.NotificationReadView.as_view(), name="read"),
    path("mijn/meldingen/instellingen/", views.NotificationPreferencesView.as_view(), name="preferences"),
    path("meldingen/afmelden/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("volgen/<str:kind>/<slug:slug>/", views.FollowView.as_view(), name="follow"),
    path("ontvolgen/<str:kind>/<slug:slug>/", views.UnfollowView.as_view(), name="unfollow"),
]
