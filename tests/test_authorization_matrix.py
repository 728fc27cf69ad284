"""Every page and action of ours against every kind of user, over HTTP.

A person allowed in gets the page (200) or is sent on after the action (302, and the database
changed); an anonymous visitor is sent to the login page; anyone else gets 403, or 404 where
what they ask about is hidden from them (a draft or an archived initiative), and a refused
POST changes nothing in the database. A route that takes a slug or id must have a row here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from pytest_django.asserts import assertRedirects

from agendastad.accounts.models import User
from agendastad.agendas.models import AgendaCommitment, AgendaPriority, AgendaState, PriorityContribution, RegionAgenda
from agendastad.notifications.delivery import unsubscribe_token
from agendastad.notifications.models import Follow, Frequency, Notification, NotificationKind, NotificationPreference
from initiatives.models import (
    Comment,
    CommentKind,
    Hidden,
    Initiative,
    ModerationAction,
    Partnership,
    ProgressUpdate,
    Report,
    SoughtPartner,
    Status,
    Theme,
    Visibility,
)
from regions.models import (
    ContactMessage,
    Invitation,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    RegionCoordinator,
)

from .factories import (
    HOSTILE,
    USER_KINDS,
    AgendaPriorityFactory,
    CommentFactory,
    InitiativeFactory,
    InvitationFactory,
    MembershipFactory,
    NotificationFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionAgendaFactory,
    ReportFactory,
    contact_message,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db

EVERYONE = frozenset(USER_KINDS)
SIGNED_IN = EVERYONE - {"anonymous"}
VERIFIED_PEOPLE = SIGNED_IN - {"unverified"}
NOBODY: frozenset[str] = frozenset()
MANAGERS = frozenset({"org_admin", "moderator", "superuser"})
VERIFIERS = frozenset({"region_coordinator", "moderator", "superuser"})
JOINERS = frozenset({"other_org_member", "region_coordinator", "other_region_coordinator", "moderator", "superuser"})
MEMBERS = frozenset({"member", "org_admin"})

UNKNOWN = {
    "slug": "bestaat-niet",
    "verified_slug": "bestaat-niet",
    "unclaimed_slug": "bestaat-niet",
    "region": "bestaat-niet",
    "other_region": "bestaat-niet",
    "theme": "bestaat-niet",
}
UNKNOWN_IDS = {
    "request_pk": 2_000_000_000,
    "colleague_pk": 2_000_000_000,
    "token": "bestaat-niet",
    "notification_pk": 2_000_000_000,
    "others_notification_pk": 2_000_000_000,
    "unsubscribe_token": "bestaat-niet",
    "contact_message_pk": 2_000_000_000,
    "others_contact_message_pk": 2_000_000_000,
    "session_pk": 2_000_000_000,
    "others_session_pk": 2_000_000_000,
}


@dataclass(frozen=True)
class Endpoint:
    route: str
    method: str
    path: str
    allowed: frozenset[str]
    data: Callable[["World"], dict] = field(default=lambda world: {})
    variant: str = ""
    hidden: frozenset[str] = frozenset()
    """Kinds that get 404, as for a slug that does not exist: what they ask about is hidden from them."""
    refused_by_form: frozenset[str] = frozenset()
    """Kinds that get the form again (200) with an error, because what they chose is not theirs to choose."""
    sends_on: bool = False
    """A GET that sends the person on (302) without changing anything, as a notification's address does."""

    @property
    def id(self) -> str:
        return " ".join(part for part in (self.method.upper(), self.route, self.variant) if part)

    @property
    def looks_up_objects(self) -> bool:
        return "{" in self.path


@dataclass
class World:
    """One organisation in Groningen with an admin, an approved colleague, a request waiting and open invitations."""

    organisation: Organisation
    verified_organisation: Organisation
    person: User | AnonymousUser
    request: Membership
    colleague: Membership
    invitation_for_someone_else: Invitation
    invitation_for_person: Invitation
    admin: User
    notification_for_person: Notification | None
    notification_for_admin: Notification
    contact_message_for_person: ContactMessage | None
    contact_message_for_admin: ContactMessage
    session_for_person: UserSession | None
    session_for_admin: UserSession
    unclaimed: Organisation
    """Verified, in the same municipality, and nobody manages it: its region's coordinators may invite someone
    to claim it."""

    @property
    def other_region_coordinated(self):
        """The region `other_region_coordinator` coordinates (person_of_kind's choice): another than the world's."""
        elsewhere = Municipality.objects.current().exclude(region=self.organisation.municipality.region).first()
        return elsewhere.region

    @property
    def values(self) -> dict[str, object]:
        return {
            "slug": self.organisation.slug,
            "verified_slug": self.verified_organisation.slug,
            "region": self.organisation.municipality.region.slug,
            "other_region": self.other_region_coordinated.slug,
            "theme": Theme.objects.order_by("pk").first().slug,
            "request_pk": self.request.pk,
            "colleague_pk": self.colleague.pk,
            "token": self.invitation_for_someone_else.token,
            "my_token": self.invitation_for_person.token,
            "notification_pk": getattr(self.notification_for_person, "pk", self.notification_for_admin.pk),
            "others_notification_pk": self.notification_for_admin.pk,
            "unsubscribe_token": unsubscribe_token(user=self.admin, kinds=[NotificationKind.PARTNERSHIP]),
            "contact_message_pk": getattr(self.contact_message_for_person, "pk", self.contact_message_for_admin.pk),
            "others_contact_message_pk": self.contact_message_for_admin.pk,
            "session_pk": getattr(self.session_for_person, "pk", self.session_for_admin.pk),
            "others_session_pk": self.session_for_admin.pk,
            "unclaimed_slug": self.unclaimed.slug,
        }


def organisation_form(world: World) -> dict:
    return {
        "name": f"{HOSTILE} Techniekcollege",
        "kind": OrganisationKind.SCHOOL_MBO,
        "municipality": Municipality.objects.get(code="GM0014").pk,
        "website": "https://techniekcollege.example.nl",
        "description": HOSTILE,
        "kvk_number": "",
    }


def contact_form(world) -> dict:
    return {"subject": HOSTILE, "text": f"{HOSTILE}\nBcc: slachtoffer@example.org"}


def claim_form(world: World) -> dict:
    return {"email": "beheerder@example.org"}


