"""Every initiatives permission against every kind of user, asked the way views, services and templates ask it.

"The organisation" is the initiative's lead organisation and "the region" its primary region. Three kinds
join the nine of USER_KINDS: the member of the lead organisation who created the initiative, and, because
partnerships are answered by another organisation, the admin of an organisation that is invited and the
admin of one that asked to join.
"""

from dataclasses import dataclass

import pytest
import rules
from django.utils import timezone

from agendastad.models import User
from initiatives.models import Initiative, Partnership, Visibility
from regions.models import LabourMarketRegion

from ..factories import (
    USER_KINDS,
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionCoordinatorFactory,
    organisation_admin,
    person_of_kind,
    verified_person,
)

pytestmark = pytest.mark.django_db

KINDS: tuple[str, ...] = (*USER_KINDS, "creator", "invited_org_admin", "requesting_org_admin")

EVERYONE = frozenset(KINDS)
VERIFIED_PEOPLE = EVERYONE - {"anonymous", "unverified"}
NOBODY: frozenset[str] = frozenset()
MODERATORS = frozenset({"moderator", "superuser"})
LEAD_MEMBERS = frozenset({"unverified", "member", "org_admin", "creator"})
DRAFT_READERS = LEAD_MEMBERS | {"region_coordinator"} | MODERATORS
EDITORS = frozenset({"org_admin", "creator", "region_coordinator"}) | MODERATORS
ARCHIVERS = frozenset({"org_admin"}) | MODERATORS
INVITERS = frozenset({"org_admin", "region_coordinator"})
SPREADSHEET_USERS = frozenset({"region_coordinator", "other_region_coordinator"}) | MODERATORS


@dataclass(frozen=True)
class Case:
    """Who may (`allowed`; nobody else may) use `permission` on the initiative or partnership of `situation`."""

    permission: str
    situation: str
    allowed: frozenset[str]

    @property
    def id(self) -> str:
        return f"{self.permission} on {self.situation}"


CASES: tuple[Case, ...] = (
    Case("initiatives.view_initiative", "public", EVERYONE),
    Case("initiatives.view_initiative", "draft", DRAFT_READERS),
    Case("initiatives.view_initiative", "archived", MODERATORS),
    Case("initiatives.view_initiative", "archived draft", MODERATORS),
    Case("initiatives.add_initiative", "nothing", VERIFIED_PEOPLE),
    Case("initiatives.change_initiative", "public", EDITORS),
    Case("initiatives.change_initiative", "draft", EDITORS),
    Case("initiatives.change_initiative", "archived", NOBODY),
    Case("initiatives.archive_initiative", "public", ARCHIVERS),
    Case("initiatives.archive_initiative", "draft", ARCHIVERS),
    Case("initiatives.archive_initiative", "archived", NOBODY),
    Case("initiatives.restore_initiative", "public", NOBODY),
    Case("initiatives.restore_initiative", "draft", NOBODY),
    Case("initiatives.restore_initiative", "archived", MODERATORS),
    Case("initiatives.invite_partner", "public", INVITERS),
    Case("initiatives.invite_partner", "draft", NOBODY),
    Case("initiatives.invite_partner", "archived", NOBODY),
    # Admins of an organisation that has no partnership yet; the invited and requesting ones have one.
    Case("initiatives.request_partnership", "public", frozenset({"other_org_member"})),
    Case("initiatives.request_partnership", "draft", NOBODY),
    Case("initiatives.request_partnership", "archived", NOBODY),
    # Each imported row is checked against the coordinator's own regions by the import service.
    Case("initiatives.import_initiatives", "nothing", SPREADSHEET_USERS),
    Case("initiatives.export_initiatives", "nothing", SPREADSHEET_USERS),
    Case("initiatives.answer_partnership", "invited", frozenset({"invited_org_admin"})),
    Case("initiatives.answer_partnership", "requested", frozenset({"org_admin"})),
    Case("initiatives.answer_partnership", "accepted", NOBODY),
    Case("initiatives.answer_partnership", "declined", NOBODY),
    Case("initiatives.answer_partnership", "lead", NOBODY),
    Case("initiatives.answer_partnership", "invited to a draft", frozenset({"invited_org_admin"})),
    Case("initiatives.answer_partnership", "invited to an archived initiative", NOBODY),
    Case("initiatives.answer_partnership", "requested of an archived initiative", NOBODY),
)

