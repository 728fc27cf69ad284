"""Bad input gets a 400 with a message in JSON, an unknown address a JSON 404, too many requests a 429: never
a 500, never an HTML page."""

import pytest

from regions.models import LabourMarketRegion, Municipality

pytestmark = pytest.mark.django_db

INVALID = [
    ("/api/v1/initiatives/", {"status": "dreaming"}, "status"),
    ("/api/v1/initiatives/", {"region": "atlantis"}, "region"),
    ("/api/v1/initiatives/", {"theme": ["talent-ontwikkelen", "7"]}, "theme"),
    ("/api/v1/initiatives/", {"helix": "everyone"}, "helix"),
    ("/api/v1/initiatives/", {"missing": "x"}, "missing"),
    ("/api/v1/initiatives/", {"organisation": "nobody"}, "organisation"),
    ("/api/v1/initiatives/", {"programme": "atlantis-deal"}, "programme"),
    ("/api/v1/initiatives/", {"target_group": "aliens"}, "target_group"),
    ("/api/v1/initiatives/", {"kind": "guild"}, "kind"),
    ("/api/v1/initiatives/", {"sought": "luck"}, "sought"),
    ("/api/v1/initiatives/", {"municipality": "GM9999"}, "municipality"),
    ("/api/v1/organisations/", {"kind": "guild"}, "kind"),
    ("/api/v1/organisations/", {"region": "atlantis"}, "region"),
    ("/api/v1/municipalities/", {"region": "atlantis"}, "region"),
]


@pytest.mark.parametrize(("path", "params", "name"), INVALID)
def test_an_invalid_filter_value_is_a_bad_request_that_names_the_parameter(client, path, params, name):
    response = client.get(path, params)

    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/json"
    answer = response.json()
    assert answer["detail"] == "Invalid query parameters: see `errors` for each of them."
    assert list(answer["errors"]) == [name]
    assert "valid choice" in answer["errors"][name][0]


def test_messages_are_in_english_whatever_the_browser_asks(client):
    response = client.get("/api/v1/initiatives/", {"status": "x"}, headers={"accept-language": "nl"})

    assert response.json()["errors"]["status"] == ["Select a valid choice. x is not one of the available choices."]
    assert response.headers["Content-Language"] == "en"


def test_a_nul_character_in_the_query_string_or_path_is_refused_in_json(client):
    for path in ["/api/v1/initiatives/?q=a%00b", "/api/v1/regions/?include_retired=%00"]:
        response = client.get(path)
        assert response.status_code == 400
        assert response.headers["Content-Type"] == "application/json"
        assert "detail" in response.json()
    response = client.get("/api/v1/initiatives/a%00b/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing/", "/api/v1/initiatives/no-such-initiative/", "/api/v1/initiatives/a/b/", "/api/v2/"]
)
def test_an_unknown_address_under_api_is_a_json_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_the_site_keeps_its_own_error_pages(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")
    assert client.get("/initiatieven/?q=a%00b").headers["Content-Type"].startswith("text/html")


def test_nothing_can_be_written(client):
    for method in (client.post, client.put, client.patch, client.delete):
        response = method("/api/v1/themes/talent-ontwikkelen/", {"name_nl": "x"}, content_type="application/json")
        assert response.status_code == 405
    assert client.options("/api/v1/themes/").status_code == 405


def test_too_many_requests_from_one_address_are_refused_for_a_while(client, settings):
    settings.API_RATE_LIMIT = (3, 60)
    answers = [client.get("/api/v1/themes/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    response = client.get("/api/v1/regions/")
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Request was throttled.")
    assert response.headers["Retry-After"] == "60"
    other = client.get("/api/v1/themes/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_anonymous_answers_may_be_kept_by_caches_for_a_while(client, settings, world):
    response = client.get("/api/v1/regions/")
    assert "public" in response.headers["Cache-Control"]
    assert f"max-age={settings.API_CACHE_SECONDS}" in response.headers["Cache-Control"]
    assert "Cache-Control" not in client.get("/api/v1/regions/", {"page_size": 0}).headers


def test_retired_regions_and_municipalities_only_when_asked(client):
    region = LabourMarketRegion.objects.create(
        code="AM99", name="Opgeheven", slug="opgeheven", classification_year=2020, retired_in=2021
    )
    Municipality.objects.create(
        code="GM9998", name="Verdwenen", province="Utrecht", region=region, classification_year=2020, retired_in=2021
    )

    assert "opgeheven" not in client.get("/api/v1/regions/", {"page_size": 100}).content.decode()
    assert (
        "GM9998"
        not in client.get("/api/v1/municipalities/", {"page_size": 100, "region": "opgeheven"}).content.decode()
    )
    everything = client.get("/api/v1/regions/", {"page_size": 100, "include_retired": "true"}).json()["results"]
    retired = next(item for item in everything if item["slug"] == "opgeheven")
    assert retired["retired_in"] == 2021
    assert retired["municipality_count"] == 0
    assert client.get("/api/v1/regions/opgeheven/").status_code == 200
    municipality = client.get("/api/v1/municipalities/GM9998/").json()
    assert municipality["region"]["slug"] == "opgeheven"
    current = LabourMarketRegion.objects.current().count()
    assert len(client.get("/api/v1/regions/", {"page_size": 100}).json()["results"]) == current


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/initiatives/", "status"),
        ("/api/v1/initiatives/", "region"),
        ("/api/v1/initiatives/", "complete"),
        ("/api/v1/organisations/", "helix"),
        ("/api/v1/organisations/", "kind"),
        ("/api/v1/organisations/", "verified"),
        ("/api/v1/regions/", "include_retired"),
    ],
)
def test_an_empty_choice_is_a_bad_request_where_a_form_would_read_it_as_all(client, path, name):
    """Leaving the parameter out means "all"; given, it must say what."""
    response = client.get(f"{path}?{name}=")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [name]
    assert client.get(path).status_code == 200


def test_an_empty_search_or_province_is_no_filter(client):
    assert client.get("/api/v1/initiatives/?q=").status_code == 200
    assert client.get("/api/v1/municipalities/?province=").json()["next"] is not None
