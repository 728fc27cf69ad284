"""Appointing region coordinators: the admin panel offers it to whom the rule regions.appoint_coordinator allows,
not to whoever holds Django's model permission to add a coordinator row."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from regions.models import Municipality, RegionCoordinator

from ..factories import OrganisationFactory, person_of_kind, sign_in, verified_person

pytestmark = pytest.mark.django_db

ADD_URL = "admin:regions_regioncoordinator_add"


def staff_with_model_permissions() -> object:
    """Staff, not a moderator, given the coordinator permissions directly (as a superuser could by mistake)."""
    person = verified_person(is_staff=True)
    person.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="regions", codename__in=["add_regioncoordinator", "view_regioncoordinator"]
        )
    )
    return person


def test_the_model_permission_alone_does_not_open_the_appointment_form(client):
    person = staff_with_model_permissions()
    sign_in(client, person)
    region = Municipality.objects.current().first().region

    assert client.get(reverse(ADD_URL)).status_code == 403
    assert client.post(reverse(ADD_URL), {"user": verified_person().pk, "region": region.pk}).status_code == 403
    assert not RegionCoordinator.objects.exists()


def test_a_moderator_gets_the_appointment_form(client):
    moderator = person_of_kind("moderator", OrganisationFactory())
    sign_in(client, moderator)

    assert client.get(reverse(ADD_URL)).status_code == 200
