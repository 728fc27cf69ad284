"""The region map on the home page and on /regios/: each region's figure against a count made the plain way (the
ORM and Python, never `figure_table`), for every switch; the legend, the table and the links a person uses; bad
switches; the colours; and a constant number of queries whatever the data."""

import re
from collections.abc import Callable
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains

from agendastad.insight.maps import class_breaks, region_outlines
from initiatives.models import Hidden, Initiative, Partnership, SoughtPartner, Theme, Visibility
from initiatives.selectors import TRIPLE_HELIX
from regions.models import Helix, LabourMarketRegion, Municipality, OrganisationKind
from tests.factories import InitiativeFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


class MapReader(HTMLParser):
    """What a person finds in the map component: its heading, switches, shapes, legend and table."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.heading = ""
        self.switches: list[dict] = []
        self.shapes: dict[str, dict] = {}
        self.legend: list[dict] = []
        self.rows: dict[str, str] = {}
        self.summary = ""
        self._where: set[str] = set()
        self._capture: tuple[str, list[str], Callable[[str], None]] | None = None
        self._href = ""
        self.feed(html)

    def _start_capture(self, tag: str, done: Callable[[str], None]) -> None:
        self._capture = (tag, [], done)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "section" and "agendastad-choropleth" in classes:
            self._where.add("map-component")
        if "map-component" not in self._where:
            return
        if attrs.get("id", "").endswith("-heading"):
            self._start_capture(tag, lambda text: setattr(self, "heading", text))
        elif tag == "nav":
            self._where.add("switch")
        elif tag == "a" and "switch" in self._where:
            switch = {"href": attrs["href"], "current": attrs.get("aria-current") == "true"}
            self.switches.append(switch)
            self._start_capture("a", lambda text: switch.update(text=text))
        elif tag == "svg" and "agendastad-choropleth__map" in classes:
            self._where.add("svg")
        elif tag == "a" and "svg" in self._where:
            self._href = attrs["href"]
            self.shapes[self._href] = {"tabindex": attrs.get("tabindex")}
        elif tag == "path" and "svg" in self._where:
            self.shapes[self._href]["class"] = attrs["class"]
        elif tag == "title" and "svg" in self._where:
            self._start_capture("title", lambda text: self.shapes[self._href].update(title=text))
        elif tag == "ul" and "agendastad-choropleth__steps" in classes:
            self._where.add("legend")
        elif tag == "li" and "legend" in self._where:
            entry: dict = {}
            self.legend.append(entry)
            self._start_capture("li", lambda text: entry.update(text=text))
        elif tag == "rect" and "legend" in self._where:
            self.legend[-1]["class"] = attrs["class"]
        elif tag == "summary":
            self._start_capture("summary", lambda text: setattr(self, "summary", text))
        elif tag == "tbody":
            self._where.add("table")
        elif tag == "a" and "table" in self._where:
            self._href = attrs["href"]
        elif tag == "td" and "table" in self._where:
            href = self._href
            self._start_capture("td", lambda text: self.rows.__setitem__(href, text))

    def handle_endtag(self, tag):
        if self._capture and self._capture[0] == tag:
            _, pieces, done = self._capture
            self._capture = None
            done(" ".join(" ".join(pieces).split()))
        ends = {"nav": "switch", "svg": "svg", "ul": "legend", "tbody": "table", "section": "map-component"}
        if tag in ends and not (tag == "svg" and "legend" in self._where):
            self._where.discard(ends[tag])

    def handle_data(self, data):
        if self._capture:
            self._capture[1].append(data)


def read_map(response) -> MapReader:
    assert response.status_code == 200
    return MapReader(response.content.decode())


@pytest.fixture
def mix() -> dict:
    """Public initiatives in Groningen, Midden-Utrecht and Rijnmond (one also in Groot Amsterdam), with partners
    of different helices and sought partners; in Zeeland only a draft, a hidden and an archived one."""
    groningen, utrecht, rotterdam = (Municipality.objects.get(code=code) for code in ("GM0014", "GM0344", "GM0599"))
    zeeland = Municipality.objects.filter(region__slug="zeeland").first()
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO, municipality=groningen)
    town = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=utrecht)
    port = OrganisationFactory(kind=OrganisationKind.BUSINESS, municipality=rotterdam)
    zeeland_school = OrganisationFactory(kind=OrganisationKind.SCHOOL_HBO, municipality=zeeland)
    theme_1, theme_2, theme_5 = (Theme.objects.get(number=n) for n in (1, 2, 5))

    complete = InitiativeFactory(themes=[theme_1, theme_2])  # a business lead in Groningen
    PartnershipFactory(initiative=complete, organisation=school)
    PartnershipFactory(initiative=complete, organisation=town)
    InitiativeFactory(lead_organisation=school, themes=[theme_1])
    seeking = InitiativeFactory(lead_organisation=school, themes=[theme_2])
    PartnershipFactory(initiative=seeking, organisation=port, state=Partnership.State.INVITED)  # waits
    SoughtPartner.objects.create(initiative=seeking, helix=Helix.BUSINESS)

    InitiativeFactory(lead_organisation=town, themes=[theme_5])
    social = InitiativeFactory(lead_organisation=town, themes=[theme_1, theme_5])
    SoughtPartner.objects.create(initiative=social, kind=OrganisationKind.UNIVERSITY)

    wide = InitiativeFactory(lead_organisation=port, themes=[theme_2])
    PartnershipFactory(initiative=wide, organisation=school)
    PartnershipFactory(initiative=wide, organisation=town)
    wide.regions.add(LabourMarketRegion.objects.get(slug="groot-amsterdam"), rotterdam.region)

    InitiativeFactory(lead_organisation=zeeland_school, visibility=Visibility.DRAFT)
    InitiativeFactory(lead_organisation=zeeland_school, hidden=Hidden.PENDING)
    InitiativeFactory(lead_organisation=zeeland_school, archived_at=timezone.now())
    return {"zeeland": zeeland.region}


def _helices(initiative: Initiative) -> set[str]:
    accepted = initiative.partnerships.filter(state=Partnership.State.ACCEPTED).select_related("organisation")
    return {partnership.organisation.helix for partnership in accepted}


def expected_figures(switch: str) -> dict[LabourMarketRegion, int | None]:
    """Each current region's figure for the switch, counted the plain way."""
    figures = {}
    for region in LabourMarketRegion.objects.current():
        public = Initiative.objects.public().in_region(region)
        if switch == "helixgat":
            initiatives = list(public)
            lacking = [i for i in initiatives if not set(TRIPLE_HELIX) <= _helices(i)]
            figures[region] = round(100 * len(lacking) / len(initiatives)) if initiatives else None
        elif switch == "partners-gezocht":
            figures[region] = public.filter(sought_partners__isnull=False).distinct().count()
        elif switch:
            figures[region] = public.filter(themes__slug=switch).count()
        else:
            figures[region] = public.count()
    return figures


