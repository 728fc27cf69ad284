"""The pages where people run an organisation pass axe-core in Dutch and English: registering one, editing it,
its members, leaving it and answering an invitation. Each form is also checked once sent with a mistake: the
error is shown, the field is marked invalid and what was typed stays.
"""

import pytest
from playwright.sync_api import Page, expect

from regions.models import Invitation, Membership, Organisation, OrganisationKind

from ..factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    organisation_admin,
    verified_person,
)
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("fresh_rate_limits"),
]


@pytest.fixture
def organisation() -> Organisation:
    """A school with an admin, a member, a request to join and an open invitation."""
    organisation = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO, website="https://example.org/")
    admin = organisation_admin(organisation)
    MembershipFactory(organisation=organisation, user=verified_person())
    MembershipFactory(organisation=organisation, user=verified_person(), state=Membership.State.REQUESTED)
    InvitationFactory(organisation=organisation, invited_by=admin)
    return organisation


@pytest.fixture
def admin(organisation):
    return organisation.memberships.get(role=Membership.Role.ADMIN).user


def assert_page_in_language(response, page: Page, language: str) -> None:
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language


def submit(page: Page, form: str = "main form.utrecht-form") -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_registering_an_organisation_is_accessible_empty_and_with_a_duplicate(
    page: Page, live_server, organisation, language, prefix
):
    sign_in(page, live_server, verified_person())
    response = page.goto(f"{prefix}/organisaties/nieuw/")

    assert_page_in_language(response, page, language)
    expect(page.locator('input[name="confirm_distinct"]')).to_have_count(0)
    assert_accessible(page)

    page.locator("#id_name").fill(organisation.name)
    page.locator("#id_kind").select_option(OrganisationKind.SCHOOL_MBO)
    page.locator("#id_municipality").select_option(str(organisation.municipality_id))
    submit(page)

    expect(page.locator("#id_confirm_distinct")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_confirm_distinct_error")).to_be_visible()
    expect(page.locator(f'main a[href$="/organisaties/{organisation.slug}/"]')).to_have_count(1)
    expect(page.locator("#id_name")).to_have_value(organisation.name)
    expect(page.locator("#id_municipality")).to_have_value(str(organisation.municipality_id))
    assert Organisation.objects.count() == 1
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_editing_an_organisation_is_accessible_and_with_errors(
    page: Page, live_server, organisation, admin, language, prefix
):
    sign_in(page, live_server, admin)
    response = page.goto(f"{prefix}/organisaties/{organisation.slug}/bewerken/")

    assert_page_in_language(response, page, language)
    expect(page.locator("#id_name")).to_have_value(organisation.name)
    assert_accessible(page)

    page.locator("#id_name").fill("")
    page.locator("#id_kvk_number").fill("1234")
    submit(page)

    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_kvk_number")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_kvk_number_error")).to_be_visible()
    expect(page.locator("#id_kvk_number")).to_have_value("1234")
    expect(page.locator("#id_website")).to_have_value("https://example.org/")
    organisation.refresh_from_db()
    assert organisation.kvk_number == ""
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_members_page_is_accessible_and_with_a_wrong_invitation(
    page: Page, live_server, organisation, admin, language, prefix
):
    sign_in(page, live_server, admin)
    response = page.goto(f"{prefix}/organisaties/{organisation.slug}/leden/")

    assert_page_in_language(response, page, language)
    expect(page.locator("main tbody tr")).to_have_count(2)
    expect(page.locator('main form[action$="/goedkeuren/"]')).to_have_count(1)
    assert_accessible(page)

    page.locator("#id_email").fill("geen-adres")
    submit(page, 'main form[action$="/uitnodigen/"]')

    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email_error")).to_be_visible()
    expect(page.locator("#id_email")).to_have_value("geen-adres")
    assert Invitation.objects.count() == 1
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_leaving_as_the_last_admin_is_accessible_and_asks_for_a_successor(
    page: Page, live_server, organisation, admin, language, prefix
):
    sign_in(page, live_server, admin)
    response = page.goto(f"{prefix}/organisaties/{organisation.slug}/verlaten/")

    assert_page_in_language(response, page, language)
    expect(page.locator("#id_successor option")).to_have_count(2)  # the empty choice and the other member
    assert_accessible(page)

    submit(page)

    expect(page.locator("#id_successor")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_successor_error")).to_be_visible()
    assert organisation.memberships.filter(user=admin, role=Membership.Role.ADMIN).exists()
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_leaving_as_a_member_is_accessible(page: Page, live_server, organisation, language, prefix):
    member = organisation.memberships.get(role=Membership.Role.MEMBER, state=Membership.State.ACTIVE).user
    sign_in(page, live_server, member)
    response = page.goto(f"{prefix}/organisaties/{organisation.slug}/verlaten/")

    assert_page_in_language(response, page, language)
    expect(page.locator("#id_successor")).to_have_count(0)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize("addressed_to_me", [True, False], ids=["invited", "other-address"])
def test_an_invitation_is_accessible(page: Page, live_server, organisation, addressed_to_me, language, prefix):
    invitation = organisation.invitations.get()
    person = verified_person(email=invitation.email) if addressed_to_me else verified_person()
    sign_in(page, live_server, person)
    response = page.goto(f"{prefix}/mijn/uitnodigingen/{invitation.token}/")

    assert_page_in_language(response, page, language)
    expect(page.locator('main button[name="accept"]')).to_have_count(1 if addressed_to_me else 0)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_an_answered_invitation_is_accessible(page: Page, live_server, organisation, language, prefix):
    invitation = organisation.invitations.get()
    person = verified_person(email=invitation.email)
    Invitation.objects.filter(pk=invitation.pk).update(answered_at=invitation.created_at, accepted=False)
    sign_in(page, live_server, person)
    response = page.goto(f"{prefix}/mijn/uitnodigingen/{invitation.token}/")

    assert_page_in_language(response, page, language)
    expect(page.locator('main button[name="accept"]')).to_have_count(0)
    assert_accessible(page)
