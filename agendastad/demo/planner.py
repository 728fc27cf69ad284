"""Demo content for a first look at the site and for the benchmarks: Dutch organisations, people,
memberships, initiatives and partnerships, the same for the same seed.

Every choice comes from one `random.Random(seed)` and every date from a fixed starting point, so two
runs with one seed on an empty database create the same rows (primary keys and password hashes
aside). Rows go in with `bulk_create` in batches, the many-to-many rows straight into their through
tables: thousands of organisations and people take seconds, 100,000 initiatives a few minutes. The
names are invented; email addresses and websites use reserved example domains.

The initiatives and their comments bypass the services on purpose: no edit history
(django-simple-history) is recorded for demo data, and no mail is sent. They do keep the services'
conventions: a lead partnership (role lead, accepted) for every initiative, the lead organisation in
the primary region, the municipalities within the initiative's regions, search vectors filled (on
PostgreSQL), comments on public initiatives only, on behalf of the author's own organisations.
"""

import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count, Model, Q
from django.utils.text import slugify

from agendastad.accounts.models import User
from agendastad.agendas.models import (
    AgendaCommitment,
    AgendaKind,
    AgendaPriority,
    AgendaState,
    PriorityContribution,
    RegionAgenda,
)
from agendastad.core.markdown import render_markdown
from initiatives.models import (
    Comment,
    CommentKind,
    Initiative,
    NationalProgramme,
    Partnership,
    SoughtPartner,
    Status,
    TargetGroup,
    Theme,
    Visibility,
)
from initiatives.selectors import TRIPLE_HELIX
from initiatives.services import search_vectors_refresh
from regions.models import (
    HELIX_OF_KIND,
    Helix,
    LabourMarketRegion,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    kinds_in_helix,
)

from .words import (
    ACTIONS,
    BRAND_HEADS,
    BRAND_TAILS,
    CLOSINGS,
    COMMENT_TEXTS,
    CONTEXTS,
    DESCRIPTIONS,
    DISTRICTS,
    FIRST_NAMES,
    INITIATIVE_SECTORS,
    INITIATIVE_TITLES,
    INITIATIVE_TOPICS,
    LEAD_KINDS,
    MUNICIPALITY_LABELS,
    NAME_TEMPLATES,
    NATIONAL_BODIES,
    PLACE_LABELS,
    PROVINCE_CAPITALS,
    REGION_HUBS,
    REPLY_TEXTS,
    RESULTS,
    SCHOLARS,
    SCHOOL_STEMS,
    SEAT_OF_GOVERNMENT,
    SECTORS,
    SIGNS,
    SOUGHT_NOTES,
    SUMMARIES,
    SURNAMES,
    TITLE_ENDINGS,
    TITLE_SUMMARIES,
    TOPICS,
    TRADES,
    UNIVERSITY_CITIES,
)

DEFAULT_SEED = 2025
DEFAULT_ORGANISATIONS = 120
DEFAULT_PEOPLE = 60
DEFAULT_INITIATIVES = 80
DEMO_SUPERUSER_EMAIL = "beheer@agendastad.example"
DEMO_SUPERUSER_PASSWORD = "agendastad-demo"
BATCH_SIZE = 1000
EPOCH = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)  # the Monday the demo platform opens
DEMO_DAYS = 300  # organisations register and people join within this many days after EPOCH


class DemoDataError(Exception):
    """The demo data cannot be created (for example: the CBS regions are not loaded yet)."""


@dataclass
class DemoReport:
    seed: int
    organisations: int = 0
    verified: int = 0
    kinds: int = 0
    regions: int = 0
    people: int = 0
    memberships: int = 0
    initiatives: int = 0
    drafts: int = 0
    initiative_regions: int = 0
    themes: int = 0
    partnerships: int = 0
    comments: int = 0
    agendas: int = 0
    superuser_created: bool = False
    abroad: int = 0

    def __str__(self) -> str:
        return (
            f"{self.organisations} organisations ({self.verified} verified) of {self.kinds} kinds "
            f"in {self.regions} regions and {self.abroad} across the border, "
            f"{self.people} people with {self.memberships} memberships, "
            f"{self.initiatives} initiatives ({self.drafts} drafts) in {self.initiative_regions} regions "
            f"on {self.themes} themes with {self.partnerships} partnerships and {self.comments} comments"
        )


# --- Places --------------------------------------------------------------------------------------


def _municipality_label(name: str) -> str:
    """'Middelburg (Z.)' → 'Middelburg', "'s-Gravenhage" → 'Den Haag'."""
    return MUNICIPALITY_LABELS.get(name, re.sub(r"\s*\(.*\)$", "", name))


def _place_label(name: str) -> str:
    """The place as it appears in a company name: 'Nuenen, Gerwen en Nederwetten' → 'Nuenen'."""
    return PLACE_LABELS.get(name, _municipality_label(name).split(",")[0])


@dataclass
class _Geography:
    regions: list[LabourMarketRegion]
    municipalities: dict[int, list[Municipality]]  # by region id, in CBS code order
    by_name: dict[str, Municipality]
    hubs: dict[int, Municipality]  # by region id

    @classmethod
    def load(cls) -> "_Geography":
        regions = list(LabourMarketRegion.objects.current().order_by("code"))
        municipalities: dict[int, list[Municipality]] = {region.pk: [] for region in regions}
        by_name = {}
        for municipality in Municipality.objects.current().defer("boundary").order_by("code"):
            if municipality.region_id in municipalities:
                municipalities[municipality.region_id].append(municipality)
                by_name[municipality.name] = municipality
        regions = [region for region in regions if municipalities[region.pk]]
        if not regions:
            raise DemoDataError("There are no regions with municipalities yet: run manage.py load_regions first.")
        hubs = {}
        for region in regions:
            hub = by_name.get(REGION_HUBS.get(region.code, ""))
            hubs[region.pk] = hub if hub and hub.region_id == region.pk else municipalities[region.pk][0]
        return cls(regions=regions, municipalities=municipalities, by_name=by_name, hubs=hubs)

    @property
    def all_municipalities(self) -> list[Municipality]:
        return [m for region in self.regions for m in self.municipalities[region.pk]]

    def capitals(self) -> list[tuple[str, Municipality]]:
        first_in_province: dict[str, Municipality] = {}
        for municipality in self.all_municipalities:
            first_in_province.setdefault(municipality.province, municipality)
        return [
            (province, self.by_name.get(PROVINCE_CAPITALS.get(province, ""), first))
            for province, first in sorted(first_in_province.items())
        ]

    def seat_of_government(self) -> Municipality:
        return self.by_name.get(SEAT_OF_GOVERNMENT) or self.hubs[self.regions[0].pk]

    def university_cities(self) -> list[Municipality]:
        return [self.by_name[name] for name in UNIVERSITY_CITIES if name in self.by_name]


# --- Organisations -------------------------------------------------------------------------------

