"""A coordinator's week starts on /mijn/: its summary and the region's workspace pass axe-core in Dutch and English,
with something waiting in every section, and an organisation that may be registered already is verified only after
the coordinator confirms it is another one."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from initiatives.models import Partnership
from regions.models import LabourMarketRegion, Organisation, OrganisationKind

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionCoordinatorFactory,
    ReportFactory,
    verified_person,
)
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("fresh_rate_limits"),
]


@pytest.fixture
def region() -> LabourMarketRegion:
    return LabourMarketRegion.objects.get(code="AM01")


@pytest.fixture
def coordinator(region):
    user = verified_person()
    RegionCoordinatorFactory(user=user, region=region)
    return user


@pytest.fixture
def waiting(lead) -> Organisation:
    """Something in every section: a bakery waiting for verification that may be registered already, a report, a
    new initiative with an invitation to an organisation without an admin, a call for partners nobody answered
    and an initiative quiet for over a year."""
    lead.verified_at = timezone.now()
    lead.save(update_fields=["verified_at"])
    OrganisationFactory(name="Bakkerij De Vries", kvk_number="12345678", verified_at=timezone.now())
    bakery = OrganisationFactory(name="Bakkerij de Vries B.V.", kvk_number="12345678")
    initiative = InitiativeFactory(lead_organisation=lead)
    ReportFactory(comment=CommentFactory(initiative=initiative))
    PartnershipFactory(
        initiative=initiative,
        organisation=OrganisationFactory(verified_at=timezone.now()),
        state=Partnership.State.INVITED,
    )
    long_ago = timezone.now() - timedelta(days=400)
    seeking = InitiativeFactory(lead_organisation=lead, created_at=long_ago, last_activity_at=long_ago)
    seeking.sought_partners.create(kind=OrganisationKind.SCHOOL_MBO)
    return bakery


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_summary_on_mine_and_the_workspace_are_accessible(
    page: Page, live_server, region, coordinator, waiting, language, prefix
):
    sign_in(page, live_server, coordinator)
    response = page.goto(f"{prefix}/mijn/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator(f'#coordination-{region.slug} + ul a[href$="#waiting-organisations"]')).to_contain_text("1")
    assert_accessible(page)

    with page.expect_navigation():
        page.locator(f'a[href$="/mijn/regio/{region.slug}/"]').click()

    for section in (
        "waiting-organisations",
        "open-reports",
        "new-initiatives",
        "seeking-partners",
        "stale-initiatives",
        "invitations-without-admin",
    ):
        expect(page.locator(f"#{section} .utrecht-badge-counter")).not_to_have_text("0")
    expect(page.locator(".agendastad-duplicates")).to_have_count(1)
    assert_accessible(page)


def test_a_coordinator_verifies_a_possible_duplicate_only_after_confirming(
    page: Page, live_server, region, coordinator, waiting
):
    sign_in(page, live_server, coordinator)
    page.goto(f"/mijn/regio/{region.slug}/")
    form = page.locator(f'form[action$="/verifieren/{waiting.slug}/"]')

    form.locator("button").click()  # the browser asks for the confirmation first: nothing is sent
    waiting.refresh_from_db()
    assert not waiting.is_verified

    form.get_by_label("Het is een andere organisatie").check()
    with page.expect_navigation():
        form.locator("button").click()

    expect(page.locator(".utrecht-alert--ok, .utrecht-alert--info").first).to_contain_text("geverifieerd")
    expect(page.locator("#waiting-organisations .utrecht-badge-counter")).to_have_text("0")
    waiting.refresh_from_db()
    assert waiting.verified_by == coordinator
