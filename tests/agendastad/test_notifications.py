"""Notifications: what notify() records, the mails per preference, digests, unsubscribing, failures, the list."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone, translation
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from agendastad.notifications.delivery import (
    digests_send,
    notification_preference_set,
    notify,
    pending_mail_send,
    unsubscribe_token,
)
from agendastad.notifications.models import Frequency, Notification, NotificationKind, NotificationPreference
from agendastad.notifications.services import follow_create
from initiatives import services as initiative_services
from initiatives.models import Initiative, Partnership, Theme, Visibility
from initiatives.services import InitiativeData
from regions.models import LabourMarketRegion, OrganisationKind

from ..factories import (
    HOSTILE,
    InitiativeFactory,
    MembershipFactory,
    NotificationFactory,
    OrganisationFactory,
    UserFactory,
    organisation_admin,
    verified_person,
)

pytestmark = pytest.mark.django_db


class FailingMailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


FAILING = "tests.agendastad.test_notifications.FailingMailBackend"


@pytest.fixture
def initiative():
    return InitiativeFactory(title="Fietspad naar het techniekcollege")


def tell(recipients, *, target, actor=None, kind=NotificationKind.PARTNERSHIP, event="", title="Fietspad"):
    return notify(
        recipients=recipients,
        kind=kind,
        template="initiative_published",
        actor=actor,
        target=target,
        url=target.get_absolute_url(),
        context={"initiative": {"title": title, "summary": "Samen"}, "region": {"name": "Groningen"}},
        event=event,
    )


# What notify() records


def test_never_for_the_actor_never_twice_and_never_for_a_closed_account(initiative, django_capture_on_commit_callbacks):
    actor, reader, closed = UserFactory(), UserFactory(), UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert tell([actor, reader, reader, closed], target=initiative, actor=actor) == 1
        assert tell([reader], target=initiative, actor=actor) == 0

    assert list(Notification.objects.values_list("recipient", flat=True)) == [reader.pk]
    assert [message.to for message in mail.outbox] == [[reader.email]]


def test_a_link_made_in_english_is_stored_once_for_every_language(initiative):
    reader = UserFactory()
    with translation.override("en"):
        tell([reader], target=initiative)
    assert Notification.objects.get().url == f"/initiatieven/{initiative.slug}/"


def test_a_mail_that_cannot_be_written_is_logged_counted_and_keeps_the_others_going(
    initiative, django_capture_on_commit_callbacks, caplog
):
    broken, fine = UserFactory(), UserFactory()
    NotificationFactory(recipient=broken, template="does_not_exist", delivery=Frequency.IMMEDIATELY, mail_attempts=1)
    NotificationFactory(recipient=broken, template="does_not_exist")
    NotificationFactory(recipient=fine)

    assert pending_mail_send() == 0
    assert digests_send(frequency=Frequency.DAILY) == 1

    assert [message.to for message in mail.outbox] == [[fine.email]]
    assert Notification.objects.filter(recipient=broken, mailed_at__isnull=True).count() == 2
    assert "does_not_exist" in caplog.text


def test_the_database_refuses_a_second_notification_for_one_event(initiative):
    reader = UserFactory()
    NotificationFactory(recipient=reader, event="same")
    tell([reader], target=initiative, event="same")
    assert Notification.objects.filter(recipient=reader).count() == 1


def test_the_database_holds_one_unread_notification_per_person_kind_and_thread():
    reader = UserFactory()
    NotificationFactory(recipient=reader, thread="discussion:1", read_at=timezone.now())
    NotificationFactory(recipient=reader, thread="discussion:1")
    NotificationFactory(recipient=reader, thread="discussion:2")

    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationFactory(recipient=reader, thread="discussion:1")


# Mail per preference


def test_right_away_a_mail_after_commit_with_the_links_and_one_click_headers(
    initiative, django_capture_on_commit_callbacks
):
    reader = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tell([reader], target=initiative, title=HOSTILE)
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    (message,) = mail.outbox
    notification = Notification.objects.get()
    assert notification.mailed_at is not None
    assert HOSTILE in message.subject
    assert f"http://127.0.0.1:8000{initiative.get_absolute_url()}" in message.body
    assert "http://127.0.0.1:8000/mijn/meldingen/instellingen/" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://127.0.0.1:8000/meldingen/afmelden/")
    assert unsubscribe[1:-1] in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_mail_in_the_recipients_language(initiative, django_capture_on_commit_callbacks):
    dutch, english = UserFactory(language="nl"), UserFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        tell([dutch, english], target=initiative)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address[dutch.email].subject == "Nieuw initiatief in Groningen: Fietspad"
    assert by_address[english.email].subject == "New initiative in Groningen: Fietspad"
    assert f"/en{initiative.get_absolute_url()}" in by_address[english.email].body
    assert "/en/meldingen/afmelden/" in by_address[english.email].body


@pytest.mark.parametrize("frequency", [Frequency.DAILY, Frequency.WEEKLY, Frequency.OFF])
def test_no_mail_right_away_for_a_digest_or_off_but_always_on_the_site(
    client, initiative, frequency, django_capture_on_commit_callbacks
):
    reader = UserFactory()
    notification_preference_set(user=reader, kind=NotificationKind.PARTNERSHIP, frequency=frequency)
    with django_capture_on_commit_callbacks(execute=True):
        tell([reader], target=initiative)
    assert mail.outbox == []
    client.force_login(reader)
    assertContains(client.get("/mijn/meldingen/"), "Nieuw initiatief in Groningen: Fietspad")


def test_the_daily_digest_gathers_everything_once_and_never_sends_an_empty_mail(initiative):
    reader, quiet = UserFactory(), UserFactory()
    notification_preference_set(user=reader, kind=NotificationKind.PARTNERSHIP, frequency=Frequency.DAILY)
    tell([reader], target=initiative, title="Eerste")
    tell([reader], target=InitiativeFactory(), title="Tweede")
    NotificationFactory(recipient=quiet, delivery=Frequency.WEEKLY)
    NotificationFactory(recipient=quiet, delivery=Frequency.OFF)

    call_command("send_digests", "--frequency", "daily", stdout=open("/dev/null", "w"))  # noqa: SIM115

    (message,) = mail.outbox
    assert message.to == [reader.email]
    assert message.subject == "Agenda Stad vandaag: 2 meldingen"
    assert "Nieuw initiatief in Groningen: Eerste" in message.body
    assert "Nieuw initiatief in Groningen: Tweede" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Notification.objects.filter(recipient=reader, mailed_at__isnull=True).exists()

    assert digests_send(frequency=Frequency.DAILY) == 0
    assert len(mail.outbox) == 1


def test_the_weekly_digest_in_english_and_only_its_own_frequency():
    reader = UserFactory(language="en")
    NotificationFactory(recipient=reader, delivery=Frequency.WEEKLY)
    NotificationFactory(recipient=reader, delivery=Frequency.DAILY)

    assert digests_send(frequency=Frequency.WEEKLY) == 1

    (message,) = mail.outbox
    assert message.subject == "Agenda Stad this week: 1 notification"
    assert "What happened on Agenda Stad this week" in message.body
    assert HOSTILE in message.body  # plain text: nothing escaped
    assert Notification.objects.filter(recipient=reader, mailed_at__isnull=True).get().delivery == Frequency.DAILY


def test_a_new_choice_moves_what_still_waits_but_not_what_came_while_mail_was_off():
    reader = UserFactory()
    waiting = NotificationFactory(recipient=reader, delivery=Frequency.DAILY)
    silent = NotificationFactory(recipient=reader, delivery=Frequency.OFF)

    notification_preference_set(user=reader, kind=NotificationKind.NEW_INITIATIVE, frequency=Frequency.WEEKLY)

    waiting.refresh_from_db()
    silent.refresh_from_db()
    assert (waiting.delivery, silent.delivery) == (Frequency.WEEKLY, Frequency.OFF)


# Unsubscribing


def test_the_unsubscribe_link_works_without_logging_in_and_stops_only_that_kind(initiative):
    reader = UserFactory()
    path = f"/meldingen/afmelden/{unsubscribe_token(user=reader, kinds=[NotificationKind.PARTNERSHIP])}/"
    client = Client(enforce_csrf_checks=True)

    page = client.get(path)
    assertContains(page, "Partnerschapsuitnodigingen, -aanvragen en hun antwoorden")
    assertContains(page, "Deze mails stoppen")
    response = client.post(path)

    assertRedirects(response, path, fetch_redirect_response=False)
    assert dict(NotificationPreference.objects.filter(user=reader).values_list("kind", "frequency")) == {
        NotificationKind.PARTNERSHIP: Frequency.OFF
    }
    assertNotContains(client.get(path), "Deze mails stoppen")


def test_a_mail_client_unsubscribes_with_one_post_without_csrf_token(initiative, django_capture_on_commit_callbacks):
    reader = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        tell([reader], target=initiative)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1].removeprefix("http://127.0.0.1:8000")

    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        tell([reader], target=InitiativeFactory())
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=reader).count() == 2


@pytest.mark.parametrize("token", ["bestaat-niet", "TAMPERED", "eyJ1IjoxfQ:1abc:def"])
def test_a_tampered_unsubscribe_link_is_refused_with_a_clear_page(client, token):
    reader = UserFactory()
    if token == "TAMPERED":
        good = unsubscribe_token(user=reader, kinds=[NotificationKind.PARTNERSHIP])
        token = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    for response in (client.get(f"/meldingen/afmelden/{token}/"), client.post(f"/meldingen/afmelden/{token}/")):
        assert response.status_code == 404
        assertContains(response, "Deze link werkt niet", status_code=404)
    assert not NotificationPreference.objects.exists()


# A mail server that is down


def test_a_failing_mail_server_does_not_break_the_page_and_the_mail_is_retried(
    client, initiative, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    lead_admin = organisation_admin(initiative.lead_organisation)
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO)
    school_admin = organisation_admin(school)
    client.force_login(lead_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/initiatieven/{initiative.slug}/partners/uitnodigen/", {"organisation": school.slug, "role": "partner"}
        )

    assert response.status_code == 302
    notification = Notification.objects.get(recipient=school_admin)
    assert (notification.mailed_at, notification.mail_attempts) == (None, 1)
    assert pending_mail_send() == 0
    assert Notification.objects.get(pk=notification.pk).mail_attempts == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_mail", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [message.to for message in mail.outbox] == [[school_admin.email]]
    assert Notification.objects.get(pk=notification.pk).mailed_at is not None
    assert pending_mail_send() == 0
    assert len(mail.outbox) == 1


def test_a_failed_digest_is_sent_by_the_next_run(settings):
    reader = UserFactory()
    NotificationFactory(recipient=reader)
    settings.EMAIL_BACKEND = FAILING
    assert digests_send(frequency=Frequency.DAILY) == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert digests_send(frequency=Frequency.DAILY) == 1
    assert len(mail.outbox) == 1


def test_pending_mail_leaves_fresh_and_given_up_notifications_alone():
    fresh = NotificationFactory(delivery=Frequency.IMMEDIATELY)
    given_up = NotificationFactory(delivery=Frequency.IMMEDIATELY, mail_attempts=5)
    old = NotificationFactory(delivery=Frequency.IMMEDIATELY, created_at=timezone.now() - timedelta(minutes=5))

    assert pending_mail_send() == 1

    assert [message.to for message in mail.outbox] == [[old.recipient.email]]
    assert Notification.objects.filter(pk__in=[fresh.pk, given_up.pk], mailed_at__isnull=True).count() == 2


# What happens on the site: partnerships and new initiatives


def test_an_invitation_and_its_answer_notify_the_other_side(client, initiative, django_capture_on_commit_callbacks):
    lead_admin = organisation_admin(initiative.lead_organisation)
    school = OrganisationFactory(name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO)
    school_admin = organisation_admin(school)
    with django_capture_on_commit_callbacks(execute=True):
        partnership = initiative_services.partnership_invite(
            initiative=initiative, organisation=school, role=Partnership.Role.PARTNER, user=lead_admin
        )
        initiative_services.partnership_accept(partnership=partnership, user=school_admin)

    invited = Notification.objects.get(recipient=school_admin)
    answered = Notification.objects.get(recipient=lead_admin)
    assert (invited.kind, invited.template, invited.actor) == ("partnership", "partnership_invited", lead_admin)
    assert (answered.template, answered.actor) == ("partnership_answered", school_admin)
    client.force_login(lead_admin)
    page = client.get("/mijn/meldingen/")
    assertContains(page, "Noorderpoort doet mee aan Fietspad naar het techniekcollege")
    assertRedirects(client.get(f"/mijn/meldingen/{answered.pk}/"), initiative.get_absolute_url())


def initiative_data(region, theme, visibility=Visibility.PUBLIC, **overrides) -> InitiativeData:
    return InitiativeData(
        title="Techniek in de wijk",
        summary="Leerlingen maken kennis met techniek.",
        themes=[theme],
        primary_region=region,
        visibility=visibility,
        **overrides,
    )


def test_a_new_public_initiative_notifies_who_follows_its_region_or_theme_once(django_capture_on_commit_callbacks):
    region = LabourMarketRegion.objects.get(code="AM01")
    theme = Theme.objects.get(number=2)
    both, region_only, theme_only, elsewhere = (verified_person() for _ in range(4))
    for person, targets in (
        (both, [region, theme]),
        (region_only, [region]),
        (theme_only, [theme]),
        (elsewhere, [Theme.objects.get(number=6)]),
    ):
        for target in targets:
            follow_create(user=person, target=target)
    lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
    creator = verified_person()
    MembershipFactory(user=creator, organisation=lead)
    follow_create(user=creator, target=region)

    with django_capture_on_commit_callbacks(execute=True):
        initiative_services.initiative_create(user=creator, lead_organisation=lead, data=initiative_data(region, theme))

    told = Notification.objects.filter(kind=NotificationKind.NEW_INITIATIVE)
    assert sorted(told.values_list("recipient", flat=True)) == sorted([both.pk, region_only.pk, theme_only.pk])
    assert set(told.values_list("delivery", flat=True)) == {Frequency.DAILY}
    assert mail.outbox == []
    assert digests_send(frequency=Frequency.DAILY) == 3


def test_a_draft_notifies_nobody_until_it_is_made_public_and_then_only_once(client):
    region = LabourMarketRegion.objects.get(code="AM01")
    theme = Theme.objects.get(number=2)
    follower = verified_person()
    follow_create(user=follower, target=theme)
    lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
    lead_admin = organisation_admin(lead)
    draft = initiative_services.initiative_create(
        user=lead_admin, lead_organisation=lead, data=initiative_data(region, theme, visibility=Visibility.DRAFT)
    )
    assert not Notification.objects.exists()

    for visibility in (Visibility.PUBLIC, Visibility.DRAFT, Visibility.PUBLIC):
        current = Initiative.objects.get(pk=draft.pk)
        initiative_services.initiative_update(
            initiative=current,
            user=lead_admin,
            version=current.version,
            data=initiative_data(region, theme, visibility=visibility),
        )

    assert list(Notification.objects.values_list("recipient", flat=True)) == [follower.pk]


# The list, the header and marking as read


def test_the_header_shows_the_unread_count_and_marking_read_lowers_it(client):
    reader = UserFactory()
    first, _second = NotificationFactory(recipient=reader), NotificationFactory(recipient=reader)
    client.force_login(reader)
    assertContains(client.get("/"), "Meldingen (2 ongelezen)")

    assertRedirects(client.post(f"/mijn/meldingen/{first.pk}/gelezen/"), "/mijn/meldingen/")
    assertContains(client.get("/"), "Meldingen (1 ongelezen)")

    client.post("/mijn/meldingen/gelezen/")
    page = client.get("/")
    assertNotContains(page, "ongelezen")
    assertContains(page, 'href="/mijn/meldingen/"')


def test_the_unread_count_costs_one_query_and_nothing_for_anonymous_visitors(client, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        client.get("/over-niets/")  # a 404 renders the header too
    reader = UserFactory()
    client.force_login(reader)
    client.get("/over-niets/")
    with django_assert_num_queries(4):  # session, person, unread count, whether rights wait for a second factor
        response = client.get("/over-niets/")
    assert response.status_code == 404


def test_someone_elses_notification_is_not_found(client):
    reader = UserFactory()
    someone_else = NotificationFactory()
    client.force_login(reader)
    assert client.post(f"/mijn/meldingen/{someone_else.pk}/gelezen/").status_code == 404
    assert client.get(f"/mijn/meldingen/{someone_else.pk}/").status_code == 404
    client.post("/mijn/meldingen/gelezen/")
    someone_else.refresh_from_db()
    assert someone_else.read_at is None
    assertNotContains(client.get("/mijn/meldingen/"), "Groningen")


def test_the_list_shows_newest_first_escaped_and_paginated(client):
    reader = UserFactory()
    for number in range(22):
        NotificationFactory(
            recipient=reader,
            created_at=timezone.now() - timedelta(hours=number),
            context={"initiative": {"title": f"{HOSTILE} nummer {number}"}, "region": {"name": "Groningen"}},
        )
    client.force_login(reader)
    page = client.get("/mijn/meldingen/")
    content = page.content.decode()
    assert content.index("nummer 0<") < content.index("nummer 1<")
    assert HOSTILE not in content
    assertContains(page, "&lt;script&gt;", count=20)
    assertContains(client.get("/mijn/meldingen/?page=2"), "nummer 21")


def test_opening_a_notification_is_one_post_that_marks_it_read_and_shows_its_page_in_the_lists_language(
    client, initiative
):
    reader = UserFactory()
    path = initiative.get_absolute_url()
    notification = NotificationFactory(recipient=reader, url=path)
    client.force_login(reader)
    listed = client.get("/en/mijn/meldingen/")
    assertContains(listed, f'action="/en/mijn/meldingen/{notification.pk}/"')
    assertNotContains(listed, f'href="/en/mijn/meldingen/{notification.pk}/"')

    response = client.post(f"/en/mijn/meldingen/{notification.pk}/", follow=True)

    assertRedirects(response, f"/en{path}")
    assertContains(response, initiative.title)
    assertNotContains(response, "unread")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_get_of_a_notification_s_address_leads_to_its_page_but_leaves_it_unread(client, initiative):
    reader = UserFactory()
    path = initiative.get_absolute_url()
    notification = NotificationFactory(recipient=reader, url=path)
    client.force_login(reader)

    response = client.get(f"/en/mijn/meldingen/{notification.pk}/")

    assertRedirects(response, f"/en{path}", fetch_redirect_response=False)
    notification.refresh_from_db()
    assert notification.read_at is None
    assertContains(client.get("/en/"), "1 unread")


def test_the_header_marks_only_the_page_one_is_on_as_current(client):
    client.force_login(UserFactory())
    notifications_page = client.get("/mijn/meldingen/").content.decode()
    assert 'href="/mijn/meldingen/" aria-current="page"' in notifications_page
    assert 'href="/mijn/" aria-current' not in notifications_page
    assert 'href="/mijn/" aria-current="page"' in client.get("/mijn/").content.decode()


def test_the_list_keeps_its_query_count_from_one_to_fifty_notifications(client, django_assert_max_num_queries):
    reader = UserFactory()
    NotificationFactory(recipient=reader, actor=UserFactory())
    client.force_login(reader)
    client.get("/mijn/meldingen/")
    with django_assert_max_num_queries(8) as at_one:
        client.get("/mijn/meldingen/")
    for _ in range(49):
        NotificationFactory(recipient=reader, actor=UserFactory())
    with django_assert_max_num_queries(len(at_one)):
        response = client.get("/mijn/meldingen/")
    assert len(response.context["object_list"]) == 20


# Preferences


def test_preferences_are_saved_and_shown(client):
    reader = verified_person()
    client.force_login(reader)
    page = client.get("/mijn/meldingen/instellingen/")
    assertContains(page, 'name="new_initiative" value="daily"')
    assertContains(page, "Reacties op initiatieven die ik volg")
    data = dict.fromkeys(NotificationKind.values, Frequency.IMMEDIATELY)
    data[NotificationKind.PARTNERSHIP] = Frequency.WEEKLY

    assertRedirects(client.post("/mijn/meldingen/instellingen/", data), "/mijn/meldingen/instellingen/")

    saved = dict(NotificationPreference.objects.filter(user=reader).values_list("kind", "frequency"))
    assert saved == {
        NotificationKind.PARTNERSHIP: Frequency.WEEKLY,
        NotificationKind.NEW_INITIATIVE: Frequency.IMMEDIATELY,
        NotificationKind.FOLLOWED_COMMENT: Frequency.IMMEDIATELY,
        NotificationKind.PARTNERS_SOUGHT: Frequency.IMMEDIATELY,
        NotificationKind.ORGANISATION_PARTNERSHIP: Frequency.IMMEDIATELY,
        NotificationKind.FOLLOWED_PROGRESS: Frequency.IMMEDIATELY,
        NotificationKind.STALE_INITIATIVE: Frequency.IMMEDIATELY,
    }


def test_a_bad_preference_is_explained_per_field_and_saves_nothing(client):
    client.force_login(verified_person())
    data = dict.fromkeys(NotificationKind.values, Frequency.WEEKLY)
    data[NotificationKind.MODERATION] = "hourly"
    del data[NotificationKind.COMMENT_REPLY]

    response = client.post("/mijn/meldingen/instellingen/", data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {NotificationKind.MODERATION, NotificationKind.COMMENT_REPLY}
    assertContains(response, "Kies hoe je hiervan wilt horen.", count=2)
    assertContains(response, 'required id="id_partnership_2" checked')
    assert not NotificationPreference.objects.exists()
