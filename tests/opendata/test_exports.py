"""CSV, Excel and JSON exports of any list of initiatives: the list's initiatives, public ones only, by name."""

import csv
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives.models import Theme
from regions.models import OrganisationKind

from ..factories import InitiativeFactory, OrganisationFactory, PartnershipFactory
from ..initiatives.test_query_budgets import rich_initiative
from .conftest import FILTERS, INVALID_FILTERS, SECRET_TITLES

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx", "json"]


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def table(response) -> list[list]:
    """The rows of a CSV or Excel export, the header first."""
    content = content_of(response)
    if response["Content-Type"].startswith("text/csv"):
        assert content.startswith("\ufeff".encode())
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [
        ["" if value is None else value for value in row] for row in workbook.worksheets[0].iter_rows(values_only=True)
    ]


def exported_titles(response, format: str) -> list[str]:
    assert response.status_code == 200
    if format == "json":
        return [item["title"] for item in json.loads(content_of(response))["initiatives"]]
    rows = table(response)
    return [row[0] for row in rows[1:]]


def listed_titles(client, query: str) -> list[str]:
    response = client.get(f"/initiatieven/?{query}")
    assert response.status_code == 200
    assert response.context["paginator"].count == len(response.context["object_list"])  # one page: all of them
    return [initiative.title for initiative in response.context["object_list"]]


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("query", FILTERS)
def test_an_export_holds_the_initiatives_of_the_list_with_the_same_filters_in_its_order(client, world, format, query):
    listed = listed_titles(client, query)

    exported = exported_titles(client.get(f"/initiatieven/export.{format}?{query}"), format)

    assert exported == listed
    assert not set(exported) & set(SECRET_TITLES)


def test_the_filters_do_narrow_the_list_so_the_comparison_means_something(client, world):
    counts = {query: len(listed_titles(client, query)) for query in FILTERS}

    assert counts[""] == 3
    assert {1, 2} <= set(counts.values())
    assert counts["q=techniekpact"] == 2
    assert counts["region=groningen"] == 2
    assert counts["missing=business"] == 2
    assert counts["programme=green-deals"] == 1
    assert counts["programme=techniekpact&programme=regio-deals"] == 2
    assert counts["target_group=statushouders"] == 1


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("query", ["", "q=techniekpact", "theme=talent-ontwikkelen"])
def test_a_moderator_downloads_the_public_initiatives_only(moderator_client, world, format, query):
    sees = listed_titles(moderator_client, query)
    assert set(SECRET_TITLES) & set(sees), "the moderator's own list shows what the export must leave out"

    exported = exported_titles(moderator_client.get(f"/initiatieven/export.{format}?{query}"), format)

    assert exported == listed_titles(Client(), query)
    assert not set(exported) & set(SECRET_TITLES)


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("query", INVALID_FILTERS)
def test_invalid_filter_values_get_the_same_answer_as_from_the_list(client, world, format, query):
    listed = listed_titles(client, query)

    response = client.get(f"/initiatieven/export.{format}?{query}")

    assert exported_titles(response, format) == listed


@pytest.mark.parametrize("format", FORMATS)
def test_no_email_address_and_no_contact_person_appear(moderator_client, world, format):
    content = content_of(moderator_client.get(f"/initiatieven/export.{format}"))
    if format == "xlsx":
        content = repr(table(moderator_client.get("/initiatieven/export.xlsx"))).encode()

    assert b"@" not in content
    assert world.contact_email.encode() not in content
    assert b"Person" not in content  # the factories' names of people


