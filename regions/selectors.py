"""Reads about regions and municipalities that span relations."""

from allauth.account.models import EmailAddress
from django.db.models import Count, Q, QuerySet

from agendastad.accounts.models import passed_second_factor
from agendastad.accounts.moderators import MODERATORS_GROUP
from agendastad.accounts.second_factor import has_authenticator_app

from .models import Invitation, LabourMarketRegion, Membership, Organisation, RegionCoordinator


def regions_with_counts() -> QuerySet[LabourMarketRegion]:
    """The current regions, each with `municipality_count` (current municipalities only)."""
    return (
        LabourMarketRegion.objects.current()
        .annotate(municipality_count=Count("municipalities", filter=Q(municipalities__retired_in__isnull=True)))
        .order_by("name")
    )


MAP_WIDTH = 400


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def region_map_shapes() -> dict:
    """SVG outlines of the current regions, for a map drawn on the server (no script, no tiles).

    Longitude is scaled by cos(52°) so that the Netherlands keeps its shape; one decimal in SVG units
    is finer than the generalised CBS boundaries are.
    """
    regions = list(LabourMarketRegion.objects.current().exclude(boundary=None).only("name", "slug", "boundary"))
    points = [point for region in regions for ring in _rings(region.boundary) for point in ring]
    if not points:
        return {"shapes": [], "width": MAP_WIDTH, "height": 0}
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    x_scale = 0.6157  # cos(52°)
    scale = MAP_WIDTH / ((max_x - min_x) * x_scale)

    def project(point: list[float]) -> str:
        return f"{(point[0] - min_x) * x_scale * scale:.1f},{(max_y - point[1]) * scale:.1f}"

    shapes = [
        {
            "region": region,
            "path": " ".join("M" + " L".join(project(p) for p in ring) + "Z" for ring in _rings(region.boundary)),
        }
        for region in regions
    ]
    return {"shapes": shapes, "width": MAP_WIDTH, "height": round((max_y - min_y) * scale)}


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
