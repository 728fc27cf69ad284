import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django.asserts import assertContains

from tests.factories import OrganisationFactory, person_of_kind, sign_in, verified_person

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/en/",
    "/regios/",
    "/regios/?province=Limburg",
    "/regios/groningen/",
    "/themas/",
    "/en/themas/talent-ontwikkelen/",
    "/bestaat-niet/",
]

PRODUCTION_ENV = {
    "SECRET_KEY": "a-production-secret-key-of-more-than-fifty-characters-1234567890",
    "ALLOWED_HOSTS": "agendastad.nl",
    "DATABASE_URL": "postgres://agendastad@db.internal:5432/agendastad",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.internal:587",
    "CACHE_URL": "redis://cache.internal:6379/0",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never has it.
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env={**clean, "DJANGO_SETTINGS_MODULE": "agendastad.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_findings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_are_bound_to_the_host():
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)"
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["__Host-sessionid", "__Host-csrftoken"]


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_security_headers_and_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "path", ["/", "/bestaat-niet/", "/account/login/", "/beheer/login/", "/static/css/agendastad.css"]
)
def test_every_response_refuses_browser_features_we_do_not_use(client, path):
    policy = client.get(path).headers["Permissions-Policy"]

    features = dict(part.strip().split("=", 1) for part in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics", "display-capture"):
        assert features[feature] == "()"


class InlineCodeFinder(HTMLParser):
    """Collects inline scripts, style elements, style attributes and on* event handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        if "style" in names:
            self.found.append(f"style= on <{tag}>")
        self.found.extend(f"{name}= on <{tag}>" for name in names if name.startswith("on"))


@pytest.mark.parametrize("path", PAGES)
def test_no_page_has_inline_scripts_or_styles(client, path):
    response = client.get(path)
    assert response.status_code in {200, 404}
    finder = InlineCodeFinder()
    finder.feed(response.content.decode())
    assert finder.found == []


@pytest.mark.parametrize("path", PAGES)
def test_hostile_query_strings_are_escaped(client, path):
    response = client.get(path, {"q": '"><script>alert(1)</script>'})
    assert b"<script>alert(1)</script>" not in response.content


OUR_VIEWS = ("agendastad.", "regions.", "initiatives.")
NUL = "a%00b"


def our_paths(patterns=None, prefix: str = ""):
    """Every address of ours from the URL resolver, each parameter (slug, id, token) replaced by a NUL."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from our_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "view_class", pattern.callback)
            if view.__module__.startswith(OUR_VIEWS):
                yield "/" + re.sub(r"<[^>]+>", NUL, route)


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_nul_character_anywhere_in_our_addresses_is_refused_and_never_a_500(client, signed_in):
    """An invitation token with NUL was looked up in PostgreSQL, which cannot compare text holding one."""
    if signed_in:
        client.force_login(verified_person())
    paths = sorted(set(our_paths()))
    assert "/mijn/uitnodigingen/a%00b/" in paths

    answers = {path: client.get(path).status_code for path in paths}
    answers |= {f"POST {path}": client.post(path, {"text": "a\x00b"}).status_code for path in paths}

    assert answers["/mijn/uitnodigingen/a%00b/"] == 404
    assert {path: status for path, status in answers.items() if status >= 500} == {}


LIST_PARAMETERS = "q region theme status helix missing complete organisation kind sought municipality sort province"


@pytest.mark.parametrize(
    "path", ["/initiatieven/", "/partners-gezocht/", "/organisaties/", "/regios/", "/initiatieven/exporteren/"]
)
def test_a_nul_character_in_a_list_filter_or_search_is_a_bad_request(client, path):
    sign_in(client, person_of_kind("moderator", OrganisationFactory()))

    for name in [*LIST_PARAMETERS.split(), "page", "format"]:
        response = client.get(path, {name: "a\x00b"})
        assert response.status_code == 400, name
    assert client.get(path, {"q": "Groningen"}).status_code == 200


def test_a_nul_character_in_an_admin_list_filter_or_search_is_a_bad_request():
    superuser = person_of_kind("superuser", OrganisationFactory())
    client = Client()
    sign_in(client, superuser)
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        names = ["q", *(name for name in model_admin.list_filter if isinstance(name, str))]
        for name in names:
            assert client.get(url, {name: "a\x00b"}).status_code == 400, f"{url}?{name}"
    response = client.get("/beheer/account/emailaddress/", {"email": "a\x00b"})
    assertContains(response, "Ongeldig verzoek", status_code=400)
