"""The region dashboard and its printable report against counts made the plain way with the ORM, on a mix built
to catch every rule: further regions, several themes, drafts, hidden and archived items, partners that wait,
organisations from elsewhere, and initiatives in other regions."""

import html
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from agendastad.insight.dashboard import region_dashboard
from agendastad.insight.selectors import HELICES
from initiatives.models import Hidden, Initiative, Partnership, SoughtPartner, Status, Theme, Visibility
from initiatives.selectors import TRIPLE_HELIX, covers_helix
from regions.models import HELIX_OF_KIND, Helix, LabourMarketRegion, Municipality, Organisation, OrganisationKind

from ..factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionCoordinatorFactory,
    UserFactory,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db

SECRETS = ("Geheim concept", "Verborgen na meldingen", "Gearchiveerd plan")


@pytest.fixture
def mix():
    groningen = Municipality.objects.get(code="GM0014")
    utrecht = Municipality.objects.get(code="GM0344")
    rotterdam = Municipality.objects.get(name="Rotterdam")
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO, municipality=groningen, name="Noorderpoort")
    town = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=utrecht, name="Gemeente Utrecht")
    union = OrganisationFactory(kind=OrganisationKind.UNION, municipality=groningen, name="FNV Noord")
    company = OrganisationFactory(kind=OrganisationKind.BUSINESS, municipality=groningen, name="Bedrijf Noord")
    elsewhere = OrganisationFactory(kind=OrganisationKind.UNIVERSITY, municipality=rotterdam, name="Erasmus")
    theme_1, theme_2, theme_3, theme_5 = (Theme.objects.get(number=n) for n in (1, 2, 3, 5))

    complete = InitiativeFactory(lead_organisation=company, themes=[theme_1, theme_2], status=Status.RUNNING)
    PartnershipFactory(initiative=complete, organisation=school)
    PartnershipFactory(initiative=complete, organisation=town)
    complete.regions.add(utrecht.region)

    seeking = InitiativeFactory(lead_organisation=town, themes=[theme_2], title="Zoekt een school")
    PartnershipFactory(initiative=seeking, organisation=school, state=Partnership.State.INVITED)  # waits
    PartnershipFactory(initiative=seeking, organisation=elsewhere, state=Partnership.State.REQUESTED)  # waits
    SoughtPartner.objects.create(initiative=seeking, kind=OrganisationKind.UNIVERSITY)
    seeking.regions.add(groningen.region)

    business_only = InitiativeFactory(lead_organisation=company, themes=[theme_3], status=Status.PROPOSAL)
    SoughtPartner.objects.create(initiative=business_only, helix=Helix.GOVERNMENT)
    PartnershipFactory(initiative=business_only, organisation=union)

    done = InitiativeFactory(lead_organisation=union, themes=[theme_5], status=Status.COMPLETED, title="Afgerond")
    SoughtPartner.objects.create(initiative=done, helix=Helix.BUSINESS)  # completed: not among those seeking
    PartnershipFactory(initiative=done, organisation=elsewhere)

    in_rotterdam = InitiativeFactory(lead_organisation=elsewhere, themes=[theme_3])
    PartnershipFactory(initiative=in_rotterdam, organisation=company)

    hidden_partner = OrganisationFactory(kind=OrganisationKind.CIVIL_SOCIETY, municipality=groningen)
    for title, extra in zip(
        SECRETS,
        [{"visibility": Visibility.DRAFT}, {"hidden": Hidden.PENDING}, {"archived_at": timezone.now()}],
        strict=True,
    ):
        secret = InitiativeFactory(lead_organisation=school, themes=[theme_1, theme_5], title=title, **extra)
        PartnershipFactory(initiative=secret, organisation=hidden_partner)
        SoughtPartner.objects.create(initiative=secret, helix=Helix.CIVIL_SOCIETY)
    return {
        "region": groningen.region,
        "utrecht": utrecht.region,
        "themes": {n: Theme.objects.get(number=n) for n in range(1, 7)},
    }