def test_the_csv_names_things_in_the_language_of_the_page(client, world):
    dutch = table(client.get("/initiatieven/export.csv?q=leerwerkakkoord"))
    english = table(client.get("/en/initiatieven/export.csv?q=leerwerkakkoord"))

    dutch_row = dict(zip(dutch[0], dutch[1], strict=True))
    english_row = dict(zip(english[0], english[1], strict=True))
    assert dutch_row["Titel"] == english_row["Title"] == "Leerwerkakkoord Groningen"
    assert dutch_row["Status"] == "Lopend"
    assert english_row["Status"] == "Running"
    assert english_row["Address"] == f"http://testserver/en/initiatieven/{world.public[0].slug}/"
    assert dutch_row["Adres"] == f"http://testserver/initiatieven/{world.public[0].slug}/"
    assert english_row["Themes"] == Theme.objects.get(number=1).name_en
    assert english_row["Region"] == "Groningen"
    assert english_row["Lead organisation"] == "Gemeente Groningen"
    assert english_row["Partners (helix, role)"] == (
        "Gemeente Groningen (Government, Lead); Hanzehogeschool (Education & knowledge, Partner); "
        "Bouwbedrijf Noord (Business, Partner)"
    )
    assert english_row["Helices taking part"] == "Government; Education & knowledge; Business"
    assert english_row["Missing from the triple helix"] == ""
    assert english_row["Budget (euros)"] == "250000"
    assert english_row["Website"] == "https://example.org/leerwerkakkoord"


def test_the_json_lists_accepted_partners_regions_municipalities_and_what_is_sought(client, world):
    document = json.loads(content_of(client.get("/en/initiatieven/export.json?sort=title")))

    assert document["licence"] == "CC BY 4.0"
    assert document["attribution"] == "Agenda Stad"
    assert document["source"] == "http://testserver/en/initiatieven/?sort=title"
    by_title = {item["title"]: item for item in document["initiatives"]}
    seeking = by_title["Techniekpact Rijnmond"]
    assert seeking["partners"] == [
        {"name": "Gemeente Rotterdam", "helix": "Government", "role": "Lead", "country": "NL", "place": None}
    ]
    assert seeking["helices_missing"] == ["Education & knowledge", "Business"]
    assert seeking["partners_sought"] == ["Civil society"]
    assert seeking["themes"] == [Theme.objects.get(number=1).name_en, Theme.objects.get(number=2).name_en]
    assert seeking["budget"] is None and seeking["website"] is None
    crossing = by_title["Techniekpact Groningen en Rijnmond"]
    assert crossing["primary_region"] == "Rijnmond"
    assert crossing["further_regions"] == ["Groningen"]
    assert crossing["municipalities"] == ["Groningen", "Rotterdam"]
    assert crossing["status"] == "Proposal"
    assert list(by_title["Leerwerkakkoord Groningen"]) == list(document["initiatives"][0])


def test_programmes_and_target_groups_are_named_in_the_language_of_the_page(client, world):
    english = json.loads(content_of(client.get("/en/initiatieven/export.json?sort=title")))["initiatives"]
    dutch = table(client.get("/initiatieven/export.csv?sort=title"))

    record = next(item for item in english if item["title"] == "Leerwerkakkoord Groningen")
    assert sorted(record["programmes"]) == ["Green Deals", "Regio Deals"]
    assert sorted(record["target_groups"]) == ["Older workers", "Status holders"]
    header, *rows = dutch
    row = dict(zip(header, next(row for row in rows if row[0] == "Leerwerkakkoord Groningen"), strict=True))
    assert sorted(row["Landelijke programma's"].split("; ")) == ["Green Deals", "Regio Deals"]
    assert sorted(row["Doelgroepen"].split("; ")) == ["Oudere werknemers", "Statushouders"]


def test_the_files_say_what_they_are(client, world):
    csv_response = client.get("/initiatieven/export.csv")
    xlsx_response = client.get("/initiatieven/export.xlsx")
    json_response = client.get("/initiatieven/export.json")

    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response["Content-Disposition"].startswith('attachment; filename="agenda-stad-initiatieven-')
    assert xlsx_response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx_response["Content-Disposition"].startswith("attachment;")
    assert json_response["Content-Type"] == "application/json"
    assert json_response["Access-Control-Allow-Origin"] == "*"


FORMULAS = ['=HYPERLINK("https://example.org";"klik")', "+31 50 123", "-1+1", "@SUM(A1)", "\tcmd", "\r=1"]