def _cell(switch: str, figure: int | None) -> str:
    if figure is None:
        return "\N{EN DASH} geen openbare initiatieven"
    return f"{figure}%" if switch == "helixgat" else str(figure)


def _legend_ranges(reader: MapReader) -> dict[str, tuple[int, int, int]]:
    """The legend's colour classes, each with its range of figures and its number of regions."""
    ranges = {}
    for entry in reader.legend:
        found = re.fullmatch(r"(\d+)(?:\N{EN DASH}(\d+))?%?: (\d+) regio(?:'s)?", entry["text"])
        if found:
            low, high, count = found.groups()
            colour = entry["class"].split("--")[-1]
            ranges[colour] = (int(low), int(high or low), int(count))
    return ranges


SWITCHES = [
    pytest.param("", id="default"),
    pytest.param("ondernemerschap-stimuleren", id="theme"),
    pytest.param("helixgat", id="helix-gap"),
    pytest.param("partners-gezocht", id="partners-sought"),
]


@pytest.mark.parametrize("path", ["/", "/regios/"])
@pytest.mark.parametrize("switch", SWITCHES)
def test_each_region_shows_its_figure_as_the_database_counts_it(client, mix, path, switch):
    reader = read_map(client.get(path, {"kaart": switch} if switch else {}))
    expected = expected_figures(switch)
    assert len(expected) == 35
    legend = _legend_ranges(reader)
    for region, figure in expected.items():
        href = f"/regios/{region.slug}/"
        assert reader.rows[href] == _cell(switch, figure), region
        shape = reader.shapes[href]
        assert shape["title"].startswith(f"{region.name}: "), region
        colour = shape["class"].split("--")[-1]
        if figure is None:
            assert colour == "none"
            assert shape["title"] == f"{region.name}: geen openbare initiatieven"
        else:
            assert str(figure) in shape["title"]
            low, high, _ = legend[colour]
            assert low <= figure <= high, (region, figure, legend[colour])
    shaded = [figure for figure in expected.values() if figure is not None]
    assert sum(count for _, _, count in legend.values()) == len(shaded)
    assert len(legend) <= 5


