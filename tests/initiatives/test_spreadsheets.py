"""Coordinators import initiatives from a spreadsheet after a dry run, and export what they may see."""

import csv
import io
from datetime import date
from pathlib import Path
from typing import ClassVar

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from initiatives import imports
from initiatives.models import Initiative, Partnership, Status, Visibility
from initiatives.spreadsheets import COLUMNS, SpreadsheetRow
from regions.models import LabourMarketRegion, Municipality, OrganisationKind

from ..factories import (
    HOSTILE,
    USER_KINDS,
    InitiativeFactory,
    OrganisationFactory,
    RegionCoordinatorFactory,
    person_of_kind,
    sign_in,
    verified_person,
    with_second_factor,
)
from .test_initiatives import dangerous_markup

pytestmark = pytest.mark.django_db

EXAMPLE = Path(settings.BASE_DIR) / "docs" / "examples" / "initiatieven-import.csv"
IMPORT_URL = "/initiatieven/importeren/"
CONFIRM_URL = "/initiatieven/importeren/bevestigen/"
EXPORT_URL = "/initiatieven/exporteren/"
IMPORTERS = frozenset({"region_coordinator", "other_region_coordinator", "moderator", "superuser"})
GRONINGEN_MUNICIPALITIES = [
    "GM0014",
    "GM0037",
    "GM0047",
    "GM0765",
    "GM1895",
    "GM1950",
    "GM1952",
    "GM1966",
    "GM1969",
]


@pytest.fixture
def groningen() -> LabourMarketRegion:
    return LabourMarketRegion.objects.get(code="AM01")


@pytest.fixture
def example_organisations() -> None:
    """The organisations the example file names, as the demo data has them."""
    for code in GRONINGEN_MUNICIPALITIES:
        municipality = Municipality.objects.get(code=code)
        OrganisationFactory(
            name=f"Gemeente {municipality.name}",
            slug=f"gemeente-{municipality.name.lower().replace(' ', '-')}",
            kind=OrganisationKind.MUNICIPALITY,
            municipality=municipality,
        )
    OrganisationFactory(
        name="Provincie Groningen",
        slug="provincie-groningen",
        kind=OrganisationKind.PROVINCE,
        municipality=Municipality.objects.get(code="GM0014"),
    )


@pytest.fixture
def coordinator(groningen):
    person = with_second_factor(verified_person())
    RegionCoordinatorFactory(user=person, region=groningen)
    return person


def csv_file(rows: list[dict], name: str = "initiatieven.csv", delimiter: str = ",") -> SimpleUploadedFile:
    buffer = io.StringIO()
    columns = list(dict.fromkeys(name for line in rows for name in line))
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(table: list[list]) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    for row in table:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("initiatieven.xlsx", buffer.getvalue())


def example_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("initiatieven-import.csv", EXAMPLE.read_bytes(), content_type="text/csv")


def row(**overrides) -> dict:
    data = {
        "title": "Techniekpact Groningen",
        "summary": "Scholen en bedrijven leiden samen op.",
        "themes": "1; 2",
        "primary_region": "AM01",
        "municipalities": "GM0014",
        "lead_organisation": "gemeente-groningen",
        "status": "running",
        "start_date": "2025-09-01",
        "end_date": "2028-08-31",
        "budget": "450000",
        "sought_helices": "knowledge; business",
    }
    return {**data, **overrides}


def upload(client, file):
    return client.post(IMPORT_URL, {"file": file})


def example_titles() -> list[str]:
    with EXAMPLE.open(encoding="utf-8") as handle:
        return [line["title"] for line in csv.DictReader(handle)]


# The journey


