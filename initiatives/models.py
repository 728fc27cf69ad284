"""What: the SER themes and (later) the initiatives that regional partners run together."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agendastad.accounts.predicates import is_moderator
from agendastad.core.fields import BoundedTextField, MarkdownField
from agendastad.core.text import validate_visible_text
from regions.models import HELIX_OF_KIND, Helix, Membership, OrganisationKind, RegionCoordinator


def submission_key_field() -> models.UUIDField:
    """The one-time key of the form that made a row (`agendastad.core.forms.SubmissionKeyField`), so that a service
    answers a retried POST with the row already made; unique per person with `once_per_submission`."""
    return models.UUIDField(
        _("submission key"),
        null=True,
        blank=True,
        editable=False,
        help_text="The one-time key of the form that made it: a retried POST finds it instead of making another.",
    )


def once_per_submission(person_field: str, *, name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=[person_field, "submission_key"], condition=models.Q(submission_key__isnull=False), name=name
    )


class Theme(models.Model):
    """One of the six themes of the SER advice *Agenda voor de stad*.

    Reference content in both site languages; the six rows are created by a data migration.
    """

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_nl = models.TextField(_("description (Dutch)"))
    description_en = models.TextField(_("description (English)"))

    follows = GenericRelation("notifications.Follow", content_type_field="target_type", object_id_field="target_id")
    """Who follows it (deleted with it); it registers itself as followable in apps.py."""

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=6), name="theme_number_1_to_6"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("initiatives:theme_detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_nl

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" else self.description_nl


class ProgrammeKind(models.TextChoices):
    TOP_SECTOR = "top_sector", _("Top sector")
    PACT = "pact", _("Pact")
    GREEN_DEAL = "green_deal", _("Green Deal")
    SECTOR_AGENDA = "sector_agenda", _("Sector agenda")
    CITY_DEAL = "city_deal", _("City Deal")
    REGIO_DEAL = "regio_deal", _("Regio Deal")
    OTHER = "other", _("Other")


class NationalProgramme(models.Model):
    """A national programme or agreement that regions work out (the top sectors, the Techniekpact, Green Deals,
    …): kept by moderators in the admin panel; initiatives say which they carry out. Moderators may not delete
    one (initiatives would silently lose the link); one that ended is marked as no longer running."""

    slug = models.SlugField(_("slug"), unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160)
    kind = models.CharField(_("kind"), max_length=16, choices=ProgrammeKind, default=ProgrammeKind.OTHER)
    description_nl = models.TextField(_("description (Dutch)"), max_length=2000)
    description_en = models.TextField(_("description (English)"), max_length=2000)
    website = models.URLField(_("official page"), blank=True)
    running = models.BooleanField(_("still running"), default=True)

    class Meta:
        verbose_name = _("national programme")
        verbose_name_plural = _("national programmes")
        ordering = ["name_nl"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=ProgrammeKind.values), name="programme_kind_known"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("insight:programme_detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_nl

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" else self.description_nl


class TargetGroup(models.Model):
    """A group of people an initiative helps take part (young people without a starting qualification, older
    workers, …): kept by moderators, so that who benefits can be counted per region."""

    slug = models.SlugField(_("slug"), unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160)
    description_nl = models.TextField(_("description (Dutch)"), blank=True, max_length=2000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["name_nl"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_nl

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" else self.description_nl


class Status(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROPOSAL = "proposal", _("Proposal")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.IDEA: {Status.PROPOSAL, Status.RUNNING, Status.STOPPED},
    Status.PROPOSAL: {Status.IDEA, Status.RUNNING, Status.STOPPED},
    Status.RUNNING: {Status.COMPLETED, Status.STOPPED},
    Status.COMPLETED: {Status.RUNNING},
    Status.STOPPED: {Status.IDEA, Status.PROPOSAL},
}
"""Which status may follow which: a completed initiative can restart, a stopped one starts over as idea or proposal."""

SEEKING_STATUSES = (Status.IDEA, Status.PROPOSAL, Status.RUNNING)
"""While an initiative may still look for partners: a completed or stopped one leaves the matchmaking page."""
STARTING_STATUSES = (Status.IDEA, Status.PROPOSAL)
"""How anyone may start a new initiative."""
START_REFUSED = _("A new initiative starts as an idea or a proposal.")
UNDERWAY_STATUSES = (Status.RUNNING, Status.COMPLETED)
"""How a new initiative may also start when the person registering it may vouch that it runs or ran already:
the rule initiatives.start_underway."""


class Visibility(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLIC = "public", _("Public")


class Hidden(models.TextChoices):
    """Whether moderation hides an initiative or comment: reports hid it and a moderator has yet to decide
    (*pending*), or a moderator or the region's coordinator decided to hide it (*hidden*)."""

    NO = "", _("Not hidden")
    PENDING = "pending", _("Hidden while a moderator looks at it")
    HIDDEN = "hidden", _("Hidden by a moderator")


