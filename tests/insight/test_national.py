"""The national overview (/inzicht/) against counts made the plain way with the ORM, on a mix built to catch
every rule: further regions, partners from other regions (accepted and waiting), several themes, start dates
and registration dates, drafts, hidden and archived items."""

import datetime
import html
import re
from collections import Counter
from itertools import combinations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agendastad.core.page_cache import page_cache_invalidate
from agendastad.insight.national import GAP_LABELS, national_overview, quarter_start, recent_quarters
from initiatives.models import Hidden, Initiative, Partnership, Theme, Visibility
from initiatives.selectors import TRIPLE_HELIX, covers_helix
from regions.models import LabourMarketRegion, Municipality, Organisation, OrganisationKind
from tests.factories import InitiativeFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

LIST = "/initiatieven/"
DASH = "\N{EN DASH}"


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def mix():
    groningen, utrecht, rotterdam, middelburg = (
        Municipality.objects.get(code=code) for code in ("GM0014", "GM0344", "GM0599", "GM0687")
    )
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO, municipality=groningen)
    town = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=utrecht)
    union = OrganisationFactory(kind=OrganisationKind.UNION, municipality=utrecht)
    port = OrganisationFactory(kind=OrganisationKind.BUSINESS, municipality=rotterdam)
    zeeland_school = OrganisationFactory(kind=OrganisationKind.UNIVERSITY, municipality=middelburg)
    theme_1, theme_2, theme_5, theme_6 = (Theme.objects.get(number=n) for n in (1, 2, 5, 6))
    today = timezone.localdate()

    # A business in Groningen leads, with a school there and a municipality in Utrecht: complete, two themes.
    complete = InitiativeFactory(themes=[theme_1, theme_2], start_date=today - datetime.timedelta(days=200))
    PartnershipFactory(initiative=complete, organisation=school)
    PartnershipFactory(initiative=complete, organisation=town)
    complete.regions.add(utrecht.region)

    # Works in Utrecht and Groningen (its primary region again among the further ones); Rotterdam only invited.
    seeking = InitiativeFactory(lead_organisation=town, themes=[theme_2], created_at=days_ago(400))
    PartnershipFactory(initiative=seeking, organisation=port, state=Partnership.State.INVITED)
    seeking.regions.add(groningen.region, utrecht.region)

    # Only in Utrecht, but an accepted partner in Rijnmond links the two; started before the timeline's window.
    across = InitiativeFactory(
        lead_organisation=union, themes=[theme_5], start_date=today - datetime.timedelta(days=5 * 365)
    )
    PartnershipFactory(initiative=across, organisation=port)

    # Registered today without a start date, in Rijnmond, with a partner in Groningen and one in Utrecht.
    harbour = InitiativeFactory(lead_organisation=port, themes=[theme_1, theme_5])
    PartnershipFactory(initiative=harbour, organisation=school)
    PartnershipFactory(initiative=harbour, organisation=union)

    # None of these may show anywhere: each works in Zeeland on theme 6 with partners from three more regions.
    for hiding in ({"visibility": Visibility.DRAFT}, {"hidden": Hidden.PENDING}, {"archived_at": timezone.now()}):
        secret = InitiativeFactory(lead_organisation=zeeland_school, themes=[theme_6], **hiding)
        secret.regions.add(groningen.region, rotterdam.region)
        PartnershipFactory(initiative=secret, organisation=town)
    return {
        "groningen": groningen.region,
        "utrecht": utrecht.region,
        "rijnmond": rotterdam.region,
        "zeeland": middelburg.region,
    }


def in_cell(region, theme):
    initiatives = Initiative.objects.public()
    if region is not None:
        initiatives = initiatives.in_region(region)
    if theme is not None:
        initiatives = initiatives.filter(themes=theme)
    return initiatives


def cell_html(content: str, query: str) -> str | None:
    """The table cell on the page whose number links to the list with this query."""
    href = html.escape(f"{LIST}?{query}" if query else LIST)
    match = re.search(rf'<td [^>]*>\s*<a [^>]*href="{re.escape(href)}">(\d+)</a>(.*?)</td>', content, re.S)
    return match and match.group(0)