@pytest.fixture
def formulas(db):
    lead = OrganisationFactory(name="=cmd|' /C calc'!A0", kind=OrganisationKind.BUSINESS)
    initiative = InitiativeFactory(title=FORMULAS[0], summary=FORMULAS[1], lead_organisation=lead, website="")
    PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(name=FORMULAS[3]))
    initiative.sought_note = FORMULAS[2]
    initiative.save(update_fields=["sought_note"])
    return initiative


def test_formula_cells_are_text_in_the_csv(client, formulas):
    rows = table(client.get("/initiatieven/export.csv"))
    row = dict(zip(rows[0], rows[1], strict=True))

    assert row["Titel"] == f"'{FORMULAS[0]}"
    assert row["Samenvatting"] == f"'{FORMULAS[1]}"
    assert row["Wat voor partners gezocht worden"] == f"'{FORMULAS[2]}"
    assert row["Trekker"] == "'=cmd|' /C calc'!A0"
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in rows[1])


def test_formula_cells_are_text_in_the_workbook(client, formulas):
    content = content_of(client.get("/initiatieven/export.xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))

    title = cells["Titel"]
    assert title.value == FORMULAS[0]  # the text unchanged,
    assert title.data_type == "s"  # as text, not a formula ("f"),
    assert title.quotePrefix  # and kept text when edited in Excel
    assert cells["Samenvatting"].value == FORMULAS[1] and cells["Samenvatting"].data_type == "s"
    assert cells["Trekker"].value == "=cmd|' /C calc'!A0" and cells["Trekker"].data_type == "s"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("query", ["", "q=rijk&theme=talent-ontwikkelen&region=groningen&missing=social_partners"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_initiatives(
    client, db, format, query, django_assert_max_num_queries
):
    def rich(number: int) -> None:
        """Themes, accepted and invited partners, sought partners, a further region and a municipality."""
        lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
        rich_initiative(lead, title=f"Rijk initiatief {number}")

    rich(0)
    path = f"/initiatieven/export.{format}?{query}"
    client.get(path)
    with CaptureQueriesContext(connection) as at_one:
        assert len(exported_titles(client.get(path), format)) == 1

    for number in range(1, 30):
        rich(number)

    with django_assert_max_num_queries(len(at_one)):
        assert len(exported_titles(client.get(path), format)) == 30


def test_a_file_of_one_region_and_one_theme_is_named_after_them(client, world):
    today = timezone.localdate().isoformat()
    one = client.get("/initiatieven/export.csv?region=drechtsteden&theme=talent-ontwikkelen")
    two_regions = client.get("/initiatieven/export.xlsx?region=drechtsteden&region=rijnmond")
    odd = client.get("/initiatieven/export.csv?region=%22%3B%20x%3D..%2F")

    named = f'filename="agenda-stad-initiatieven-drechtsteden-talent-ontwikkelen-{today}.csv"'
    assert named in one["Content-Disposition"]
    assert f'filename="agenda-stad-initiatieven-{today}.xlsx"' in two_regions["Content-Disposition"]
    assert odd["Content-Disposition"] == f'attachment; filename="agenda-stad-initiatieven-x-{today}.csv"'


def test_a_place_a_partner_filled_is_no_longer_sought_in_the_export_and_the_api_says_so(client):
    initiative = InitiativeFactory(title="Stages in de zorg")
    joined = PartnershipFactory(
        initiative=initiative, organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO)
    )
    initiative.sought_partners.create(kind=OrganisationKind.SCHOOL_MBO, filled_by=joined)
    initiative.sought_partners.create(helix="business")

    document = json.loads(content_of(client.get("/en/initiatieven/export.json")))
    (record,) = [item for item in document["initiatives"] if item["title"] == "Stages in de zorg"]
    assert record["partners_sought"] == ["Business"]

    (item,) = client.get("/api/v1/initiatives/", {"q": "zorg"}).json()["results"]
    assert sorted((place["helix"], place["filled"]) for place in item["sought"]) == [
        ("business", False),
        ("knowledge", True),
    ]
