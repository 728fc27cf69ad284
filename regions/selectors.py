"""Reads about regions and municipalities that span relations."""

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from allauth.account.models import EmailAddress
from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Lower, Replace
from django.utils import timezone

from agendastad.accounts.models import User, passed_second_factor
from agendastad.accounts.moderators import MODERATORS_GROUP
from agendastad.accounts.second_factor import has_authenticator_app

from .models import (
    ContactMessage,
    ContactRoute,
    Invitation,
    LabourMarketRegion,
    Membership,
    Municipality,
    Organisation,
    RegionAssignment,
    RegionCoordinator,
)


def regions_with_counts() -> QuerySet[LabourMarketRegion]:
    """The current regions, each with `municipality_count` (current municipalities only; distinct, since a filter on
    the municipalities joins them again)."""
    return (
        LabourMarketRegion.objects.current()
        .annotate(
            municipality_count=Count("municipalities", filter=Q(municipalities__retired_in__isnull=True), distinct=True)
        )
        .order_by("name")
    )


# Classification years: CBS assigns municipalities to regions anew each year --------------------------------------


def classification_years() -> list[int]:
    """The CBS classification years loaded, newest first: the years a dashboard offers to pick from."""
    return list(RegionAssignment.objects.order_by("-year").values_list("year", flat=True).distinct())


def classification_year_chosen(value: object, years: list[int] | None = None) -> int | None:
    """The year asked for (a query parameter, say) when it is a year loaded, else the latest (None when nothing is
    loaded), so that a mistyped or unknown year shows the current classification rather than an error. `years`:
    `classification_years()`, when the caller has them already."""
    years = classification_years() if years is None else years
    try:
        year = int(str(value).strip())
    except ValueError:
        year = None
    if year in years:
        return year
    return years[0] if years else None


def municipalities_of(region: LabourMarketRegion, year: int | None = None) -> QuerySet[Municipality]:
    """The municipalities in the region: the current ones when `year` is None, else those CBS assigned to it in
    that classification year (retired ones included, as they were then)."""
    if year is None:
        return Municipality.objects.current().filter(region=region)
    return Municipality.objects.filter(region_assignments__year=year, region_assignments__region=region)


def regions_of(year: int | None = None) -> QuerySet[LabourMarketRegion]:
    """The regions of a classification year: the current ones when `year` is None, else those with a municipality
    assigned to them in that year."""
    if year is None:
        return LabourMarketRegion.objects.current()
    assigned = RegionAssignment.objects.filter(region=OuterRef("pk"), year=year)
    return LabourMarketRegion.objects.filter(Exists(assigned))


def region_of(municipality: Municipality, year: int | None = None) -> LabourMarketRegion | None:
    """The region the municipality is in now (`year` None), or was in that year; None when it was not in that
    year's classification."""
    if year is None:
        return municipality.region
    assignment = municipality.region_assignments.filter(year=year).select_related("region").first()
    return assignment.region if assignment else None


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("municipality__region").defer(
        "municipality__boundary", "municipality__region__boundary"
    )


# Possible duplicates: what a coordinator is warned about before verifying an organisation ---------------------------

NAME_NOISE = " .,-'&/()\""
"""Characters a name is compared without: "Bakkerij de Vries B.V." and "bakkerij devries bv" are one name."""
LEGAL_FORMS = ("bv", "nv", "vof", "cv", "stichting", "vereniging")
"""Legal forms at the start or end of a name that do not make it another organisation's."""


def name_key(name: str) -> str:
    """The name as it is compared: lower case, without spaces and punctuation (`NAME_NOISE`)."""
    return "".join(character for character in name.lower() if character not in NAME_NOISE)


def _name_key_in_database():
    key = Lower("name")
    for character in NAME_NOISE:
        key = Replace(key, Value(character), Value(""), output_field=CharField())
    return key


def _without_legal_form(key: str) -> str:
    for form in LEGAL_FORMS:
        if key.endswith(form) and len(key) > len(form):
            return key[: -len(form)]
        if key.startswith(form) and len(key) > len(form):
            return key[len(form) :]
    return key