def number_in(cell: str) -> int:
    return int(re.search(r">(\d+)</a>", cell).group(1))


def test_every_matrix_cell_and_total_on_the_page_equals_the_plain_count(client, mix):
    content = client.get("/inzicht/").content.decode()
    regions = [None, *LabourMarketRegion.objects.current()]
    themes = [None, *Theme.objects.all()]
    shown = 0
    for region in regions:
        for theme in themes:
            expected = in_cell(region, theme).count()
            query = "&".join(
                part
                for part in (region and f"region={region.slug}", theme and f"theme={theme.slug}")
                if part is not None
            )
            cell = cell_html(content, query)
            if expected:
                assert cell is not None and number_in(cell) == expected, (region, theme)
                shown += 1
            else:
                assert cell is None, (region, theme)
    # Groningen on themes 1 and 2, Utrecht on 1, 2 and 5, Rijnmond on 1 and 5, each with its total; themes 1, 2
    # and 5 for the whole country, and the grand total.
    assert shown == 3 + 4 + 3 + 4
    assert content.count('<td class="utrecht-table__cell agendastad-matrix__cell') == 36 * 7


def test_the_rows_are_the_current_regions_and_the_columns_the_six_themes(mix):
    matrix = national_overview().matrix
    assert [row.region for row in matrix.rows] == list(LabourMarketRegion.objects.current().order_by("name"))
    assert len(matrix.rows) == 35
    assert [theme.number for theme in matrix.themes] == [1, 2, 3, 4, 5, 6]


def test_gaps_are_marked_exactly_where_a_triple_helix_strand_is_missing(client, mix):
    matrix = national_overview().matrix
    marked = 0
    for row in [*matrix.rows, matrix.totals]:
        for cell in [*row.cells, row.total]:
            initiatives = in_cell(cell.region, cell.theme)
            expected = (
                [helix for helix in TRIPLE_HELIX if not initiatives.filter(covers_helix(helix)).exists()]
                if initiatives.exists()
                else []
            )
            assert cell.gaps == [GAP_LABELS[helix] for helix in expected], (cell.region, cell.theme)
            marked += len(expected)
    assert marked > 0

    content = client.get("/inzicht/").content.decode()
    theme_5 = Theme.objects.get(number=5)
    utrecht_5 = cell_html(content, f"region={mix['utrecht'].slug}&theme={theme_5.slug}")
    assert "geen overheid" in utrecht_5 and "geen onderwijs" in utrecht_5 and "geen bedrijven" not in utrecht_5
    groningen_1 = cell_html(content, f"region={mix['groningen'].slug}&theme={Theme.objects.get(number=1).slug}")
    assert "geen" not in groningen_1  # business, school and a municipality take part there


def expected_started() -> Counter:
    """(quarter, theme id or None) → public initiatives started then, from each initiative's own dates."""
    counted = Counter()
    for initiative in Initiative.objects.public().prefetch_related("themes"):
        day = initiative.start_date or timezone.localtime(initiative.created_at).date()
        counted[(quarter_start(day), None)] += 1
        for theme in initiative.themes.all():
            counted[(quarter_start(day), theme.pk)] += 1
    return counted


def test_quarter_counts_equal_the_database(client, mix):
    timeline = national_overview().timeline
    quarters = recent_quarters(timezone.localdate())
    assert timeline.quarters == quarters
    assert quarters[-1] == quarter_start(timezone.localdate())
    expected = expected_started()
    for quarter in quarters:
        for theme in [None, *Theme.objects.all()]:
            assert timeline.count(quarter, theme) == expected[(quarter, theme and theme.pk)], (quarter, theme)
    in_window = sum(count for (quarter, theme), count in expected.items() if theme is None and quarter in quarters)
    assert sum(total for _quarter, _counts, total in timeline.rows) == in_window == 3  # `across` started earlier


