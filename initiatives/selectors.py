"""Reads about initiatives that span relations: lists, coverage, search, related work, matchmaking."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from agendastad.accounts.predicates import is_moderator, is_verified_person
from agendastad.notifications.selectors import followers_of_any
from regions.models import (
    HELIX_OF_KIND,
    Helix,
    LabourMarketRegion,
    Membership,
    Municipality,
    Organisation,
    RegionCoordinator,
    Suspension,
    kinds_in_helix,
)

from .models import (
    SEARCH_CONFIG,
    Comment,
    Hidden,
    Initiative,
    ModerationAction,
    Partnership,
    Report,
    SoughtPartner,
    Theme,
    in_region_condition,
)
from .predicates import is_asking_side_of, is_initiative_region_coordinator, is_public

TRIPLE_HELIX = (Helix.GOVERNMENT, Helix.KNOWLEDGE, Helix.BUSINESS)


@dataclass(frozen=True)
class Coverage:
    """Which helices take part. *Complete* means the triple helix: government, knowledge and business."""

    helices: frozenset[str]

    @property
    def complete(self) -> bool:
        return all(helix in self.helices for helix in TRIPLE_HELIX)

    @property
    def missing(self) -> list[str]:
        return [helix for helix in TRIPLE_HELIX if helix not in self.helices]

    @property
    def present(self) -> list[str]:
        return [helix for helix in Helix.values if helix in self.helices]


def accepted_partnerships() -> Prefetch:
    return Prefetch(
        "partnerships",
        queryset=Partnership.objects.accepted().select_related("organisation"),
        to_attr="accepted_partnerships",
    )


def coverage_of(initiative: Initiative) -> Coverage:
    """Needs `accepted_partnerships` prefetched (every selector here does)."""
    return Coverage(frozenset(HELIX_OF_KIND[p.organisation.kind] for p in initiative.accepted_partnerships))


def crosses_border(initiative: Initiative) -> bool:
    """An accepted partner (the lead included) is located outside the Netherlands. Needs `accepted_partnerships`
    prefetched, like `coverage_of`."""
    return any(p.organisation.is_abroad for p in initiative.accepted_partnerships)


def has_partner_abroad() -> Exists:
    """The query form of `crosses_border`: cross-border cooperation."""
    return Exists(
        Partnership.objects.accepted().filter(
            initiative=OuterRef("pk"), organisation__in=Organisation.objects.abroad().values("pk")
        )
    )


def covers_helix(helix: str) -> Exists:
    return Exists(
        Partnership.objects.accepted().filter(initiative=OuterRef("pk"), organisation__kind__in=kinds_in_helix(helix))
    )


def complete_triple_helix() -> Q:
    return Q(covers_helix(Helix.GOVERNMENT)) & Q(covers_helix(Helix.KNOWLEDGE)) & Q(covers_helix(Helix.BUSINESS))


def seeks_helix(helix: str) -> Exists:
    """Looking for this helix, or for a kind of organisation within it."""
    return Exists(
        SoughtPartner.objects.filter(initiative=OuterRef("pk")).filter(
            Q(helix=helix) | Q(kind__in=kinds_in_helix(helix))
        )
    )


def municipalities_without_boundary() -> Prefetch:
    """An initiative's municipalities for a page or an export, without their outlines (only maps draw them)."""
    return Prefetch("municipalities", queryset=Municipality.objects.defer("boundary"))


def with_list_data(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Everything a result card shows, in a fixed number of queries whatever the page size."""
    return (
        initiatives.defer("search_vector", "description", "description_html", "primary_region__boundary")
        .select_related("lead_organisation", "primary_region")
        .prefetch_related("themes", accepted_partnerships(), "sought_partners")
    )


def with_export_data(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Every column of a spreadsheet export, in a fixed number of queries whatever the number of rows."""
    return (
        initiatives.defer("search_vector", "description_html", "primary_region__boundary")
        .select_related("lead_organisation", "primary_region")
        .prefetch_related("themes", municipalities_without_boundary(), "sought_partners", "programmes", "target_groups")
    )


def search(initiatives: QuerySet[Initiative], text: str) -> QuerySet[Initiative]:
    """Dutch full-text search with a `rank` (title > summary > description); substring matching on SQLite."""
    text = text.strip()
    if not text:
        return initiatives
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return initiatives.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
    matches = Q()
    for word in text.split():
        matches &= Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word)
    return initiatives.filter(matches).annotate(rank=Value(1.0))