def public_in(region: LabourMarketRegion):
    return Initiative.objects.public().in_region(region)


def links_in(text: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', text)]


def test_the_charts_and_key_figures_equal_the_database(mix):
    region = mix["region"]
    dashboard = region_dashboard(region)
    themes = list(Theme.objects.all())
    assert [(bar.label, bar.value) for bar in dashboard.by_theme] == [
        (theme.name, public_in(region).filter(themes=theme).count()) for theme in themes
    ]
    assert [bar.value for bar in dashboard.by_status] == [
        public_in(region).filter(status=status).count() for status in Status.values
    ]
    assert dashboard.figures.initiatives == public_in(region).count() == 4
    complete = public_in(region)
    for helix in TRIPLE_HELIX:
        complete = complete.filter(covers_helix(helix))
    assert dashboard.figures.complete == complete.count() == 1
    assert dashboard.figures.seeking == public_in(region).filter(sought_partners__isnull=False).distinct().count()


def test_every_matrix_cell_equals_the_database_and_exactly_the_gaps_are_marked(mix):
    region = mix["region"]
    dashboard = region_dashboard(region)
    found_gaps = set()
    for row in dashboard.matrix:
        on_theme = public_in(region).filter(themes=row.theme)
        assert row.initiatives == on_theme.count()
        assert [cell.helix for cell in row.cells] == list(HELICES)
        for cell in row.cells:
            assert cell.count == on_theme.filter(covers_helix(cell.helix)).count(), (row.theme, cell.helix)
            if cell.gap:
                found_gaps.add((row.theme.number, cell.helix))
    # Theme 3 has only the business-led initiative with a union: it lacks government and education & knowledge.
    # Theme 1 and 2 have the complete one; theme 5 (the completed initiative: a union and a university) lacks
    # government and business. Drafts, hidden and archived ones would have filled theme 5 and 1 otherwise.
    assert found_gaps == {
        (3, Helix.GOVERNMENT),
        (3, Helix.KNOWLEDGE),
        (5, Helix.GOVERNMENT),
        (5, Helix.BUSINESS),
    }
    assert [(gap.helix, [theme.number for theme in gap.themes]) for gap in dashboard.gaps] == [
        (Helix.GOVERNMENT, [3, 5]),
        (Helix.KNOWLEDGE, [3]),
        (Helix.BUSINESS, [5]),
    ]


def test_the_page_marks_the_gaps_in_words_and_links_each_cell_to_the_list_behind_it(client, mix):
    response = client.get("/regios/groningen/")
    text = response.content.decode()
    assert text.count("agendastad-matrix__cell--gap") == 4
    assert text.count('<span class="agendastad-matrix__gap">gat</span>') == 4
    theme_3 = mix["themes"][3]
    assert f"/initiatieven/?region=groningen&theme={theme_3.slug}&missing=government" in links_in(text)
    assert f"/initiatieven/?region=groningen&theme={theme_3.slug}&helix=business" in links_in(text)
    assertContains(response, "Geen partner uit Overheid bij de thema's:")

    matrix = text[text.index('id="matrix-caption"') : text.index("</table>", text.index('id="matrix-caption"'))]
    for link in links_in(matrix):
        number = re.search(rf'href="{re.escape(html.escape(link))}">(\d+)', matrix).group(1)
        listed = client.get(link).context["paginator"].count
        if "missing=" in link:
            assert number == "0" and listed > 0, link
        else:
            assert listed == int(number), link


def test_the_most_active_organisations_count_the_regions_public_initiatives(client, mix):
    region = mix["region"]
    here = public_in(region)
    counts = {
        organisation.name: Partnership.objects.accepted().filter(organisation=organisation, initiative__in=here).count()
        for organisation in Organisation.objects.all()
    }
    expected = sorted(((name, count) for name, count in counts.items() if count), key=lambda item: (-item[1], item[0]))
    expected = expected[:10]
    dashboard = region_dashboard(region)
    assert [(o.name, o.initiatives) for o in dashboard.most_active] == expected
    assert ("Bedrijf Noord", 2) in expected  # its partnership in Rotterdam does not count here
    assert ("Erasmus", 1) in expected  # from elsewhere, in the completed initiative; its request waits
    assert dict(expected)["Noorderpoort"] == 1  # the invitation waits, the drafts and hidden ones do not count
    assert {o.name: o.helix for o in dashboard.most_active}["FNV Noord"] == HELIX_OF_KIND[OrganisationKind.UNION]

    response = client.get("/regios/groningen/")
    bedrijf = Organisation.objects.get(name="Bedrijf Noord")
    assertContains(response, f'href="/initiatieven/?region=groningen&amp;organisation={bedrijf.slug}">2</a>')
    assert client.get(f"/initiatieven/?region=groningen&organisation={bedrijf.slug}").context["paginator"].count == 2


def test_only_current_seekers_are_shown_and_the_numbers_link_to_their_lists(client, mix):
    response = client.get("/regios/groningen/")
    seeking = [initiative.title for initiative in response.context["dashboard"].seeking]
    assert "Zoekt een school" in seeking
    assert "Afgerond" not in seeking
    assert len(seeking) == 2
    assertContains(response, 'href="/partners-gezocht/?region=groningen"')
    assertContains(response, 'href="/initiatieven/?region=groningen&amp;status=running">1</a>')


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
@pytest.mark.parametrize("path", ["/regios/groningen/", "/regios/groningen/rapport/", "/en/regios/groningen/"])
def test_no_draft_hidden_or_archived_initiative_shows(client, mix, who, path):
    if who == "outsider":
        sign_in(client, verified_person())
    response = client.get(path)
    assert response.status_code == 200
    for secret in SECRETS:
        assertNotContains(response, secret)


def test_coordinators_are_named_without_their_addresses(client, mix):
    named = RegionCoordinatorFactory(
        user=UserFactory(display_name="Coördinator Groningen", email="coordinator@example.org")
    )
    RegionCoordinatorFactory(user=UserFactory(display_name="", email="nameless@example.org"))
    RegionCoordinatorFactory(
        user=UserFactory(display_name="Elders", email="elders@example.org"),
        region=LabourMarketRegion.objects.get(code="AM03"),
    )
    for path in ("/regios/groningen/", "/regios/groningen/rapport/"):
        response = client.get(path)
        for user in (named.user, *UserFactory._meta.model.objects.filter(coordinated_regions__isnull=False)):
            assertNotContains(response, user.email)
        assertNotContains(response, "@example.org")
    response = client.get("/regios/groningen/")
    assertContains(response, "Coördinator Groningen")
    assertContains(response, "Een coördinator zonder openbare naam")
    assertNotContains(response, "Elders")


def test_the_report_renders_with_the_matrix_map_and_source(client, mix):
    response = client.get("/regios/groningen/rapport/")
    assert response.status_code == 200
    assertContains(response, "Regiorapport: Groningen")
    assertContains(response, 'id="matrix-caption"')
    assert response.content.decode().count("agendastad-matrix__cell--gap") == 4
    assertContains(response, 'class="agendastad-municipality-map"')
    assertContains(response, "CBS / PDOK, Gebiedsindelingen 2025 (CC BY 4.0)")
    assertContains(response, "Zoekt een school")
    assert [i.title for i in response.context["top_initiatives"]] == list(
        public_in(mix["region"]).order_by("-last_activity_at", "-pk").values_list("title", flat=True)[:10]
    )
    english = client.get("/en/regios/groningen/rapport/")
    assertContains(english, "Region report: Groningen")
    assertContains(client.get("/regios/groningen/"), 'href="/regios/groningen/rapport/"')


def test_the_map_draws_each_municipality_of_the_region(client):
    response = client.get("/regios/groningen/")
    dashboard = response.context["dashboard"]
    assert {place.code for place in dashboard.places} == set(
        Municipality.objects.current().filter(region__code="AM01").values_list("code", flat=True)
    )
    assert all(place.path.startswith("M") for place in dashboard.places)
    assert response.content.decode().count('class="agendastad-municipality-map__place"') == len(dashboard.places)
    assertContains(response, 'href="/initiatieven/?region=groningen&amp;municipality=GM0014"', count=2)


def test_a_region_without_initiatives_shows_zeros_and_no_gaps(client):
    response = client.get("/regios/rijnmond/")
    assert response.status_code == 200
    assertNotContains(response, "agendastad-matrix__cell--gap")
    assertContains(response, "Geen enkele organisatie doet nog mee")
    assert response.context["dashboard"].figures.initiatives == 0
    # Nothing to cover, so no "missing: government, education & knowledge, business" either.
    assertNotContains(response, "Helices die meedoen in de initiatieven van de regio")
    assertNotContains(response, "Ontbreekt:")


@pytest.mark.parametrize("path", ["/regios/atlantis/", "/regios/atlantis/rapport/", "/regios/%3Cscript%3E/rapport/"])
def test_an_unknown_region_is_a_404(client, path):
    assert client.get(path).status_code == 404


# Query budgets: the count must not grow with the data, and a warm dashboard reads the cache.


def grow_region(count: int) -> None:
    groningen = Municipality.objects.get(code="GM0014")
    themes = list(Theme.objects.all())
    for number in range(count):
        lead = OrganisationFactory(municipality=groningen, kind=list(HELIX_OF_KIND)[number % len(HELIX_OF_KIND)])
        initiative = InitiativeFactory(lead_organisation=lead, themes=themes[: 1 + number % 6])
        PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=OrganisationKind.UNIVERSITY))
        PartnershipFactory(initiative=initiative, state=Partnership.State.INVITED)
        initiative.sought_partners.create(helix=Helix.BUSINESS)
        initiative.regions.add(LabourMarketRegion.objects.get(code="AM03"))
    RegionCoordinatorFactory()


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.fixture
def kept(settings):
    """The page cache and kept figures on, as in production: what `kept_until_write` keeps is read from the cache."""
    settings.PAGE_CACHE_SECONDS = settings.FIGURES_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("path", ["/regios/groningen/", "/regios/groningen/rapport/"])
