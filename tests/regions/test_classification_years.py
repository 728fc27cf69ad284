"""Regions through time: CBS assigns municipalities to labour-market regions anew each year, and every year loaded
stays readable. The test database holds the 2025 classification; these tests load a fictional 2026 one on top
(tests/regions/data/README.md: Veendam and Pekela merged into Veenkoloniën, Assen moved from Groningen to Drenthe)."""

import csv
import importlib
import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from pytest_django.asserts import assertContains, assertNotContains

from agendastad.insight.selectors import figure_table
from initiatives.models import Initiative
from regions.forms import ClassificationYearForm
from regions.models import LabourMarketRegion, Municipality, RegionAssignment
from regions.selectors import (
    classification_year_chosen,
    classification_years,
    municipalities_of,
    region_of,
    regions_of,
)
from regions.services import DATA_DIR

from ..factories import InitiativeFactory, OrganisationFactory, organisation_admin, sign_in

pytestmark = pytest.mark.django_db

MUNICIPALITIES_2026 = Path(__file__).parent / "data" / "municipalities_2026.csv"


def run_load(*args: str) -> str:
    out = StringIO()
    call_command("load_regions", *args, stdout=out)
    return out.getvalue()


def load_2026() -> str:
    return run_load(
        "--year=2026", f"--regions={DATA_DIR / 'labour_market_regions.csv'}", f"--municipalities={MUNICIPALITIES_2026}"
    )


def assignments(year: int) -> dict[str, str]:
    return dict(RegionAssignment.objects.filter(year=year).values_list("municipality__code", "region__code"))


def csv_2025() -> dict[str, str]:
    with (DATA_DIR / "municipalities.csv").open(newline="", encoding="utf-8") as handle:
        return {row["municipality_code"]: row["region_code"] for row in csv.DictReader(handle)}


@pytest.fixture
def veendam_initiative():
    """A public initiative of an organisation in Veendam, about Veendam, loaded before the merger."""
    veendam = Municipality.objects.get(code="GM0047")
    initiative = InitiativeFactory(title="Werk in Veendam", lead_organisation=OrganisationFactory(municipality=veendam))
    initiative.municipalities.add(veendam)
    InitiativeFactory(title="Werk in Groningen")
    return initiative


def test_2025_is_loaded_with_one_assignment_per_municipality_as_in_the_csv():
    assert assignments(2025) == csv_2025()
    assert classification_years() == [2025]


def test_loading_2026_keeps_the_2025_assignments_and_adds_its_own():
    output = load_2026()

    assert assignments(2025) == csv_2025()
    assert len(assignments(2026)) == 341
    assert classification_years() == [2026, 2025]
    assert "1 created, 375 updated, 0 unchanged, 2 retired; assignments for 2026: 341 written, 0 removed" in output
    assert output.splitlines()[0] == "  Municipality GM0106: region, classification_year"


def test_the_moved_municipality_is_in_its_2026_region_now_and_in_its_2025_region_for_2025():
    groningen, drenthe = LabourMarketRegion.objects.get(code="AM01"), LabourMarketRegion.objects.get(code="AM03")
    load_2026()

    assen = Municipality.objects.get(code="GM0106")
    assert assen.region == drenthe
    assert (assen.classification_year, assen.retired_in) == (2026, None)
    assert region_of(assen) == drenthe
    assert region_of(assen, 2026) == drenthe
    assert region_of(assen, 2025) == groningen
    assert region_of(assen, 2024) is None
    assert assen in municipalities_of(groningen, 2025)
    assert assen not in municipalities_of(groningen)
    assert assen in municipalities_of(drenthe) and assen in municipalities_of(drenthe, 2026)


def test_a_region_lists_the_municipalities_of_the_year_asked():
    groningen = LabourMarketRegion.objects.get(code="AM01")
    in_2025 = {code for code, region in csv_2025().items() if region == "AM01"}
    load_2026()

    assert set(municipalities_of(groningen, 2025).values_list("code", flat=True)) == in_2025
    now = (in_2025 - {"GM0047", "GM0765", "GM0106"}) | {"GM1999"}
    assert set(municipalities_of(groningen).values_list("code", flat=True)) == now
    assert set(municipalities_of(groningen, 2026).values_list("code", flat=True)) == now
    assert regions_of(2025).count() == regions_of(2026).count() == regions_of().count() == 35