def test_a_coordinator_imports_twenty_initiatives_after_a_dry_run(client, coordinator, example_organisations):
    sign_in(client, coordinator)

    preview = upload(client, example_file())

    assert preview.status_code == 200
    assertContains(preview, "Alle 20 rijen kunnen worden geïmporteerd")
    assertContains(preview, "Wordt aangemaakt", count=20)
    assertContains(preview, "Techniekpact Groningen")
    assert not Initiative.objects.exists()

    response = client.post(CONFIRM_URL, {"token": preview.context["confirm_form"].initial["token"]})

    assertRedirects(response, "/initiatieven/?sort=newest", fetch_redirect_response=False)
    imported = Initiative.objects.order_by("pk")
    assert sorted(imported.values_list("title", flat=True)) == sorted(example_titles())
    first = imported.get(title="Techniekpact Groningen")
    assert first.lead_organisation.slug == "gemeente-groningen"
    assert first.status == Status.RUNNING
    assert first.created_by == coordinator
    assert first.budget == 450000
    assert first.start_date == date(2025, 9, 1)
    assert sorted(first.themes.values_list("number", flat=True)) == [1, 2]
    assert list(first.municipalities.values_list("code", flat=True)) == ["GM0014"]
    assert sorted(first.sought_partners.values_list("helix", flat=True)) == ["business", "knowledge"]
    assert first.partnerships.get().role == Partnership.Role.LEAD
    assert first.history.count() == 1
    assert imported.get(title="Woon-werkcampus Veendam").visibility == Visibility.DRAFT
    assertContains(client.get(response.url), "20 initiatieven zijn geïmporteerd")


