"""Factories for tests. Text fields default to hostile content, so every page test is an escaping test."""

import factory
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client, RequestFactory
from django.utils import timezone

from agendastad.accounts.models import User
from agendastad.accounts.moderators import MODERATORS_GROUP
from agendastad.agendas.models import AgendaKind, AgendaPriority, AgendaState, PriorityContribution, RegionAgenda
from agendastad.core.markdown import render_markdown
from agendastad.notifications.models import Frequency, Notification, NotificationKind
from initiatives.models import (
    INITIATIVE_HISTORY,
    Comment,
    CommentKind,
    Initiative,
    Partnership,
    Report,
    ReportReason,
    Status,
    Theme,
    Visibility,
)
from initiatives.services import search_vectors_refresh
from regions.models import (
    ContactMessage,
    ContactRoute,
    Invitation,
    LabourMarketRegion,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    RegionCoordinator,
)

HOSTILE = '<script>alert("xss")</script>'


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"{HOSTILE} Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def saved(obj, create: bool, extracted, **kwargs) -> None:
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"{HOSTILE} Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.BUSINESS
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="GM0014"))
    description = HOSTILE


def verified_person(user: User | None = None, **kwargs) -> User:
    """A person with a verified primary address: the bar for everything beyond reading."""
    user = user or UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def authenticator_app(user: User) -> Authenticator:
    """The person's authenticator app (TOTP), set up now if they have none yet."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, generate_totp_secret()).instance


def with_second_factor(user: User) -> User:
    """`user` with an authenticator app, as the person of a session that passed it: what rule-level tests pass to
    `has_perm` for moderators and coordinators, whose rights count only then. Returns the same object."""
    authenticator_app(user)
    user.second_factor_passed = True
    return user


def sign_in(client: Client, user: User, *, second_factor: bool = True) -> None:
    """Sign `user` in on the test client. With `second_factor` (the default) the person has an authenticator app
    and the session passed a code from it, recorded as allauth records a sign-in with one, so moderator and
    coordinator rights count. `second_factor=False` is a sign-in with the password alone: those rights wait."""
    client.force_login(user)
    if not second_factor:
        return
    authenticator = authenticator_app(user)
    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    """An approved member; pass `state=Membership.State.REQUESTED` for a request waiting for an admin."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER
    state = Membership.State.ACTIVE


class RegionCoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionCoordinator

    user = factory.SubFactory(UserFactory)
    region = factory.LazyFunction(lambda: LabourMarketRegion.objects.get(code="AM01"))


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = Membership.Role.MEMBER
    token = factory.Sequence(lambda n: f"token-{n:040d}")


USER_KINDS: tuple[str, ...] = (
    "anonymous",
    "unverified",
    "member",
    "org_admin",
    "other_org_member",
    "region_coordinator",
    "other_region_coordinator",
    "moderator",
    "superuser",
)


SECOND_FACTOR_KINDS = frozenset({"region_coordinator", "other_region_coordinator", "moderator", "superuser"})
"""The kinds whose rights count only in a session that passed the second factor: `person_of_kind` gives them an
authenticator app and marks them as in such a session (`with_second_factor`); sign them in with `sign_in`."""