def preferences_form(world: World) -> dict:
    return dict.fromkeys(NotificationKind.values, Frequency.WEEKLY)


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("home", "get", "/", EVERYONE),
    Endpoint("regions:list", "get", "/regios/", EVERYONE),
    Endpoint("regions:detail", "get", "/regios/{region}/", EVERYONE),
    Endpoint("regions:report", "get", "/regios/{region}/rapport/", EVERYONE),
    Endpoint("insight:region_network", "get", "/regios/{region}/netwerk/", EVERYONE),
    Endpoint("insight:overview", "get", "/inzicht/", EVERYONE),
    Endpoint("insight:network", "get", "/inzicht/netwerk/", EVERYONE),
    Endpoint("insight:programme_list", "get", "/programmas/", EVERYONE),
    Endpoint("insight:programme_detail", "get", "/programmas/techniekpact/", EVERYONE),
    Endpoint("initiatives:theme_list", "get", "/themas/", EVERYONE),
    Endpoint("initiatives:theme_detail", "get", "/themas/{theme}/", EVERYONE),
    Endpoint("regions:organisation_list", "get", "/organisaties/", EVERYONE),
    Endpoint("regions:organisation_detail", "get", "/organisaties/{slug}/", EVERYONE),
    # Open data holds public initiatives only, whoever asks (tests/opendata/).
    Endpoint("opendata:index", "get", "/open-data/", EVERYONE),
    Endpoint("opendata:export_csv", "get", "/initiatieven/export.csv", EVERYONE),
    Endpoint("opendata:export_xlsx", "get", "/initiatieven/export.xlsx", EVERYONE),
    Endpoint("opendata:export_json", "get", "/initiatieven/export.json", EVERYONE),
    Endpoint("opendata:feed", "get", "/initiatieven/feed.xml", EVERYONE),
    Endpoint("opendata:region_feed", "get", "/regios/{region}/feed/", EVERYONE),
    Endpoint("opendata:theme_feed", "get", "/themas/{theme}/feed/", EVERYONE),
    Endpoint("robots", "get", "/robots.txt", EVERYONE),
    Endpoint("regions:organisation_create", "get", "/organisaties/nieuw/", VERIFIED_PEOPLE),
    Endpoint("regions:organisation_create", "post", "/organisaties/nieuw/", VERIFIED_PEOPLE, organisation_form),
    Endpoint("regions:organisation_update", "get", "/organisaties/{slug}/bewerken/", MANAGERS),
    Endpoint("regions:organisation_update", "post", "/organisaties/{slug}/bewerken/", MANAGERS, organisation_form),
    Endpoint("regions:organisation_verify", "post", "/organisaties/{slug}/verifieren/", VERIFIERS),
    Endpoint(
        "regions:organisation_verify", "post", "/organisaties/{verified_slug}/verifieren/", NOBODY, variant="again"
    ),
    # A region's workspace: its coordinators and moderators. Verifying from there finds only the region's own
    # organisations (another region's address answers 404 to everyone, before the login page or the rule).
    Endpoint("regions:workspace", "get", "/mijn/regio/{region}/", VERIFIERS),
    Endpoint(
        "regions:workspace",
        "get",
        "/mijn/regio/{other_region}/",
        frozenset({"other_region_coordinator", "moderator", "superuser"}),
        variant="another region",
    ),
    Endpoint("regions:workspace_verify", "post", "/mijn/regio/{region}/verifieren/{slug}/", VERIFIERS),
    Endpoint(
        "regions:workspace_verify",
        "post",
        "/mijn/regio/{region}/verifieren/{verified_slug}/",
        NOBODY,
        variant="again",
    ),
    Endpoint(
        "regions:workspace_verify",
        "post",
        "/mijn/regio/{other_region}/verifieren/{slug}/",
        NOBODY,
        hidden=EVERYONE,
        variant="through another region",
    ),
    Endpoint("regions:membership_request", "post", "/organisaties/{slug}/aanmelden/", JOINERS),
    Endpoint("regions:members", "get", "/organisaties/{slug}/leden/", MANAGERS),
    Endpoint(
        "regions:invite",
        "post",
        "/organisaties/{slug}/uitnodigen/",
        MANAGERS,
        lambda world: {"email": "uitgenodigd@example.org", "role": Membership.Role.MEMBER},
    ),
    Endpoint("regions:invite_claimant", "get", "/organisaties/{unclaimed_slug}/beheerder-uitnodigen/", VERIFIERS),
    Endpoint(
        "regions:invite_claimant", "post", "/organisaties/{unclaimed_slug}/beheerder-uitnodigen/", VERIFIERS, claim_form
    ),
    # An organisation that has an admin cannot be claimed, not even by its region's coordinator.
    Endpoint(
        "regions:invite_claimant",
        "post",
        "/organisaties/{slug}/beheerder-uitnodigen/",
        NOBODY,
        claim_form,
        variant="has an admin",
    ),
    Endpoint(
        "regions:membership_action",
        "post",
        "/organisaties/{slug}/leden/{request_pk}/goedkeuren/",
        MANAGERS,
        variant="goedkeuren",
    ),
    Endpoint(
        "regions:membership_action",
        "post",
        "/organisaties/{slug}/leden/{request_pk}/afwijzen/",
        MANAGERS,
        variant="afwijzen",
    ),
    Endpoint(
        "regions:membership_action",
        "post",
        "/organisaties/{slug}/leden/{colleague_pk}/rol/",
        MANAGERS,
        lambda world: {"role": Membership.Role.ADMIN},
        variant="rol",
    ),
    Endpoint(
        "regions:membership_action",
        "post",
        "/organisaties/{slug}/leden/{colleague_pk}/verwijderen/",
        MANAGERS,
        variant="verwijderen",
    ),
    Endpoint("regions:leave", "get", "/organisaties/{slug}/verlaten/", MEMBERS),
    Endpoint("regions:leave", "post", "/organisaties/{slug}/verlaten/", MEMBERS),
    Endpoint(
        "regions:profile_visibility",
        "post",
        "/organisaties/{slug}/zichtbaarheid/",
        MEMBERS,
        lambda world: {"shown": "1"},
    ),
    # Messages through the site: everyone reads who would receive one; verified people send; recipients report.
    Endpoint("regions:organisation_contact", "get", "/organisaties/{slug}/contact/", EVERYONE),
    Endpoint("regions:organisation_contact", "post", "/organisaties/{slug}/contact/", VERIFIED_PEOPLE, contact_form),
    Endpoint("regions:contact_report", "get", "/mijn/berichten/{contact_message_pk}/melden/", VERIFIED_PEOPLE),
    Endpoint("regions:contact_report", "post", "/mijn/berichten/{contact_message_pk}/melden/", VERIFIED_PEOPLE),
    Endpoint(
        "regions:contact_report",
        "post",
        "/mijn/berichten/{others_contact_message_pk}/melden/",
        NOBODY,
        variant="to someone else",
    ),
    Endpoint("mine", "get", "/mijn/", SIGNED_IN),
    Endpoint("account_delete", "get", "/account/verwijderen/", SIGNED_IN),
    Endpoint("regions:invitation", "get", "/mijn/uitnodigingen/{token}/", SIGNED_IN, variant="to someone else"),
    Endpoint(
        "regions:invitation",
        "post",
        "/mijn/uitnodigingen/{token}/",
        NOBODY,
        lambda world: {"accept": "1"},
        variant="accept, to someone else",
    ),
    Endpoint("regions:invitation", "post", "/mijn/uitnodigingen/{token}/", NOBODY, variant="decline, to someone else"),
    Endpoint(
        "regions:invitation",
        "post",
        "/mijn/uitnodigingen/{my_token}/",
        VERIFIED_PEOPLE,
        lambda world: {"accept": "1"},
        variant="accept, to me",
    ),
    # Following and notifications. The person follows the world's region already (so may stop), not the theme.
    Endpoint("notifications:follow", "post", "/volgen/thema/{theme}/", VERIFIED_PEOPLE, variant="theme"),
    Endpoint("notifications:unfollow", "post", "/ontvolgen/regio/{region}/", SIGNED_IN, variant="region"),
    # Organisations are public: any verified person follows one; whoever follows it (the world's person) may stop.
    Endpoint("notifications:follow", "post", "/volgen/organisatie/{verified_slug}/", VERIFIED_PEOPLE, variant="org"),
    Endpoint("notifications:unfollow", "post", "/ontvolgen/organisatie/{slug}/", SIGNED_IN, variant="organisation"),
    Endpoint("notifications:list", "get", "/mijn/meldingen/", SIGNED_IN),
    Endpoint("notifications:read_all", "post", "/mijn/meldingen/gelezen/", SIGNED_IN),
    Endpoint(
        "notifications:open", "get", "/mijn/meldingen/{notification_pk}/", SIGNED_IN, variant="own", sends_on=True
    ),
    Endpoint(
        "notifications:open",
        "get",
        "/mijn/meldingen/{others_notification_pk}/",
        NOBODY,
        hidden=SIGNED_IN,
        variant="someone else's",
    ),
    Endpoint("notifications:open", "post", "/mijn/meldingen/{notification_pk}/", SIGNED_IN, variant="own"),
    Endpoint(
        "notifications:open",
        "post",
        "/mijn/meldingen/{others_notification_pk}/",
        NOBODY,
        hidden=SIGNED_IN,
        variant="someone else's",
    ),
    Endpoint("notifications:read", "post", "/mijn/meldingen/{notification_pk}/gelezen/", SIGNED_IN, variant="own"),
    Endpoint(
        "notifications:read",
        "post",
        "/mijn/meldingen/{others_notification_pk}/gelezen/",
        NOBODY,
        hidden=SIGNED_IN,
        variant="someone else's",
    ),
    Endpoint("notifications:preferences", "get", "/mijn/meldingen/instellingen/", SIGNED_IN),
    Endpoint("notifications:preferences", "post", "/mijn/meldingen/instellingen/", SIGNED_IN, preferences_form),
    # The link in a mail: the signed token is the permission, for whoever holds it, signed in or not.
    Endpoint("notifications:unsubscribe", "get", "/meldingen/afmelden/{unsubscribe_token}/", EVERYONE),
    Endpoint("notifications:unsubscribe", "post", "/meldingen/afmelden/{unsubscribe_token}/", EVERYONE),
    # The list of sessions: a person signs out one of their own sessions; someone else's is not found.
    Endpoint("usersession_end", "post", "/account/sessions/{session_pk}/afmelden/", SIGNED_IN, variant="own"),
    Endpoint(
        "usersession_end",
        "post",
        "/account/sessions/{others_session_pk}/afmelden/",
        NOBODY,
        hidden=SIGNED_IN,
        variant="someone else's",
    ),
    # The JSON API (docs/api.md) reads the same public data for everyone and takes no session into account.
    Endpoint("api:organisations-list", "get", "/api/v1/organisations/", EVERYONE),
    Endpoint("api:organisations-detail", "get", "/api/v1/organisations/{slug}/", EVERYONE),
    Endpoint("api:regions-list", "get", "/api/v1/regions/", EVERYONE),
    Endpoint("api:regions-detail", "get", "/api/v1/regions/{region}/", EVERYONE),
    Endpoint("api:municipalities-list", "get", "/api/v1/municipalities/", EVERYONE),
    Endpoint("api:municipalities-detail", "get", "/api/v1/municipalities/GM0014/", EVERYONE),
    Endpoint("api:themes-list", "get", "/api/v1/themes/", EVERYONE),
    Endpoint("api:themes-detail", "get", "/api/v1/themes/{theme}/", EVERYONE),
    Endpoint("api:programmes-list", "get", "/api/v1/programmes/", EVERYONE),
    Endpoint("api:programmes-detail", "get", "/api/v1/programmes/techniekpact/", EVERYONE),
    Endpoint("api:target-groups-list", "get", "/api/v1/target-groups/", EVERYONE),
    Endpoint("api:target-groups-detail", "get", "/api/v1/target-groups/jongeren-zonder-startkwalificatie/", EVERYONE),
)

