"""Following an organisation (issue 14, item 7): its followers hear of its new public initiatives and of the
initiatives it joins, as their preferences say, and /mijn/ lists it with the other follows."""

import pytest
from django.core import mail
from pytest_django.asserts import assertContains

from agendastad.notifications.delivery import digests_send, notification_preference_set
from agendastad.notifications.models import Frequency, Notification, NotificationKind
from agendastad.notifications.services import follow_create
from initiatives import services
from initiatives.models import Initiative, Partnership, Theme, Visibility
from initiatives.services import InitiativeData
from regions.models import LabourMarketRegion, OrganisationKind

from ..factories import (
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    organisation_admin,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return OrganisationFactory(name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO)


def data(visibility=Visibility.PUBLIC) -> InitiativeData:
    return InitiativeData(
        title="Techniek in de wijk",
        summary="Leerlingen maken kennis met techniek.",
        themes=[Theme.objects.get(number=6)],
        primary_region=LabourMarketRegion.objects.get(code="AM01"),
        visibility=visibility,
    )


def test_following_an_organisation_tells_of_its_new_public_initiatives_once(school, django_capture_on_commit_callbacks):
    follower, also_follows_the_region, stranger = verified_person(), verified_person(), verified_person()
    follow_create(user=follower, target=school)
    follow_create(user=also_follows_the_region, target=school)
    follow_create(user=also_follows_the_region, target=LabourMarketRegion.objects.get(code="AM01"))
    admin = organisation_admin(school)

    draft = services.initiative_create(user=admin, lead_organisation=school, data=data(Visibility.DRAFT))
    assert not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        current = Initiative.objects.get(pk=draft.pk)
        services.initiative_update(initiative=current, user=admin, version=current.version, data=data())

    told = Notification.objects.filter(kind=NotificationKind.NEW_INITIATIVE)
    assert sorted(told.values_list("recipient", flat=True)) == sorted([follower.pk, also_follows_the_region.pk])
    assert stranger.notifications.count() == 0
    assert digests_send(frequency=Frequency.DAILY) == 2
    assert "Nieuw initiatief in Groningen: Techniek in de wijk" in mail.outbox[0].body


def test_following_an_organisation_tells_of_the_initiatives_it_joins_per_preference(
    client, school, django_capture_on_commit_callbacks
):
    daily, right_away, no_mail = verified_person(), verified_person(), verified_person()
    for person in (daily, right_away, no_mail):
        follow_create(user=person, target=school)
    notification_preference_set(
        user=right_away, kind=NotificationKind.ORGANISATION_PARTNERSHIP, frequency=Frequency.IMMEDIATELY
    )
    notification_preference_set(user=no_mail, kind=NotificationKind.ORGANISATION_PARTNERSHIP, frequency=Frequency.OFF)
    initiative = InitiativeFactory(title="Fietspad naar het techniekcollege")
    invitation = PartnershipFactory(initiative=initiative, organisation=school, state=Partnership.State.INVITED)
    sign_in(client, organisation_admin(school))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/initiatieven/{initiative.slug}/partners/{invitation.pk}/antwoord/", {"accept": "1"})

    assert response.status_code == 302
    told = Notification.objects.filter(kind=NotificationKind.ORGANISATION_PARTNERSHIP)
    assert dict(told.values_list("recipient", "delivery")) == {
        daily.pk: Frequency.DAILY,
        right_away.pk: Frequency.IMMEDIATELY,
        no_mail.pk: Frequency.OFF,
    }
    followers_mail = [message for message in mail.outbox if message.to == [right_away.email]]
    assert [message.subject for message in followers_mail] == [
        "Noorderpoort doet mee aan Fietspad naar het techniekcollege"
    ]
    client.force_login(daily)
    assertContains(client.get("/mijn/meldingen/"), "Noorderpoort doet mee aan Fietspad naar het techniekcollege")


def test_joining_a_draft_or_declining_tells_no_follower(client, school):
    follower = verified_person()
    follow_create(user=follower, target=school)
    draft = InitiativeFactory(visibility=Visibility.DRAFT)
    public = InitiativeFactory()
    admin = organisation_admin(school)
    for initiative, answer in ((draft, "accept"), (public, "decline")):
        invitation = PartnershipFactory(initiative=initiative, organisation=school, state=Partnership.State.INVITED)
        answering = services.partnership_accept if answer == "accept" else services.partnership_decline
        answering(partnership=invitation, user=admin)
    assert not follower.notifications.exists()


def test_my_overview_lists_the_organisations_i_follow(client, school):
    person = verified_person()
    follow_create(user=person, target=school)
    sign_in(client, person)
    response = client.get("/mijn/")
    assertContains(
        response, f'Organisatie: <a class="utrecht-link" href="/organisaties/{school.slug}/">Noorderpoort</a>'
    )
    assertContains(client.get(school.get_absolute_url()), "Je volgt deze organisatie")