def organisation_duplicates(organisations: list[Organisation]) -> dict[int, list[Organisation]]:
    """For each of `organisations`: the other organisations registered with the same KvK number, or with the same
    name but for case, spaces, punctuation and a legal form ("Stichting", "B.V."), anywhere, verified or not.
    One query, however many organisations are asked about."""
    keys = {organisation.pk: _without_legal_form(name_key(organisation.name)) for organisation in organisations}
    wanted = set(keys.values())
    wanted |= {variant for key in keys.values() for form in LEGAL_FORMS for variant in (key + form, form + key)}
    kvk_numbers = {organisation.kvk_number for organisation in organisations if organisation.kvk_number}
    found: dict[int, list[Organisation]] = {organisation.pk: [] for organisation in organisations}
    if not organisations:
        return found
    candidates = (
        Organisation.objects.annotate(name_key=_name_key_in_database())
        .filter(Q(name_key__in=wanted) | Q(kvk_number__in=kvk_numbers))
        .order_by("name", "pk")
    )
    for candidate in candidates:
        candidate_key = _without_legal_form(name_key(candidate.name))
        for organisation in organisations:
            same_kvk = bool(organisation.kvk_number) and candidate.kvk_number == organisation.kvk_number
            if candidate.pk != organisation.pk and (same_kvk or candidate_key == keys[organisation.pk]):
                found[organisation.pk].append(candidate)
    return found


def organisation_public_members(organisation: Organisation) -> QuerySet[Membership]:
    """Approved members who chose to be shown on the organisation's page."""
    return organisation.memberships.active().filter(show_on_profile=True, user__is_active=True).select_related("user")


def organisation_member_overview(organisation: Organisation) -> dict:
    memberships = organisation.memberships.select_related("user").order_by("user__display_name", "user__email")
    return {
        "requests": [m for m in memberships if m.state == Membership.State.REQUESTED],
        "members": [m for m in memberships if m.state == Membership.State.ACTIVE],
        "invitations": list(organisation.invitations.filter(answered_at__isnull=True).select_related("invited_by")),
    }


def second_factor_state(user) -> dict[str, bool]:
    """Whether this person is appointed moderator or region coordinator (or is a superuser) while their session
    has not passed the second factor, so those rights wait for it; and whether they have an authenticator app
    already (then they only confirm a code from it) or still need to set one up."""
    if not user.is_authenticated or not user.is_active or passed_second_factor(user):
        return {"rights_waiting": False, "has_authenticator_app": False}
    appointed = (user.is_staff and (user.is_superuser or user.groups.filter(name=MODERATORS_GROUP).exists())) or (
        RegionCoordinator.objects.filter(user=user).exists()
    )
    return {"rights_waiting": appointed, "has_authenticator_app": appointed and has_authenticator_app(user)}


