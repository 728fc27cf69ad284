"""National programmes and target groups: kept by moderators, chosen on an initiative, filtered on in the list,
shown on the programme pages (with where in the country they are worked out) and counted per region. Only public
initiatives count anywhere public."""

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from initiatives.models import Hidden, Initiative, NationalProgramme, TargetGroup, Visibility
from regions.models import LabourMarketRegion, Municipality

from ..factories import (
    InitiativeFactory,
    OrganisationFactory,
    RegionCoordinatorFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)
from ..initiatives.test_initiatives import edit_data, edit_url

pytestmark = pytest.mark.django_db

SECRET = {
    "Green Deal concept": {"visibility": Visibility.DRAFT},
    "Green Deal verborgen": {"hidden": Hidden.HIDDEN},
    "Green Deal gemeld": {"hidden": Hidden.PENDING},
    "Green Deal gearchiveerd": {"archived_at": timezone.now()},
}


@dataclass
class World:
    green: NationalProgramme
    techniek: NationalProgramme
    status_holders: TargetGroup
    older: TargetGroup
    groningen: LabourMarketRegion
    rijnmond: LabourMarketRegion
    public: list[Initiative]


@pytest.fixture
def world() -> World:
    """Three public Green Deal initiatives (two in Groningen, one in Rijnmond that also works in Groningen), one on
    the Techniekpact, and four secret ones on the Green Deal that nothing public may count."""
    green = NationalProgramme.objects.get(slug="green-deals")
    techniek = NationalProgramme.objects.get(slug="techniekpact")
    status_holders = TargetGroup.objects.get(slug="statushouders")
    older = TargetGroup.objects.get(slug="oudere-werknemers")
    in_groningen = OrganisationFactory(municipality=Municipality.objects.get(code="GM0014"))
    in_rotterdam = OrganisationFactory(municipality=Municipality.objects.get(name="Rotterdam"))
    groningen, rijnmond = in_groningen.municipality.region, in_rotterdam.municipality.region
    first = InitiativeFactory(title="Groene banen Groningen", lead_organisation=in_groningen)
    second = InitiativeFactory(title="Zonnedaken Groningen", lead_organisation=in_groningen)
    crossing = InitiativeFactory(title="Waterstofroute", lead_organisation=in_rotterdam)
    crossing.regions.set([groningen])
    technical = InitiativeFactory(title="Techniek in Rijnmond", lead_organisation=in_rotterdam)
    for initiative in (first, second, crossing):
        initiative.programmes.set([green])
    technical.programmes.set([techniek])
    first.target_groups.set([status_holders, older])
    crossing.target_groups.set([status_holders])
    technical.target_groups.set([older])
    for title, kwargs in SECRET.items():
        secret = InitiativeFactory(title=title, lead_organisation=in_groningen, **kwargs)
        secret.programmes.set([green, techniek])
        secret.target_groups.set([status_holders, older])
    return World(green, techniek, status_holders, older, groningen, rijnmond, [first, second, crossing, technical])


def public_count(region: LabourMarketRegion | None, **links) -> int:
    """Counted again with the ORM, the way the list finds them: public, in the region (primary or further)."""
    initiatives = Initiative.objects.public().filter(**links)
    if region is not None:
        initiatives = initiatives.in_region(region)
    return initiatives.distinct().count()


def listed_titles(client, query: str) -> list[str]:
    response = client.get(f"/initiatieven/?{query}")
    assert response.status_code == 200
    return sorted(initiative.title for initiative in response.context["object_list"])


# The list's filters


def test_the_list_filters_by_programme_and_target_group_by_slug(client, world):
    assert listed_titles(client, "programme=green-deals") == [
        "Groene banen Groningen",
        "Waterstofroute",
        "Zonnedaken Groningen",
    ]
    assert listed_titles(client, "programme=green-deals&programme=techniekpact") == sorted(
        i.title for i in world.public
    )
    assert listed_titles(client, "target_group=statushouders") == ["Groene banen Groningen", "Waterstofroute"]
    assert listed_titles(client, "target_group=oudere-werknemers&region=rijnmond") == ["Techniek in Rijnmond"]
    assert listed_titles(client, "programme=techniekpact&target_group=statushouders") == []


@pytest.mark.parametrize(
    "query", ["programme=atlantis-deal", "target_group=aliens", "programme=green-deals&programme=%00"]
)
def test_an_unknown_programme_or_target_group_is_a_message_on_the_list_not_an_error(client, world, query):
    response = client.get(f"/initiatieven/?{query}")

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.context["filter"].errors
        assert list(response.context["object_list"]) == []
        assertContains(response, 'aria-invalid="true"')


