import pytest
from pytest_django.asserts import assertContains, assertNotContains

from regions.models import LabourMarketRegion

pytestmark = pytest.mark.django_db


def test_region_list_shows_every_region_with_its_number_of_municipalities(client):
    response = client.get("/regios/")
    assertContains(response, "Arbeidsmarktregio's")
    assertContains(response, "35 regio's")
    for region in LabourMarketRegion.objects.all():
        assertContains(response, f'href="/regios/{region.slug}/"')
    # Groningen (AM01) has 14 municipalities in the CBS 2025 data: 10 in Groningen, 4 in Drenthe.
    assert '<td class="utrecht-table__cell utrecht-table__cell--numeric">14</td>' in _row(response, "groningen")


def _table(response) -> str:
    """The list of regions below the map (the map shows every region whatever the filter)."""
    html = response.content.decode()
    return html[html.index('id="region-table-heading"') :]


def _row(response, slug: str) -> str:
    table = _table(response)
    row = table[table.index(f'href="/regios/{slug}/"') :]
    return row[: row.index("</tr>")]


def test_region_list_filters_by_municipality_name_and_province(client):
    response = client.get("/regios/", {"q": "Utrecht"})
    assert "Midden-Utrecht" in _table(response)
    assert "Zuid-Limburg" not in _table(response)
    # Matching on a municipality's name does not multiply the region's municipalities.
    municipalities = LabourMarketRegion.objects.get(slug="midden-utrecht").municipalities.current().count()
    assert f'<td class="utrecht-table__cell utrecht-table__cell--numeric">{municipalities}</td>' in _row(
        response, "midden-utrecht"
    )

    response = client.get("/regios/", {"province": "Limburg"})
    assert "Zuid-Limburg" in _table(response)
    assert "Noord-Limburg" in _table(response)
    assert "Groot Amsterdam" not in _table(response)
    assertContains(response, 'value="Limburg" selected')


def test_region_list_with_no_match_says_so(client):
    response = client.get("/regios/", {"q": "Atlantis"})
    assertContains(response, "0 regio's")
    assertContains(response, "Geen regio voldoet aan deze filters.")


def test_an_unknown_province_is_a_clear_form_error_not_a_crash(client):
    response = client.get("/regios/", {"province": "Atlantis"})
    assert response.status_code == 200
    assertContains(response, "Selecteer een geldige keuze")


def test_region_page_lists_its_municipalities_by_province(client):
    response = client.get("/regios/groningen/")
    assertContains(response, "<title>")
    assertContains(response, "Arbeidsmarktregio Groningen")
    provinces = {
        province: [m.name for m in municipalities] for province, municipalities in response.context["provinces"]
    }
    assert list(provinces) == ["Drenthe", "Groningen"]
    assert {"Groningen", "Stadskanaal", "Veendam"} <= set(provinces["Groningen"])
    assertContains(response, "Stadskanaal")
    assertNotContains(response, "Amsterdam")


def test_a_region_spanning_provinces_groups_its_municipalities(client):
    multi = next(
        region
        for region in LabourMarketRegion.objects.all()
        if region.municipalities.values("province").distinct().count() > 1
    )
    response = client.get(f"/regios/{multi.slug}/")
    provinces = [province for province, _ in response.context["provinces"]]
    assert len(provinces) > 1
    assert provinces == sorted(provinces)


def test_region_pages_in_english(client):
    response = client.get("/en/regios/groningen/")
    assertContains(response, '<html lang="en"')
    assertContains(response, "Labour-market region Groningen")
    assertContains(response, "Municipalities")


def test_unknown_region_is_a_404_page(client):
    response = client.get("/regios/atlantis/")
    assert response.status_code == 404
    assertContains(response, "Pagina niet gevonden", status_code=404)
