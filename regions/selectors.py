"""Reads about regions and municipalities that span relations."""

from itertools import groupby

from allauth.account.models import EmailAddress
from django.db.models import Count, Q, QuerySet

from agendastad.accounts.models import passed_second_factor
from agendastad.accounts.moderators import MODERATORS_GROUP
from agendastad.accounts.second_factor import has_authenticator_app

from .models import Invitation, LabourMarketRegion, Membership, Municipality, Organisation, RegionCoordinator


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


def municipalities_by_province(region: LabourMarketRegion) -> list[tuple[str, list[Municipality]]]:
    """The region's current municipalities grouped by province, provinces and names in order."""
    municipalities = region.municipalities.current().order_by("province", "name")
    return [(province, list(group)) for province, group in groupby(municipalities, key=lambda m: m.province)]


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("municipality__region")


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
