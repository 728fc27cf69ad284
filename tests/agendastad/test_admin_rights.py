"""A moderator works in the admin panel without raising anyone's rights, their own included.

Signed in with two-factor authentication, the moderator opens every change form of every list in the admin
panel, changes every field it shows (choosing themselves wherever a person is chosen, the highest role wherever a
role is), adds the fields of a superuser's form that it does not show, and saves. Afterwards nobody's rights,
password, address or active flag have changed, no staff account has been touched, and the moderator holds no new
membership, role or permission.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from agendastad.accounts.models import User
from agendastad.agendas.models import (
    AgendaCommitment,
    AgendaPriority,
    AgendaState,
    PriorityContribution,
    RegionAgenda,
)
from agendastad.notifications.models import Follow, Frequency, NotificationKind, NotificationPreference
from initiatives.models import ModerationAction, Partnership, SoughtPartner, Theme
from regions.models import Membership, Municipality, RegionCoordinator, Suspension

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    InvitationFactory,
    MembershipFactory,
    NotificationFactory,
    OrganisationFactory,
    PartnershipFactory,
    ReportFactory,
    authenticator_app,
    contact_message,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db

SUPERUSER_PASSWORD = "Het wachtwoord van de beheerder 1"
EVERY_ADMIN = sorted((model._meta.label for model in admin.site._registry), key=str)
# What a superuser's person form has and a moderator's must not: sent along with every form, whatever it shows.
SUPERUSER_FIELDS = {
    "is_superuser": "on",
    "is_staff": "on",
    "is_active": "on",
    "email": "overgenomen@example.org",
    "password": "Overgenomen wachtwoord 1",
    "password1": "Overgenomen wachtwoord 1",
    "password2": "Overgenomen wachtwoord 1",
    "usable_password": "true",
    "role": Membership.Role.ADMIN,
    "state": Membership.State.ACTIVE,
}


@dataclass
class World:
    moderator: User
    other_moderator: User
    superuser: User
    person: User


@pytest.fixture
def world(client) -> World:
    """Every kind of row the admin panel lists, and a moderator with an authenticator app signed in."""
    organisation = OrganisationFactory()
    moderator = person_of_kind("moderator", organisation)
    other_moderator = person_of_kind("moderator", organisation)
    superuser = verified_person(is_staff=True, is_superuser=True)
    superuser.set_password(SUPERUSER_PASSWORD)
    superuser.save()
    authenticator_app(superuser)  # the moderators have theirs from person_of_kind
    person = organisation_admin(organisation)
    MembershipFactory(user=moderator, organisation=OrganisationFactory())  # a member, not an admin
    MembershipFactory(organisation=organisation, state=Membership.State.REQUESTED)
    initiative = InitiativeFactory(lead_organisation=organisation, contact_person=person)
    PartnershipFactory(initiative=initiative, role=Partnership.Role.FUNDER)
    SoughtPartner.objects.create(initiative=initiative, helix="government")
    comment = CommentFactory(initiative=initiative)
    ReportFactory(comment=comment)
    ModerationAction.objects.create(initiative=initiative, action=ModerationAction.Action.HIDE, reason="Reclame.")
    InvitationFactory(organisation=organisation, invited_by=person)
    elsewhere = Municipality.objects.current().exclude(region=organisation.municipality.region).first()
    coordinator = verified_person()
    RegionCoordinator.objects.create(user=coordinator, region=elsewhere.region, appointed_by=superuser)
    Suspension.objects.create(person=verified_person(), reason="Spam.", suspended_by=superuser)
    contact_message(recipient=person, about=organisation)
    Follow.objects.create(user=person, target=initiative)
    NotificationPreference.objects.create(user=person, kind=NotificationKind.PARTNERSHIP, frequency=Frequency.OFF)
    NotificationFactory(recipient=person, actor=superuser)
    UserSession.objects.create(user=superuser, ip="127.0.0.1", session_key="s" * 32, user_agent="Firefox")
    agenda = RegionAgenda.objects.create(
        region=organisation.municipality.region,
        slug="agenda",
        title_nl="Agenda",
        summary_nl="Samen.",
        first_year=2026,
        last_year=2029,
        state=AgendaState.PUBLISHED,
        published_at=timezone.now(),
        created_by=coordinator,
    )
    priority = AgendaPriority.objects.create(agenda=agenda, title_nl="Vakmensen")
    priority.themes.set(Theme.objects.all()[:1])
    AgendaCommitment.objects.create(agenda=agenda, organisation=organisation, committed_by=person)
    PriorityContribution.objects.create(priority=priority, initiative=initiative, linked_by=person)
    sign_in(client, moderator)
    return World(moderator=moderator, other_moderator=other_moderator, superuser=superuser, person=person)


def rights() -> dict:
    """Everything that decides what someone may do or who they are, for every account."""
    return {
        "people": sorted(
            User.objects.values_list("pk", "email", "password", "is_active", "is_staff", "is_superuser", "display_name")
        ),
        "groups": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        "permissions": sorted(User.user_permissions.through.objects.values_list("user_id", "permission_id")),
        "group_permissions": sorted(Group.permissions.through.objects.values_list("group_id", "permission_id")),
        "addresses": sorted(EmailAddress.objects.values_list("user_id", "email", "verified", "primary")),
        "authenticators": sorted(Authenticator.objects.values_list("user_id", "type")),
        "memberships": sorted(Membership.objects.values_list("user_id", "organisation_id", "role", "state")),
        "coordinators": sorted(RegionCoordinator.objects.values_list("user_id", "region_id")),
        "suspensions": sorted(Suspension.objects.values_list("person_id", "lifted_at")),
    }


def altered(field: forms.Field, value, moderator: User) -> list[str]:
    """Another value for this field, as hostile as it gets: the moderator wherever a person is chosen, everything
    wherever several things are, the last choice (the highest role) wherever one is."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:500]]
    if isinstance(field, forms.ModelChoiceField):
        if field.queryset.model is User:
            return [str(moderator.pk)]
        others = field.queryset.exclude(pk=value) if value not in (None, "") else field.queryset
        first = others.values_list("pk", flat=True).first()
        return [str(first if first is not None else value)]
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return [] if value else ["on"]
    if isinstance(field, forms.MultipleChoiceField):
        return [str(choice) for choice, _ in field.choices if choice != ""]
    if isinstance(field, forms.ChoiceField):
        choices = [str(choice) for choice, _ in field.choices if choice not in ("", None) and str(choice) != str(value)]
        return choices[-1:] or [str(value)]
    if isinstance(field, forms.DateTimeField):
        return ["2030-01-01 12:00:00"]
    if isinstance(field, forms.DateField):
        return [date(2030, 1, 1).isoformat()]
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return [str((value or 0) + 1)]
    if isinstance(field, forms.EmailField):
        return ["overgenomen@example.org"]
    if isinstance(field, forms.URLField):
        return ["https://overgenomen.example.org/"]
    if isinstance(field, forms.JSONField):
        return ['{"overgenomen": true}']
    return [f"{value or ''} (gewijzigd door een moderator)"[:30]]


