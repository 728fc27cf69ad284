"""The Moderators group, created by migrations, holds exactly what moderation needs in the admin panel: to read
what people wrote and did, verify and merge organisations, appoint coordinators and suspend people. Nothing of a
superuser: no deleting people, initiatives or the moderation log, no changing themes or groups."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

MODERATION_PERMISSIONS = {
    "agendastad.change_user",
    "agendastad.view_user",
    "initiatives.change_initiative",
    "initiatives.change_partnership",
    "initiatives.view_comment",
    "initiatives.view_historicalinitiative",
    "initiatives.view_initiative",
    "initiatives.view_moderationaction",
    "initiatives.view_partnership",
    "initiatives.view_report",
    "initiatives.view_soughtpartner",
    "initiatives.view_theme",
    "regions.add_regioncoordinator",
    "regions.change_membership",
    "regions.change_organisation",
    "regions.change_regioncoordinator",
    "regions.change_suspension",
    "regions.delete_membership",
    "regions.delete_regioncoordinator",
    "regions.view_invitation",
    "regions.view_labourmarketregion",
    "regions.view_membership",
    "regions.view_municipality",
    "regions.view_organisation",
    "regions.view_regioncoordinator",
    "regions.view_suspension",
}


def test_the_moderators_group_holds_exactly_the_moderation_permissions():
    group = Group.objects.get(name="Moderators")
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert held == MODERATION_PERMISSIONS