def test_an_xlsx_workbook_built_in_excel_imports_the_same_way(client, coordinator, example_organisations):
    with EXAMPLE.open(encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    for line in table[1:]:  # Excel stores dates and numbers as such, not as text
        line[9] = date.fromisoformat(line[9]) if line[9] else None
        line[11] = float(line[11]) if line[11] else None
    sign_in(client, coordinator)

    preview = upload(client, xlsx_file(table))

    assertContains(preview, "Wordt aangemaakt", count=20)
    client.post(CONFIRM_URL, {"token": preview.context["confirm_form"].initial["token"]})
    assert Initiative.objects.count() == 20
    first = Initiative.objects.get(title="Techniekpact Groningen")
    assert first.start_date == date(2025, 9, 1)
    assert first.budget == 450000


def test_a_dutch_excel_csv_with_semicolons_and_dutch_words_imports(client, coordinator, example_organisations):
    sign_in(client, coordinator)
    file = csv_file(
        [row(status="Lopend", visibility="Concept", sought_helices="Bedrijfsleven", start_date="01-09-2025")],
        delimiter=";",
    )

    preview = upload(client, file)

    assertContains(preview, "Wordt aangemaakt", count=1)
    client.post(CONFIRM_URL, {"token": preview.context["confirm_form"].initial["token"]})
    initiative = Initiative.objects.get()
    assert (initiative.status, initiative.visibility) == (Status.RUNNING, Visibility.DRAFT)
    assert initiative.start_date == date(2025, 9, 1)
    assert list(initiative.sought_partners.values_list("helix", flat=True)) == ["business"]


def test_a_lead_organisation_is_found_by_its_kvk_number(coordinator, groningen):
    OrganisationFactory(slug="techbedrijf", kvk_number="12345678")

    outcomes = imports.initiative_import(
        user=coordinator, rows=[SpreadsheetRow(2, row(lead_organisation="12345678"))], commit=True
    )

    assert outcomes[0].errors == {}
    assert Initiative.objects.get().lead_organisation.slug == "techbedrijf"


# The dry run and all or nothing


def test_the_dry_run_shows_the_errors_of_each_row_by_column_and_saves_nothing(
    client, coordinator, example_organisations
):
    sign_in(client, coordinator)
    file = csv_file(
        [
            row(title="Goed"),
            row(title="", end_date="2020-01-01", themes="9"),
            row(title="Buiten de regio", municipalities="GM0034", lead_organisation="bestaat-niet"),
            row(title="Verkeerde waarden", status="bijna klaar", budget="-5", website="geen adres"),
        ]
    )

    preview = upload(client, file)

    assert preview.status_code == 200
    assertContains(preview, "3 van 4 rijen hebben fouten. Er is niets opgeslagen")
    assertContains(preview, "Klopt; wacht op de andere rijen")
    assertContains(preview, "Er is geen thema “9”.")
    assertContains(preview, "<strong>Titel:</strong>", html=False)
    assertContains(preview, "Er is geen organisatie “bestaat-niet”.")
    assertContains(preview, "<strong>Status:</strong>", html=False)
    assertContains(preview, "<strong>Budget (euro):</strong>", html=False)
    assertContains(preview, "<strong>Website:</strong>", html=False)
    assertNotContains(preview, CONFIRM_URL)
    assert preview.context["confirm_form"] is None
    assert not Initiative.objects.exists()
    assert "initiative_import" not in client.session


def test_the_same_rules_as_the_web_form_hold_per_row(coordinator, example_organisations):
    rows = [
        SpreadsheetRow(2, row(end_date="2020-01-01")),
        SpreadsheetRow(3, row(municipalities="GM0034")),
    ]

    outcomes = imports.initiative_import(user=coordinator, rows=rows, commit=False)

    assert set(outcomes[0].errors) == {"end_date"}
    assert outcomes[1].errors == {"municipalities": ["Almere liggen buiten de gekozen regio's."]}
    assert not Initiative.objects.exists()


def test_a_description_too_deep_or_too_long_gets_a_message_in_its_row(client, coordinator, example_organisations):
    rows = [
        SpreadsheetRow(2, row(title="Goed")),
        SpreadsheetRow(3, row(title="Diep", description="- " * 1000 + "x")),
        SpreadsheetRow(4, row(title="Lang", description="x" * 8001)),
    ]

    outcomes = imports.initiative_import(user=coordinator, rows=rows, commit=False)

    assert [outcome.errors for outcome in outcomes] == [
        {},
        {"description": ["Lijsten en citaten liggen hier te diep in elkaar: hoogstens 20 niveaus, alsjeblieft."]},
        {"description": ["Zorg dat deze waarde niet meer dan 8000 tekens bevat (het zijn er nu 8001)."]},
    ]

    sign_in(client, coordinator)
    preview = upload(client, csv_file([row(title="Diep", description="- " * 1000 + "x")]))
    assertContains(preview, "Lijsten en citaten liggen hier te diep in elkaar: hoogstens 20 niveaus, alsjeblieft.")


def test_a_row_that_fails_at_the_import_saves_none_of_the_others(client, coordinator, example_organisations):
    sign_in(client, coordinator)
    preview = upload(client, example_file())
    token = preview.context["confirm_form"].initial["token"]
    Municipality.objects.filter(code="GM1950").update(retired_in=2026)  # changed between preview and import

    response = client.post(CONFIRM_URL, {"token": token})

    assert response.status_code == 200
    assertContains(response, "Er is niets geïmporteerd")
    assertContains(response, "Er is geen huidige gemeente “GM1950”.")
    assert not Initiative.objects.exists()
    assert "initiative_import" not in client.session


def test_the_import_takes_the_rows_from_the_session_never_from_the_page(client, coordinator, example_organisations):
    sign_in(client, coordinator)
    upload(client, example_file())

    response = client.post(CONFIRM_URL, {"token": "nagemaakt", "title": "Iets anders"})

    assertRedirects(response, IMPORT_URL, fetch_redirect_response=False)
    assert not Initiative.objects.exists()
    assertContains(client.get(IMPORT_URL), "Deze voorvertoning is verlopen")


def test_a_second_confirmation_imports_nothing_twice(client, coordinator, example_organisations):
    sign_in(client, coordinator)
    token = upload(client, example_file()).context["confirm_form"].initial["token"]
    client.post(CONFIRM_URL, {"token": token})

    response = client.post(CONFIRM_URL, {"token": token})

    assertRedirects(response, IMPORT_URL)
    assert Initiative.objects.count() == 20


# Who may import what


def test_a_coordinator_of_another_region_gets_row_errors(client, example_organisations):
    elsewhere = verified_person()
    RegionCoordinatorFactory(user=elsewhere, region=LabourMarketRegion.objects.get(code="AM11"))
    sign_in(client, elsewhere)

    preview = upload(client, example_file())

    assertContains(preview, "20 van 20 rijen hebben fouten")
    assertContains(preview, "Gemeente Groningen ligt niet in een regio die je coördineert.")
    assertContains(preview, "Je coördineert Groningen niet.")
    assert not Initiative.objects.exists()


def test_a_coordinator_cannot_put_an_initiative_of_their_organisation_in_another_region(coordinator, groningen):
    OrganisationFactory(slug="gemeente-groningen")

    outcomes = imports.initiative_import(
        user=coordinator, rows=[SpreadsheetRow(2, row(primary_region="AM11", municipalities=""))], commit=True
    )

    assert set(outcomes[0].errors) == {"primary_region"}
    assert not Initiative.objects.exists()


def test_a_moderator_imports_for_any_region(example_organisations):
    moderator = person_of_kind("moderator", OrganisationFactory())

    outcomes = imports.initiative_import(user=moderator, rows=[SpreadsheetRow(2, row(status="idea"))], commit=True)

    assert outcomes[0].errors == {}
    assert Initiative.objects.count() == 1


@pytest.mark.parametrize("kind", sorted(set(USER_KINDS) - IMPORTERS))
def test_the_import_service_refuses_whoever_may_not_import(kind, example_organisations):
    person = person_of_kind(kind, OrganisationFactory())

    with pytest.raises(PermissionDenied):
        imports.initiative_import(user=person, rows=[SpreadsheetRow(2, row())], commit=True)
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("kind", USER_KINDS)
def test_each_kind_of_user_over_http(client, kind, example_organisations):
    person = person_of_kind(kind, OrganisationFactory())
    if person.is_authenticated:
        sign_in(client, person)

    pages = [client.get(IMPORT_URL), upload(client, example_file()), client.post(CONFIRM_URL, {"token": "x"})]
    export = client.get(EXPORT_URL)

    for response in [*pages, export]:
        if kind in IMPORTERS:
            assert response.status_code in {200, 302}
        elif kind == "anonymous":
            assert response.status_code == 302 and response.url.startswith("/account/login/")
        else:
            assert response.status_code == 403
    assert not Initiative.objects.exists()
    if kind in IMPORTERS:
        assertContains(pages[0], "Importeer initiatieven uit een spreadsheet")
        assert export["Content-Type"].startswith("text/csv")


def test_the_list_offers_import_and_export_to_those_who_may(client, coordinator):
    member = person_of_kind("member", OrganisationFactory())
    sign_in(client, member)
    assertNotContains(client.get("/initiatieven/"), IMPORT_URL)
    sign_in(client, coordinator)

    response = client.get("/initiatieven/?status=running&page=1")

    assertContains(response, f'href="{IMPORT_URL}"')
    assertContains(response, f'href="{EXPORT_URL}?status=running&amp;format=csv"')


# Files that cannot be read


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("plaatje.png", b"\x89PNG\r\n"), "Upload een .csv- of .xlsx-bestand"),
        (SimpleUploadedFile("leeg.csv", b""), "leeg"),
        (SimpleUploadedFile("leeg.csv", b"\n\n , ,\n"), "Het bestand is leeg."),
        (
            SimpleUploadedFile("kop.csv", b"title,summary,themes,primary_region,lead_organisation\n"),
            "geen initiatieven",
        ),
        (SimpleUploadedFile("ansi.csv", "title,summary\nCaf\xe9,x\n".encode("cp1252")), "CSV UTF-8"),
        (
            SimpleUploadedFile("nul.csv", b"title,summary,themes,primary_region,lead_organisation\nA\x00,B,1,AM01,x\n"),
            "geen tekst",
        ),
        (SimpleUploadedFile("nep.xlsx", b"title,summary\n"), "Excel-werkmap (.xlsx)"),
        (SimpleUploadedFile("kapot.xlsx", b"PK\x03\x04kapot"), "Excel-werkmap (.xlsx)"),
        (SimpleUploadedFile("mist.csv", b"title,summary,themes,primary_region\nA,B,1,AM01\n"), "lead_organisation"),
        (SimpleUploadedFile("extra.csv", b"title,summary,themes,primary_region,lead_organisation,kleur\n"), "kleur"),
        (
            SimpleUploadedFile("dubbel.csv", b"title,title,summary,themes,primary_region,lead_organisation\n"),
            "komt twee keer voor",
        ),
    ],
    ids=[
        "type",
        "empty",
        "blank",
        "no rows",
        "not utf-8",
        "nul",
        "csv as xlsx",
        "broken xlsx",
        "missing",
        "unknown",
        "twice",
    ],
)
def test_a_file_that_cannot_be_read_is_explained_and_nothing_is_saved(client, coordinator, file, message):
    sign_in(client, coordinator)

    response = upload(client, file)

    assert response.status_code == 200
    assertContains(response, "Het bestand kan niet worden geïmporteerd")
    assertContains(response, message)
    assert "outcomes" not in response.context
    assert not Initiative.objects.exists()


