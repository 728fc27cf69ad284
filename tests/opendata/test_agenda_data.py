"""Region agendas in open data: an export of the priorities of published agendas (one row per priority, as the
agenda page shows them), the priorities each initiative serves in the initiative exports, and Atom feeds of newly
published agendas. Never a draft, an agenda taken back to draft, or anybody's e-mail address."""

import io
import json
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agendastad.accounts.models import User
from agendastad.agendas import services
from agendastad.agendas.models import AgendaCommitment, AgendaState
from agendastad.agendas.selectors import agenda_priorities
from initiatives.models import NationalProgramme, Theme
from regions.models import Helix, LabourMarketRegion, OrganisationKind

from ..factories import (
    AgendaPriorityFactory,
    OrganisationFactory,
    RegionAgendaFactory,
    contribution,
    person_of_kind,
    sign_in,
)
from .test_exports import FORMULAS, content_of, table

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def agendas(world):
    """Groningen's published agenda (a priority served by two public initiatives and a draft one, a priority with
    a programme and a partner region, a priority nothing serves), Drenthe's published economic agenda, a draft of
    Groningen and an agenda of Drenthe taken back to draft by a moderator."""
    groningen = LabourMarketRegion.objects.get(code="AM01")
    drenthe = LabourMarketRegion.objects.get(code="AM03")
    programme = NationalProgramme.objects.get(slug="green-deals")
    published = RegionAgendaFactory(region=groningen, title_nl="Groningen werkt", created_by=world.public[0].created_by)
    served = AgendaPriorityFactory(agenda=published, title_nl="Vakmensen", ambition="Meer", ambition_number=250)
    for initiative in [world.public[0], world.public[1], world.secret[0]]:
        contribution(served, initiative)
    green = AgendaPriorityFactory(
        agenda=published, title_nl="Groene banen", programmes=[programme], themes=[Theme.objects.get(number=3)]
    )
    green.partner_regions.set([drenthe])
    AgendaPriorityFactory(agenda=published, title_nl="Nog open")
    AgendaCommitment.objects.create(
        agenda=published,
        organisation=OrganisationFactory(kind=OrganisationKind.BUSINESS),
        committed_by=User.objects.first(),
    )
    economic = RegionAgendaFactory(region=drenthe, kind="economic", title_nl="Drenthe onderneemt")
    contribution(AgendaPriorityFactory(agenda=economic, title_nl="Starters"), world.public[1])
    draft = RegionAgendaFactory(region=groningen, title_nl="Geheim concept", state=AgendaState.DRAFT, published_at=None)
    contribution(
        AgendaPriorityFactory(agenda=draft, title_nl="Geheime prioriteit", programmes=[programme]), world.public[0]
    )
    withdrawn = RegionAgendaFactory(region=drenthe, title_nl="Teruggetrokken agenda")
    contribution(AgendaPriorityFactory(agenda=withdrawn, title_nl="Teruggetrokken prioriteit"), world.public[0])
    services.agenda_unpublish(agenda=withdrawn, user=person_of_kind("moderator", world.public[0].lead_organisation))
    return [published, economic]


SECRETS = ["Geheim concept", "Geheime prioriteit", "Teruggetrokken agenda", "Teruggetrokken prioriteit"]


def rows_of(response) -> list[dict]:
    assert response.status_code == 200
    rows = table(response)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_csv_has_a_row_per_priority_as_the_agenda_pages_show_them(client, agendas):
    rows = rows_of(client.get("/agendas/export.csv"))

    expected = []
    for agenda in sorted(agendas, key=lambda agenda: agenda.region.name):
        page = client.get(agenda.get_absolute_url()).content.decode()
        for number, view in enumerate(agenda_priorities(agenda), start=1):
            assert f"{number}. {view.priority.title}" in page
            expected.append(
                {
                    "Regio": agenda.region.name,
                    "Agenda": agenda.title_nl,
                    "Nummer": str(number),
                    "Prioriteit": view.priority.title_nl,
                    "Openbare initiatieven die eraan bijdragen": "; ".join(i.title for i in view.initiatives),
                }
            )
    assert [{key: row[key] for key in expected[0]} for row in rows] == expected
    by_title = {row["Prioriteit"]: row for row in rows}
    assert by_title["Groene banen"]["Landelijke programma's"] == "Green Deals"
    assert by_title["Groene banen"]["Partnerregio's"] == "Drenthe"
    assert by_title["Vakmensen"]["Ambitie (getal)"] == "250"
    assert by_title["Nog open"]["Openbare initiatieven die eraan bijdragen"] == ""
    assert "Bedrijfsleven" in by_title["Nog open"]["Organisaties die zich aan de agenda verbinden (helix)"]


def test_the_gap_of_each_priority_is_the_agenda_pages(client, agendas):
    rows = rows_of(client.get("/en/agendas/export.csv"))

    views = [view for agenda in sorted(agendas, key=lambda a: a.region.name) for view in agenda_priorities(agenda)]
    assert [row["Missing from the triple helix"] for row in rows] == [
        "; ".join(str(Helix(helix).label) for helix in view.gaps) for view in views
    ]
    assert any(row["Missing from the triple helix"] for row in rows)


