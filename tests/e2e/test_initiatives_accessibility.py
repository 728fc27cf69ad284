"""The pages and forms of initiatives, organisations and one's own overview pass axe-core, in Dutch and English.

Signed-in pages get the session of `tests.factories.sign_in` (second factor passed) as a cookie in the browser.
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from agendastad.accounts.models import User
from initiatives.models import Initiative, Partnership, Theme, Visibility
from initiatives.services import initiative_archive
from regions.models import Municipality, OrganisationKind

from ..factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    organisation_admin,
    person_of_kind,
)
from ..factories import sign_in as sign_in_client
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = [
    pytest.param("nl", "", "nl-NL", id="nl"),
    pytest.param("en", "/en", "en-GB", id="en"),
]


def sign_in(page: Page, live_server, user: User) -> None:
    """Signed in with the second factor, so coordinators and moderators have their rights."""
    client = Client()
    sign_in_client(client, user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])


@pytest.fixture
def initiative(lead) -> Initiative:
    """A public initiative with partners from three helices, one invitation and one request still open,
    partners sought, a second version, and a related initiative elsewhere."""
    initiative = InitiativeFactory(
        lead_organisation=lead,
        themes=list(Theme.objects.filter(number__in=[1, 4])),
        description="Een **fietspad** langs de scholen.\n\n- veilig\n- snel\n\n[Meer](https://example.org/)",
    )
    initiative.municipalities.set([lead.municipality])
    PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO))
    PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=OrganisationKind.BUSINESS))
    PartnershipFactory(initiative=initiative, state=Partnership.State.INVITED)
    PartnershipFactory(initiative=initiative, state=Partnership.State.REQUESTED)
    initiative.sought_partners.create(helix="civil_society")
    initiative.sought_partners.create(kind=OrganisationKind.UNIVERSITY)
    Initiative.objects.filter(pk=initiative.pk).update(status="proposal")
    initiative.refresh_from_db()
    initiative.save()  # a second version for the versions page
    rotterdam = Municipality.objects.get(name="Rotterdam")
    elsewhere = InitiativeFactory(lead_organisation=OrganisationFactory(municipality=rotterdam))
    elsewhere.sought_partners.create(helix="knowledge")
    InitiativeFactory(lead_organisation=lead, visibility=Visibility.DRAFT)
    return initiative


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/initiatieven/", id="list"),
        pytest.param(
            "/initiatieven/?q=initiative&region=groningen&theme=talent-ontwikkelen&status=proposal&sort=title",
            id="list-filtered",
        ),
        pytest.param("/initiatieven/?q=geen-enkel-resultaat", id="list-empty"),
        pytest.param("/partners-gezocht/", id="matchmaking"),
        pytest.param("/partners-gezocht/?region=groningen&sought=civil_society", id="matchmaking-filtered"),
        pytest.param("/organisaties/", id="organisation-list"),
        pytest.param("/regios/groningen/", id="region-with-initiatives"),
        pytest.param("/themas/talent-ontwikkelen/", id="theme-with-initiatives"),
    ],
)
def test_public_pages_are_accessible(page: Page, initiative, path, language, prefix):
    response = page.goto(prefix + path)

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator(".agendastad-result").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_detail_page_with_every_action_form_is_accessible(
    page: Page, live_server, initiative, lead_admin, language, prefix
):
    sign_in(page, live_server, lead_admin)
    response = page.goto(f"{prefix}/initiatieven/{initiative.slug}/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    for action in ("status", "archiveren"):
        expect(page.locator(f'form[action$="/{action}/"]')).to_have_count(1)
    expect(page.locator('main a[href$="/partners/uitnodigen/"]')).to_have_count(1)  # to the partner picker
    expect(page.locator('form[action$="/antwoord/"]')).to_have_count(1)
    expect(page.locator('form[action$="/intrekken/"]')).to_have_count(1)  # the lead's own invitation
    expect(page.locator("h1")).to_have_text(initiative.title)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_detail_page_for_an_organisation_that_may_ask_to_take_part_is_accessible(
    page: Page, live_server, initiative, language, prefix
):
    sign_in(page, live_server, organisation_admin(OrganisationFactory(kind=OrganisationKind.UNION)))
    page.goto(f"{prefix}/initiatieven/{initiative.slug}/")

    expect(page.locator('form[action$="/partners/aanmelden/"]')).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_an_archived_initiative_as_a_moderator_sees_it_is_accessible(
    page: Page, live_server, initiative, lead_admin, language, prefix
):
    initiative_archive(initiative=initiative, user=lead_admin)
    sign_in(page, live_server, person_of_kind("moderator", initiative.lead_organisation))
    response = page.goto(f"{prefix}/initiatieven/{initiative.slug}/")

    assert response.status == 200
    expect(page.locator('form[action$="/herstellen/"]')).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_create_form_is_accessible_empty_and_with_errors(page: Page, live_server, lead, language, prefix):
    member = organisation_admin(lead)
    sign_in(page, live_server, member)
    response = page.goto(f"{prefix}/initiatieven/nieuw/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)

    page.locator("#id_title").fill('<script>alert("xss")</script> Fietspad')
    with page.expect_navigation():
        page.locator("main form.utrecht-form button[type=submit]").click()

    expect(page.locator('[aria-invalid="true"]').first).to_be_visible()
    expect(page.locator("#id_title")).to_have_value('<script>alert("xss")</script> Fietspad')
    assert not Initiative.objects.exists()
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_edit_form_and_the_versions_page_are_accessible(
    page: Page, live_server, initiative, lead_admin, language, prefix
):
    sign_in(page, live_server, lead_admin)
    response = page.goto(f"{prefix}/initiatieven/{initiative.slug}/bewerken/")
    assert response.status == 200
    expect(page.locator("#id_title")).to_have_value(initiative.title)
    assert_accessible(page)

    response = page.goto(f"{prefix}/initiatieven/{initiative.slug}/versies/")
    assert response.status == 200
    expect(page.locator("main ol.agendastad-result-list > li")).to_have_count(initiative.history.count())
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_an_organisation_page_and_my_overview_are_accessible(
    page: Page, live_server, initiative, lead, lead_admin, language, prefix
):
    MembershipFactory(user=lead_admin, organisation=OrganisationFactory(), state="requested", role="member")
    sign_in(page, live_server, lead_admin)

    response = page.goto(f"{prefix}/organisaties/{lead.slug}/")
    assert response.status == 200
    expect(page.locator(".agendastad-result").first).to_be_visible()
    assert_accessible(page)

    response = page.goto(f"{prefix}/mijn/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
