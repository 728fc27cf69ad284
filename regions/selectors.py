"""Reads about regions and municipalities that span relations."""

from allauth.account.models import EmailAddress
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from agendastad.accounts.models import User, passed_second_factor
from agendastad.accounts.moderators import MODERATORS_GROUP
from agendastad.accounts.second_factor import has_authenticator_app

from .models import (
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