@pytest.mark.parametrize("format", ["csv", "xlsx", "json"])
def test_a_moderator_gets_no_draft_and_nobody_s_e_mail_address(client, agendas, format):
    sign_in(client, person_of_kind("moderator", agendas[0].commitments.first().organisation))

    content = content_of(client.get(f"/agendas/export.{format}")).decode("utf-8", "replace")
    initiatives = content_of(client.get(f"/initiatieven/export.{format}")).decode("utf-8", "replace")

    for secret in SECRETS:
        assert secret not in content
        assert secret not in initiatives
    for email in User.objects.values_list("email", flat=True):
        assert email not in content


def test_the_json_lists_the_priorities_with_their_programmes_and_the_licence(client, agendas):
    document = json.loads(content_of(client.get("/en/agendas/export.json?programme=green-deals")))

    assert document["licence"] == "CC BY 4.0"
    assert [item["title"] for item in document["priorities"]] == ["Vakmensen", "Groene banen", "Nog open"]
    green = document["priorities"][1]
    assert green["programmes"] == ["Green Deals"]
    assert green["partner_regions"] == ["Drenthe"]
    assert green["url"].endswith(
        f"/en/agendas/{agendas[0].slug}/#priority-{agendas[0].priorities.get(title_nl='Groene banen').pk}"
    )


@pytest.mark.parametrize(
    "query", ["region=drenthe", "kind=economic", "theme=aantrekkelijk-woon-leef-en-vestigingsklimaat"]
)
def test_the_filters_give_the_agendas_of_the_list(client, agendas, query):
    rows = rows_of(client.get(f"/agendas/export.csv?{query}"))

    listed = {agenda.title for agenda in client.get(f"/agendas/?{query}").context["object_list"]}
    assert {row["Agenda"] for row in rows} == listed
    assert len(listed) == 1


def test_an_invalid_filter_gives_no_rows(client, agendas):
    assert rows_of(client.get("/agendas/export.csv?region=atlantis")) == []


def test_formula_like_priorities_are_text(client, world):
    AgendaPriorityFactory(title_nl=FORMULAS[0], description=FORMULAS[3], ambition=FORMULAS[2])

    row = rows_of(client.get("/agendas/export.csv"))[0]
    sheet = openpyxl.load_workbook(io.BytesIO(content_of(client.get("/agendas/export.xlsx")))).worksheets[0]

    assert row["Prioriteit"] == f"'{FORMULAS[0]}"
    assert row["Korte beschrijving"] == f"'{FORMULAS[3]}"
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)


@pytest.mark.parametrize("format", ["csv", "json"])
def test_the_export_costs_the_same_for_thirty_agendas_as_for_one(client, world, format):
    programme = NationalProgramme.objects.first()

    def agenda() -> None:
        priority = AgendaPriorityFactory(programmes=[programme])
        priority.partner_regions.set([LabourMarketRegion.objects.get(code="AM03")])
        contribution(priority, world.public[0])
        AgendaCommitment.objects.create(agenda=priority.agenda, organisation=world.public[1].lead_organisation)

    agenda()
    path = f"/agendas/export.{format}"
    client.get(path)
    with CaptureQueriesContext(connection) as at_one:
        content_of(client.get(path))
    for _number in range(29):
        agenda()
    with CaptureQueriesContext(connection) as at_thirty:
        content = content_of(client.get(path))

    assert len(at_thirty) == len(at_one)
    assert content.count(b"Priority") >= 30


def test_the_initiative_exports_name_the_published_priorities_each_serves(client, agendas, world):
    rows = {row["Titel"]: row for row in rows_of(client.get("/initiatieven/export.csv"))}
    document = json.loads(content_of(client.get("/initiatieven/export.json")))

    assert rows[world.public[0].title]["Agendaprioriteiten waaraan het bijdraagt"] == "Groningen werkt: Vakmensen"
    assert rows[world.public[1].title]["Agendaprioriteiten waaraan het bijdraagt"] == (
        "Drenthe onderneemt: Starters; Groningen werkt: Vakmensen"
    )
    by_title = {item["title"]: item for item in document["initiatives"]}
    assert by_title[world.public[0].title]["priorities"] == ["Groningen werkt: Vakmensen"]


def entries(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]


def test_the_feed_holds_the_published_agendas_newest_first(client, agendas):
    agendas[1].published_at = timezone.now() - timezone.timedelta(days=2)
    agendas[1].save()

    titles = entries(client.get("/agendas/feed.xml"))

    assert titles == [
        "Groningen: Groningen werkt (2026\u20132029)",
        "Drenthe: Drenthe onderneemt (2026\u20132029)",
    ]


def test_a_region_feed_holds_its_own_published_agendas_only(client, agendas):
    assert entries(client.get("/regios/drenthe/agendas/feed/")) == ["Drenthe: Drenthe onderneemt (2026\u20132029)"]
    assert entries(client.get("/regios/rijnmond/agendas/feed/")) == []
    assert client.get("/regios/atlantis/agendas/feed/").status_code == 404


def test_the_feeds_are_linked_from_the_agenda_pages_and_the_open_data_page(client, agendas):
    for path in ["/agendas/", "/open-data/"]:
        page = client.get(path).content.decode()
        assert 'type="application/atom+xml" href="/agendas/feed.xml"' in page.replace("\n      ", " ")
    region_page = client.get("/regios/drenthe/agendas/").content.decode()
    assert 'href="/regios/drenthe/agendas/feed/"' in region_page
    assert 'href="/agendas/export.csv?region=drenthe"' in region_page
    open_data = client.get("/en/open-data/").content.decode()
    assert 'href="/en/agendas/export.xlsx"' in open_data
