"""Reads about initiatives that span relations: lists, coverage, search, related work, matchmaking."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.formats import date_format, number_format

from agendastad.accounts.models import User
from agendastad.accounts.predicates import is_moderator, is_verified_person
from agendastad.notifications.selectors import followers_of_any
from regions.models import (
    HELIX_OF_KIND,
    ContactRoute,
    Helix,
    LabourMarketRegion,
    Membership,
    Municipality,
    Organisation,
    RegionCoordinator,
    Suspension,
    kinds_in_helix,
)
from regions.selectors import (
    ContactRecipients,
    PlaceMatch,
    organisation_contact_recipients,
    organisation_duplicates,
    reachable_people,
)

from .models import (
    SEARCH_CONFIG,
    SEEKING_STATUSES,
    Comment,
    CommentKind,
    Hidden,
    Initiative,
    ModerationAction,
    Partnership,
    ProgressUpdate,
    Report,
    ReportReason,
    SoughtPartner,
    Status,
    Theme,
    Visibility,
    in_region_condition,
)
from .predicates import is_asking_side_of, is_initiative_region_coordinator, is_public

TRIPLE_HELIX = (Helix.GOVERNMENT, Helix.KNOWLEDGE, Helix.BUSINESS)


@dataclass(frozen=True)
class Coverage:
    """Which helices take part. *Complete* means the triple helix: government, knowledge and business."""

    helices: frozenset[str]
    unverified: int = 0
    """How many of the organisations counted are not verified yet: the page says so beside the badges."""

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
    organisations = [p.organisation for p in initiative.accepted_partnerships]
    return Coverage(
        frozenset(HELIX_OF_KIND[organisation.kind] for organisation in organisations),
        unverified=sum(1 for organisation in organisations if not organisation.is_verified),
    )


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
    """Still looking for this helix, or for a kind of organisation within it: a place a partner filled no longer
    counts."""
    return Exists(
        SoughtPartner.objects.open()
        .filter(initiative=OuterRef("pk"))
        .filter(Q(helix=helix) | Q(kind__in=kinds_in_helix(helix)))
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


def in_places(places: PlaceMatch) -> Q | None:
    """Initiatives linked to one of the municipalities or working in one of the regions of `places`."""
    condition = Q()
    if places.municipalities:
        links = Initiative.municipalities.through.objects.filter(
            initiative=OuterRef("pk"), municipality__code__in=places.municipalities
        )
        condition |= Q(Exists(links))
    if places.regions:
        further = Initiative.regions.through.objects.filter(
            initiative=OuterRef("pk"), labourmarketregion__in=places.regions
        )
        condition |= Q(primary_region__in=places.regions) | Q(Exists(further))
    return condition or None


def search(initiatives: QuerySet[Initiative], text: str, *, places: PlaceMatch | None = None) -> QuerySet[Initiative]:
    """Dutch full-text search with a `rank` (title > summary > description); substring matching on SQLite. With
    `places` (the municipalities and regions the text names, `regions.selectors.places_matching`), initiatives
    there are found too, after those whose text matches."""
    text = text.strip()
    if not text:
        return initiatives
    there = in_places(places) if places else None
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        matches = Q(search_vector=query) | there if there is not None else Q(search_vector=query)
        return initiatives.filter(matches).annotate(rank=SearchRank(F("search_vector"), query))
    matches = Q()
    for word in text.split():
        matches &= Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word)
    if there is not None:
        matches |= there
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
    """Initiatives that still seek partners: not completed or stopped, with a sought place no partner filled yet.
    For a member, first those in their organisations' regions that seek their organisations' kind or helix, and
    never as a suggestion an initiative their organisation leads, takes part in or was asked to (`fit`). An
    organisation abroad is in no region: it gives no fit (the list still shows it every initiative that seeks
    partners, and the filters narrow it down)."""
    seeking = initiatives.filter(status__in=SEEKING_STATUSES).filter(
        Exists(SoughtPartner.objects.open().filter(initiative=OuterRef("pk")))
    )
    fit = Value(0, output_field=IntegerField())
    if user.is_authenticated:
        organisations = Organisation.objects.filter(
            pk__in=Membership.objects.active().filter(user=user).values("organisation")
        ).values_list("pk", "kind", "municipality__region")
        conditions = Q()
        for organisation_id, kind, region_id in organisations:
            if region_id is None:  # abroad: in no region, so no initiative fits it by region
                continue
            wanted = (
                SoughtPartner.objects.open()
                .filter(initiative=OuterRef("pk"))
                .filter(Q(kind=kind) | Q(helix=HELIX_OF_KIND[kind]))
            )
            own = Partnership.objects.filter(initiative=OuterRef("pk"), organisation=organisation_id)
            conditions |= in_region_condition(region_id) & Q(Exists(wanted)) & ~Q(Exists(own))
        if conditions:
            fit = Case(When(conditions, then=Value(1)), default=Value(0), output_field=IntegerField())
    return seeking.annotate(fit=fit).order_by("-fit", "-last_activity_at")


def seeks_in_the_open(initiative: Initiative) -> bool:
    """Whether fitting organisations may be told what this initiative seeks: public (not a draft, not hidden,
    not archived) and neither completed nor stopped."""
    return (
        initiative.visibility == Visibility.PUBLIC
        and not initiative.is_hidden
        and not initiative.is_archived
        and initiative.status in SEEKING_STATUSES
    )


def fitting_admins(initiative: Initiative, sought: SoughtPartner) -> QuerySet[User]:
    """Who hears that `initiative` seeks `sought`: the admins with a confirmed address of the verified
    organisations of that kind or helix located in one of its regions (primary or further). Never anyone of an
    organisation that leads it or has a partnership on it (taking part, asked, or having said no): they know it."""
    regions = [initiative.primary_region_id, *initiative.regions.values_list("pk", flat=True)]
    kinds = [sought.kind] if sought.kind else kinds_in_helix(sought.helix)
    involved = Partnership.objects.filter(initiative=initiative).values("organisation")
    organisations = (
        Organisation.objects.verified()
        .filter(kind__in=kinds, municipality__region__in=regions)
        .exclude(pk=initiative.lead_organisation_id)
        .exclude(pk__in=involved)
    )
    insiders = Membership.objects.active().filter(
        Q(organisation=initiative.lead_organisation_id) | Q(organisation__in=involved)
    )
    return (
        User.objects.filter(is_active=True)
        .filter(pk__in=Membership.objects.admins().filter(organisation__in=organisations).values("user"))
        .filter(pk__in=EmailAddress.objects.filter(verified=True).values("user"))
        .exclude(pk__in=insiders.values("user"))
    )


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
class ReportedItem:
    """One initiative or comment with open reports: how many, for which reasons, since when."""

    initiative: Initiative
    comment: Comment | None
    since: datetime
    count: int
    reasons: list[tuple[str, int]]

    @property
    def hidden(self) -> bool:
        return (self.comment or self.initiative).is_hidden


def reported_items(user) -> QuerySet:
    """The open reports this moderator or coordinator decides about, one row per item (`initiative`, `comment`,
    `count`, `since` and `reason_<reason>` counts), the item reported longest ago first. `reported_items_load`
    turns a page of rows into `ReportedItem`s."""
    per_reason = {f"reason_{reason}": Count("id", filter=Q(reason=reason)) for reason in ReportReason.values}
    return (
        Report.objects.open()
        .decided_by(user)
        .order_by()
        .values("initiative", "comment")
        .annotate(count=Count("id"), since=Min("created_at"), **per_reason)
        .order_by("since", "initiative", "comment")
    )


def reported_items_load(rows: Sequence[dict]) -> list[ReportedItem]:
    """The items of these `reported_items` rows, in two queries whatever their number."""
    initiatives = Initiative.objects.defer("search_vector", "description", "description_html").in_bulk(
        {row["initiative"] for row in rows}
    )
    comments = Comment.objects.select_related("author").in_bulk({row["comment"] for row in rows if row["comment"]})
    return [
        ReportedItem(
            initiative=initiatives[row["initiative"]],
            comment=comments.get(row["comment"]),
            since=row["since"],
            count=row["count"],
            reasons=[
                (ReportReason(reason).label, row[f"reason_{reason}"])
                for reason in ReportReason.values
                if row[f"reason_{reason}"]
            ],
        )
        for row in rows
    ]


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
    """The active people who follow one of the initiative's regions or themes, or its lead organisation, each
    once."""
    regions = [initiative.primary_region_id, *initiative.regions.values_list("pk", flat=True)]
    return followers_of_any(
        [
            (LabourMarketRegion, regions),
            (Theme, initiative.themes.values_list("pk", flat=True)),
            (Organisation, [initiative.lead_organisation_id]),
        ]
    )


def initiative_contact_recipients(initiative: Initiative) -> ContactRecipients:
    """Who receives a message about `initiative`: its contact person; without one (or one who cannot be reached),
    the lead organisation's admins; without those, the coordinators of the initiative's region."""
    if initiative.contact_person_id is not None:
        people = reachable_people(User.objects.filter(pk=initiative.contact_person_id))
        if people:
            return ContactRecipients(ContactRoute.CONTACT_PERSON, people, initiative.lead_organisation)
    return organisation_contact_recipients(initiative.lead_organisation, region=initiative.primary_region)


# A coordinator's workspace: what waits for a region's coordinators (/mijn/regio/<slug>/).

NEW_WITHIN = timedelta(days=14)
""""New" in the workspace: registered in the last two weeks, so a coordinator who looks weekly misses nothing."""
WORKSPACE_SHOWN = 20
"""At most this many items per section of the workspace; its count and a link to the whole list say the rest."""
ANSWERING_COMMENT_KINDS = (CommentKind.SUGGESTION, CommentKind.OFFER, CommentKind.COMMITMENT)
"""Comments that answer a call for partners: a suggestion, an offer of help or a commitment."""


def _workspace_initiatives(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """What a workspace line shows of an initiative: title, status, draft, lead organisation, dates."""
    return initiatives.select_related("lead_organisation").defer(
        "search_vector", "description", "description_html", "sought_note"
    )


def workspace_querysets(region: LabourMarketRegion, user, *, now: datetime | None = None) -> dict[str, QuerySet]:
    """Each section of the region's workspace as a queryset, limited to what this person may see and decide:
    organisations waiting for verification, open reports (of the initiatives whose primary region this is, as
    moderation decides), new initiatives, initiatives seeking partners whom nobody answered, initiatives without
    activity for a year, and partnership invitations waiting for an organisation without an admin."""
    now = now or timezone.now()
    visible = Initiative.objects.visible_to(user).in_region(region)
    answered = Q(Exists(Partnership.objects.filter(initiative=OuterRef("pk")).exclude(role=Partnership.Role.LEAD))) | Q(
        Exists(
            Comment.objects.filter(
                initiative=OuterRef("pk"), kind__in=ANSWERING_COMMENT_KINDS, removed_at__isnull=True, hidden=Hidden.NO
            )
        )
    )
    open_statuses = [Status.IDEA, Status.PROPOSAL, Status.RUNNING]
    has_admin = Membership.objects.admins().filter(organisation=OuterRef("organisation"))
    return {
        "organisations": Organisation.objects.in_region(region)
        .filter(verified_at__isnull=True)
        .select_related("municipality")
        .defer("municipality__boundary")
        .order_by("created_at", "pk"),
        "reports": reports_open().decided_by(user).filter(initiative__primary_region=region),
        "new": visible.filter(created_at__gte=now - NEW_WITHIN).order_by("-created_at", "-pk"),
        "seeking": Initiative.objects.public()
        .in_region(region)
        .filter(status__in=open_statuses)
        .filter(Exists(SoughtPartner.objects.filter(initiative=OuterRef("pk"))))
        .exclude(answered)
        .order_by("created_at", "pk"),
        "stale": visible.filter(pk__in=stale_initiatives(region, now=now).values("pk"))
        .filter(status__in=open_statuses)
        .order_by("last_activity_at", "pk"),
        "invitations": Partnership.objects.filter(
            state=Partnership.State.INVITED,
            organisation__in=Organisation.objects.in_region(region).values("pk"),
            initiative__in=Initiative.objects.visible_to(user).values("pk"),
        )
        .exclude(Exists(has_admin))
        .select_related("organisation", "initiative")
        .defer("initiative__search_vector", "initiative__description", "initiative__description_html")
        .order_by("created_at", "pk"),
    }


@dataclass
class WorkspaceSection:
    """One section of a workspace: how many wait in all, and the first `WORKSPACE_SHOWN` of them."""

    count: int
    items: list


def _reported_items(reports: QuerySet[Report]) -> WorkspaceSection:
    """Open reports grouped per reported initiative or comment, oldest first, as the moderation queue has them."""
    count = reports.order_by().values("initiative", "comment").distinct().count()
    items: dict[tuple[int, int | None], QueueItem] = {}
    for report in reports[: WORKSPACE_SHOWN * 10]:
        key = (report.initiative_id, report.comment_id)
        items.setdefault(key, QueueItem(report.initiative, report.comment, report.created_at)).reports.append(report)
    return WorkspaceSection(count, list(items.values())[:WORKSPACE_SHOWN])


def region_workspace(region: LabourMarketRegion, user, *, now: datetime | None = None) -> dict[str, WorkspaceSection]:
    """Every section of the region's workspace with its count and first items, in a fixed number of queries
    whatever the number of items. Each waiting organisation carries `duplicates` (`organisation_duplicates`)."""
    querysets = workspace_querysets(region, user, now=now)
    sections = {"reports": _reported_items(querysets.pop("reports"))}
    for name in ("new", "seeking", "stale"):
        querysets[name] = _workspace_initiatives(querysets[name])
    querysets["seeking"] = querysets["seeking"].prefetch_related("sought_partners")
    for name, queryset in querysets.items():
        sections[name] = WorkspaceSection(queryset.count(), list(queryset[:WORKSPACE_SHOWN]))
    duplicates = organisation_duplicates(sections["organisations"].items)
    for organisation in sections["organisations"].items:
        organisation.duplicates = duplicates[organisation.pk]
    return sections


def coordinated_regions_summary(user, *, now: datetime | None = None) -> list[tuple[LabourMarketRegion, dict]]:
    """For /mijn/: each region this person acts as coordinator of (second factor passed), with how many items wait
    in each section of its workspace."""
    regions = LabourMarketRegion.objects.filter(pk__in=RegionCoordinator.objects.acting(user).values("region")).defer(
        "boundary"
    )
    summary = []
    for region in regions:
        querysets = workspace_querysets(region, user, now=now)
        counts = {name: queryset.count() for name, queryset in querysets.items() if name != "reports"}
        counts["reports"] = querysets["reports"].order_by().values("initiative", "comment").distinct().count()
        summary.append((region, counts))
    return summary


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


# Progress and history.

PROGRESS_ON_PAGE = 50
"""The newest progress updates an initiative's page shows on its timeline."""


