"""The admin panel opens on the moderation queue; moderators hide and restore from its lists with a reason."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from initiatives import services
from initiatives.models import Comment, Hidden, Initiative, ModerationAction, ReportReason
from initiatives.selectors import moderation_queue

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    OrganisationFactory,
    RegionCoordinatorFactory,
    ReportFactory,
    person_of_kind,
    sign_in,
    verified_person,
    with_second_factor,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


@pytest.fixture
def initiative():
    return InitiativeFactory(title="Leerwerkakkoord Regio Zwolle")


@pytest.fixture
def moderator(initiative, client):
    user = person_of_kind("moderator", initiative.lead_organisation)
    sign_in(client, user)
    return user


def test_the_admin_opens_on_the_reported_items_oldest_first_with_their_reports(client, moderator, comment, initiative):
    ReportFactory(comment=comment, reason=ReportReason.SPAM, text="Reclame voor pillen")
    ReportFactory(comment=None, initiative=InitiativeFactory(title="Later gemeld initiatief"), text="Dubbel")

    page = client.get("/beheer/")

    assertContains(page, "Moderatiewachtrij")
    html = page.content.decode()
    assert html.index("Koop nu goedkope pillen!") < html.index("Later gemeld initiatief") < html.index("Personen")
    assertContains(page, "Reclame voor pillen")
    assertContains(page, f"/initiatieven/{initiative.slug}/reacties/{comment.pk}/modereren/")


def test_an_answer_of_the_author_after_hiding_waits_in_the_queue_until_decided(moderator, comment):
    ReportFactory(comment=comment)
    services.comment_hide(comment=comment, user=moderator, reason="Reclame.")
    assert moderation_queue(moderator) == []

    services.moderation_appeal(user=comment.author, initiative=comment.initiative, comment=comment, text="Was een grap")
    [item] = moderation_queue(moderator)
    assert item.comment == comment and item.appeal.reason == "Was een grap"

    services.comment_restore(comment=comment, user=moderator, reason="Alsnog zichtbaar.")
    assert moderation_queue(moderator) == []


def test_a_coordinator_queue_holds_only_their_region(comment):
    ReportFactory(comment=comment)
    here = with_second_factor(verified_person())
    RegionCoordinatorFactory(user=here, region=comment.initiative.primary_region)
    elsewhere = person_of_kind("other_region_coordinator", comment.initiative.lead_organisation)

    assert [item.comment for item in moderation_queue(here)] == [comment]
    assert moderation_queue(elsewhere) == []


def test_the_queue_takes_as_many_queries_for_many_items_as_for_one(client, moderator, comment):
    ReportFactory(comment=comment)
    client.get("/beheer/")
    with CaptureQueriesContext(connection) as at_one:
        client.get("/beheer/")

    for _ in range(15):
        ReportFactory(comment=CommentFactory(organisation=OrganisationFactory()))
    with CaptureQueriesContext(connection) as at_many:
        page = client.get("/beheer/")

    assert page.status_code == 200
    assert len(at_many) == len(at_one)


def test_a_moderator_hides_comments_from_the_admin_with_a_reason_the_authors_are_told(
    client, moderator, comment, mailoutbox, django_capture_on_commit_callbacks
):
    selected = {"action": "hide", "_selected_action": [comment.pk]}
    asked = client.post("/beheer/initiatives/comment/", selected)
    assertContains(asked, 'name="reason"')

    without_reason = client.post("/beheer/initiatives/comment/", {**selected, "post": "yes", "reason": " "})
    assertContains(without_reason, "Dit veld is verplicht.")
    assert Comment.objects.get(pk=comment.pk).hidden == Hidden.NO

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            "/beheer/initiatives/comment/", {**selected, "post": "yes", "reason": "Reclame."}, follow=True
        )

    assertContains(done, "1 reactie verborgen.")
    assert Comment.objects.get(pk=comment.pk).hidden == Hidden.HIDDEN
    assert ModerationAction.objects.get(comment=comment).reason == "Reclame."
    [mail] = mailoutbox
    assert mail.to == [comment.author.email]
    assert "Reclame." in mail.body


def test_a_moderator_hides_and_shows_an_initiative_again_from_the_admin(client, moderator, initiative):
    selected = {"_selected_action": [initiative.pk], "post": "yes"}

    client.post("/beheer/initiatives/initiative/", {**selected, "action": "hide", "reason": "Dubbel ingevoerd."})
    assert Initiative.objects.get(pk=initiative.pk).hidden == Hidden.HIDDEN
    client.logout()
    assert client.get(initiative.get_absolute_url()).status_code == 404

    sign_in(client, moderator)
    response = client.post(
        "/beheer/initiatives/initiative/", {**selected, "action": "unhide", "reason": "Toch niet dubbel."}, follow=True
    )
    assertNotContains(response, "dit mag je niet doen")
    assert Initiative.objects.get(pk=initiative.pk).hidden == Hidden.NO
