"""Issue 14, item 1: every partnership journey ends somewhere. The note reaches whoever answers; an invitation to an
organisation nobody manages reaches its region's coordinators, who invite someone to claim it; a decline may be
asked again once, after a wait; the partnership inbox on /mijn/; the searchable partner picker."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from initiatives.models import Partnership
from regions.models import Invitation, Membership, Municipality, OrganisationKind

from ..factories import (
    HOSTILE,
    InitiativeFactory,
    InvitationFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionCoordinatorFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

ESCAPED = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"
NOTE = f"{HOSTILE} Jullie stagebegeleiders passen precies bij dit project."


@pytest.fixture
def lead():
    return OrganisationFactory(name="Gemeente Groningen", kind=OrganisationKind.MUNICIPALITY)


@pytest.fixture
def lead_admin(lead):
    return organisation_admin(lead)


@pytest.fixture
def initiative(lead):
    return InitiativeFactory(lead_organisation=lead, title="Fietspad naar het techniekcollege")


@pytest.fixture
def school():
    return OrganisationFactory(name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO, verified_at=timezone.now())


@pytest.fixture
def coordinator(region):
    person = verified_person()
    RegionCoordinatorFactory(user=person, region=region)
    return person


def invite(client, initiative, organisation, capture, note=NOTE):
    with capture(execute=True):
        return client.post(
            f"/initiatieven/{initiative.slug}/partners/uitnodigen/",
            {"organisation": organisation.slug, "role": Partnership.Role.PARTNER, "note": note},
            follow=True,
        )


def answer_url(partnership) -> str:
    return f"/initiatieven/{partnership.initiative.slug}/partners/{partnership.pk}/antwoord/"


# The note reaches whoever answers -------------------------------------------------------------------------------


def test_the_invited_admin_reads_the_note_on_the_answer_page_and_in_the_mail_escaped(
    client, initiative, lead_admin, school, django_capture_on_commit_callbacks
):
    school_admin = organisation_admin(school)
    sign_in(client, lead_admin)

    response = invite(client, initiative, school, django_capture_on_commit_callbacks)

    assertContains(response, "de beheerders hebben een bericht gekregen")
    [message] = mail.outbox
    assert message.to == [school_admin.email]
    assert NOTE in message.body  # plain text: the note as typed, never HTML
    assert not getattr(message, "alternatives", [])
    partnership = Partnership.objects.get(organisation=school)
    assert answer_url(partnership) in message.body
    client.force_login(school_admin)
    page = client.get(answer_url(partnership))
    assertContains(page, "Hun toelichting")
    assertContains(page, ESCAPED)
    assertNotContains(page, HOSTILE)
    assertContains(page, "Aannemen")


def test_the_lead_reads_the_note_of_a_request_where_it_answers(
    client, initiative, lead_admin, school, django_capture_on_commit_callbacks
):
    client.force_login(organisation_admin(school))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/initiatieven/{initiative.slug}/partners/aanmelden/",
            {"organisation": school.pk, "role": Partnership.Role.PARTNER, "note": NOTE},
        )

    [message] = mail.outbox
    assert message.to == [lead_admin.email]
    assert NOTE in message.body
    client.force_login(lead_admin)
    detail = client.get(initiative.get_absolute_url())
    assertContains(detail, ESCAPED)
    assertContains(detail, "Noorderpoort accepteren")
    partnership = Partnership.objects.get(organisation=school)
    assertContains(client.get(answer_url(partnership)), "Noorderpoort wil meedoen")


def test_a_passer_by_does_not_read_the_note(client, initiative, school):
    PartnershipFactory(initiative=initiative, organisation=school, state=Partnership.State.INVITED, note="Geheim")
    client.force_login(verified_person())

    assertNotContains(client.get(initiative.get_absolute_url()), "Geheim")


# An organisation nobody manages ----------------------------------------------------------------------------------


def test_an_invitation_to_an_organisation_nobody_manages_goes_to_its_region_coordinators_and_says_so(
    client, initiative, lead_admin, school, coordinator, django_capture_on_commit_callbacks
):
    elsewhere = verified_person()
    RegionCoordinatorFactory(user=elsewhere, region=Municipality.objects.exclude(region__code="AM01").first().region)
    sign_in(client, lead_admin)

    response = invite(client, initiative, school, django_capture_on_commit_callbacks)

    assertContains(response, "dus de coördinatoren van haar regio hebben een bericht gekregen")
    assertNotContains(response, "de beheerders hebben een bericht gekregen")
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert NOTE in message.body
    assert f"/organisaties/{school.slug}/" in message.body
    sign_in(client, coordinator)
    mine = client.get("/mijn/")
    assertContains(mine, "Uitnodigingen aan organisaties in jouw regio")
    assertContains(mine, f"/organisaties/{school.slug}/beheerder-uitnodigen/")
    organisation_page = client.get(school.get_absolute_url())
    assertContains(organisation_page, "Zoek iemand om deze organisatie te beheren")
    assertContains(organisation_page, "Uitnodigingen die op deze organisatie wachten")


def test_without_a_coordinator_the_inviter_is_told_that_nobody_hears_of_it(
    client, initiative, lead_admin, school, django_capture_on_commit_callbacks
):
    sign_in(client, lead_admin)

    response = invite(client, initiative, school, django_capture_on_commit_callbacks)

    assertContains(response, "haar regio heeft geen coördinator")
    assert mail.outbox == []


def claim(client, organisation, email, capture):
    with capture(execute=True):
        return client.post(f"/organisaties/{organisation.slug}/beheerder-uitnodigen/", {"email": email})


def test_a_person_claims_the_organisation_and_answers_the_waiting_invitation_with_its_note(
    client, initiative, school, coordinator, django_capture_on_commit_callbacks
):
    partnership = PartnershipFactory(initiative=initiative, organisation=school, state=Partnership.State.INVITED)
    sign_in(client, coordinator)

    response = claim(client, school, "directie@noorderpoort.example", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["directie@noorderpoort.example"]
    invitation = Invitation.objects.get(organisation=school)
    assert invitation.claim and invitation.role == Membership.Role.ADMIN
    assert f"/mijn/uitnodigingen/{invitation.token}/" in message.body
    newcomer = verified_person(email="directie@noorderpoort.example")
    client.force_login(newcomer)
    assertContains(client.get("/mijn/"), "beheren")
    response = client.post(f"/mijn/uitnodigingen/{invitation.token}/", {"accept": "1"}, follow=True)
    assertContains(response, "Je beheert nu")
    assertContains(response, "Wacht op jouw antwoord")
    assertContains(response, ESCAPED)
    assert Membership.objects.admins().filter(user=newcomer, organisation=school).exists()
    client.post(answer_url(partnership), {"accept": "1"})
    partnership.refresh_from_db()
    assert partnership.state == Partnership.State.ACCEPTED


def test_an_organisation_with_an_admin_cannot_be_claimed(client, school, coordinator):
    organisation_admin(school)
    sign_in(client, coordinator)

    assert client.get(f"/organisaties/{school.slug}/beheerder-uitnodigen/").status_code == 403
    response = client.post(f"/organisaties/{school.slug}/beheerder-uitnodigen/", {"email": "x@example.org"})
    assert response.status_code == 403
    assert not Invitation.objects.filter(organisation=school).exists()


def test_a_claim_no_longer_holds_once_someone_manages_the_organisation(client, school, coordinator):
    invitation = InvitationFactory(organisation=school, role="admin", claim=True, invited_by=coordinator)
    admin = organisation_admin(school)
    claimant = verified_person(email=invitation.email)
    client.force_login(claimant)

    response = client.post(f"/mijn/uitnodigingen/{invitation.token}/", {"accept": "1"}, follow=True)

    assertContains(response, "heeft al een beheerder")
    assert list(Membership.objects.admins().filter(organisation=school).values_list("user", flat=True)) == [admin.pk]


def test_a_claim_is_used_once_and_only_by_its_own_address(client, school, coordinator):
    invitation = InvitationFactory(organisation=school, role="admin", claim=True, invited_by=coordinator)
    client.force_login(verified_person())  # someone else, with the token

    client.post(f"/mijn/uitnodigingen/{invitation.token}/", {"accept": "1"})

    assert not Membership.objects.filter(organisation=school).exists()
    claimant = verified_person(email=invitation.email)
    client.force_login(claimant)
    client.post(f"/mijn/uitnodigingen/{invitation.token}/", {"accept": "1"})
    client.post(f"/mijn/uitnodigingen/{invitation.token}/", {"decline": "1"})
    second = verified_person(email="tweede@example.org")
    Invitation.objects.filter(pk=invitation.pk).update(email=second.email)  # a token passed on after use
    client.force_login(second)
    client.post(f"/mijn/uitnodigingen/{invitation.token}/", {"accept": "1"})

    assert list(Membership.objects.filter(organisation=school).values_list("user", "role")) == [(claimant.pk, "admin")]


def test_a_claim_sent_by_a_coordinator_who_left_the_region_does_not_hold(client, school, coordinator):
    invitation = InvitationFactory(organisation=school, role="admin", claim=True, invited_by=coordinator)
    coordinator.coordinated_regions.all().delete()
    client.force_login(verified_person(email=invitation.email))

    response = client.post(f"/mijn/uitnodigingen/{invitation.token}/", {"accept": "1"}, follow=True)

    assertContains(response, "coördineert de regio van")
    assert not Membership.objects.filter(organisation=school).exists()


def test_a_claim_sent_by_a_moderator_holds(client, school, django_capture_on_commit_callbacks):
    moderator = person_of_kind("moderator", school)
    sign_in(client, moderator)
    claim(client, school, "directie@noorderpoort.example", django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(organisation=school)
    claimant = verified_person(email="directie@noorderpoort.example")
    client.force_login(claimant)

    client.post(f"/mijn/uitnodigingen/{invitation.token}/", {"accept": "1"})

    assert Membership.objects.admins().filter(user=claimant, organisation=school).exists()


def test_the_lead_cannot_claim_the_organisation_it_invites(client, initiative, lead_admin, school):
    PartnershipFactory(initiative=initiative, organisation=school, state=Partnership.State.INVITED)
    sign_in(client, lead_admin)

    response = client.post(f"/organisaties/{school.slug}/beheerder-uitnodigen/", {"email": lead_admin.email})

    assert response.status_code == 403
    assert not Invitation.objects.exists()


# Asking again after a decline ------------------------------------------------------------------------------------


def declined(initiative, organisation, *, days_ago: int, asked=Partnership.State.INVITED):
    moment = timezone.now() - timedelta(days=days_ago)
    return PartnershipFactory(
        initiative=initiative,
        organisation=organisation,
        state=Partnership.State.DECLINED,
        asked=asked,
        answered_at=moment,
        declined_at=moment,
    )


def ask_again(client, partnership, note="Er is nu budget voor stageplaatsen."):
    return client.post(
        f"/initiatieven/{partnership.initiative.slug}/partners/{partnership.pk}/opnieuw-vragen/",
        {"note": note},
        follow=True,
    )


def test_before_the_wait_is_over_the_page_says_when_and_the_lead_cannot_ask_again(
    client, initiative, lead_admin, school
):
    partnership = declined(initiative, school, days_ago=3)
    sign_in(client, lead_admin)

    page = client.get(initiative.get_absolute_url())
    response = ask_again(client, partnership)

    assertContains(page, "Je mag vanaf")
    assertContains(page, "30 dagen")
    assert response.status_code == 403
    partnership.refresh_from_db()
    assert partnership.state == Partnership.State.DECLINED


def test_after_the_wait_the_lead_asks_once_more_with_a_new_note_and_never_a_third_time(
    client, initiative, lead_admin, school, settings, django_capture_on_commit_callbacks
):
    school_admin = organisation_admin(school)
    partnership = declined(initiative, school, days_ago=settings.PARTNERSHIP_ASK_AGAIN_DAYS + 1)
    sign_in(client, lead_admin)
    assertContains(client.get(initiative.get_absolute_url()), "Noorderpoort opnieuw vragen")

    with django_capture_on_commit_callbacks(execute=True):
        response = ask_again(client, partnership, note=f"{HOSTILE} Nu met budget")

    assertContains(response, "Dit was de laatste keer")
    partnership.refresh_from_db()
    assert partnership.state == Partnership.State.INVITED
    [message] = mail.outbox
    assert message.to == [school_admin.email]
    assert f"{HOSTILE} Nu met budget" in message.body
    assert "laatste keer" in message.body
    client.force_login(school_admin)
    assertContains(client.get(answer_url(partnership)), "voor de laatste keer")
    client.post(answer_url(partnership), {"decline": "1"})
    sign_in(client, lead_admin)
    assertContains(client.get(initiative.get_absolute_url()), "vragen kan niet meer")
    assert ask_again(client, partnership).status_code == 403
    invite(client, initiative, school, django_capture_on_commit_callbacks)
    partnership.refresh_from_db()
    assert partnership.state == Partnership.State.DECLINED


def test_the_side_that_declined_cannot_use_asking_again(client, initiative, school):
    partnership = declined(initiative, school, days_ago=60)
    client.force_login(organisation_admin(school))

    assert ask_again(client, partnership).status_code == 403


def test_a_declined_request_is_asked_again_by_the_organisation_not_by_the_lead(client, initiative, lead_admin, school):
    partnership = declined(initiative, school, days_ago=60, asked=Partnership.State.REQUESTED)
    sign_in(client, lead_admin)
    assert ask_again(client, partnership).status_code == 403

    client.force_login(organisation_admin(school))
    ask_again(client, partnership)

    partnership.refresh_from_db()
    assert partnership.state == Partnership.State.REQUESTED


def test_inviting_a_declined_organisation_through_the_picker_explains_the_wait(
    client, initiative, lead_admin, school, django_capture_on_commit_callbacks
):
    declined(initiative, school, days_ago=3)
    sign_in(client, lead_admin)

    response = invite(client, initiative, school, django_capture_on_commit_callbacks)

    assertContains(response, "nog één keer vragen")


# The partnership inbox on /mijn/ ----------------------------------------------------------------------------------


def test_the_inbox_shows_what_waits_for_us_and_what_we_asked(client, initiative, lead_admin, school):
    other = InitiativeFactory(title="Techniekweek")
    PartnershipFactory(initiative=other, organisation=initiative.lead_organisation, state=Partnership.State.INVITED)
    asked = PartnershipFactory(initiative=initiative, organisation=school, state=Partnership.State.INVITED)
    sign_in(client, lead_admin)

    mine = client.get("/mijn/")

    assertContains(mine, "Partnerschappen")
    assertContains(mine, "Wacht op jouw antwoord")
    assertContains(mine, "Antwoorden: Techniekweek")
    assertContains(mine, "Door jou gevraagd, wacht op antwoord")
    assertContains(mine, f"/initiatieven/{initiative.slug}/partners/{asked.pk}/intrekken/")
    assertNotContains(mine, HOSTILE)


def test_an_invitation_is_withdrawn_from_the_inbox(client, initiative, lead_admin, school):
    asked = PartnershipFactory(initiative=initiative, organisation=school, state=Partnership.State.INVITED)
    sign_in(client, lead_admin)

    response = client.post(
        f"/initiatieven/{initiative.slug}/partners/{asked.pk}/intrekken/", {"next": "mine"}, follow=True
    )

    assertContains(response, "is ingetrokken")
    assert not Partnership.objects.filter(pk=asked.pk).exists()


def test_withdrawing_the_second_ask_does_not_earn_a_third(client, initiative, lead_admin, school):
    partnership = declined(initiative, school, days_ago=60)
    sign_in(client, lead_admin)
    ask_again(client, partnership)

    client.post(f"/initiatieven/{initiative.slug}/partners/{partnership.pk}/intrekken/")

    partnership.refresh_from_db()
    assert partnership.state == Partnership.State.DECLINED
    assert ask_again(client, partnership).status_code == 403


def test_the_inbox_asks_a_bounded_number_of_queries(client, lead_admin, lead, django_assert_max_num_queries):
    for number in range(30):
        initiative = InitiativeFactory(title=f"Initiatief {number}")
        PartnershipFactory(initiative=initiative, organisation=lead, state=Partnership.State.INVITED)
    sign_in(client, lead_admin)

    with django_assert_max_num_queries(40):
        assertContains(client.get("/mijn/"), "Antwoorden: Initiatief 29")


# The partner picker -----------------------------------------------------------------------------------------------


def test_the_picker_finds_organisations_by_name_place_and_kind(client, initiative, lead_admin, school):
    OrganisationFactory(name="Bakkerij Bol", kind=OrganisationKind.BUSINESS)
    abroad = OrganisationFactory(
        name="Hochschule Emden", kind=OrganisationKind.UNIVERSITY, municipality=None, country="DE", place="Emden"
    )
    sign_in(client, lead_admin)
    url = f"/initiatieven/{initiative.slug}/partners/uitnodigen/"

    by_name = client.get(url, {"q": "noorder"})
    by_place = client.get(url, {"place": "emden"})
    by_kind = client.get(url, {"kind": OrganisationKind.SCHOOL_MBO})
    by_htmx = client.get(url, {"q": "bakker"}, headers={"HX-Request": "true"})

    assertContains(by_name, 'value="' + school.slug + '"')
    assertNotContains(by_name, "Bakkerij Bol")
    assertContains(by_place, abroad.slug)
    assertNotContains(by_place, school.slug)
    assertContains(by_kind, school.slug)
    assertNotContains(by_kind, "Bakkerij Bol")
    assertContains(by_htmx, "Bakkerij Bol")
    assertContains(by_name, "nog niemand beheert haar")


def test_the_picker_leaves_out_who_takes_part_already(client, initiative, lead_admin, school):
    PartnershipFactory(initiative=initiative, organisation=school, state=Partnership.State.INVITED)
    sign_in(client, lead_admin)

    page = client.get(f"/initiatieven/{initiative.slug}/partners/uitnodigen/", {"q": "noorder"})

    assertNotContains(page, f'value="{school.slug}"')
    assertContains(page, "Geen organisatie")