def test_a_moderator_sees_drafts_in_the_list_filter_but_the_programme_page_stays_public_only(client, world):
    sign_in(client, person_of_kind("moderator", world.public[0].lead_organisation))

    assert "Green Deal concept" in listed_titles(client, "programme=green-deals")
    page = client.get(f"/programmas/{world.green.slug}/")
    for title in SECRET:
        assertNotContains(page, title)


# The programme pages


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_programme_list_names_every_programme_with_its_public_initiatives(client, world, prefix):
    response = client.get(f"{prefix}/programmas/")

    assert response.status_code == 200
    rows = dict(response.context["rows"])
    assert set(rows) == set(NationalProgramme.objects.all())
    for programme, count in rows.items():
        assert count == public_count(None, programmes=programme)
    assert rows[world.green] == 3
    assertContains(response, world.green.get_absolute_url())


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_programme_page_shows_its_official_page_and_its_public_initiatives_only(client, world, prefix):
    response = client.get(f"{prefix}/programmas/{world.green.slug}/")

    assert response.status_code == 200
    assertContains(response, 'href="https://www.greendeals.nl/"')
    assert sorted(i.title for i in response.context["initiatives"]) == [
        "Groene banen Groningen",
        "Waterstofroute",
        "Zonnedaken Groningen",
    ]
    assert response.context["initiative_count"] == 3
    for title in SECRET:
        assertNotContains(response, title)
    assertContains(response, "/initiatieven/?programme=green-deals")


def test_the_programme_map_shades_each_region_by_its_public_initiatives_as_the_database_counts(client, world):
    response = client.get(f"/programmas/{world.green.slug}/")

    shown = {region.pk: region.figure for region in response.context["map"].regions}
    expected = {
        region.pk: public_count(region, programmes=world.green)
        for region in LabourMarketRegion.objects.current().defer("boundary")
    }
    assert shown == expected
    assert shown[world.groningen.pk] == 3  # two of its own, and the crossing one from Rijnmond
    assert shown[world.rijnmond.pk] == 1
    assert sum(1 for figure in shown.values() if figure) == 2
    darkest = max(region.colour for region in response.context["map"].regions)
    assert next(r for r in response.context["map"].regions if r.pk == world.groningen.pk).colour == darkest
    table_row = f'<a class="utrecht-link" href="/regios/{world.groningen.slug}/">{world.groningen.name}</a>'
    assertContains(response, table_row)


def test_an_unknown_programme_is_not_found(client, world):
    assert client.get("/programmas/atlantis-deal/").status_code == 404


def test_the_programme_pages_run_as_many_queries_for_many_initiatives_as_for_one(
    client, world, django_assert_max_num_queries
):
    client.get(f"/programmas/{world.techniek.slug}/")
    with CaptureQueriesContext(connection) as one:
        client.get(f"/programmas/{world.techniek.slug}/")
    lead = world.public[3].lead_organisation
    for _ in range(15):
        InitiativeFactory(lead_organisation=lead).programmes.set([world.techniek])

    with django_assert_max_num_queries(len(one)):
        response = client.get(f"/programmas/{world.techniek.slug}/")
    assert response.context["initiative_count"] == 16


# Who benefits


def test_the_region_page_counts_its_public_initiatives_per_target_group(client, world):
    response = client.get(f"/regios/{world.groningen.slug}/")

    counts = dict(response.context["target_groups"])
    assert set(counts) == set(TargetGroup.objects.all())
    for group, count in counts.items():
        assert count == public_count(world.groningen, target_groups=group)
    assert counts[world.status_holders] == 2
    assert counts[world.older] == 1
    assertContains(response, f"?region={world.groningen.slug}&amp;target_group=statushouders")


def test_the_national_overview_counts_regions_by_target_groups_as_the_database(client, world):
    response = client.get("/inzicht/")

    matrix = response.context["target_groups"]
    for region, cells in matrix.rows:
        for group, count in cells:
            assert count == public_count(region, target_groups=group), (region, group)
    totals = dict(matrix.totals)
    for group, count in totals.items():
        assert count == public_count(None, target_groups=group)
    assert totals[world.status_holders] == 2
    assert totals[world.older] == 2
    assertContains(response, "/initiatieven/?target_group=statushouders")


# Editing an initiative


