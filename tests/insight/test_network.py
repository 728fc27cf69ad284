"""The collaboration network against counts made the plain way with the ORM, on a mix built to catch every rule:
organisations in three regions, an initiative with a further region, drafts, hidden and archived initiatives, and
partners who were invited, asked or declined."""

import random
from itertools import combinations

import pytest
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from agendastad.core.page_cache import page_cache_invalidate
from agendastad.insight import network as network_module
from agendastad.insight.network import HEIGHT, WIDTH, layout, national_network, region_network
from initiatives.models import Hidden, Initiative, Partnership, Visibility
from regions.models import Municipality, Organisation, OrganisationKind

from ..factories import (
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db

ACCEPTED = Partnership.State.ACCEPTED


@pytest.fixture
def mix():
    groningen = Municipality.objects.get(code="GM0014")
    utrecht = Municipality.objects.get(code="GM0344")
    amsterdam = Municipality.objects.get(code="GM0363")
    orgs = {
        "a": OrganisationFactory(name="Bedrijf Aa", kind=OrganisationKind.BUSINESS, municipality=groningen),
        "b": OrganisationFactory(name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO, municipality=groningen),
        "c": OrganisationFactory(name="Gemeente Utrecht", kind=OrganisationKind.MUNICIPALITY, municipality=utrecht),
        "d": OrganisationFactory(name="FNV Amsterdam", kind=OrganisationKind.UNION, municipality=amsterdam),
        "e": OrganisationFactory(name="Buurtwerk", kind=OrganisationKind.CIVIL_SOCIETY, municipality=amsterdam),
        "f": OrganisationFactory(name="Alleen Concept", kind=OrganisationKind.UNIVERSITY, municipality=utrecht),
    }
    a, b, c, d, e, f = orgs.values()

    first = InitiativeFactory(lead_organisation=a)  # works in Groningen
    PartnershipFactory(initiative=first, organisation=b)
    PartnershipFactory(initiative=first, organisation=c)
    second = InitiativeFactory(lead_organisation=a)
    PartnershipFactory(initiative=second, organisation=c)
    third = InitiativeFactory(lead_organisation=c)  # works in Utrecht only
    PartnershipFactory(initiative=third, organisation=d)
    further = InitiativeFactory(lead_organisation=d)  # works in Amsterdam and, as further region, Groningen
    PartnershipFactory(initiative=further, organisation=e)
    further.regions.add(groningen.region)

    for hidden_away in (
        InitiativeFactory(lead_organisation=a, visibility=Visibility.DRAFT),
        InitiativeFactory(lead_organisation=a, hidden=Hidden.PENDING),
        InitiativeFactory(lead_organisation=a, hidden=Hidden.HIDDEN),
        InitiativeFactory(lead_organisation=a, archived_at=timezone.now()),
    ):
        PartnershipFactory(initiative=hidden_away, organisation=b)
        PartnershipFactory(initiative=hidden_away, organisation=f)
    waiting = InitiativeFactory(lead_organisation=b)
    PartnershipFactory(initiative=waiting, organisation=d, state=Partnership.State.INVITED)
    PartnershipFactory(initiative=waiting, organisation=e, state=Partnership.State.REQUESTED)
    PartnershipFactory(initiative=waiting, organisation=f, state=Partnership.State.DECLINED)
    InitiativeFactory(lead_organisation=e)  # alone: no link
    return orgs


def _shared(initiatives, a: Organisation, b: Organisation) -> int:
    return (
        initiatives.filter(partnerships__organisation=a, partnerships__state=ACCEPTED)
        .filter(partnerships__organisation=b, partnerships__state=ACCEPTED)
        .count()
    )


def _expected_links(initiatives) -> dict[frozenset, int]:
    expected = {}
    for a, b in combinations(Organisation.objects.all(), 2):
        weight = _shared(initiatives, a, b)
        if weight:
            expected[frozenset((a.pk, b.pk))] = weight
    return expected


def _links(network) -> dict[frozenset, int]:
    return {frozenset((link.source.id, link.target.id)): link.weight for link in network.links}


def _expected_strength(initiatives) -> dict[int, int]:
    """Per organisation: in how many of the initiatives it takes part together with another organisation."""
    shared = initiatives.annotate(taking_part=Count("partnerships", filter=Q(partnerships__state=ACCEPTED))).filter(
        taking_part__gt=1
    )
    return {
        organisation.pk: count
        for organisation in Organisation.objects.all()
        if (count := shared.filter(partnerships__organisation=organisation, partnerships__state=ACCEPTED).count())
    }


def test_national_weights_equal_the_plain_count(mix):
    network = national_network()
    public = Initiative.objects.public()

    assert _links(network) == _expected_links(public)
    assert {node.id: node.shared for node in network.nodes} == _expected_strength(public)
    assert network.organisations == 5
    assert network.links_total == 5


def test_drafts_hidden_archived_and_waiting_partners_count_for_nothing(mix):
    network = national_network()
    a, b, f = mix["a"], mix["b"], mix["f"]

    assert _links(network)[frozenset((a.pk, b.pk))] == 1  # the four hidden-away initiatives add nothing
    assert f.pk not in {node.id for node in network.nodes}
    assert not any(mix["d"].pk in pair and b.pk in pair for pair in _links(network))


def test_cross_region_links_are_exactly_those_between_regions(mix):
    network = national_network()

    for link in network.links:
        source, target = Organisation.objects.select_related("municipality").filter(
            pk__in=[link.source.id, link.target.id]
        )
        assert link.cross_region == (source.municipality.region_id != target.municipality.region_id)
    a, b, c, d = (mix[key].pk for key in "abcd")
    crossing = {frozenset((link.source.id, link.target.id)) for link in network.links if link.cross_region}
    assert crossing == {frozenset((a, c)), frozenset((b, c)), frozenset((c, d))}
    assert network.cross_region_total == network.cross_region_links == 3


def test_a_region_network_holds_its_initiatives_and_their_partners_from_elsewhere(mix):
    groningen = mix["a"].municipality.region
    network = region_network(groningen)
    in_groningen = Initiative.objects.public().in_region(groningen)

    assert _links(network) == _expected_links(in_groningen)
    a, b, c, d, e = (mix[key].pk for key in "abcde")
    assert {node.id for node in network.nodes} == {a, b, c, d, e}
    assert {frozenset((link.source.id, link.target.id)) for link in network.links if link.cross_region} == {
        frozenset((a, c)),
        frozenset((b, c)),
    }


def test_the_region_page_shows_the_partner_from_another_region(client, mix):
    utrecht = mix["c"].municipality.region
    response = client.get(f"/regios/{utrecht.slug}/netwerk/")

    assert response.status_code == 200
    assert [node.name for node in response.context["network"].nodes] == ["Gemeente Utrecht", "FNV Amsterdam"]
    assertContains(response, f'href="/organisaties/{mix["d"].slug}/"', count=3)  # picture, pairs, organisations
    page = " ".join(response.content.decode().split())
    assert f"FNV Amsterdam</a> ({mix['d'].municipality.region.name})" in page
    assertContains(response, "agendastad-network__link--cross", count=2)  # the link and the legend
    assertNotContains(response, "Bedrijf Aa")


def test_the_national_page_lists_the_strongest_pairs_first_and_says_who_is_left_out(client, mix, monkeypatch):
    monkeypatch.setattr(network_module, "MAX_NODES", 3)
    response = client.get("/inzicht/netwerk/")

    network = response.context["network"]
    assert [node.name for node in network.nodes] == ["Gemeente Utrecht", "Bedrijf Aa", "FNV Amsterdam"]
    assert [(link.source.name, link.target.name, link.weight) for link in network.strongest] == [
        ("Bedrijf Aa", "Gemeente Utrecht", 2),
        ("Gemeente Utrecht", "FNV Amsterdam", 1),
    ]
    assertContains(response, "De afbeelding toont de 3 met de meeste gedeelde initiatieven; 2 zijn weggelaten.")
    assertContains(response, "Samen hebben ze 5 verbindingen, waarvan 3 tussen organisaties in verschillende")
    assertContains(response, f'href="/regios/{mix["a"].municipality.region.slug}/netwerk/"')
    assertNotContains(response, '<script>alert("xss")</script>')


def test_a_full_region_picture_keeps_places_for_partners_from_elsewhere(mix, monkeypatch):
    a, b = mix["a"], mix["b"]
    for _ in range(2):
        PartnershipFactory(initiative=InitiativeFactory(lead_organisation=a), organisation=b)
    monkeypatch.setattr(network_module, "MAX_NODES", 2)
    monkeypatch.setattr(network_module, "PARTNERS_ELSEWHERE", 1)

    groningen = region_network(a.municipality.region)
    national = national_network()

    assert [(node.name, node.shared) for node in groningen.nodes] == [("Bedrijf Aa", 4), ("Gemeente Utrecht", 2)]
    assert [(link.weight, link.cross_region) for link in groningen.links] == [(2, True)]
    assert groningen.left_out == 3
    assert {node.id for node in national.nodes} == {a.pk, b.pk}  # nationally the two strongest, wherever they are


def test_only_the_heaviest_links_are_drawn_those_across_a_border_first(client, mix, monkeypatch):
    monkeypatch.setattr(network_module, "MAX_LINKS", 2)
    response = client.get("/inzicht/netwerk/")

    network = response.context["network"]
    assert [(link.source.name, link.target.name, link.weight) for link in network.links] == [
        ("Bedrijf Aa", "Gemeente Utrecht", 2),
        ("Gemeente Utrecht", "FNV Amsterdam", 1),
    ]
    assert network.links_among == 5
    assertContains(response, "De 3 zwakste verbindingen tussen hen staan niet in de afbeelding.")
    assertContains(response, "Samen hebben ze 5 verbindingen, waarvan 3 tussen organisaties")


def test_the_helix_counts_equal_the_organisations_shown(client, mix):
    response = client.get("/inzicht/netwerk/")

    by_helix = {helix: (shown, total) for helix, shown, total in response.context["network"].by_helix}
    assert by_helix == {
        "government": (1, 1),
        "knowledge": (1, 1),
        "business": (1, 1),
        "social_partners": (1, 1),
        "civil_society": (1, 1),
    }


def test_the_layout_is_the_same_every_time_and_stays_in_the_picture():
    generator = random.Random(12)
    edges = [(i, j, generator.randint(1, 9)) for i, j in combinations(range(80), 2) if generator.random() < 0.05]
    edges += [(0, 1, 40)]  # one very strong pair, and nodes 70 to 79 without any link
    edges = [(i, j, w) for i, j, w in edges if i < 70 and j < 70]

    places = layout(80, edges)

    assert places == layout(80, edges)
    assert len(set(places)) == 80
    for x, y in places:
        assert network_module.MARGIN <= x <= WIDTH - network_module.MARGIN
        assert network_module.MARGIN <= y <= HEIGHT - network_module.MARGIN


def test_every_node_and_label_line_falls_inside_the_view_box(mix):
    network = national_network()

    assert network == national_network()
    for node in network.nodes:
        assert node.x - node.radius >= 0
        assert node.x + node.radius <= WIDTH
        assert node.y - node.radius >= 0
        assert node.label_y <= HEIGHT


def test_an_unknown_region_is_not_found(client):
    assert client.get("/regios/bestaat-niet/netwerk/").status_code == 404
    assert client.get("/en/regios/bestaat-niet/netwerk/").status_code == 404


def test_the_pages_speak_dutch_and_english(client, mix):
    region = mix["a"].municipality.region
    dutch = client.get(f"/regios/{region.slug}/netwerk/")
    assertContains(dutch, f"Samenwerkingsnetwerk van {region.name}")
    assertContains(dutch, "Sterkste paren")
    utrecht = mix["c"].municipality.region.name
    assertContains(dutch, f"Gemeente Utrecht · Overheid · {utrecht}")

    english = client.get(f"/en/regios/{region.slug}/netwerk/")
    assertContains(english, f"Collaboration network of {region.name}")
    assertContains(english, "Strongest pairs")
    assertContains(english, f"Gemeente Utrecht · Government · {utrecht}")
    assertContains(english, f'href="/en/organisaties/{mix["c"].slug}/"')
    assertContains(client.get("/en/inzicht/netwerk/"), "Collaboration network")


def test_without_shared_initiatives_the_page_says_so(client):
    InitiativeFactory()
    response = client.get("/inzicht/netwerk/")
    assertContains(response, "Nog geen organisaties delen hier een openbaar initiatief.")
    assertNotContains(response, '<svg class="agendastad-network__picture"')


@pytest.fixture
def kept(settings):
    settings.PAGE_CACHE_SECONDS = settings.FIGURES_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("page", ["national", "region"])
def test_a_warm_page_reads_the_kept_network_in_few_queries(client, mix, kept, page, django_assert_num_queries):
    """Signed in, so the whole page is not kept: the network is, and the page's queries do not grow with it."""
    sign_in(client, verified_person())
    region = mix["a"].municipality.region
    path = "/inzicht/netwerk/" if page == "national" else f"/regios/{region.slug}/netwerk/"
    client.get(path)
    # The session, the person, their second factor, their unread notifications, and the regions (or the region).
    with django_assert_num_queries(5) as warm:
        response = client.get(path)
    assert response.status_code == 200
    shown = len(response.context["network"].nodes)
    queries = len(warm)

    for _ in range(30):
        initiative = InitiativeFactory(lead_organisation=OrganisationFactory(municipality=mix["a"].municipality))
        PartnershipFactory(initiative=initiative, organisation=mix["c"])
    page_cache_invalidate()
    client.get(path)

    with django_assert_num_queries(queries):
        response = client.get(path)
    assert len(response.context["network"].nodes) == shown + 30


@pytest.mark.parametrize("page", ["national", "region"])
def test_an_anonymous_visitor_gets_the_kept_page_without_a_query(client, mix, kept, page, django_assert_num_queries):
    region = mix["a"].municipality.region
    path = "/inzicht/netwerk/" if page == "national" else f"/regios/{region.slug}/netwerk/"
    assert client.get(path)["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        response = client.get(path)
    assert response["X-Page-Cache"] == "hit"
    assertContains(response, "Gemeente Utrecht")
