"""Moderation that ends somewhere (issue 14, item 6): keeping a reported item visible and closing its reports,
reports grouped per item on /moderatie/, reporters told the outcome, and the page that says an item is hidden
instead of a bare 403 or 404."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from agendastad.notifications.models import Frequency, Notification, NotificationKind, NotificationPreference
from initiatives import services
from initiatives.models import Comment, Hidden, Initiative, ModerationAction, Report, ReportReason, Visibility
from regions.models import LabourMarketRegion

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    RegionCoordinatorFactory,
    ReportFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

NOTE = "Kritisch, maar geen reclame: een echte vraag van een bewoner."


@pytest.fixture
def initiative(lead):
    return InitiativeFactory(
        lead_organisation=lead, title="Fietspad naar het techniekcollege", created_by=organisation_admin(lead)
    )


@pytest.fixture
def coordinator(lead):
    return person_of_kind("region_coordinator", lead)


def moderate_url(comment: Comment) -> str:
    return f"/initiatieven/{comment.initiative.slug}/reacties/{comment.pk}/modereren/"


# Keeping an item visible


def test_keeping_a_reported_comment_visible_closes_its_reports_and_tells_each_reporter_alone(
    client, comment, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    first = ReportFactory(comment=comment, reason=ReportReason.SPAM, reporter=verified_person(display_name="Anna"))
    second = ReportFactory(comment=comment, reason=ReportReason.OFFENSIVE, reporter=verified_person(display_name="Bas"))
    sign_in(client, coordinator)
    page = client.get(moderate_url(comment))
    assertContains(page, 'value="dismiss"')

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(moderate_url(comment), {"decision": "dismiss", "reason": NOTE})

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.hidden == Hidden.NO
    assert not Report.objects.open().exists()
    assert set(Report.objects.values_list("handled_by", flat=True)) == {coordinator.pk}
    action = ModerationAction.objects.get()
    assert (action.action, action.actor, action.reason) == (ModerationAction.Action.DISMISS, coordinator, NOTE)
    assert {tuple(mail.to) for mail in mailoutbox} == {(first.reporter.email,), (second.reporter.email,)}
    for mail, other in zip(
        sorted(mailoutbox, key=lambda m: m.to != [first.reporter.email]), ["Bas", "Anna"], strict=True
    ):
        assert mail.subject == "Wat je meldde bij Fietspad naar het techniekcollege blijft zichtbaar"
        assert "besloten dat het zichtbaar mag blijven" in mail.body
        assert NOTE not in mail.body and other not in mail.body and str(coordinator) not in mail.body
    assert not Notification.objects.filter(recipient=comment.author).exists()  # the author never heard of reports
    assertContains(client.get(comment.initiative.get_absolute_url()), "Koop nu goedkope pillen!")
    assertContains(client.get(moderate_url(comment)), "Zichtbaar gelaten, meldingen gesloten")


def test_keeping_an_initiative_visible_needs_no_reason_and_it_stays_in_the_public_list(client, initiative):
    report = ReportFactory(comment=None, initiative=initiative)
    moderator = person_of_kind("moderator", initiative.lead_organisation)
    sign_in(client, moderator)

    response = client.post(f"/initiatieven/{initiative.slug}/modereren/", {"decision": "dismiss", "reason": ""})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.handled_by == moderator
    assert Initiative.objects.public().filter(pk=initiative.pk).exists()
    notification = Notification.objects.get(recipient=report.reporter)
    assert notification.kind == NotificationKind.REPORT_OUTCOME
    assert notification.actor is None  # the reporter is not told who decided


def test_a_hidden_item_is_restored_not_dismissed_and_without_open_reports_there_is_nothing_to_dismiss(
    comment, coordinator
):
    with pytest.raises(ValidationError):
        services.comment_dismiss_reports(comment=comment, user=coordinator)
    ReportFactory(comment=comment)
    Comment.objects.filter(pk=comment.pk).update(hidden=Hidden.PENDING)
    comment.refresh_from_db()

    with pytest.raises(ValidationError):
        services.moderation_decide(
            user=coordinator, initiative=comment.initiative, comment=comment, decision="dismiss", reason=""
        )
    assert Report.objects.open().count() == 1


def test_nobody_else_closes_reports_by_keeping_an_item_visible(client, comment):
    """The attacker's side: a reporter, the author, another region's coordinator; over HTTP and at the service."""
    report = ReportFactory(comment=comment)
    elsewhere = LabourMarketRegion.objects.exclude(pk=comment.initiative.primary_region_id).first()
    outsider = RegionCoordinatorFactory(user=verified_person(), region=elsewhere).user
    for person in (report.reporter, comment.author, outsider):
        sign_in(client, person)
        response = client.post(moderate_url(comment), {"decision": "dismiss", "reason": "Niets aan de hand."})
        assert response.status_code == 403
        with pytest.raises(PermissionDenied):
            services.comment_dismiss_reports(comment=comment, user=person)
    assert Report.objects.open().count() == 1
    assert not ModerationAction.objects.exists()


# Reporters told the outcome


def test_when_a_comment_is_hidden_the_reporters_are_told_so_without_the_reason(
    comment, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    report = ReportFactory(comment=comment)

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_hide(comment=comment, user=coordinator, reason="Reclame voor pillen.")

    [mail] = [message for message in mailoutbox if message.to == [report.reporter.email]]
    assert mail.subject == "Wat je meldde bij Fietspad naar het techniekcollege is verborgen"
    assert "Reclame voor pillen." not in mail.body


def test_a_reporter_who_wants_no_mail_finds_the_outcome_on_the_site_only(
    comment, mailoutbox, django_capture_on_commit_callbacks
):
    report = ReportFactory(comment=comment)
    NotificationPreference.objects.create(
        user=report.reporter, kind=NotificationKind.REPORT_OUTCOME, frequency=Frequency.OFF
    )
    moderator = person_of_kind("moderator", comment.initiative.lead_organisation)

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_remove(comment=comment, user=moderator, reason="Bevat een telefoonnummer.")

    assert [mail.to for mail in mailoutbox] == [[comment.author.email]]
    notification = Notification.objects.get(recipient=report.reporter)
    assert notification.context["outcome"] == services.ReportOutcome.REMOVED


# Reports grouped per item


def test_open_reports_are_grouped_per_item_with_their_number_and_reasons_oldest_item_first(
    client, initiative, comment, coordinator
):
    older = CommentFactory(initiative=initiative)
    for reason in (ReportReason.SPAM, ReportReason.SPAM, ReportReason.OFFENSIVE):
        ReportFactory(comment=comment, reason=reason)
    ReportFactory(comment=older, reason=ReportReason.OFF_TOPIC)
    Report.objects.filter(comment=older).update(created_at=timezone.now() - timezone.timedelta(days=2))
    ReportFactory(comment=None, initiative=initiative, reason=ReportReason.PERSONAL_DATA)
    ReportFactory(comment=CommentFactory(initiative=initiative), handled_at=timezone.now())
    sign_in(client, coordinator)

    response = client.get("/moderatie/")

    page = response.content.decode()
    assert page.count('class="agendastad-result"') == 3
    assert page.index(moderate_url(older)) < page.index(moderate_url(comment))
    assertContains(response, "3 meldingen")
    assertContains(response, "Spam of reclame (2)")
    assertContains(response, "Beledigend of kwetsend (1)")
    assertContains(response, moderate_url(comment), count=1)


def test_the_grouped_list_takes_as_many_queries_for_many_items_as_for_one(
    client, initiative, comment, django_assert_max_num_queries
):
    moderator = person_of_kind("moderator", initiative.lead_organisation)
    ReportFactory(comment=comment)
    sign_in(client, moderator)
    client.get("/moderatie/")
    with CaptureQueriesContext(connection) as at_one:
        client.get("/moderatie/")
    for _ in range(10):
        ReportFactory(comment=CommentFactory(initiative=InitiativeFactory()))

    with django_assert_max_num_queries(len(at_one)):
        response = client.get("/moderatie/")
    assert response.content.decode().count('class="agendastad-result"') == 11


# The page that says an item is hidden


def test_a_hidden_initiative_answers_with_a_page_that_says_so_without_its_title(client, initiative, coordinator):
    services.initiative_hide(initiative=initiative, user=coordinator, reason="Dubbel ingevoerd.")

    response = client.get(initiative.get_absolute_url())

    assert response.status_code == 404
    assertContains(response, "Dit initiatief is verborgen", status_code=404)
    assertContains(response, "Een moderator heeft het verborgen", status_code=404)
    assertContains(response, "utrecht-heading-1", status_code=404)
    assertNotContains(response, "Fietspad", status_code=404)
    assertNotContains(response, "Dubbel ingevoerd.", status_code=404)
    assertNotContains(response, "/bezwaar/", status_code=404)
    english = client.get(f"/en/initiatieven/{initiative.slug}/")
    assertContains(english, "This initiative is hidden", status_code=404)


def test_its_creator_is_shown_the_way_to_answer_and_after_answering_that_it_waits(client, initiative, coordinator):
    services.initiative_hide(initiative=initiative, user=coordinator, reason="Dubbel ingevoerd.")
    sign_in(client, initiative.created_by)

    page = client.get(initiative.get_absolute_url())

    assertContains(page, f'href="/initiatieven/{initiative.slug}/bezwaar/"', status_code=404)
    assertContains(page, "Reageer op het besluit", status_code=404)
    services.moderation_appeal(user=initiative.created_by, initiative=initiative, text="Het is een tweede fase.")
    assertContains(client.get(initiative.get_absolute_url()), "Lees het besluit en je reactie", status_code=404)


def test_while_reports_hide_it_the_page_says_a_moderator_will_look(client, initiative):
    Initiative.objects.filter(pk=initiative.pk).update(hidden=Hidden.PENDING)

    response = client.get(initiative.get_absolute_url())

    assertContains(response, "verborgen tot een moderator ernaar heeft gekeken", status_code=404)


def test_a_hidden_draft_stays_a_plain_page_not_found(client, initiative):
    Initiative.objects.filter(pk=initiative.pk).update(hidden=Hidden.HIDDEN, visibility=Visibility.DRAFT)

    response = client.get(initiative.get_absolute_url())

    assertContains(response, "Pagina niet gevonden", status_code=404)
    assertNotContains(response, "verborgen", status_code=404)


def test_reporting_a_hidden_comment_is_refused_with_the_page_that_says_so(client, comment, coordinator):
    services.comment_hide(comment=comment, user=coordinator, reason="Reclame.")
    url = f"/initiatieven/{comment.initiative.slug}/reacties/{comment.pk}/melden/"
    sign_in(client, verified_person())

    response = client.get(url)

    assert response.status_code == 403
    assertContains(response, "Deze reactie is verborgen", status_code=403)
    assertContains(response, f'href="{comment.initiative.get_absolute_url()}"', status_code=403)
    assertNotContains(response, "/bezwaar/", status_code=403)
    assert client.post(url, {"reason": "spam"}).status_code == 403
    assert not Report.objects.exists()
    sign_in(client, comment.author)
    assertContains(client.get(url), f"/reacties/{comment.pk}/bezwaar/", status_code=403)
