"""Finding a place by the name people use (issue 14, item 7): "Den Haag" for the CBS name 's-Gravenhage, "Den Bosch"
for 's-Hertogenbosch, "Friesland" for the province Fryslân, in the region list and the initiative search."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from regions.models import LabourMarketRegion, Municipality
from regions.selectors import common_names, place_name_folded

from ..factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def region_names(client, query: str) -> list[str]:
    response = client.get("/regios/", {"q": query})
    assert response.status_code == 200
    return [region.name for region in response.context["object_list"]]


def test_every_common_name_points_to_a_place_in_the_cbs_data():
    places = {
        "municipality": set(Municipality.objects.current().values_list("name", flat=True)),
        "region": set(LabourMarketRegion.objects.current().values_list("name", flat=True)),
        "province": set(Municipality.objects.current().values_list("province", flat=True)),
    }

    wrong = [name for name in common_names() if name.official_name not in places[name.kind]]

    assert len(common_names()) >= 10
    assert wrong == []


@pytest.mark.parametrize(
    ("query", "region"),
    [
        ("Den Haag", "Haaglanden"),
        ("den haag", "Haaglanden"),
        ("The Hague", "Haaglanden"),
        ("s-Gravenhage", "Haaglanden"),
        ("Den Bosch", "Noordoost-Brabant"),
        ("Friesland", "Friesland"),
        ("Fryslan", "Friesland"),
        ("De Friese Meren", "Friesland"),
        ("Food Valley", "FoodValley"),
    ],
)
def test_the_region_list_finds_a_region_by_the_name_people_use(client, query, region):
    assert region_names(client, query) == [region]


def test_cbs_names_and_parts_of_them_still_find_their_regions(client):
    assert region_names(client, "'s-Hertogenbosch") == ["Noordoost-Brabant"]
    assert "Twente" in region_names(client, "Hengelo")
    assert region_names(client, "Zeeland") == ["Zeeland"]
    assert region_names(client, "Atlantis") == []


def test_a_province_is_found_by_its_common_name_but_a_city_name_does_not_list_the_whole_province(client):
    north_holland = region_names(client, "North Holland")
    assert {"Groot Amsterdam", "Noord-Holland Noord", "Zaanstreek/Waterland"} <= set(north_holland)
    assert "Haaglanden" not in north_holland
    assert "Groot Amsterdam" not in region_names(client, "Utrecht")  # De Ronde Venen lies in the province


def test_folding_drops_accents_capitals_punctuation_and_a_suffix_in_brackets():
    assert place_name_folded("Súdwest-Fryslân") == "sudwest fryslan"
    assert place_name_folded("'s-Gravenhage") == place_name_folded("s Gravenhage")
    assert place_name_folded("Hengelo (O.)") == "hengelo"


def test_the_initiative_search_finds_initiatives_in_the_place_the_text_names(client):
    the_hague = Municipality.objects.get(code="GM0518")
    there = InitiativeFactory(title="Stages in de zorg", summary="Samen werken", description="")
    there.municipalities.add(the_hague)
    in_den_bosch = InitiativeFactory(title="Techniek op school", summary="Samen werken", description="")
    in_den_bosch.municipalities.add(Municipality.objects.get(code="GM0796"))

    response = client.get("/initiatieven/", {"q": "Den Haag"})

    assert [initiative.title for initiative in response.context["object_list"]] == ["Stages in de zorg"]
    assertContains(response, "Ook de initiatieven in &#x27;s-Gravenhage, de plaats die je zoekt.")
    english = client.get("/en/initiatieven/", {"q": "Den Bosch"})
    assert [initiative.title for initiative in english.context["object_list"]] == ["Techniek op school"]
    assertContains(english, "Also showing the initiatives in &#x27;s-Hertogenbosch")


def test_a_word_that_is_part_of_a_place_name_stays_a_text_search(client):
    InitiativeFactory(title="Recht op scholing", summary="Samen werken", description="")
    utrecht = InitiativeFactory(title="Stages", summary="Samen werken", description="")
    utrecht.municipalities.add(Municipality.objects.get(code="GM0344"))

    response = client.get("/initiatieven/", {"q": "recht"})

    assert [initiative.title for initiative in response.context["object_list"]] == ["Recht op scholing"]
    assertNotContains(response, "de plaats die je zoekt")
