"""Moderators merge duplicate organisations: every membership, invitation, partnership and led
initiative moves to the organisation kept, nothing is lost."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pytest_django.asserts import assertContains

from agendastad.notifications.models import Follow
from initiatives.models import Initiative, Partnership
from initiatives.services import organisation_merge
from regions.models import Invitation, Membership, Organisation

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept():
    return OrganisationFactory(name="ROC Friesland College", website="", kvk_number="")


@pytest.fixture
def duplicate(kept):
    return OrganisationFactory(
        name="Friesland College",
        municipality=kept.municipality,
        kind=kept.kind,
        website="https://www.frieslandcollege.nl",
        kvk_number="01234567",
    )


@pytest.fixture
def moderator(kept):
    return person_of_kind("moderator", kept)


def test_merging_moves_everything_and_keeps_the_strongest_link(kept, duplicate, moderator):
    only_there = MembershipFactory(organisation=duplicate, role=Membership.Role.ADMIN)
    in_both = verified_person()
    MembershipFactory(user=in_both, organisation=kept, role=Membership.Role.MEMBER)
    MembershipFactory(user=in_both, organisation=duplicate, role=Membership.Role.ADMIN)
    invitation = InvitationFactory(organisation=duplicate, email="docent@example.nl")
    led = InitiativeFactory(lead_organisation=duplicate, title="Praktijkleren in de zorg")
    partnered = InitiativeFactory()
    PartnershipFactory(initiative=partnered, organisation=duplicate)
    comment = CommentFactory(initiative=partnered, author=only_there.user, organisation=duplicate)
    both = InitiativeFactory()
    PartnershipFactory(initiative=both, organisation=kept, state=Partnership.State.INVITED)
    PartnershipFactory(initiative=both, organisation=duplicate, state=Partnership.State.ACCEPTED)

    organisation_merge(kept=kept, duplicates=[duplicate], user=moderator)

    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    kept.refresh_from_db()
    assert kept.website == "https://www.frieslandcollege.nl"
    assert kept.kvk_number == "01234567"
    assert Membership.objects.get(user=only_there.user, organisation=kept).is_admin
    assert Membership.objects.get(user=in_both, organisation=kept).is_admin
    assert Invitation.objects.get(pk=invitation.pk).organisation == kept
    led.refresh_from_db()
    assert led.lead_organisation == kept
    assert led.history.first().history_user == moderator
    assert Partnership.objects.get(initiative=led, role=Partnership.Role.LEAD).organisation == kept
    assert Partnership.objects.get(initiative=partnered, role=Partnership.Role.PARTNER).organisation == kept
    assert Partnership.objects.get(initiative=both, organisation=kept).state == Partnership.State.ACCEPTED
    assert Partnership.objects.filter(initiative=both).count() == 2  # its own lead, and kept's one
    comment.refresh_from_db()
    assert comment.organisation == kept


def test_the_followers_of_a_duplicate_follow_the_organisation_kept(kept, duplicate, moderator):
    follows_both, follows_duplicate = verified_person(), verified_person()
    for person, targets in ((follows_both, [kept, duplicate]), (follows_duplicate, [duplicate])):
        for target in targets:
            Follow.objects.create(user=person, target=target)

    organisation_merge(kept=kept, duplicates=[duplicate], user=moderator)

    assert sorted(Follow.objects.values_list("user", "target_id")) == sorted(
        [(follows_both.pk, kept.pk), (follows_duplicate.pk, kept.pk)]
    )


def test_the_lead_role_wins_over_a_partnership_in_the_same_initiative(kept, duplicate, moderator):
    initiative = InitiativeFactory(lead_organisation=kept)
    PartnershipFactory(initiative=initiative, organisation=duplicate, state=Partnership.State.ACCEPTED)

    organisation_merge(kept=kept, duplicates=[duplicate], user=moderator)

    assert list(Partnership.objects.filter(initiative=initiative).values_list("organisation", "role")) == [
        (kept.pk, Partnership.Role.LEAD)
    ]


@pytest.mark.parametrize(
    "kind", ["member", "org_admin", "other_org_member", "region_coordinator", "other_region_coordinator", "unverified"]
)
def test_only_moderators_merge_and_a_refusal_changes_nothing(kept, duplicate, kind):
    MembershipFactory(organisation=duplicate)
    person = person_of_kind(kind, kept)

    with pytest.raises(PermissionDenied):
        organisation_merge(kept=kept, duplicates=[duplicate], user=person)

    assert Organisation.objects.filter(pk=duplicate.pk).exists()
    assert duplicate.memberships.count() == 1


def test_an_organisation_is_not_merged_into_itself(kept, moderator):
    with pytest.raises(ValidationError):
        organisation_merge(kept=kept, duplicates=[kept], user=moderator)
    assert Organisation.objects.filter(pk=kept.pk).exists()


def test_a_moderator_merges_from_the_admin_panel_after_choosing_which_to_keep(client, kept, duplicate, moderator):
    member = MembershipFactory(organisation=duplicate)
    led = InitiativeFactory(lead_organisation=duplicate)
    sign_in(client, moderator)
    selected = {"action": "merge", "_selected_action": [kept.pk, duplicate.pk]}

    confirm = client.post("/beheer/regions/organisation/", selected)
    assertContains(confirm, "Kies de organisatie die blijft")
    assertContains(confirm, "Friesland College")

    response = client.post("/beheer/regions/organisation/", {**selected, "post": "yes", "kept": kept.pk}, follow=True)

    assertContains(response, "1 organisatie samengevoegd met ROC Friesland College.")
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert Membership.objects.get(pk=member.pk).organisation == kept
    assert Initiative.objects.get(pk=led.pk).lead_organisation == kept


@pytest.mark.parametrize("choice", ["abc", "1\x00", ""])
def test_a_forged_choice_of_the_organisation_to_keep_merges_nothing_and_is_no_500(
    client, kept, duplicate, moderator, choice
):
    sign_in(client, moderator)
    selected = {"action": "merge", "_selected_action": [kept.pk, duplicate.pk], "post": "yes", "kept": choice}

    response = client.post("/beheer/regions/organisation/", selected, follow=True)

    assertContains(response, "Kies de organisatie die blijft.")
    assert Organisation.objects.filter(pk__in=[kept.pk, duplicate.pk]).count() == 2
