"""The Moderators group, created by migrations, holds exactly what moderation needs in the admin panel, and nothing
through which a moderator could raise rights, their own included (tests/agendastad/test_admin_rights.py walks every
form to prove it). Why each permission remains:

- view_* on people, organisations, memberships, invitations, coordinators, suspensions, regions, municipalities,
  themes, initiatives (and their history), partnerships, sought partners, comments, reports and the moderation log:
  to read what people wrote and did. The admin's actions (suspend a person, lift a suspension, hide and show
  initiatives and comments, restore archived initiatives) need only these; each calls a service that checks the
  rules again, logs the decision and tells whom it concerns.
- regions.change_organisation: to correct an organisation's details, verify it and merge duplicates. Its members
  are shown read-only there.
- regions.add_regioncoordinator: to appoint region coordinators (the admin's add form calls the service, which
  refuses a moderator appointing themselves: regions.appoint_coordinator). They are dismissed with an action.
- view, add and change on national programmes and target groups: moderators keep these two lists
  (initiatives/migrations/0016_programmes_and_target_groups_rows.py). Not delete: initiatives would silently
  lose the link; a programme that ended is marked as no longer running.

Gone (regions/migrations/0005_moderators_cannot_raise_rights.py): change_user (Django's person form sets superuser
status, groups, passwords and addresses), change_membership and delete_membership (they made anyone admin of any
organisation past the last-admin guard), change_regioncoordinator (moved an appointment past the service),
change_suspension, change_initiative and change_partnership (read-only in the admin panel anyway);
delete_regioncoordinator (regions/migrations/0009_moderators_dismiss_coordinators_by_action.py: the action
"Dismiss" calls the service instead, and the admin's delete page is closed to everyone).
Nothing of a superuser: no deleting people, initiatives or the moderation log, no changing themes or groups."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

MODERATION_PERMISSIONS = {
    "accounts.view_user",
    "agendas.change_agendapriority",
    "agendas.change_regionagenda",
    "agendas.delete_prioritycontribution",
    "agendas.view_agendacommitment",
    "agendas.view_agendapriority",
    "agendas.view_prioritycontribution",
    "agendas.view_regionagenda",
    "initiatives.view_comment",
    "initiatives.view_historicalinitiative",
    "initiatives.view_initiative",
    "initiatives.view_moderationaction",
    "initiatives.view_partnership",
    "initiatives.view_report",
    "initiatives.view_soughtpartner",
    "initiatives.view_theme",
    "initiatives.add_nationalprogramme",
    "initiatives.change_nationalprogramme",
    "initiatives.view_nationalprogramme",
    "initiatives.add_targetgroup",
    "initiatives.change_targetgroup",
    "initiatives.view_targetgroup",
    "regions.add_regioncoordinator",
    "regions.change_organisation",
    "regions.view_contactmessage",
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
