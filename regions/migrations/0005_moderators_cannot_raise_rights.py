"""Moderators lose the admin permissions through which they could raise rights, their own included.

- accounts.change_user: Django's person form sets superuser and staff status, groups, permissions, passwords and
  addresses. Moderators suspend people with the action on People, which needs only view_user.
- regions.change_membership, regions.delete_membership: the membership form (and the inline on an organisation)
  sets anyone, themselves included, as admin of any organisation, past the last-admin guard. Members are managed on
  the organisation's members page, through the services.
- regions.change_regioncoordinator: the form moves an appointment to another person or region without the
  service. Moderators appoint and remove coordinators; to move one, remove and appoint.
- regions.change_suspension: every field of a suspension is read-only; lifting is an action, which needs only
  view_suspension.
- initiatives.change_initiative, initiatives.change_partnership: both are read-only in the admin panel and changed
  on the site, where the rules (not model permissions) decide; the admin's actions need only view permissions.
"""

from django.db import migrations

from agendastad.accounts.moderators import moderators_grant, moderators_revoke

NOT_NEEDED = {
    "accounts": ["change_user"],
    "regions": ["change_membership", "delete_membership", "change_regioncoordinator", "change_suspension"],
    "initiatives": ["change_initiative", "change_partnership"],
}


def revoke(apps, schema_editor):
    moderators_revoke(apps, NOT_NEEDED)


def grant_again(apps, schema_editor):
    moderators_grant(apps, NOT_NEEDED)


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0004_suspensions"),
        ("initiatives", "0008_moderator_comment_permissions"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(revoke, grant_again)]
