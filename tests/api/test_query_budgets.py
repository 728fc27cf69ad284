"""Every list of the API runs as many queries for a page of 100 items as for a page of one, and so does an
initiative's detail for 50 partners as for one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Partnership
from regions.models import OrganisationKind

from ..factories import InitiativeFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

LISTS = [
    ("/api/v1/initiatives/", {}, 9),  # programmes, target groups and agenda priorities: one query each
    # the search text may name a place too: the current regions and municipalities, one query each
    ("/api/v1/initiatives/", {"q": "initiative", "region": "groningen", "helix": "knowledge", "complete": "false"}, 12),
    ("/api/v1/initiatives/", {"theme": "talent-ontwikkelen", "organisation": "<first>", "municipality": "GM0014"}, 12),
    ("/api/v1/organisations/", {"region": "groningen", "helix": "government"}, 2),
    ("/api/v1/regions/", {}, 3),
    ("/api/v1/municipalities/", {"include_retired": "true"}, 2),
    ("/api/v1/themes/", {}, 2),
    ("/api/v1/programmes/", {}, 1),
    ("/api/v1/target-groups/", {}, 1),
]


def queries_of(client, path: str, params: dict) -> tuple[int, int]:
    """(queries, items) of one request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize(("path", "params", "budget"), LISTS)
def test_a_page_of_a_list_costs_the_same_whatever_its_size(client, world, path, params, budget):
    for number in range(40):
        kind = [OrganisationKind.MUNICIPALITY, OrganisationKind.UNIVERSITY, OrganisationKind.BUSINESS][number % 3]
        initiative = InitiativeFactory(lead_organisation=OrganisationFactory(kind=kind))
        PartnershipFactory(initiative=initiative, organisation=world.organisations[number % 10])
        initiative.sought_partners.create(helix="knowledge")
        initiative.municipalities.set([initiative.lead_organisation.municipality])
    params = {name: world.organisations[0].slug if value == "<first>" else value for name, value in params.items()}
    client.get(path, {**params, "page_size": 1})  # what fills once per process (content types) is not the list's

    at_one, shown_one = queries_of(client, path, {**params, "page_size": 1})
    at_hundred, shown_hundred = queries_of(client, path, {**params, "page_size": 100})

    assert shown_one == 1
    assert shown_hundred > 5
    assert at_hundred == at_one <= budget, (at_one, at_hundred)


def test_an_initiative_costs_the_same_with_fifty_partners_as_with_one(client, world):
    initiative = world.public[0]
    path = f"/api/v1/initiatives/{initiative.slug}/"
    client.get(path)
    at_few = queries_of_detail(client, path)

    for number in range(50):
        kind = [OrganisationKind.UNIVERSITY, OrganisationKind.BUSINESS, OrganisationKind.UNION][number % 3]
        PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=kind))
        PartnershipFactory(initiative=initiative, state=Partnership.State.INVITED)

    assert queries_of_detail(client, path) == at_few <= 9  # 6, and programmes, target groups and priorities
    assert len(client.get(path).json()["partners"]) == 53


def queries_of_detail(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)