def test_the_dashboard_shows_the_municipalities_of_the_year_picked(client):
    """The latest classification by default, named; an earlier year when picked; an unknown year is the latest."""
    load_2026()

    latest = client.get("/regios/groningen/")
    assertContains(latest, "Indeling CBS 2026")
    assertContains(latest, "municipality=GM1999")
    assertNotContains(latest, "municipality=GM0047")
    assertContains(latest, '<option value="2025">')

    earlier = client.get("/regios/groningen/?year=2025")
    assertContains(earlier, "Indeling CBS 2025")
    assertContains(earlier, "municipality=GM0047")
    assertNotContains(earlier, "municipality=GM1999")

    unknown = client.get("/regios/groningen/?year=1899")
    assert unknown.status_code == 200
    assertContains(unknown, "municipality=GM1999")


def test_the_merged_municipalities_are_retired_and_keep_their_initiatives_and_organisations(veendam_initiative):
    organisation = veendam_initiative.lead_organisation
    load_2026()

    veendam, pekela = Municipality.objects.get(code="GM0047"), Municipality.objects.get(code="GM0765")
    assert (veendam.retired_in, veendam.classification_year, veendam.region.code) == (2026, 2025, "AM01")
    assert pekela.retired_in == 2026
    assert not Municipality.objects.current().filter(code__in=["GM0047", "GM0765"]).exists()
    assert Municipality.objects.current().get(code="GM1999").name == "Veenkoloniën"
    assert list(Initiative.objects.get(pk=veendam_initiative.pk).municipalities.all()) == [veendam]
    organisation.refresh_from_db()
    assert organisation.municipality == veendam
    assert region_of(veendam, 2025).code == "AM01"
    assert region_of(veendam, 2026) is None


def test_the_initiative_filter_offers_current_municipalities_only(client):
    load_2026()

    form = client.get("/initiatieven/").context["filter"].form
    offered = {str(value) for value, _ in form.fields["municipality"].choices}
    assert offered == set(Municipality.objects.current().values_list("code", flat=True))
    assert {"GM1999", "GM0106"} <= offered
    assert offered.isdisjoint({"GM0047", "GM0765"})


def test_a_retired_municipalitys_code_still_finds_its_initiatives(client, veendam_initiative):
    load_2026()

    response = client.get("/initiatieven/", {"municipality": "GM0047"})

    assert response.status_code == 200
    assert [i.title for i in response.context["object_list"]] == ["Werk in Veendam"]
    # Chosen, it is offered (selected) so that sending the form again keeps it; named as retired.
    assertContains(response, '<option value="GM0047" selected>Veendam (tot en met 2025)</option>', html=True)
    assertNotContains(response, 'value="GM0765"')
    both = client.get("/initiatieven/", {"municipality": ["GM0047", "GM0014"]})
    assert [i.title for i in both.context["object_list"]] == ["Werk in Veendam"]


def test_editing_an_initiative_keeps_its_retired_municipality(client, veendam_initiative):
    """The edit form offers the current municipalities plus the initiative's own retired one, selected, so that
    saving it does not silently drop Veendam."""
    load_2026()
    sign_in(client, organisation_admin(veendam_initiative.lead_organisation))
    url = f"/initiatieven/{veendam_initiative.slug}/bewerken/"
    veendam = Municipality.objects.get(code="GM0047")

    form = client.get(url).context["form"]
    offered = {value.instance.code for value, _ in form.fields["municipalities"].choices}
    assert "GM0047" in offered and "GM0765" not in offered
    assert form["municipalities"].value() == [veendam.pk]

    veendam_initiative.refresh_from_db()
    response = client.post(
        url,
        {
            "title": "Werk in Veendam en omstreken",
            "summary": veendam_initiative.summary,
            "description": veendam_initiative.description,
            "status": veendam_initiative.status,
            "visibility": veendam_initiative.visibility,
            "themes": [theme.pk for theme in veendam_initiative.themes.all()],
            "primary_region": veendam_initiative.primary_region_id,
            "municipalities": [veendam.pk],
            "version": veendam_initiative.version,
        },
    )

    assert response.status_code == 302
    veendam_initiative.refresh_from_db()
    assert veendam_initiative.title == "Werk in Veendam en omstreken"
    assert list(veendam_initiative.municipalities.all()) == [veendam]


