"""Moderators read agendas in the admin and may correct or unpublish them (change_regionagenda); they neither add
nor delete them: agendas are written by their region's coordinators on the site."""

from django.db import migrations

from agendastad.accounts.moderators import moderators_grant, moderators_revoke

MODERATION = {
    "agendas": [
        "view_regionagenda",
        "change_regionagenda",
        "view_agendapriority",
        "change_agendapriority",
        "view_agendacommitment",
        "view_prioritycontribution",
        "delete_prioritycontribution",
    ]
}


def grant(apps, schema_editor):
    moderators_grant(apps, MODERATION)


def revoke(apps, schema_editor):
    moderators_revoke(apps, MODERATION)


class Migration(migrations.Migration):
    dependencies = [("agendas", "0001_initial"), ("regions", "0009_moderators_dismiss_coordinators_by_action")]

    operations = [migrations.RunPython(grant, revoke)]
