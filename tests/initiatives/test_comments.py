"""The discussion on an initiative: comments, replies, editing, removing, closing, rate limits and htmx."""

import re
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from agendastad.notifications.delivery import digests_send, notification_preference_set
from agendastad.notifications.models import Frequency, Notification, NotificationKind
from agendastad.notifications.services import follow_create
from initiatives import services
from initiatives.models import Comment, CommentKind, Hidden, Visibility
from initiatives.selectors import comment_thread, discussion_rights
from regions.models import OrganisationKind

from ..factories import (
    HOSTILE,
    USER_KINDS,
    CommentFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    organisation_admin,
    person_of_kind,
    verified_person,
)
from .test_initiatives import dangerous_markup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


@pytest.fixture
def creator(lead):
    return organisation_admin(lead, language="en")


@pytest.fixture
def initiative(lead, creator):
    return InitiativeFactory(lead_organisation=lead, title="Fietspad naar het techniekcollege", created_by=creator)


def comments_url(initiative) -> str:
    return f"/initiatieven/{initiative.slug}/reacties/"


def comment_data(**overrides) -> dict:
    return {"kind": CommentKind.OFFER, "text": "Wij kunnen **twee stageplekken** bieden.", **overrides}


# Posting


def test_a_verified_person_comments_without_javascript_and_the_creator_is_told(
    client, initiative, creator, mailoutbox, django_capture_on_commit_callbacks
):
    person = verified_person(display_name="Sanne de Vries")
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(comments_url(initiative), comment_data())

    comment = Comment.objects.get()
    assert (comment.author, comment.kind, comment.organisation) == (person, CommentKind.OFFER, None)
    assertRedirects(
        response,
        f"{initiative.get_absolute_url()}?volgorde=oudste&page=1#reactie-{comment.pk}",
        fetch_redirect_response=False,
    )
    page = client.get(initiative.get_absolute_url())
    assertContains(page, "<strong>twee stageplekken</strong>", html=True)
    assertContains(page, "Sanne de Vries")
    assertContains(page, "Aanbod van hulp")
    [mail] = mailoutbox
    assert mail.to == [creator.email]
    assert mail.subject == "A new comment on Fietspad naar het techniekcollege"
    assert f"#reactie-{comment.pk}" in mail.body


