"""Progress on an initiative's page: the timeline, the form to post an update, editing one and the versions page with
old and new values pass axe-core in Dutch and English; a member of the lead posts an update in the browser, as a
newcomer would, and a follower finds it among their notifications."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from agendastad.notifications.services import follow_create
from initiatives.models import Initiative, ProgressUpdate, Status
from initiatives.services import initiative_change_status
from regions.models import OrganisationKind

from ..factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    organisation_admin,
    person_of_kind,
    verified_person,
)
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("fresh_rate_limits"),
]


@pytest.fixture
def initiative(lead) -> Initiative:
    """A public initiative with a partner school and three updates: one with a link, one edited, one hidden."""
    initiative = InitiativeFactory(lead_organisation=lead, title="Fietspad naar het techniekcollege")
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO, name="Noorderpoort")
    PartnershipFactory(initiative=initiative, organisation=school)
    teacher = verified_person(display_name="Joost Mulder")
    MembershipFactory(user=teacher, organisation=school)
    writer = organisation_admin(lead)
    ProgressUpdate.objects.create(
        initiative=initiative,
        author=writer,
        organisation=lead,
        text="De gemeenteraad heeft het geld vrijgemaakt.",
        link="https://example.org/raadsbesluit",
    )
    ProgressUpdate.objects.create(
        initiative=initiative,
        author=teacher,
        organisation=school,
        text="Twintig studenten\nzijn begonnen.",
        edited_at=timezone.now(),
    )
    ProgressUpdate.objects.create(
        initiative=initiative,
        author=teacher,
        organisation=school,
        text="Reclame",
        hidden_at=timezone.now(),
        hidden_reason="Reclame",
    )
    return initiative


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize("who", ["anonymous", "member", "moderator"])
def test_the_timeline_is_accessible(page: Page, live_server, initiative, who, language, prefix):
    if who != "anonymous":
        sign_in(page, live_server, person_of_kind(who, initiative.lead_organisation))
    response = page.goto(f"{prefix}/initiatieven/{initiative.slug}/")

    assert response.status == 200
    expect(page.locator("#progress article")).to_have_count(3)
    expect(page.locator("#progress form.agendastad-progress-form")).to_have_count(1 if who == "member" else 0)
    expect(page.locator("#progress input[name=reason]")).to_have_count(3 if who == "moderator" else 0)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_a_member_of_the_lead_posts_an_update_and_a_follower_finds_it(
    page: Page, live_server, initiative, language, prefix
):
    member = verified_person(display_name="Fatima el Amrani")
    MembershipFactory(user=member, organisation=initiative.lead_organisation)
    follower = verified_person()
    follow_create(user=follower, target=initiative)
    sign_in(page, live_server, member)
    page.goto(f"{prefix}/initiatieven/{initiative.slug}/")

    form = page.get_by_role("form", name="Voortgang melden" if language == "nl" else "Post a progress update")
    form.get_by_label("Wat is er gebeurd?" if language == "nl" else "What happened?").fill(
        "De eerste lessen zijn gegeven."
    )
    form.get_by_label("Link (niet verplicht)" if language == "nl" else "Link (optional)").fill("example.org/lessen")
    button = "Voortgangsbericht plaatsen" if language == "nl" else "Post progress update"
    form.get_by_role("button", name=button).click()

    update = page.locator("#progress article", has_text="De eerste lessen zijn gegeven.")
    expect(update).to_be_visible()
    expect(update.get_by_role("link", name="https://example.org/lessen")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, live_server, follower)
    page.goto(f"{prefix}/mijn/meldingen/")
    expect(page.get_by_text("Fietspad naar het techniekcollege")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_posting_with_errors_editing_and_the_versions_page_are_accessible(
    page: Page, live_server, initiative, language, prefix
):
    writer = ProgressUpdate.objects.get(link__startswith="https").author
    sign_in(page, live_server, writer)
    page.goto(f"{prefix}/initiatieven/{initiative.slug}/")
    form = page.locator("#progress form.agendastad-progress-form")
    form.locator("textarea[name=text]").fill("Zie hier")
    form.locator("input[name=link]").fill("javascript:alert(1)")
    form.locator("button[type=submit]").click()
    expect(page.locator("input[name=link][aria-invalid=true]")).to_be_visible()
    assert_accessible(page)

    update = ProgressUpdate.objects.get(author=writer)
    page.goto(f"{prefix}/initiatieven/{initiative.slug}/voortgang/{update.pk}/bewerken/")
    expect(page.locator("textarea[name=text]")).to_have_value("De gemeenteraad heeft het geld vrijgemaakt.")
    assert_accessible(page)

    initiative_change_status(initiative=initiative, user=writer, status=Status.PROPOSAL)
    Initiative.objects.filter(pk=initiative.pk).update(last_activity_at=timezone.now() - timedelta(days=3))
    page.goto(f"{prefix}/initiatieven/{initiative.slug}/versies/")
    expect(page.get_by_text("“Idee”" if language == "nl" else "“Idea”")).to_be_visible()
    assert_accessible(page)