def initiative_detail() -> QuerySet[Initiative]:
    """Initiatives with what their page shows, in a fixed number of queries. Who may see one is the view's
    question (`InitiativeSubjectMixin`: 404 unless the rule `initiatives.see_initiative` allows it)."""
    return (
        Initiative.objects.select_related(
            "lead_organisation__municipality", "primary_region", "contact_person", "created_by"
        )
        .defer("search_vector", "primary_region__boundary", "lead_organisation__municipality__boundary")
        .prefetch_related(
            "themes",
            Prefetch("regions", queryset=LabourMarketRegion.objects.defer("boundary")),
            municipalities_without_boundary(),
            "sought_partners",
            "programmes",
            "target_groups",
            accepted_partnerships(),
        )
    )


def partners_by_helix(initiative: Initiative) -> list[tuple[str, str, list[Partnership]]]:
    """(helix, label, accepted partnerships) for each helix present, in the helices' order."""
    groups: dict[str, list[Partnership]] = {}
    for partnership in initiative.accepted_partnerships:
        groups.setdefault(partnership.organisation.helix, []).append(partnership)
    return [(helix, Helix(helix).label, groups[helix]) for helix in Helix.values if helix in groups]


def open_partnerships(initiative: Initiative, user) -> list[Partnership]:
    """Invitations and requests that still wait for an answer, each with `may_answer` and `may_withdraw` for this
    person; and the declined ones this person's side asked, with `ask_again_from` (see `declined_partnerships`).

    `may_answer` is the rule initiatives.answer_partnership decided for all of them at once (asked one by one,
    the page would run two queries per partnership): a verified admin of the invited organisation answers an
    invitation, of the lead organisation a request, and nobody while the initiative is archived. The answer
    itself is checked by the rule; tests/initiatives/test_initiatives.py holds the two to each other.
    `may_withdraw` likewise for initiatives.withdraw_partnership: the side that asked, on a public initiative.
    """
    waiting = list(
        initiative.partnerships.filter(state__in=[Partnership.State.INVITED, Partnership.State.REQUESTED])
        .select_related("organisation", "created_by")
        .order_by("created_at")
    )
    administered: set[int] = set()
    inviter = False
    if waiting and not initiative.is_archived and is_verified_person(user):
        administered = set(Membership.objects.admins().filter(user=user).values_list("organisation_id", flat=True))
        inviter = initiative.lead_organisation_id in administered or is_initiative_region_coordinator.test(
            user, initiative
        )
    public = is_public.test(user, initiative)
    for partnership in waiting:
        invited = not partnership.asked_by_organisation
        answering = partnership.organisation_id if invited else initiative.lead_organisation_id
        partnership.may_answer = answering in administered
        asking = inviter if invited else partnership.organisation_id in administered
        partnership.may_withdraw = public and asking
    return waiting


def declined_partnerships(initiative: Initiative, user) -> list[Partnership]:
    """The declined partnerships that this person's side asked (so they wonder whether to ask again), each with
    `ask_again_from` (None: never again) and `may_ask_now`."""
    if not is_verified_person(user) or not is_public.test(user, initiative):
        return []
    declined = list(
        initiative.partnerships.filter(state=Partnership.State.DECLINED).select_related("organisation", "initiative")
    )
    now = timezone.now()
    shown = []
    for partnership in declined:
        if is_asking_side_of(user, partnership):
            ask_again_from = partnership.ask_again_from
            partnership.may_ask_now = ask_again_from is not None and ask_again_from <= now
            shown.append(partnership)
    return shown


def related_elsewhere(initiative: Initiative, limit: int = 5, candidates: int = 200) -> list[Initiative]:
    """Public initiatives on the same themes in other regions, most shared themes first: learn, don't compete.
    Ranked among the `candidates` most recently active ones, so the cost does not grow with the data."""
    theme_ids = [theme.pk for theme in initiative.themes.all()]
    links = Initiative.themes.through.objects.filter(initiative=OuterRef("pk"), theme__in=theme_ids)
    recent = (
        Initiative.objects.public()
        .exclude(primary_region=initiative.primary_region_id)
        .filter(Exists(links))
        .order_by("-last_activity_at")
        .values_list("pk", flat=True)[:candidates]
    )
    return list(
        Initiative.objects.filter(pk__in=recent)
        .annotate(shared=Count("themes", filter=Q(themes__in=theme_ids)))
        .order_by("-shared", "-last_activity_at")
        .defer("search_vector", "description", "description_html", "primary_region__boundary")
        .select_related("primary_region")[:limit]
    )


