"""The admin panel stays usable at 100,000 rows: every list of ours can be searched and filtered,
and its number of queries does not grow with the rows shown."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agendastad.notifications.models import Follow, Frequency, Notification, NotificationKind, NotificationPreference
from initiatives.models import ModerationAction, Partnership
from regions.models import Suspension

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionCoordinatorFactory,
    verified_person,
)

pytestmark = pytest.mark.django_db

OUR_APPS = {"accounts", "notifications", "regions", "initiatives", "agendas"}
OUR_ADMINS = sorted((model._meta.label for model in admin.site._registry if model._meta.app_label in OUR_APPS), key=str)
NOTHING_TO_FILTER = {"initiatives.Theme", "initiatives.TargetGroup"}  # the six SER themes; a short list of groups


def model_admin(label: str):
    return next(ma for model, ma in admin.site._registry.items() if model._meta.label == label)


@pytest.mark.parametrize("label", OUR_ADMINS)
def test_every_list_of_ours_can_be_searched_and_filtered(superuser_client, label):
    ours = model_admin(label)
    assert ours.search_fields
    assert ours.list_filter or label in NOTHING_TO_FILTER
    url = reverse(f"admin:{label.replace('.', '_').lower()}_changelist")
    response = superuser_client.get(url, {"q": "Groningen"})
    assert response.status_code == 200
    assert "cl" in response.context, "the search was refused"
    filters = response.context["cl"].filter_specs
    assert len(filters) == len(ours.list_filter)
    for spec in filters:
        choice = next((c for c in spec.choices(response.context["cl"]) if not c["selected"]), None)
        if choice is not None:
            assert superuser_client.get(f"{url}{choice['query_string']}").status_code == 200


def rows_add(count: int, moderator) -> None:
    """`count` of everything the admin lists: initiatives with partners, members, invitations, suspensions,
    follows and notifications."""
    for _ in range(count):
        organisation = OrganisationFactory(verified_at=timezone.now(), verified_by=moderator)
        initiative = InitiativeFactory(lead_organisation=organisation, contact_person=None)
        PartnershipFactory(initiative=initiative, role=Partnership.Role.FUNDER)
        MembershipFactory(organisation=organisation, approved_by=moderator)
        InvitationFactory(organisation=organisation, invited_by=moderator)
        RegionCoordinatorFactory(region=organisation.municipality.region, appointed_by=moderator)
        person = verified_person()
        Suspension.objects.create(person=person, reason="spam", suspended_by=moderator)
        Follow.objects.create(user=person, target=initiative)
        Follow.objects.create(user=person, target=organisation.municipality.region)
        NotificationPreference.objects.create(user=person, kind=NotificationKind.PARTNERSHIP, frequency=Frequency.OFF)
        Notification.objects.create(
            recipient=person,
            actor=moderator,
            kind=NotificationKind.PARTNERSHIP,
            template="partnership_invited",
            target_type=ContentType.objects.get_for_model(initiative),
            target_id=initiative.pk,
            event=f"test:{initiative.pk}",
            url=initiative.get_absolute_url(),
            delivery=Frequency.IMMEDIATELY,
        )


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_no_list_of_ours_runs_a_query_per_row(superuser_client):
    urls = [reverse(f"admin:{label.replace('.', '_').lower()}_changelist") for label in OUR_ADMINS]
    rows_add(1, superuser_client.superuser)
    few = {url: queries_for(superuser_client, url) for url in urls}

    rows_add(6, superuser_client.superuser)
    many = {url: queries_for(superuser_client, url) for url in urls}

    assert many == few


def test_initiatives_and_partnerships_are_read_here_and_changed_only_on_the_site(superuser_client):
    """The site's services keep the optimistic lock, the search and the history; the admin cannot go round them."""
    initiative = InitiativeFactory(title="Techniekpact IJssel-Vecht")
    partnership = PartnershipFactory(initiative=initiative, state=Partnership.State.INVITED)
    initiative_url = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    partnership_url = reverse("admin:initiatives_partnership_change", args=[partnership.pk])

    page = superuser_client.get(initiative_url)
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()
    assert "Techniekpact IJssel-Vecht" in page.content.decode()
    assert superuser_client.post(initiative_url, {"title": "Overschreven"}).status_code == 403
    assert superuser_client.post(partnership_url, {"state": Partnership.State.ACCEPTED}).status_code == 403
    assert superuser_client.get(reverse("admin:initiatives_partnership_add")).status_code == 403

    initiative.refresh_from_db()
    partnership.refresh_from_db()
    assert (initiative.title, initiative.history.count()) == ("Techniekpact IJssel-Vecht", 1)
    assert partnership.state == Partnership.State.INVITED


def test_nobody_rewrites_or_deletes_the_moderation_log(superuser_client):
    comment = CommentFactory()
    action = ModerationAction.objects.create(
        initiative=comment.initiative, comment=comment, action=ModerationAction.Action.HIDE, reason="Reclame."
    )
    change_url = reverse("admin:initiatives_moderationaction_change", args=[action.pk])

    assert superuser_client.get(change_url).status_code == 200
    assert superuser_client.post(change_url, {"reason": "Niets aan de hand."}).status_code == 403
    delete_url = reverse("admin:initiatives_moderationaction_delete", args=[action.pk])
    assert superuser_client.post(delete_url, {"post": "yes"}).status_code == 403
    action.refresh_from_db()
    assert action.reason == "Reclame."


def test_a_comment_corrected_here_shows_its_new_text_and_refuses_what_the_site_refuses(superuser_client):
    comment = CommentFactory(text="Bel me op **06-12345678**.")
    url = reverse("admin:initiatives_comment_change", args=[comment.pk])
    data = {"initiative": comment.initiative_id, "author": comment.author_id, "kind": comment.kind}

    refused = superuser_client.post(url, {**data, "text": "- " * 1000 + "x"})
    assert refused.status_code == 200
    assert "Lijsten en citaten liggen hier te diep in elkaar" in refused.content.decode()

    assert superuser_client.post(url, {**data, "text": "Bel me op **[verwijderd]**."}).status_code == 302
    page = superuser_client.get(comment.initiative.get_absolute_url()).content.decode()
    assert "<strong>[verwijderd]</strong>" in page
    assert "06-12345678" not in page
