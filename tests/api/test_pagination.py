"""Cursor pagination: every item exactly once in a fixed order, bounded pages, and a clear 400 for a bad cursor."""

from datetime import timedelta

import pytest
from django.utils import timezone

from initiatives.models import Initiative, Theme
from regions.models import LabourMarketRegion, Municipality, Organisation

from ..factories import InitiativeFactory, OrganisationFactory
from .conftest import walk

pytestmark = pytest.mark.django_db

LISTS = {
    "/api/v1/initiatives/": lambda: list(
        Initiative.objects.public().order_by("-created_at", "-id").values_list("slug", flat=True)
    ),
    "/api/v1/organisations/": lambda: list(Organisation.objects.order_by("name", "id").values_list("slug", flat=True)),
    "/api/v1/regions/": lambda: list(
        LabourMarketRegion.objects.current().order_by("name", "id").values_list("slug", flat=True)
    ),
    "/api/v1/municipalities/": lambda: list(
        Municipality.objects.current().order_by("code").values_list("code", flat=True)
    ),
    "/api/v1/themes/": lambda: list(Theme.objects.order_by("number").values_list("slug", flat=True)),
}


def key(item: dict) -> str:
    return item.get("slug") or item["code"]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("page_size", [3, 100])
def test_walking_the_pages_gives_every_item_exactly_once_in_order(client, world, path, page_size):
    expected = LISTS[path]()
    assert len(expected) > 5

    found = [key(item) for item in walk(client, path, {"page_size": page_size})]

    assert found == expected


def test_initiatives_created_at_the_same_moment_are_each_shown_once(client, db):
    moment = timezone.now() - timedelta(days=1)
    lead = OrganisationFactory()
    tied = [InitiativeFactory(lead_organisation=lead, created_at=moment) for _ in range(5)]

    found = [item["slug"] for item in walk(client, "/api/v1/initiatives/", {"page_size": 2})]

    assert found == [initiative.slug for initiative in sorted(tied, key=lambda i: -i.pk)]


def test_a_page_holds_twenty_items_unless_asked_and_the_last_page_has_no_next(client, db):
    lead = OrganisationFactory()
    for _ in range(21):
        InitiativeFactory(lead_organisation=lead)

    first = client.get("/api/v1/initiatives/").json()
    assert len(first["results"]) == 20
    last = client.get(first["next"]).json()
    assert len(last["results"]) == 1
    assert last["next"] is None


def test_the_next_link_keeps_the_filters(client, world):
    first = client.get("/api/v1/initiatives/", {"region": "groningen", "page_size": 1}).json()

    assert "region=groningen" in first["next"]
    assert "page_size=1" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["results"][0]["region"]["slug"] == "groningen"


def test_a_new_initiative_does_not_shift_the_pages_after_a_cursor(client, world):
    first = client.get("/api/v1/initiatives/", {"page_size": 3}).json()
    rest = [item["slug"] for item in walk(client, first["next"])]

    InitiativeFactory(lead_organisation=world.organisations[0])

    assert [item["slug"] for item in walk(client, first["next"])] == rest


@pytest.mark.parametrize("page_size", ["0", "101", "-1", "abc", "1.5", "", "٣"])
def test_a_page_size_out_of_bounds_is_a_bad_request(client, db, page_size):
    response = client.get("/api/v1/themes/", {"page_size": page_size})

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Invalid query parameters: see `errors` for each of them.",
        "errors": {"page_size": ["A whole number from 1 to 100."]},
    }


def test_a_cursor_that_was_not_given_out_for_this_list_is_a_bad_request(client, world):
    theme_cursor = client.get("/api/v1/themes/", {"page_size": 1}).json()["next"].split("cursor=")[1].split("&")[0]
    initiative_page = client.get("/api/v1/initiatives/", {"page_size": 1}).json()
    initiative_cursor = initiative_page["next"].split("cursor=")[1].split("&")[0]
    tampered = initiative_cursor.replace("W", "X", 1)

    for cursor in ["abc", "", theme_cursor.replace("%3A", ":"), tampered, "a" * 5000, "WyJ4Il0:1:2"]:
        response = client.get("/api/v1/initiatives/", {"cursor": cursor})
        assert response.status_code == 400, cursor
        assert response.headers["Content-Type"] == "application/json"
        assert response.json()["errors"] == {
            "cursor": ["Not a cursor of this list: use the `next` link of a page as it is, or start without one."]
        }
    assert client.get(initiative_page["next"]).status_code == 200