def matchmaking(initiatives: QuerySet[Initiative], user) -> QuerySet[Initiative]:
    """Initiatives that seek partners; for a member, first those in their organisations' regions that seek
    their organisations' kind or helix. An organisation abroad is in no region: it gives no fit (the list
    still shows it every initiative that seeks partners, and the filters narrow it down)."""
    seeking = initiatives.filter(Exists(SoughtPartner.objects.filter(initiative=OuterRef("pk"))))
    fit = Value(0, output_field=IntegerField())
    if user.is_authenticated:
        organisations = Organisation.objects.filter(
            pk__in=Membership.objects.active().filter(user=user).values("organisation")
        ).values_list("kind", "municipality__region")
        conditions = Q()
        for kind, region_id in organisations:
            if region_id is None:  # abroad: in no region, so no initiative fits it by region
                continue
            wanted = SoughtPartner.objects.filter(initiative=OuterRef("pk")).filter(
                Q(kind=kind) | Q(helix=HELIX_OF_KIND[kind])
            )
            conditions |= in_region_condition(region_id) & Q(Exists(wanted))
        if conditions:
            fit = Case(When(conditions, then=Value(1)), default=Value(0), output_field=IntegerField())
    return seeking.annotate(fit=fit).order_by("-fit", "-last_activity_at")


# Discussion and moderation.

COMMENT_ORDERS = {"oudste": ("created_at", "id"), "nieuwste": ("-created_at", "-id")}
"""The reader's choice in the URL (`?volgorde=nieuwste`); oldest first when nothing is chosen."""


def comment_thread(initiative: Initiative, order: str = "oudste") -> QuerySet[Comment]:
    """The top-level comments in the reader's order, each with its replies (oldest first) and everything a
    comment shows, in a fixed number of queries whatever the number of comments on the page. What a
    suspended person wrote is marked (`author_suspended`): others see a placeholder until it is lifted."""
    suspended = Exists(Suspension.objects.current().filter(person=OuterRef("author")))
    replies = (
        Comment.objects.select_related("author", "organisation")
        .annotate(author_suspended=suspended)
        .order_by("created_at", "id")
    )
    return (
        initiative.comments.top_level()
        .select_related("author", "organisation")
        .annotate(author_suspended=suspended)
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="reply_list"))
        .order_by(*COMMENT_ORDERS.get(order, COMMENT_ORDERS["oudste"]))
    )


@dataclass(frozen=True)
class DiscussionRights:
    """What this person may do in an initiative's discussion, asked once per page instead of once per comment.

    The rules (initiatives/rules.py) decide each action itself; tests/initiatives/test_comments.py holds these
    page-wide answers to them."""

    user_id: int | None
    verified: bool
    moderates: bool
    is_moderator: bool
    may_comment: bool
    must_verify: bool
    """Signed in and the discussion is open, but their email address is not confirmed yet: tell them so."""
    reported: frozenset[int]
    member_of: frozenset[int]
    """The organisations this person is an active member of, among those their own comments speak for."""

    def annotate(self, comment: Comment, initiative: Initiative) -> Comment:
        """Set may_edit, may_remove, may_report, may_moderate, may_appeal, may_reply and shows_text."""
        own = self.user_id is not None and comment.author_id == self.user_id
        removed, hidden = comment.is_removed, comment.is_hidden
        suspended = getattr(comment, "author_suspended", False)
        open_discussion = discussion_is_open(initiative)
        fresh = timezone.now() - comment.created_at < timedelta(minutes=settings.COMMENT_EDIT_MINUTES)
        speaks = comment.organisation_id is None or comment.organisation_id in self.member_of
        comment.may_edit = self.verified and own and speaks and fresh and not removed and not hidden and open_discussion
        comment.may_remove = self.verified and not removed and (own or self.is_moderator)
        comment.may_report = self.verified and not own and not removed and not hidden and not suspended
        comment.reported = comment.pk in self.reported
        comment.may_moderate = self.verified and not removed and self.moderates
        comment.may_appeal = self.verified and own and speaks and hidden and not removed
        comment.may_reply = (
            self.may_comment and comment.parent_id is None and not removed and not hidden and not suspended
        )
        comment.shows_text = not removed and (not (hidden or suspended) or own or comment.may_moderate)
        return comment