def test_drafts_hidden_and_archived_initiatives_do_not_count(client, mix):
    zeeland = f"/regios/{mix['zeeland'].slug}/"
    assert Initiative.objects.filter(primary_region=mix["zeeland"]).count() == 3
    assert read_map(client.get("/")).rows[zeeland] == "0"
    helix_gap = read_map(client.get("/", {"kaart": "helixgat"}))
    assert helix_gap.rows[zeeland] == "\N{EN DASH} geen openbare initiatieven"
    assert helix_gap.shapes[zeeland]["title"] == "Zeeland: geen openbare initiatieven"
    # Rijnmond and Groot Amsterdam share one complete initiative, Groningen lacks a strand in 2 of 3, Midden-Utrecht
    # in both; the lightest colour stays for zero, one range above it gets the darkest.
    assert [(entry["text"], entry["class"].split("--")[-1]) for entry in helix_gap.legend] == [
        ("0%: 2 regio's", "step-0"),
        ("67%: 1 regio", "step-1"),
        ("100%: 1 regio", "step-4"),
        ("gearceerd, geen openbare initiatieven: 31 regio's", "none"),
    ]


def test_the_default_map_says_what_it_shows_with_a_legend_and_a_table(client, mix):
    reader = read_map(client.get("/"))
    assert reader.heading == "Openbare initiatieven per regio"
    assert reader.summary == "De cijfers per regio als tabel"
    assert len(reader.rows) == 35
    assert list(reader.rows) == [f"/regios/{r.slug}/" for r in LabourMarketRegion.objects.order_by("name")]
    # Groningen 3, Midden-Utrecht 2, Rijnmond 1, Groot Amsterdam 1, the 31 others 0: few figures, a class each.
    assert [entry["text"] for entry in reader.legend] == ["0: 31 regio's", "1: 2 regio's", "2: 1 regio", "3: 1 regio"]
    assert [entry["class"].split("--")[-1] for entry in reader.legend] == ["step-0", "step-1", "step-3", "step-4"]


def test_the_map_in_english(client, mix):
    reader = read_map(client.get("/en/regios/", {"kaart": "partners-gezocht"}))
    assert reader.heading == "Public initiatives seeking partners, per region"
    assert reader.shapes["/en/regios/groningen/"]["title"] == "Groningen: 1 public initiative seeks partners"
    assert reader.rows["/en/regios/midden-utrecht/"] == "1"


@pytest.mark.parametrize("switch", ["onzin", "", "<script>alert(1)</script>", "thema-99", "HELIXGAT"])
def test_an_unknown_switch_shows_the_default_map(client, mix, switch):
    for path in ["/", "/regios/"]:
        response = client.get(path, {"kaart": switch})
        reader = read_map(response)
        assert reader.heading == "Openbare initiatieven per regio"
        assert [s["text"] for s in reader.switches if s["current"]] == ["Alle initiatieven"]
        assert reader.rows["/regios/groningen/"] == "3"
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_repeated_switch_is_no_error(client, mix):
    reader = read_map(client.get("/regios/?kaart=helixgat&kaart=partners-gezocht"))
    assert reader.heading == "Openbare initiatieven die partners zoeken, per regio"  # the last one, as Django reads it


def test_the_switches_are_links_that_keep_the_pages_other_parameters(client, mix):
    reader = read_map(client.get("/regios/", {"q": "Utrecht", "kaart": "helixgat"}))
    links = {switch["text"]: switch for switch in reader.switches}
    assert len(links) == 9  # all initiatives, six themes, the helix gap, partners sought
    assert links["Helixgat"]["current"]
    assert [s["text"] for s in reader.switches if s["current"]] == ["Helixgat"]
    assert links["Alle initiatieven"]["href"] == "/regios/?q=Utrecht#kaart"
    assert links["Gezochte partners"]["href"] == "/regios/?q=Utrecht&kaart=partners-gezocht#kaart"
    assert links["Thema 1: Talent ontwikkelen"]["href"] == "/regios/?q=Utrecht&kaart=talent-ontwikkelen#kaart"
    # The filter form keeps the map that was chosen.
    assertContains(client.get("/regios/", {"kaart": "helixgat"}), '<input type="hidden" name="kaart" value="helixgat">')


def test_each_region_on_the_map_leads_to_its_page_and_the_keyboard_reaches_it_once(client):
    reader = read_map(client.get("/"))
    assert len(reader.shapes) == 35
    assert set(reader.shapes) == set(reader.rows)
    assert {shape["tabindex"] for shape in reader.shapes.values()} == {"-1"}
    for href in reader.rows:
        region = LabourMarketRegion.objects.get(slug=href.split("/")[2])
        assertContains(client.get(href), region.name)


