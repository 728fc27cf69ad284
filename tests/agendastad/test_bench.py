"""The pieces `make bench` serves (scripts/bench.py). The benchmark itself is not a test and CI does not run it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from pytest_django.asserts import assertContains

pytestmark = [pytest.mark.django_db, pytest.mark.urls("agendastad.bench_urls")]


def test_the_bare_view_answers_through_the_same_middleware_as_every_page(client):
    response = client.get("/bench/bare/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


def test_beside_the_bare_view_the_site_keeps_its_addresses_in_both_languages(client):
    assertContains(client.get("/regios/"), "Groningen")
    assert client.get("/en/regios/").status_code == 200
    assert client.get("/initiatieven/").status_code == 200


def test_the_bench_settings_start_with_only_a_database_url():
    env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "CACHE_URL"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "diffsettings", "--all"],
        cwd=Path(settings.BASE_DIR),
        env={**env, "DJANGO_SETTINGS_MODULE": "agendastad.settings.bench", "DATABASE_URL": "postgres://bench@db/x"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "DEBUG = False" in result.stdout
    assert "ROOT_URLCONF = 'agendastad.bench_urls'" in result.stdout
    assert "SECURE_SSL_REDIRECT = False" in result.stdout