def discussion_is_open(initiative: Initiative) -> bool:
    return not (initiative.is_archived or initiative.is_hidden or initiative.discussion_is_closed)


def discussion_rights(initiative: Initiative, user, comments: Sequence[Comment]) -> DiscussionRights:
    verified = is_verified_person(user)
    moderator = verified and is_moderator(user)
    coordinator = verified and not moderator and is_initiative_region_coordinator(user, initiative)
    every = [*comments, *(reply for comment in comments for reply in comment.reply_list)]
    ids = [comment.pk for comment in every]
    spoken_for = {c.organisation_id for c in every if c.author_id == user.pk and c.organisation_id is not None}
    reported = frozenset(
        Report.objects.filter(reporter=user, comment__in=ids).values_list("comment_id", flat=True)
        if verified and ids
        else ()
    )
    return DiscussionRights(
        user_id=user.pk if user.is_authenticated else None,
        verified=verified,
        moderates=moderator or coordinator,
        is_moderator=moderator,
        may_comment=user.has_perm("initiatives.post_comment", initiative),
        must_verify=user.is_authenticated and user.is_active and not verified and discussion_is_open(initiative),
        reported=reported,
        member_of=frozenset(
            Membership.objects.active()
            .filter(user=user, organisation__in=spoken_for)
            .values_list("organisation_id", flat=True)
            if verified and spoken_for
            else ()
        ),
    )


def commenting_organisations(user) -> list[Organisation]:
    """The organisations on whose behalf this person may comment: those they are an active member of."""
    if not user.is_authenticated:
        return []
    return list(Organisation.objects.filter(memberships__in=Membership.objects.active().filter(user=user)))


def reports_open() -> QuerySet[Report]:
    """Reports no one has decided about yet, oldest first, with what they are about."""
    return (
        Report.objects.open()
        .select_related("initiative", "comment__author", "reporter")
        .defer("initiative__search_vector", "initiative__description", "initiative__description_html")
        .order_by("created_at", "id")
    )


@dataclass
class QueueItem:
    """One initiative or comment waiting for a moderator: its open reports and the author's answer, if any."""

    initiative: Initiative
    comment: Comment | None
    since: datetime
    reports: list[Report] = field(default_factory=list)
    appeal: ModerationAction | None = None

    @property
    def hidden(self) -> str:
        return (self.comment or self.initiative).hidden


def moderation_queue(user, *, limit: int = 50) -> list[QueueItem]:
    """What waits for this moderator's (or coordinator's) decision, oldest first: every reported item with
    its open reports, and every hidden item whose author answered after the last decision."""
    items: dict[tuple[int, int | None], QueueItem] = {}
    for report in reports_open().decided_by(user).select_related("comment__organisation")[: limit * 10]:
        key = (report.initiative_id, report.comment_id)
        item = items.setdefault(key, QueueItem(report.initiative, report.comment, report.created_at))
        item.reports.append(report)
    decided_later = ModerationAction.objects.filter(
        initiative=OuterRef("initiative"),
        comment=OuterRef("comment"),
        created_at__gt=OuterRef("created_at"),
        action__in=[ModerationAction.Action.HIDE, ModerationAction.Action.RESTORE, ModerationAction.Action.REMOVE],
    )
    appeals = (
        ModerationAction.objects.filter(action=ModerationAction.Action.APPEAL)
        .filter(~Exists(decided_later))
        .filter(Q(comment__isnull=True, initiative__hidden=Hidden.HIDDEN) | Q(comment__hidden=Hidden.HIDDEN))
        .select_related("initiative", "comment__author", "comment__organisation", "actor")
        .defer("initiative__search_vector", "initiative__description", "initiative__description_html")
        .order_by("created_at")
    )
    if not is_moderator(user):
        appeals = appeals.filter(initiative__primary_region__in=RegionCoordinator.objects.acting(user).values("region"))
    for appeal in appeals[:limit]:
        key = (appeal.initiative_id, appeal.comment_id)
        item = items.setdefault(key, QueueItem(appeal.initiative, appeal.comment, appeal.created_at))
        item.appeal = appeal
    return sorted(items.values(), key=lambda item: item.since)[:limit]


def moderation_log(initiative: Initiative, comment: Comment | None = None) -> QuerySet[ModerationAction]:
    actions = ModerationAction.objects.filter(initiative=initiative).select_related("actor")
    return actions.filter(comment=comment) if comment is not None else actions.filter(comment__isnull=True)