def test_the_quarter_table_and_charts_show_the_counts(client, mix):
    content = client.get("/en/inzicht/").content.decode()
    now = quarter_start(timezone.localdate())
    label = f"Q{(now.month - 1) // 3 + 1} {now.year}"
    row = re.search(rf"<tr [^>]*>\s*<th [^>]*>{label}</th>(.*?)</tr>", content, re.S).group(1)
    assert re.findall(r">(\d+)</td>", row) == ["1", "0", "0", "0", "1", "0", "1"]  # harbour: themes 1 and 5
    assert content.count('<svg class="agendastad-timeline__svg"') == 6
    assert "(2 started)" in content  # theme 1: complete and harbour
    assert "Q" in label and "K" + label[1:] in client.get("/inzicht/").content.decode()


def expected_pairs() -> Counter:
    """Unordered pairs of region ids → public initiatives linking them, counted from each initiative."""
    current = set(LabourMarketRegion.objects.current().values_list("pk", flat=True))
    counted = Counter()
    for initiative in Initiative.objects.public():
        works = {initiative.primary_region_id, *initiative.regions.values_list("pk", flat=True)}
        partners = set(
            Organisation.objects.filter(
                partnerships__initiative=initiative, partnerships__state=Partnership.State.ACCEPTED
            ).values_list("municipality__region", flat=True)
        )
        pairs = {frozenset(pair) for pair in combinations(works, 2)}
        pairs |= {frozenset((one, other)) for one in works for other in partners - works}
        counted.update(pair for pair in pairs if pair <= current)
    return counted


def test_the_pairs_equal_an_independent_count_each_pair_once(mix):
    pairs = national_overview().pairs
    assert {frozenset((pair.one.pk, pair.other.pk)): pair.initiatives for pair in pairs} == expected_pairs()
    assert len({frozenset((pair.one.pk, pair.other.pk)) for pair in pairs}) == len(pairs)
    assert all(pair.one.name < pair.other.name for pair in pairs)
    ranked = [(pair.one, pair.other, pair.initiatives) for pair in pairs]
    groningen, utrecht, rijnmond = mix["groningen"], mix["utrecht"], mix["rijnmond"]
    # Groningen and Utrecht: complete, seeking; Utrecht and Rijnmond: across, harbour; Groningen and Rijnmond: harbour.
    assert ranked == [(groningen, utrecht, 2), (utrecht, rijnmond, 2), (groningen, rijnmond, 1)]


def test_the_top_pairs_stop_at_fifteen(mix):
    lead = OrganisationFactory()
    others = list(LabourMarketRegion.objects.current().exclude(pk=lead.municipality.region_id)[:17])
    for region in others:
        InitiativeFactory(lead_organisation=lead).regions.add(region)
    pairs = national_overview().pairs
    assert len(pairs) == 15
    assert [pair.initiatives for pair in pairs] == sorted((pair.initiatives for pair in pairs), reverse=True)


def test_the_pairs_on_the_page_link_to_both_regions(client, mix):
    content = client.get("/inzicht/").content.decode()
    groningen, utrecht = mix["groningen"], mix["utrecht"]
    href = re.escape(html.escape(f"{LIST}?region={groningen.slug}&region={utrecht.slug}"))
    pair = (
        rf'<a class="utrecht-link" href="{href}">{groningen.name} {DASH} {utrecht.name}</a>\s*</th>\s*<td [^>]*>2</td>'
    )
    assert re.search(pair, content)


def test_drafts_hidden_and_archived_items_are_nowhere(client, mix):
    overview = national_overview()
    zeeland = mix["zeeland"]
    assert overview.headline.initiatives == Initiative.objects.public().count() == 4
    assert next(row for row in overview.matrix.rows if row.region == zeeland).total.figures.initiatives == 0
    assert overview.matrix.totals.cells[5].figures.initiatives == 0  # theme 6: only the hidden ones
    assert all(zeeland not in (pair.one, pair.other) for pair in overview.pairs)
    assert sum(total for _quarter, _counts, total in overview.timeline.rows) == 3
    content = client.get("/inzicht/").content.decode()
    assert f"region={zeeland.slug}&amp;" not in content
    for secret in Initiative.objects.exclude(pk__in=Initiative.objects.public()):
        assert secret.title not in content and secret.slug not in content


