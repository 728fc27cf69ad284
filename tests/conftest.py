from io import StringIO

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.utils import translation

from regions.models import LabourMarketRegion

from .factories import OrganisationFactory, UserFactory, organisation_admin, person_of_kind, sign_in


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as `make run` has it: migrated (so with the six themes) and with the CBS regions.

    The snapshot is serialised again after loading, so that tests that flush the database (the
    browser tests, marked serialized_rollback) get the reference data back before they run.
    """
    with django_db_blocker.unblock():
        call_command("load_regions", stdout=StringIO())
        for connection in connections.all():
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in the default language; a request in English must not leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def fresh_rate_limits():
    """Rate limits (and used TOTP codes) are counted in the cache, which outlives a test: start and end with
    none taken. A module that needs it everywhere says `pytest.mark.usefixtures("fresh_rate_limits")`."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def region(db) -> LabourMarketRegion:
    return LabourMarketRegion.objects.get(code="AM01")


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def superuser_client(client):
    """The test client signed in as a superuser, with the second factor the admin panel asks; `.superuser` is them."""
    superuser = person_of_kind("superuser", OrganisationFactory())
    sign_in(client, superuser)
    client.superuser = superuser
    return client


@pytest.fixture
def lead_admin(lead):
    """The admin of the `lead` organisation that the test directory (or module) defines."""
    return organisation_admin(lead)
