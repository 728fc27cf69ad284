"""Atom feeds of new public initiatives: all, a region's and a theme's, valid Atom, the list's initiatives."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

from initiatives.models import Theme
from regions.models import LabourMarketRegion

from ..factories import InitiativeFactory, OrganisationFactory
from .conftest import FILTERS, INVALID_FILTERS, SECRET_TITLES

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Agenda Stad"
    for entry in feed.iter(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    return feed


def entry_titles(response) -> list[str]:
    return [entry.find(f"{ATOM}title").text for entry in parse(response).iter(f"{ATOM}entry")]


def listed_titles(client, query: str) -> list[str]:
    response = client.get(f"/initiatieven/?{query}")
    return [initiative.title for initiative in response.context["object_list"]]


@pytest.mark.parametrize("query", FILTERS)
def test_the_feed_holds_the_newest_initiatives_of_the_list_with_the_same_filters(client, world, query):
    listed = listed_titles(client, f"{query}&sort=newest")

    assert entry_titles(client.get(f"/initiatieven/feed.xml?{query}")) == listed


@pytest.mark.parametrize("region", ["groningen", "rijnmond"])
def test_a_region_feed_holds_the_newest_initiatives_the_list_shows_for_the_region(client, world, region):
    listed = listed_titles(client, f"region={region}&sort=newest")

    assert listed
    assert entry_titles(client.get(f"/regios/{region}/feed/")) == listed


@pytest.mark.parametrize("theme", ["talent-ontwikkelen", "ondernemerschap-stimuleren", "bestuurlijke-slagkracht"])
def test_a_theme_feed_holds_the_newest_initiatives_the_list_shows_for_the_theme(client, world, theme):
    listed = listed_titles(client, f"theme={theme}&sort=newest")

    assert entry_titles(client.get(f"/themas/{theme}/feed/")) == listed


@pytest.mark.parametrize(
    "path", ["/initiatieven/feed.xml", "/regios/groningen/feed/", "/themas/talent-ontwikkelen/feed/"]
)
def test_a_moderator_gets_public_initiatives_only_and_no_email_address(moderator_client, world, path):
    response = moderator_client.get(path)

    titles = entry_titles(response)
    assert titles == entry_titles(Client().get(path))
    assert titles
    assert not set(titles) & set(SECRET_TITLES)
    assert world.contact_email.encode() not in response.content


def test_an_entry_says_what_a_card_on_the_list_says(client, world):
    feed = parse(client.get("/en/initiatieven/feed.xml?q=leerwerkakkoord"))
    (entry,) = feed.iter(f"{ATOM}entry")
    initiative = world.public[0]

    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/en/initiatieven/{initiative.slug}/"
    assert entry.find(f"{ATOM}summary").text == initiative.summary
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Gemeente Groningen"
    assert [category.get("term") for category in entry.iter(f"{ATOM}category")] == [Theme.objects.get(number=1).name_en]


def test_the_titles_follow_the_language_of_the_address(client, world):
    theme = Theme.objects.get(number=1)

    assert parse(client.get("/initiatieven/feed.xml")).find(f"{ATOM}title").text == "Nieuwe initiatieven · Agenda Stad"
    assert parse(client.get("/en/initiatieven/feed.xml")).find(f"{ATOM}title").text == "New initiatives · Agenda Stad"
    assert parse(client.get(f"/en/themas/{theme.slug}/feed/")).find(f"{ATOM}title").text == (
        f"New initiatives on {theme.name_en} · Agenda Stad"
    )
    assert parse(client.get(f"/themas/{theme.slug}/feed/")).find(f"{ATOM}title").text == (
        f"Nieuwe initiatieven over {theme.name_nl} · Agenda Stad"
    )
    assert parse(client.get("/regios/rijnmond/feed/")).find(f"{ATOM}title").text == (
        "Nieuwe initiatieven in Rijnmond · Agenda Stad"
    )
    assert parse(client.get("/en/regios/rijnmond/feed/")).get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


@pytest.mark.parametrize("query", INVALID_FILTERS)
def test_invalid_filter_values_get_the_same_answer_as_from_the_list(client, world, query):
    assert entry_titles(client.get(f"/initiatieven/feed.xml?{query}")) == listed_titles(client, f"{query}&sort=newest")


def test_an_unknown_region_or_theme_has_no_feed(client, world):
    assert client.get("/regios/atlantis/feed/").status_code == 404
    assert client.get("/themas/7/feed/").status_code == 404


def test_the_list_and_theme_pages_point_feed_readers_to_their_feed(client, world):
    link = '<link rel="alternate" type="application/atom+xml" href="{href}" title="{title}">'

    assertContains(
        client.get("/initiatieven/?region=groningen&page=1"),
        link.format(href="/initiatieven/feed.xml?region=groningen", title="Nieuwe initiatieven · Agenda Stad"),
        html=True,
    )
    theme = Theme.objects.get(number=1)
    assertContains(
        client.get(f"/en/themas/{theme.slug}/"),
        link.format(href=f"/en/themas/{theme.slug}/feed/", title=f"New initiatives on {theme.name_en} · Agenda Stad"),
        html=True,
    )


def test_the_link_for_a_region_page_points_to_the_region_feed(db):
    region = LabourMarketRegion.objects.get(code="AM22")

    html = render_to_string("opendata/feed_link.html", {"region": region})

    assert 'href="/regios/rijnmond/feed/"' in html
    assert 'title="Nieuwe initiatieven in Rijnmond · Agenda Stad"' in html


@pytest.mark.parametrize("path", ["/initiatieven/feed.xml", "/regios/groningen/feed/"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_initiatives(
    client, db, path, django_assert_max_num_queries
):
    def new_initiative():
        InitiativeFactory(lead_organisation=OrganisationFactory(), themes=list(Theme.objects.filter(number__in=[1, 2])))

    new_initiative()
    client.get(path)
    with CaptureQueriesContext(connection) as at_one:
        assert len(entry_titles(client.get(path))) == 1
    for _ in range(29):
        new_initiative()

    with django_assert_max_num_queries(len(at_one)):
        assert len(entry_titles(client.get(path))) == 30
