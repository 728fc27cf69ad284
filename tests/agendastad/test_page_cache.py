"""Public pages kept for anonymous visitors: served again unchanged, never stale after a change,
never someone's own page."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from initiatives.models import Visibility

from ..factories import InitiativeFactory, OrganisationFactory, organisation_admin
from ..initiatives.test_initiatives import edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def lead():
    return OrganisationFactory(name="Gemeente Zwolle")


@pytest.fixture
def initiative(lead):
    return InitiativeFactory(lead_organisation=lead, title="Leerwerkakkoord Regio Zwolle")


def test_an_anonymous_visitor_gets_the_kept_page_the_second_time(client, initiative):
    first = client.get("/initiatieven/")
    second = client.get("/initiatieven/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assertContains(second, "Leerwerkakkoord Regio Zwolle")
    # The headers of the whole middleware stack are still added to a kept page.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["Content-Language"] == "nl"
    assert second["X-Content-Type-Options"] == "nosniff"


def test_an_edit_shows_at_once_on_the_kept_list_and_detail_page(client, initiative, lead):
    detail = f"/initiatieven/{initiative.slug}/"
    for path in ("/initiatieven/", detail):
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit"

    editor = Client()
    editor.force_login(organisation_admin(lead))
    response = editor.post(f"{detail}bewerken/", edit_data(initiative, title="Leerwerkakkoord IJssel-Vecht"))
    assert response.status_code == 302

    for path in ("/initiatieven/", detail):
        fresh = client.get(path)
        assert fresh["X-Page-Cache"] == "miss"
        assertContains(fresh, "Leerwerkakkoord IJssel-Vecht")
        assertNotContains(fresh, "Leerwerkakkoord Regio Zwolle")


def test_signed_in_people_get_their_own_page_never_a_kept_one(client, initiative, lead):
    draft = InitiativeFactory(lead_organisation=lead, title="Concept: Techniekpact", visibility=Visibility.DRAFT)
    client.get("/initiatieven/")

    member = Client()
    member.force_login(organisation_admin(lead))
    page = member.get("/initiatieven/")

    assert "X-Page-Cache" not in page
    assertContains(page, draft.title)
    assertNotContains(client.get("/initiatieven/"), draft.title)


def test_each_language_and_each_filter_is_kept_apart(client, initiative):
    dutch = client.get("/initiatieven/")
    english = client.get("/en/initiatieven/")
    searched = client.get("/initiatieven/?q=onvindbaar")

    assert [dutch["X-Page-Cache"], english["X-Page-Cache"], searched["X-Page-Cache"]] == ["miss"] * 3
    assertContains(english, 'lang="en"')
    assertNotContains(searched, "Leerwerkakkoord Regio Zwolle")
    assertContains(client.get("/initiatieven/"), "Leerwerkakkoord Regio Zwolle")


def test_a_hidden_page_is_not_kept(client, lead):
    draft = InitiativeFactory(lead_organisation=lead, visibility=Visibility.DRAFT)

    assert client.get(f"/initiatieven/{draft.slug}/").status_code == 404
    assert "X-Page-Cache" not in client.get(f"/initiatieven/{draft.slug}/")


def test_loading_reference_data_makes_kept_pages_fresh(client, initiative):
    client.get("/regios/")
    assert client.get("/regios/")["X-Page-Cache"] == "hit"

    call_command("load_regions", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert client.get("/regios/")["X-Page-Cache"] == "miss"


def test_with_the_page_cache_off_nothing_is_kept(client, initiative, settings):
    settings.PAGE_CACHE_SECONDS = 0

    client.get("/initiatieven/")

    assert "X-Page-Cache" not in client.get("/initiatieven/")
