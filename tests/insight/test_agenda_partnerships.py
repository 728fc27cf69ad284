"""The national overview shows which regions work together through their agendas: pairs of regions where a
published agenda's priority of one names the other as partner region."""

import pytest

from agendastad.agendas.models import AgendaPriority, AgendaState
from regions.models import LabourMarketRegion

from ..factories import AgendaPriorityFactory, RegionAgendaFactory

pytestmark = pytest.mark.django_db

DASH = "\u2013"


def partnered(region: LabourMarketRegion, partners: list[LabourMarketRegion], **agenda) -> AgendaPriority:
    priority = AgendaPriorityFactory(agenda=RegionAgendaFactory(region=region, **agenda))
    priority.partner_regions.set(partners)
    return priority


def pairs_on(page: str) -> list[tuple[str, str]]:
    """(regions, priorities) of each row of the agendas' pairs table."""
    table = page[page.index('id="agenda-pairs-caption"') :]
    table = table[: table.index("</table>")]
    rows = table.split('<th class="utrecht-table__header-cell" scope="row">')[1:]
    return [
        (row[: row.index("</th>")].strip(), row.split('utrecht-table__cell--numeric">')[1].split("<")[0])
        for row in rows
    ]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_overview_lists_each_pair_of_partnering_regions_once_with_its_priorities(client, prefix):
    groningen, drenthe, friesland = (LabourMarketRegion.objects.get(code=code) for code in ("AM01", "AM03", "AM02"))
    partnered(groningen, [drenthe, friesland])
    partnered(drenthe, [groningen])
    partnered(groningen, [drenthe])
    partnered(friesland, [drenthe], state=AgendaState.DRAFT, published_at=None)

    page = client.get(f"{prefix}/inzicht/").content.decode()

    assert pairs_on(page) == [
        (f"{drenthe.name} {DASH} {groningen.name}", "3"),
        (f"{friesland.name} {DASH} {groningen.name}", "1"),
    ]


def test_the_pairs_equal_the_database(client):
    regions = list(LabourMarketRegion.objects.current().order_by("code")[:5])
    for number, region in enumerate(regions):
        partnered(region, regions[number + 1 : number + 3])
    partnered(regions[4], regions[:1], state=AgendaState.DRAFT, published_at=None)

    shown = pairs_on(client.get("/inzicht/").content.decode())

    through = AgendaPriority.partner_regions.through.objects.filter(agendapriority__agenda__state="published")
    expected = {}
    for link in through.select_related("agendapriority__agenda__region", "labourmarketregion"):
        names = sorted([link.agendapriority.agenda.region.name, link.labourmarketregion.name])
        expected[f" {DASH} ".join(names)] = expected.get(f" {DASH} ".join(names), 0) + 1
    assert {regions: int(count) for regions, count in shown} == expected
    assert len(shown) == 7


def test_without_partner_regions_the_overview_says_so(client):
    partnered(LabourMarketRegion.objects.get(code="AM01"), [], state=AgendaState.PUBLISHED)

    page = client.get("/inzicht/").content.decode()

    assert "agenda-pairs-caption" not in page
    assert "Nog geen gepubliceerde agenda noemt een partnerregio." in page
