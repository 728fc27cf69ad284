"""The initiatives of the API: what the list page shows for the same filters, public ones only, and by name."""

import pytest
from django.test import Client

from initiatives.models import Initiative, Partnership
from initiatives.selectors import coverage_of
from regions.models import HELIX_OF_KIND

from ..factories import OrganisationFactory, person_of_kind, sign_in
from .conftest import walk

pytestmark = pytest.mark.django_db

LIST = "/api/v1/initiatives/"

FILTERS = [
    {},
    {"status": "idea"},
    {"status": ["running", "completed"]},
    {"region": "groningen"},
    {"region": ["rijnmond", "drenthe"]},
    {"theme": "talent-ontwikkelen"},
    {"theme": ["talent-ontwikkelen", "bestuurlijke-slagkracht"], "region": "rijnmond"},
    {"helix": "knowledge"},
    {"helix": ["government", "business"]},
    {"missing": "business"},
    {"complete": "true"},
    {"complete": "false", "sought": "civil_society"},
    {"sought": ["knowledge", "civil_society"]},
    {"kind": "university"},
    {"kind": ["municipality", "business"], "status": "proposal"},
    {"programme": "green-deals"},
    {"programme": ["city-deals", "nationaal-groeifonds"]},
    {"target_group": "statushouders"},
    {"target_group": ["oudere-werknemers", "arbeidsbeperking"], "region": "rijnmond"},
    {"q": "vakmanschap"},
    {"q": "mobiliteit", "region": "groningen", "helix": "government"},
]


def list_page_slugs(params: dict) -> list[str]:
    """What /initiatieven/ finds for these filters, in its order, over all its pages, for an anonymous visitor."""
    response = Client().get("/initiatieven/", params)
    assert response.status_code == 200
    return [initiative.slug for initiative in response.context["paginator"].object_list]


@pytest.mark.parametrize("params", FILTERS)
def test_the_list_gives_the_list_pages_initiatives_for_the_same_filters(client, world, params):
    expected = list_page_slugs(params)

    found = [item["slug"] for item in walk(client, LIST, {**params, "page_size": 2})]

    if "q" in params:  # the page orders a search by relevance, the API always newest first
        assert sorted(found) == sorted(expected)
    else:
        assert found == expected
    assert set(found) <= {initiative.slug for initiative in world.public}


def test_the_filters_by_organisation_and_municipality_match_the_list_page_too(client, world):
    organisation = world.organisations[4]
    for params in [{"organisation": organisation.slug}, {"municipality": "GM0014"}, {"municipality": "GM0599"}]:
        expected = list_page_slugs(params)
        assert expected, params
        assert [item["slug"] for item in walk(client, LIST, params)] == expected


def test_the_filters_narrow_the_list(client, world):
    """So that the comparisons above compare something: most filters leave out some public initiatives."""
    narrowed = [len(list_page_slugs(params)) for params in FILTERS[1:]]
    assert all(0 < count < len(world.public) for count in narrowed), narrowed


@pytest.mark.parametrize("kind", ["anonymous", "member", "org_admin", "region_coordinator", "moderator", "superuser"])
def test_drafts_hidden_and_archived_initiatives_are_never_shown_whoever_asks(client, world, kind):
    person = person_of_kind(kind, world.organisations[0])
    if kind != "anonymous":
        sign_in(client, person)
    assert client.get(f"/initiatieven/{world.unseen[0].slug}/").status_code in {200, 404}

    slugs = {item["slug"] for item in walk(client, LIST, {"page_size": 100})}

    assert slugs == {initiative.slug for initiative in world.public}
    for initiative in world.unseen:
        response = client.get(f"{LIST}{initiative.slug}/")
        assert response.status_code == 404
        assert response.json() == {"detail": "No Initiative matches the given query."}
    for params in [{"q": "draft"}, {"organisation": world.organisations[0].slug}, {"status": "idea"}]:
        assert not {item["slug"] for item in walk(client, LIST, params)} & {i.slug for i in world.unseen}


def test_a_moderator_sees_the_draft_on_the_site_but_not_in_the_api(client, world):
    """The session counts on the site (so the test above is not empty), never in the API."""
    sign_in(client, person_of_kind("moderator", OrganisationFactory()))
    draft = world.unseen[0]
    assert client.get(f"/initiatieven/{draft.slug}/").status_code == 200
    assert client.get(f"{LIST}{draft.slug}/").status_code == 404


