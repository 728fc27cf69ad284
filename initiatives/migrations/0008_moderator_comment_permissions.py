from django.db import migrations

from agendastad.accounts.moderators import moderators_grant

# Reading only: hiding, restoring and removing go through the services (the site's moderation pages now,
# the admin panel's queue later), which log every decision and tell the author.
PERMISSIONS = {"initiatives": ["view_comment", "view_report", "view_moderationaction"]}


def grant(apps, schema_editor):
    moderators_grant(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0007_comments_reports_moderation")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
