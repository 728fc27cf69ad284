"""The open-data page: what can be downloaded, under which licence, what never is; linked from every footer."""

import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_the_page_links_every_download_and_names_the_licences(client):
    response = client.get("/open-data/")

    assert response.status_code == 200
    for href in (
        "/initiatieven/export.csv",
        "/initiatieven/export.xlsx",
        "/initiatieven/export.json",
        "/initiatieven/feed.xml",
        "/regios/rijnmond/feed/",
        "/themas/talent-ontwikkelen/feed/",
        "/api/v1/",
        "/api/v1/docs/",
        "https://creativecommons.org/licenses/by/4.0/",
    ):
        assertContains(response, f'href="{href}"')
    assertContains(response, "CC BY 4.0")
    assertContains(response, "Bron: CBS / PDOK, Gebiedsindelingen 2025")
    assertContains(response, "Wat nooit gepubliceerd wordt")


def test_the_page_speaks_english_under_en(client):
    response = client.get("/en/open-data/")

    assertContains(response, '<html lang="en"')
    assertContains(response, "What is never published")
    assertContains(response, 'href="/en/initiatieven/export.csv"')


def test_every_page_links_to_it_in_the_footer(client):
    assertContains(client.get("/"), '<a class="utrecht-link" href="/open-data/">Open data</a>', html=True)
    assertContains(client.get("/en/regios/"), '<a class="utrecht-link" href="/en/open-data/">Open data</a>', html=True)


def test_the_list_links_the_downloads_with_its_filters_but_not_its_page(client):
    response = client.get("/initiatieven/?region=groningen&missing=business&page=1")

    for extension in ("csv", "xlsx", "json"):
        assertContains(response, f'href="/initiatieven/export.{extension}?region=groningen&amp;missing=business"')
