"""The OpenAPI 3 schema at its stable address, and the documentation page built on it from our own files."""

from html.parser import HTMLParser

import pytest
from drf_spectacular.validation import validate_schema

from tests.agendastad.test_security import InlineCodeFinder

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/openapi.json"
DOCS = "/api/v1/docs/"
OPERATIONS = {
    f"/api/v1/{name}/{detail}": f"{name}_{'retrieve' if detail else 'list'}"
    for name in ("initiatives", "organisations", "regions", "municipalities", "themes", "programmes", "agendas")
    for detail in ("", "{slug}/" if name != "municipalities" else "{code}/")
} | {"/api/v1/target-groups/": "target_groups_list", "/api/v1/target-groups/{slug}/": "target_groups_retrieve"}


def test_the_schema_is_valid_openapi_3_and_documents_every_operation_with_its_errors(client):
    response = client.get(SCHEMA)

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert {path: operation["get"]["operationId"] for path, operation in schema["paths"].items()} == OPERATIONS
    for path, operation in schema["paths"].items():
        assert set(operation) == {"get"}, path
        expected = {"200", "400", "429"} if path.endswith("s/") else {"200", "404", "429"}
        assert set(operation["get"]["responses"]) == expected, path


def test_the_schema_names_the_list_pages_filters_and_the_cursor(client):
    schema = client.get(SCHEMA).json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/initiatives/"]["get"]["parameters"]}

    filters = [
        "q",
        "region",
        "theme",
        "programme",
        "target_group",
        "status",
        "helix",
        "missing",
        "complete",
        "cross_border",
        "organisation",
        "kind",
        "sought",
        "municipality",
    ]
    assert parameters == {*filters, "cursor", "page_size"}
    helix = next(p for p in schema["paths"]["/api/v1/initiatives/"]["get"]["parameters"] if p["name"] == "helix")
    assert helix["schema"]["items"]["enum"] == sorted(
        ["government", "knowledge", "business", "social_partners", "civil_society"]
    )
    assert "Helix present" in helix["description"]  # in English, whatever the site's default language


def test_the_schema_is_in_english_whatever_the_browser_asks(client):
    dutch = client.get(SCHEMA, headers={"accept-language": "nl"}).content
    assert dutch == client.get(SCHEMA, headers={"accept-language": "en"}).content
    assert b"Helix aanwezig" not in dutch


class AssetFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" or (tag == "link" and found.get("rel") in {"stylesheet", "icon"}):
            self.assets.append(found.get("src") or found.get("href") or "")


def test_the_docs_page_loads_only_our_own_static_files_and_nothing_inline(client):
    response = client.get(DOCS)

    assert response.status_code == 200
    html = response.content.decode()
    finder = AssetFinder()
    finder.feed(html)
    assert len(finder.assets) == 4
    for asset in finder.assets:
        assert asset.startswith("/static/"), asset
        assert client.get(asset).status_code == 200, asset
    assert "swagger-ui-bundle.js" in html
    inline = InlineCodeFinder()
    inline.feed(html)
    assert inline.found == []
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert f'data-schema-url="{SCHEMA}"' in html


def test_the_api_root_links_to_everything(client):
    links = client.get("/api/v1/").json()

    assert links["openapi"] == f"http://testserver{SCHEMA}"
    assert links["docs"] == f"http://testserver{DOCS}"
    for name in ("initiatives", "organisations", "regions", "municipalities", "themes"):
        assert client.get(links[name]).status_code == 200