EMPLOYEES = [6, 12, 25, 40, 60, 90, 150, 250, 600]
# Regional organisations (schools, unions, networks...) mostly sit in the region's hub; shops and
# foundations anywhere.
HUB_SHARE = {OrganisationKind.BUSINESS: 0.3, OrganisationKind.CIVIL_SOCIETY: 0.2}
HUB_SHARE_OTHERWISE = 0.6
VERIFIED_SHARE = {
    Helix.GOVERNMENT: 0.9,
    Helix.KNOWLEDGE: 0.85,
    Helix.BUSINESS: 0.55,
    Helix.SOCIAL_PARTNERS: 0.75,
    Helix.CIVIL_SOCIETY: 0.6,
}
# The share of each kind among the demo organisations. For very small numbers the first kinds in
# this order come first; what the shares leave over goes to businesses.
KIND_SHARES: dict[str, float] = {
    OrganisationKind.BUSINESS: 0.40,
    OrganisationKind.MUNICIPALITY: 0.10,
    OrganisationKind.SCHOOL_MBO: 0.04,
    OrganisationKind.CIVIL_SOCIETY: 0.12,
    OrganisationKind.EMPLOYERS_ORGANISATION: 0.05,
    OrganisationKind.UNION: 0.04,
    OrganisationKind.SCHOOL_HBO: 0.03,
    OrganisationKind.KNOWLEDGE_INSTITUTION: 0.03,
    OrganisationKind.BUSINESS_NETWORK: 0.06,
    OrganisationKind.PUBLIC_BODY: 0.04,
    OrganisationKind.PROVINCE: 0.03,
    OrganisationKind.UNIVERSITY: 0.015,
    OrganisationKind.NATIONAL_GOVERNMENT: 0.01,
}


def _surname_first(surname: str) -> str:
    """'van der Meer' at the start of a name is written 'Van der Meer'."""
    return surname[0].upper() + surname[1:]


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())


def _organisation_name(
    rng: random.Random, *, kind: str, municipality: Municipality, region: str, avoid: set[str]
) -> str:
    """A name from the kind's templates, one not in `avoid` if ten tries find one (else the slug tells them apart)."""
    for _attempt in range(10):
        name = _organisation_name_once(rng, kind=kind, municipality=municipality, region=region)
        if name not in avoid:
            break
    return name


def _organisation_name_once(rng: random.Random, *, kind: str, municipality: Municipality, region: str) -> str:
    values = {
        "place": _place_label(municipality.name),
        "region": region,
        "sector": rng.choice(SECTORS),
        "trade": rng.choice(TRADES),
        "sign": rng.choice(SIGNS),
        "Surname": _surname_first(rng.choice(SURNAMES)),
        "brand": rng.choice(BRAND_HEADS) + rng.choice(BRAND_TAILS),
        "topic": rng.choice(TOPICS),
        "stem": rng.choice(SCHOOL_STEMS),
        "district": rng.choice(DISTRICTS),
    }
    return rng.choice(NAME_TEMPLATES[kind]).format(**values)


def _description(rng: random.Random, *, kind: str, municipality: Municipality, region: str) -> str:
    templates = DESCRIPTIONS.get(kind) or DESCRIPTIONS[HELIX_OF_KIND[kind]]
    sentences = rng.sample(templates, k=min(len(templates), rng.choice([1, 2])))
    values = {
        "place": _place_label(municipality.name),
        "region": region,
        "topic_lower": rng.choice(TOPICS).lower(),
        "employees": rng.choice(EMPLOYEES),
    }
    return " ".join(sentences).format(**values)


# --- Planning ------------------------------------------------------------------------------------


@dataclass
class _Planned:
    kind: str
    municipality: Municipality
    name: str = ""


def _kind_counts(total: int, caps: dict[str, int]) -> dict[str, int]:
    """How many organisations of each kind: every kind at least once (room permitting), within the caps."""
    kinds = list(KIND_SHARES)
    if total <= len(kinds):
        return {kind: int(index < total) for index, kind in enumerate(kinds)}
    counts = {kind: min(caps.get(kind, total), max(1, int(share * total))) for kind, share in KIND_SHARES.items()}
    while sum(counts.values()) > total:
        largest = max(kinds, key=lambda kind: counts[kind])
        counts[largest] -= 1
    counts[OrganisationKind.BUSINESS] += total - sum(counts.values())
    return counts


def _plan_organisations(rng: random.Random, geography: _Geography, total: int) -> list[_Planned]:
    """Kinds and places: municipalities, provinces, ministries and universities where they belong,
    then the rest over the regions, first one in every region not yet covered."""
    capitals = geography.capitals()
    universities = geography.university_cities()
    hubs_first = list(geography.hubs.values())
    rng.shuffle(hubs_first)
    others = [m for m in geography.all_municipalities if m not in hubs_first]
    rng.shuffle(others)
    counts = _kind_counts(
        total,
        caps={
            OrganisationKind.MUNICIPALITY: len(hubs_first) + len(others),
            OrganisationKind.PROVINCE: len(capitals),
            OrganisationKind.NATIONAL_GOVERNMENT: len(NATIONAL_BODIES),
            OrganisationKind.UNIVERSITY: len(universities),
        },
    )

    planned = [
        _Planned(OrganisationKind.MUNICIPALITY, m, name=f"Gemeente {_municipality_label(m.name)}")
        for m in hubs_first + others
    ]
    planned = planned[: counts[OrganisationKind.MUNICIPALITY]]
    for province, capital in rng.sample(capitals, k=counts[OrganisationKind.PROVINCE]):
        planned.append(_Planned(OrganisationKind.PROVINCE, capital, name=f"Provincie {province}"))
    for name in rng.sample(NATIONAL_BODIES, k=counts[OrganisationKind.NATIONAL_GOVERNMENT]):
        planned.append(_Planned(OrganisationKind.NATIONAL_GOVERNMENT, geography.seat_of_government(), name=name))
    scholars = rng.sample(SCHOLARS, k=len(SCHOLARS))
    for index, city in enumerate(rng.sample(universities, k=counts[OrganisationKind.UNIVERSITY])):
        name = f"{scholars[index % len(scholars)]} Universiteit {_place_label(city.name)}"
        planned.append(_Planned(OrganisationKind.UNIVERSITY, city, name=name))

    placed_kinds = {
        OrganisationKind.MUNICIPALITY,
        OrganisationKind.PROVINCE,
        OrganisationKind.NATIONAL_GOVERNMENT,
        OrganisationKind.UNIVERSITY,
    }
    free_kinds = [kind for kind, count in counts.items() if kind not in placed_kinds for _ in range(count)]
    rng.shuffle(free_kinds)
    covered = {p.municipality.region_id for p in planned}
    uncovered = [region for region in geography.regions if region.pk not in covered]
    rng.shuffle(uncovered)
    weights = [len(geography.municipalities[region.pk]) + 4 for region in geography.regions]
    for index, kind in enumerate(free_kinds):
        region = uncovered[index] if index < len(uncovered) else rng.choices(geography.regions, weights)[0]
        if rng.random() < HUB_SHARE.get(kind, HUB_SHARE_OTHERWISE):
            municipality = geography.hubs[region.pk]
        else:
            municipality = rng.choice(geography.municipalities[region.pk])
        planned.append(_Planned(kind, municipality))
    return planned