def test_an_unknown_municipality_code_is_refused_without_an_error_page(client, veendam_initiative):
    response = client.get("/initiatieven/", {"municipality": ["GM9999", "<script>"]})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assertNotContains(response, "<script>", status_code=200)


def test_a_retired_regions_all_initiatives_link_keeps_working(client):
    """A region absent from the newer year is retired; its page's link to its initiatives still filters by it."""
    friesland = LabourMarketRegion.objects.get(code="AM02")
    initiative = InitiativeFactory(title="Werk in Friesland", primary_region=friesland)
    InitiativeFactory(title="Werk in Groningen")
    LabourMarketRegion.objects.filter(pk=friesland.pk).update(retired_in=2026)

    response = client.get("/initiatieven/", {"region": friesland.slug})

    assert [i.title for i in response.context["object_list"]] == [initiative.title]
    offered = {str(value) for value, _ in client.get("/initiatieven/").context["filter"].form.fields["region"].choices}
    assert friesland.slug not in offered and "groningen" in offered


def test_loading_the_same_year_twice_changes_nothing():
    load_2026()

    def everything():
        return [
            list(model.objects.values().order_by("pk"))
            for model in (LabourMarketRegion, Municipality, RegionAssignment)
        ]

    before = everything()
    output = load_2026()

    assert everything() == before
    assert "0 created, 0 updated, 376 unchanged, 0 retired; assignments for 2026: 0 written, 0 removed" in output


def test_a_corrected_file_for_the_same_year_rewrites_only_that_years_assignments(tmp_path):
    load_2026()
    corrected = tmp_path / "municipalities_2026.csv"
    corrected.write_text(
        MUNICIPALITIES_2026.read_text().replace("GM0106,Assen,Drenthe,AM03", "GM0106,Assen,Drenthe,AM01")
    )

    output = run_load(
        "--year=2026", f"--regions={DATA_DIR / 'labour_market_regions.csv'}", f"--municipalities={corrected}"
    )

    assert assignments(2026)["GM0106"] == "AM01"
    assert assignments(2025) == csv_2025()
    assert "assignments for 2026: 1 written, 0 removed" in output
    assert "RegionAssignment 2026 GM0106: region" in output


def test_figure_table_keeps_counting_initiatives_in_the_regions_they_work_in(veendam_initiative):
    assen = Municipality.objects.get(code="GM0106")
    InitiativeFactory(title="Werk in Assen", lead_organisation=OrganisationFactory(municipality=assen))
    groningen, drenthe = LabourMarketRegion.objects.get(code="AM01"), LabourMarketRegion.objects.get(code="AM03")
    load_2026()

    table = figure_table()
    public = Initiative.objects.public()
    for region in (groningen, drenthe):
        assert table.of(region.pk).initiatives == public.in_region(region).count()
    assert table.of(groningen.pk).initiatives == 3
    assert table.of().initiatives == public.count() == 3


def test_the_bundled_files_do_not_undo_a_newer_year():
    """`load_regions` without options runs after every deploy; once 2026 is loaded it leaves it alone."""
    load_2026()

    output = run_load()

    assert "The 2026 classification is loaded; the bundled 2025 files are older: nothing changed." in output
    assert Municipality.objects.get(code="GM0106").region.code == "AM03"
    with pytest.raises(CommandError, match="2026 classification is already loaded"):
        run_load("--year=2025")


def test_other_files_need_their_year_and_another_year_needs_its_files():
    with pytest.raises(CommandError, match="with --year"):
        run_load(f"--municipalities={MUNICIPALITIES_2026}")
    with pytest.raises(CommandError, match="give the 2027 files"):
        run_load("--year=2027")
    assert classification_years() == [2025]