def progress_timeline(initiative: Initiative, user) -> list[ProgressUpdate]:
    """The newest progress updates, each with what this person may do with it (`may_edit`, `may_delete`,
    `may_moderate`) and whether its text shows to them (`shows_text`: a hidden one only to its author and those who
    moderate it), asked once for the page instead of once per update. The rules (initiatives.edit_progress,
    delete_progress, moderate_progress) decide each action; tests/initiatives/test_progress.py holds the two
    together."""
    updates = list(
        initiative.progress_updates.select_related("author", "organisation").order_by("-created_at", "-id")[
            :PROGRESS_ON_PAGE
        ]
    )
    verified = is_verified_person(user)
    open_initiative = not initiative.is_archived and not initiative.is_hidden
    speaks_for: set[int] = set()
    moderates = False
    if updates and verified and open_initiative:
        taking_part = Partnership.objects.accepted().filter(initiative=initiative).values("organisation")
        speaks_for = set(
            Membership.objects.active()
            .filter(user=user, organisation__in=taking_part)
            .values_list("organisation_id", flat=True)
        )
        moderates = is_moderator(user) or is_initiative_region_coordinator(user, initiative)
    for update in updates:
        own = verified and update.author_id == user.pk and update.organisation_id in speaks_for
        update.may_edit = own and not update.is_hidden
        update.may_delete = own
        update.may_moderate = moderates
        update.shows_text = not update.is_hidden or own or moderates
    return updates


