"""Memberships, invitations, coordinators, suspensions, organisations and reports are not written through the admin
panel's forms, superusers included: their writes have rules and side effects that only the services keep, and the
admin's actions call those services."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from agendastad.notifications.models import Notification
from initiatives.models import Report
from regions.models import Membership, RegionCoordinator, Suspension

from ..factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    RegionCoordinatorFactory,
    ReportFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db


def _objects() -> dict[str, object]:
    organisation = OrganisationFactory()
    moderator = person_of_kind("moderator", organisation)
    return {
        "regions_membership": MembershipFactory(organisation=organisation),
        "regions_invitation": InvitationFactory(organisation=organisation),
        "regions_regioncoordinator": RegionCoordinatorFactory(),
        "regions_suspension": Suspension.objects.create(
            person=verified_person(), reason="Spam.", suspended_by=moderator
        ),
        "regions_organisation": organisation,
        "initiatives_report": ReportFactory(),
    }


def test_no_form_of_the_admin_writes_these_rows_not_even_for_a_superuser(superuser_client):
    for name, obj in _objects().items():
        change = reverse(f"admin:{name}_change", args=[obj.pk])
        delete = reverse(f"admin:{name}_delete", args=[obj.pk])
        assert superuser_client.get(change).status_code == 200, name
        assert superuser_client.post(delete, {"post": "yes"}).status_code == 403, name
        assert type(obj).objects.filter(pk=obj.pk).exists(), name
        if name != "regions_organisation":  # its details (name, website) are corrected here
            assert superuser_client.post(change, {}).status_code == 403, name
        if name != "regions_regioncoordinator":  # adding is appointing, through the service
            assert superuser_client.get(reverse(f"admin:{name}_add")).status_code == 403, name


def test_an_organisation_page_shows_its_members_without_a_form_to_change_them(superuser_client):
    membership = MembershipFactory(role=Membership.Role.ADMIN)
    page = superuser_client.get(reverse("admin:regions_organisation_change", args=[membership.organisation.pk]))
    assert page.status_code == 200
    assert "memberships-0-role" not in page.content.decode()


def act(client, model: str, action: str, *rows):
    return client.post(
        reverse(f"admin:regions_{model}_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [row.pk for row in rows]},
        follow=True,
    )


def test_the_membership_actions_call_the_services_and_keep_the_last_admin(
    superuser_client, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    last_admin = MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN)
    asking = Membership.objects.create(user=verified_person(), organisation=organisation)

    response = act(superuser_client, "membership", "make_member", last_admin)
    assert "heeft minstens één beheerder nodig" in response.content.decode()
    last_admin.refresh_from_db()
    assert last_admin.role == Membership.Role.ADMIN

    with django_capture_on_commit_callbacks(execute=True):
        act(superuser_client, "membership", "approve", asking)
    asking.refresh_from_db()
    assert asking.state == Membership.State.ACTIVE
    assert Notification.objects.filter(recipient=asking.user, template="membership_approved").exists()
    assert [message.to for message in mail.outbox] == [[asking.user.email]]

    act(superuser_client, "membership", "make_admin", asking)
    act(superuser_client, "membership", "make_member", last_admin)
    last_admin.refresh_from_db()
    assert last_admin.role == Membership.Role.MEMBER

    act(superuser_client, "membership", "remove", last_admin)
    assert not Membership.objects.filter(pk=last_admin.pk).exists()
    act(superuser_client, "membership", "remove", asking)  # now the last admin
    assert Membership.objects.filter(pk=asking.pk).exists()


def test_declining_a_request_in_the_admin_tells_whoever_asked(superuser_client, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    organisation_admin(organisation)
    asking = Membership.objects.create(user=verified_person(), organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        act(superuser_client, "membership", "decline", asking)
    assert not Membership.objects.filter(pk=asking.pk).exists()
    assert Notification.objects.filter(recipient=asking.user, template="membership_declined").exists()


def test_a_moderator_dismisses_a_coordinator_with_the_action(client):
    moderator = person_of_kind("moderator", OrganisationFactory())
    sign_in(client, moderator)
    coordinator = RegionCoordinatorFactory()
    delete = reverse("admin:regions_regioncoordinator_delete", args=[coordinator.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403

    response = act(client, "regioncoordinator", "dismiss", coordinator)
    assert response.status_code == 200
    assert not RegionCoordinator.objects.filter(pk=coordinator.pk).exists()


def test_a_handled_report_stays_as_it_was(superuser_client):
    report = ReportFactory()
    change = reverse("admin:initiatives_report_change", args=[report.pk])
    assert superuser_client.post(change, {"handled_at": timezone.now()}).status_code == 403
    report.refresh_from_db()
    assert report.handled_at is None
    assert Report.objects.filter(pk=report.pk).exists()