def test_a_file_over_the_limits_is_refused(client, coordinator, settings):
    settings.INITIATIVE_IMPORT_MAX_ROWS = 3
    sign_in(client, coordinator)

    too_many = upload(client, csv_file([row(title=f"Initiatief {n}") for n in range(4)]))
    settings.INITIATIVE_IMPORT_MAX_BYTES = 100
    too_large = upload(client, csv_file([row()]))

    assertContains(too_many, "meer dan 3 rijen")
    assertContains(too_large, "groter dan 100")
    assert not Initiative.objects.exists()


class CountingUploadHandler(FileUploadHandler):
    """Stands in front of the handlers that keep a file, counting the bytes they are handed."""

    received: ClassVar[list[int]] = []

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received.append(len(raw_data))
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def test_an_oversized_file_is_refused_without_being_received_whole(client, coordinator, settings):
    settings.UPLOAD_MAX_BYTES = settings.INITIATIVE_IMPORT_MAX_BYTES = 100_000
    keeping = [name for name in settings.FILE_UPLOAD_HANDLERS if name.startswith("django.core.files.uploadhandler.")]
    limiting = [name for name in settings.FILE_UPLOAD_HANDLERS if name not in keeping]
    settings.FILE_UPLOAD_HANDLERS = [*limiting, f"{__name__}.CountingUploadHandler", *keeping]
    CountingUploadHandler.received.clear()
    sign_in(client, coordinator)
    big = csv_file([row(title=f"Initiatief {n}", description="x" * 1000) for n in range(1000)])  # about 1.2 MB

    response = upload(client, big)

    assertContains(response, "Het bestand is groter dan 97,7")
    assert 0 < sum(CountingUploadHandler.received) <= 100_000
    assert not Initiative.objects.exists()


