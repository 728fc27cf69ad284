"""Organisations commit to a published agenda through one of their admins; an initiative's lead links it to the
priorities of the published agendas of its own regions, and to nothing else."""

import pytest
from django.utils.html import escape

from agendastad.agendas.models import AgendaCommitment, AgendaState, PriorityContribution
from initiatives.models import Initiative
from regions.models import LabourMarketRegion, Membership, OrganisationKind

from ..factories import (
    AgendaPriorityFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    RegionAgendaFactory,
    contribution,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db


def test_an_organisation_admin_commits_and_withdraws(client):
    agenda = RegionAgendaFactory()
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO)
    admin = organisation_admin(school)
    sign_in(client, admin)

    client.post(f"/agendas/{agenda.slug}/verbinden/", {"organisation": school.pk})

    assert list(AgendaCommitment.objects.values_list("agenda", "organisation", "committed_by")) == [
        (agenda.pk, school.pk, admin.pk)
    ]
    assert escape(school.name) in client.get(agenda.get_absolute_url()).content.decode()

    client.post(f"/agendas/{agenda.slug}/verbinden/", {"organisation": school.pk, "withdraw": "1"})

    assert not AgendaCommitment.objects.exists()


def test_a_member_cannot_commit_their_organisation_nor_an_admin_someone_elses(client):
    agenda = RegionAgendaFactory()
    school, company = OrganisationFactory(), OrganisationFactory()
    member = verified_person()
    MembershipFactory(user=member, organisation=school)
    sign_in(client, member)
    assert client.post(f"/agendas/{agenda.slug}/verbinden/", {"organisation": school.pk}).status_code == 403

    sign_in(client, organisation_admin(company))
    response = client.post(f"/agendas/{agenda.slug}/verbinden/", {"organisation": school.pk})

    assert response.status_code == 302  # told to choose one of their own
    assert not AgendaCommitment.objects.exists()


def test_nobody_commits_to_a_draft(client):
    draft = RegionAgendaFactory(state=AgendaState.DRAFT, published_at=None)
    school = OrganisationFactory()
    sign_in(client, organisation_admin(school))

    response = client.post(f"/agendas/{draft.slug}/verbinden/", {"organisation": school.pk})

    assert response.status_code == 404
    assert not AgendaCommitment.objects.exists()


def lead_member(initiative: Initiative):
    person = verified_person()
    MembershipFactory(user=person, organisation=initiative.lead_organisation)
    return person


def test_the_lead_links_an_initiative_to_priorities_of_its_regions_published_agendas(client):
    initiative = InitiativeFactory()
    elsewhere = LabourMarketRegion.objects.exclude(pk=initiative.primary_region_id).order_by("code").first()
    initiative.regions.add(elsewhere)
    own = AgendaPriorityFactory(agenda=RegionAgendaFactory(region=initiative.primary_region))
    further = AgendaPriorityFactory(agenda=RegionAgendaFactory(region=elsewhere))
    draft = AgendaPriorityFactory(
        agenda=RegionAgendaFactory(region=initiative.primary_region, state=AgendaState.DRAFT, published_at=None)
    )
    unrelated_region = LabourMarketRegion.objects.exclude(pk__in=[initiative.primary_region_id, elsewhere.pk]).first()
    unrelated = AgendaPriorityFactory(agenda=RegionAgendaFactory(region=unrelated_region))
    person = lead_member(initiative)
    sign_in(client, person)
    page = client.get(f"/initiatieven/{initiative.slug}/agendas/")
    assert set(page.context["form"].fields["priorities"].queryset) == {own, further}

    client.post(f"/initiatieven/{initiative.slug}/agendas/", {"priorities": [own.pk, further.pk]})

    assert set(PriorityContribution.objects.values_list("priority", "initiative", "linked_by")) == {
        (own.pk, initiative.pk, person.pk),
        (further.pk, initiative.pk, person.pk),
    }
    for forged in (draft, unrelated):
        response = client.post(f"/initiatieven/{initiative.slug}/agendas/", {"priorities": [own.pk, forged.pk]})
        assert response.status_code == 200
        assert PriorityContribution.objects.count() == 2

    client.post(f"/initiatieven/{initiative.slug}/agendas/", {"priorities": [further.pk]})

    assert list(PriorityContribution.objects.values_list("priority", flat=True)) == [further.pk]


def test_a_link_to_an_agenda_taken_back_to_draft_stays_when_the_lead_saves_again(client):
    initiative = InitiativeFactory()
    agenda = RegionAgendaFactory(region=initiative.primary_region)
    kept = AgendaPriorityFactory(agenda=agenda)
    contribution(kept, initiative)
    agenda.state, agenda.published_at = AgendaState.DRAFT, None
    agenda.save()
    sign_in(client, lead_member(initiative))

    client.post(f"/initiatieven/{initiative.slug}/agendas/", {"priorities": []})

    assert PriorityContribution.objects.filter(priority=kept).exists()


@pytest.mark.parametrize("kind", ["other_org_member", "region_coordinator", "moderator", "other_region_coordinator"])
def test_only_the_lead_links(client, kind):
    initiative = InitiativeFactory()
    priority = AgendaPriorityFactory(agenda=RegionAgendaFactory(region=initiative.primary_region))
    sign_in(client, person_of_kind(kind, initiative.lead_organisation))

    response = client.post(f"/initiatieven/{initiative.slug}/agendas/", {"priorities": [priority.pk]})

    assert response.status_code == 403
    assert not PriorityContribution.objects.exists()


def test_a_former_member_of_the_lead_links_nothing(client):
    initiative = InitiativeFactory()
    priority = AgendaPriorityFactory(agenda=RegionAgendaFactory(region=initiative.primary_region))
    person = lead_member(initiative)
    Membership.objects.filter(user=person).update(state=Membership.State.REQUESTED)
    sign_in(client, person)

    assert client.post(f"/initiatieven/{initiative.slug}/agendas/", {"priorities": [priority.pk]}).status_code == 403
    assert not PriorityContribution.objects.exists()