def current(field: forms.Field, value) -> list[str]:
    """The field's value as the form would send it back unchanged."""
    if isinstance(field, forms.BooleanField):
        return ["on"] if value else []
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return [str(getattr(item, "pk", item)) for item in value or []]
    return [] if value is None else [str(value)]


def form_data(form: forms.BaseForm, moderator: User, *, alter: bool) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, field in form.fields.items():
        key, value = form.add_prefix(name), form[name].value()
        keep = not alter or name in ("id", "DELETE") or isinstance(field, forms.FileField)
        if isinstance(field, forms.SplitDateTimeField):
            moment = value if keep else datetime(2030, 1, 1, 12, tzinfo=UTC)
            data[f"{key}_0"] = [moment.date().isoformat()] if moment else []
            data[f"{key}_1"] = [moment.time().isoformat()] if moment else []
        elif keep or (isinstance(field.widget, ForeignKeyRawIdWidget) and field.queryset.model is not User):
            data[key] = current(field, value)
        else:
            data[key] = altered(field, value, moderator)
    return data


def attacks(response, moderator: User) -> list[dict[str, list[str]]]:
    """The form on the page with every field changed at once, then each field changed on its own (so one bad value
    cannot hide another), then a row added to each inline: every time with the fields of a superuser's person form
    added."""
    groups = [str(pk) for pk in Group.objects.values_list("pk", flat=True)]
    permissions = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    superuser_fields = {key: [value] for key, value in SUPERUSER_FIELDS.items()}
    superuser_fields |= {"groups": groups, "user_permissions": permissions, "_save": ["Opslaan"]}
    forms_on_page = [response.context["adminform"].form]
    unchanged: dict[str, list[str]] = {}
    added: list[dict[str, list[str]]] = []
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        forms_on_page += formset.forms
        management = formset.management_form
        unchanged |= {management.add_prefix(name): [str(value)] for name, value in management.initial.items()}
        row = formset.empty_form
        row.prefix = f"{formset.prefix}-{len(formset.forms)}"
        total = {management.add_prefix("TOTAL_FORMS"): [str(len(formset.forms) + 1)]}
        added.append(form_data(row, moderator, alter=True) | total)
    for form in forms_on_page:
        unchanged |= form_data(form, moderator, alter=False)
    everything = unchanged.copy()
    for form in forms_on_page:
        everything |= form_data(form, moderator, alter=True)
    one_by_one = [unchanged | {key: value} for key, value in everything.items() if value != unchanged[key]]
    every_row_added = unchanged.copy()
    for row in added:
        every_row_added |= row
    return [
        superuser_fields | data
        for data in [everything, *one_by_one, *[unchanged | row for row in added], every_row_added]
    ]


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("label", EVERY_ADMIN)
def test_a_moderator_raises_nobody_s_rights_through_any_change_form(client, world, label):
    model = next(model for model in admin.site._registry if model._meta.label == label)
    objects = list(model._default_manager.all()[:20])
    assert objects, f"the world has no {label} to walk"
    before = rights()
    held = world.moderator.get_all_permissions()

    for obj in objects:
        url = change_url(obj)
        page = client.get(url)
        assert page.status_code in (200, 302, 403), url
        for data in attacks(page, world.moderator) if page.status_code == 200 else [SUPERUSER_FIELDS]:
            response = client.post(url, data)
            assert response.status_code in (200, 302, 403), url
            assert rights() == before, f"{url} {response.status_code}: " + " ".join(sorted(data))

    moderator = User.objects.get(pk=world.moderator.pk)
    assert (moderator.is_superuser, moderator.get_all_permissions()) == (False, held)


