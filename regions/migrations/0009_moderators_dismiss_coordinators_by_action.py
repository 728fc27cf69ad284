"""Moderators lose regions.delete_regioncoordinator: coordinators are dismissed with the admin action "Dismiss",
which calls regions.services.coordinator_dismiss under the rule that appoints them (regions.appoint_coordinator), and
needs only view_regioncoordinator. The delete page of the admin is closed to everyone, superusers included."""

from django.db import migrations

from agendastad.accounts.moderators import moderators_grant, moderators_revoke

NOT_NEEDED = {"regions": ["delete_regioncoordinator"]}


def revoke(apps, schema_editor):
    moderators_revoke(apps, NOT_NEEDED)


def grant_again(apps, schema_editor):
    moderators_grant(apps, NOT_NEEDED)


class Migration(migrations.Migration):
    dependencies = [("regions", "0008_visible_text_on_bounded_fields")]

    operations = [migrations.RunPython(revoke, grant_again)]
