"""Reports, hiding after reports, moderators' and coordinators' decisions, the author's mail and appeal."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from agendastad.accounts.models import User
from initiatives import services
from initiatives.models import Comment, Hidden, Initiative, ModerationAction, Report, ReportReason
from initiatives.selectors import moderation_queue, reports_open
from regions.models import LabourMarketRegion

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    RegionCoordinatorFactory,
    ReportFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


@pytest.fixture
def initiative(lead):
    return InitiativeFactory(
        lead_organisation=lead, title="Fietspad naar het techniekcollege", created_by=organisation_admin(lead)
    )


@pytest.fixture
def coordinator(lead):
    return person_of_kind("region_coordinator", lead)


def report_url(comment) -> str:
    return f"/initiatieven/{comment.initiative.slug}/reacties/{comment.pk}/melden/"


def moderate_url(comment) -> str:
    return f"/initiatieven/{comment.initiative.slug}/reacties/{comment.pk}/modereren/"


# Reporting


def test_a_person_reports_a_comment_once_and_is_told_so_the_second_time(client, comment):
    sign_in(client, verified_person())

    response = client.post(report_url(comment), {"reason": ReportReason.SPAM})

    assertRedirects(response, comment.get_absolute_url(), fetch_redirect_response=False)
    assertContains(client.get(comment.initiative.get_absolute_url()), "Je hebt deze reactie gemeld.")
    again = client.post(report_url(comment), {"reason": ReportReason.OFFENSIVE})
    assert again.status_code == 200
    assertContains(again, "Je hebt dit al gemeld. Een moderator kijkt ernaar.")
    assert Report.objects.count() == 1


def test_the_database_refuses_a_second_report_by_the_same_person(comment):
    report = ReportFactory(comment=comment)

    with pytest.raises(IntegrityError):
        Report.objects.create(
            initiative=comment.initiative, comment=comment, reporter=report.reporter, reason=ReportReason.SPAM
        )


def test_something_else_needs_an_explanation_and_nothing_is_saved_without_it(client, comment):
    sign_in(client, verified_person())

    response = client.post(report_url(comment), {"reason": ReportReason.OTHER, "text": "  "})

    assert response.status_code == 200
    assertContains(response, "Leg uit wat er mis is als je “Iets anders” kiest.")
    assertContains(
        response,
        'value="other" class="utrecht-radio-button utrecht-radio-button--html-input" required id="id_reason_4" checked',
    )
    assert not Report.objects.exists()


def test_the_author_cannot_report_their_own_comment(client, comment):
    sign_in(client, comment.author)

    assert client.post(report_url(comment), {"reason": ReportReason.SPAM}).status_code == 403
    assert not Report.objects.exists()


def test_too_many_reports_in_an_hour_are_refused_with_the_text_kept(client, initiative, settings):
    settings.REPORT_RATE_LIMIT = (1, 3600)
    first, second = CommentFactory(initiative=initiative), CommentFactory(initiative=initiative)
    sign_in(client, verified_person())
    client.post(report_url(first), {"reason": ReportReason.SPAM})

    response = client.post(report_url(second), {"reason": ReportReason.OTHER, "text": "Dit is reclame."})

    assert response.status_code == 200
    assertContains(response, "Je kunt hoogstens 1 meldingen doen in 60 minuten")
    assertContains(response, "Dit is reclame.")
    assert Report.objects.count() == 1


# Hidden after reports, by people whose reports carry weight


def trusted_reporter(*, days: int = 30, verified: bool = True) -> User:
    """A person whose account is `days` old, an active member of a (verified) organisation."""
    person = verified_person(date_joined=timezone.now() - timedelta(days=days))
    organisation = OrganisationFactory(verified_at=timezone.now() if verified else None)
    MembershipFactory(user=person, organisation=organisation)
    return person


def test_at_the_threshold_a_comment_is_hidden_until_a_moderator_decides_and_the_author_is_told(
    client, comment, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.REPORT_HIDE_THRESHOLD = 3
    for _ in range(2):
        services.report_create(user=trusted_reporter(), initiative=comment.initiative, comment=comment, reason="spam")
    comment.refresh_from_db()
    assert not comment.is_hidden

    with django_capture_on_commit_callbacks(execute=True):
        services.report_create(
            user=RegionCoordinatorFactory(user=verified_person()).user,
            initiative=comment.initiative,
            comment=comment,
            reason="spam",
        )

    comment.refresh_from_db()
    assert comment.hidden == Hidden.PENDING
    [action] = ModerationAction.objects.all()
    assert (action.action, action.actor, action.comment) == (ModerationAction.Action.AUTO_HIDE, None, comment)
    page = client.get(comment.initiative.get_absolute_url())
    assertContains(page, "Deze reactie is verborgen terwijl een moderator ernaar kijkt.")
    assertNotContains(page, "Koop nu goedkope pillen!")
    sign_in(client, person_of_kind("moderator", comment.initiative.lead_organisation))
    page = client.get(comment.initiative.get_absolute_url())
    assertContains(page, "Koop nu goedkope pillen!")
    assertContains(page, "Verborgen: alleen moderators")
    assertContains(page, f'action="{moderate_url(comment)}"')
    [told] = mailoutbox
    assert told.to == [comment.author.email]
    assert told.subject == "Your comment on Fietspad naar het techniekcollege is hidden"
    assert "Several people reported your comment" in told.body
    assert f"/en/initiatieven/{comment.initiative.slug}/reacties/{comment.pk}/bezwaar/" in told.body


def test_at_the_threshold_an_initiative_leaves_the_public_list_and_page(
    client, initiative, coordinator, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.REPORT_HIDE_THRESHOLD = 2
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            services.report_create(user=trusted_reporter(), initiative=initiative, reason=ReportReason.OFFENSIVE)

    initiative.refresh_from_db()
    assert initiative.hidden == Hidden.PENDING
    assert client.get(initiative.get_absolute_url()).status_code == 404
    assertNotContains(client.get("/initiatieven/"), initiative.title)
    sign_in(client, coordinator)
    page = client.get(initiative.get_absolute_url())
    assertContains(page, "Verborgen na meldingen")
    assertContains(page, 'name="decision" value="restore"')
    [told] = mailoutbox
    assert told.to == [initiative.created_by.email]
    assert "Fietspad naar het techniekcollege is verborgen" in told.subject
    assert "Meerdere mensen hebben je initiatief" in told.body


def test_fresh_accounts_and_members_of_unverified_organisations_do_not_hide_an_item_but_queue_it(
    client, comment, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.REPORT_HIDE_THRESHOLD = 3
    settings.REPORT_WEIGHT_ACCOUNT_DAYS = 7
    reporters = [
        verified_person(),
        verified_person(),
        trusted_reporter(days=6),
        trusted_reporter(days=6),
        trusted_reporter(verified=False),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters:
            services.report_create(user=reporter, initiative=comment.initiative, comment=comment, reason="spam")

    comment.refresh_from_db()
    assert comment.hidden == Hidden.NO
    assert not ModerationAction.objects.exists()
    assert mailoutbox == []
    assertContains(client.get(comment.initiative.get_absolute_url()), "Koop nu goedkope pillen!")
    moderator = person_of_kind("moderator", comment.initiative.lead_organisation)
    [item] = moderation_queue(moderator)
    assert item.comment == comment
    assert len(item.reports) == 5


def test_only_reports_that_carry_weight_count_towards_the_threshold(comment, settings):
    settings.REPORT_HIDE_THRESHOLD = 2
    services.report_create(user=trusted_reporter(), initiative=comment.initiative, comment=comment, reason="spam")
    services.report_create(user=verified_person(), initiative=comment.initiative, comment=comment, reason="spam")
    comment.refresh_from_db()
    assert comment.hidden == Hidden.NO

    services.report_create(user=trusted_reporter(), initiative=comment.initiative, comment=comment, reason="spam")

    comment.refresh_from_db()
    assert comment.hidden == Hidden.PENDING
    action = ModerationAction.objects.get()
    assert action.reason == "Gemeld door 2 mensen."


# Decisions


def test_the_coordinator_hides_a_comment_with_a_reason_and_the_author_is_told_in_english(
    client, comment, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    ReportFactory(comment=comment)
    sign_in(client, coordinator)
    assertContains(client.get(moderate_url(comment)), "Koop nu goedkope pillen!")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(moderate_url(comment), {"decision": "hide", "reason": "Reclame hoort hier niet."})

    assertRedirects(response, comment.get_absolute_url(), fetch_redirect_response=False)
    comment.refresh_from_db()
    assert comment.hidden == Hidden.HIDDEN
    assert not Report.objects.open().exists()
    action = ModerationAction.objects.get(action=ModerationAction.Action.HIDE)
    assert (action.actor, action.reason) == (coordinator, "Reclame hoort hier niet.")
    [mail] = [message for message in mailoutbox if message.to == [comment.author.email]]
    assert mail.subject == "Your comment on Fietspad naar het techniekcollege is hidden"
    assert "Reclame hoort hier niet." in mail.body
    assert f"/initiatieven/{comment.initiative.slug}/reacties/{comment.pk}/bezwaar/" in mail.body


def test_a_decision_without_a_reason_is_refused_and_nothing_changes(client, comment, coordinator):
    sign_in(client, coordinator)

    response = client.post(moderate_url(comment), {"decision": "hide", "reason": ""})

    assert response.status_code == 200
    assertContains(response, "Geef een reden: de auteur krijgt die te horen.")
    comment.refresh_from_db()
    assert not comment.is_hidden and not ModerationAction.objects.exists()


def test_a_coordinator_of_another_region_does_not_decide(client, comment):
    elsewhere = LabourMarketRegion.objects.exclude(pk=comment.initiative.primary_region_id).first()
    outsider = verified_person()
    RegionCoordinatorFactory(user=outsider, region=elsewhere)
    sign_in(client, outsider)

    assert client.post(moderate_url(comment), {"decision": "hide", "reason": "Nee."}).status_code == 403
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_restoring_marks_the_reports_handled_and_keeps_them(
    client, comment, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    reports = [ReportFactory(comment=comment) for _ in range(3)]
    Comment.objects.filter(pk=comment.pk).update(hidden=Hidden.PENDING)
    sign_in(client, coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(moderate_url(comment), {"decision": "restore", "reason": "Geen reclame: een echt aanbod."})

    comment.refresh_from_db()
    assert not comment.is_hidden
    assert Report.objects.filter(pk__in=[r.pk for r in reports], handled_by=coordinator).count() == 3
    assert reports_open().count() == 0
    [mail] = [message for message in mailoutbox if message.to == [comment.author.email]]
    assert mail.subject == "Your comment on Fietspad naar het techniekcollege is visible again"
    assertContains(client.get(comment.initiative.get_absolute_url()), "Koop nu goedkope pillen!")


def test_a_moderator_removes_a_comment_with_a_reason_and_the_author_is_told(
    client, comment, mailoutbox, django_capture_on_commit_callbacks
):
    moderator = person_of_kind("moderator", comment.initiative.lead_organisation)
    sign_in(client, moderator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(moderate_url(comment), {"decision": "remove", "reason": "Bevat een telefoonnummer."})

    comment.refresh_from_db()
    assert comment.removed_by == moderator
    assert ModerationAction.objects.get().action == ModerationAction.Action.REMOVE
    assert "Bevat een telefoonnummer." in mailoutbox[0].body
    assertContains(client.get(comment.initiative.get_absolute_url()), "Deze reactie is verwijderd.")


def test_a_moderator_hides_an_initiative_and_restores_it(
    client, initiative, mailoutbox, django_capture_on_commit_callbacks
):
    moderator = person_of_kind("moderator", initiative.lead_organisation)
    sign_in(client, moderator)
    url = f"/initiatieven/{initiative.slug}/modereren/"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "hide", "reason": "Dubbel ingevoerd."})
    initiative.refresh_from_db()
    assert initiative.hidden == Hidden.HIDDEN
    assert not Initiative.objects.public().filter(pk=initiative.pk).exists()
    assert mailoutbox[-1].to == [initiative.created_by.email]
    assert mailoutbox[-1].subject == "Je initiatief Fietspad naar het techniekcollege is verborgen"

    client.post(url, {"decision": "restore", "reason": "Toch geen dubbele."})
    initiative.refresh_from_db()
    assert not initiative.is_hidden
    assert [a.action for a in ModerationAction.objects.all()] == ["hide", "restore"]


# Appeals


def test_the_author_answers_a_hidden_comment_once_and_the_moderators_read_it(client, comment, coordinator):
    services.comment_hide(comment=comment, user=coordinator, reason="Reclame.")
    sign_in(client, comment.author)
    url = f"/initiatieven/{comment.initiative.slug}/reacties/{comment.pk}/bezwaar/"
    assertContains(client.get(url), "Reclame.")

    response = client.post(url, {"text": "Het is een echt aanbod van ons bedrijf."})

    assertRedirects(response, comment.get_absolute_url(), fetch_redirect_response=False)
    again = client.post(url, {"text": "Nog een keer."})
    assert again.status_code == 200
    assertContains(again, "Je hebt al geantwoord.")
    assert ModerationAction.objects.filter(action=ModerationAction.Action.APPEAL).count() == 1
    sign_in(client, coordinator)
    assertContains(client.get(moderate_url(comment)), "Het is een echt aanbod van ons bedrijf.")


def test_the_creator_answers_the_hiding_of_their_initiative_though_they_cannot_see_it(client, initiative, coordinator):
    services.initiative_hide(initiative=initiative, user=coordinator, reason="Dubbel.")
    sign_in(client, initiative.created_by)
    assert client.get(initiative.get_absolute_url()).status_code == 404

    response = client.post(f"/initiatieven/{initiative.slug}/bezwaar/", {"text": "Het is een tweede fase."})

    assert response.status_code == 302
    appeal = ModerationAction.objects.get(action=ModerationAction.Action.APPEAL)
    assert (appeal.actor, appeal.comment, appeal.reason) == (initiative.created_by, None, "Het is een tweede fase.")


# The list of open reports


def test_open_reports_oldest_first_and_each_coordinator_sees_their_own_region(client, comment, coordinator):
    elsewhere = LabourMarketRegion.objects.exclude(pk=comment.initiative.primary_region_id).first()
    far = CommentFactory(initiative=InitiativeFactory(primary_region=elsewhere), text="Ver weg")
    newer = ReportFactory(comment=comment)
    older = ReportFactory(comment=far)
    Report.objects.filter(pk=older.pk).update(created_at=timezone.now() - timezone.timedelta(days=1))
    ReportFactory(comment=CommentFactory(initiative=comment.initiative), handled_at=timezone.now())

    assert list(reports_open()) == [older, newer]
    sign_in(client, coordinator)
    page = client.get("/moderatie/")
    assertContains(page, moderate_url(comment))
    assertNotContains(page, moderate_url(far))
    sign_in(client, person_of_kind("moderator", comment.initiative.lead_organisation))
    page = client.get("/moderatie/").content.decode()
    assert page.index(moderate_url(far)) < page.index(moderate_url(comment))


# The admin panel


@pytest.mark.parametrize("model", ["comment", "report", "moderationaction"])
def test_a_moderator_reads_the_changelists_in_as_many_queries_for_many_rows_as_for_one(
    client, comment, model, django_assert_max_num_queries
):
    moderator = person_of_kind("moderator", comment.initiative.lead_organisation)
    sign_in(client, moderator)
    ReportFactory(comment=comment)
    services.comment_hide(comment=comment, user=moderator, reason="Reclame.")
    path = f"/beheer/initiatives/{model}/"
    client.get(path)
    with CaptureQueriesContext(connection) as at_one:
        assert client.get(path).status_code == 200

    for _ in range(20):
        other = CommentFactory(initiative=InitiativeFactory(), organisation=OrganisationFactory())
        ReportFactory(comment=other)
        services.comment_hide(comment=other, user=moderator, reason="Reclame.")

    with django_assert_max_num_queries(len(at_one)):
        response = client.get(path)
    assert response.status_code == 200
    assertContains(response, "Fietspad naar het techniekcollege")
    assertNotContains(response, f"/beheer/initiatives/{model}/add/")


def test_a_coordinator_is_not_offered_to_remove_a_comment_which_only_moderators_may(client, comment, coordinator):
    sign_in(client, coordinator)

    page = client.get(moderate_url(comment))
    response = client.post(moderate_url(comment), {"decision": "remove", "reason": "Reclame."})

    assert page.status_code == 200
    assertNotContains(page, 'value="remove"')
    assertContains(page, 'value="hide"')
    assert response.status_code == 200  # the form refuses the choice it did not offer: no 403, no 500
    comment.refresh_from_db()
    assert not comment.is_removed
    assert not coordinator.has_perm("initiatives.remove_comment", comment)


def test_a_moderator_is_offered_to_remove_a_comment(client, comment):
    moderator = person_of_kind("moderator", comment.initiative.lead_organisation)
    sign_in(client, moderator)

    page = client.get(moderate_url(comment))

    assertContains(page, 'value="remove"')
    assert moderator.has_perm("initiatives.remove_comment", comment)


# One service decides what the moderation page asks


def test_the_moderation_decision_goes_through_one_service_that_refuses_what_the_page_does_not_offer(
    comment, coordinator
):
    moderator = person_of_kind("moderator", comment.initiative.lead_organisation)
    initiative = comment.initiative

    with pytest.raises(ValidationError):
        services.moderation_decide(user=moderator, initiative=initiative, decision="remove", reason="Weg ermee.")
    with pytest.raises(PermissionDenied):
        services.moderation_decide(
            user=coordinator, initiative=initiative, comment=comment, decision="remove", reason="Reclame."
        )
    services.moderation_decide(
        user=coordinator, initiative=initiative, comment=comment, decision="hide", reason="Reclame."
    )
    services.moderation_decide(
        user=moderator, initiative=initiative, comment=comment, decision="remove", reason="Spam."
    )

    comment.refresh_from_db()
    initiative.refresh_from_db()
    assert (comment.hidden, comment.is_removed, initiative.is_hidden) == (Hidden.HIDDEN, True, False)
    assert list(ModerationAction.objects.filter(comment=comment).values_list("action", "actor")) == [
        (ModerationAction.Action.HIDE, coordinator.pk),
        (ModerationAction.Action.REMOVE, moderator.pk),
    ]