def test_the_form_saves_programmes_and_target_groups_and_the_versions_page_names_the_change(client, world):
    initiative = world.public[1]
    admin = organisation_admin(initiative.lead_organisation)
    sign_in(client, admin)

    response = client.post(
        edit_url(initiative),
        edit_data(
            initiative,
            programmes=[world.green.pk, world.techniek.pk],
            target_groups=[world.older.pk],
        ),
    )

    assert response.status_code == 302
    assert set(initiative.programmes.all()) == {world.green, world.techniek}
    assert list(initiative.target_groups.all()) == [world.older]
    newest = initiative.history.first()
    assert {link.nationalprogramme_id for link in newest.programmes.all()} == {world.green.pk, world.techniek.pk}
    versions = client.get(f"/initiatieven/{initiative.slug}/versies/")
    assertContains(versions, "Landelijke programma")
    assertContains(versions, "Doelgroepen")
    detail = client.get(initiative.get_absolute_url())
    assertContains(detail, world.techniek.get_absolute_url())
    assertContains(detail, "?target_group=oudere-werknemers")


# Kept by moderators

ADD_URL = "/beheer/initiatives/nationalprogramme/add/"


def programme_form(**overrides) -> dict:
    return {
        "slug": "city-deal-inclusieve-stad",
        "name_nl": "City Deal Inclusieve Stad",
        "name_en": "City Deal Inclusive City",
        "kind": "city_deal",
        "description_nl": "Samen werken aan een stad waar iedereen meedoet.",
        "description_en": "Working together on a city where everyone takes part.",
        "website": "",
        "running": "on",
        **overrides,
    }


def test_a_moderator_adds_a_programme_and_a_target_group_in_the_admin_panel(client, world):
    moderator = person_of_kind("moderator", world.public[0].lead_organisation)
    sign_in(client, moderator)

    response = client.post(ADD_URL, programme_form())
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert NationalProgramme.objects.get(slug="city-deal-inclusieve-stad").kind == "city_deal"

    response = client.post(
        "/beheer/initiatives/targetgroup/add/",
        {"slug": "mantelzorgers", "name_nl": "Mantelzorgers", "name_en": "Carers"},
    )
    assert response.status_code == 302
    assert TargetGroup.objects.filter(slug="mantelzorgers").exists()


def test_a_moderator_may_not_delete_a_programme(client, world):
    sign_in(client, person_of_kind("moderator", world.public[0].lead_organisation))

    response = client.post(f"/beheer/initiatives/nationalprogramme/{world.green.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert NationalProgramme.objects.filter(pk=world.green.pk).exists()


@pytest.mark.parametrize("kind", ["coordinator", "person", "moderator_without_second_factor"])
def test_others_cannot_add_a_programme(client, world, kind):
    if kind == "coordinator":
        person = verified_person()
        RegionCoordinatorFactory(user=person, region=world.groningen)
        sign_in(client, person)
    elif kind == "person":
        sign_in(client, verified_person())
    else:
        sign_in(client, person_of_kind("moderator", world.public[0].lead_organisation), second_factor=False)
    before = NationalProgramme.objects.count()

    response = client.post(ADD_URL, programme_form())

    assert response.status_code in (302, 403)
    if response.status_code == 302:  # to a sign-in page, not to the list of programmes as after adding one
        assert not response["Location"].endswith("/nationalprogramme/")
    assert NationalProgramme.objects.count() == before


# The API


@pytest.mark.parametrize(
    ("path", "link"), [("/api/v1/programmes/", "programmes"), ("/api/v1/target-groups/", "target_groups")]
)
def test_the_api_lists_them_with_their_public_initiatives(client, world, path, link):
    items = client.get(path, {"page_size": 100}).json()["results"]

    model = NationalProgramme if link == "programmes" else TargetGroup
    assert {item["slug"] for item in items} == set(model.objects.values_list("slug", flat=True))
    for item in items:
        row = model.objects.get(slug=item["slug"])
        assert item["public_initiatives"] == public_count(None, **{link: row})


def test_a_programme_that_ended_is_offered_only_to_the_initiatives_that_already_work_it_out(client, world):
    NationalProgramme.objects.filter(pk=world.green.pk).update(running=False)
    admin = organisation_admin(world.public[3].lead_organisation)
    sign_in(client, admin)

    new = client.get("/initiatieven/nieuw/").context["form"].fields["programmes"].queryset
    assert world.green not in new
    assert world.techniek in new
    linked = client.get(edit_url(world.public[2])).context["form"].fields["programmes"].queryset
    assert world.green in linked
    other = client.get(edit_url(world.public[3])).context["form"].fields["programmes"].queryset
    assert world.green not in other
