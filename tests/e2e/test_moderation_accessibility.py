"""The moderation pages pass axe-core in Dutch and English: a moderator's decision page for a comment and for an
initiative, the list of open reports, the author's answer to a hidden comment or initiative, and the page where
an author corrects a fresh comment. Each form is also checked once sent with a mistake: the error is shown, the
field is marked invalid and what was typed stays.
"""

import pytest
from playwright.sync_api import Page, expect

from initiatives import services
from initiatives.models import Comment, CommentKind, Hidden, Initiative, ModerationAction, ReportReason

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    ReportFactory,
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

REASON = "Dit is <b>reclame</b> en hoort hier niet."


@pytest.fixture
def initiative(lead) -> Initiative:
    return InitiativeFactory(lead_organisation=lead, created_by=organisation_admin(lead))


@pytest.fixture
def moderator(lead):
    return person_of_kind("moderator", lead)


@pytest.fixture
def reported_comment(initiative) -> Comment:
    """A comment that two reports hid until a moderator decides."""
    comment = CommentFactory(initiative=initiative, hidden=Hidden.PENDING)
    ReportFactory(comment=comment)
    ReportFactory(comment=comment, reason=ReportReason.SPAM, text="")
    return comment


def assert_page_in_language(response, page: Page, language: str) -> None:
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language


