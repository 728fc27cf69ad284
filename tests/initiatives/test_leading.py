"""Who may lead a new initiative, and with which status it may start: one decision, asked by the form (its
choices and its check), the service, the import and the querysets (organisations_leadable_by).

Five kinds of person register an initiative for `lead` (an organisation in `region`): a member of it, the
region's coordinator, the region's coordinator who is also a member of it, a moderator who also coordinates a
region elsewhere, and a moderator without a region. Members start with an idea or a proposal; whoever may vouch
that it runs already (the organisation's region coordinator, a moderator) may also start it as running or
completed, member or not.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from initiatives import services
from initiatives.models import STARTING_STATUSES, UNDERWAY_STATUSES, Initiative, Status, Theme
from initiatives.predicates import leadable_by
from regions.models import Membership, Municipality, Organisation

from ..factories import MembershipFactory, OrganisationFactory, RegionCoordinatorFactory, person_of_kind, sign_in
from .test_initiatives import create_data

pytestmark = pytest.mark.django_db

PERSONS = ("member", "coordinator", "coordinating_member", "moderator_with_region", "moderator_without_region")
EVERY_START = (*STARTING_STATUSES, *UNDERWAY_STATUSES, Status.STOPPED)
MAY_START_WITH = {
    "member": set(STARTING_STATUSES),
    "coordinator": {*STARTING_STATUSES, *UNDERWAY_STATUSES},
    "coordinating_member": {*STARTING_STATUSES, *UNDERWAY_STATUSES},
    "moderator_with_region": {*STARTING_STATUSES, *UNDERWAY_STATUSES},
    "moderator_without_region": {*STARTING_STATUSES, *UNDERWAY_STATUSES},
}


@pytest.fixture
def lead() -> Organisation:
    return OrganisationFactory(name="Gemeente Groningen")


@pytest.fixture
def elsewhere(lead) -> Organisation:
    """An organisation in another region, which none of the five is a member of."""
    municipality = Municipality.objects.current().exclude(region=lead.municipality.region).first()
    return OrganisationFactory(name="Elders", municipality=municipality)


def person(kind: str, lead: Organisation, elsewhere: Organisation):
    if kind == "member":
        return person_of_kind("member", lead)
    if kind == "coordinator":
        return person_of_kind("region_coordinator", lead)
    if kind == "coordinating_member":
        user = person_of_kind("region_coordinator", lead)
        MembershipFactory(user=user, organisation=lead)
        return user
    user = person_of_kind("moderator", lead)
    if kind == "moderator_with_region":
        RegionCoordinatorFactory(user=user, region=elsewhere.municipality.region)
    return user


def data(lead: Organisation, status: str) -> services.InitiativeData:
    return services.InitiativeData(
        title=f"Start als {status}",
        summary="Samenvatting",
        themes=[Theme.objects.get(number=1)],
        primary_region=lead.municipality.region,
        status=status,
    )


@pytest.mark.parametrize("kind", PERSONS)
def test_the_rules_and_the_querysets_say_the_same_for_each_person(kind, lead, elsewhere):
    user = person(kind, lead, elsewhere)
    assert user.has_perm("initiatives.register_initiative")
    assert user.has_perm("initiatives.lead_initiative", lead)
    may_start_underway = MAY_START_WITH[kind] >= set(UNDERWAY_STATUSES)
    assert user.has_perm("initiatives.start_underway", lead) is may_start_underway
    for organisation in (lead, elsewhere):
        leadable = leadable_by(user).organisations.filter(pk=organisation.pk).exists()
        assert leadable is user.has_perm("initiatives.lead_initiative", organisation)
        underway = leadable_by(user).underway.filter(pk=organisation.pk).exists()
        assert underway is user.has_perm("initiatives.start_underway", organisation)


@pytest.mark.parametrize("kind", PERSONS)
def test_the_service_accepts_exactly_the_starting_statuses_of_each_person(kind, lead, elsewhere):
    user = person(kind, lead, elsewhere)
    accepted = set()
    for status in EVERY_START:
        try:
            services.initiative_create(user=user, lead_organisation=lead, data=data(lead, status))
        except ValidationError as error:
            assert "status" in error.message_dict
        else:
            accepted.add(status)
    assert accepted == MAY_START_WITH[kind]
    assert set(Initiative.objects.values_list("status", flat=True)) == accepted


def offered_statuses(client: Client) -> set[str]:
    page = client.get("/initiatieven/nieuw/").content.decode()
    select = re.search(r'<select name="status".*?</select>', page, re.DOTALL)
    return set(re.findall(r'<option value="([a-z]+)"', select.group(0)))


@pytest.mark.parametrize("kind", PERSONS)
def test_the_form_offers_what_the_service_accepts(kind, client, lead, elsewhere):
    user = person(kind, lead, elsewhere)
    sign_in(client, user)
    assert offered_statuses(client) == MAY_START_WITH[kind]
    for status in EVERY_START:
        response = client.post("/initiatieven/nieuw/", create_data(lead, status=status, title=f"Start als {status}"))
        assert (response.status_code == 302) is (status in MAY_START_WITH[kind])
    assert set(Initiative.objects.values_list("status", flat=True)) == MAY_START_WITH[kind]


def test_a_coordinator_who_is_a_member_elsewhere_starts_that_organisations_initiative_as_an_idea(
    client, lead, elsewhere
):
    """Running is offered (they may start their region's initiatives so), but not for an organisation outside
    their region that they lead as a member: the form says so at the status, as the service would."""
    user = person("coordinator", lead, elsewhere)
    MembershipFactory(user=user, organisation=elsewhere, role=Membership.Role.MEMBER)
    sign_in(client, user)
    assert Status.RUNNING in offered_statuses(client)
    response = client.post(
        "/initiatieven/nieuw/",
        create_data(
            elsewhere,
            status=Status.RUNNING,
            municipalities=[elsewhere.municipality.pk],
        ),
    )
    assert response.status_code == 200
    assert 'id="id_status_error"' in response.content.decode()
    assert not Initiative.objects.exists()
    with pytest.raises(ValidationError):
        services.initiative_create(user=user, lead_organisation=elsewhere, data=data(elsewhere, Status.RUNNING))
    response = client.post(
        "/initiatieven/nieuw/",
        create_data(elsewhere, status=Status.PROPOSAL, municipalities=[elsewhere.municipality.pk]),
    )
    assert response.status_code == 302


def test_a_coordinator_without_the_second_factor_leads_only_as_a_member(client, lead, elsewhere):
    user = person("coordinating_member", lead, elsewhere)
    sign_in(client, user, second_factor=False)
    assert offered_statuses(client) == set(STARTING_STATUSES)
    response = client.post("/initiatieven/nieuw/", create_data(lead, status=Status.RUNNING))
    assert response.status_code == 200
    assert not Initiative.objects.exists()
