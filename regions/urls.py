from django.urls import path

from agendastad.core.page_cache import public_page

from . import views

app_name = "regions"
# The region list and the region and organisation pages show initiatives or their figures, so they live a floor up
# (agendastad/pages/urls.py); the root URLs put them in this namespace after these patterns (so
# "organisaties/nieuw/" is not taken for a slug).
urlpatterns = [
    path("organisaties/", public_page(views.OrganisationListView.as_view()), name="organisation_list"),
    path("organisaties/nieuw/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path("organisaties/<slug:slug>/bewerken/", views.OrganisationUpdateView.as_view(), name="organisation_update"),
    path("organisaties/<slug:slug>/verifieren/", views.OrganisationVerifyView.as_view(), name="organisation_verify"),
    path("organisaties/<slug:slug>/aanmelden/", views.MembershipRequestView.as_view(), name="membership_request"),
    path("organisaties/<slug:slug>/leden/", views.MemberListView.as_view(), name="members"),
    path("organisaties/<slug:slug>/uitnodigen/", views.InvitationCreateView.as_view(), name="invite"),
    path(
        "organisaties/<slug:slug>/leden/<int:pk>/<str:action>/",
        views.MembershipActionView.as_view(),
        name="membership_action",
    ),
    path(
        "organisaties/<slug:slug>/beheerder-uitnodigen/",
        views.ClaimInvitationCreateView.as_view(),
        name="invite_claimant",
    ),
    path("organisaties/<slug:slug>/verlaten/", views.LeaveView.as_view(), name="leave"),
    path("organisaties/<slug:slug>/zichtbaarheid/", views.ProfileVisibilityView.as_view(), name="profile_visibility"),
    path("organisaties/<slug:slug>/contact/", views.OrganisationContactView.as_view(), name="organisation_contact"),
    path("mijn/berichten/<int:pk>/melden/", views.ContactMessageReportView.as_view(), name="contact_report"),
    path(
        "mijn/regio/<slug:slug>/verifieren/<slug:organisation>/",
        views.WorkspaceVerifyView.as_view(),
        name="workspace_verify",
    ),
    path("mijn/uitnodigingen/<str:token>/", views.InvitationView.as_view(), name="invitation"),
]