def person_overview(user) -> dict:
    """What /mijn/ shows: my organisations and roles, what waits for me, and what waits for my answer."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organisation__municipality__region")
        .defer("organisation__municipality__boundary", "organisation__municipality__region__boundary")
        .order_by("organisation__name")
    )
    admin_of = [m.organisation_id for m in memberships if m.is_admin]
    verified_addresses = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    email_filter = Q()
    for address in verified_addresses:
        email_filter |= Q(email__iexact=address)
    return {
        "memberships": [m for m in memberships if m.state == Membership.State.ACTIVE],
        "pending_requests": [m for m in memberships if m.state == Membership.State.REQUESTED],
        "requests_to_handle": list(
            Membership.objects.requested()
            .filter(organisation__in=admin_of)
            .select_related("user", "organisation")
            .order_by("created_at")
        ),
        "invitations": list(
            Invitation.objects.filter(email_filter, answered_at__isnull=True).select_related("organisation")
        )
        if verified_addresses
        else [],
        "coordinated_regions": list(LabourMarketRegion.objects.filter(coordinators__user=user)),
        "second_factor": second_factor_state(user),
    }


@dataclass(frozen=True)
class ContactRecipients:
    """Who receives a message sent through a page, and why them: `route` is None when nobody can.

    `organisation` is the organisation contacted (or the initiative's lead), `region` the region whose coordinators
    receive it when that organisation has no admin; the page and the mail say so."""

    route: str | None
    people: list[User] = field(default_factory=list)
    organisation: Organisation | None = None
    region: LabourMarketRegion | None = None

    def without(self, user) -> list[User]:
        """The recipients other than `user`: nobody gets their own message."""
        return [person for person in self.people if person.pk != getattr(user, "pk", None)]


def reachable_people(people: QuerySet[User]) -> list[User]:
    """Active accounts with a verified address: a relayed message only goes where it is sure to be read."""
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    return list(people.filter(is_active=True).filter(Exists(verified)).order_by("pk"))


def organisation_contact_recipients(
    organisation: Organisation, *, region: LabourMarketRegion | None = None
) -> ContactRecipients:
    """The organisation's admins; without any, the coordinators of `region` (by default its own region); an
    organisation abroad without admins (in no region) has nobody."""
    admins = reachable_people(User.objects.filter(memberships__in=organisation.memberships.admins()))
    if admins:
        return ContactRecipients(ContactRoute.ORGANISATION_ADMINS, admins, organisation)
    region = region or organisation.region
    if region is not None:
        coordinators = reachable_people(User.objects.filter(coordinated_regions__region=region))
        if coordinators:
            return ContactRecipients(ContactRoute.REGION_COORDINATORS, coordinators, organisation, region)
    return ContactRecipients(None, [], organisation, region)


# Place search: CBS names and the names people use ------------------------------------------------------------------

COMMON_NAMES_FILE = Path(__file__).resolve().parent / "data" / "common_names.csv"


def place_name_folded(text: str) -> str:
    """A place name as the search compares it: without accents, capitals, a suffix in brackets or punctuation, so
    that "Fryslan" finds "Fryslân", "s-Gravenhage" "'s-Gravenhage" and "Hengelo" "Hengelo (O.)"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = re.sub(r"\([^)]*\)", " ", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@dataclass(frozen=True)
class CommonName:
    name: str
    kind: str
    official_name: str


@cache
def common_names() -> tuple[CommonName, ...]:
    """The names people use beside the CBS names (regions/data/common_names.csv, sources in SOURCES.md)."""
    with COMMON_NAMES_FILE.open(encoding="utf-8", newline="") as file:
        return tuple(CommonName(row["common_name"], row["kind"], row["official_name"]) for row in csv.DictReader(file))


@dataclass
class PlaceMatch:
    """The current municipalities (by code) and regions (by pk) a search text names, and the common names that led
    to them ("Den Haag" for 's-Gravenhage)."""

    municipalities: set[str] = field(default_factory=set)
    regions: set[int] = field(default_factory=set)
    common_names: list[CommonName] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    """The CBS names of the municipalities and regions named themselves (not through their province)."""

    def __bool__(self) -> bool:
        return bool(self.municipalities or self.regions)


def places_matching(text: str, *, whole: bool = False, provinces: bool = True) -> PlaceMatch:
    """The current municipalities and regions whose CBS name, or a common name of them, matches `text` once both
    are folded (`place_name_folded`): containing it, or with `whole` equal to it (for a free-text search, where
    "Utrecht" should name a place but "recht" should not). With `provinces`, a common name of a province
    ("Friesland", "North Holland") gives all its municipalities and their regions; its CBS name does not, since
    "Utrecht" or "Groningen" mostly means the city and the region list has a province filter. Two small queries."""
    query = place_name_folded(text)
    match = PlaceMatch()
    if not query:
        return match

    def matches(name: str) -> bool:
        folded = place_name_folded(name)
        return folded == query if whole else query in folded

    named = {"municipality": set(), "region": set(), "province": set()}
    for common in common_names():
        if matches(common.name):
            named[common.kind].add(place_name_folded(common.official_name))
            match.common_names.append(common)
    for pk, name in LabourMarketRegion.objects.current().values_list("pk", "name"):
        if matches(name) or place_name_folded(name) in named["region"]:
            match.regions.add(pk)
            match.names.append(name)
    for code, name, province, region in Municipality.objects.current().values_list(
        "code", "name", "province", "region"
    ):
        folded_province = place_name_folded(province)
        if provinces and folded_province in named["province"]:
            match.municipalities.add(code)
            match.regions.add(region)
        elif matches(name) or place_name_folded(name) in named["municipality"]:
            match.municipalities.add(code)
            match.names.append(name)
    return match


def organisation_coordinators(organisation: Organisation) -> QuerySet:
    """The people who coordinate the organisation's region (none for an organisation abroad): they find someone
    to manage an organisation that has no admin."""
    if organisation.municipality_id is None:
        return User.objects.none()
    return User.objects.filter(
        coordinated_regions__region__municipalities=organisation.municipality_id, is_active=True
    ).distinct()


def organisation_has_admin(organisation: Organisation) -> bool:
    return organisation.memberships.admins().filter(user__is_active=True).exists()


REPORTED_MESSAGES_SHOWN = timedelta(days=90)
"""The moderation queue lists messages reported as abuse this recently: the admin panel keeps them all."""


def contact_messages_reported(*, now: datetime | None = None) -> QuerySet[ContactMessage]:
    """Messages through the site that a recipient reported as abuse in the last `REPORTED_MESSAGES_SHOWN`, newest
    report first: the moderation queue names them, so a report reaches someone who reads it."""
    now = now or timezone.now()
    return (
        ContactMessage.objects.filter(reported_at__gte=now - REPORTED_MESSAGES_SHOWN)
        .select_related("sender")
        .order_by("-reported_at", "-pk")
    )