def _unique_slug(name: str, place: str, taken: set[str]) -> str:
    """The name as a slug; on a clash with the place added, then with a number."""
    base = slugify(name.replace("/", " "))[:200].strip("-") or "organisatie"
    slug, number = base, 2
    if slug in taken:
        slug = f"{base}-{slugify(place)}"
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _timestamp(rng: random.Random) -> datetime:
    """A moment (to the minute) in the demo period: fixed dates, so the same seed gives the same moments."""
    return EPOCH + timedelta(minutes=rng.randrange(DEMO_DAYS * 24 * 60))


def _bulk_insert(model: type[Model], objects: Sequence[Model]) -> None:
    for start in range(0, len(objects), BATCH_SIZE):
        model.objects.bulk_create(objects[start : start + BATCH_SIZE])


# --- Initiatives: planning -----------------------------------------------------------------------

STATUS_WEIGHTS = {
    Status.IDEA: 20,
    Status.PROPOSAL: 15,
    Status.RUNNING: 40,
    Status.COMPLETED: 15,
    Status.STOPPED: 10,
}
DRAFT_SHARE = 0.1
CROSS_REGIONAL_SHARE = 0.08  # further regions on top of the routes that cross a region's border
NEIGHBOUR_SHARE = 0.35  # a route from {place} to {place2} ends in a neighbouring region this often
SOUGHT_SHARE = 0.4
PARTNER_COUNT_WEIGHTS = {0: 15, 1: 25, 2: 25, 3: 20, 4: 15}  # partners besides the lead
PARTNER_IN_REGION_SHARE = 0.75
INVITED_SHARE = 0.7  # partnerships the lead asked for; the others were requested by the partner
INVITATION_STATES = {Partnership.State.ACCEPTED: 80, Partnership.State.INVITED: 12, Partnership.State.DECLINED: 8}
REQUEST_STATES = {Partnership.State.ACCEPTED: 75, Partnership.State.REQUESTED: 20, Partnership.State.DECLINED: 5}
MEMBER_SHARE = 0.75  # of the demo people, this many belong to an organisation
SECOND_MEMBERSHIP_SHARE = 0.15
REQUESTED_MEMBERSHIP_SHARE = 0.1
NUMBERS = [12, 20, 25, 40, 50, 75, 100, 150, 200, 250, 400, 500]
YEARS = [2025, 2026, 2027, 2028]
INITIATIVE_CHUNK = 5000  # initiatives planned, inserted and indexed for search together
END = EPOCH + timedelta(days=DEMO_DAYS)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _later(rng: random.Random, moment: datetime, days: int) -> datetime:
    """A moment within `days` after `moment`, but not after the demo period."""
    return min(END, moment + timedelta(minutes=rng.randrange(1, days * 24 * 60)))


@dataclass
class _Members:
    """The demo memberships that initiatives draw contact persons and creators from."""

    active: dict[int, list[User]]  # by organisation id
    admins: dict[int, list[User]]
    count: int = 0


@dataclass
class _Pool:
    """The organisations an initiative can be led by or partner with, by region, kind and helix."""

    everyone: list[Organisation]
    by_region: dict[int, list[Organisation]]
    by_region_kind: dict[tuple[int, str], list[Organisation]]
    by_region_helix: dict[tuple[int, str], list[Organisation]]
    by_helix: dict[str, list[Organisation]]

    @classmethod
    def load(cls, geography: _Geography) -> "_Pool":
        regions = {region.pk for region in geography.regions}
        everyone = [
            organisation
            for organisation in Organisation.objects.select_related("municipality").order_by("slug")
            if organisation.municipality is not None and organisation.municipality.region_id in regions
        ]
        pool = cls(everyone=everyone, by_region={}, by_region_kind={}, by_region_helix={}, by_helix={})
        for organisation in everyone:
            region, helix = organisation.municipality.region_id, HELIX_OF_KIND[organisation.kind]
            pool.by_region.setdefault(region, []).append(organisation)
            pool.by_region_kind.setdefault((region, organisation.kind), []).append(organisation)
            pool.by_region_helix.setdefault((region, helix), []).append(organisation)
            pool.by_helix.setdefault(helix, []).append(organisation)
        return pool

    def lead(self, rng: random.Random, region: int, theme: int) -> Organisation:
        """Usually a kind of organisation that leads this theme's work, always one in the region."""
        if rng.random() < 0.75:
            fitting = [o for kind in LEAD_KINDS[theme] for o in self.by_region_kind.get((region, kind), [])]
            if fitting:
                return rng.choice(fitting)
        return rng.choice(self.by_region[region])

    def partner(self, rng: random.Random, region: int, missing: list[str], taken: set[int]) -> Organisation | None:
        """Mostly from the same region, often of a helix the initiative still lacks; None when nobody is left."""
        for _attempt in range(6):
            nearby = rng.random() < PARTNER_IN_REGION_SHARE
            if missing and rng.random() < 0.5:
                helix = rng.choice(missing)
                candidates = (nearby and self.by_region_helix.get((region, helix))) or self.by_helix.get(helix, [])
            else:
                candidates = self.by_region[region] if nearby else self.everyone
            if candidates:
                organisation = rng.choice(candidates)
                if organisation.pk not in taken:
                    return organisation
        return None


def _neighbours(geography: _Geography, regions: list[LabourMarketRegion]) -> dict[int, list[int]]:
    """Regions that share a province count as neighbours (Zeeland, alone in its province, has none)."""
    provinces = {region.pk: {m.province for m in geography.municipalities[region.pk]} for region in geography.regions}
    return {
        region.pk: [
            other.pk for other in regions if other.pk != region.pk and provinces[region.pk] & provinces[other.pk]
        ]
        for region in regions
    }


@dataclass
class _PlannedInitiative:
    initiative: Initiative
    themes: list[int]
    further_regions: list[int]
    municipalities: list[int]
    partnerships: list[Partnership]
    sought: list[SoughtPartner]
    programmes: list[int] = field(default_factory=list)
    target_groups: list[int] = field(default_factory=list)


def _dates(rng: random.Random, status: str, created: datetime) -> tuple[date | None, date | None]:
    """Start and end as the status suggests: plans lie ahead, completed work behind, running work lasts beyond
    the demo period. Never an end before the start."""
    today = created.date()
    if status == Status.IDEA:
        if rng.random() < 0.7:
            return None, None
        return today + timedelta(days=rng.randrange(60, 400)), None
    if status == Status.PROPOSAL:
        start = today + timedelta(days=rng.randrange(30, 300))
        if rng.random() < 0.4:
            return start, None
        return start, start + timedelta(days=rng.randrange(365, 3 * 365))
    if status == Status.RUNNING:
        start = today - timedelta(days=rng.randrange(0, 3 * 365))
        if rng.random() < 0.2:
            return start, None
        return start, max(start + timedelta(days=rng.randrange(365, 4 * 365)), END.date() + timedelta(days=30))
    if status == Status.COMPLETED:
        end = today - timedelta(days=rng.randrange(0, 2 * 365))
        return end - timedelta(days=rng.randrange(180, 3 * 365)), end
    start = today - timedelta(days=rng.randrange(30, 3 * 365))  # stopped, perhaps before its planned end
    if rng.random() < 0.5:
        return start, None
    return start, min(today, start + timedelta(days=rng.randrange(30, 700)))