def test_an_initiative_by_name_with_its_partners_helices_and_what_it_seeks(client, world):
    initiative = world.public[1]
    accepted = list(initiative.partnerships.accepted().select_related("organisation").order_by("created_at"))

    item = client.get(f"{LIST}{initiative.slug}/").json()

    assert item["title"] == initiative.title
    assert item["description"] == initiative.description
    assert item["description_html"] == initiative.description_html
    assert item["url"] == f"http://testserver/initiatieven/{initiative.slug}/"
    assert item["status"] == initiative.status
    assert [theme["slug"] for theme in item["themes"]] == [theme.slug for theme in initiative.themes.all()]
    assert item["themes"][0].keys() == {"slug", "number", "name_nl", "name_en"}
    assert item["region"] == {
        "slug": initiative.primary_region.slug,
        "code": initiative.primary_region.code,
        "name": initiative.primary_region.name,
    }
    assert item["lead"] == {
        "slug": initiative.lead_organisation.slug,
        "name": initiative.lead_organisation.name,
        "kind": initiative.lead_organisation.kind,
        "helix": HELIX_OF_KIND[initiative.lead_organisation.kind],
        "country": "NL",
        "place": "",
    }
    assert [(p["organisation"]["slug"], p["role"]) for p in item["partners"]] == [
        (p.organisation.slug, p.role) for p in accepted
    ]
    assert len(item["partners"]) == 3  # the lead and two accepted partners; not the invited or declined ones
    assert [p["organisation"]["helix"] for p in item["partners"]] == [p.organisation.helix for p in accepted]
    initiative.accepted_partnerships = accepted
    coverage = coverage_of(initiative)
    assert item["helices_present"] == coverage.present
    assert item["helices_missing"] == coverage.missing
    assert item["triple_helix_complete"] == coverage.complete
    assert item["sought"] == [
        {"helix": "civil_society", "kind": None, "filled": False},
        {"helix": "knowledge", "kind": "school_mbo", "filled": False},
    ]
    assert item["sought_note"] == initiative.sought_note
    assert item["municipalities"] == [{"code": "GM0599", "name": "Rotterdam"}]
    assert item["start_date"] == "2026-01-02"
    assert item["end_date"] == "2027-01-01"
    assert item["budget"] == 10000
    assert item["website"] == "https://example.org/1"


def test_the_list_shows_each_initiative_as_its_detail_does_but_the_description(client, world):
    listed = {item["slug"]: item for item in walk(client, LIST)}
    for initiative in world.public:
        detail = client.get(f"{LIST}{initiative.slug}/").json()
        assert {key: value for key, value in detail.items() if not key.startswith("description")} == listed[
            initiative.slug
        ]


def test_further_regions_count_for_the_region_filter(client, world):
    with_drenthe = {i.slug for i in Initiative.objects.filter(regions__code="AM03")}
    assert with_drenthe

    found = {item["slug"] for item in walk(client, LIST, {"region": "drenthe"})}

    assert found == with_drenthe
    assert all(
        {"slug": "drenthe", "code": "AM03", "name": "Drenthe"} in item["further_regions"]
        for item in walk(client, LIST, {"region": "drenthe"})
    )


def test_no_email_address_or_contact_person_in_any_answer(client, world):
    addresses = [
        initiative.contact_person.email for initiative in world.public if initiative.contact_person is not None
    ]
    paths = [
        f"{LIST}?page_size=100",
        *(f"{LIST}{initiative.slug}/" for initiative in world.public),
        "/api/v1/organisations/?page_size=100",
        *(f"/api/v1/organisations/{organisation.slug}/" for organisation in world.organisations),
        "/api/v1/regions/?page_size=100",
        "/api/v1/municipalities/?page_size=100",
        "/api/v1/themes/",
        "/api/v1/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert "@" not in body, path
        assert not any(address in body for address in addresses)
        assert "contact" not in body and "created_by" not in body, path
    assert Partnership.objects.filter(note__gt="").exists()
    assert '"note"' not in client.get(f"{LIST}{world.public[0].slug}/").content.decode()
