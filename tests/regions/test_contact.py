"""Messages through the site to an initiative's contact person or an organisation's admins (issue 14, item 4)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from agendastad.accounts.moderators import MODERATORS_GROUP
from initiatives.models import Visibility
from regions.models import ContactMessage, ContactRoute, LabourMarketRegion, Membership, Organisation

from ..factories import (
    HOSTILE,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    RegionCoordinatorFactory,
    UserFactory,
    contact_message,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db

MESSAGE = {"subject": "Samen een leerwerkplek?", "text": "Wij zoeken een partner voor stages in de techniek."}


def organisation_contact(slug: str) -> str:
    return f"/organisaties/{slug}/contact/"


def initiative_contact(slug: str) -> str:
    return f"/initiatieven/{slug}/contact/"


@pytest.fixture
def sender(client):
    person = verified_person(email="afzender@example.org")
    client.force_login(person)
    return person


@pytest.fixture
def organisation_with_admin():
    organisation = OrganisationFactory()
    return organisation, organisation_admin(organisation, email="beheerder@example.org")


def test_a_message_to_an_organisation_reaches_its_admins_with_the_sender_as_reply_to(
    client, sender, organisation_with_admin, mailoutbox, django_capture_on_commit_callbacks
):
    organisation, admin = organisation_with_admin
    MembershipFactory(user=sender, organisation=OrganisationFactory(name="Techniekcollege Noord"))
    page = client.get(organisation_contact(organisation.slug))
    assert page.status_code == 200
    assert admin.email not in page.content.decode()
    assert "De beheerders van" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(organisation_contact(organisation.slug), MESSAGE)

    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [admin.email]
    assert mail.extra_headers["Reply-To"] == sender.email
    assert MESSAGE["subject"] in mail.subject
    body = mail.body
    assert MESSAGE["text"] in body
    assert str(sender) in body and "Techniekcollege Noord" in body
    assert f"/organisaties/{organisation.slug}/" in body
    message = ContactMessage.objects.get()
    assert f"/mijn/berichten/{message.pk}/melden/" in body
    assert list(message.recipients.all()) == [admin]
    assert (message.sender, message.target, message.route) == (sender, organisation, ContactRoute.ORGANISATION_ADMINS)
    shown = client.get(response.url, follow=True).content.decode()
    assert admin.email not in shown
    assert "afzender@example.org" in shown  # where the answer will come


def test_a_message_about_an_initiative_goes_to_its_contact_person_only(
    client, sender, mailoutbox, django_capture_on_commit_callbacks
):
    contact = verified_person(email="contactpersoon@example.org")
    initiative = InitiativeFactory(contact_person=contact)
    organisation_admin(initiative.lead_organisation)

    page = client.get(initiative_contact(initiative.slug)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(initiative_contact(initiative.slug), MESSAGE)

    assert "De contactpersoon van dit initiatief" in page
    assert contact.email not in page
    assert [mail.to for mail in mailoutbox] == [[contact.email]]
    assert "als contactpersoon van" in mailoutbox[0].body


def test_without_a_contact_person_the_lead_s_admins_receive_it_and_the_page_says_so(
    client, sender, mailoutbox, django_capture_on_commit_callbacks
):
    initiative = InitiativeFactory(contact_person=None)
    admin = organisation_admin(initiative.lead_organisation)

    page = client.get(initiative_contact(initiative.slug)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(initiative_contact(initiative.slug), MESSAGE)

    assert "heeft geen contactpersoon op Agenda Stad" in page
    assert [mail.to for mail in mailoutbox] == [[admin.email]]
    assert "geen contactpersoon heeft op Agenda Stad" in mailoutbox[0].body


def test_an_organisation_without_admins_sends_to_its_region_s_coordinators_and_says_so(
    client, sender, mailoutbox, django_capture_on_commit_callbacks
):
    """85 of the 120 demo organisations have no admin: their messages go where someone can pass them on."""
    organisation = OrganisationFactory()
    coordinator = RegionCoordinatorFactory(user=verified_person(), region=organisation.region).user
    elsewhere = LabourMarketRegion.objects.current().exclude(pk=organisation.region.pk).first()
    RegionCoordinatorFactory(user=verified_person(), region=elsewhere)  # of another region: not told

    page = client.get(organisation_contact(organisation.slug)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(organisation_contact(organisation.slug), MESSAGE)

    assert "coördinatoren van de arbeidsmarktregio" in page
    assert coordinator.email not in page
    assert [mail.to for mail in mailoutbox] == [[coordinator.email]]
    assert "als coördinator van de regio" in mailoutbox[0].body
    assert ContactMessage.objects.get().route == ContactRoute.REGION_COORDINATORS


def test_without_contact_person_or_admins_an_initiative_s_message_goes_to_its_region_s_coordinators(
    client, sender, mailoutbox, django_capture_on_commit_callbacks
):
    initiative = InitiativeFactory(contact_person=None)
    coordinator = RegionCoordinatorFactory(user=verified_person(), region=initiative.primary_region).user

    page = client.get(initiative_contact(initiative.slug)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(initiative_contact(initiative.slug), MESSAGE)

    assert "Dit initiatief heeft geen contactpersoon, en nog niemand beheert de trekkende organisatie" in page
    assert [mail.to for mail in mailoutbox] == [[coordinator.email]]
    assert "geen contactpersoon heeft en de trekkende organisatie" in mailoutbox[0].body


def test_nobody_to_receive_it_is_said_honestly_with_the_general_address_and_nothing_is_sent(
    client, sender, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(contact_email="info@techniekcollege.example.nl")
    organisation_admin(organisation).memberships.update(state=Membership.State.REQUESTED, role="member")

    page = client.get(organisation_contact(organisation.slug)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(organisation_contact(organisation.slug), MESSAGE)

    assert "Via deze pagina kan nog niemand berichten ontvangen" in page
    assert 'name="text"' not in page
    assert 'href="mailto:info@techniekcollege.example.nl"' in page
    assert response.status_code == 200
    assert mailoutbox == []
    assert not ContactMessage.objects.exists()


def test_an_admin_writing_to_their_own_organisation_alone_is_told_they_receive_it_themselves(client):
    organisation = OrganisationFactory()
    client.force_login(organisation_admin(organisation))

    page = client.get(organisation_contact(organisation.slug)).content.decode()

    assert "Berichten via deze pagina krijg je zelf." in page


def test_anonymous_and_unverified_people_are_told_how_to_become_able_to_send(client, organisation_with_admin):
    organisation, _admin = organisation_with_admin
    path = organisation_contact(organisation.slug)

    anonymous = client.get(path).content.decode()
    refused = client.post(path, MESSAGE)
    unverified = UserFactory()
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False, primary=True)
    client.force_login(unverified)
    waiting = client.get(path).content.decode()
    forbidden = client.post(path, MESSAGE)

    assert f"/account/login/?next={path}" in anonymous and 'name="text"' not in anonymous
    assert refused.status_code == 302 and refused.url.startswith("/account/login/")
    assert "Bevestig je e-mailadres om een bericht te sturen" in waiting and 'name="text"' not in waiting
    assert forbidden.status_code == 403
    assert not ContactMessage.objects.exists()


def test_drafts_cannot_be_contacted_and_stay_hidden_from_outsiders(client, sender):
    draft = InitiativeFactory(visibility=Visibility.DRAFT)
    organisation_admin(draft.lead_organisation)

    assert client.get(initiative_contact(draft.slug)).status_code == 404
    assert client.post(initiative_contact(draft.slug), MESSAGE).status_code == 404
    assert not ContactMessage.objects.exists()


def test_header_injection_in_subject_and_name_adds_no_header_and_no_recipient(
    client, sender, organisation_with_admin, mailoutbox, django_capture_on_commit_callbacks
):
    organisation, admin = organisation_with_admin
    sender.display_name = "Piet\r\nBcc: slachtoffer@example.org"
    sender.save(update_fields=["display_name"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            organisation_contact(organisation.slug),
            {"subject": "Hallo\r\nBcc: slachtoffer@example.org\nX-Spam: ja", "text": "Tekst"},
        )

    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.recipients() == [admin.email]
    assert "\n" not in mail.subject and "\r" not in mail.subject
    message = mail.message()
    assert message["Bcc"] is None and message["X-Spam"] is None
    assert message["Reply-To"] == sender.email


def test_html_arrives_as_plain_text_and_is_escaped_on_the_site(
    client, sender, organisation_with_admin, mailoutbox, django_capture_on_commit_callbacks
):
    organisation, admin = organisation_with_admin
    text = f'{HOSTILE} <a href="https://phishing.example">klik</a>'

    with django_capture_on_commit_callbacks(execute=True):
        client.post(organisation_contact(organisation.slug), {"subject": HOSTILE, "text": text})

    (mail,) = mailoutbox
    assert text in mail.body  # a plain-text mail shows it as typed; no HTML part renders it
    assert HOSTILE in mail.subject
    assert not getattr(mail, "alternatives", [])
    client.force_login(admin)
    report_page = client.get(f"/mijn/berichten/{ContactMessage.objects.get().pk}/melden/").content.decode()
    assert HOSTILE not in report_page
    assert "&lt;script&gt;" in report_page


def test_a_very_long_message_is_refused_with_the_text_kept(client, sender, organisation_with_admin, mailoutbox):
    organisation, _admin = organisation_with_admin

    response = client.post(organisation_contact(organisation.slug), {"subject": "x" * 151, "text": "y" * 2001})

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"subject", "text"}
    assert "y" * 2001 in response.content.decode()
    assert mailoutbox == []
    assert not ContactMessage.objects.exists()


def test_invisible_text_is_refused(client, sender, organisation_with_admin):
    organisation, _admin = organisation_with_admin

    response = client.post(organisation_contact(organisation.slug), {"subject": "\u200b\u200b", "text": " \u202e "})

    assert set(response.context["form"].errors) == {"subject", "text"}


def test_at_most_two_messages_about_the_same_organisation_a_day(
    client, sender, organisation_with_admin, mailoutbox, django_capture_on_commit_callbacks
):
    organisation, _admin = organisation_with_admin
    path = organisation_contact(organisation.slug)

    with django_capture_on_commit_callbacks(execute=True):
        first, second, third = (client.post(path, MESSAGE) for _ in range(3))

    assert (first.status_code, second.status_code, third.status_code) == (302, 302, 200)
    assert "hoogstens 2 berichten over" in third.content.decode()
    assert MESSAGE["text"] in third.content.decode()
    assert len(mailoutbox) == 2
    ContactMessage.objects.update(sent_at=timezone.now() - timezone.timedelta(days=1, minutes=1))
    assert client.post(path, MESSAGE).status_code == 302


@override_settings(CONTACT_RATE_LIMIT=(2, 3600))
def test_the_rate_limit_counts_every_message_of_a_person(client, sender, mailoutbox):
    organisations = [OrganisationFactory() for _ in range(3)]
    for organisation in organisations:
        organisation_admin(organisation)

    answers = [client.post(organisation_contact(organisation.slug), MESSAGE) for organisation in organisations]

    assert [answer.status_code for answer in answers] == [302, 302, 200]
    assert "hoogstens 2 berichten sturen in 1 uur" in answers[2].content.decode()
    assert ContactMessage.objects.count() == 2


def test_a_recipient_reports_a_message_and_moderators_read_it_in_the_admin_panel(client, organisation_with_admin):
    organisation, admin = organisation_with_admin
    message = contact_message(recipient=admin, about=organisation)
    ContactMessage.objects.filter(pk=message.pk).update(text="Vertrouwelijk voorstel")
    moderator = verified_person(is_staff=True)
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))

    client.force_login(admin)
    response = client.post(f"/mijn/berichten/{message.pk}/melden/")

    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.reported_by, message.reported_at is not None) == (admin, True)
    sign_in(client, moderator)
    listed = client.get("/beheer/regions/contactmessage/?reported_at__isnull=False").content.decode()
    assert message.target_name.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in listed
    after = client.get(f"/beheer/regions/contactmessage/{message.pk}/change/").content.decode()
    assert "Vertrouwelijk voorstel" in after


def test_the_text_is_not_shown_in_the_admin_panel_until_reported(client, organisation_with_admin):
    organisation, admin = organisation_with_admin
    message = contact_message(recipient=admin, about=organisation)
    message.text = "Vertrouwelijk voorstel"
    message.save()
    moderator = verified_person(is_staff=True)
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    sign_in(client, moderator)

    page = client.get(f"/beheer/regions/contactmessage/{message.pk}/change/")

    assert page.status_code == 200
    assert "Vertrouwelijk voorstel" not in page.content.decode()


@pytest.mark.parametrize("who", ["sender", "other admin of the organisation", "stranger"])
def test_only_a_recipient_reports_a_message(client, organisation_with_admin, who):
    organisation, admin = organisation_with_admin
    message = contact_message(recipient=admin, about=organisation)
    person = {
        "sender": message.sender,
        "other admin of the organisation": organisation_admin(organisation),
        "stranger": verified_person(),
    }[who]
    client.force_login(person)

    assert client.get(f"/mijn/berichten/{message.pk}/melden/").status_code == 403
    assert client.post(f"/mijn/berichten/{message.pk}/melden/").status_code == 403
    message.refresh_from_db()
    assert message.reported_at is None


def test_an_admin_publishes_a_general_contact_address_shown_on_the_organisation_page(client, organisation_with_admin):
    organisation, admin = organisation_with_admin
    client.force_login(admin)
    form = {
        "name": "Techniekcollege",
        "kind": organisation.kind,
        "country": "NL",
        "municipality": organisation.municipality_id,
        "place": "",
        "website": "",
        "description": "",
        "kvk_number": "",
    }

    refused = client.post(f"/organisaties/{organisation.slug}/bewerken/", {**form, "contact_email": "geen adres"})
    saved = client.post(
        f"/organisaties/{organisation.slug}/bewerken/", {**form, "contact_email": "info@techniekcollege.example.nl"}
    )

    assert refused.status_code == 200 and "contact_email" in refused.context["form"].errors
    assert saved.status_code == 302
    assert Organisation.objects.get(pk=organisation.pk).contact_email == "info@techniekcollege.example.nl"
    page = client.get(f"/organisaties/{organisation.slug}/").content.decode()
    assert 'href="mailto:info@techniekcollege.example.nl"' in page
    assert f'href="/organisaties/{organisation.slug}/contact/"' in page
    assert admin.email not in page


def test_the_initiative_page_links_to_its_contact_page(client):
    initiative = InitiativeFactory(contact_person=verified_person(email="contactpersoon@example.org"))

    page = client.get(initiative.get_absolute_url()).content.decode()

    assert f'href="/initiatieven/{initiative.slug}/contact/"' in page
    assert "contactpersoon@example.org" not in page


def test_a_reported_message_is_named_in_the_moderation_queue_for_moderators_only(client, organisation_with_admin):
    """Moderators start from /moderatie/: a report of abuse must reach them there, not only in a filter of the admin
    panel that nobody is told to look at. A coordinator, who cannot read messages, does not see the section."""
    organisation, admin = organisation_with_admin
    reported = contact_message(recipient=admin, about=organisation)
    ContactMessage.objects.filter(pk=reported.pk).update(
        subject="Koop nu goedkope cursussen", reported_at=timezone.now()
    )
    contact_message(recipient=admin, about=organisation)  # not reported
    long_ago = contact_message(recipient=admin, about=organisation)
    ContactMessage.objects.filter(pk=long_ago.pk).update(
        subject="Oude melding", reported_at=timezone.now() - timezone.timedelta(days=91)
    )
    moderator = verified_person(is_staff=True)
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))

    sign_in(client, moderator)
    queue = client.get("/moderatie/")

    assertContains(queue, "Berichten gemeld als misbruik")
    assertContains(queue, "Koop nu goedkope cursussen")
    assertContains(queue, f'href="/beheer/regions/contactmessage/{reported.pk}/change/"')
    assertNotContains(queue, "Oude melding")
    assert queue.content.decode().count("/beheer/regions/contactmessage/") == 1

    coordinator = person_of_kind("region_coordinator", organisation)
    client.logout()
    sign_in(client, coordinator)
    assertNotContains(client.get("/moderatie/"), "Berichten gemeld als misbruik")
