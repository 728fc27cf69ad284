"""The discussion on an initiative's page and the report form pass axe-core in Dutch and English. A comment
posted with htmx appears without a page load and takes the focus (an invalid one puts it on the field to fix),
while the strict CSP holds (the browser log fails the test otherwise).
"""

import pytest
from playwright.sync_api import Page, expect

from initiatives.models import Comment, CommentKind, Hidden, Initiative
from regions.models import OrganisationKind

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
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
def initiative():
    """A public initiative with a thread: a question, an offer on behalf of a school with a reply, a removed
    comment with a reply, and a comment hidden after reports."""
    initiative = InitiativeFactory(lead_organisation=OrganisationFactory(kind=OrganisationKind.MUNICIPALITY))
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO)
    teacher = verified_person()
    MembershipFactory(user=teacher, organisation=school)
    CommentFactory(initiative=initiative, text="Hoe kunnen **studenten** zich aanmelden?")
    offer = CommentFactory(
        initiative=initiative, author=teacher, organisation=school, kind=CommentKind.OFFER, text="Wij bieden stages."
    )
    CommentFactory(initiative=initiative, parent=offer, text="Mooi aanbod!")
    removed = CommentFactory(initiative=initiative, text="Weg ermee.")
    Comment.objects.filter(pk=removed.pk).update(removed_at=removed.created_at)
    CommentFactory(initiative=initiative, parent=removed, text="Een antwoord blijft staan.")
    CommentFactory(initiative=initiative, text="Reclame.", hidden=Hidden.PENDING)
    return initiative


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize("who", ["anonymous", "member", "moderator"])
def test_the_detail_page_with_a_thread_is_accessible(page: Page, live_server, initiative, who, language, prefix):
    if who != "anonymous":
        sign_in(page, live_server, person_of_kind(who, initiative.lead_organisation))
    response = page.goto(f"{prefix}/initiatieven/{initiative.slug}/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("#discussion article")).to_have_count(6)
    expect(page.locator("#discussion form[hx-post]")).to_have_count(0 if who == "anonymous" else 3)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_a_comment_posted_with_htmx_appears_without_a_page_load(page: Page, live_server, initiative, language, prefix):
    sign_in(page, live_server, verified_person())
    page.goto(f"{prefix}/initiatieven/{initiative.slug}/")
    page.evaluate("window.notReloaded = true")

    form = page.locator("#discussion > form.agendastad-comment-form")
    form.locator('select[name="kind"]').select_option(CommentKind.COMMITMENT)
    form.locator('textarea[name="text"]').fill("Wij zeggen **drie** leerwerkplekken toe.")
    form.locator("button[type=submit]").click()

    expect(page.locator("#discussion strong", has_text="drie")).to_be_visible()
    assert page.evaluate("window.notReloaded === true")
    posted = Comment.objects.get(text__startswith="Wij zeggen")
    expect(page.locator(f"#{posted.anchor}")).to_be_focused()
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_an_empty_comment_posted_with_htmx_puts_the_focus_on_the_text_to_write(
    page: Page, live_server, initiative, language, prefix
):
    sign_in(page, live_server, verified_person())
    page.goto(f"{prefix}/initiatieven/{initiative.slug}/")
    comments = Comment.objects.count()
    form = page.locator("#discussion > form.agendastad-comment-form")
    form.locator('select[name="kind"]').select_option(CommentKind.OFFER)
    form.locator("button[type=submit]").click()

    text = page.locator("#discussion > form.agendastad-comment-form textarea[name='text']")
    expect(text).to_have_attribute("aria-invalid", "true")
    expect(text).to_be_focused()
    expect(page.locator('#discussion > form.agendastad-comment-form select[name="kind"]')).to_have_value(
        CommentKind.OFFER
    )
    assert Comment.objects.count() == comments
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_report_form_is_accessible_empty_and_with_errors(page: Page, live_server, initiative, language, prefix):
    comment = initiative.comments.get(text="Wij bieden stages.")
    sign_in(page, live_server, verified_person())
    response = page.goto(f"{prefix}/initiatieven/{initiative.slug}/reacties/{comment.pk}/melden/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)

    page.locator('input[value="other"]').check()
    with page.expect_navigation():
        page.locator("main form.utrecht-form button[type=submit]").click()

    expect(page.locator('[aria-invalid="true"]')).to_have_count(1)
    expect(page.locator('input[value="other"]')).to_be_checked()
    assert not comment.reports.exists()
    assert_accessible(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_an_unbroken_comment_and_description_wrap_instead_of_widening_the_page(page: Page, initiative, width):
    """4,000 brackets in a row, an allowed comment: before, the page became about 17,800 pixels wide."""
    Initiative.objects.filter(pk=initiative.pk).update(description="x" * 3000, description_html=f"<p>{'x' * 3000}</p>")
    CommentFactory(initiative=initiative, text="[" * 4000)
    page.set_viewport_size({"width": width, "height": 800})

    page.goto(f"/initiatieven/{initiative.slug}/")

    expect(page.locator("#discussion article")).to_have_count(7)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