def test_the_creator_is_not_told_of_their_own_comment(
    client, initiative, creator, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(creator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(comments_url(initiative), comment_data())

    assert Comment.objects.count() == 1
    assert mailoutbox == []


def test_a_member_comments_on_behalf_of_their_organisation_with_its_helix(client, initiative):
    school = OrganisationFactory(name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO)
    person = verified_person()
    MembershipFactory(user=person, organisation=school)
    client.force_login(person)

    client.post(comments_url(initiative), comment_data(organisation=school.pk))

    assert Comment.objects.get().organisation == school
    page = client.get(initiative.get_absolute_url())
    assertContains(page, "namens")
    assertContains(page, "Noorderpoort")
    assertContains(page, "agendastad-helix--knowledge")


def test_nobody_speaks_for_an_organisation_they_are_not_a_member_of(client, initiative):
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO)
    requested = verified_person()
    MembershipFactory(user=requested)
    MembershipFactory(user=requested, organisation=school, state="requested")
    client.force_login(requested)

    response = client.post(comments_url(initiative), comment_data(organisation=school.pk))

    assert response.status_code == 200
    assert not Comment.objects.exists()
    assertContains(response, escape("Wij kunnen **twee stageplekken** bieden."))
    with pytest.raises(ValidationError) as error:
        services.comment_create(initiative=initiative, user=requested, organisation=school, **comment_data())
    assert "organisation" in error.value.message_dict


def test_an_empty_comment_is_refused_with_a_message_and_the_choice_kept(client, initiative):
    client.force_login(verified_person())

    response = client.post(comments_url(initiative), comment_data(text="   ", kind=CommentKind.COMMITMENT))

    assert response.status_code == 200
    assert not Comment.objects.exists()
    assertContains(response, "Dit veld is verplicht.")
    assertContains(response, f'value="{CommentKind.COMMITMENT}" selected')


def submission_key_of(page) -> str:
    """The one-time key in the first comment form of a page."""
    match = re.search(r'name="submission" value="([0-9a-f-]{36})"', page.content.decode())
    assert match, "the comment form carries a one-time key"
    return match.group(1)


def test_the_same_post_twice_saves_one_comment_and_the_retry_leads_to_it(
    client, initiative, creator, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(verified_person())
    data = comment_data(submission=submission_key_of(client.get(initiative.get_absolute_url())))

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(comments_url(initiative), data)
        retry = client.post(comments_url(initiative), data)

    comment = Comment.objects.get()
    assert first.url == retry.url == f"{initiative.get_absolute_url()}?volgorde=oudste&page=1#reactie-{comment.pk}"
    assert [mail.to for mail in mailoutbox] == [[creator.email]]


def test_with_htmx_the_same_post_twice_saves_one_comment_and_shows_it(client, initiative):
    client.force_login(verified_person())
    data = comment_data(submission=submission_key_of(client.get(initiative.get_absolute_url())))

    client.post(comments_url(initiative), data, headers={"HX-Request": "true"})
    retry = client.post(comments_url(initiative), data, headers={"HX-Request": "true"})

    comment = Comment.objects.get()
    assertContains(retry, f'id="reactie-{comment.pk}"')
    assertContains(retry, "<strong>twee stageplekken</strong>", html=True, count=1)
    assert submission_key_of(retry) != data["submission"]


def test_a_retry_does_not_count_against_the_rate_limit(client, initiative, settings):
    settings.COMMENT_RATE_LIMIT = (1, 300)
    client.force_login(verified_person())
    data = comment_data(submission=str(uuid.uuid4()))

    client.post(comments_url(initiative), data)
    retry = client.post(comments_url(initiative), data)

    assert retry.status_code == 302
    assert Comment.objects.count() == 1


def test_a_used_key_with_another_text_is_a_new_comment_and_another_person_s_key_is_theirs(client, initiative):
    key = str(uuid.uuid4())
    CommentFactory(initiative=initiative, author=verified_person(), submission_key=key, text="Van iemand anders.")
    client.force_login(verified_person())

    client.post(comments_url(initiative), comment_data(submission=key, text="Eerste."))
    client.post(comments_url(initiative), comment_data(submission=key, text="Na de terugknop iets nieuws."))

    assert set(initiative.comments.values_list("text", flat=True)) == {
        "Van iemand anders.",
        "Eerste.",
        "Na de terugknop iets nieuws.",
    }


def test_the_database_refuses_a_second_comment_with_one_person_s_key(initiative):
    author = verified_person()
    key = uuid.uuid4()
    CommentFactory(initiative=initiative, author=author, submission_key=key)

    with pytest.raises(IntegrityError), transaction.atomic():
        CommentFactory(initiative=initiative, author=author, submission_key=key)


def test_a_reply_to_a_reply_is_attached_to_the_comment_that_starts_the_thread(
    client, initiative, mailoutbox, django_capture_on_commit_callbacks
):
    question = CommentFactory(initiative=initiative, author=verified_person(language="en"))
    first_reply = CommentFactory(initiative=initiative, parent=question)
    client.force_login(verified_person())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(comments_url(initiative), comment_data(parent=first_reply.pk, text="Mooi, wij doen mee."))

    reply = Comment.objects.get(text="Mooi, wij doen mee.")
    assert reply.parent == question
    told = {mail.to[0]: mail.subject for mail in mailoutbox}
    assert told[question.author.email] == "A reply to your comment on Fietspad naar het techniekcollege"
    assert initiative.created_by.email in told


def test_a_reply_to_a_comment_of_another_initiative_is_refused(initiative):
    elsewhere = CommentFactory()

    with pytest.raises(ValidationError) as error:
        services.comment_create(initiative=initiative, user=verified_person(), parent=elsewhere, **comment_data())

    assert "parent" in error.value.message_dict
    assert not initiative.comments.exists()


def test_a_reply_to_a_comment_of_another_initiative_is_not_found_over_http(client, initiative):
    client.force_login(verified_person())

    response = client.post(comments_url(initiative), comment_data(parent=CommentFactory().pk))

    assert response.status_code == 404
    assert not initiative.comments.exists()


@pytest.mark.parametrize("parent", ["²", "\u0661", "\x00", "-1", "99999999999999999999", "1e3", " 1"])
def test_a_reply_to_a_parent_that_is_no_number_is_not_found_instead_of_an_error(client, initiative, parent):
    client.force_login(verified_person())

    response = client.post(comments_url(initiative), comment_data(parent=parent))

    assert response.status_code == 404
    assert not initiative.comments.exists()


def test_a_comment_s_address_opens_the_page_of_the_thread_that_shows_it(client, initiative, settings):
    settings.COMMENTS_PER_PAGE = 2
    moment = timezone.now() - timedelta(hours=1)
    first, _, third = (
        CommentFactory(initiative=initiative, created_at=moment + timedelta(minutes=number)) for number in range(3)
    )
    reply = CommentFactory(initiative=initiative, parent=third, text="Antwoord op de derde.")

    assert first.get_absolute_url() == f"{initiative.get_absolute_url()}#reactie-{first.pk}"
    assert reply.get_absolute_url() == f"{initiative.get_absolute_url()}?page=2#reactie-{reply.pk}"
    assertContains(client.get(reply.get_absolute_url()), "Antwoord op de derde.")


def test_anonymous_visitors_are_asked_to_log_in_and_unverified_people_to_confirm_their_address(client, initiative):
    CommentFactory(initiative=initiative)
    page = client.get(initiative.get_absolute_url())
    assertContains(page, "Log in om mee te doen")
    assertNotContains(page, 'name="text"')

    client.force_login(UserFactory())
    page = client.get(initiative.get_absolute_url())
    assertNotContains(page, 'name="text"')
    assertContains(page, "Bevestig je e-mailadres om mee te doen")
    assertContains(page, 'href="/account/email/"')

    initiative.discussion_closed_at = timezone.now()
    initiative.save()
    assertNotContains(client.get(initiative.get_absolute_url()), "Bevestig je e-mailadres")


def test_a_draft_s_discussion_is_seen_only_by_who_may_see_the_draft(client, lead):
    draft = InitiativeFactory(lead_organisation=lead, visibility=Visibility.DRAFT)
    CommentFactory(initiative=draft, text="Intern overleg over de begroting.")
    colleague = verified_person()
    MembershipFactory(user=colleague, organisation=lead)

    client.force_login(verified_person())
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.post(comments_url(draft), comment_data()).status_code == 404

    client.force_login(colleague)
    assertContains(client.get(draft.get_absolute_url()), "Intern overleg over de begroting.")


# Editing and removing


def test_the_author_edits_within_the_window_and_the_comment_is_marked_edited(client, initiative):
    comment = CommentFactory(initiative=initiative, created_at=timezone.now() - timedelta(minutes=14))
    client.force_login(comment.author)
    url = f"/initiatieven/{initiative.slug}/reacties/{comment.pk}/bewerken/"
    assertContains(client.get(url), escape(comment.text))

    response = client.post(url, {"kind": CommentKind.COMMITMENT, "text": "Wij zeggen toe: drie stageplekken."})

    assertRedirects(response, comment.get_absolute_url(), fetch_redirect_response=False)
    comment.refresh_from_db()
    assert (comment.kind, comment.text) == (CommentKind.COMMITMENT, "Wij zeggen toe: drie stageplekken.")
    assertContains(client.get(initiative.get_absolute_url()), "(bewerkt)")


def test_after_the_edit_window_the_comment_stays_as_it_is(client, initiative):
    comment = CommentFactory(initiative=initiative, created_at=timezone.now() - timedelta(minutes=16))
    client.force_login(comment.author)
    url = f"/initiatieven/{initiative.slug}/reacties/{comment.pk}/bewerken/"

    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": CommentKind.QUESTION, "text": "Toch anders."}).status_code == 403
    comment.refresh_from_db()
    assert comment.text != "Toch anders." and comment.edited_at is None


@pytest.mark.parametrize("text", ["\u200b\u200b\u200b", "\u202e", "\u200b\u00a0\u2003"])
def test_a_comment_or_report_of_only_invisible_characters_is_refused_with_a_message(client, initiative, text):
    client.force_login(verified_person())

    comment = client.post(comments_url(initiative), comment_data(text=text))
    report = client.post(f"/initiatieven/{initiative.slug}/melden/", {"reason": "other", "text": text})

    for response in (comment, report):
        assertContains(response, "Typ zichtbare tekst: alleen spaties en onzichtbare tekens tellen niet.")
    assert not Comment.objects.exists()
    assert not initiative.reports.exists()


def test_a_moderator_s_removal_reason_with_a_nul_character_is_refused_without_a_500(client, initiative):
    comment = CommentFactory(initiative=initiative)
    moderator = person_of_kind("moderator", initiative.lead_organisation)
    with pytest.raises(ValidationError):
        services.comment_remove(comment=comment, user=moderator, reason="spam\x00")
    comment.refresh_from_db()
    assert not comment.is_removed


def test_removing_leaves_a_placeholder_and_the_replies_keep_their_context(client, initiative):
    comment = CommentFactory(initiative=initiative, text="Wie levert de fietsen?")
    CommentFactory(initiative=initiative, parent=comment, text="Dat doet de Fietsenbank.")
    client.force_login(comment.author)

    response = client.post(f"/initiatieven/{initiative.slug}/reacties/{comment.pk}/verwijderen/")

    assertRedirects(response, comment.get_absolute_url(), fetch_redirect_response=False)
    page = client.get(initiative.get_absolute_url())
    assertContains(page, "Deze reactie is verwijderd.")
    assertNotContains(page, "Wie levert de fietsen?")
    assertContains(page, "Dat doet de Fietsenbank.")
    comment.refresh_from_db()
    assert comment.removed_by == comment.author


def test_others_cannot_remove_a_comment(client, initiative):
    comment = CommentFactory(initiative=initiative)
    client.force_login(verified_person())

    assert client.post(f"/initiatieven/{initiative.slug}/reacties/{comment.pk}/verwijderen/").status_code == 403
    comment.refresh_from_db()
    assert not comment.is_removed


# Closing the discussion


def test_the_lead_closes_the_discussion_and_nobody_can_post_until_it_is_reopened(client, initiative, creator):
    client.force_login(creator)
    client.post(f"/initiatieven/{initiative.slug}/discussie/")
    initiative.refresh_from_db()
    assert initiative.discussion_is_closed

    person = verified_person()
    client.force_login(person)
    page = client.get(initiative.get_absolute_url())
    assertContains(page, "De discussie is gesloten")
    assertNotContains(page, 'name="text"')
    assert client.post(comments_url(initiative), comment_data()).status_code == 403
    assert not Comment.objects.exists()

    client.force_login(creator)
    client.post(f"/initiatieven/{initiative.slug}/discussie/", {"reopen": "1"})
    client.force_login(person)
    client.post(comments_url(initiative), comment_data())
    assert Comment.objects.count() == 1


# Rate limits


def test_too_many_comments_in_a_short_time_are_refused_with_the_text_kept(client, initiative, settings):
    settings.COMMENT_RATE_LIMIT = (2, 300)
    client.force_login(verified_person())
    for number in range(2):
        client.post(comments_url(initiative), comment_data(text=f"Reactie {number}"))

    response = client.post(comments_url(initiative), comment_data(text="Nog eentje dan."))

    assert response.status_code == 200
    assertContains(response, "Je kunt hoogstens 2 reacties plaatsen in 5 minuten")
    assertContains(response, "Nog eentje dan.")
    assert Comment.objects.count() == 2
    client.force_login(verified_person())
    client.post(comments_url(initiative), comment_data(text="Iemand anders mag wel."))
    assert Comment.objects.count() == 3


# htmx


def test_with_htmx_a_post_answers_with_the_discussion_instead_of_a_redirect(client, initiative):
    CommentFactory(initiative=initiative, text="Eerdere vraag.")
    client.force_login(verified_person())

    response = client.post(comments_url(initiative), comment_data(), headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="discussion"')
    assert "<html" not in html
    assertContains(response, "Eerdere vraag.")
    assertContains(response, "<strong>twee stageplekken</strong>", html=True)
    assertContains(response, "Je reactie is geplaatst.")
    assert Comment.objects.count() == 2


def test_with_htmx_an_invalid_reply_comes_back_in_its_thread_with_the_text_kept(client, initiative):
    question = CommentFactory(initiative=initiative)
    client.force_login(verified_person())

    response = client.post(
        comments_url(initiative),
        {"parent": question.pk, "kind": "nonsense", "text": "Mijn antwoord"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assertContains(response, '<details class="agendastad-reply" open>', count=1)
    assertContains(response, "Mijn antwoord")
    assertContains(response, f'id="id_reply{question.pk}_kind"')
    assertContains(response, f'name="parent" value="{question.pk}"', count=1)
    assert Comment.objects.count() == 1


def test_each_reply_form_sends_the_comment_it_answers_and_the_comment_form_none(client, initiative):
    first, second = CommentFactory(initiative=initiative), CommentFactory(initiative=initiative)
    client.force_login(verified_person())

    page = client.get(initiative.get_absolute_url())

    assertContains(page, f'name="parent" value="{first.pk}"', count=1)
    assertContains(page, f'name="parent" value="{second.pk}"', count=1)
    assertContains(page, 'name="parent" value=', count=2)


def test_the_page_loads_htmx_from_our_own_files_without_inline_style(client, initiative):
    client.force_login(verified_person())
    page = client.get(initiative.get_absolute_url())

    assertContains(page, '<script src="/static/vendor/htmx/htmx.min.js" defer></script>', html=True)
    assertContains(page, '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>', html=True)
    assert "unsafe-inline" not in page["Content-Security-Policy"]
    assertContains(page, f'hx-post="{comments_url(initiative)}"')


# What the page shows


def test_hostile_comment_text_is_shown_as_text_and_runs_nothing(client, initiative):
    organisation = OrganisationFactory()
    author = verified_person()
    MembershipFactory(user=author, organisation=organisation)
    CommentFactory(initiative=initiative, author=author, organisation=organisation)
    client.force_login(author)

    page = client.get(initiative.get_absolute_url())

    assert dangerous_markup(page.content.decode()) == []
    assertContains(page, escape(HOSTILE))


def test_the_reader_chooses_the_order_and_the_thread_is_paginated(client, initiative, settings):
    settings.COMMENTS_PER_PAGE = 2
    moment = timezone.now() - timedelta(hours=1)
    for number in range(3):
        CommentFactory(
            initiative=initiative, text=f"Reactie nummer {number}", created_at=moment + timedelta(minutes=number)
        )

    oldest = client.get(initiative.get_absolute_url()).content.decode()
    newest = client.get(initiative.get_absolute_url(), {"volgorde": "nieuwste"}).content.decode()
    second = client.get(initiative.get_absolute_url(), {"volgorde": "nieuwste", "page": 2}).content.decode()

    assert oldest.index("Reactie nummer 0") < oldest.index("Reactie nummer 1") and "Reactie nummer 2" not in oldest
    assert newest.index("Reactie nummer 2") < newest.index("Reactie nummer 1") and "Reactie nummer 0" not in newest
    assert "Reactie nummer 0" in second and "Reactie nummer 2" not in second
    assert "?volgorde=nieuwste&amp;page=2#discussion" in newest


def test_a_thread_page_runs_as_many_queries_for_500_comments_as_for_one(
    client, initiative, django_assert_max_num_queries
):
    member = verified_person()
    MembershipFactory(user=member, organisation=initiative.lead_organisation)
    client.force_login(member)
    path = initiative.get_absolute_url()
    CommentFactory(initiative=initiative, author=member, organisation=initiative.lead_organisation)
    client.get(path)
    with CaptureQueriesContext(connection) as at_one:
        response = client.get(path)
    assert len(response.context["comments"]) == 1

    people = [verified_person() for _ in range(10)]
    organisations = [OrganisationFactory() for _ in range(5)]
    tops = Comment.objects.bulk_create(
        Comment(
            initiative=initiative,
            author=people[number % 10],
            organisation=organisations[number % 5] if number % 3 else None,
            text=f"Reactie {number}",
            created_at=timezone.now() - timedelta(minutes=number),
        )
        for number in range(299)
    )
    Comment.objects.bulk_create(
        Comment(
            initiative=initiative, parent=tops[-1 - number % 40], author=people[number % 10], text=f"Antwoord {number}"
        )
        for number in range(200)
    )
    assert initiative.comments.count() == 500

    with django_assert_max_num_queries(len(at_one)):
        response = client.get(path)
    assert len(response.context["comments"]) == 20
    assert sum(len(comment.reply_list) for comment in response.context["comments"]) > 0


@pytest.mark.parametrize("kind", [*USER_KINDS, "author"])
def test_the_page_wide_rights_agree_with_the_rules(initiative, kind):
    """The thread asks the rules once per page (discussion_rights); each action asks them per comment."""
    lead = initiative.lead_organisation
    author = verified_person()
    person = author if kind == "author" else person_of_kind(kind, lead)
    old = timezone.now() - timedelta(minutes=20)
    top = CommentFactory(initiative=initiative, author=author)
    CommentFactory(initiative=initiative, author=author, parent=top)
    CommentFactory(initiative=initiative, author=author, created_at=old)
    CommentFactory(initiative=initiative, author=author, removed_at=timezone.now())
    CommentFactory(initiative=initiative, author=author, hidden=Hidden.PENDING)
    CommentFactory(initiative=initiative)
    comments = list(comment_thread(initiative))
    rights = discussion_rights(initiative, person, comments)

    for comment in comments + [reply for top in comments for reply in top.reply_list]:
        rights.annotate(comment, initiative)
        assert comment.may_edit is person.has_perm("initiatives.edit_comment", comment)
        assert comment.may_remove is person.has_perm("initiatives.remove_comment", comment)
        assert comment.may_report is person.has_perm("initiatives.report_comment", comment)
        assert comment.may_moderate is person.has_perm("initiatives.moderate_comment", comment)
        assert comment.may_appeal is person.has_perm("initiatives.appeal_comment", comment)
    assert rights.may_comment is person.has_perm("initiatives.post_comment", initiative)


# Following and notifications


def test_commenting_follows_the_initiative_and_the_creator_finds_it_among_their_notifications(
    client, initiative, creator, django_capture_on_commit_callbacks
):
    person = verified_person(display_name="Sanne de Vries")
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(comments_url(initiative), comment_data())

    assert initiative.follows.filter(user=person).exists()
    client.force_login(creator)
    notifications = client.get("/mijn/meldingen/")
    assertContains(notifications, "Een nieuwe reactie bij Fietspad naar het techniekcollege")


def test_a_creator_who_switched_comment_mails_off_is_not_mailed_but_still_told_on_the_site(
    client, initiative, creator, mailoutbox, django_capture_on_commit_callbacks
):
    notification_preference_set(user=creator, kind=NotificationKind.INITIATIVE_COMMENT, frequency=Frequency.OFF)
    client.force_login(verified_person())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(comments_url(initiative), comment_data())

    assert mailoutbox == []
    assert Notification.objects.filter(recipient=creator, kind=NotificationKind.INITIATIVE_COMMENT).count() == 1


def test_a_reply_tells_the_parent_author_once_even_when_they_created_the_initiative(
    client, initiative, creator, mailoutbox, django_capture_on_commit_callbacks
):
    question = CommentFactory(initiative=initiative, author=creator)
    client.force_login(verified_person())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(comments_url(initiative), comment_data(parent=question.pk))

    [mail] = mailoutbox
    assert mail.to == [creator.email]
    assert mail.subject == "A reply to your comment on Fietspad naar het techniekcollege"
    assert Notification.objects.filter(recipient=creator).count() == 1


def test_the_initiative_s_followers_are_told_of_a_comment_and_the_writer_is_not(
    client, initiative, creator, mailoutbox, django_capture_on_commit_callbacks
):
    follower = verified_person(display_name="Joris Bakker")
    earlier_writer = verified_person(display_name="Sanne de Vries")
    writer = verified_person(display_name="Fatima El Amrani")
    for person in (follower, earlier_writer):
        follow_create(user=person, target=initiative)
    client.force_login(writer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(comments_url(initiative), comment_data())

    # Right away only the creator; followers hear of comments in their daily digest unless they choose otherwise.
    [mail] = mailoutbox
    assert mail.to == [creator.email]
    assert 'Fatima El Amrani commented on your initiative "Fietspad' in mail.body
    assert not Notification.objects.filter(recipient=writer).exists()
    told = Notification.objects.filter(kind=NotificationKind.FOLLOWED_COMMENT, delivery=Frequency.DAILY)
    assert set(told.values_list("recipient", flat=True)) == {follower.pk, earlier_writer.pk}
    notification_preference_set(user=follower, kind=NotificationKind.FOLLOWED_COMMENT, frequency=Frequency.IMMEDIATELY)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(comments_url(initiative), comment_data(text="Nog een vraag."))

    [follower_mail] = [mail for mail in mailoutbox if mail.to == [follower.email]]
    assert 'Fatima El Amrani reageerde op het initiatief "Fietspad naar het techniekcollege" dat je volgt' in (
        follower_mail.body
    )
    assert "Dat zijn 2 nieuwe reacties sinds je laatst keek." in follower_mail.body
    assert follower_mail.subject == "2 nieuwe reacties bij Fietspad naar het techniekcollege"


def test_a_follower_who_may_no_longer_see_a_draft_is_not_told_about_it(
    client, initiative, creator, mailoutbox, django_capture_on_commit_callbacks
):
    outsider = verified_person()
    follow_create(user=outsider, target=initiative)
    initiative.visibility = Visibility.DRAFT
    initiative.save()
    client.force_login(organisation_admin(initiative.lead_organisation))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(comments_url(initiative), comment_data())

    assert [mail.to for mail in mailoutbox] == [[creator.email]]
    assert not Notification.objects.filter(recipient=outsider).exists()


# Bounded fan-out: one unread notification per person and discussion, a cap per person per hour


def busy_thread(initiative, people: list, django_capture_on_commit_callbacks) -> None:
    """Everyone follows the initiative, then each of them comments once."""
    for person in people:
        follow_create(user=person, target=initiative)
    for number, person in enumerate(people):
        cache.clear()  # the rate limit is per person; this is about the mails
        with django_capture_on_commit_callbacks(execute=True):
            services.comment_create(initiative=initiative, user=person, text=f"Bijdrage {number}", kind="question")


def test_150_followers_commenting_on_one_thread_mail_the_creator_once_and_the_others_one_digest_each(
    client, initiative, creator, mailoutbox, django_capture_on_commit_callbacks
):
    people = [verified_person() for _ in range(150)]

    busy_thread(initiative, people, django_capture_on_commit_callbacks)

    # Right away: one mail, to the creator (the first comment); the next 149 are counted on that notification.
    assert [mail.to for mail in mailoutbox] == [[creator.email]]
    assert Notification.objects.count() == 151
    assert Notification.objects.get(recipient=creator).count == 150
    assert set(Notification.objects.exclude(recipient=creator).values_list("count", flat=True)) == {149}
    client.force_login(people[0])
    assertContains(client.get("/mijn/meldingen/"), "149 nieuwe reacties bij Fietspad naar het techniekcollege")

    mailoutbox.clear()
    digests_send(frequency=Frequency.DAILY)

    assert len(mailoutbox) == 150
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(person.email for person in people)
    assert all("- 149 nieuwe reacties bij Fietspad naar het techniekcollege" in mail.body for mail in mailoutbox)


def test_150_followers_who_chose_mail_right_away_get_one_mail_each_per_thread(
    initiative, creator, mailoutbox, django_capture_on_commit_callbacks
):
    people = [verified_person() for _ in range(150)]
    for person in people:
        notification_preference_set(
            user=person, kind=NotificationKind.FOLLOWED_COMMENT, frequency=Frequency.IMMEDIATELY
        )

    busy_thread(initiative, people, django_capture_on_commit_callbacks)

    mailed = Counter(mail.to[0] for mail in mailoutbox)
    assert len(mailoutbox) == 151  # was 11,325 + 150: one mail per comment per earlier follower
    assert set(mailed.values()) == {1}


def test_reading_opens_the_thread_again_and_an_old_unread_mail_is_repeated_after_a_day(
    client, initiative, creator, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.NOTIFICATION_THREAD_MAIL_HOURS = 24
    writer = verified_person()

    def comment(text: str) -> None:
        cache.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.comment_create(initiative=initiative, user=writer, text=text, kind="question")

    comment("Een")
    comment("Twee")
    assert len(mailoutbox) == 1
    client.force_login(creator)
    client.post(f"/mijn/meldingen/{Notification.objects.get(recipient=creator).pk}/")

    comment("Drie")
    assert len(mailoutbox) == 2
    assert Notification.objects.filter(recipient=creator).count() == 2

    Notification.objects.filter(recipient=creator, read_at=None).update(mailed_at=timezone.now() - timedelta(hours=25))
    comment("Vier")
    assert len(mailoutbox) == 3
    assert mailoutbox[-1].subject == "2 new comments on Fietspad naar het techniekcollege"
    assert "That makes 2 new comments since you last looked." in mailoutbox[-1].body


def test_nobody_gets_more_mails_right_away_in_an_hour_than_the_cap_and_the_rest_comes_in_the_digest(
    client, creator, lead, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.NOTIFICATION_MAILS_PER_HOUR = 10
    writer = verified_person()
    initiatives = [InitiativeFactory(lead_organisation=lead, created_by=creator) for _ in range(15)]

    for initiative in initiatives:
        cache.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.comment_create(initiative=initiative, user=writer, text="Hallo", kind="question")

    assert [mail.to for mail in mailoutbox] == [[creator.email]] * 10
    client.force_login(creator)
    assert len(client.get("/mijn/meldingen/").context["object_list"]) == 15
    mailoutbox.clear()
    digests_send(frequency=Frequency.DAILY)
    [digest] = mailoutbox
    assert digest.to == [creator.email]
    assert digest.body.count("A new comment on") == 5
