from django.db import migrations

from agendastad.accounts.moderators import moderators_grant

PERMISSIONS = {
    "initiatives": [
        "view_initiative",
        "change_initiative",
        "view_historicalinitiative",
        "view_partnership",
        "change_partnership",
        "view_soughtpartner",
    ],
}


def grant(apps, schema_editor):
    moderators_grant(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0004_dutch_full_text_search"),
        ("regions", "0003_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