THIRD_PARTY_NAMESPACES = frozenset({"admin"})
THIRD_PARTY_URLCONFS = ("allauth.",)
OUR_APPS = ("agendastad.", "regions.", "initiatives.")


def build_world(kind: str) -> World:
    """The world of `kind`. The organisation's first admin has a notification; a signed-in person has one too
    and follows the organisation's region and the organisation."""
    organisation = OrganisationFactory()
    admin = organisation_admin(organisation)
    person = person_of_kind(kind, organisation)
    if person.is_authenticated:
        Follow.objects.create(user=person, target=organisation.municipality.region)
        Follow.objects.create(user=person, target=organisation)
    return World(
        organisation=organisation,
        verified_organisation=OrganisationFactory(verified_at=timezone.now()),
        person=person,
        request=MembershipFactory(user=verified_person(), organisation=organisation, state=Membership.State.REQUESTED),
        colleague=MembershipFactory(user=verified_person(), organisation=organisation),
        invitation_for_someone_else=InvitationFactory(organisation=organisation),
        invitation_for_person=InvitationFactory(
            organisation=organisation, email=getattr(person, "email", "anonymous@example.org"), invited_by=admin
        ),
        admin=admin,
        notification_for_person=NotificationFactory(recipient=person) if person.is_authenticated else None,
        notification_for_admin=NotificationFactory(recipient=admin),
        contact_message_for_person=(
            contact_message(recipient=person, sender=admin, about=organisation) if person.is_authenticated else None
        ),
        contact_message_for_admin=contact_message(recipient=admin, about=organisation),
        session_for_person=user_session(person) if person.is_authenticated else None,
        session_for_admin=user_session(admin),
        unclaimed=OrganisationFactory(municipality=organisation.municipality, verified_at=timezone.now()),
    )


def user_session(user: User) -> UserSession:
    """A session of `user` elsewhere (another browser), as allauth lists it on /account/sessions/."""
    return UserSession.objects.create(
        user=user, session_key=f"elsewhere{user.pk:031d}", ip="192.0.2.1", user_agent="Firefox elders"
    )