@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_number_of_queries_does_not_grow_with_the_initiatives(client, who, path, django_assert_max_num_queries):
    if who == "member":
        person = verified_person()
        MembershipFactory(user=person, organisation=OrganisationFactory())
        sign_in(client, person)
    grow_region(1)
    client.get(path)
    at_one = count_queries(client, path)

    grow_region(19)

    with django_assert_max_num_queries(at_one):
        response = client.get(path)
    assert response.context["dashboard"].figures.initiatives == 20


@pytest.mark.parametrize("path", ["/regios/groningen/", "/regios/groningen/rapport/"])
def test_a_warm_render_reads_the_cache_not_the_initiatives(client, kept, path, django_assert_max_num_queries):
    """Signed in, so the page itself is not kept: only the figures and lists are. Then the dashboard runs the
    region, the session, the person, the follow button, whether the person coordinates it (the link to the workspace),
    the classification years to pick from, the agendas (the
    region's own, its neighbours' and those naming it as partner), the target groups and the latest initiatives
    (with their prefetches); the report the region, the session, the person and the classification years (the one picked
    on the dashboard is printed)."""
    person = verified_person()
    sign_in(client, person)
    for count in (1, 19):
        grow_region(count)
        cache.clear()
        client.get(path)
        with django_assert_max_num_queries(17 if path == "/regios/groningen/" else 6):
            response = client.get(path)
        assert response.status_code == 200
    assert response.context["dashboard"].figures.initiatives == 20


def test_the_dashboard_links_to_the_regions_feed_for_people_too(client):
    """Browsers no longer show the head's feed link, so someone who wants to follow the region needs a visible one."""
    response = client.get("/regios/rijnmond/")

    assertContains(response, '<a class="utrecht-link" href="/regios/rijnmond/feed/">Volg nieuwe initiatieven', count=1)
    assert client.get("/regios/rijnmond/feed/")["Content-Type"].startswith("application/atom+xml")
