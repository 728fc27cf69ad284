import pytest
from pytest_django.asserts import assertContains

from initiatives.models import Theme

pytestmark = pytest.mark.django_db

DUTCH_NAMES = [
    "Talent ontwikkelen",
    "Ondernemerschap stimuleren",
    "Een aantrekkelijk woon-, leef- en vestigingsklimaat",
    "Verbindingen tussen en binnen steden",
    "Regionale samenwerking binnen landelijke kaders",
    "Bestuurlijke slagkracht",
]


def test_the_six_ser_themes_exist_after_migrate_in_both_languages():
    themes = list(Theme.objects.all())
    assert [theme.number for theme in themes] == [1, 2, 3, 4, 5, 6]
    assert [theme.name_nl for theme in themes] == DUTCH_NAMES
    assert all(theme.name_en and theme.description_nl and theme.description_en for theme in themes)


def test_theme_list_shows_the_six_themes_in_dutch(client):
    response = client.get("/themas/")
    for number, name in enumerate(DUTCH_NAMES, start=1):
        assertContains(response, name)
        assertContains(response, f"Thema {number}")


def test_theme_list_in_english(client):
    response = client.get("/en/themas/")
    assertContains(response, "Developing talent")
    assertContains(response, "Administrative strength")
    assertContains(response, 'href="/en/themas/talent-ontwikkelen/"')


def test_theme_page_shows_name_and_description_in_the_visitors_language(client):
    theme = Theme.objects.get(number=5)
    response = client.get(theme.get_absolute_url())
    assertContains(response, "Regionale samenwerking binnen landelijke kaders")
    assertContains(response, "Samenwerken in plaats van concurreren")

    response = client.get(f"/en/themas/{theme.slug}/")
    assertContains(response, "Regional cooperation within national frameworks")
    assertContains(response, "Cooperation instead of competition")


def test_unknown_theme_is_a_404(client):
    assert client.get("/themas/geen-thema/").status_code == 404
