"""Hostile Markdown cannot break a page or cost the server: pages show HTML stored when the text was saved, and
text too long or nested too deep is refused with a message, the typed text kept."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.html import escape
from pytest_django.asserts import assertContains

from agendastad.core import markdown
from initiatives import services
from initiatives.models import Comment, CommentKind, Hidden, Initiative, ModerationAction
from regions.models import OrganisationKind

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    OrganisationFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)
from .test_initiatives import create_data, edit_data, edit_url

pytestmark = pytest.mark.django_db

DEEP_LIST = "- " * 1000 + "x"
"""2,001 characters, within a comment's length, that made Python-Markdown raise RecursionError on every view."""
TOO_DEEP = "Lists and quotes lie too deep inside each other here: at most 20 levels, please."
TOO_DEEP_NL = "Lijsten en citaten liggen hier te diep in elkaar: hoogstens 20 niveaus, alsjeblieft."


@pytest.fixture
def initiative():
    lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
    return InitiativeFactory(lead_organisation=lead, created_by=organisation_admin(lead))


def assert_pages_answer(client, person, paths: list[str]) -> None:
    sign_in(client, person)
    for path in paths:
        assert client.get(path).status_code == 200, path


# Text saved before the limits existed still shows, on every page, also once hidden


def test_a_deeply_nested_comment_breaks_no_page_also_after_a_moderator_hid_it(client, initiative):
    comment = CommentFactory(initiative=initiative, text=DEEP_LIST)
    moderator = person_of_kind("moderator", initiative.lead_organisation)
    comment_url = f"/initiatieven/{initiative.slug}/reacties/{comment.pk}"
    reader = verified_person()

    assert_pages_answer(client, reader, [initiative.get_absolute_url(), f"{comment_url}/melden/"])
    assert_pages_answer(client, moderator, [initiative.get_absolute_url(), f"{comment_url}/modereren/"])

    services.comment_hide(comment=comment, user=moderator, reason="Onleesbaar.")

    assert_pages_answer(client, moderator, [initiative.get_absolute_url(), f"{comment_url}/modereren/"])
    assert_pages_answer(client, comment.author, [initiative.get_absolute_url(), f"{comment_url}/bezwaar/"])
    assert_pages_answer(client, reader, [initiative.get_absolute_url()])


def test_a_deeply_nested_description_breaks_no_page_also_after_a_moderator_hid_it(client, initiative):
    Initiative.objects.filter(pk=initiative.pk).update(
        description=DEEP_LIST, description_html=markdown.render_markdown(DEEP_LIST)
    )
    moderator = person_of_kind("moderator", initiative.lead_organisation)
    url = initiative.get_absolute_url()

    assert_pages_answer(client, verified_person(), [url, f"{url}melden/", f"{url}versies/"])
    assert_pages_answer(client, moderator, [url, f"{url}modereren/"])

    services.initiative_hide(initiative=initiative, user=moderator, reason="Onleesbaar.")

    assert_pages_answer(client, moderator, [url, f"{url}modereren/", f"{url}versies/"])
    assert_pages_answer(client, initiative.created_by, [f"{url}bezwaar/"])


def test_a_text_without_stored_html_is_shown_as_escaped_text(client, initiative):
    CommentFactory(initiative=initiative, text="<b>vet</b>\n**niet vet**", text_html="")

    response = client.get(initiative.get_absolute_url())

    assertContains(response, "&lt;b&gt;vet&lt;/b&gt;<br>**niet vet**")


def test_a_comment_the_renderer_fails_on_is_saved_and_shown_as_its_text(client, initiative, monkeypatch):
    def broken(text):
        raise RecursionError

    monkeypatch.setattr(markdown._parser, "render", broken)
    client.force_login(verified_person())

    response = client.post(
        f"/initiatieven/{initiative.slug}/reacties/", {"kind": CommentKind.QUESTION, "text": "Wat **kost** het?"}
    )

    assert response.status_code == 302
    assert Comment.objects.get().text_html == ""
    assertContains(client.get(initiative.get_absolute_url()), "Wat **kost** het?")


# Saving renders once, and the pages show that


def test_a_comment_is_rendered_once_when_saved_and_again_when_edited(client, initiative):
    client.force_login(verified_person())
    client.post(f"/initiatieven/{initiative.slug}/reacties/", {"kind": CommentKind.QUESTION, "text": "# Vraag"})
    comment = Comment.objects.get()
    assert comment.text_html == "<h3>Vraag</h3>\n"

    client.post(
        f"/initiatieven/{initiative.slug}/reacties/{comment.pk}/bewerken/",
        {"kind": CommentKind.QUESTION, "text": "[Meer](https://example.org/)"},
    )

    comment.refresh_from_db()
    assert comment.text_html == '<p><a href="https://example.org/" rel="nofollow noopener ugc">Meer</a></p>\n'
    assertContains(client.get(initiative.get_absolute_url()), comment.text_html, html=True)