def _budget(rng: random.Random, status: str) -> Decimal | None:
    """Euros between ten thousand and five million, rounded as budgets are."""
    if (status == Status.IDEA and rng.random() < 0.8) or rng.random() < 0.15:
        return None
    amount = 10 ** rng.uniform(4, 6.7)
    step = 5000 if amount < 10**6 else 50000
    return Decimal(max(step, round(amount / step) * step))


def _initiative_description(rng: random.Random, theme: int, values: dict[str, object]) -> str:
    """A few paragraphs of Markdown: the reason, a bold heading with a list of what is done, now and then a goal."""
    paragraphs = [rng.choice(CONTEXTS[theme]).format(**values)]
    actions = rng.sample(ACTIONS[theme], k=rng.choice([2, 3, 4]))
    paragraphs.append("**Wat we doen**\n\n" + "\n".join(f"- {action.format(**values)}" for action in actions))
    if rng.random() < 0.5:
        goal = rng.choice(RESULTS[theme]).format(**values)
        paragraphs.append(f"**Doel voor {values['year']}:** {goal}.")
    paragraphs.append(rng.choice(CLOSINGS).format(**values))
    return "\n\n".join(paragraphs)


class _InitiativePlanner:
    """Plans one initiative after another from one random generator; nothing here touches the database."""

    def __init__(
        self,
        *,
        rng: random.Random,
        geography: _Geography,
        pool: _Pool,
        members: _Members,
        creator: User,
        taken_slugs: set[str],
    ):
        self.rng, self.geography, self.pool, self.members, self.creator = rng, geography, pool, members, creator
        self.regions = [region for region in geography.regions if region.pk in pool.by_region]
        self.region_names = {region.pk: region.name for region in self.regions}
        self.neighbours = _neighbours(geography, self.regions)
        self.municipality_region = {m.pk: m.region_id for m in geography.all_municipalities}
        self.weights = [len(pool.by_region[region.pk]) for region in self.regions]
        self.themes = {theme.number: theme.pk for theme in Theme.objects.all()}
        self.programmes = list(NationalProgramme.objects.order_by("slug").values_list("pk", flat=True))
        self.target_groups = list(TargetGroup.objects.order_by("slug").values_list("pk", flat=True))
        self.taken_slugs = taken_slugs
        self.next_number: dict[str, int] = {}
        # The first initiatives go round every region and every theme once.
        self.first_regions = rng.sample(self.regions, k=len(self.regions))
        self.first_themes = rng.sample(sorted(self.themes), k=len(self.themes))

    def _slug(self, title: str) -> str:
        base = slugify(title)[:200].strip("-") or "initiatief"
        slug = base
        while slug in self.taken_slugs:
            number = self.next_number.get(base, 2)
            slug, self.next_number[base] = f"{base}-{number}", number + 1
        self.taken_slugs.add(slug)
        return slug

    def plan(self, index: int, created_at: datetime) -> _PlannedInitiative:
        rng = self.rng
        region = (
            self.first_regions[index] if index < len(self.first_regions) else rng.choices(self.regions, self.weights)[0]
        ).pk
        theme = self.first_themes[index] if index < len(self.first_themes) else rng.choice(sorted(self.themes))
        other_themes = [number for number in sorted(self.themes) if number != theme]
        themes = [theme, *rng.sample(other_themes, k=_weighted(rng, {0: 60, 1: 30, 2: 10}))]

        lead = self.pool.lead(rng, region, theme)
        municipalities = self.geography.municipalities[region]
        place = lead.municipality if rng.random() < 0.5 else rng.choice(municipalities)
        further: list[int] = []
        neighbours = self.neighbours[region]
        others = [m for m in municipalities if m.pk != place.pk]
        if neighbours and (rng.random() < NEIGHBOUR_SHARE or not others):
            place2 = rng.choice(self.geography.municipalities[rng.choice(neighbours)])
        else:
            place2 = rng.choice(others or municipalities)

        template = rng.choice(INITIATIVE_TITLES[theme])
        values: dict[str, object] = {
            "place": _place_label(place.name),
            "place2": _place_label(place2.name),
            "region": self.region_names[region],
            "sector": rng.choice(INITIATIVE_SECTORS),
            "topic": rng.choice(INITIATIVE_TOPICS),
            "district": rng.choice(DISTRICTS),
            "year": rng.choice(YEARS),
            "number": rng.choice(NUMBERS),
            "lead": lead.name,
        }
        title = template.format(**values)
        if rng.random() < 0.1:
            ending = rng.choice(TITLE_ENDINGS)
            if ending.strip() not in template:  # no year after a year
                title += ending.format(**values)
        own_summary = TITLE_SUMMARIES.get(template)
        summary = (own_summary if own_summary and rng.random() < 0.7 else rng.choice(SUMMARIES[theme])).format(**values)

        chosen_municipalities: list[Municipality] = []
        if "{place}" in template:
            chosen_municipalities.append(place)
        if "{place2}" in template:
            chosen_municipalities.append(place2)
            if place2.region_id != region:
                further.append(place2.region_id)
        if not chosen_municipalities and rng.random() < 0.4:
            chosen_municipalities = rng.sample(municipalities, k=min(len(municipalities), rng.choice([1, 2, 3])))
        if rng.random() < CROSS_REGIONAL_SHARE:
            candidates = neighbours or [r.pk for r in self.regions if r.pk != region]
            further += rng.sample(candidates, k=min(len(candidates), rng.choice([1, 1, 2])))

        draft = rng.random() < DRAFT_SHARE
        status = rng.choice([Status.IDEA, Status.PROPOSAL]) if draft else _weighted(rng, STATUS_WEIGHTS)
        start_date, end_date = _dates(rng, status, created_at)
        members = self.members.active.get(lead.pk, [])
        contact = rng.choice(members) if members and rng.random() < 0.7 else None
        creator = contact or (rng.choice(members) if members else self.creator)
        updated_at = created_at if rng.random() < 0.4 else _later(rng, created_at, 60)
        description = _initiative_description(rng, theme, values)
        initiative = Initiative(
            title=title,
            slug=self._slug(title),
            summary=summary,
            description=description,
            description_html=render_markdown(description),
            status=status,
            visibility=Visibility.DRAFT if draft else Visibility.PUBLIC,
            primary_region_id=region,
            lead_organisation=lead,
            start_date=start_date,
            end_date=end_date,
            budget=_budget(rng, status),
            contact_person=contact,
            created_by=creator,
            created_at=created_at,
            updated_at=updated_at,
        )
        if rng.random() < 0.3:
            initiative.website = f"https://{initiative.slug[:60].strip('-')}.example/"

        partnerships = self._partnerships(initiative, region, lead, creator)
        initiative.last_activity_at = max([updated_at, *(p.answered_at or p.created_at for p in partnerships)])
        covered = {HELIX_OF_KIND[p.organisation.kind] for p in partnerships if p.state == Partnership.State.ACCEPTED}
        sought = self._sought(covered) if rng.random() < SOUGHT_SHARE else []
        if sought:
            helices = [row.helix or HELIX_OF_KIND[row.kind] for row in sought]
            initiative.sought_note = " ".join(SOUGHT_NOTES[helix] for helix in dict.fromkeys(helices))
        return _PlannedInitiative(
            initiative=initiative,
            themes=[self.themes[number] for number in themes],
            further_regions=list(dict.fromkeys(further)),
            municipalities=list(dict.fromkeys(m.pk for m in chosen_municipalities)),
            partnerships=partnerships,
            sought=sought,
            **self._participation(initiative),
        )

    def _participation(self, initiative: Initiative) -> dict[str, list[int]]:
        """Some national programmes and target groups, from a generator of the initiative's own (seeded by its
        slug, which is itself planned): so the draws of everything else stay as they were before these existed."""
        rng = random.Random(initiative.slug)
        programmes = rng.sample(self.programmes, k=min(len(self.programmes), _weighted(rng, {0: 60, 1: 32, 2: 8})))
        groups = rng.sample(
            self.target_groups, k=min(len(self.target_groups), _weighted(rng, {0: 35, 1: 40, 2: 20, 3: 5}))
        )
        return {"programmes": sorted(programmes), "target_groups": sorted(groups)}

    def _partnerships(
        self, initiative: Initiative, region: int, lead: Organisation, creator: User
    ) -> list[Partnership]:
        """The lead's own (role lead, accepted, as every initiative has), then up to four others."""
        rng, created_at = self.rng, initiative.created_at
        partnerships = [
            Partnership(
                organisation=lead,
                role=Partnership.Role.LEAD,
                state=Partnership.State.ACCEPTED,
                created_at=created_at,
                created_by=creator,
                answered_at=created_at,
                answered_by=creator,
            )
        ]
        taken = {lead.pk}
        covered = {HELIX_OF_KIND[lead.kind]}
        for _ in range(_weighted(rng, PARTNER_COUNT_WEIGHTS)):
            missing = [helix for helix in TRIPLE_HELIX if helix not in covered]
            organisation = self.pool.partner(rng, region, missing, taken)
            if organisation is None:
                break
            taken.add(organisation.pk)
            helix = HELIX_OF_KIND[organisation.kind]
            if helix == Helix.KNOWLEDGE and rng.random() < 0.7:
                role = Partnership.Role.KNOWLEDGE_PARTNER
            elif (helix == Helix.GOVERNMENT and rng.random() < 0.4) or rng.random() < 0.08:
                role = Partnership.Role.FUNDER
            else:
                role = Partnership.Role.PARTNER
            admins = self.members.admins.get(organisation.pk, [])
            partner_admin = rng.choice(admins) if admins else None
            invited = rng.random() < INVITED_SHARE or partner_admin is None  # only admins ask to join
            state = _weighted(rng, INVITATION_STATES if invited else REQUEST_STATES)
            asked_at = _later(rng, created_at, 60)
            answered = state in (Partnership.State.ACCEPTED, Partnership.State.DECLINED)
            partnerships.append(
                Partnership(
                    organisation=organisation,
                    role=role,
                    state=state,
                    created_at=asked_at,
                    created_by=creator if invited else partner_admin,
                    answered_at=_later(rng, asked_at, 14) if answered else None,
                    answered_by=(partner_admin if invited else creator) if answered else None,
                )
            )
            if state == Partnership.State.ACCEPTED:
                covered.add(helix)
        return partnerships

    def _sought(self, covered: set[str]) -> list[SoughtPartner]:
        """One or two kinds of partner, mostly a helix the initiative lacks; a helix or a kind, never both."""
        rng = self.rng
        lacking = [helix for helix in Helix.values if helix not in covered] or list(Helix.values)
        rows: dict[tuple[str, str], SoughtPartner] = {}
        for _ in range(_weighted(rng, {1: 70, 2: 30})):
            helix = rng.choice(lacking)
            if rng.random() < 0.7:
                rows.setdefault((helix, ""), SoughtPartner(helix=helix))
            else:
                kind = rng.choice(kinds_in_helix(helix))
                rows.setdefault(("", kind), SoughtPartner(kind=kind))
        return list(rows.values())


