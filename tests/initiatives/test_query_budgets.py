"""Pages that show initiatives run as many queries for 50 initiatives (or partners) as for one.

Each test counts a page's queries with one item, adds 49 more, all with partnerships, themes, sought
partners and further regions (so a query per item would show), and allows no more queries than before.
"""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Initiative, Partnership, Theme
from regions.models import LabourMarketRegion, Municipality, Organisation, OrganisationKind

from ..factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    organisation_admin,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db


def rich_initiative(lead: Organisation, **kwargs) -> Initiative:
    """An initiative with everything a card or page shows: two themes, partners from two more helices,
    an open invitation, sought partners, a further region and a municipality."""
    initiative = InitiativeFactory(
        lead_organisation=lead, themes=list(Theme.objects.filter(number__in=[1, 3])), **kwargs
    )
    PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=OrganisationKind.UNIVERSITY))
    PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=OrganisationKind.BUSINESS))
    PartnershipFactory(initiative=initiative, state=Partnership.State.INVITED)
    initiative.sought_partners.create(helix="civil_society")
    initiative.sought_partners.create(kind=OrganisationKind.SCHOOL_MBO)
    initiative.regions.set([LabourMarketRegion.objects.get(code="AM03")])
    initiative.municipalities.set([lead.municipality])
    return initiative


def assert_budget(
    client, path: str, grow: Callable[[], None], shown: Callable[[object], int], django_assert_max_num_queries
) -> None:
    """Count the queries of `path` now, `grow` the data, and allow no more queries than counted."""
    client.get(path)  # caches that fill once per process (content types, translations) are not the page's
    with CaptureQueriesContext(connection) as at_one:
        response = client.get(path)
    assert response.status_code == 200
    assert shown(response) == 1

    grow()

    with django_assert_max_num_queries(len(at_one)) as at_fifty:
        response = client.get(path)
    assert response.status_code == 200
    assert shown(response) > 1
    assert len(at_fifty) == len(at_one)


def results_on_page(response) -> int:
    return len(response.context["object_list"])


PEOPLE = ["anonymous", "member", "moderator"]


def sign_in_as(client, who: str, organisation: Organisation) -> None:
    """Signed-in people see drafts of their organisations and extra forms: more queries per item could hide there."""
    if who == "anonymous":
        return
    person = verified_person(is_staff=who == "moderator", is_superuser=who == "moderator")
    MembershipFactory(user=person, organisation=organisation)
    sign_in(client, person)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("query", ["", "?q=initiative&theme=talent-ontwikkelen&region=groningen&sought=knowledge"])
def test_the_list(client, groningen, who, query, django_assert_max_num_queries):
    lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=groningen)
    sign_in_as(client, who, lead)
    rich_initiative(lead).sought_partners.create(helix="knowledge")

    def grow():
        for _ in range(49):
            rich_initiative(OrganisationFactory(municipality=groningen)).sought_partners.create(helix="knowledge")

    assert_budget(client, f"/initiatieven/{query}", grow, results_on_page, django_assert_max_num_queries)


@pytest.mark.parametrize("who", ["anonymous", "lead_admin", "invited_admin"])
def test_the_detail_page(client, groningen, who, django_assert_max_num_queries):
    lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=groningen)
    initiative = InitiativeFactory(lead_organisation=lead, themes=list(Theme.objects.all()))
    initiative.sought_partners.create(helix="knowledge")
    invited = OrganisationFactory(kind=OrganisationKind.SCHOOL_HBO)
    PartnershipFactory(initiative=initiative, organisation=invited, state=Partnership.State.INVITED)
    if who != "anonymous":
        sign_in(client, organisation_admin(lead if who == "lead_admin" else invited))
    rotterdam = Municipality.objects.get(name="Rotterdam")

    def grow():
        for number in range(49):
            kind = [OrganisationKind.UNIVERSITY, OrganisationKind.BUSINESS, OrganisationKind.UNION][number % 3]
            PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=kind))
            PartnershipFactory(initiative=initiative, state=Partnership.State.INVITED)
            PartnershipFactory(initiative=initiative, state=Partnership.State.REQUESTED)
            rich_initiative(OrganisationFactory(municipality=rotterdam))

    def partners_shown(response) -> int:
        return sum(len(partnerships) for _, _, partnerships in response.context["partner_groups"])

    assert_budget(client, initiative.get_absolute_url(), grow, partners_shown, django_assert_max_num_queries)


@pytest.mark.parametrize("who", PEOPLE)
def test_the_region_page(client, groningen, who, django_assert_max_num_queries):
    lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=groningen)
    sign_in_as(client, who, lead)
    rich_initiative(lead)

    def grow():
        for _ in range(49):
            rich_initiative(OrganisationFactory(municipality=groningen))

    def initiatives_shown(response) -> int:
        return len(response.context["initiatives"])

    assert_budget(client, "/regios/groningen/", grow, initiatives_shown, django_assert_max_num_queries)


@pytest.mark.parametrize("who", PEOPLE)
def test_the_matchmaking_page(client, groningen, who, django_assert_max_num_queries):
    lead = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO, municipality=groningen)
    sign_in_as(client, who, lead)
    rich_initiative(OrganisationFactory(municipality=groningen))

    def grow():
        for _ in range(49):
            rich_initiative(OrganisationFactory(municipality=groningen))

    assert_budget(client, "/partners-gezocht/", grow, results_on_page, django_assert_max_num_queries)


@pytest.mark.parametrize("who", PEOPLE)
def test_the_organisation_page(client, groningen, who, django_assert_max_num_queries):
    organisation = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=groningen)
    sign_in_as(client, who, organisation)
    rich_initiative(organisation)
    PartnershipFactory(initiative=rich_initiative(OrganisationFactory()), organisation=organisation)

    def grow():
        for _ in range(49):
            rich_initiative(organisation)
            PartnershipFactory(initiative=rich_initiative(OrganisationFactory()), organisation=organisation)

    def initiatives_shown(response) -> int:
        """Led and taking part in: one of each at first."""
        return min(len(response.context["led"]), len(response.context["partner_in"]))

    assert_budget(client, f"/organisaties/{organisation.slug}/", grow, initiatives_shown, django_assert_max_num_queries)


@pytest.mark.parametrize("who", PEOPLE)
def test_the_theme_page(client, groningen, who, django_assert_max_num_queries):
    lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=groningen)
    sign_in_as(client, who, lead)
    rich_initiative(lead)

    def grow():
        for _ in range(49):
            rich_initiative(OrganisationFactory())

    def initiatives_shown(response) -> int:
        return len(response.context["initiatives"])

    assert_budget(client, "/themas/talent-ontwikkelen/", grow, initiatives_shown, django_assert_max_num_queries)
