from django.urls import path

from agendastad.core.page_cache import public_page

from . import views

app_name = "initiatives"
urlpatterns = [
    path("themas/", public_page(views.ThemeListView.as_view()), name="theme_list"),
    path("themas/<slug:slug>/", public_page(views.ThemeDetailView.as_view()), name="theme_detail"),
    path("initiatieven/", public_page(views.InitiativeListView.as_view()), name="list"),
    path("initiatieven/nieuw/", views.InitiativeCreateView.as_view(), name="create"),
    path("initiatieven/importeren/", views.InitiativeImportView.as_view(), name="import"),
    path("initiatieven/importeren/bevestigen/", views.InitiativeImportConfirmView.as_view(), name="import_confirm"),
    path("initiatieven/exporteren/", views.InitiativeExportView.as_view(), name="export"),
    path("initiatieven/<slug:slug>/", public_page(views.InitiativeDetailView.as_view()), name="detail"),
    path("initiatieven/<slug:slug>/bewerken/", views.InitiativeUpdateView.as_view(), name="update"),
    path("initiatieven/<slug:slug>/versies/", views.InitiativeHistoryView.as_view(), name="history"),
    path("initiatieven/<slug:slug>/status/", views.InitiativeStatusView.as_view(), name="status"),
    path("initiatieven/<slug:slug>/archiveren/", views.InitiativeArchiveView.as_view(), name="archive"),
    path("initiatieven/<slug:slug>/herstellen/", views.InitiativeRestoreView.as_view(), name="restore"),
    path("initiatieven/<slug:slug>/partners/uitnodigen/", views.PartnerInviteView.as_view(), name="invite"),
    path("initiatieven/<slug:slug>/partners/aanmelden/", views.PartnerRequestView.as_view(), name="request"),
    path(
        "initiatieven/<slug:slug>/partners/<int:pk>/antwoord/",
        views.PartnershipAnswerView.as_view(),
        name="answer",
    ),
    path("initiatieven/<slug:slug>/contact/", views.InitiativeContactView.as_view(), name="contact"),
    path(
        "initiatieven/<slug:slug>/partners/<int:pk>/opnieuw-vragen/",
        views.PartnershipAskAgainView.as_view(),
        name="ask_again",
    ),
    path(
        "initiatieven/<slug:slug>/partners/<int:pk>/intrekken/",
        views.PartnershipWithdrawView.as_view(),
        name="withdraw",
    ),
    path("initiatieven/<slug:slug>/discussie/", views.DiscussionCloseView.as_view(), name="discussion"),
    path("initiatieven/<slug:slug>/reacties/", views.CommentCreateView.as_view(), name="comment_create"),
    path(
        "initiatieven/<slug:slug>/reacties/<int:pk>/bewerken/",
        views.CommentUpdateView.as_view(),
        name="comment_update",
    ),
    path(
        "initiatieven/<slug:slug>/reacties/<int:pk>/verwijderen/",
        views.CommentRemoveView.as_view(),
        name="comment_remove",
    ),
    path(
        "initiatieven/<slug:slug>/reacties/<int:pk>/melden/", views.CommentReportView.as_view(), name="comment_report"
    ),
    path(
        "initiatieven/<slug:slug>/reacties/<int:pk>/modereren/",
        views.CommentModerateView.as_view(),
        name="comment_moderate",
    ),
    path(
        "initiatieven/<slug:slug>/reacties/<int:pk>/bezwaar/",
        views.CommentAppealView.as_view(),
        name="comment_appeal",
    ),
    path("initiatieven/<slug:slug>/voortgang/", views.ProgressCreateView.as_view(), name="progress_create"),
    path(
        "initiatieven/<slug:slug>/voortgang/<int:pk>/bewerken/",
        views.ProgressUpdateView.as_view(),
        name="progress_update",
    ),
    path(
        "initiatieven/<slug:slug>/voortgang/<int:pk>/verwijderen/",
        views.ProgressDeleteView.as_view(),
        name="progress_delete",
    ),
    path(
        "initiatieven/<slug:slug>/voortgang/<int:pk>/modereren/",
        views.ProgressModerateView.as_view(),
        name="progress_moderate",
    ),
    path("initiatieven/<slug:slug>/melden/", views.InitiativeReportView.as_view(), name="report"),
    path("initiatieven/<slug:slug>/modereren/", views.InitiativeModerateView.as_view(), name="moderate"),
    path("initiatieven/<slug:slug>/bezwaar/", views.InitiativeAppealView.as_view(), name="appeal"),
    path("moderatie/", views.ReportListView.as_view(), name="reports"),
    path("partners-gezocht/", public_page(views.MatchmakingView.as_view()), name="matchmaking"),
]
