"""Organisations, regions, municipalities and themes: the organisation list page's items for its filters, and
counts that equal the database."""

import pytest
from django.db.models import Q
from django.test import Client

from initiatives.models import Initiative, Theme
from regions.models import LabourMarketRegion, Municipality

from .conftest import walk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "params",
    [{}, {"helix": "knowledge"}, {"kind": "business"}, {"region": "rijnmond"}, {"q": "organisation"}, {"q": "niemand"}],
)
def test_organisations_are_those_of_the_list_page_for_the_same_filters(client, world, params):
    page = Client().get("/organisaties/", params)
    expected = sorted(organisation.slug for organisation in page.context["paginator"].object_list)

    found = sorted(item["slug"] for item in walk(client, "/api/v1/organisations/", params))

    assert found == expected
    assert len(found) <= len(world.organisations)


def test_verified_is_a_strict_yes_or_no(client, world):
    world.organisations[3].verified_at = world.public[0].created_at
    world.organisations[3].save()

    verified = walk(client, "/api/v1/organisations/", {"verified": "true"})

    assert [item["slug"] for item in verified] == [world.organisations[3].slug]
    assert verified[0]["verified"] is True
    assert len(walk(client, "/api/v1/organisations/", {"verified": "false"})) == len(world.organisations) - 1
    assert client.get("/api/v1/organisations/", {"verified": "yes"}).status_code == 400


def test_regions_with_their_current_municipalities_and_public_initiatives(client, world):
    regions = walk(client, "/api/v1/regions/", {"page_size": 100})

    assert len(regions) == LabourMarketRegion.objects.current().count() == 35
    for item in regions:
        region = LabourMarketRegion.objects.get(slug=item["slug"])
        codes = sorted(region.municipalities.current().values_list("code", flat=True))
        assert item["municipalities"] == codes
        assert item["municipality_count"] == len(codes)
        works_there = Q(primary_region=region) | Q(regions=region)
        assert item["public_initiatives"] == Initiative.objects.public().filter(works_there).distinct().count()
    assert sum(item["public_initiatives"] for item in regions) > len(world.public)  # further regions count too


def test_municipalities_of_a_region_or_province(client, db):
    rijnmond = walk(client, "/api/v1/municipalities/", {"region": "rijnmond"})
    limburg = walk(client, "/api/v1/municipalities/", {"province": "Limburg"})

    assert {item["code"] for item in rijnmond} == set(
        Municipality.objects.current().filter(region__slug="rijnmond").values_list("code", flat=True)
    )
    assert len(limburg) == Municipality.objects.current().filter(province="Limburg").count() > 0
    assert client.get("/api/v1/municipalities/GM0599/").json()["region"]["slug"] == "rijnmond"


def test_the_six_themes_in_both_languages_with_their_public_initiatives(client, world):
    themes = client.get("/api/v1/themes/").json()["results"]

    assert [item["number"] for item in themes] == [1, 2, 3, 4, 5, 6]
    for item in themes:
        theme = Theme.objects.get(slug=item["slug"])
        assert (item["name_nl"], item["name_en"]) == (theme.name_nl, theme.name_en)
        assert item["public_initiatives"] == Initiative.objects.public().filter(themes=theme).count()
        assert item["url"] == f"http://testserver/themas/{theme.slug}/"
    assert client.get("/api/v1/themes/bestuurlijke-slagkracht/").json()["name_en"] == "Administrative strength"