# --- Services ------------------------------------------------------------------------------------


def demo_superuser_ensure() -> tuple[User, bool]:
    """The demo superuser, created with the demo password when missing and otherwise left as it is."""
    user = User.objects.filter(email__iexact=DEMO_SUPERUSER_EMAIL).first()
    if user is not None:
        return user, False
    user = User.objects.create_superuser(
        DEMO_SUPERUSER_EMAIL, DEMO_SUPERUSER_PASSWORD, display_name="Beheerder (demo)", date_joined=EPOCH
    )
    # Sign-in requires a verified address; the demo login must work straight away.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user, True


def demo_superuser_login_works() -> bool:
    """Whether the demo superuser can still sign in to the admin with the demo password."""
    user = User.objects.filter(email__iexact=DEMO_SUPERUSER_EMAIL).first()
    return bool(
        user is not None and user.is_active and user.is_superuser and user.check_password(DEMO_SUPERUSER_PASSWORD)
    )


def demo_organisations_create(*, rng: random.Random, total: int, verified_by: User | None = None) -> list[Organisation]:
    """`total` organisations of every kind, spread over all current regions (when `total` allows)."""
    geography = _Geography.load()
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    taken_kvk = set(Organisation.objects.exclude(kvk_number="").values_list("kvk_number", flat=True))
    region_names = {region.pk: region.name for region in geography.regions}
    used_names: set[str] = set()
    rows: list[tuple[datetime, Organisation]] = []
    for plan in _plan_organisations(rng, geography, total):
        kind, municipality = plan.kind, plan.municipality
        region = region_names[municipality.region_id]
        name = plan.name or _organisation_name(
            rng, kind=kind, municipality=municipality, region=region, avoid=used_names
        )
        used_names.add(name)
        slug = _unique_slug(name, _place_label(municipality.name), taken_slugs)
        kvk_number = ""
        if kind == OrganisationKind.BUSINESS and rng.random() < 0.9:
            while not kvk_number or kvk_number in taken_kvk:
                kvk_number = f"{rng.randrange(10**8):08d}"
            taken_kvk.add(kvk_number)
        created_at = _timestamp(rng)
        verified = rng.random() < VERIFIED_SHARE[HELIX_OF_KIND[kind]]
        organisation = Organisation(
            name=name,
            slug=slug,
            kind=kind,
            municipality=municipality,
            website=f"https://{slug[:60].strip('-')}.example/" if rng.random() < 0.8 else "",
            description=_description(rng, kind=kind, municipality=municipality, region=region),
            kvk_number=kvk_number,
            verified_at=created_at + timedelta(hours=rng.randrange(2, 21 * 24)) if verified else None,
            verified_by=verified_by if verified else None,
            created_at=created_at,
        )
        organisation.clean_fields(exclude=["municipality", "verified_by"])  # foreign keys: a query each
        rows.append((created_at, organisation))
    rows.sort(key=lambda row: row[0])  # ids in the order of registration
    organisations = [organisation for _, organisation in rows]
    _bulk_insert(Organisation, organisations)
    return organisations