def submit(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form.utrecht-form button[type=submit]").click()


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_moderation_page_of_a_comment_is_accessible_empty_and_with_errors(
    page: Page, live_server, reported_comment, moderator, language, prefix
):
    sign_in(page, live_server, moderator)
    response = page.goto(
        f"{prefix}/initiatieven/{reported_comment.initiative.slug}/reacties/{reported_comment.pk}/modereren/"
    )

    assert_page_in_language(response, page, language)
    expect(page.locator("main .agendastad-result-list").first.locator("li")).to_have_count(2)
    expect(page.locator('input[name="decision"]')).to_have_count(2)  # restore or remove
    assert_accessible(page)

    page.locator('textarea[name="reason"]').fill(REASON)
    submit(page)

    expect(page.locator("fieldset.utrecht-form-field--invalid .utrecht-form-field-error-message")).to_be_visible()
    expect(page.locator('input[name="decision"][aria-invalid="true"]')).to_have_count(2)
    expect(page.locator('textarea[name="reason"]')).to_have_value(REASON)
    assert not ModerationAction.objects.filter(comment=reported_comment).exists()
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_moderation_page_of_an_initiative_is_accessible_empty_and_with_errors(
    page: Page, live_server, initiative, moderator, language, prefix
):
    ReportFactory(comment=None, initiative=initiative)
    sign_in(page, live_server, moderator)
    response = page.goto(f"{prefix}/initiatieven/{initiative.slug}/modereren/")

    assert_page_in_language(response, page, language)
    expect(page.locator('input[name="decision"]')).to_have_count(2)  # hide, or keep it visible
    assert_accessible(page)

    page.locator('input[name="decision"][value="hide"]').check()
    submit(page)

    expect(page.locator('textarea[name="reason"]')).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_reason_error")).to_be_visible()
    expect(page.locator('input[name="decision"][value="hide"]')).to_be_checked()
    initiative.refresh_from_db()
    assert not initiative.is_hidden
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_list_of_open_reports_is_accessible(
    page: Page, live_server, initiative, reported_comment, moderator, language, prefix
):
    ReportFactory(comment=None, initiative=initiative)
    sign_in(page, live_server, moderator)
    response = page.goto(f"{prefix}/moderatie/")

    assert_page_in_language(response, page, language)
    expect(page.locator("main .agendastad-result")).to_have_count(2)  # one row per item
    expect(page.locator(f'main a[href$="/reacties/{reported_comment.pk}/modereren/"]')).to_have_count(1)
    expect(page.locator(f'main a[href$="/initiatieven/{initiative.slug}/modereren/"]')).to_have_count(1)
    expect(page.locator("main .agendastad-result").first).to_contain_text("2")
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_answer_to_a_hidden_comment_is_accessible_empty_and_with_errors(
    page: Page, live_server, reported_comment, moderator, language, prefix
):
    services.comment_hide(comment=reported_comment, user=moderator, reason=REASON)
    sign_in(page, live_server, reported_comment.author)
    response = page.goto(
        f"{prefix}/initiatieven/{reported_comment.initiative.slug}/reacties/{reported_comment.pk}/bezwaar/"
    )

    assert_page_in_language(response, page, language)
    expect(page.locator("main blockquote")).to_have_count(1)
    expect(page.locator("main .agendastad-result", has_text="reclame")).to_have_count(1)
    assert_accessible(page)

    page.locator('textarea[name="text"]').fill("   ")
    submit(page)

    expect(page.locator('textarea[name="text"]')).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_text_error")).to_be_visible()
    assert not ModerationAction.objects.filter(action=ModerationAction.Action.APPEAL).exists()
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_answer_to_a_hidden_initiative_is_accessible_empty_and_with_errors(
    page: Page, live_server, initiative, moderator, language, prefix
):
    services.initiative_hide(initiative=initiative, user=moderator, reason=REASON)
    sign_in(page, live_server, initiative.created_by)
    response = page.goto(f"{prefix}/initiatieven/{initiative.slug}/bezwaar/")

    assert_page_in_language(response, page, language)
    expect(page.locator("main .agendastad-result", has_text="reclame")).to_have_count(1)
    assert_accessible(page)

    submit(page)

    expect(page.locator('textarea[name="text"]')).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_text_error")).to_be_visible()
    assert not ModerationAction.objects.filter(action=ModerationAction.Action.APPEAL).exists()
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_editing_a_fresh_comment_is_accessible_empty_and_with_errors(
    page: Page, live_server, initiative, language, prefix
):
    comment = CommentFactory(initiative=initiative, author=verified_person(), text="Hoe meld ik me aan?")
    sign_in(page, live_server, comment.author)
    response = page.goto(f"{prefix}/initiatieven/{initiative.slug}/reacties/{comment.pk}/bewerken/")

    assert_page_in_language(response, page, language)
    expect(page.locator('textarea[name="text"]')).to_have_value("Hoe meld ik me aan?")
    assert_accessible(page)

    page.locator('select[name="kind"]').select_option(CommentKind.OFFER)
    page.locator('textarea[name="text"]').fill("")
    submit(page)

    expect(page.locator('textarea[name="text"]')).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_text_error")).to_be_visible()
    expect(page.locator('select[name="kind"]')).to_have_value(CommentKind.OFFER)
    comment.refresh_from_db()
    assert (comment.kind, comment.text) == (CommentKind.QUESTION, "Hoe meld ik me aan?")
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_a_moderator_keeps_a_reported_initiative_visible_and_the_reporter_hears_it(
    page: Page, live_server, initiative, moderator, language, prefix
):
    report = ReportFactory(comment=None, initiative=initiative)
    sign_in(page, live_server, moderator)
    page.goto(f"{prefix}/initiatieven/{initiative.slug}/modereren/")

    page.locator('input[name="decision"][value="dismiss"]').check()
    submit(page)

    kept = {"nl": "De meldingen zijn gesloten en het blijft zichtbaar.", "en": "The reports are closed"}[language]
    expect(page.get_by_text(kept)).to_be_visible()
    assert_accessible(page)
    report.refresh_from_db()
    assert report.handled_by == moderator
    assert ModerationAction.objects.get().action == ModerationAction.Action.DISMISS
    sign_in(page, live_server, report.reporter)
    page.goto(f"{prefix}/mijn/meldingen/")
    expect(page.locator("main")).to_contain_text(initiative.title)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_page_of_a_hidden_initiative_is_accessible_and_shows_its_creator_the_way_to_answer(
    page: Page, live_server, initiative, moderator, language, prefix
):
    services.initiative_hide(initiative=initiative, user=moderator, reason=REASON)

    response = page.goto(f"{prefix}/initiatieven/{initiative.slug}/")

    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == language
    hidden = {"nl": "Dit initiatief is verborgen", "en": "This initiative is hidden"}[language]
    expect(page.locator("h1")).to_have_text(hidden)
    expect(page.locator("main")).not_to_contain_text(initiative.title)
    assert_accessible(page)

    sign_in(page, live_server, initiative.created_by)
    page.goto(f"{prefix}/initiatieven/{initiative.slug}/")
    with page.expect_navigation():
        page.locator(f'main a[href$="/initiatieven/{initiative.slug}/bezwaar/"]').click()
    expect(page.locator("main .agendastad-result", has_text="reclame")).to_have_count(1)
