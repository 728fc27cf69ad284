"""The last-admin guard holds when two people act at the same moment: each change that may lower the number of
admins locks the organisation first, so the second waits, sees the first, and is refused. On the real database,
with two threads (each its own connection) released together by a barrier, several rounds each."""

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from regions import services
from regions.models import Membership

from ..factories import OrganisationFactory, organisation_admin

ROUNDS = 8


def at_the_same_moment(*actions: Callable[[], None]) -> list[str]:
    """Run each action in its own thread, released together; what each ended in ("done" or the refusal)."""
    barrier = threading.Barrier(len(actions))
    outcomes = [""] * len(actions)

    def run(number: int, action: Callable[[], None]) -> None:
        try:
            barrier.wait(timeout=10)
            action()
            outcomes[number] = "done"
        except (ValidationError, PermissionDenied) as error:
            outcomes[number] = type(error).__name__
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(number, action)) for number, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def demote(membership: Membership, by) -> Callable[[], None]:
    return lambda: services.membership_change_role(membership=membership, user=by, role=Membership.Role.MEMBER)


def remove(membership: Membership, by) -> Callable[[], None]:
    return lambda: services.membership_remove(membership=membership, user=by)


def leave(membership: Membership) -> Callable[[], None]:
    return lambda: services.membership_leave(membership=membership, user=membership.user)


SCENARIOS: dict[str, Callable[[Membership, Membership], tuple[Callable[[], None], ...]]] = {
    "two admins demote each other": lambda a, b: (demote(b, a.user), demote(a, b.user)),
    "two admins remove each other": lambda a, b: (remove(b, a.user), remove(a, b.user)),
    "one admin leaves while the other steps down": lambda a, b: (leave(a), demote(b, b.user)),
    "both admins leave": lambda a, b: (leave(a), leave(b)),
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_an_organisation_keeps_an_admin_when_two_act_at_the_same_moment(scenario: str):
    for _round in range(ROUNDS):
        organisation = OrganisationFactory()
        first, second = organisation_admin(organisation), organisation_admin(organisation)
        a = Membership.objects.get(user=first, organisation=organisation)
        b = Membership.objects.get(user=second, organisation=organisation)

        outcomes = at_the_same_moment(*SCENARIOS[scenario](a, b))

        assert Membership.objects.admins().filter(organisation=organisation).count() == 1, outcomes
        assert outcomes.count("done") == 1, outcomes  # the other is refused: last admin, or no longer an admin