def test_the_headline_figures_equal_the_database(client, mix):
    headline = national_overview().headline
    public = Initiative.objects.public()
    assert headline.organisations == (
        Organisation.objects.filter(partnerships__state=Partnership.State.ACCEPTED, partnerships__initiative__in=public)
        .distinct()
        .count()
    )
    assert headline.organisations == 5  # not the Zeeland university, which leads only hidden items
    assert headline.complete_initiatives == public.filter(*[covers_helix(helix) for helix in TRIPLE_HELIX]).count()
    assert headline.regions_working == 3
    # Groningen is complete in theme 1 (complete, harbour) and theme 2 (complete); Utrecht and Rijnmond are not.
    assert headline.regions_complete == 1
    assert headline.regions == 35
    content = client.get("/en/inzicht/").content.decode()
    assert re.search(r'headline__number">1</span>\s*of the 3 regions with initiatives \(of 35\)', content)


def test_both_languages_render_with_the_header_link(client, mix):
    dutch = client.get("/inzicht/")
    assert dutch.status_code == 200
    assert '<html lang="nl"' in dutch.content.decode()
    for text in ("Inzicht: het hele land", "Gestarte initiatieven per kwartaal", "geen onderwijs", "Alle thema's"):
        assert text in dutch.content.decode(), text
    assert re.search(r'href="/inzicht/"[^>]*aria-current="page">Inzicht</a>', dutch.content.decode())

    english = client.get("/en/inzicht/")
    assert english.status_code == 200
    for text in ("Insight: the whole country", "Initiatives started per quarter", "no education", "All themes"):
        assert text in english.content.decode(), text
    assert 'href="/en/inzicht/"' in english.content.decode()


def test_the_header_links_to_the_overview_from_other_pages(client):
    content = client.get("/regios/").content.decode()
    assert re.search(r'<a class="utrecht-link" href="/inzicht/"\s*>Inzicht</a>', content)


def test_unknown_query_parameters_are_ignored(client, mix):
    response = client.get("/inzicht/", {"region": "<script>", "theme": "%", "page": "-1"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_an_empty_country_shows_zeros_and_no_pairs(client):
    content = client.get("/en/inzicht/").content.decode()
    assert "No public initiative links two regions yet." in content
    assert cell_html(content, "") is None


def test_the_page_runs_as_many_queries_for_fifty_initiatives_as_for_one(client, mix, django_assert_max_num_queries):
    client.get("/inzicht/")
    with CaptureQueriesContext(connection) as few:
        client.get("/inzicht/")
    lead = OrganisationFactory(kind=OrganisationKind.SCHOOL_HBO)
    themes = list(Theme.objects.all())
    regions = list(LabourMarketRegion.objects.current()[:10])
    for number in range(46):
        initiative = InitiativeFactory(
            lead_organisation=lead,
            themes=themes[number % 6 : number % 6 + 2],
            start_date=timezone.localdate() - datetime.timedelta(days=30 * number),
        )
        initiative.regions.add(regions[number % 10])
        PartnershipFactory(
            initiative=initiative, organisation=OrganisationFactory(municipality=regions[-1].municipalities.first())
        )
    with django_assert_max_num_queries(len(few)):
        response = client.get("/inzicht/")
    assert response.status_code == 200
    assert national_overview().headline.initiatives == 50


@pytest.fixture
def kept(settings):
    settings.FIGURES_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_the_overview_asks_the_database_nothing_when_warm_and_counts_again_after_a_write(
    mix, kept, django_assert_num_queries
):
    first = national_overview()
    with django_assert_num_queries(0):
        again = national_overview()
    assert again.headline == first.headline

    InitiativeFactory(lead_organisation=OrganisationFactory(kind=OrganisationKind.UNIVERSITY))
    page_cache_invalidate()  # what the middleware does after every request that may write

    assert national_overview().headline.initiatives == first.headline.initiatives + 1
