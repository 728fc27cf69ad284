"""The Moderators group: staff who keep the platform clean, with exactly the admin permissions that needs.

Used by data migrations, so it works on the historical app registry they pass in.
"""

from django.contrib.auth.management import create_permissions

MODERATORS_GROUP = "Moderators"


def moderators_grant(apps, permissions: dict[str, list[str]]) -> None:
    """Give the Moderators group these permissions ({app_label: [codename, …]}), creating both if needed."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    for app_label, codenames in permissions.items():
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def moderators_revoke(apps, permissions: dict[str, list[str]]) -> None:
    """Take these permissions ({app_label: [codename, …]}) from the Moderators group, if both exist."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=MODERATORS_GROUP).first()
    if group is None:
        return
    for app_label, codenames in permissions.items():
        group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