INITIATIVES: dict[str, dict] = {
    "public": {},
    "draft": {"visibility": Visibility.DRAFT},
    "archived": {"archived_at": timezone.now()},
    "archived draft": {"visibility": Visibility.DRAFT, "archived_at": timezone.now()},
}

PARTNERSHIPS: dict[str, tuple[str, str]] = {
    "invited": ("public", "invited"),
    "requested": ("public", "requested"),
    "accepted": ("public", "accepted"),
    "declined": ("public", "declined"),
    "lead": ("public", "lead"),
    "invited to a draft": ("draft", "invited"),
    "invited to an archived initiative": ("archived", "invited"),
    "requested of an archived initiative": ("archived", "requested"),
}


@dataclass
class World:
    """An initiative of one organisation in Groningen: an invitation and a request waiting, a partner, a refusal."""

    initiative: Initiative
    partnerships: dict[str, Partnership]
    person: User


def build_world(kind: str, initiative_situation: str) -> World:
    initiative = InitiativeFactory(**INITIATIVES[initiative_situation])
    lead = initiative.lead_organisation
    organisation_admin(lead)
    invited = PartnershipFactory(initiative=initiative, state=Partnership.State.INVITED)
    requested = PartnershipFactory(initiative=initiative, state=Partnership.State.REQUESTED)
    partnerships = {
        "invited": invited,
        "requested": requested,
        "accepted": PartnershipFactory(initiative=initiative),
        "declined": PartnershipFactory(initiative=initiative, state=Partnership.State.DECLINED),
        "lead": initiative.partnerships.get(role=Partnership.Role.LEAD),
    }
    organisation_admin(invited.organisation)
    organisation_admin(requested.organisation)
    if kind == "invited_org_admin":
        person = organisation_admin(invited.organisation)
    elif kind == "requesting_org_admin":
        person = organisation_admin(requested.organisation)
    elif kind == "creator":
        person = person_of_kind("member", lead)
        Initiative.objects.filter(pk=initiative.pk).update(created_by=person)
        initiative.refresh_from_db()
    else:
        person = person_of_kind(kind, lead)
    return World(initiative=initiative, partnerships=partnerships, person=person)


def test_the_table_covers_every_permission_of_the_initiatives_app():
    registered = {name for name in rules.permissions.permissions if name.startswith("initiatives.")}
    assert registered == {case.permission for case in CASES}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission(case: Case, kind: str):
    if case.situation == "nothing":
        world, target = build_world(kind, "public"), None
    elif case.situation in INITIATIVES:
        world = build_world(kind, case.situation)
        target = world.initiative
    else:
        initiative_situation, partnership = PARTNERSHIPS[case.situation]
        world = build_world(kind, initiative_situation)
        target = world.partnerships[partnership]

    assert world.person.has_perm(case.permission, target) is (kind in case.allowed)


def test_the_region_is_the_primary_region_of_the_initiative_not_that_of_its_lead():
    lead = OrganisationFactory()
    elsewhere = LabourMarketRegion.objects.current().exclude(pk=lead.municipality.region_id).first()
    initiative = InitiativeFactory(lead_organisation=lead, primary_region=elsewhere, visibility=Visibility.DRAFT)
    coordinator_of_the_lead = person_of_kind("region_coordinator", lead)
    coordinator_of_the_initiative = verified_person()
    RegionCoordinatorFactory(user=coordinator_of_the_initiative, region=elsewhere)

    for permission in ("initiatives.view_initiative", "initiatives.change_initiative"):
        assert coordinator_of_the_initiative.has_perm(permission, initiative)
        assert not coordinator_of_the_lead.has_perm(permission, initiative)