class InitiativeQuerySet(models.QuerySet):
    def active(self):
        """Not archived. Archived initiatives stay in the database (and their history) for moderators."""
        return self.filter(archived_at__isnull=True)

    def public(self):
        return self.active().filter(visibility=Visibility.PUBLIC, hidden=Hidden.NO)

    def visible_to(self, user):
        """What this person may see: public initiatives, plus drafts of their own organisations and of the
        regions they coordinate; moderators see every draft. An initiative hidden after reports or by a
        moderator is seen only by moderators and its region's coordinators, who decide about it. Every list,
        search and feed starts here."""
        if not user.is_authenticated:
            return self.public()
        if is_moderator(user):
            return self.active()
        own_organisations = Membership.objects.active().filter(user=user).values("organisation")
        coordinated = RegionCoordinator.objects.acting(user).values("region")
        return self.active().filter(
            models.Q(primary_region__in=coordinated)
            | (
                models.Q(hidden=Hidden.NO)
                & (models.Q(visibility=Visibility.PUBLIC) | models.Q(lead_organisation__in=own_organisations))
            )
        )

    def in_region(self, region):
        return self.filter(in_region_condition(region))


def in_region_condition(region) -> models.Q:
    """Works in `region` (an instance or its id): as its primary region or as one of its further regions."""
    further = Initiative.regions.through.objects.filter(initiative=models.OuterRef("pk"), labourmarketregion=region)
    return models.Q(primary_region=region) | models.Q(models.Exists(further))


SEARCH_CONFIG = "dutch_unaccent"
"""The PostgreSQL text search configuration of `Initiative.search_vector`: the Dutch stemmer after unaccent."""

INITIATIVE_HISTORY = HistoricalRecords(
    m2m_fields=["themes", "regions", "municipalities", "programmes", "target_groups"],
    excluded_fields=[
        "search_vector",
        "description_html",
        "last_activity_at",
        "hidden",
        "discussion_closed_at",
        "submission_key",
    ],
    user_related_name="+",
)
"""Kept by name so that the services can record a save and its relations as one version."""