def test_the_region_list_shows_municipalities_initiatives_helix_gap_and_partners_sought(client, mix):
    html = client.get("/regios/").content.decode()
    table = html.index("hun gemeenten en hun openbare initiatieven")
    gaps = expected_figures("helixgat")
    seeking = expected_figures("partners-gezocht")
    for region, count in expected_figures("").items():
        row = html[html.index(f'<a class="utrecht-link" href="/regios/{region.slug}/">', table) :]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row[: row.index("</tr>")], re.S)
        cells = [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]
        municipalities = region.municipalities.filter(retired_in__isnull=True).count()
        gap = _cell("helixgat", gaps[region])
        assert cells == [region.code, str(municipalities), str(count), gap, str(seeking[region])], region
    groningen = html[html.index('href="/regios/groningen/"', table) :]
    assert "67%" in groningen[: groningen.index("</tr>")]  # 2 of its 3 public initiatives lack a strand


def test_class_breaks_keep_zero_apart_and_split_the_rest_into_equal_groups():
    assert class_breaks([]) == []
    assert class_breaks([0, 0, 0]) == [(0, 0)]
    assert class_breaks([0, 1, 1, 2, 9]) == [(0, 0), (1, 1), (2, 2), (9, 9)]
    assert class_breaks([0] * 20 + list(range(1, 17))) == [(0, 0), (1, 4), (5, 8), (9, 12), (13, 16)]
    assert class_breaks(list(range(10, 110, 10))) == [(10, 20), (21, 40), (41, 60), (61, 80), (81, 100)]
    ties = class_breaks([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 30])
    assert ties[0] == (0, 0) and len(ties) <= 5
    for values in ([0, 3, 3, 7, 50, 51, 52, 100], [5] * 35, list(range(35)), [0, 100, 100, 33, 67, 50]):
        ranges = class_breaks(values)
        assert len(ranges) <= 5
        assert all(any(low <= value <= high for low, high in ranges) for value in values)
        assert all(high < next_low for (_, high), (next_low, _) in pairwise(ranges))


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(one: str, other: str) -> float:
    light, dark = sorted([_luminance(one), _luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_steps_differ_from_each_other_and_from_their_outlines():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "agendastad.css").read_text()
    colours = dict(re.findall(r"--agendastad-choropleth-([a-z0-9-]+): (#[0-9a-f]{6});", css))
    steps = [colours[f"step-{n}"] for n in range(5)]
    for lighter, darker in pairwise(steps):
        assert _contrast(lighter, darker) >= 1.6
    rules = dict(re.findall(r"\.agendastad-choropleth__region--(step-\d) \{([^}]*)\}", css))
    for n, fill in enumerate(steps):
        outline = re.search(r"stroke: var\(--agendastad-choropleth-(outline-\w+)\)", rules[f"step-{n}"])
        outline = colours[outline.group(1) if outline else "outline-dark"]
        assert _contrast(fill, outline) >= 3, f"step {n}"
    assert _contrast(colours["hatch"], colours["outline-light"]) >= 3


def test_the_outlines_are_drawn_once_per_classification_year(django_assert_num_queries):
    region_outlines()
    with django_assert_num_queries(1):  # the year
        outlines = region_outlines()
    assert len([path for *_, path in outlines["regions"] if path]) == 35


def _grow() -> None:
    """Forty more public initiatives over many regions and all themes, with partners and sought partners."""
    municipalities = list(Municipality.objects.order_by("code")[::10])
    themes = list(Theme.objects.all())
    for n in range(40):
        lead = OrganisationFactory(municipality=municipalities[n % len(municipalities)])
        initiative = InitiativeFactory(lead_organisation=lead, themes=[themes[n % 6], themes[(n + 2) % 6]])
        PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=OrganisationKind.UNIVERSITY))
        initiative.sought_partners.create(helix=Helix.GOVERNMENT)
        initiative.regions.add(municipalities[(n + 1) % len(municipalities)].region)


@pytest.mark.parametrize("path", ["/", "/regios/", "/?kaart=helixgat", "/regios/?kaart=bestuurlijke-slagkracht"])
def test_the_map_pages_run_as_many_queries_with_many_initiatives_as_with_one(client, path, django_assert_num_queries):
    InitiativeFactory()
    client.get(path)  # caches that fill once per process (outlines, content types, translations)
    with CaptureQueriesContext(connection) as at_one:
        client.get(path)
    assert len(at_one) <= 8

    _grow()

    with django_assert_num_queries(len(at_one)):
        response = client.get(path)
    assert response.status_code == 200
    assert len(read_map(response).legend) > 1
