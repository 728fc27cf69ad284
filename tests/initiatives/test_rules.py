"""Every initiatives permission against every kind of user, asked the way views, services and templates ask it.

"The organisation" is the initiative's lead organisation and "the region" its primary region. Three kinds
join the nine of USER_KINDS: the member of the lead organisation who created the initiative, and, because
partnerships are answered by another organisation, the admin of an organisation that is invited and the
admin of one that asked to join. The thirteenth, the comment author, wrote the comments and progress updates of
the world; they are a member (not an admin) of another organisation, the accepted partner. The fourteenth, the
former creator, created the initiative as a member of the lead organisation and has left it since: what creating it
gave them ended with the membership.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
import rules
from django.conf import settings
from django.utils import timezone

from agendastad.accounts.models import User
from initiatives.models import Hidden, Initiative, Partnership, ProgressUpdate, Visibility
from regions.models import LabourMarketRegion, Membership

from ..factories import (
    USER_KINDS,
    CommentFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionCoordinatorFactory,
    organisation_admin,
    person_of_kind,
    verified_person,
    with_second_factor,
)

pytestmark = pytest.mark.django_db

KINDS: tuple[str, ...] = (
    *USER_KINDS,
    "creator",
    "former_creator",
    "invited_org_admin",
    "requesting_org_admin",
    "comment_author",
)

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
REGION_MODERATORS = frozenset({"region_coordinator"}) | MODERATORS
VERIFIED_DRAFT_READERS = DRAFT_READERS - {"unverified"}
CLOSERS = frozenset({"org_admin"}) | MODERATORS
AUTHOR = frozenset({"comment_author"})
PROGRESS_POSTERS = frozenset({"member", "org_admin", "creator"})
"""The lead's verified members; the comment author's organisation is the accepted partner (AUTHOR)."""


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
    Case("initiatives.see_initiative", "public", EVERYONE),
    Case("initiatives.see_initiative", "draft", DRAFT_READERS),
    Case("initiatives.see_initiative", "archived", MODERATORS),
    Case("initiatives.see_initiative", "archived draft", MODERATORS),
    Case("initiatives.see_initiative", "hidden", REGION_MODERATORS),
    Case("initiatives.see_initiative", "hidden after reports", REGION_MODERATORS),
    Case("initiatives.register_initiative", "nothing", VERIFIED_PEOPLE - {"former_creator"}),  # a member of none
    # For which organisation, and as running or completed (tests/initiatives/test_leading.py has the statuses).
    Case("initiatives.lead_initiative", "lead organisation", (LEAD_MEMBERS - {"unverified"}) | REGION_MODERATORS),
    Case("initiatives.start_underway", "lead organisation", REGION_MODERATORS),
    Case("initiatives.edit_initiative", "public", EDITORS),
    Case("initiatives.edit_initiative", "draft", EDITORS),
    Case("initiatives.edit_initiative", "archived", NOBODY),
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
    Case("initiatives.import_into_region", "primary region", REGION_MODERATORS),
    Case("initiatives.export_initiatives", "nothing", SPREADSHEET_USERS),
    Case("initiatives.answer_partnership", "invited", frozenset({"invited_org_admin"})),
    Case("initiatives.answer_partnership", "requested", frozenset({"org_admin"})),
    Case("initiatives.answer_partnership", "accepted", NOBODY),
    Case("initiatives.answer_partnership", "declined", NOBODY),
    Case("initiatives.answer_partnership", "lead", NOBODY),
    Case("initiatives.answer_partnership", "invited to a draft", frozenset({"invited_org_admin"})),
    Case("initiatives.answer_partnership", "invited to an archived initiative", NOBODY),
    Case("initiatives.answer_partnership", "requested of an archived initiative", NOBODY),
    Case("initiatives.answer_partnership", "declined long ago", NOBODY),
    # After a decline, the side that asked asks once more, once the wait is over (the lead's inviters here).
    Case("initiatives.ask_partnership_again", "declined long ago", INVITERS),
    Case("initiatives.ask_partnership_again", "declined", NOBODY),
    Case("initiatives.ask_partnership_again", "invited", NOBODY),
    Case("initiatives.ask_partnership_again", "declined long ago, in an archived initiative", NOBODY),
    Case("initiatives.withdraw_partnership", "invited", INVITERS),
    Case("initiatives.withdraw_partnership", "requested", frozenset({"requesting_org_admin"})),
    Case("initiatives.withdraw_partnership", "accepted", NOBODY),
    Case("initiatives.withdraw_partnership", "declined", NOBODY),
    Case("initiatives.withdraw_partnership", "lead", NOBODY),
    Case("initiatives.withdraw_partnership", "invited to a draft", NOBODY),
    Case("initiatives.withdraw_partnership", "invited to an archived initiative", NOBODY),
    # The discussion.
    Case("initiatives.post_comment", "public", VERIFIED_PEOPLE),
    Case("initiatives.post_comment", "draft", VERIFIED_DRAFT_READERS),
    Case("initiatives.post_comment", "archived", NOBODY),
    Case("initiatives.post_comment", "hidden", NOBODY),
    Case("initiatives.post_comment", "closed discussion", NOBODY),
    Case("initiatives.edit_comment", "comment", AUTHOR),
    Case("initiatives.edit_comment", "old comment", NOBODY),
    Case("initiatives.edit_comment", "removed comment", NOBODY),
    Case("initiatives.edit_comment", "hidden comment", NOBODY),
    Case("initiatives.edit_comment", "comment in a closed discussion", NOBODY),
    Case("initiatives.remove_comment", "comment", AUTHOR | MODERATORS),
    Case("initiatives.remove_comment", "old comment", AUTHOR | MODERATORS),
    Case("initiatives.remove_comment", "hidden comment", AUTHOR | MODERATORS),
    Case("initiatives.remove_comment", "removed comment", NOBODY),
    Case("initiatives.close_discussion", "public", CLOSERS),
    Case("initiatives.close_discussion", "draft", CLOSERS),
    Case("initiatives.close_discussion", "closed discussion", CLOSERS),
    Case("initiatives.close_discussion", "archived", NOBODY),
    Case("initiatives.close_discussion", "hidden", NOBODY),
    # A message through the site: about public initiatives, by verified people.
    Case("initiatives.contact_initiative", "public", VERIFIED_PEOPLE),
    Case("initiatives.contact_initiative", "draft", NOBODY),
    Case("initiatives.contact_initiative", "archived", NOBODY),
    Case("initiatives.contact_initiative", "hidden", NOBODY),
    # Reports, moderation and appeals.
    Case("initiatives.report_initiative", "public", VERIFIED_PEOPLE - {"creator", "former_creator"}),
    Case("initiatives.report_initiative", "draft", NOBODY),
    Case("initiatives.report_initiative", "archived", NOBODY),
    Case("initiatives.report_initiative", "hidden", NOBODY),
    Case("initiatives.report_comment", "comment", VERIFIED_PEOPLE - AUTHOR),
    Case("initiatives.report_comment", "comment on a draft", VERIFIED_DRAFT_READERS),
    Case("initiatives.report_comment", "removed comment", NOBODY),
    Case("initiatives.report_comment", "hidden comment", NOBODY),
    Case("initiatives.moderate_initiative", "public", REGION_MODERATORS),
    Case("initiatives.moderate_initiative", "hidden", REGION_MODERATORS),
    Case("initiatives.moderate_initiative", "archived", NOBODY),
    Case("initiatives.moderate_comment", "comment", REGION_MODERATORS),
    Case("initiatives.moderate_comment", "hidden comment", REGION_MODERATORS),
    Case("initiatives.moderate_comment", "removed comment", NOBODY),
    Case("initiatives.appeal_initiative", "public", NOBODY),
    Case("initiatives.appeal_initiative", "hidden", frozenset({"creator"})),
    Case("initiatives.appeal_initiative", "hidden after reports", frozenset({"creator"})),
    Case("initiatives.appeal_comment", "comment", NOBODY),
    Case("initiatives.appeal_comment", "hidden comment", AUTHOR),
    Case("initiatives.appeal_comment", "removed comment", NOBODY),
    Case("initiatives.post_progress", "public", PROGRESS_POSTERS | AUTHOR),
    Case("initiatives.post_progress", "draft", PROGRESS_POSTERS),
    Case("initiatives.post_progress", "archived", NOBODY),
    Case("initiatives.post_progress", "hidden", NOBODY),
    Case("initiatives.edit_progress", "progress update", AUTHOR),
    Case("initiatives.edit_progress", "hidden progress update", NOBODY),
    Case("initiatives.edit_progress", "progress update on an archived initiative", NOBODY),
    Case("initiatives.delete_progress", "progress update", AUTHOR),
    Case("initiatives.delete_progress", "hidden progress update", AUTHOR),
    Case("initiatives.moderate_progress", "progress update", REGION_MODERATORS),
    Case("initiatives.moderate_progress", "hidden progress update", REGION_MODERATORS),
    Case("initiatives.moderate_progress", "progress update on an archived initiative", NOBODY),
    Case(
        "initiatives.view_reports",
        "nothing",
        frozenset({"region_coordinator", "other_region_coordinator"}) | MODERATORS,
    ),
)

INITIATIVES: dict[str, dict] = {
    "public": {},
    "draft": {"visibility": Visibility.DRAFT},
    "archived": {"archived_at": timezone.now()},
    "archived draft": {"visibility": Visibility.DRAFT, "archived_at": timezone.now()},
    "hidden": {"hidden": Hidden.HIDDEN},
    "hidden after reports": {"hidden": Hidden.PENDING},
    "closed discussion": {"discussion_closed_at": timezone.now()},
}

COMMENTS: dict[str, tuple[str, dict]] = {
    "comment": ("public", {}),
    "old comment": ("public", {"created_at": timezone.now() - timedelta(minutes=16)}),
    "removed comment": ("public", {"removed_at": timezone.now()}),
    "hidden comment": ("public", {"hidden": Hidden.HIDDEN}),
    "comment on a draft": ("draft", {}),
    "comment in a closed discussion": ("closed discussion", {}),
}

PROGRESS: dict[str, tuple[str, dict]] = {
    "progress update": ("public", {}),
    "hidden progress update": ("public", {"hidden_at": timezone.now()}),
    "progress update on an archived initiative": ("archived", {}),
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
    "declined long ago": ("public", "declined long ago"),
    "declined long ago, in an archived initiative": ("archived", "declined long ago"),
}


@dataclass
class World:
    """An initiative of one organisation in Groningen: an invitation and a request waiting, a partner, a refusal."""

    initiative: Initiative
    partnerships: dict[str, Partnership]
    person: User
    comment_author: User


def build_world(kind: str, initiative_situation: str) -> World:
    initiative = InitiativeFactory(**INITIATIVES[initiative_situation])
    lead = initiative.lead_organisation
    organisation_admin(lead)
    invited = PartnershipFactory(initiative=initiative, state=Partnership.State.INVITED)
    requested = PartnershipFactory(initiative=initiative, state=Partnership.State.REQUESTED)
    comment_author = verified_person()
    partner = MembershipFactory(user=comment_author).organisation
    partnerships = {
        "invited": invited,
        "requested": requested,
        "accepted": PartnershipFactory(initiative=initiative, organisation=partner),
        "declined": PartnershipFactory(initiative=initiative, state=Partnership.State.DECLINED),
        "declined long ago": PartnershipFactory(
            initiative=initiative,
            state=Partnership.State.DECLINED,
            declined_at=timezone.now() - timedelta(days=settings.PARTNERSHIP_ASK_AGAIN_DAYS + 1),
        ),
        "lead": initiative.partnerships.get(role=Partnership.Role.LEAD),
    }
    organisation_admin(invited.organisation)
    organisation_admin(requested.organisation)
    if kind == "invited_org_admin":
        person = organisation_admin(invited.organisation)
    elif kind == "requesting_org_admin":
        person = organisation_admin(requested.organisation)
    elif kind in ("creator", "former_creator"):
        person = person_of_kind("member", lead)
        Initiative.objects.filter(pk=initiative.pk).update(created_by=person)
        initiative.refresh_from_db()
        if kind == "former_creator":
            Membership.objects.filter(user=person, organisation=lead).delete()
    if kind == "comment_author":
        person = comment_author
    elif kind not in ("invited_org_admin", "requesting_org_admin", "creator", "former_creator"):
        person = person_of_kind(kind, lead)
    return World(initiative=initiative, partnerships=partnerships, person=person, comment_author=comment_author)


def test_the_table_covers_every_permission_of_the_initiatives_app():
    registered = {name for name in rules.permissions.permissions if name.startswith("initiatives.")}
    assert registered == {case.permission for case in CASES}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission(case: Case, kind: str):
    if case.situation == "nothing":
        world, target = build_world(kind, "public"), None
    elif case.situation == "lead organisation":
        world = build_world(kind, "public")
        target = world.initiative.lead_organisation
    elif case.situation == "primary region":
        world = build_world(kind, "public")
        target = world.initiative.primary_region
    elif case.situation in INITIATIVES:
        world = build_world(kind, case.situation)
        target = world.initiative
    elif case.situation in COMMENTS:
        initiative_situation, fields = COMMENTS[case.situation]
        world = build_world(kind, initiative_situation)
        target = CommentFactory(initiative=world.initiative, author=world.comment_author, **fields)
    elif case.situation in PROGRESS:
        initiative_situation, fields = PROGRESS[case.situation]
        world = build_world(kind, initiative_situation)
        target = ProgressUpdate.objects.create(
            initiative=world.initiative,
            author=world.comment_author,
            organisation=world.partnerships["accepted"].organisation,
            text="Voortgang",
            **fields,
        )
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
    coordinator_of_the_initiative = with_second_factor(verified_person())
    RegionCoordinatorFactory(user=coordinator_of_the_initiative, region=elsewhere)

    for permission in ("initiatives.see_initiative", "initiatives.edit_initiative"):
        assert coordinator_of_the_initiative.has_perm(permission, initiative)
        assert not coordinator_of_the_lead.has_perm(permission, initiative)