def person_of_kind(kind: str, organisation: Organisation) -> User | AnonymousUser:
    """Someone who stands in the relation `kind` (one of USER_KINDS) to `organisation`. Coordinators, moderators
    and superusers come with their authenticator app and as in a session that passed it (SECOND_FACTOR_KINDS).

    `unverified` is an admin of the organisation without a verified address, so that every
    refusal for them proves the address is what is missing. `other_org_member` is an admin of
    another organisation in the same municipality, so admin rights there must not carry over.
    """
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "unverified":
        user = UserFactory()
        EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
        MembershipFactory(user=user, organisation=organisation, role=Membership.Role.ADMIN)
        return user
    if kind == "superuser":
        return with_second_factor(verified_person(is_staff=True, is_superuser=True))
    user = verified_person()
    if kind == "member":
        MembershipFactory(user=user, organisation=organisation)
    elif kind == "org_admin":
        MembershipFactory(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    elif kind == "other_org_member":
        other = OrganisationFactory(municipality=organisation.municipality)
        MembershipFactory(user=user, organisation=other, role=Membership.Role.ADMIN)
    elif kind == "region_coordinator":
        RegionCoordinatorFactory(user=user, region=organisation.municipality.region)
    elif kind == "other_region_coordinator":
        elsewhere = Municipality.objects.current().exclude(region=organisation.municipality.region).first()
        RegionCoordinatorFactory(user=user, region=elsewhere.region)
    elif kind == "moderator":
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    else:
        raise ValueError(f"unknown kind of user: {kind}")
    return with_second_factor(user) if kind in SECOND_FACTOR_KINDS else user


def organisation_admin(organisation: Organisation, **kwargs) -> User:
    """A verified person who administers `organisation`."""
    user = verified_person(**kwargs)
    MembershipFactory(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A public idea in the lead organisation's region on theme 1, with its lead partnership and search vector.

    Pass `themes=[...]` for other themes. The description's HTML is stored and the search vector refreshed, as
    the services do.
    """

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"{HOSTILE} Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    summary = factory.Sequence(lambda n: f"{HOSTILE} Summary {n}")
    description = f"{HOSTILE} [link](javascript:alert(1)) <img src=x onerror=alert(1)>"
    description_html = factory.LazyAttribute(lambda initiative: render_markdown(initiative.description))
    sought_note = HOSTILE
    status = Status.IDEA
    visibility = Visibility.PUBLIC
    lead_organisation = factory.SubFactory(OrganisationFactory)
    primary_region = factory.LazyAttribute(lambda initiative: initiative.lead_organisation.municipality.region)

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> Initiative:
        initiative = model_class(*args, **kwargs)
        initiative.save_without_historical_record()
        return initiative

    @factory.post_generation
    def themes(obj: Initiative, create: bool, extracted, **kwargs) -> None:
        """Themes, then the first version with them: one version, as `initiative_create` records."""
        if create:
            obj.skip_history_when_saving = True
            obj.themes.set(extracted if extracted is not None else [Theme.objects.get(number=1)])
            del obj.skip_history_when_saving
            INITIATIVE_HISTORY.create_historical_record(obj, "+")

    @factory.post_generation
    def lead_partnership(obj: Initiative, create: bool, extracted, **kwargs) -> None:
        if create:
            Partnership.objects.create(
                initiative=obj,
                organisation=obj.lead_organisation,
                role=Partnership.Role.LEAD,
                state=Partnership.State.ACCEPTED,
                answered_at=timezone.now(),
            )
            search_vectors_refresh(Initiative.objects.filter(pk=obj.pk))


class PartnershipFactory(factory.django.DjangoModelFactory):
    """An accepted partner; pass `state=Partnership.State.INVITED` (or REQUESTED) for one that waits."""

    class Meta:
        model = Partnership

    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Partnership.Role.PARTNER
    state = Partnership.State.ACCEPTED
    asked = factory.LazyAttribute(
        lambda o: Partnership.State.REQUESTED if o.state == Partnership.State.REQUESTED else Partnership.State.INVITED
    )
    note = HOSTILE


class NotificationFactory(factory.django.DjangoModelFactory):
    """A new-initiative notification waiting in the daily digest; `notify()` is how the site makes them."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = NotificationKind.NEW_INITIATIVE
    template = "initiative_published"
    event = factory.Sequence(lambda n: f"test-event-{n}")
    url = "/initiatieven/"
    context = factory.LazyFunction(
        lambda: {"initiative": {"title": f"{HOSTILE} Fietspad", "summary": HOSTILE}, "region": {"name": "Groningen"}}
    )
    delivery = Frequency.DAILY


class CommentFactory(factory.django.DjangoModelFactory):
    """A question by a verified person on a public initiative, with hostile Markdown."""

    class Meta:
        model = Comment

    initiative = factory.SubFactory(InitiativeFactory)
    author = factory.LazyFunction(verified_person)
    kind = CommentKind.QUESTION
    text = factory.Sequence(lambda n: f"{HOSTILE} Comment {n} [link](javascript:alert(1)) <img src=x onerror=alert(1)>")
    text_html = factory.LazyAttribute(lambda comment: render_markdown(comment.text))


class ReportFactory(factory.django.DjangoModelFactory):
    """A report of a comment (pass `comment=None, initiative=...` for one of an initiative)."""

    class Meta:
        model = Report

    comment = factory.SubFactory(CommentFactory)
    initiative = factory.LazyAttribute(lambda report: report.comment.initiative)
    reporter = factory.LazyFunction(verified_person)
    reason = ReportReason.OTHER
    text = HOSTILE


# Region agendas (agendastad.agendas).


class RegionAgendaFactory(factory.django.DjangoModelFactory):
    """A published human capital agenda of Groningen (AM01) for 2026-2029, with one version in its history; pass
    `state=AgendaState.DRAFT, published_at=None` for a draft. Priorities with `AgendaPriorityFactory`."""

    class Meta:
        model = RegionAgenda

    region = factory.LazyFunction(lambda: LabourMarketRegion.objects.get(code="AM01"))
    kind = AgendaKind.HUMAN_CAPITAL
    slug = factory.Sequence(lambda n: f"agenda-{n}")
    title_nl = factory.Sequence(lambda n: f"{HOSTILE} Agenda {n}")
    summary_nl = HOSTILE
    first_year = 2026
    last_year = 2029
    state = AgendaState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class AgendaPriorityFactory(factory.django.DjangoModelFactory):
    """A priority on theme 1 (pass `themes=[...]` for others)."""

    class Meta:
        model = AgendaPriority
        skip_postgeneration_save = True

    agenda = factory.SubFactory(RegionAgendaFactory)
    order = factory.Sequence(lambda n: n)
    title_nl = factory.Sequence(lambda n: f"{HOSTILE} Priority {n}")
    description = HOSTILE

    @factory.post_generation
    def themes(obj: AgendaPriority, create: bool, extracted, **kwargs) -> None:
        if create:
            obj.themes.set(extracted if extracted is not None else [Theme.objects.get(number=1)])

    @factory.post_generation
    def programmes(obj: AgendaPriority, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            obj.programmes.set(extracted)


def contribution(priority: AgendaPriority, initiative: Initiative) -> PriorityContribution:
    return PriorityContribution.objects.create(priority=priority, initiative=initiative)


def contact_message(
    *, recipient: User, sender: User | None = None, about: Organisation | None = None
) -> ContactMessage:
    """A message `sender` (a new verified person by default) sent through `about`'s page to `recipient`."""
    about = about or OrganisationFactory()
    message = ContactMessage.objects.create(
        sender=sender or verified_person(),
        target=about,
        target_name=str(about),
        page=about.get_absolute_url(),
        route=ContactRoute.ORGANISATION_ADMINS,
        subject=f"{HOSTILE} Subject",
        text=f"{HOSTILE} Text",
    )
    message.recipients.add(recipient)
    return message