class Initiative(models.Model):
    """What the partners of a region do together: the heart of the platform."""

    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("At most 300 characters."), validators=[validate_visible_text]
    )
    description = MarkdownField(
        _("description"),
        blank=True,
        max_length=8000,
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
    description_html = models.TextField(
        blank=True, editable=False, help_text="The description rendered and sanitised when it was saved."
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.IDEA)
    visibility = models.CharField(_("visibility"), max_length=8, choices=Visibility, default=Visibility.PUBLIC)
    themes = models.ManyToManyField(Theme, related_name="initiatives", verbose_name=_("themes"))
    primary_region = models.ForeignKey(
        "regions.LabourMarketRegion",
        on_delete=models.PROTECT,
        related_name="primary_initiatives",
        verbose_name=_("region"),
    )
    regions = models.ManyToManyField(
        "regions.LabourMarketRegion",
        blank=True,
        related_name="further_initiatives",
        verbose_name=_("further regions"),
        help_text=_("For initiatives that cross the borders of their region."),
    )
    municipalities = models.ManyToManyField(
        "regions.Municipality", blank=True, related_name="initiatives", verbose_name=_("municipalities")
    )
    programmes = models.ManyToManyField(
        NationalProgramme,
        blank=True,
        related_name="initiatives",
        verbose_name=_("national programmes"),
        help_text=_("The national programmes and deals this initiative works out in the region."),
    )
    target_groups = models.ManyToManyField(
        TargetGroup,
        blank=True,
        related_name="initiatives",
        verbose_name=_("target groups"),
        help_text=_("The groups of people this initiative helps take part."),
    )
    lead_organisation = models.ForeignKey(
        "regions.Organisation",
        on_delete=models.PROTECT,
        related_name="led_initiatives",
        verbose_name=_("lead organisation"),
    )
    sought_note = BoundedTextField(
        _("what partners are sought"),
        blank=True,
        max_length=2000,
        help_text=_("What kind of partner you look for, and for what."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(_("budget (euros)"), max_digits=12, decimal_places=0, null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_initiatives",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now, editable=False)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    hidden = models.CharField(_("hidden"), max_length=8, choices=Hidden, default=Hidden.NO, blank=True)
    discussion_closed_at = models.DateTimeField(_("discussion closed at"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every edit; an edit based on an older version is refused."
    )
    search_vector = SearchVectorField(null=True, editable=False)
    submission_key = submission_key_field()

    follows = GenericRelation("notifications.Follow", content_type_field="target_type", object_id_field="target_id")
    """Who follows it (deleted with it); it registers itself as followable in apps.py."""
    objects = InitiativeQuerySet.as_manager()
    history = INITIATIVE_HISTORY

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at"]
        constraints = [
            once_per_submission("created_by", name="initiative_once_per_submission"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="initiative_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="initiative_budget_not_negative",
            ),
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="initiative_status_known"),
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values), name="initiative_visibility_known"
            ),
            models.CheckConstraint(condition=models.Q(hidden__in=Hidden.values), name="initiative_hidden_known"),
        ]
        indexes = [
            models.Index(
                fields=["-created_at", "-id"],
                # The whole of public(): so counting the public list reads this index alone.
                condition=models.Q(visibility="public", archived_at__isnull=True, hidden=""),
                name="initiative_public_newest",
            ),
            models.Index(fields=["-last_activity_at"], name="initiative_recent_activity"),
            models.Index(fields=["status"], name="initiative_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"slug": self.slug})

    @property
    def is_draft(self) -> bool:
        return self.visibility == Visibility.DRAFT

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden != Hidden.NO

    @property
    def discussion_is_closed(self) -> bool:
        return self.discussion_closed_at is not None


class SoughtPartnerQuerySet(models.QuerySet):
    def open(self):
        """Still sought: no partner of this helix or kind joined since."""
        return self.filter(filled_by__isnull=True)


class SoughtPartner(models.Model):
    """One kind of partner an initiative looks for: a whole helix, or one kind of organisation."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="sought_partners")
    helix = models.CharField(_("helix"), max_length=32, choices=Helix.choices, blank=True)
    kind = models.CharField(_("kind of organisation"), max_length=32, choices=OrganisationKind.choices, blank=True)
    filled_by = models.ForeignKey(
        "Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filled_places",
        verbose_name=_("filled by"),
        help_text=_("The accepted partner of this helix or kind that joined while the place was sought."),
    )

    objects = SoughtPartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("sought partner")
        verbose_name_plural = _("sought partners")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(helix="") & ~models.Q(kind="")) | (~models.Q(helix="") & models.Q(kind="")),
                name="sought_partner_helix_or_kind",
            ),
            models.UniqueConstraint(fields=["initiative", "helix", "kind"], name="sought_partner_once"),
        ]

    def __str__(self) -> str:
        return self.get_helix_display() or self.get_kind_display()

    @property
    def key(self) -> str:
        """What is sought, as a key that stays the same when the row is made anew: "helix:knowledge"."""
        return f"helix:{self.helix}" if self.helix else f"kind:{self.kind}"

    @property
    def is_filled(self) -> bool:
        return self.filled_by_id is not None

    def fits(self, kind: str) -> bool:
        """An organisation of this kind is what is sought."""
        return self.kind == kind if self.kind else self.helix == HELIX_OF_KIND[kind]


class PartnershipQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(state=Partnership.State.ACCEPTED)

    def open(self):
        """Invitations and requests that wait for an answer."""
        return self.filter(state__in=[Partnership.State.INVITED, Partnership.State.REQUESTED])


class Partnership(models.Model):
    """An organisation's part in an initiative. The lead organisation has one too (role lead, accepted),
    so that the helices an initiative covers are simply those of its accepted partnerships."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")
        KNOWLEDGE_PARTNER = "knowledge_partner", _("Knowledge partner")

    class State(models.TextChoices):
        INVITED = "invited", _("Invited")
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("initiative")
    )
    organisation = models.ForeignKey(
        "regions.Organisation", on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    note = BoundedTextField(_("note"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    asked = models.CharField(
        _("asked as"),
        max_length=12,
        choices=[(State.INVITED, _("Invitation by the lead")), (State.REQUESTED, _("Request by the organisation"))],
        default=State.INVITED,
        help_text=_("Who asked: after a decline, only that side may ask again."),
    )
    declined_at = models.DateTimeField(_("first declined at"), null=True, blank=True)
    asked_again_at = models.DateTimeField(
        _("asked again at"), null=True, blank=True, help_text=_("A declined partnership may be asked again once.")
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "organisation"], name="partnership_once_per_organisation"),
            models.UniqueConstraint(
                fields=["initiative"], condition=models.Q(role="lead"), name="partnership_one_lead"
            ),
        ]
        indexes = [models.Index(fields=["initiative", "state"], name="partnership_initiative_state")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.initiative} ({self.get_role_display()})"

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.INVITED, self.State.REQUESTED)

    @property
    def asked_by_organisation(self) -> bool:
        """A request by the organisation (the lead answers), not an invitation by the lead (the organisation
        answers). While it is open its state says so; once answered, `asked` remembers it."""
        return (self.state if self.is_open else self.asked) == self.State.REQUESTED

    @property
    def ask_again_from(self) -> datetime | None:
        """When the side that asked may ask once more after a decline; None when it may not (any more)."""
        if self.state != self.State.DECLINED or self.asked_again_at is not None:
            return None
        declined = self.declined_at or self.answered_at or self.created_at
        return declined + timedelta(days=settings.PARTNERSHIP_ASK_AGAIN_DAYS)


class CommentKind(models.TextChoices):
    """What a comment brings to the discussion, so a thread shows who asks and who offers what."""

    QUESTION = "question", _("Question")
    SUGGESTION = "suggestion", _("Suggestion")
    OFFER = "offer", _("Offer of help")
    COMMITMENT = "commitment", _("Commitment")


class CommentQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)


class Comment(models.Model):
    """A contribution to an initiative's discussion, by a person, possibly on behalf of one of their
    organisations. Replies go one level deep. Removing keeps the row (and the replies' context): the page
    shows a placeholder instead of the text."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="comments", verbose_name=_("initiative")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="comments",
        verbose_name=_("author"),
    )
    organisation = models.ForeignKey(
        "regions.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("on behalf of"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CommentKind, default=CommentKind.QUESTION)
    text = MarkdownField(
        _("comment"),
        max_length=5000,
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
        validators=[validate_visible_text],
    )
    text_html = models.TextField(
        blank=True, editable=False, help_text="The text rendered and sanitised when it was saved."
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True, editable=False)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )
    hidden = models.CharField(_("hidden"), max_length=8, choices=Hidden, default=Hidden.NO, blank=True)
    submission_key = submission_key_field()

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=CommentKind.values), name="comment_kind_known"),
            models.CheckConstraint(condition=models.Q(hidden__in=Hidden.values), name="comment_hidden_known"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="comment_not_its_own_reply"),
            once_per_submission("author", name="comment_once_per_submission"),
        ]
        indexes = [
            models.Index(
                fields=["initiative", "created_at", "id"],
                condition=models.Q(parent__isnull=True),
                name="comment_thread_order",
            ),
            models.Index(fields=["parent", "created_at"], name="comment_replies_order"),
            models.Index(fields=["author", "-created_at"], name="comment_author_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.author} — {self.initiative}"

    def get_absolute_url(self) -> str:
        """The page of the thread (oldest first) that shows this comment, at the comment."""
        page = comment_page_number(self)
        return f"{self.initiative.get_absolute_url()}{f'?page={page}' if page > 1 else ''}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"reactie-{self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden != Hidden.NO

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive or abusive")
    OFF_TOPIC = "off_topic", _("Off-topic")
    PERSONAL_DATA = "personal_data", _("Contains personal data")
    OTHER = "other", _("Something else")


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(handled_at__isnull=True)

    def for_item(self, *, initiative: Initiative, comment: "Comment | None" = None):
        if comment is not None:
            return self.filter(comment=comment)
        return self.filter(initiative=initiative, comment__isnull=True)

    def carrying_weight(self):
        """Reports whose word hides an item before a moderator looks (REPORT_HIDE_THRESHOLD): by coordinators,
        or by accounts at least REPORT_WEIGHT_ACCOUNT_DAYS old that are active members of a verified
        organisation. Three fresh accounts made for the purpose do not count. (Moderators and the region's
        coordinators hide an item themselves.)"""
        old_enough = timezone.now() - timedelta(days=settings.REPORT_WEIGHT_ACCOUNT_DAYS)
        verified_member = Membership.objects.active().filter(
            user=models.OuterRef("reporter"), organisation__verified_at__isnull=False
        )
        coordinator = RegionCoordinator.objects.filter(user=models.OuterRef("reporter"))
        return self.filter(
            models.Q(models.Exists(verified_member), reporter__date_joined__lte=old_enough)
            | models.Q(models.Exists(coordinator))
        )

    def decided_by(self, user):
        """The reports this person decides about: all for moderators, their regions' for coordinators."""
        if is_moderator(user):
            return self
        coordinated = RegionCoordinator.objects.acting(user).values("region")
        return self.filter(initiative__primary_region__in=coordinated)


class Report(models.Model):
    """A person flags an initiative (comment empty) or one of its comments. Once per person and item."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="reports", verbose_name=_("initiative")
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports", verbose_name=_("comment")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports", verbose_name=_("reported by")
    )
    reason = models.CharField(_("reason"), max_length=16, choices=ReportReason)
    text = BoundedTextField(
        _("explanation"),
        max_length=2000,
        blank=True,
        help_text=_("Required when you choose “Something else”."),
        validators=[validate_visible_text],
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now, editable=False)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=models.Q(comment__isnull=False),
                name="report_once_per_person_and_comment",
            ),
            models.UniqueConstraint(
                fields=["reporter", "initiative"],
                condition=models.Q(comment__isnull=True),
                name="report_once_per_person_and_initiative",
            ),
            models.CheckConstraint(condition=models.Q(reason__in=ReportReason.values), name="report_reason_known"),
            models.CheckConstraint(
                condition=~models.Q(reason=ReportReason.OTHER) | ~models.Q(text=""),
                name="report_other_has_text",
            ),
        ]
        indexes = [
            models.Index(fields=["created_at"], condition=models.Q(handled_at__isnull=True), name="report_open"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.comment or self.initiative}"


class ModerationAction(models.Model):
    """One step in the moderation of an initiative (comment empty) or comment: who did what, when and why."""

    class Action(models.TextChoices):
        AUTO_HIDE = "auto_hide", _("Hidden after reports")
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        REMOVE = "remove", _("Removed")
        APPEAL = "appeal", _("Appeal by the author")
        DISMISS = "dismiss", _("Kept visible, reports closed")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="moderation_actions", verbose_name=_("initiative")
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("comment"),
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the platform acted by itself (hidden after reports)."),
    )
    reason = BoundedTextField(_("reason"), max_length=2000, blank=True, validators=[validate_visible_text])
    created_at = models.DateTimeField(_("at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=["auto_hide", "hide", "restore", "remove", "appeal", "dismiss"]),
                name="moderation_action_known",
            ),
            models.UniqueConstraint(
                fields=["comment"],
                condition=models.Q(action="appeal", comment__isnull=False),
                name="moderation_one_appeal_per_comment",
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=models.Q(action="appeal", comment__isnull=True),
                name="moderation_one_appeal_per_initiative",
            ),
        ]
        indexes = [models.Index(fields=["initiative", "comment", "created_at"], name="moderation_item_log")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.comment or self.initiative}"


def comment_page_number(comment: Comment, order: str = "oudste") -> int:
    """The page of the thread (in `order`) on which the comment, or the comment it replies to, is shown."""
    top = comment.parent or comment
    earlier = models.Q(created_at__lt=top.created_at) | models.Q(created_at=top.created_at, id__lt=top.pk)
    if order == "nieuwste":
        earlier = models.Q(created_at__gt=top.created_at) | models.Q(created_at=top.created_at, id__gt=top.pk)
    before = top.initiative.comments.top_level().filter(earlier).count()
    return before // settings.COMMENTS_PER_PAGE + 1


WEB_LINK = URLValidator(schemes=["http", "https"])
"""A link a person puts on the site: a web page, never `javascript:` or `ftp:` (Django's URLField takes ftp too)."""


class ProgressUpdate(models.Model):
    """A short note on an initiative's timeline ("the first twenty students started"), by a member of its lead or
    of an accepted partner, on behalf of that organisation. Plain text with an optional web link; its author
    corrects or deletes it, a moderator or the region's coordinator hides it (with a reason the author hears)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="progress_updates", verbose_name=_("initiative")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="progress_updates",
        verbose_name=_("author"),
    )
    organisation = models.ForeignKey(
        "regions.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        related_name="progress_updates",
        verbose_name=_("on behalf of"),
    )
    text = BoundedTextField(
        _("progress update"),
        max_length=1000,
        validators=[validate_visible_text],
        help_text=_("What happened, in at most 1000 characters. Plain text."),
    )
    link = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[WEB_LINK],
        help_text=_("Optional: a web page with more (https://…)."),
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, editable=False)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True, editable=False)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True, editable=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = BoundedTextField(_("reason for hiding"), max_length=2000, blank=True)
    submission_key = submission_key_field()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-id"]
        constraints = [
            once_per_submission("author", name="progress_update_once_per_submission"),
            models.CheckConstraint(
                condition=models.Q(link="")
                | models.Q(link__startswith="http://")
                | models.Q(link__startswith="https://"),
                name="progress_update_link_is_web",
            ),
        ]
        indexes = [models.Index(fields=["initiative", "-created_at", "-id"], name="progress_update_timeline")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.initiative}"

    def get_absolute_url(self) -> str:
        return f"{self.initiative.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"voortgang-{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None
