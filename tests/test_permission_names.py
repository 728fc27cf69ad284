"""Permission names: every "may" is a rule, and no rule shares its name with a Django model permission.

`User.has_perm` asks every backend and grants what any of them grants. Django's ModelBackend answers model
permissions (`app.add_x`, `change_x`, `delete_x`, `view_x`) from groups, without the rule's conditions (a verified
address, the second factor, membership) and to every superuser. A rule named like one would be granted by the
model backend to the Moderators group (which holds e.g. `regions.change_organisation` and
`initiatives.view_initiative` for the admin panel) or to a superuser the rule refuses. So the two sets of names
are kept apart, and every name the code asks for is a rule: an old name left behind would silently fall
through to the model backend.
"""

import re
from pathlib import Path

import pytest
import rules
from django.apps import apps
from django.test import Client
from django.urls import reverse

from .factories import sign_in, verified_person

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_PARTS = {".venv", "node_modules", "static", "migrations", "tests", ".git"}
ASKED = re.compile(r"""(?:has_perm|permission_required|permission_require)\b[^"'\n]{0,80}?["']([a-z_]+\.[a-z_]+)["']""")


def model_permission_names() -> set[str]:
    names = set()
    for model in apps.get_models():
        options = model._meta
        names |= {f"{options.app_label}.{action}_{options.model_name}" for action in options.default_permissions}
        names |= {f"{options.app_label}.{codename}" for codename, _label in options.permissions}
    return names


def asked_permission_names() -> dict[str, set[str]]:
    """Every permission name the code and templates ask for literally, with the files that ask it."""
    asked: dict[str, set[str]] = {}
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if path.suffix not in {".py", ".html"} or SKIPPED_PARTS & set(relative.parts):
            continue
        for match in ASKED.finditer(path.read_text(encoding="utf-8")):
            asked.setdefault(match.group(1), set()).add(str(relative))
    return asked


def test_no_rule_is_named_like_a_model_permission():
    shared = set(rules.permissions.permissions) & model_permission_names()
    assert not shared, f"rules named like Django model permissions: {sorted(shared)}"


def test_every_permission_the_code_asks_for_is_a_rule():
    asked = asked_permission_names()
    assert "initiatives.edit_initiative" in asked  # the scan finds what views, services and templates ask
    unknown = {name: files for name, files in asked.items() if name not in rules.permissions.permissions}
    assert not unknown, f"asked for, but no rule: {unknown}"


def test_a_superuser_without_organisation_or_second_factor_may_not_register_initiatives():
    """Under the old name (`initiatives.add_initiative`) the model backend granted a superuser what the rule
    refuses: the form opened, and only the service said no."""
    superuser = verified_person(is_staff=True, is_superuser=True)
    assert not superuser.has_perm("initiatives.register_initiative")
    client = Client()
    sign_in(client, superuser, second_factor=False)
    assert client.get(reverse("initiatives:create")).status_code == 403
