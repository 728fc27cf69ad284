import pytest
from pytest_django.asserts import assertContains

from initiatives.models import Theme
from regions.models import LabourMarketRegion

pytestmark = pytest.mark.django_db


def test_home_explains_the_platform_and_lists_six_themes_and_35_regions_in_dutch(client):
    response = client.get("/")
    assertContains(response, '<html lang="nl"')
    assertContains(response, "Agenda Stad")
    assertContains(response, "De zes thema's")
    for theme in Theme.objects.all():
        assertContains(response, f'href="{theme.get_absolute_url()}"')
    regions = LabourMarketRegion.objects.all()
    assert regions.count() == 35
    for region in regions:
        assertContains(response, f'href="/regios/{region.slug}/"')
    assertContains(response, "35 arbeidsmarktregio's")


def test_home_draws_a_map_with_a_shape_per_region(client):
    response = client.get("/")
    assertContains(response, '<path class="agendastad-choropleth__region ', count=35)


def test_home_in_english_is_one_click_away(client):
    response = client.get("/")
    assertContains(response, 'href="/en/"')
    response = client.get("/en/")
    assertContains(response, '<html lang="en"')
    assertContains(response, "The six themes")
    assertContains(response, 'href="/en/regios/groningen/"')
    assertContains(response, 'href="/"')


def test_every_page_names_the_cbs_source_of_the_region_data(client):
    for path in ["/", "/regios/", "/regios/groningen/", "/themas/", "/en/themas/"]:
        assertContains(client.get(path), "CBS / PDOK, Gebiedsindelingen (CC BY 4.0)")