def snapshot() -> dict[str, list[dict]]:
    """Every row that an action on organisations, memberships or invitations could touch."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (
            Organisation,
            Membership,
            Invitation,
            RegionCoordinator,
            Follow,
            Notification,
            NotificationPreference,
            ContactMessage,
            UserSession,
        )
    }


def sign_in_as(client, person: User | AnonymousUser) -> None:
    """Coordinators, moderators and superusers in a session that passed the second factor (SECOND_FACTOR_KINDS),
    everyone else with their password; tests/test_second_factor.py signs the first ones in without it."""
    if person.is_authenticated:
        sign_in(client, person, second_factor=person.second_factor_passed)


def assert_outcome(endpoint: Endpoint, kind: str, response, path: str, *, changed: bool) -> None:
    """What `kind` should notice after asking `endpoint`, and whether the database may have changed."""
    if kind in endpoint.allowed and endpoint.method == "get":
        assert response.status_code == (302 if endpoint.sends_on else 200)
        assert not changed
    elif kind in endpoint.allowed:
        assert response.status_code == 302
        assert not response.url.startswith("/account/login/")
        assert changed
    elif kind in endpoint.hidden:
        assert response.status_code == 404
        assert not changed
    elif kind in endpoint.refused_by_form:
        assert response.status_code == 200
        assert not changed
    elif kind == "anonymous":
        assertRedirects(response, f"/account/login/?next={path}", fetch_redirect_response=False)
        assert not changed
    else:
        assert response.status_code == 403
        assert not changed


@pytest.mark.parametrize("action", ["goedkeuren", "afwijzen", "rol", "verwijderen"])
def test_a_membership_of_another_organisation_is_not_found_through_this_one(client, action: str):
    world = build_world("org_admin")
    elsewhere = MembershipFactory(state=Membership.State.REQUESTED)
    MembershipFactory(organisation=elsewhere.organisation, role=Membership.Role.ADMIN)
    client.force_login(world.person)
    before = snapshot()

    response = client.post(
        f"/organisaties/{world.organisation.slug}/leden/{elsewhere.pk}/{action}/", {"role": Membership.Role.ADMIN}
    )

    assert response.status_code == 404
    assert snapshot() == before


# Initiatives and partnerships. "The organisation" is the lead organisation, "the region" the initiative's
# primary region. Two more kinds answer partnerships: the admin of an invited organisation and the admin of
# one that asked to join. A third, the author, wrote the world's comments (the one on the draft is by another
# admin of the lead) and created its hidden initiative, for the organisation (in the same municipality) they
# are a member, not an admin, of: a creator answers for an initiative only while a member of its lead.
# Whoever may not see a draft, an archived or a hidden initiative gets 404 for everything about it, as
# for a slug that does not exist, so that not even a login redirect betrays it.

INITIATIVE_KINDS: tuple[str, ...] = (*USER_KINDS, "invited_org_admin", "requesting_org_admin", "author")
ALL_INITIATIVE_KINDS = frozenset(INITIATIVE_KINDS)
VERIFIED_PARTNERS = ALL_INITIATIVE_KINDS - {"anonymous", "unverified"}
MODERATORS = frozenset({"moderator", "superuser"})
DRAFT_READERS = frozenset({"unverified", "member", "org_admin", "region_coordinator"}) | MODERATORS
NOT_DRAFT_READERS = ALL_INITIATIVE_KINDS - DRAFT_READERS
NOT_MODERATORS = ALL_INITIATIVE_KINDS - MODERATORS
EDITORS = frozenset({"org_admin", "region_coordinator"}) | MODERATORS
ARCHIVERS = frozenset({"org_admin"}) | MODERATORS
INVITERS = frozenset({"org_admin", "region_coordinator"})
LEADERS = frozenset({"member", "org_admin", "region_coordinator"}) | MODERATORS
SPREADSHEET_USERS = frozenset({"region_coordinator", "other_region_coordinator"}) | MODERATORS
VERIFIED_DRAFT_READERS = DRAFT_READERS - {"unverified"}
REGION_MODERATORS = frozenset({"region_coordinator"}) | MODERATORS
AUTHOR = frozenset({"author"})
CLOSERS = frozenset({"org_admin"}) | MODERATORS
PROGRESS_POSTERS = frozenset({"member", "org_admin", "author"})
"""The lead's members and an accepted partner's (the author's organisation is one on the public initiative)."""

UNKNOWN_INITIATIVE_VALUES = {
    "public": "bestaat-niet",
    "draft": "bestaat-niet",
    "archived": "bestaat-niet",
    "invited_pk": 2_000_000_000,
    "requested_pk": 2_000_000_000,
    "accepted_pk": 2_000_000_000,
    "draft_invited_pk": 2_000_000_000,
    "archived_invited_pk": 2_000_000_000,
    "archived_requested_pk": 2_000_000_000,
    "declined_pk": 2_000_000_000,
    "hidden": "bestaat-niet",
    "closed": "bestaat-niet",
    "comment_pk": 2_000_000_000,
    "hidden_comment_pk": 2_000_000_000,
    "draft_comment_pk": 2_000_000_000,
    "progress_pk": 2_000_000_000,
    "draft_progress_pk": 2_000_000_000,
}


@dataclass
class InitiativeWorld:
    """A public, a draft and an archived initiative of one organisation in Groningen, each with a partnership
    waiting for the invited organisation; the public and archived ones also with a request waiting for the lead."""

    organisation: Organisation
    public: Initiative
    draft: Initiative
    archived: Initiative
    invited: Partnership
    requested: Partnership
    accepted: Partnership
    draft_invited: Partnership
    archived_invited: Partnership
    archived_requested: Partnership
    declined: Partnership
    """An invitation the organisation declined long enough ago that the lead may ask again."""
    newcomer: Organisation
    person: User | AnonymousUser
    hidden: Initiative
    closed: Initiative
    comment: Comment
    hidden_comment: Comment
    draft_comment: Comment
    progress: ProgressUpdate
    draft_progress: ProgressUpdate

    @property
    def values(self) -> dict[str, object]:
        return {
            "public": self.public.slug,
            "draft": self.draft.slug,
            "archived": self.archived.slug,
            "invited_pk": self.invited.pk,
            "requested_pk": self.requested.pk,
            "accepted_pk": self.accepted.pk,
            "draft_invited_pk": self.draft_invited.pk,
            "archived_invited_pk": self.archived_invited.pk,
            "archived_requested_pk": self.archived_requested.pk,
            "declined_pk": self.declined.pk,
            "hidden": self.hidden.slug,
            "closed": self.closed.slug,
            "comment_pk": self.comment.pk,
            "hidden_comment_pk": self.hidden_comment.pk,
            "draft_comment_pk": self.draft_comment.pk,
            "progress_pk": self.progress.pk,
            "draft_progress_pk": self.draft_progress.pk,
        }


def _build_initiative_world(kind: str) -> InitiativeWorld:
    organisation = OrganisationFactory()
    organisation_admin(organisation)
    public = InitiativeFactory(lead_organisation=organisation)
    draft = InitiativeFactory(lead_organisation=organisation, visibility=Visibility.DRAFT)
    archived = InitiativeFactory(lead_organisation=organisation, archived_at=timezone.now())
    invited_organisation, requesting_organisation = OrganisationFactory(), OrganisationFactory()
    organisation_admin(invited_organisation)
    organisation_admin(requesting_organisation)
    invited, requested = Partnership.State.INVITED, Partnership.State.REQUESTED
    author = verified_person()
    authors_organisation = MembershipFactory(user=author).organisation
    if kind == "invited_org_admin":
        person = organisation_admin(invited_organisation)
    elif kind == "requesting_org_admin":
        person = organisation_admin(requesting_organisation)
    elif kind == "author":
        person = author
    else:
        person = person_of_kind(kind, organisation)
    draft_admin = organisation_admin(organisation)
    return InitiativeWorld(
        organisation=organisation,
        public=public,
        draft=draft,
        archived=archived,
        invited=PartnershipFactory(initiative=public, organisation=invited_organisation, state=invited),
        requested=PartnershipFactory(initiative=public, organisation=requesting_organisation, state=requested),
        accepted=PartnershipFactory(initiative=public, organisation=authors_organisation),
        draft_invited=PartnershipFactory(initiative=draft, organisation=invited_organisation, state=invited),
        archived_invited=PartnershipFactory(initiative=archived, organisation=invited_organisation, state=invited),
        archived_requested=PartnershipFactory(
            initiative=archived, organisation=requesting_organisation, state=requested
        ),
        declined=PartnershipFactory(
            initiative=public,
            state=Partnership.State.DECLINED,
            declined_at=timezone.now() - timedelta(days=settings.PARTNERSHIP_ASK_AGAIN_DAYS + 1),
        ),
        newcomer=OrganisationFactory(),
        person=person,
        hidden=InitiativeFactory(lead_organisation=authors_organisation, hidden=Hidden.HIDDEN, created_by=author),
        closed=InitiativeFactory(lead_organisation=organisation, discussion_closed_at=timezone.now()),
        comment=CommentFactory(initiative=public, author=author),
        hidden_comment=CommentFactory(initiative=public, author=author, hidden=Hidden.HIDDEN),
        draft_comment=CommentFactory(initiative=draft, author=draft_admin),
        progress=ProgressUpdate.objects.create(
            initiative=public, author=author, organisation=authors_organisation, text=HOSTILE
        ),
        draft_progress=ProgressUpdate.objects.create(
            initiative=draft, author=draft_admin, organisation=organisation, text=HOSTILE
        ),
    )


def build_initiative_world(kind: str) -> InitiativeWorld:
    """The initiative world of `kind`, in which a signed-in person follows the archived initiative (whether or not
    they may see it), so that they may stop following it; its public comment has an open report."""
    world = _build_initiative_world(kind)
    ReportFactory(comment=world.comment)  # so that its moderators may keep it visible and close the report
    if world.person.is_authenticated:
        Follow.objects.create(user=world.person, target=world.archived)
    return world


def initiative_snapshot() -> dict[str, list[dict]]:
    """Every row an action on initiatives could touch, with version, status, archived_at and the history."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (
            Initiative,
            Initiative.history.model,
            Partnership,
            SoughtPartner,
            Organisation,
            Membership,
            Follow,
            Notification,
            Comment,
            Report,
            ModerationAction,
            ContactMessage,
            ProgressUpdate,
        )
    }


def initiative_form(initiative: Initiative | None, world: InitiativeWorld) -> dict:
    """The initiative form filled in: a new idea led by the world's organisation, or an edit of `initiative`."""
    data = {
        "title": f"{HOSTILE} Gewijzigd",
        "summary": f"{HOSTILE} Samenvatting",
        "description": HOSTILE,
        "status": Status.IDEA,
        "visibility": Visibility.PUBLIC,
        "themes": [Theme.objects.get(number=1).pk],
        "primary_region": world.organisation.municipality.region_id,
        "sought_note": HOSTILE,
    }
    if initiative is None:
        return {**data, "lead_organisation": world.organisation.pk}
    return {**data, "visibility": initiative.visibility, "version": initiative.version}


def request_form(world: InitiativeWorld) -> dict:
    """On behalf of an organisation the person administers that takes no part yet, if there is one."""
    admin_of = Membership.objects.admins().filter(user_id=world.person.pk).values("organisation")
    taken = world.public.partnerships.values("organisation")
    own = Organisation.objects.filter(pk__in=admin_of).exclude(pk__in=taken).first()
    return {"organisation": (own or world.newcomer).pk, "role": Partnership.Role.PARTNER, "note": HOSTILE}


def invite_form(world: InitiativeWorld) -> dict:
    return {"organisation": world.newcomer.slug, "role": Partnership.Role.FUNDER, "note": HOSTILE}


def ask_again_form(world: InitiativeWorld) -> dict:
    return {"note": f"{HOSTILE} Er is iets veranderd"}


def new_status(world: InitiativeWorld) -> dict:
    return {"status": Status.PROPOSAL}


def accept(world: InitiativeWorld) -> dict:
    return {"accept": "1"}


def comment_form(world: InitiativeWorld) -> dict:
    return {"kind": CommentKind.SUGGESTION, "text": f"{HOSTILE} Een reactie"}


def report_form(world: InitiativeWorld) -> dict:
    return {"reason": "spam", "text": HOSTILE}


def decision(name: str) -> Callable[[InitiativeWorld], dict]:
    return lambda world: {"decision": name, "reason": f"{HOSTILE} Een reden"}


def appeal_form(world: InitiativeWorld) -> dict:
    return {"text": f"{HOSTILE} Mijn antwoord"}


def progress_form(world: InitiativeWorld) -> dict:
    """For the person's organisation that takes part in the public initiative (the author's is an accepted
    partner), else for the lead."""
    mine = Membership.objects.active().filter(user_id=world.person.pk).values("organisation")
    taking_part = world.public.partnerships.accepted().filter(organisation__in=mine).first()
    organisation = taking_part.organisation_id if taking_part else world.organisation.pk
    return {"organisation": organisation, "text": f"{HOSTILE} Voortgang", "link": "https://example.nl/verslag"}


ANSWER = "/initiatieven/{initiative}/partners/{pk}/antwoord/"
COMMENT = "/initiatieven/{public}/reacties/{comment_pk}/"
HIDDEN_COMMENT = "/initiatieven/{public}/reacties/{hidden_comment_pk}/"
PROGRESS = "/initiatieven/{public}/voortgang/"
PROGRESS_UPDATE = "/initiatieven/{public}/voortgang/{progress_pk}/"

INITIATIVE_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("initiatives:list", "get", "/initiatieven/", ALL_INITIATIVE_KINDS),
    Endpoint("initiatives:matchmaking", "get", "/partners-gezocht/", ALL_INITIATIVE_KINDS),
    Endpoint("initiatives:create", "get", "/initiatieven/nieuw/", VERIFIED_PARTNERS),
    Endpoint(
        "initiatives:create",
        "post",
        "/initiatieven/nieuw/",
        LEADERS,
        lambda world: initiative_form(None, world),
        refused_by_form=VERIFIED_PARTNERS - LEADERS,
    ),
    # Uploading and confirming an import are tested per kind of user in tests/initiatives/test_spreadsheets.py.
    Endpoint("initiatives:import", "get", "/initiatieven/importeren/", SPREADSHEET_USERS),
    Endpoint("initiatives:export", "get", "/initiatieven/exporteren/", SPREADSHEET_USERS),
    Endpoint("initiatives:detail", "get", "/initiatieven/{public}/", ALL_INITIATIVE_KINDS, variant="public"),
    Endpoint(
        "initiatives:detail", "get", "/initiatieven/{draft}/", DRAFT_READERS, hidden=NOT_DRAFT_READERS, variant="draft"
    ),
    Endpoint(
        "initiatives:detail",
        "get",
        "/initiatieven/{archived}/",
        MODERATORS,
        hidden=NOT_MODERATORS,
        variant="archived",
    ),
    Endpoint("initiatives:history", "get", "/initiatieven/{public}/versies/", ALL_INITIATIVE_KINDS, variant="public"),
    Endpoint(
        "initiatives:history",
        "get",
        "/initiatieven/{draft}/versies/",
        DRAFT_READERS,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:history",
        "get",
        "/initiatieven/{archived}/versies/",
        MODERATORS,
        hidden=NOT_MODERATORS,
        variant="archived",
    ),
    Endpoint("initiatives:update", "get", "/initiatieven/{public}/bewerken/", EDITORS, variant="public"),
    Endpoint(
        "initiatives:update",
        "get",
        "/initiatieven/{draft}/bewerken/",
        EDITORS,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:update",
        "get",
        "/initiatieven/{archived}/bewerken/",
        NOBODY,
        hidden=ALL_INITIATIVE_KINDS,
        variant="archived",
    ),
    Endpoint(
        "initiatives:update",
        "post",
        "/initiatieven/{public}/bewerken/",
        EDITORS,
        lambda world: initiative_form(world.public, world),
        variant="public",
    ),
    Endpoint(
        "initiatives:update",
        "post",
        "/initiatieven/{draft}/bewerken/",
        EDITORS,
        lambda world: initiative_form(world.draft, world),
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:update",
        "post",
        "/initiatieven/{archived}/bewerken/",
        NOBODY,
        lambda world: initiative_form(world.archived, world),
        hidden=ALL_INITIATIVE_KINDS,
        variant="archived",
    ),
    Endpoint("initiatives:status", "post", "/initiatieven/{public}/status/", EDITORS, new_status, variant="public"),
    Endpoint(
        "initiatives:status",
        "post",
        "/initiatieven/{draft}/status/",
        EDITORS,
        new_status,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:status",
        "post",
        "/initiatieven/{archived}/status/",
        NOBODY,
        new_status,
        hidden=NOT_MODERATORS,
        variant="archived",
    ),
    Endpoint("initiatives:archive", "post", "/initiatieven/{public}/archiveren/", ARCHIVERS, variant="public"),
    Endpoint(
        "initiatives:archive",
        "post",
        "/initiatieven/{draft}/archiveren/",
        ARCHIVERS,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:archive",
        "post",
        "/initiatieven/{archived}/archiveren/",
        NOBODY,
        hidden=NOT_MODERATORS,
        variant="archived",
    ),
    Endpoint("initiatives:restore", "post", "/initiatieven/{public}/herstellen/", NOBODY, variant="public"),
    Endpoint(
        "initiatives:restore",
        "post",
        "/initiatieven/{archived}/herstellen/",
        MODERATORS,
        hidden=NOT_MODERATORS,
        variant="archived",
    ),
    Endpoint(
        "initiatives:invite",
        "post",
        "/initiatieven/{public}/partners/uitnodigen/",
        INVITERS,
        invite_form,
        variant="public",
    ),
    Endpoint(
        "initiatives:invite",
        "post",
        "/initiatieven/{draft}/partners/uitnodigen/",
        NOBODY,
        invite_form,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:invite",
        "post",
        "/initiatieven/{archived}/partners/uitnodigen/",
        NOBODY,
        invite_form,
        hidden=NOT_MODERATORS,
        variant="archived",
    ),
    Endpoint("initiatives:invite", "get", "/initiatieven/{public}/partners/uitnodigen/", INVITERS, variant="public"),
    Endpoint(
        "initiatives:invite",
        "get",
        "/initiatieven/{draft}/partners/uitnodigen/",
        NOBODY,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:request",
        "post",
        "/initiatieven/{public}/partners/aanmelden/",
        frozenset({"other_org_member"}),
        request_form,
        variant="public",
    ),
    Endpoint(
        "initiatives:request",
        "post",
        "/initiatieven/{draft}/partners/aanmelden/",
        NOBODY,
        request_form,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:request",
        "post",
        "/initiatieven/{archived}/partners/aanmelden/",
        NOBODY,
        request_form,
        hidden=NOT_MODERATORS,
        variant="archived",
    ),
    Endpoint(
        "initiatives:answer",
        "get",
        ANSWER.format(initiative="{public}", pk="{invited_pk}"),
        frozenset({"invited_org_admin"}),
        variant="invitation",
    ),
    Endpoint(
        "initiatives:answer",
        "get",
        ANSWER.format(initiative="{public}", pk="{requested_pk}"),
        frozenset({"org_admin"}),
        variant="request",
    ),
    Endpoint(
        "initiatives:answer",
        "get",
        ANSWER.format(initiative="{draft}", pk="{draft_invited_pk}"),
        frozenset({"invited_org_admin"}),
        hidden=NOT_DRAFT_READERS - {"invited_org_admin"},
        variant="invitation to a draft",
    ),
    Endpoint(
        "initiatives:answer",
        "get",
        ANSWER.format(initiative="{public}", pk="{declined_pk}"),
        NOBODY,
        variant="declined",
    ),
    Endpoint(
        "initiatives:answer",
        "post",
        ANSWER.format(initiative="{public}", pk="{invited_pk}"),
        frozenset({"invited_org_admin"}),
        accept,
        variant="accept invitation",
    ),
    Endpoint(
        "initiatives:answer",
        "post",
        ANSWER.format(initiative="{public}", pk="{invited_pk}"),
        frozenset({"invited_org_admin"}),
        variant="decline invitation",
    ),
    Endpoint(
        "initiatives:answer",
        "post",
        ANSWER.format(initiative="{public}", pk="{requested_pk}"),
        frozenset({"org_admin"}),
        accept,
        variant="accept request",
    ),
    Endpoint(
        "initiatives:answer",
        "post",
        ANSWER.format(initiative="{public}", pk="{requested_pk}"),
        frozenset({"org_admin"}),
        variant="decline request",
    ),
    Endpoint(
        "initiatives:answer",
        "post",
        ANSWER.format(initiative="{public}", pk="{accepted_pk}"),
        NOBODY,
        variant="decline, already accepted",
    ),
    Endpoint(
        "initiatives:answer",
        "post",
        ANSWER.format(initiative="{draft}", pk="{draft_invited_pk}"),
        frozenset({"invited_org_admin"}),
        accept,
        hidden=NOT_DRAFT_READERS - {"invited_org_admin"},
        variant="accept invitation to a draft",
    ),
    Endpoint(
        "initiatives:answer",
        "post",
        ANSWER.format(initiative="{archived}", pk="{archived_invited_pk}"),
        NOBODY,
        accept,
        hidden=NOT_MODERATORS,
        variant="accept invitation to an archived initiative",
    ),
    Endpoint(
        "initiatives:answer",
        "post",
        ANSWER.format(initiative="{archived}", pk="{archived_requested_pk}"),
        NOBODY,
        accept,
        hidden=NOT_MODERATORS,
        variant="accept request of an archived initiative",
    ),
    Endpoint(
        "initiatives:ask_again",
        "post",
        "/initiatieven/{public}/partners/{declined_pk}/opnieuw-vragen/",
        INVITERS,
        ask_again_form,
        variant="declined invitation",
    ),
    Endpoint(
        "initiatives:ask_again",
        "post",
        "/initiatieven/{public}/partners/{invited_pk}/opnieuw-vragen/",
        NOBODY,
        ask_again_form,
        variant="still open",
    ),
    Endpoint(
        "initiatives:withdraw",
        "post",
        "/initiatieven/{public}/partners/{invited_pk}/intrekken/",
        INVITERS,
        variant="invitation",
    ),
    Endpoint(
        "initiatives:withdraw",
        "post",
        "/initiatieven/{public}/partners/{requested_pk}/intrekken/",
        frozenset({"requesting_org_admin"}),
        variant="request",
    ),
    Endpoint(
        "initiatives:withdraw",
        "post",
        "/initiatieven/{public}/partners/{accepted_pk}/intrekken/",
        NOBODY,
        variant="accepted",
    ),
    Endpoint(
        "initiatives:withdraw",
        "post",
        "/initiatieven/{archived}/partners/{archived_invited_pk}/intrekken/",
        NOBODY,
        hidden=NOT_MODERATORS,
        variant="archived",
    ),
    Endpoint("notifications:follow", "post", "/volgen/initiatief/{public}/", VERIFIED_PARTNERS, variant="public"),
    Endpoint(
        "notifications:follow",
        "post",
        "/volgen/initiatief/{draft}/",
        DRAFT_READERS - {"unverified"},
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "notifications:unfollow",
        "post",
        "/ontvolgen/initiatief/{archived}/",
        MODERATORS,
        hidden=NOT_MODERATORS,
        variant="archived",
    ),
    # The discussion.
    Endpoint(
        "initiatives:comment_create",
        "post",
        "/initiatieven/{public}/reacties/",
        VERIFIED_PARTNERS,
        comment_form,
        variant="public",
    ),
    Endpoint(
        "initiatives:comment_create",
        "post",
        "/initiatieven/{draft}/reacties/",
        VERIFIED_DRAFT_READERS,
        comment_form,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:comment_create",
        "post",
        "/initiatieven/{archived}/reacties/",
        NOBODY,
        comment_form,
        hidden=NOT_MODERATORS,
        variant="archived",
    ),
    Endpoint(
        "initiatives:comment_create",
        "post",
        "/initiatieven/{hidden}/reacties/",
        NOBODY,
        comment_form,
        hidden=ALL_INITIATIVE_KINDS - REGION_MODERATORS,
        variant="hidden",
    ),
    Endpoint(
        "initiatives:comment_create", "post", "/initiatieven/{closed}/reacties/", NOBODY, comment_form, variant="closed"
    ),
    Endpoint("initiatives:comment_update", "get", COMMENT + "bewerken/", AUTHOR),
    Endpoint("initiatives:comment_update", "post", COMMENT + "bewerken/", AUTHOR, comment_form),
    Endpoint(
        "initiatives:comment_update",
        "get",
        "/initiatieven/{draft}/reacties/{draft_comment_pk}/bewerken/",
        NOBODY,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:comment_remove",
        "post",
        COMMENT + "verwijderen/",
        AUTHOR | MODERATORS,
        lambda world: {"reason": HOSTILE},
    ),
    Endpoint("initiatives:comment_report", "get", COMMENT + "melden/", VERIFIED_PARTNERS - AUTHOR),
    Endpoint("initiatives:comment_report", "post", COMMENT + "melden/", VERIFIED_PARTNERS - AUTHOR, report_form),
    Endpoint(
        "initiatives:comment_report",
        "post",
        "/initiatieven/{draft}/reacties/{draft_comment_pk}/melden/",
        VERIFIED_DRAFT_READERS,
        report_form,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint("initiatives:comment_report", "post", HIDDEN_COMMENT + "melden/", NOBODY, report_form, variant="hidden"),
    Endpoint("initiatives:comment_moderate", "get", COMMENT + "modereren/", REGION_MODERATORS),
    Endpoint("initiatives:comment_moderate", "post", COMMENT + "modereren/", REGION_MODERATORS, decision("hide")),
    Endpoint(
        "initiatives:comment_moderate",
        "post",
        HIDDEN_COMMENT + "modereren/",
        REGION_MODERATORS,
        decision("restore"),
        variant="restore",
    ),
    Endpoint(
        "initiatives:comment_moderate",
        "post",
        COMMENT + "modereren/",
        REGION_MODERATORS,
        decision("dismiss"),
        variant="dismiss",
    ),
    Endpoint("initiatives:comment_appeal", "get", HIDDEN_COMMENT + "bezwaar/", AUTHOR),
    Endpoint("initiatives:comment_appeal", "post", HIDDEN_COMMENT + "bezwaar/", AUTHOR, appeal_form),
    Endpoint("initiatives:comment_appeal", "post", COMMENT + "bezwaar/", NOBODY, appeal_form, variant="not hidden"),
    Endpoint("initiatives:discussion", "post", "/initiatieven/{public}/discussie/", CLOSERS, variant="public"),
    Endpoint(
        "initiatives:discussion",
        "post",
        "/initiatieven/{draft}/discussie/",
        CLOSERS,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:discussion",
        "post",
        "/initiatieven/{closed}/discussie/",
        CLOSERS,
        lambda world: {"reopen": "1"},
        variant="reopen",
    ),
    # A message to the contact person: about public initiatives only; a draft stays hidden from outsiders.
    Endpoint("initiatives:contact", "get", "/initiatieven/{public}/contact/", ALL_INITIATIVE_KINDS, variant="public"),
    Endpoint(
        "initiatives:contact",
        "post",
        "/initiatieven/{public}/contact/",
        VERIFIED_PARTNERS,
        contact_form,
        variant="public",
    ),
    Endpoint(
        "initiatives:contact",
        "post",
        "/initiatieven/{draft}/contact/",
        NOBODY,
        contact_form,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    # Progress updates.
    Endpoint("initiatives:progress_create", "get", PROGRESS, PROGRESS_POSTERS, variant="public"),
    Endpoint("initiatives:progress_create", "post", PROGRESS, PROGRESS_POSTERS, progress_form, variant="public"),
    Endpoint(
        "initiatives:progress_create",
        "post",
        "/initiatieven/{draft}/voortgang/",
        frozenset({"member", "org_admin"}),
        progress_form,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:progress_create",
        "post",
        "/initiatieven/{archived}/voortgang/",
        NOBODY,
        progress_form,
        hidden=NOT_MODERATORS,
        variant="archived",
    ),
    Endpoint(
        "initiatives:progress_create",
        "post",
        "/initiatieven/{hidden}/voortgang/",
        NOBODY,
        progress_form,
        hidden=ALL_INITIATIVE_KINDS - REGION_MODERATORS,
        variant="hidden",
    ),
    Endpoint("initiatives:progress_update", "get", PROGRESS_UPDATE + "bewerken/", AUTHOR),
    Endpoint(
        "initiatives:progress_update",
        "post",
        PROGRESS_UPDATE + "bewerken/",
        AUTHOR,
        lambda world: {"text": f"{HOSTILE} Gecorrigeerd", "link": ""},
    ),
    Endpoint(
        "initiatives:progress_update",
        "get",
        "/initiatieven/{draft}/voortgang/{draft_progress_pk}/bewerken/",
        NOBODY,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint("initiatives:progress_delete", "post", PROGRESS_UPDATE + "verwijderen/", AUTHOR),
    Endpoint(
        "initiatives:progress_delete",
        "post",
        "/initiatieven/{draft}/voortgang/{draft_progress_pk}/verwijderen/",
        NOBODY,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint(
        "initiatives:progress_moderate",
        "post",
        PROGRESS_UPDATE + "modereren/",
        REGION_MODERATORS,
        lambda world: {"reason": f"{HOSTILE} Reclame"},
    ),
    # Reports, moderation and appeals of initiatives.
    Endpoint("initiatives:report", "get", "/initiatieven/{public}/melden/", VERIFIED_PARTNERS, variant="public"),
    Endpoint(
        "initiatives:report", "post", "/initiatieven/{public}/melden/", VERIFIED_PARTNERS, report_form, variant="public"
    ),
    Endpoint(
        "initiatives:report",
        "post",
        "/initiatieven/{draft}/melden/",
        NOBODY,
        report_form,
        hidden=NOT_DRAFT_READERS,
        variant="draft",
    ),
    Endpoint("initiatives:moderate", "get", "/initiatieven/{public}/modereren/", REGION_MODERATORS, variant="public"),
    Endpoint(
        "initiatives:moderate",
        "post",
        "/initiatieven/{public}/modereren/",
        REGION_MODERATORS,
        decision("hide"),
        variant="public",
    ),
    Endpoint(
        "initiatives:moderate",
        "post",
        "/initiatieven/{hidden}/modereren/",
        REGION_MODERATORS,
        decision("restore"),
        hidden=ALL_INITIATIVE_KINDS - REGION_MODERATORS,
        variant="hidden",
    ),
    Endpoint(
        "initiatives:appeal",
        "get",
        "/initiatieven/{hidden}/bezwaar/",
        AUTHOR,
        hidden=ALL_INITIATIVE_KINDS - REGION_MODERATORS - AUTHOR,
        variant="hidden",
    ),
    Endpoint(
        "initiatives:appeal",
        "post",
        "/initiatieven/{hidden}/bezwaar/",
        AUTHOR,
        appeal_form,
        hidden=ALL_INITIATIVE_KINDS - REGION_MODERATORS - AUTHOR,
        variant="hidden",
    ),
    Endpoint("initiatives:appeal", "post", "/initiatieven/{public}/bezwaar/", NOBODY, appeal_form, variant="public"),
    Endpoint(
        "initiatives:reports",
        "get",
        "/moderatie/",
        frozenset({"region_coordinator", "other_region_coordinator"}) | MODERATORS,
    ),
    # The JSON API shows public initiatives only, to everyone: a draft, hidden or archived one is not found,
    # not even by those who may see it on the site.
    Endpoint("api:root", "get", "/api/v1/", ALL_INITIATIVE_KINDS),
    Endpoint("api:schema", "get", "/api/v1/openapi.json", ALL_INITIATIVE_KINDS),
    Endpoint("api:docs", "get", "/api/v1/docs/", ALL_INITIATIVE_KINDS),
    Endpoint("api:initiatives-list", "get", "/api/v1/initiatives/", ALL_INITIATIVE_KINDS),
    Endpoint("api:initiatives-detail", "get", "/api/v1/initiatives/{public}/", ALL_INITIATIVE_KINDS, variant="public"),
    *(
        Endpoint(
            "api:initiatives-detail",
            "get",
            f"/api/v1/initiatives/{{{unseen}}}/",
            NOBODY,
            hidden=ALL_INITIATIVE_KINDS,
            variant=unseen,
        )
        for unseen in ("draft", "hidden", "archived")
    ),
)


# Region agendas. "The region" is Groningen, where the organisation is; it has a published agenda with one
# priority and a draft, and the organisation leads a public initiative there. The region's coordinators write its
# agendas (with the second factor), moderators moderate them (edit, back to draft) but do not write or publish
# them; a draft is not found by anyone else. Organisations' admins commit to published agendas; an initiative's
# lead (its members) links it to priorities.

AGENDA_WRITERS = frozenset({"region_coordinator"})
AGENDA_EDITORS = AGENDA_WRITERS | MODERATORS
NOT_AGENDA_EDITORS = EVERYONE - AGENDA_EDITORS
ORGANISATION_ADMINS = frozenset({"org_admin", "other_org_member"})
LEAD_MEMBERS = frozenset({"member", "org_admin"})
UNKNOWN_AGENDA_VALUES = {
    "agenda": "bestaat-niet",
    "draft": "bestaat-niet",
    "region": "bestaat-niet",
    "initiative": "bestaat-niet",
}


@dataclass
class AgendaWorld:
    organisation: Organisation
    person: User | AnonymousUser
    agenda: RegionAgenda
    priority: AgendaPriority
    draft: RegionAgenda
    initiative: Initiative

    @property
    def values(self) -> dict[str, object]:
        return {
            "agenda": self.agenda.slug,
            "draft": self.draft.slug,
            "region": self.agenda.region.slug,
            "initiative": self.initiative.slug,
        }


def build_agenda_world(kind: str) -> AgendaWorld:
    organisation = OrganisationFactory()
    organisation_admin(organisation)
    agenda = RegionAgendaFactory(region=organisation.municipality.region)
    return AgendaWorld(
        organisation=organisation,
        person=person_of_kind(kind, organisation),
        agenda=agenda,
        priority=AgendaPriorityFactory(agenda=agenda),
        draft=RegionAgendaFactory(region=agenda.region, state=AgendaState.DRAFT, published_at=None),
        initiative=InitiativeFactory(lead_organisation=organisation),
    )


def agenda_snapshot() -> dict[str, list[dict]]:
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (
            RegionAgenda,
            RegionAgenda.history.model,
            AgendaPriority,
            AgendaCommitment,
            PriorityContribution,
        )
    }


def agenda_form(agenda: RegionAgenda | None, world: AgendaWorld) -> dict:
    """The agenda form: a new agenda with one priority, or an edit of `agenda` keeping its priorities."""
    data = {
        "kind": "human_capital",
        "title_nl": f"{HOSTILE} Agenda",
        "summary_nl": HOSTILE,
        "first_year": "2026",
        "last_year": "2030",
        "priorities-MIN_NUM_FORMS": "0",
        "priorities-MAX_NUM_FORMS": "20",
    }
    priorities = list(agenda.priorities.all()) if agenda else []
    data["priorities-TOTAL_FORMS"] = str(len(priorities) + 1)
    data["priorities-INITIAL_FORMS"] = str(len(priorities))
    for number, priority in enumerate(priorities):
        data[f"priorities-{number}-id"] = priority.pk
        data[f"priorities-{number}-title_nl"] = priority.title_nl
        data[f"priorities-{number}-themes"] = [theme.pk for theme in priority.themes.all()]
    data[f"priorities-{len(priorities)}-title_nl"] = f"{HOSTILE} Prioriteit"
    data[f"priorities-{len(priorities)}-themes"] = [Theme.objects.get(number=2).pk]
    if agenda is not None:
        data["version"] = agenda.version
    return data


def commitment_form(world: AgendaWorld) -> dict:
    """For an organisation the person administers, if there is one; else for the world's organisation."""
    own = Membership.objects.admins().filter(user_id=world.person.pk).values_list("organisation", flat=True).first()
    return {"organisation": own or world.organisation.pk}


AGENDA_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("agendas:list", "get", "/agendas/", EVERYONE),
    Endpoint("agendas:region", "get", "/regios/{region}/agendas/", EVERYONE),
    Endpoint("agendas:create", "get", "/regios/{region}/agendas/nieuw/", AGENDA_WRITERS),
    Endpoint(
        "agendas:create",
        "post",
        "/regios/{region}/agendas/nieuw/",
        AGENDA_WRITERS,
        lambda world: agenda_form(None, world),
    ),
    Endpoint("agendas:detail", "get", "/agendas/{agenda}/", EVERYONE, variant="published"),
    Endpoint("agendas:detail", "get", "/agendas/{draft}/", AGENDA_EDITORS, hidden=NOT_AGENDA_EDITORS, variant="draft"),
    Endpoint("agendas:update", "get", "/agendas/{agenda}/bewerken/", AGENDA_EDITORS, variant="published"),
    Endpoint(
        "agendas:update",
        "post",
        "/agendas/{agenda}/bewerken/",
        AGENDA_EDITORS,
        lambda world: agenda_form(world.agenda, world),
        variant="published",
    ),
    Endpoint(
        "agendas:update",
        "post",
        "/agendas/{draft}/bewerken/",
        AGENDA_EDITORS,
        lambda world: agenda_form(world.draft, world),
        hidden=NOT_AGENDA_EDITORS,
        variant="draft",
    ),
    Endpoint("agendas:history", "get", "/agendas/{agenda}/versies/", AGENDA_EDITORS, variant="published"),
    Endpoint(
        "agendas:history",
        "get",
        "/agendas/{draft}/versies/",
        AGENDA_EDITORS,
        hidden=NOT_AGENDA_EDITORS,
        variant="draft",
    ),
    Endpoint(
        "agendas:publish",
        "post",
        "/agendas/{draft}/publiceren/",
        AGENDA_WRITERS,
        hidden=NOT_AGENDA_EDITORS,
        variant="draft",
    ),
    Endpoint("agendas:publish", "post", "/agendas/{agenda}/publiceren/", NOBODY, variant="published"),
    Endpoint("agendas:unpublish", "post", "/agendas/{agenda}/terugtrekken/", AGENDA_EDITORS, variant="published"),
    Endpoint(
        "agendas:unpublish",
        "post",
        "/agendas/{draft}/terugtrekken/",
        NOBODY,
        hidden=NOT_AGENDA_EDITORS,
        variant="draft",
    ),
    Endpoint(
        "agendas:commit",
        "post",
        "/agendas/{agenda}/verbinden/",
        ORGANISATION_ADMINS,
        commitment_form,
        variant="published",
    ),
    Endpoint(
        "agendas:commit",
        "post",
        "/agendas/{draft}/verbinden/",
        NOBODY,
        commitment_form,
        hidden=NOT_AGENDA_EDITORS,
        variant="draft",
    ),
    Endpoint("agendas:initiative", "get", "/initiatieven/{initiative}/agendas/", LEAD_MEMBERS),
    Endpoint(
        "agendas:initiative",
        "post",
        "/initiatieven/{initiative}/agendas/",
        LEAD_MEMBERS,
        lambda world: {"priorities": [world.priority.pk]},
    ),
    # Open data and the API hold published agendas only, whoever asks (tests/opendata/, tests/api/).
    Endpoint("opendata:priority_export_csv", "get", "/agendas/export.csv", EVERYONE),
    Endpoint("opendata:priority_export_xlsx", "get", "/agendas/export.xlsx", EVERYONE),
    Endpoint("opendata:priority_export_json", "get", "/agendas/export.json", EVERYONE),
    Endpoint("opendata:agenda_feed", "get", "/agendas/feed.xml", EVERYONE),
    Endpoint("opendata:region_agenda_feed", "get", "/regios/{region}/agendas/feed/", EVERYONE),
    Endpoint("api:agendas-list", "get", "/api/v1/agendas/", EVERYONE),
    Endpoint("api:agendas-detail", "get", "/api/v1/agendas/{agenda}/", EVERYONE, variant="published"),
    Endpoint("api:agendas-detail", "get", "/api/v1/agendas/{draft}/", NOBODY, hidden=EVERYONE, variant="draft"),
)


# One harness for both worlds: a matrix is a world, the kinds of user in it, its endpoints and the rows an
# action there could touch.


@dataclass(frozen=True)
class Matrix:
    name: str
    kinds: tuple[str, ...]
    build: Callable[[str], World | InitiativeWorld | AgendaWorld]
    snapshot: Callable[[], dict[str, list[dict]]]
    endpoints: tuple[Endpoint, ...]
    unknown_values: Callable[[World | InitiativeWorld | AgendaWorld], dict[str, object]]
    """The world's values with every slug and id replaced by one that does not exist."""
    unknown_kinds: tuple[str, ...]
    """Who gets 404 for those: anonymous visitors are sent to the login page first in the organisation world."""


MATRICES = (
    Matrix(
        "organisations",
        USER_KINDS,
        build_world,
        snapshot,
        ENDPOINTS,
        unknown_values=lambda world: {**world.values, **UNKNOWN, **UNKNOWN_IDS, "my_token": "bestaat-niet"},
        unknown_kinds=tuple(sorted(SIGNED_IN)),
    ),
    Matrix(
        "initiatives",
        INITIATIVE_KINDS,
        build_initiative_world,
        initiative_snapshot,
        INITIATIVE_ENDPOINTS,
        unknown_values=lambda world: UNKNOWN_INITIATIVE_VALUES,
        unknown_kinds=INITIATIVE_KINDS,
    ),
    Matrix(
        "agendas",
        USER_KINDS,
        build_agenda_world,
        agenda_snapshot,
        AGENDA_ENDPOINTS,
        unknown_values=lambda world: UNKNOWN_AGENDA_VALUES,
        unknown_kinds=USER_KINDS,
    ),
)


@dataclass
class Asked:
    response: HttpResponse
    path: str
    changed: bool


def ask(
    client, matrix: Matrix, endpoint: Endpoint, kind: str, *, unknown: bool = False, second_factor: bool | None = None
) -> Asked:
    """Ask `endpoint` as `kind` in a fresh world of `matrix`, about things that do not exist with `unknown`. The
    person signs in as sign_in_as does, or with or without the second factor as `second_factor` says."""
    world = matrix.build(kind)
    path = endpoint.path.format(**(matrix.unknown_values(world) if unknown else world.values))
    before = matrix.snapshot()
    if second_factor is None:
        sign_in_as(client, world.person)
    else:
        sign_in(client, world.person, second_factor=second_factor)
    response = client.get(path) if endpoint.method == "get" else client.post(path, endpoint.data(world))
    return Asked(response, path, changed=matrix.snapshot() != before)


def cases(*, unknown: bool = False) -> list:
    """(matrix, endpoint, kind) for every endpoint of both worlds, or for those that look up a slug or id."""
    return [
        pytest.param(matrix, endpoint, kind, id=f"{matrix.name}: {endpoint.id}-{kind}")
        for matrix in MATRICES
        for endpoint in matrix.endpoints
        if endpoint.looks_up_objects or not unknown
        for kind in (matrix.unknown_kinds if unknown else matrix.kinds)
    ]


@pytest.mark.parametrize(("matrix", "endpoint", "kind"), cases())
def test_matrix(client, matrix: Matrix, endpoint: Endpoint, kind: str):
    asked = ask(client, matrix, endpoint, kind)

    assert_outcome(endpoint, kind, asked.response, asked.path, changed=asked.changed)


@pytest.mark.parametrize(("matrix", "endpoint", "kind"), cases(unknown=True))
def test_an_unknown_slug_or_id_is_not_found(client, matrix: Matrix, endpoint: Endpoint, kind: str):
    """For initiatives anonymous visitors too: the same answer as for a draft they may not see."""
    asked = ask(client, matrix, endpoint, kind, unknown=True)

    assert asked.response.status_code == 404
    assert not asked.changed


@pytest.mark.parametrize("kind", ["invited_org_admin", "requesting_org_admin", "org_admin", "moderator"])
@pytest.mark.parametrize("pk", ["invited_pk", "requested_pk"])
def test_a_partnership_is_not_found_through_another_initiative(client, kind: str, pk: str):
    world = build_initiative_world(kind)
    other = InitiativeFactory(lead_organisation=world.organisation)
    sign_in_as(client, world.person)
    before = initiative_snapshot()

    response = client.post(ANSWER.format(initiative=other.slug, pk=world.values[pk]), {"accept": "1"})

    assert response.status_code == 404
    assert initiative_snapshot() == before


COVERED_ROUTES = frozenset(endpoint.route for endpoint in (*ENDPOINTS, *INITIATIVE_ENDPOINTS, *AGENDA_ENDPOINTS))


def our_routes_with_parameters(patterns, prefix: str = "", namespace: str = "", parameters: bool = False):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        takes = parameters or bool(getattr(pattern.pattern, "converters", None) or pattern.pattern.regex.groups)
        if isinstance(pattern, URLResolver):
            urlconf = getattr(pattern.urlconf_name, "__name__", str(pattern.urlconf_name))
            if pattern.namespace in THIRD_PARTY_NAMESPACES or urlconf.startswith(THIRD_PARTY_URLCONFS):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from our_routes_with_parameters(pattern.url_patterns, route, inner, takes)
        elif isinstance(pattern, URLPattern) and takes:
            view = getattr(pattern.callback, "view_class", pattern.callback)
            if view.__module__.startswith(OUR_APPS):
                yield f"{namespace}{pattern.name}" if pattern.name else route


def test_every_route_that_takes_a_slug_or_id_is_in_the_matrix():
    routes = set(our_routes_with_parameters(get_resolver().url_patterns))

    uncovered = sorted(routes - COVERED_ROUTES)

    assert {"regions:organisation_update", "initiatives:answer"} <= routes
    assert not uncovered, f"Routes that take a slug or id but have no row in ENDPOINTS: {', '.join(uncovered)}"