def stale_initiatives(region: LabourMarketRegion | int, *, now: datetime | None = None) -> QuerySet[Initiative]:
    """The initiatives of `region` (as primary region) without any activity (an edit, a status change, a comment,
    a progress update) for STALE_INITIATIVE_DAYS: still an idea, a proposal or running, neither archived nor
    hidden by moderation, drafts included. Longest silent first. The coordinator's workspace lists them and
    `manage.py flag_stale_initiatives` tells the region's coordinators."""
    now = now or timezone.now()
    silent_since = now - timedelta(days=settings.STALE_INITIATIVE_DAYS)
    return (
        Initiative.objects.active()
        .filter(
            primary_region=region,
            hidden=Hidden.NO,
            status__in=[Status.IDEA, Status.PROPOSAL, Status.RUNNING],
            last_activity_at__lt=silent_since,
        )
        .defer("search_vector", "description", "description_html")
        .select_related("lead_organisation")
        .order_by("last_activity_at", "pk")
    )


HISTORY_LEFT_OUT = ["version", "updated_at", "created_at", "created_by", "slug"]
"""Fields a version does not list as changed: bookkeeping, and the address (it follows the title once)."""
HISTORY_TEXT_ONLY = {"description"}
"""Long texts a version names as changed without showing them."""


@dataclass(frozen=True)
class FieldChange:
    """One field of a version: its name, and its old and new values as a person reads them (names, not ids), or
    `shows_values` False for a long text that is only named."""

    label: str
    old: str = ""
    new: str = ""
    shows_values: bool = True


