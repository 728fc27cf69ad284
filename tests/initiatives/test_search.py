"""Finding initiatives: Dutch full-text search on PostgreSQL, filters, sorting and paging on /initiatieven/."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from initiatives.models import Status, Theme, Visibility
from regions.models import Municipality, OrganisationKind

from ..factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    """The titles of the results on the page, in the order shown."""
    assert response.status_code == 200
    return [initiative.title for initiative in response.context["object_list"]]


def found(client, **params) -> set[str]:
    return set(titles(client.get("/initiatieven/", params)))


def plain(title: str, **kwargs):
    """An initiative whose text contains nothing but what the test gives it."""
    return InitiativeFactory(title=title, summary=kwargs.pop("summary", "Samen werken"), description="", **kwargs)


# Dutch full text


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("fietspaden", "Een nieuw fietspad langs het kanaal"),
        ("fietspad", "Veilige fietspaden in de regio"),
        ("school", "Stages voor scholen in de regio"),
        ("scholen", "Een school in elke wijk"),
        ("gemeenten", "Samen met de gemeente"),
        ("wijken", "Een wijk die werkt"),
        ("Fietspaden", "fietspad"),
    ],
)
def test_a_search_finds_other_forms_of_the_same_dutch_word(client, query, title):
    plain(title)
    plain("Iets heel anders", summary="Over de haven")
    assert found(client, q=query) == {title}


@pytest.mark.parametrize(("query", "title"), [("cafe", "Een café voor ondernemers"), ("café", "Het cafe op de hoek")])
def test_accents_do_not_matter(client, query, title):
    plain(title)
    plain("Iets heel anders")
    assert found(client, q=query) == {title}


def test_all_words_must_match_and_the_search_reads_summary_and_description(client):
    plain("Fietspad", summary="naar de scholen")
    plain("Fietspad", summary="naar de haven")
    InitiativeFactory(title="Onderwijs", summary="Samen", description="Een nieuw fietspad voor de scholen")
    assert sorted(titles(client.get("/initiatieven/", {"q": "fietspaden school"}))) == ["Fietspad", "Onderwijs"]


def test_a_title_match_ranks_above_a_summary_match_above_a_description_match(client):
    now = timezone.now()
    # Created so that the newest would come first if the ranking were ignored.
    InitiativeFactory(title="Derde", summary="Samen", description="Over de arbeidsmarkt", created_at=now)
    plain("Tweede", summary="Voor de arbeidsmarkt", created_at=now - timedelta(days=1))
    plain("Eerste: arbeidsmarkt", created_at=now - timedelta(days=2))

    assert titles(client.get("/initiatieven/", {"q": "arbeidsmarkten"})) == ["Eerste: arbeidsmarkt", "Tweede", "Derde"]


@pytest.mark.parametrize(
    "query", ['"fietspad', "fietspad OR -(haven", "& | ! :* <>", "<script>alert(1)</script>", "de"]
)
def test_any_typed_text_is_a_valid_search_and_is_shown_back_as_text(client, query):
    plain("Fietspad")
    response = client.get("/initiatieven/", {"q": query})
    assert response.status_code == 200
    assertNotContains(response, "<script>alert(1)</script>")


# Filters


@pytest.fixture
def landscape():
    """Four initiatives that differ in region, theme, status, helices taking part and partners sought."""
    groningen = Municipality.objects.get(code="GM0014")
    rotterdam = Municipality.objects.get(name="Rotterdam")
    talent, entrepreneurship = Theme.objects.get(number=1), Theme.objects.get(number=2)

    def organisation(kind, municipality=groningen):
        return OrganisationFactory(kind=kind, municipality=municipality)

    school = organisation(OrganisationKind.SCHOOL_MBO)
    complete = plain(
        "Alfa fietspad",
        lead_organisation=organisation(OrganisationKind.MUNICIPALITY),
        themes=[talent],
        status=Status.RUNNING,
    )
    PartnershipFactory(initiative=complete, organisation=school)
    PartnershipFactory(initiative=complete, organisation=organisation(OrganisationKind.BUSINESS))
    complete.sought_partners.create(helix="civil_society")

    idea = plain("Bravo", lead_organisation=organisation(OrganisationKind.MUNICIPALITY), themes=[entrepreneurship])
    idea.sought_partners.create(helix="knowledge")

    port = plain(
        "Charlie fietspad",
        lead_organisation=organisation(OrganisationKind.MUNICIPALITY, rotterdam),
        themes=[talent],
        status=Status.RUNNING,
    )
    port.municipalities.set([rotterdam])
    PartnershipFactory(initiative=port, organisation=organisation(OrganisationKind.BUSINESS_NETWORK, rotterdam))
    port.sought_partners.create(kind=OrganisationKind.UNIVERSITY)

    union = plain(
        "Delta", lead_organisation=organisation(OrganisationKind.PROVINCE), themes=[talent], status=Status.RUNNING
    )
    PartnershipFactory(initiative=union, organisation=organisation(OrganisationKind.UNION))
    return {"school": school}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Alfa fietspad", "Bravo", "Charlie fietspad", "Delta"}),
        ({"region": "groningen", "theme": "talent-ontwikkelen", "status": "running"}, {"Alfa fietspad", "Delta"}),
        ({"region": "groningen", "theme": "talent-ontwikkelen", "helix": "knowledge"}, {"Alfa fietspad"}),
        ({"region": ["groningen", "rijnmond"], "status": "idea"}, {"Bravo"}),
        ({"region": "groningen", "missing": "knowledge"}, {"Bravo", "Delta"}),
        ({"theme": "talent-ontwikkelen", "complete": "false"}, {"Charlie fietspad", "Delta"}),
        ({"complete": "true"}, {"Alfa fietspad"}),
        ({"sought": "knowledge", "status": "running"}, {"Charlie fietspad"}),
        ({"sought": ["knowledge", "civil_society"]}, {"Alfa fietspad", "Bravo", "Charlie fietspad"}),
        ({"kind": "union", "helix": "government"}, {"Delta"}),
        ({"municipality": "GM0599", "helix": "business"}, {"Charlie fietspad"}),
        ({"q": "fietspaden", "region": "rijnmond"}, {"Charlie fietspad"}),
        ({"q": "fietspaden", "status": ["running", "idea"], "sort": "title"}, {"Alfa fietspad", "Charlie fietspad"}),
        ({"helix": ["government", "knowledge"], "missing": "social_partners"}, {"Alfa fietspad"}),
        (
            {"q": "fietspaden", "theme": ["talent-ontwikkelen", "ondernemerschap-stimuleren"]},
            {"Alfa fietspad", "Charlie fietspad"},
        ),
        ({"theme": "ondernemerschap-stimuleren", "municipality": "GM0599"}, set()),
    ],
)
def test_filters_combine_to_narrow_the_results(client, landscape, params, expected):
    assert found(client, **params) == expected


def test_the_organisation_filter_shows_where_an_organisation_takes_part(client, landscape):
    response = client.get("/initiatieven/", {"organisation": landscape["school"].slug})
    assert titles(response) == ["Alfa fietspad"]
    assertContains(response, f'value="{landscape["school"].slug}"')


# Sorting and paging


@pytest.fixture
def three_in_time():
    now = timezone.now()
    plain("Bravo", created_at=now - timedelta(days=3), last_activity_at=now)
    plain("Alfa", created_at=now - timedelta(days=1), last_activity_at=now - timedelta(days=2))
    plain("Charlie", created_at=now - timedelta(days=2), last_activity_at=now - timedelta(days=1))


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (None, ["Alfa", "Charlie", "Bravo"]),
        ("newest", ["Alfa", "Charlie", "Bravo"]),
        ("active", ["Bravo", "Charlie", "Alfa"]),
        ("title", ["Alfa", "Bravo", "Charlie"]),
        ("relevance", ["Alfa", "Charlie", "Bravo"]),
    ],
)
def test_sort_orders(client, three_in_time, sort, expected):
    params = {"sort": sort} if sort else {"status": "idea"}
    assert titles(client.get("/initiatieven/", params)) == expected


def test_an_explicit_sort_overrides_relevance_when_searching(client):
    plain("Bravo over de haven")
    plain("Alfa", summary="Over de haven")
    assert titles(client.get("/initiatieven/", {"q": "haven"})) == ["Bravo over de haven", "Alfa"]
    assert titles(client.get("/initiatieven/", {"q": "haven", "sort": "title"})) == ["Alfa", "Bravo over de haven"]


def test_paging_keeps_the_filters(client):
    entrepreneurship = Theme.objects.get(number=2)
    lead = OrganisationFactory()
    for number in range(25):
        plain(f"Voorstel {number}", lead_organisation=lead, themes=[entrepreneurship], status=Status.PROPOSAL)
    plain("Idee op hetzelfde thema", lead_organisation=lead, themes=[entrepreneurship])
    plain("Voorstel op een ander thema", lead_organisation=lead, status=Status.PROPOSAL)
    params = {"theme": "ondernemerschap-stimuleren", "status": "proposal"}

    first = client.get("/initiatieven/", params)
    assert first.context["paginator"].count == 25
    assert len(titles(first)) == 20
    assertContains(first, 'href="?theme=ondernemerschap-stimuleren&amp;status=proposal&amp;page=2"')

    second = client.get("/initiatieven/", {**params, "page": 2})
    assert len(titles(second)) == 5
    assert all(title.startswith("Voorstel ") for title in titles(second))
    assert set(titles(first)).isdisjoint(titles(second))
    assertContains(second, 'href="?theme=ondernemerschap-stimuleren&amp;status=proposal&amp;page=1"')


# No filter widens what someone may see


@pytest.fixture
def hidden():
    """A draft and an archived initiative, both about fietspaden and seeking partners, beside a public one."""
    lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
    draft = plain("Concept fietspad", lead_organisation=lead, visibility=Visibility.DRAFT)
    archived = plain("Gearchiveerd fietspad", lead_organisation=lead, archived_at=timezone.now())
    public = plain("Openbaar fietspad", lead_organisation=lead)
    for initiative in (draft, archived, public):
        initiative.sought_partners.create(helix="knowledge")
    return lead


WIDENING_ATTEMPTS = [
    {"visibility": "draft"},
    {"visibility": "draft", "archived": "1", "archived_at": "", "status": "idea"},
    {"q": "concept"},
    {"q": "fietspaden", "sort": "active"},
    {"region": "groningen", "sought": "knowledge", "missing": "business"},
    {"organisation": "__lead__"},
    {"organisation": "__lead__", "q": "concept fietspad", "status": "idea"},
    {"kind": "municipality", "complete": "false"},
]


@pytest.mark.parametrize("params", WIDENING_ATTEMPTS)
@pytest.mark.parametrize("kind", ["anonymous", "other_org_member", "other_region_coordinator"])
def test_no_filter_reveals_a_draft_or_an_archived_initiative(client, hidden, params, kind):
    person = person_of_kind(kind, hidden)
    if person.is_authenticated:
        sign_in(client, person)
    params = {name: hidden.slug if value == "__lead__" else value for name, value in params.items()}

    listed = client.get("/initiatieven/", params)
    matchmaking = client.get("/partners-gezocht/", {**params, "region": "groningen"})

    for response in (listed, matchmaking):
        assert response.status_code == 200
        assertNotContains(response, "Concept fietspad")
        assertNotContains(response, "Gearchiveerd fietspad")
    assert found(client, q="fietspad") == {"Openbaar fietspad"}


def test_the_lead_finds_its_own_draft_with_the_same_filters(client, hidden):
    member = verified_person()
    MembershipFactory(user=member, organisation=hidden)
    sign_in(client, member)
    assert found(client, organisation=hidden.slug, q="fietspad") == {"Concept fietspad", "Openbaar fietspad"}
    assert "Gearchiveerd fietspad" not in found(client, q="fietspad")