def test_a_request_over_the_form_data_limit_is_a_bad_request_not_a_500(client, coordinator, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    sign_in(client, coordinator)

    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("a.csv", b"title"), "note": "x" * 20_000})

    assert response.status_code == 400
    assert not Initiative.objects.exists()


def test_the_page_speaks_english_to_an_english_coordinator(client, coordinator, example_organisations):
    sign_in(client, coordinator)

    response = client.post(f"/en{IMPORT_URL}", {"file": csv_file([row(themes="9")])})

    assertContains(response, "1 of 1 rows has errors. Nothing is saved")
    assertContains(response, "There is no theme “9”.")
    assertContains(response, "<strong>Themes:</strong>", html=False)


def test_hostile_cells_are_shown_as_text(client, coordinator, example_organisations):
    sign_in(client, coordinator)
    file = csv_file([row(title=HOSTILE, lead_organisation=HOSTILE), row(title=f"{HOSTILE} twee")])

    response = upload(client, file)

    assertContains(response, "&lt;script&gt;")
    assert dangerous_markup(response.content.decode()) == []


# Export


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_export_holds_what_the_coordinator_may_see_and_no_drafts_of_others(client, coordinator, groningen):
    lead = OrganisationFactory()
    InitiativeFactory(lead_organisation=lead, title="Openbaar")
    InitiativeFactory(lead_organisation=lead, title="Concept in Groningen", visibility=Visibility.DRAFT)
    elsewhere = OrganisationFactory(municipality=Municipality.objects.get(code="GM0034"))
    InitiativeFactory(lead_organisation=elsewhere, title="Concept in Almere", visibility=Visibility.DRAFT)
    InitiativeFactory(lead_organisation=elsewhere, title="Openbaar in Almere")
    InitiativeFactory(lead_organisation=lead, title="Gearchiveerd", archived_at="2025-01-01T00:00Z")
    sign_in(client, coordinator)

    response = client.get(EXPORT_URL)

    assert response["Content-Disposition"].startswith('attachment; filename="initiatieven-')
    titles = {line["title"] for line in read_csv(response)}
    assert titles == {"Openbaar", "Concept in Groningen", "Openbaar in Almere"}


def test_the_export_applies_the_lists_filters(client, coordinator, groningen):
    lead = OrganisationFactory()
    InitiativeFactory(lead_organisation=lead, title="Loopt", status=Status.RUNNING)
    InitiativeFactory(lead_organisation=lead, title="Idee")
    almere = OrganisationFactory(municipality=Municipality.objects.get(code="GM0034"))
    InitiativeFactory(lead_organisation=almere, title="Loopt in Almere", status=Status.RUNNING)
    sign_in(client, coordinator)

    response = client.get(EXPORT_URL, {"status": "running", "region": groningen.slug})

    assert [line["title"] for line in read_csv(response)] == ["Loopt"]