@dataclass(frozen=True)
class Version:
    record: object
    changes: list[FieldChange]
    created: bool
    """The first version of an initiative registered through the site."""
    first_recorded: bool
    """The oldest version recorded is an edit: nothing to compare it with (the demo data has no history)."""


def initiative_versions(initiative: Initiative) -> list[Version]:
    """Every recorded version, newest first, each with what changed since the one before: old and new values,
    with the names of themes, regions, organisations and people looked up once for the whole page."""
    records = list(initiative.history.select_related("history_user").order_by("-history_date", "-history_id"))
    diffs = []
    for newer, older in zip(records, [*records[1:], None][: len(records)], strict=True):
        changes = newer.diff_against(older, excluded_fields=HISTORY_LEFT_OUT).changes if older else []
        diffs.append((newer, older, changes))
    names = _history_names([change for _newer, _older, changes in diffs for change in changes])
    return [
        Version(
            record=newer,
            changes=[_field_change(change, names) for change in changes],
            created=older is None and newer.history_type == "+",
            first_recorded=older is None and newer.history_type != "+",
        )
        for newer, older, changes in diffs
    ]


def _related_ids(change) -> tuple[type | None, list[int]]:
    """The model a changed relation points to and the ids its old and new values name."""
    model_field = Initiative._meta.get_field(change.field)
    if model_field.many_to_many:
        ids = [
            value
            for rows in (change.old or [], change.new or [])
            for row in rows
            for key, value in row.items()
            if key != "initiative"
        ]
        return model_field.related_model, ids
    if model_field.many_to_one:
        return model_field.related_model, [value for value in (change.old, change.new) if value is not None]
    return None, []