def followers_of_places(initiative: Initiative) -> QuerySet:
    """The active people who follow one of the initiative's regions or themes, each once."""
    regions = [initiative.primary_region_id, *initiative.regions.values_list("pk", flat=True)]
    return followers_of_any([(LabourMarketRegion, regions), (Theme, initiative.themes.values_list("pk", flat=True))])


# Partnerships waiting, for the partnership inbox on /mijn/ and an organisation's page -------------------------

INBOX_LIMIT = 50
"""Each list of the partnership inbox shows at most this many (the oldest waiting first)."""


def _inbox_rows(queryset: QuerySet[Partnership]) -> QuerySet[Partnership]:
    return queryset.select_related("initiative__lead_organisation", "organisation", "created_by").order_by("created_at")


def invitations_waiting_for(organisation: Organisation) -> QuerySet[Partnership]:
    """Invitations to take part that wait for this organisation's answer (lazy: asked only when shown)."""
    return _inbox_rows(
        Partnership.objects.open().filter(
            organisation=organisation, state=Partnership.State.INVITED, initiative__archived_at__isnull=True
        )
    )


@dataclass
class PartnershipInbox:
    """What waits for my organisations' answer, what we asked that is still open, what was declined and may (some
    day) be asked again, and, for a coordinator, invitations to organisations in their regions that nobody
    manages."""

    to_answer: list[Partnership] = field(default_factory=list)
    asked: list[Partnership] = field(default_factory=list)
    declined: list[Partnership] = field(default_factory=list)
    unclaimed: list[Partnership] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.to_answer or self.asked or self.declined or self.unclaimed)


def partnership_inbox(user) -> PartnershipInbox:
    """The partnership inbox of a verified person (an unverified one answers nothing, so sees nothing here).

    Invitations go to the invited organisation, requests to the lead; what "we asked" is the other way round, and
    for an invitation also what this person's coordinated regions invited. Four queries at most, whatever the data."""
    if not is_verified_person(user):
        return PartnershipInbox()
    admin_of = list(Membership.objects.admins().filter(user=user).values_list("organisation_id", flat=True))
    regions = list(RegionCoordinator.objects.acting(user).values_list("region_id", flat=True))
    not_archived = Q(initiative__archived_at__isnull=True)
    invited, requested = Partnership.State.INVITED, Partnership.State.REQUESTED

    def sides(field: str) -> tuple[Q, Q]:
        """(ours to answer, asked by us), by `field`: the state while open, `asked` once declined."""
        to_answer = Q(**{field: invited, "organisation__in": admin_of}) | Q(
            **{field: requested, "initiative__lead_organisation__in": admin_of}
        )
        asked = Q(**{field: requested, "organisation__in": admin_of}) | Q(
            **{field: invited, "initiative__lead_organisation__in": admin_of}
        )
        if regions:
            asked |= Q(**{field: invited, "initiative__primary_region__in": regions})
        return to_answer, asked

    open_to_answer, open_asked = sides("state")
    _, declined_asked = sides("asked")
    inbox = PartnershipInbox()
    if admin_of or regions:
        waiting = open_to_answer | open_asked
        may_ask_again = Q(state=Partnership.State.DECLINED, asked_again_at__isnull=True) & declined_asked
        rows = list(
            _inbox_rows(
                Partnership.objects.exclude(role=Partnership.Role.LEAD).filter(not_archived, waiting | may_ask_again)
            )[: INBOX_LIMIT * 3]
        )
        for partnership in rows:
            by_organisation = partnership.asked_by_organisation
            answering = partnership.initiative.lead_organisation_id if by_organisation else partnership.organisation_id
            if partnership.is_open and answering in admin_of:
                inbox.to_answer.append(partnership)
            elif partnership.is_open:
                partnership.may_withdraw = is_public.test(user, partnership.initiative)
                inbox.asked.append(partnership)
            else:
                inbox.declined.append(partnership)
    if regions:
        has_admin = Membership.objects.admins().filter(organisation=OuterRef("organisation"), user__is_active=True)
        inbox.unclaimed = list(
            _inbox_rows(
                Partnership.objects.open()
                .filter(not_archived, state=invited, organisation__municipality__region__in=regions)
                .exclude(Exists(has_admin))
            )[:INBOX_LIMIT]
        )
    return inbox