def test_an_export_imports_again_as_it_was(client, coordinator, example_organisations):
    sign_in(client, coordinator)
    token = upload(client, example_file()).context["confirm_form"].initial["token"]
    client.post(CONFIRM_URL, {"token": token})

    exported = client.get(EXPORT_URL, {"format": "xlsx"})

    assert exported["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    header, *lines = list(sheet.values)
    assert list(header) == list(COLUMNS)
    with EXAMPLE.open(encoding="utf-8") as handle:
        expected = sorted(tuple(line.values()) for line in csv.DictReader(handle))
    assert sorted(tuple(cell or "" for cell in line) for line in lines) == expected


FORMULA = '=HYPERLINK("https://evil.example","klik")'


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_formulas_in_cells_are_exported_as_text_once_and_import_back(client, coordinator, groningen, export_format):
    lead = OrganisationFactory(slug="gemeente-groningen")
    InitiativeFactory(lead_organisation=lead, title=FORMULA, summary="@SUM(A1)", description="\t-1+2", website="")
    sign_in(client, coordinator)

    exported = client.get(EXPORT_URL, {"format": export_format})

    if export_format == "csv":
        line = read_csv(exported)[0]
        assert (line["title"], line["summary"], line["description"]) == (f"'{FORMULA}", "'@SUM(A1)", "'\t-1+2")
    else:  # a text cell that Excel keeps text when edited, holding the text itself: no apostrophe in it
        sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
        title, summary, description, status = sheet["A2"], sheet["B2"], sheet["C2"], sheet["D2"]
        assert [cell.data_type for cell in (title, summary, description)] == ["s", "s", "s"]
        assert (title.value, summary.value, description.value) == (FORMULA, "@SUM(A1)", "\t-1+2")
        assert (title.quotePrefix, summary.quotePrefix, description.quotePrefix) == (True, True, True)
        assert not status.quotePrefix
    Initiative.objects.all().delete()
    preview = upload(client, SimpleUploadedFile(f"export.{export_format}", exported.content))
    client.post(CONFIRM_URL, {"token": preview.context["confirm_form"].initial["token"]})
    initiative = Initiative.objects.get()
    assert (initiative.title, initiative.summary) == (FORMULA, "@SUM(A1)")


@pytest.mark.parametrize("count", [1, 20])
def test_the_dry_run_takes_a_bounded_number_of_queries_per_row(
    coordinator, example_organisations, django_assert_max_num_queries, count
):
    rows = [SpreadsheetRow(n, row(title=f"Initiatief {n}")) for n in range(count)]

    # Per row: the web form, initiative_create, and the creator following it with its notifications. Each asks
    # the rules (lead_initiative, start_underway, import_into_region), whose predicates query on their own.
    # Programmes and target groups: setting each and recording it in the version, per row. Matchmaking: the sought
    # places are kept (not deleted and made again) and the fitting organisations asked, per row.
    with django_assert_max_num_queries(16 + 78 * count):  # and loading the programmes and target groups
        outcomes = imports.initiative_import(user=coordinator, rows=rows, commit=False)

    assert not any(outcome.errors for outcome in outcomes)


@pytest.mark.parametrize("count", [1, 50])
def test_the_export_takes_a_fixed_number_of_queries(client, coordinator, django_assert_max_num_queries, count):
    lead = OrganisationFactory()
    for _ in range(count):
        InitiativeFactory(lead_organisation=lead).municipalities.set([lead.municipality])
    sign_in(client, coordinator)

    with django_assert_max_num_queries(12):
        response = client.get(EXPORT_URL, {"format": "xlsx"})

    assert response.status_code == 200


def test_english_labels_are_understood_too(coordinator, example_organisations):
    with translation.override("en"):
        outcomes = imports.initiative_import(
            user=coordinator,
            rows=[SpreadsheetRow(2, row(status="Proposal", visibility="Draft", sought_helices="Civil society"))],
            commit=True,
        )

    assert outcomes[0].errors == {}
    initiative = Initiative.objects.get()
    assert (initiative.status, initiative.visibility) == (Status.PROPOSAL, Visibility.DRAFT)