def test_a_moderator_cannot_change_the_superuser_or_its_password(client, world):
    before = rights()

    assert client.post(change_url(world.superuser), SUPERUSER_FIELDS | {"is_active": ""}).status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[world.superuser.pk])
    password = {"password1": "Overgenomen wachtwoord 1", "password2": "Overgenomen wachtwoord 1"}
    assert client.get(password_url).status_code == 403
    assert client.post(password_url, password).status_code == 403

    assert rights() == before
    world.superuser.refresh_from_db()
    assert world.superuser.check_password(SUPERUSER_PASSWORD)
    assert world.superuser.is_active and world.superuser.is_superuser


def test_a_moderator_cannot_change_another_moderator_or_themselves(client, world):
    before = rights()

    for staff in (world.other_moderator, world.moderator):
        page = client.get(change_url(staff))
        assert 'name="is_superuser"' not in page.content.decode()
        assert client.post(change_url(staff), SUPERUSER_FIELDS).status_code == 403
        password_url = reverse("admin:auth_user_password_change", args=[staff.pk])
        assert client.post(password_url, {"password1": "x" * 20, "password2": "x" * 20}).status_code == 403

    assert rights() == before


def test_a_moderator_cannot_change_an_ordinary_person_s_address_or_password(client, world):
    before = rights()

    page = client.get(change_url(world.person))
    assert page.status_code == 200
    assert 'name="email"' not in page.content.decode()
    client.post(change_url(world.person), SUPERUSER_FIELDS)
    password_url = reverse("admin:auth_user_password_change", args=[world.person.pk])
    assert client.post(password_url, {"password1": "x" * 20, "password2": "x" * 20}).status_code == 403

    assert rights() == before