# --- Across the border ---------------------------------------------------------------------------

BORDER_PARTNERS: list[tuple[str, str, str, str, str]] = [
    ("Wirtschaftsnetz Euregio Aachen", OrganisationKind.BUSINESS_NETWORK, "DE", "Aachen", "Zuid-Limburg"),
    ("Havenbedrijf Schelde-Noord", OrganisationKind.BUSINESS, "BE", "Antwerpen", "West-Brabant"),
    ("Fachhochschule Niederrhein-Grenzland", OrganisationKind.SCHOOL_HBO, "DE", "Emmerich am Rhein", "Achterhoek"),
    ("Kennisinstituut Kempen", OrganisationKind.KNOWLEDGE_INSTITUTION, "BE", "Turnhout", "Midden-Brabant"),
    ("Grenzland Logistik", OrganisationKind.BUSINESS, "DE", "Kleve", "Rijk van Nijmegen"),
    ("Opleidingscentrum Maasland", OrganisationKind.SCHOOL_MBO, "BE", "Maasmechelen", "Midden-Limburg"),
]
"""Made-up organisations just across the border (name, kind, country, place, the Dutch region next to it). Kinds
the demo does not pin to Dutch places (no municipality, province or university): those have counts of their own."""
ABROAD_EVERY = 20
"""One organisation in this many is one of the BORDER_PARTNERS, as long as there are any left."""
BORDER_INITIATIVES = 2
"""Public initiatives in the region next to it that each organisation abroad takes part in (when there are)."""


def demo_organisations_abroad_create(*, total: int, verified_by: User | None = None) -> list[Organisation]:
    """The first `total` of BORDER_PARTNERS (at most all of them), verified, with slugs that do not clash."""
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    organisations = []
    for number, (name, kind, country, place, _region) in enumerate(BORDER_PARTNERS[:total]):
        slug = _unique_slug(name, place, taken_slugs)
        created_at = EPOCH + timedelta(days=7 * number + 3)
        organisation = Organisation(
            name=name,
            slug=slug,
            kind=kind,
            country=country,
            place=place,
            website=f"https://{slug}.example/",
            description=f"{name} ({place}) werkt samen met partners aan de Nederlandse kant van de grens.",
            verified_at=created_at + timedelta(days=2),
            verified_by=verified_by,
            created_at=created_at,
        )
        organisation.full_clean(exclude=["verified_by"])
        organisations.append(organisation)
    _bulk_insert(Organisation, organisations)
    return organisations


def demo_border_partnerships_create(
    *, rng: random.Random, organisations: list[Organisation], creator: User
) -> list[Partnership]:
    """Each organisation abroad an accepted partner in up to BORDER_INITIATIVES public initiatives of the Dutch
    region next to it that have room for another partner, chosen in slug order: the same seed gives the same."""
    regions = {region.name: region.pk for region in LabourMarketRegion.objects.current()}
    near = {name: region for name, _kind, _country, _place, region in BORDER_PARTNERS}
    partnerships = []
    for organisation in organisations:
        initiatives = list(
            Initiative.objects.public()
            .filter(primary_region=regions.get(near[organisation.name]))
            .annotate(taking_part=Count("partnerships"))
            .filter(taking_part__lte=max(PARTNER_COUNT_WEIGHTS))  # room left beside the lead and its partners
            .order_by("slug")
            .only("pk", "created_at")
        )
        for initiative in rng.sample(initiatives, min(BORDER_INITIATIVES, len(initiatives))):
            joined = max(initiative.created_at, organisation.verified_at) + timedelta(days=rng.randrange(1, 30))
            partnerships.append(
                Partnership(
                    initiative=initiative,
                    organisation=organisation,
                    role=Partnership.Role.KNOWLEDGE_PARTNER
                    if HELIX_OF_KIND[organisation.kind] == Helix.KNOWLEDGE
                    else Partnership.Role.PARTNER,
                    state=Partnership.State.ACCEPTED,
                    created_at=joined,
                    created_by=creator,
                    answered_at=joined,
                    answered_by=creator,
                )
            )
    _bulk_insert(Partnership, partnerships)
    return partnerships


def demo_people_create(*, rng: random.Random, total: int) -> list[User]:
    """`total` people with Dutch names, @example.org addresses and passwords nobody can use."""
    taken = {email.lower() for email in User.objects.values_list("email", flat=True)}
    unusable = make_password(None)  # hashing once: set_password per person would take minutes
    next_number: dict[str, int] = {}  # per name, the number to try next: no search from 2 each time
    people = []
    for _ in range(total):
        first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        if rng.random() < 0.05:
            surname = f"{surname}-{rng.choice(SURNAMES)}"
        local = f"{_ascii_word(first)}.{_ascii_word(surname)}"
        email = f"{local}@example.org"
        while email in taken:
            number = next_number.get(local, 2)
            email, next_number[local] = f"{local}{number}@example.org", number + 1
        taken.add(email)
        person = User(
            email=email,
            display_name=f"{first} {surname}",
            language="en" if rng.random() < 0.12 else "nl",
            date_joined=_timestamp(rng),
            password=unusable,
        )
        person.clean_fields()
        people.append(person)
    people.sort(key=lambda person: person.date_joined)
    _bulk_insert(User, people)
    return people


def demo_memberships_create(
    *, rng: random.Random, people: Sequence[User], organisations: Sequence[Organisation], approved_by: User | None
) -> _Members:
    """Most demo people join one organisation (some two); the first to join one becomes its admin.

    A tenth still wait for approval. The model sets the request date itself when a row is inserted,
    so the fixed dates are written afterwards in one UPDATE per batch.
    """
    members = _Members(active={}, admins={})
    rows: list[tuple[Membership, datetime]] = []
    if not organisations:
        return members
    for person in people:
        if rng.random() >= MEMBER_SHARE:
            continue
        count = 2 if rng.random() < SECOND_MEMBERSHIP_SHARE else 1
        for organisation in rng.sample(organisations, k=min(count, len(organisations))):
            requested_at = _later(rng, max(person.date_joined, organisation.created_at), 3)
            requested = rng.random() < REQUESTED_MEMBERSHIP_SHARE
            show_on_profile = rng.random() < 0.5
            admins = members.admins.get(organisation.pk, [])
            membership = Membership(user=person, organisation=organisation, show_on_profile=show_on_profile)
            if not requested:
                membership.state = Membership.State.ACTIVE
                membership.role = Membership.Role.ADMIN if not admins or rng.random() < 0.15 else Membership.Role.MEMBER
                membership.approved_at = requested_at + timedelta(hours=rng.randrange(1, 72))
                membership.approved_by = admins[0] if admins else approved_by
                members.active.setdefault(organisation.pk, []).append(person)
                if membership.role == Membership.Role.ADMIN:
                    members.admins.setdefault(organisation.pk, []).append(person)
            rows.append((membership, requested_at))
    memberships = [membership for membership, _ in rows]
    _bulk_insert(Membership, memberships)
    for membership, requested_at in rows:
        membership.created_at = requested_at
    Membership.objects.bulk_update(memberships, ["created_at"], batch_size=BATCH_SIZE)
    members.count = len(memberships)
    return members