def _history_names(changes) -> dict[type, dict[int, str]]:
    wanted: dict[type, set[int]] = {}
    for change in changes:
        model, ids = _related_ids(change)
        if model is not None:
            wanted.setdefault(model, set()).update(ids)
    names = {}
    for model, ids in wanted.items():
        rows = model.objects.filter(pk__in=ids)
        if any(model_field.name == "boundary" for model_field in model._meta.fields):
            rows = rows.defer("boundary")
        names[model] = {row.pk: str(row) for row in rows}
    return names


def _readable(model_field, value, names: dict[type, dict[int, str]]) -> str:
    if value is None or value == "" or value == []:
        return ""
    if model_field.many_to_many:
        model = model_field.related_model
        ids = [v for row in value for key, v in row.items() if key != "initiative"]
        return ", ".join(sorted(names.get(model, {}).get(pk, f"#{pk}") for pk in ids))
    if model_field.many_to_one:
        return names.get(model_field.related_model, {}).get(value, f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, Decimal):
        return f"€ {number_format(value, decimal_pos=0, force_grouping=True)}"
    return str(value)


def _field_change(change, names: dict[type, dict[int, str]]) -> FieldChange:
    model_field = Initiative._meta.get_field(change.field)
    label = str(model_field.verbose_name)
    if change.field in HISTORY_TEXT_ONLY:
        return FieldChange(label=label, shows_values=False)
    return FieldChange(
        label=label, old=_readable(model_field, change.old, names), new=_readable(model_field, change.new, names)
    )
