"""schemathesis against our own OpenAPI schema: for every operation, generated requests (valid ones and invalid
ones) never get a 500, and every answer is what the schema says (status code, content type, body, headers).

It runs in this process through the WSGI application, on the test database with a few public and non-public
initiatives (tests/api/conftest.py: `world`), derandomized (a fixed seed) and with at most 50 examples per
operation and kind of data: about 750 requests, some twenty seconds.
"""

from collections import Counter
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import load_all_checks

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 50


@contextmanager
def connection_kept_between_requests():
    """Django closes a connection after a request that left it in a transaction: here that is the test's own,
    which must outlive every request (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def checks():
    load_all_checks()
    from schemathesis import checks as registry

    return [
        registry.not_a_server_error,
        registry.status_code_conformance,
        registry.content_type_conformance,
        registry.response_schema_conformance,
        registry.response_headers_conformance,
        registry.negative_data_rejection,
    ]


def test_generated_requests_never_fail_and_every_answer_matches_the_schema(world):
    with connection_kept_between_requests():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) == 16  # a list and a detail of each of eight resources
        run = checks()
        answered: Counter[int] = Counter()
        failures = []
        for operation in operations:
            # A detail's only parameter is any string: it has no invalid values to generate.
            negative = [GenerationMode.NEGATIVE] if operation.query else []
            for mode in [GenerationMode.POSITIVE, *negative]:
                try:
                    exercise(operation, mode, run, answered, known=known_values(world, operation.path))
                except Exception as error:  # every operation is tried; the failures are reported together
                    failures.append(f"{operation.label} ({mode.value}): {error}")
    assert failures == []
    # It asked enough to mean something: items found, items not found, and bad parameters refused.
    assert answered[200] > 50 and answered[404] > 100 and answered[400] > 200, answered


def known_values(world, path: str) -> dict:
    """Path parameters that exist, so that the detail operations answer 200 and not only 404."""
    if "initiatives" in path:
        return {"slug": world.public[0].slug}
    if "organisations" in path:
        return {"slug": world.organisations[0].slug}
    if "regions" in path:
        return {"slug": "groningen"}
    if "municipalities" in path:
        return {"code": "GM0014"}
    if "programmes" in path:
        return {"slug": "green-deals"}
    if "target-groups" in path:
        return {"slug": "statushouders"}
    if "agendas" in path:
        return {"slug": world.agendas[0].slug}
    return {"slug": "talent-ontwikkelen"}


def exercise(operation, mode, run, answered: Counter, known: dict) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def generated(case):
        answered[case.call_and_validate(checks=run).status_code] += 1

    @settings(max_examples=1, database=None, deadline=None, phases=[Phase.generate])
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=known))
    def existing(case):
        answered[case.call_and_validate(checks=run).status_code] += 1

    generated()
    if operation.path_parameters and mode is GenerationMode.POSITIVE:
        existing()