@dataclass
class _InitiativeCounts:
    initiatives: int = 0
    drafts: int = 0
    partnerships: int = 0
    regions: int = 0
    themes: int = 0
    public: list[tuple[int, datetime]] = field(default_factory=list)  # (id, created_at) of the public ones


def _initiatives_insert(planned: list[_PlannedInitiative]) -> None:
    """One chunk: the initiatives, then their relations (the M2M through rows directly), then search vectors."""
    initiatives = [plan.initiative for plan in planned]
    _bulk_insert(Initiative, initiatives)
    theme_link, region_link, municipality_link = (
        Initiative.themes.through,
        Initiative.regions.through,
        Initiative.municipalities.through,
    )
    programme_link, group_link = Initiative.programmes.through, Initiative.target_groups.through
    _bulk_insert(
        programme_link,
        [
            programme_link(initiative_id=p.initiative.pk, nationalprogramme_id=pk)
            for p in planned
            for pk in p.programmes
        ],
    )
    _bulk_insert(
        group_link,
        [group_link(initiative_id=p.initiative.pk, targetgroup_id=pk) for p in planned for pk in p.target_groups],
    )
    _bulk_insert(
        theme_link, [theme_link(initiative_id=p.initiative.pk, theme_id=pk) for p in planned for pk in p.themes]
    )
    _bulk_insert(
        region_link,
        [
            region_link(initiative_id=p.initiative.pk, labourmarketregion_id=pk)
            for p in planned
            for pk in p.further_regions
        ],
    )
    _bulk_insert(
        municipality_link,
        [
            municipality_link(initiative_id=p.initiative.pk, municipality_id=pk)
            for p in planned
            for pk in p.municipalities
        ],
    )
    partnerships, sought = [], []
    for plan in planned:
        for row in plan.partnerships:
            row.initiative = plan.initiative
            partnerships.append(row)
        for row in plan.sought:
            row.initiative = plan.initiative
            sought.append(row)
    _bulk_insert(Partnership, partnerships)
    _bulk_insert(SoughtPartner, sought)
    search_vectors_refresh(Initiative.objects.filter(pk__in=[initiative.pk for initiative in initiatives]))


def demo_initiatives_create(
    *, rng: random.Random, total: int, geography: _Geography, pool: _Pool, members: _Members, creator: User
) -> _InitiativeCounts:
    """`total` initiatives over every region and theme (when `total` allows), with partners and wishes.

    Planned and inserted in chunks, so 100,000 take a few minutes and little memory; every chunk's
    search vectors are filled in one UPDATE (PostgreSQL only).
    """
    counts = _InitiativeCounts()
    if not total:
        return counts
    if not pool.everyone:
        raise DemoDataError("Initiatives need organisations to lead them: create some with --organisations.")
    planner = _InitiativePlanner(
        rng=rng,
        geography=geography,
        pool=pool,
        members=members,
        creator=creator,
        taken_slugs=set(Initiative.objects.values_list("slug", flat=True)),
    )
    moments = sorted(EPOCH + timedelta(seconds=rng.randrange(DEMO_DAYS * 24 * 3600)) for _ in range(total))
    regions, themes = set(), set()
    for start in range(0, total, INITIATIVE_CHUNK):
        planned = [planner.plan(index, moments[index]) for index in range(start, min(total, start + INITIATIVE_CHUNK))]
        _initiatives_insert(planned)
        for plan in planned:
            counts.initiatives += 1
            counts.drafts += plan.initiative.visibility == Visibility.DRAFT
            if plan.initiative.visibility == Visibility.PUBLIC:
                counts.public.append((plan.initiative.pk, plan.initiative.created_at))
            counts.partnerships += len(plan.partnerships)
            regions.add(plan.initiative.primary_region_id)
            themes.update(plan.themes)
    counts.regions, counts.themes = len(regions), len(themes)
    return counts


# --- The discussion -----------------------------------------------------------------------------

COMMENTED_SHARE = 0.5  # of the public initiatives, this many have a discussion
ON_BEHALF_SHARE = 0.6  # of the comments by members, this many speak for their organisation


def _comment_text(rng: random.Random, texts: list[str]) -> str:
    return rng.choice(texts).format(number=rng.choice(NUMBERS), year=rng.choice(YEARS))


def demo_comments_create(
    *, rng: random.Random, initiatives: Sequence[tuple[int, datetime]], people: Sequence[User], members: _Members
) -> int:
    """A Dutch discussion on half the public initiatives: one to four comments of every kind, members often on
    behalf of their organisation, and a reply or two. Inserted in bulk (replies once their comments have ids);
    no mail is sent."""
    if not people or not initiatives:
        return 0
    organisations_of: dict[int, list[int]] = {}
    for organisation_id, persons in sorted(members.active.items()):
        for person in persons:
            organisations_of.setdefault(person.pk, []).append(organisation_id)
    kinds = list(COMMENT_TEXTS)
    tops: list[Comment] = []
    planned_replies: list[tuple[int, list[tuple[User, str, datetime]]]] = []
    for initiative_id, created_at in initiatives:
        if rng.random() >= COMMENTED_SHARE:
            continue
        moment = created_at
        for _ in range(rng.randint(1, 4)):
            author = rng.choice(people)
            kind = rng.choice(kinds)
            moment = _later(rng, moment, 10)
            organisations = organisations_of.get(author.pk)
            on_behalf = organisations and rng.random() < ON_BEHALF_SHARE
            text = _comment_text(rng, COMMENT_TEXTS[kind])
            tops.append(
                Comment(
                    initiative_id=initiative_id,
                    author=author,
                    organisation_id=rng.choice(organisations) if on_behalf else None,
                    kind=kind,
                    text=text,
                    text_html=render_markdown(text),
                    created_at=moment,
                )
            )
            replies = []
            answered = moment
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                answered = _later(rng, answered, 3)
                replies.append((rng.choice(people), _comment_text(rng, REPLY_TEXTS), answered))
            planned_replies.append((len(tops) - 1, replies))
    _bulk_insert(Comment, tops)
    replies = [
        Comment(
            initiative_id=tops[index].initiative_id,
            parent=tops[index],
            author=author,
            kind=CommentKind.SUGGESTION,
            text=text,
            text_html=render_markdown(text),
            created_at=moment,
        )
        for index, answers in planned_replies
        for author, text, moment in answers
    ]
    _bulk_insert(Comment, replies)
    return len(tops) + len(replies)


# --- Agendas --------------------------------------------------------------------------------------

DEMO_AGENDA_REGIONS = 3
"""How many regions get a published human capital agenda: those with the most public initiatives."""

