"""robots.txt and sitemap.xml: where crawlers may go, and every public page in both languages."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from initiatives.models import Theme
from regions.models import LabourMarketRegion

from ..factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_robots_keeps_crawlers_out_of_private_pages_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/beheer/", "/account/", "/mijn/", "/moderatie/", "/initiatieven/export."):
        assert f"Disallow: {path}" in lines
        assert f"Disallow: /en{path}" in lines
    assert "Disallow: /initiatieven/" not in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def locations(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [element.text for element in root.iter(f"{SITEMAP}loc")]


def section(client, name: str) -> ET.Element:
    response = client.get(f"/sitemap-{name}.xml")
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_the_sitemap_index_names_every_section(client):
    assert locations(client, "/sitemap.xml") == [
        f"http://testserver/sitemap-{name}.xml"
        for name in ("pages", "initiatives", "regions", "themes", "organisations")
    ]


def test_public_initiatives_are_in_the_sitemap_in_both_languages_and_the_others_never(client, world):
    sitemap = section(client, "initiatives")
    found = [url.find(f"{SITEMAP}loc").text for url in sitemap.iter(f"{SITEMAP}url")]

    expected = []
    for initiative in sorted(world.public, key=lambda initiative: initiative.pk):
        expected += [
            f"http://testserver/initiatieven/{initiative.slug}/",
            f"http://testserver/en/initiatieven/{initiative.slug}/",
        ]
    assert found == expected
    first = next(sitemap.iter(f"{SITEMAP}url"))
    alternates = {link.get("hreflang"): link.get("href") for link in first.iter(f"{XHTML}link")}
    assert alternates["nl"] == expected[0]
    assert alternates["en"] == expected[1]
    assert (
        first.find(f"{SITEMAP}lastmod").text == timezone.localtime(world.public[0].last_activity_at).date().isoformat()
    )


def test_a_moderator_gets_the_same_sitemap(moderator_client, world):
    anonymous = Client().get("/sitemap-initiatives.xml").content

    assert moderator_client.get("/sitemap-initiatives.xml").content == anonymous
    for initiative in world.secret:
        assert initiative.slug.encode() not in anonymous


def test_the_sitemap_lists_the_pages_regions_themes_and_verified_organisations(client):
    checked = OrganisationFactory(slug="checked", verified_at=timezone.now())
    OrganisationFactory(slug="unchecked")

    pages = locations(client, "/sitemap-pages.xml")
    regions = locations(client, "/sitemap-regions.xml")
    themes = locations(client, "/sitemap-themes.xml")
    organisations = locations(client, "/sitemap-organisations.xml")

    assert "http://testserver/" in pages and "http://testserver/en/open-data/" in pages
    assert "http://testserver/initiatieven/" in pages
    assert "http://testserver/inzicht/" in pages and "http://testserver/en/inzicht/netwerk/" in pages
    assert len(regions) == 2 * LabourMarketRegion.objects.current().count() == 70
    assert "http://testserver/regios/rijnmond/" in regions
    assert len(themes) == 2 * Theme.objects.count() == 12
    assert organisations == [
        f"http://testserver/organisaties/{checked.slug}/",
        f"http://testserver/en/organisaties/{checked.slug}/",
    ]