def test_a_moderator_cannot_appoint_themselves_region_coordinator(client, world):
    before = rights()
    region = Municipality.objects.current().first().region

    response = client.post(
        reverse("admin:regions_regioncoordinator_add"), {"user": world.moderator.pk, "region": region.pk}
    )

    assert response.status_code in (200, 403)
    assert rights() == before


def test_a_moderator_still_appoints_someone_else_region_coordinator(client, world):
    region = Municipality.objects.current().first().region

    response = client.post(
        reverse("admin:regions_regioncoordinator_add"), {"user": world.person.pk, "region": region.pk}
    )

    assert response.status_code == 302
    assert RegionCoordinator.objects.filter(user=world.person, region=region, appointed_by=world.moderator).exists()


def test_a_moderator_still_suspends_an_ordinary_person_from_people(client, world, mailoutbox):
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "suspend", "_selected_action": [world.person.pk], "post": "yes", "reason": "Spam."},
    )

    assert response.status_code == 302
    assert Suspension.objects.current().filter(person=world.person).exists()


def test_a_moderator_reactivates_an_account_deactivated_at_its_owner_s_request(client, world):
    """Not through the person form, which no longer changes the active flag: through an action on People."""
    deactivated = verified_person(is_active=False)
    suspended = Suspension.objects.get().person
    User.objects.filter(pk__in=[suspended.pk, world.other_moderator.pk]).update(is_active=False)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reactivate", "_selected_action": [deactivated.pk, suspended.pk, world.other_moderator.pk]},
        follow=True,
    )

    assert response.status_code == 200
    active = dict(
        User.objects.filter(pk__in=[deactivated.pk, suspended.pk, world.other_moderator.pk]).values_list(
            "pk", "is_active"
        )
    )
    assert active == {deactivated.pk: True, suspended.pk: False, world.other_moderator.pk: False}
    assert response.content.decode().count("dit mag je niet doen") == 2
    assert LogEntry.objects.filter(object_id=str(deactivated.pk), user=world.moderator).exists()


def test_a_moderator_still_lifts_a_suspension_from_suspensions(client, world, mailoutbox):
    suspension = Suspension.objects.get()

    response = client.post(
        reverse("admin:regions_suspension_changelist"), {"action": "lift", "_selected_action": [suspension.pk]}
    )

    assert response.status_code == 302
    suspension.refresh_from_db()
    assert suspension.lifted_by == world.moderator
    assert suspension.person.is_active


def test_a_superuser_keeps_the_full_person_form(client, world):
    sign_in(client, world.superuser)

    page = client.get(change_url(world.person)).content.decode()
    for field in ("email", "is_staff", "is_superuser", "groups", "user_permissions", "is_active"):
        assert f'name="{field}"' in page, field
    password_url = reverse("admin:auth_user_password_change", args=[world.person.pk])
    response = client.post(
        password_url,
        {"password1": "Een nieuw wachtwoord 1", "password2": "Een nieuw wachtwoord 1", "usable_password": "true"},
    )

    assert response.status_code == 302
    world.person.refresh_from_db()
    assert world.person.check_password("Een nieuw wachtwoord 1")


@pytest.mark.parametrize("label", EVERY_ADMIN)
def test_a_nul_byte_in_a_list_s_filter_or_search_is_refused_like_any_invalid_filter(client, world, label):
    """Django's answer to a filter it cannot use: back to the list with ?e=1. Never a 500."""
    client.raise_request_exception = False
    sign_in(client, world.superuser)
    url = reverse(f"admin:{label.replace('.', '_').lower()}_changelist")
    page = client.get(url)
    assert page.status_code == 200
    changelist = page.context["cl"]
    parameters = [name for spec in changelist.filter_specs for name in spec.expected_parameters()]
    if changelist.date_hierarchy:
        parameters.append(f"{changelist.date_hierarchy}__year")

    for query in [*({name: "\x00"} for name in parameters), {"q": "\x00"}, {"q": "a\x00b"}, {"pk": "\x00"}]:
        response = client.get(url, query)
        assert response.status_code in (200, 302, 400), query
        if response.status_code == 302:
            assert response["Location"].endswith("?e=1"), query
            assert client.get(response["Location"]).status_code == 200
