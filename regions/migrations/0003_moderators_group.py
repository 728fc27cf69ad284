"""The Moderators group: staff who keep the platform clean, with exactly the admin permissions that needs."""

from django.db import migrations

from agendastad.accounts.moderators import moderators_grant

MODERATOR_PERMISSIONS = {
    "accounts": ["view_user", "change_user"],
    "regions": [
        "view_labourmarketregion",
        "view_municipality",
        "view_organisation",
        "change_organisation",
        "view_membership",
        "change_membership",
        "delete_membership",
        "view_invitation",
        "view_regioncoordinator",
        "add_regioncoordinator",
        "change_regioncoordinator",
        "delete_regioncoordinator",
    ],
    "initiatives": ["view_theme"],
}


def create_moderators(apps, schema_editor):
    moderators_grant(apps, MODERATOR_PERMISSIONS)


def remove_moderators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0002_memberships_and_coordinators"),
        ("accounts", "0001_initial"),
        ("initiatives", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_moderators, remove_moderators)]