def test_a_description_is_rendered_once_when_saved(client):
    lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
    client.force_login(organisation_admin(lead))

    client.post("/initiatieven/nieuw/", create_data(lead, description="## Aanpak\n\n- **samen**"))

    initiative = Initiative.objects.get()
    assert initiative.description_html == "<h4>Aanpak</h4>\n<ul>\n<li><strong>samen</strong></li>\n</ul>\n"


# Refused with a message, the text kept


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (DEEP_LIST, TOO_DEEP_NL),
        ("&amp;" * 100_000, "Zorg dat deze waarde niet meer dan 5000 tekens bevat (het zijn er nu 500000)."),
    ],
)
def test_a_comment_too_deep_or_too_long_is_refused_with_a_message_and_the_text_kept(client, initiative, text, message):
    client.force_login(verified_person())

    response = client.post(f"/initiatieven/{initiative.slug}/reacties/", {"kind": CommentKind.QUESTION, "text": text})

    assertContains(response, message)
    assertContains(response, escape(text[:100]))
    assert not Comment.objects.exists()


def test_the_message_speaks_english_on_the_english_site(client, initiative):
    client.force_login(verified_person())

    response = client.post(
        f"/en/initiatieven/{initiative.slug}/reacties/", {"kind": CommentKind.QUESTION, "text": DEEP_LIST}
    )

    assertContains(response, TOO_DEEP)


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("description", DEEP_LIST, TOO_DEEP_NL),
        ("description", "x" * 8001, "Zorg dat deze waarde niet meer dan 8000 tekens bevat (het zijn er nu 8001)."),
        ("sought_note", "x" * 2001, "Zorg dat deze waarde niet meer dan 2000 tekens bevat (het zijn er nu 2001)."),
    ],
)
def test_an_edit_too_deep_or_too_long_is_refused_with_a_message_and_the_text_kept(
    client, initiative, field, text, message
):
    client.force_login(organisation_admin(initiative.lead_organisation))

    response = client.post(edit_url(initiative), edit_data(initiative, **{field: text}))

    assertContains(response, message)
    assertContains(response, text[:100])
    initiative.refresh_from_db()
    assert getattr(initiative, field) != text


def test_the_services_refuse_what_the_forms_refuse_so_a_description_never_reaches_the_search_vector_limit(
    initiative,
):
    """A description of over 1 MB failed with a 500 from PostgreSQL's tsvector; now it is a ValidationError."""
    admin = organisation_admin(initiative.lead_organisation)
    data = services.InitiativeData(
        title="Fietspad",
        summary="Samen",
        themes=list(initiative.themes.all()),
        primary_region=initiative.primary_region,
        description=" ".join(f"woord{number}" for number in range(200_000)),
    )
    with pytest.raises(ValidationError) as refused:
        services.initiative_update(initiative=initiative, user=admin, version=initiative.version, data=data)
    assert set(refused.value.message_dict) == {"description"}

    with pytest.raises(ValidationError) as refused:
        services.comment_create(initiative=initiative, user=verified_person(), text=DEEP_LIST, kind="question")
    assert refused.value.message_dict == {"text": [TOO_DEEP_NL]}


# Rows written before this change get their HTML from the data migration


def test_the_data_migration_stores_the_html_of_existing_texts(initiative):
    comment = CommentFactory(initiative=initiative, text="**vet**", text_html="")
    Initiative.objects.filter(pk=initiative.pk).update(description="# Doel", description_html="")
    migration = importlib.import_module("initiatives.migrations.0012_render_stored_markdown")

    migration.forwards(apps, None)

    comment.refresh_from_db()
    initiative.refresh_from_db()
    assert comment.text_html == "<p><strong>vet</strong></p>\n"
    assert initiative.description_html == "<h3>Doel</h3>\n"


def test_a_moderation_reason_over_its_limit_is_refused_and_nothing_changes(initiative):
    comment = CommentFactory(initiative=initiative)
    moderator = person_of_kind("moderator", initiative.lead_organisation)

    for decide in (services.comment_hide, services.comment_remove):
        with pytest.raises(ValidationError) as refused:
            decide(comment=comment, user=moderator, reason="x" * 2001)
        assert set(refused.value.message_dict) == {"reason"}

    comment.refresh_from_db()
    assert (comment.hidden, comment.removed_at) == (Hidden.NO, None)
    assert not ModerationAction.objects.exists()