def test_the_data_migration_assigns_each_municipality_in_its_latest_year():
    load_2026()
    RegionAssignment.objects.all().delete()
    migration = importlib.import_module("regions.migrations.0011_fill_region_assignments")

    migration.fill(apps, None)

    assert len(assignments(2026)) == 341
    assert assignments(2025) == {"GM0047": "AM01", "GM0765": "AM01"}
    assert assignments(2026)["GM0106"] == "AM03"


@pytest.mark.parametrize(
    ("asked", "shown"), [("2025", 2025), ("2026", 2026), (" 2025 ", 2025), ("2024", 2026), ("twee", 2026), (None, 2026)]
)
def test_a_dashboard_shows_the_year_asked_when_it_is_loaded_and_else_the_latest(asked, shown):
    load_2026()
    assert classification_year_chosen(asked) == shown
    form = ClassificationYearForm({"year": asked} if asked is not None else {})
    assert form.year == shown
    assert [label for _, label in form.fields["year"].choices] == ["Indeling CBS 2026", "Indeling CBS 2025"]


def test_the_home_page_names_the_classification_year(client):
    assertContains(client.get("/"), '<span class="agendastad-classification-year">Indeling CBS 2025</span>', html=True)
    load_2026()
    assertContains(client.get("/en/"), "CBS classification 2026")


def test_the_admin_shows_a_municipalitys_assignments_read_only(superuser_client):
    load_2026()
    assen = Municipality.objects.get(code="GM0106")

    response = superuser_client.get(f"/beheer/regions/municipality/{assen.pk}/change/")

    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0]
    rows = [(form.original.year, form.original.region.code) for form in inline]
    assert rows == [(2026, "AM03"), (2025, "AM01")]
    assert not inline.has_add_permission and not inline.has_change_permission and not inline.has_delete_permission
    assertContains(response, "Drenthe")


def test_the_report_shows_the_year_picked_on_the_dashboard_and_names_it_as_the_source(client):
    load_2026()

    assertContains(client.get("/regios/groningen/?year=2025"), 'href="/regios/groningen/rapport/?year=2025"')
    assertContains(client.get("/regios/groningen/"), 'href="/regios/groningen/rapport/"')

    earlier = client.get("/regios/groningen/rapport/?year=2025")
    assertContains(earlier, "Veendam")
    assertContains(earlier, "Gebiedsindelingen 2025")

    latest = client.get("/regios/groningen/rapport/")
    assertNotContains(latest, "Veendam")
    assertContains(latest, "Gebiedsindelingen 2026")


def test_an_export_names_the_regions_of_the_classification_year_asked(client):
    """Assen moved from Groningen to Drenthe in 2026: the latest classification names Drenthe, `?year=2025` (the
    link a dashboard showing 2025 offers) names Groningen, also in the header and in JSON."""
    assen = Municipality.objects.get(code="GM0106")
    initiative = InitiativeFactory(
        title="Werk in Assen", primary_region=LabourMarketRegion.objects.get(slug="groningen")
    )
    initiative.municipalities.add(assen)
    load_2026()

    def regions_column(query: str) -> tuple[str, str]:
        rows = list(
            csv.reader(StringIO(b"".join(client.get(f"/initiatieven/export.csv{query}").streaming_content).decode()))
        )
        column = next(index for index, label in enumerate(rows[0]) if label.startswith("Regio's van deze gemeenten"))
        (row,) = [row for row in rows[1:] if row[0] == "Werk in Assen"]
        return rows[0][column], row[column]

    assert regions_column("") == ("Regio's van deze gemeenten, CBS-indeling 2026", "Drenthe")
    assert regions_column("?year=2025") == ("Regio's van deze gemeenten, CBS-indeling 2025", "Groningen")
    assert regions_column("?year=1899")[1] == "Drenthe"

    document = json.loads(b"".join(client.get("/initiatieven/export.json?year=2025").streaming_content))
    assert document["classification_year"] == 2025
    (record,) = [item for item in document["initiatives"] if item["title"] == "Werk in Assen"]
    assert record["classification_regions"] == ["Groningen"]

    dashboard = client.get("/regios/groningen/?year=2025")
    assertContains(dashboard, 'href="/initiatieven/export.csv?region=groningen&amp;year=2025"')