DEMO_PRIORITIES = (
    (1, "Iedereen een passende opleiding", "Talent for every job", "Samen met scholen en werkgevers leerroutes."),
    (2, "Ondernemers vinden vakmensen", "Entrepreneurs find skilled staff", "Werkgevers en scholen delen vakmensen."),
    (3, "Wonen en werken dichtbij", "Living close to work", "Woningen en banen in dezelfde kernen."),
)
"""(theme number, Dutch title, English title, description) of the three priorities of every demo agenda."""

INITIATIVES_PER_PRIORITY = 3


def demo_agendas_create(*, creator: User) -> list[RegionAgenda]:
    """A published human capital agenda for 2026-2029 with three priorities in the regions with the most public
    initiatives, the first two organisations of different helices there committed to it, and up to three public
    initiatives of the region on each priority's theme linked to it. Chosen by order, not by chance, so every run
    on the same data gives the same agendas; inserted in bulk, in the same few queries for every region. Written
    without the services (no coordinator is there to write them), so without history rows, like the initiatives."""
    themes = {theme.number: theme for theme in Theme.objects.all()}
    public = Initiative.objects.public()
    regions = list(
        LabourMarketRegion.objects.current()
        .defer("boundary")
        .annotate(public=Count("primary_initiatives", filter=Q(primary_initiatives__in=public)))
        .filter(public__gt=0)
        .order_by("-public", "code")[:DEMO_AGENDA_REGIONS]
    )
    taken = set(RegionAgenda.objects.values_list("slug", flat=True))
    agendas = []
    for region in regions:
        slug = _unique_slug(f"{region.slug} human capital agenda", "2026", taken)
        agendas.append(
            RegionAgenda(
                region=region,
                kind=AgendaKind.HUMAN_CAPITAL,
                slug=slug,
                title_nl=f"Human capital agenda {region.name} 2026-2029",
                title_en=f"Human capital agenda {region.name} 2026-2029",
                summary_nl=(
                    f"Wat gemeenten, scholen en werkgevers in {region.name} de komende jaren samen willen bereiken: "
                    "iedereen aan het werk, en vakmensen voor de banen van morgen."
                ),
                first_year=2026,
                last_year=2029,
                state=AgendaState.PUBLISHED,
                published_at=creator.date_joined,
                created_by=creator,
            )
        )
    RegionAgenda.objects.bulk_create(agendas)
    priorities = AgendaPriority.objects.bulk_create(
        [
            AgendaPriority(agenda=agenda, order=order, title_nl=title_nl, title_en=title_en, description=description)
            for agenda in agendas
            for order, (_number, title_nl, title_en, description) in enumerate(DEMO_PRIORITIES, start=1)
        ]
    )
    numbers = [number for _agenda in agendas for number, *_texts in DEMO_PRIORITIES]
    AgendaPriority.themes.through.objects.bulk_create(
        [
            AgendaPriority.themes.through(agendapriority_id=priority.pk, theme_id=themes[number].pk)
            for priority, number in zip(priorities, numbers, strict=True)
        ]
    )
    in_regions = (
        public.filter(primary_region__in=regions)
        .order_by("slug")
        .values_list("pk", "primary_region_id", "themes__number")
    )
    serving: dict[tuple[int, int], list[int]] = {}
    for initiative, region_id, number in in_regions:
        serving.setdefault((region_id, number), []).append(initiative)
    PriorityContribution.objects.bulk_create(
        [
            PriorityContribution(priority=priority, initiative_id=initiative, linked_by=creator)
            for priority, number in zip(priorities, numbers, strict=True)
            for initiative in serving.get((priority.agenda.region_id, number), [])[:INITIATIVES_PER_PRIORITY]
        ]
    )
    by_region: dict[int, list[Organisation]] = {}
    for organisation in (
        Organisation.objects.filter(municipality__region__in=regions).select_related("municipality").order_by("slug")
    ):
        by_region.setdefault(organisation.municipality.region_id, []).append(organisation)
    AgendaCommitment.objects.bulk_create(
        [
            AgendaCommitment(agenda=agenda, organisation=organisation, committed_by=creator)
            for agenda in agendas
            for organisation in _two_of_different_helices(by_region.get(agenda.region_id, []))
        ]
    )
    return agendas


def _two_of_different_helices(organisations: Iterable[Organisation]) -> list[Organisation]:
    """The first two of different helices, or the first two when all are of one helix."""
    candidates = list(organisations)
    first_per_helix: dict[str, Organisation] = {}
    for organisation in candidates:
        first_per_helix.setdefault(organisation.helix, organisation)
    chosen = list(first_per_helix.values())[:2]
    return chosen if len(chosen) == 2 else candidates[:2]


def _distinct(values: Iterable[object]) -> int:
    return len(set(values))


def demo_seed(
    *,
    seed: int = DEFAULT_SEED,
    organisations: int = DEFAULT_ORGANISATIONS,
    people: int = DEFAULT_PEOPLE,
    initiatives: int = DEFAULT_INITIATIVES,
) -> DemoReport:
    """Create the demo content: the same `seed` on an empty database gives the same rows.

    Needs the CBS regions (`load_regions`). Adds to what is there: slugs, KvK numbers and email
    addresses never clash with existing ones, and the new people and initiatives may join or involve
    organisations that were there before. Creates the demo superuser when it is missing; it is the one
    who verified the verified organisations. No history rows are recorded for the demo initiatives.
    """
    if organisations < 0 or people < 0 or initiatives < 0:
        raise DemoDataError("The numbers of organisations, people and initiatives cannot be negative.")
    rng = random.Random(seed)
    with transaction.atomic():
        superuser, superuser_created = demo_superuser_ensure()
        abroad = demo_organisations_abroad_create(
            total=min(len(BORDER_PARTNERS), organisations // ABROAD_EVERY), verified_by=superuser
        )
        created = demo_organisations_create(rng=rng, total=organisations - len(abroad), verified_by=superuser)
        persons = demo_people_create(rng=rng, total=people)
        geography = _Geography.load()
        pool = _Pool.load(geography)
        members = demo_memberships_create(rng=rng, people=persons, organisations=pool.everyone, approved_by=superuser)
        counts = demo_initiatives_create(
            rng=rng, total=initiatives, geography=geography, pool=pool, members=members, creator=superuser
        )
        border = demo_border_partnerships_create(rng=rng, organisations=abroad, creator=superuser)
        comments = demo_comments_create(rng=rng, initiatives=counts.public, people=persons, members=members)
        agendas = demo_agendas_create(creator=superuser)
    return DemoReport(
        seed=seed,
        organisations=len(created) + len(abroad),
        verified=sum(organisation.verified_at is not None for organisation in [*created, *abroad]),
        kinds=_distinct(organisation.kind for organisation in [*created, *abroad]),
        regions=_distinct(organisation.municipality.region_id for organisation in created),
        abroad=len(abroad),
        people=len(persons),
        memberships=members.count,
        initiatives=counts.initiatives,
        drafts=counts.drafts,
        initiative_regions=counts.regions,
        themes=counts.themes,
        partnerships=counts.partnerships + len(border),
        comments=comments,
        agendas=len(agendas),
        superuser_created=superuser_created,
    )
