"""Active matchmaking (issue 14, item 2): the admins of fitting organisations hear what an initiative seeks, as
their preference says; a partner that joins fills its place; finished initiatives and filled places leave the
matchmaking page; an organisation is never offered its own initiatives."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from agendastad.notifications.delivery import digests_send, notification_preference_set
from agendastad.notifications.models import Frequency, Notification, NotificationKind
from initiatives import services
from initiatives.models import Initiative, Partnership, SoughtPartner, Status, Theme, Visibility
from initiatives.services import InitiativeData
from regions.models import Helix, LabourMarketRegion, Municipality, Organisation, OrganisationKind

from ..factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db

FIT_NOTICE = "Zoekt een organisatie zoals de jouwe in jouw regio."


def place(municipality: Municipality, kind: str, *, verified: bool = True) -> Organisation:
    return OrganisationFactory(kind=kind, municipality=municipality, verified_at=timezone.now() if verified else None)


def data(region: LabourMarketRegion, *, helices=(), kinds=(), **overrides) -> InitiativeData:
    fields = {
        "title": "Techniek in de wijk",
        "summary": "Leerlingen maken kennis met techniek.",
        "themes": [Theme.objects.get(number=1)],
        "primary_region": region,
        "sought_helices": helices,
        "sought_kinds": kinds,
        "sought_note": "Een mbo-school die stages <b>begeleidt</b>.",
        **overrides,
    }
    return InitiativeData(**fields)


def update(initiative: Initiative, user, region, **kwargs) -> Initiative:
    current = Initiative.objects.get(pk=initiative.pk)
    return services.initiative_update(
        initiative=current, user=user, version=current.version, data=data(region, **kwargs)
    )


def told(**filters) -> set[int]:
    return set(
        Notification.objects.filter(kind=NotificationKind.PARTNERS_SOUGHT, **filters).values_list(
            "recipient", flat=True
        )
    )


@pytest.fixture
def groningen_region(groningen) -> LabourMarketRegion:
    return groningen.region


@pytest.fixture
def lead(groningen):
    organisation = place(groningen, OrganisationKind.MUNICIPALITY)
    return organisation, organisation_admin(organisation)


def test_the_fitting_admins_hear_per_their_preference_and_the_initiatives_own_organisations_never(
    groningen, groningen_region, lead, django_capture_on_commit_callbacks
):
    lead_organisation, lead_admin = lead
    amsterdam = Municipality.objects.get(code="GM0363")
    rotterdam = Municipality.objects.get(name="Rotterdam")
    weekly = organisation_admin(place(groningen, OrganisationKind.SCHOOL_MBO))
    right_away = organisation_admin(place(groningen, OrganisationKind.UNIVERSITY))
    notification_preference_set(user=right_away, kind=NotificationKind.PARTNERS_SOUGHT, frequency=Frequency.IMMEDIATELY)
    no_mail = organisation_admin(place(groningen, OrganisationKind.KNOWLEDGE_INSTITUTION))
    notification_preference_set(user=no_mail, kind=NotificationKind.PARTNERS_SOUGHT, frequency=Frequency.OFF)
    further_region = organisation_admin(place(amsterdam, OrganisationKind.SCHOOL_MBO))
    never = {
        "another helix": organisation_admin(place(groningen, OrganisationKind.BUSINESS)),
        "another region": organisation_admin(place(rotterdam, OrganisationKind.SCHOOL_MBO)),
        "unverified organisation": organisation_admin(place(groningen, OrganisationKind.SCHOOL_MBO, verified=False)),
        "unconfirmed address": organisation_admin(place(groningen, OrganisationKind.SCHOOL_MBO)),
        "member, not admin": verified_person(),
        "invited partner": organisation_admin(place(groningen, OrganisationKind.SCHOOL_MBO)),
        "accepted partner": organisation_admin(place(groningen, OrganisationKind.UNIVERSITY)),
        "declined partner": organisation_admin(place(groningen, OrganisationKind.UNIVERSITY)),
        "also in the lead": organisation_admin(place(groningen, OrganisationKind.SCHOOL_MBO)),
        "suspended account": organisation_admin(place(groningen, OrganisationKind.SCHOOL_MBO), is_active=False),
    }
    never["unconfirmed address"].emailaddress_set.update(verified=False)
    MembershipFactory(user=never["member, not admin"], organisation=place(groningen, OrganisationKind.SCHOOL_MBO))
    MembershipFactory(user=never["also in the lead"], organisation=lead_organisation)
    initiative = services.initiative_create(
        user=lead_admin,
        lead_organisation=lead_organisation,
        data=data(groningen_region, regions=[amsterdam.region]),
    )
    for who, state in (
        ("invited partner", Partnership.State.INVITED),
        ("accepted partner", Partnership.State.ACCEPTED),
        ("declined partner", Partnership.State.DECLINED),
    ):
        organisation = never[who].memberships.get().organisation
        PartnershipFactory(initiative=initiative, organisation=organisation, state=state)
    assert not told()

    with django_capture_on_commit_callbacks(execute=True):
        update(initiative, lead_admin, groningen_region, helices=[Helix.KNOWLEDGE], regions=[amsterdam.region])

    assert told() == {weekly.pk, right_away.pk, no_mail.pk, further_region.pk}
    rows = Notification.objects.filter(kind=NotificationKind.PARTNERS_SOUGHT).values_list("recipient", "delivery")
    assert len(rows) == 4
    assert dict(rows) == {
        weekly.pk: Frequency.WEEKLY,
        right_away.pk: Frequency.IMMEDIATELY,
        no_mail.pk: Frequency.OFF,
        further_region.pk: Frequency.WEEKLY,
    }
    assert [message.to for message in mail.outbox] == [[right_away.email]]
    assert mail.outbox[0].subject == "Techniek in de wijk (Groningen) zoekt een partner: Onderwijs & kennis"
    assert "Een mbo-school die stages <b>begeleidt</b>." in mail.outbox[0].body
    assert digests_send(frequency=Frequency.DAILY) == 0
    assert digests_send(frequency=Frequency.WEEKLY) == 2
    assert sorted(message.to[0] for message in mail.outbox[1:]) == sorted([weekly.email, further_region.email])


def test_nobody_hears_twice_of_the_same_initiative(groningen, groningen_region, lead):
    lead_organisation, lead_admin = lead
    school_admin = organisation_admin(place(groningen, OrganisationKind.SCHOOL_MBO))
    company_admin = organisation_admin(place(groningen, OrganisationKind.BUSINESS))
    initiative = services.initiative_create(
        user=lead_admin, lead_organisation=lead_organisation, data=data(groningen_region, helices=[Helix.KNOWLEDGE])
    )
    assert told() == {school_admin.pk}

    update(initiative, lead_admin, groningen_region, helices=[], kinds=[OrganisationKind.SCHOOL_MBO])
    update(initiative, lead_admin, groningen_region, helices=[Helix.KNOWLEDGE], kinds=[OrganisationKind.SCHOOL_MBO])
    services.initiative_change_status(initiative=initiative, user=lead_admin, status=Status.STOPPED)
    services.initiative_change_status(initiative=initiative, user=lead_admin, status=Status.IDEA)
    assert Notification.objects.filter(recipient=school_admin).count() == 1

    update(initiative, lead_admin, groningen_region, helices=[Helix.KNOWLEDGE, Helix.BUSINESS])
    assert told() == {school_admin.pk, company_admin.pk}
    assert Notification.objects.filter(recipient=school_admin).count() == 1


def test_a_new_admin_hears_nothing_of_an_edit_that_seeks_nothing_new(groningen, groningen_region, lead):
    lead_organisation, lead_admin = lead
    initiative = services.initiative_create(
        user=lead_admin, lead_organisation=lead_organisation, data=data(groningen_region, helices=[Helix.KNOWLEDGE])
    )
    latecomer = organisation_admin(place(groningen, OrganisationKind.SCHOOL_MBO))
    update(initiative, lead_admin, groningen_region, helices=[Helix.KNOWLEDGE], title="Techniek in de buurt")
    assert latecomer.pk not in told()


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.STOPPED])
def test_a_finished_initiative_tells_nobody_until_it_restarts(groningen, groningen_region, lead, status):
    lead_organisation, lead_admin = lead
    school_admin = organisation_admin(place(groningen, OrganisationKind.SCHOOL_MBO))
    initiative = services.initiative_create(
        user=lead_admin, lead_organisation=lead_organisation, data=data(groningen_region)
    )
    if status == Status.COMPLETED:
        services.initiative_change_status(initiative=initiative, user=lead_admin, status=Status.RUNNING)
    services.initiative_change_status(initiative=initiative, user=lead_admin, status=status)
    update(initiative, lead_admin, groningen_region, status=status, kinds=[OrganisationKind.SCHOOL_MBO])
    assert not told()

    restart = Status.RUNNING if status == Status.COMPLETED else Status.PROPOSAL
    services.initiative_change_status(initiative=initiative, user=lead_admin, status=restart)
    assert told() == {school_admin.pk}


def test_a_draft_tells_nobody_until_it_is_made_public(groningen, groningen_region, lead):
    lead_organisation, lead_admin = lead
    school_admin = organisation_admin(place(groningen, OrganisationKind.SCHOOL_MBO))
    draft = services.initiative_create(
        user=lead_admin,
        lead_organisation=lead_organisation,
        data=data(groningen_region, kinds=[OrganisationKind.SCHOOL_MBO], visibility=Visibility.DRAFT),
    )
    assert not told()
    update(draft, lead_admin, groningen_region, kinds=[OrganisationKind.SCHOOL_MBO], visibility=Visibility.PUBLIC)
    assert told() == {school_admin.pk}


def test_the_notification_names_what_is_sought_in_the_readers_language(client, groningen, groningen_region, lead):
    lead_organisation, lead_admin = lead
    school_admin = organisation_admin(place(groningen, OrganisationKind.SCHOOL_MBO))
    services.initiative_create(
        user=lead_admin,
        lead_organisation=lead_organisation,
        data=data(groningen_region, kinds=[OrganisationKind.SCHOOL_MBO]),
    )
    client.force_login(school_admin)
    assertContains(client.get("/mijn/meldingen/"), "Techniek in de wijk (Groningen) zoekt een partner: School (mbo)")
    assertContains(
        client.get("/en/mijn/meldingen/"), "Techniek in de wijk (Groningen) looks for a partner: School (mbo)"
    )
    page = client.get("/mijn/meldingen/instellingen/")
    assertContains(page, "Initiatieven in mijn regio die een organisatie zoals de mijne zoeken")
    assertContains(
        page,
        'value="weekly" class="utrecht-radio-button utrecht-radio-button--html-input" required '
        'id="id_partners_sought_2" checked',
    )


# Filled places


def seeking(municipality, *, title: str, helices=(), kinds=(), **kwargs) -> Initiative:
    lead_organisation = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=municipality)
    initiative = InitiativeFactory(title=title, summary="Samen werken", lead_organisation=lead_organisation, **kwargs)
    SoughtPartner.objects.bulk_create(
        [SoughtPartner(initiative=initiative, helix=helix) for helix in helices]
        + [SoughtPartner(initiative=initiative, kind=kind) for kind in kinds]
    )
    return initiative


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [initiative.title for initiative in response.context["object_list"]]


def accept_invitation(client, initiative: Initiative, organisation: Organisation) -> None:
    partnership = PartnershipFactory(initiative=initiative, organisation=organisation, state=Partnership.State.INVITED)
    sign_in(client, organisation_admin(organisation))
    response = client.post(f"/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/", {"accept": "1"})
    assert response.status_code == 302
    client.logout()


def test_a_partner_that_joins_fills_its_place_which_is_then_shown_as_filled_and_no_longer_offered(client, groningen):
    initiative = seeking(
        groningen, title="Stages in de haven", helices=[Helix.KNOWLEDGE], kinds=[OrganisationKind.SCHOOL_MBO]
    )
    company = place(groningen, OrganisationKind.BUSINESS)
    accept_invitation(client, initiative, company)
    assert not SoughtPartner.objects.filter(filled_by__isnull=False).exists()

    accept_invitation(client, initiative, place(groningen, OrganisationKind.SCHOOL_MBO))

    filled = SoughtPartner.objects.get(filled_by__isnull=False)
    assert filled.kind == OrganisationKind.SCHOOL_MBO  # its own kind before the whole helix
    response = client.get("/partners-gezocht/")
    assert titles(response) == ["Stages in de haven"]
    card = response.text.split('<li class="agendastad-result">')[1]
    assert "<strong>Zoekt:</strong>\n        Onderwijs &amp; kennis" in card
    assert "Ingevuld</span>\n        School (mbo)" in card
    assert titles(client.get("/partners-gezocht/", {"sought": "knowledge"})) == ["Stages in de haven"]

    accept_invitation(client, initiative, place(groningen, OrganisationKind.UNIVERSITY))

    assert titles(client.get("/partners-gezocht/")) == []
    assert titles(client.get("/initiatieven/", {"sought": "knowledge"})) == []
    detail = client.get(initiative.get_absolute_url())
    assertContains(detail, "Ingevuld")
    assertNotContains(detail, "<strong>Zoekt:</strong>")


def test_an_edit_keeps_a_filled_place_filled_and_a_place_sought_anew_is_open(client, groningen, lead):
    lead_organisation, lead_admin = lead
    initiative = services.initiative_create(
        user=lead_admin, lead_organisation=lead_organisation, data=data(groningen.region, kinds=["school_mbo"])
    )
    accept_invitation(client, initiative, place(groningen, OrganisationKind.SCHOOL_MBO))
    update(initiative, lead_admin, groningen.region, kinds=["school_mbo"], helices=[Helix.BUSINESS])
    assert {(p.key, p.is_filled) for p in initiative.sought_partners.all()} == {
        ("kind:school_mbo", True),
        ("helix:business", False),
    }
    update(initiative, lead_admin, groningen.region, kinds=[])
    update(initiative, lead_admin, groningen.region, kinds=["school_mbo"])
    assert [(p.key, p.is_filled) for p in initiative.sought_partners.all()] == [("kind:school_mbo", False)]


# The matchmaking page


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.STOPPED])
def test_completed_and_stopped_initiatives_leave_the_list(client, groningen, status):
    seeking(groningen, title="Loopt nog", helices=[Helix.BUSINESS], status=Status.RUNNING)
    seeking(groningen, title="Klaar of gestopt", helices=[Helix.BUSINESS], status=status)
    assert titles(client.get("/partners-gezocht/")) == ["Loopt nog"]


def test_the_card_says_what_is_sought_and_the_note(client, groningen):
    initiative = seeking(groningen, title="Zoekt kennis", helices=[Helix.KNOWLEDGE], kinds=[OrganisationKind.BUSINESS])
    initiative.sought_note = "Een hogeschool met een <em>lectoraat</em> " + "en meer " * 60
    initiative.save_without_historical_record()
    response = client.get("/partners-gezocht/")
    card = response.text.split('<li class="agendastad-result">')[1]
    assert "<strong>Zoekt:</strong>\n        Onderwijs &amp; kennis, Bedrijfsleven" in card
    assert "Een hogeschool met een &lt;em&gt;lectoraat&lt;/em&gt; en meer" in card
    assert "…" in card and "en meer " * 40 not in card


def test_an_organisations_own_initiatives_are_not_suggested_to_it(client, groningen):
    school = place(groningen, OrganisationKind.SCHOOL_MBO)
    led = seeking(groningen, title="Eigen initiatief", helices=[Helix.KNOWLEDGE])
    led.lead_organisation = school
    led.save_without_historical_record()
    led.partnerships.filter(role=Partnership.Role.LEAD).update(organisation=school)
    for state, title in ((Partnership.State.ACCEPTED, "Doet al mee"), (Partnership.State.INVITED, "Al gevraagd")):
        initiative = seeking(groningen, title=title, kinds=[OrganisationKind.SCHOOL_MBO])
        PartnershipFactory(initiative=initiative, organisation=school, state=state)
    seeking(groningen, title="Past en is nieuw", kinds=[OrganisationKind.SCHOOL_MBO], last_activity_at=timezone.now())
    Initiative.objects.exclude(title="Past en is nieuw").update(last_activity_at=timezone.now() - timedelta(days=1))
    sign_in(client, person_of_kind("member", school))

    response = client.get("/partners-gezocht/")

    assert titles(response)[0] == "Past en is nieuw"
    cards = response.text.split('<li class="agendastad-result">')[1:]
    assert [FIT_NOTICE in card for card in cards] == [True, False, False, False]


def test_a_member_of_a_fitting_organisation_in_another_region_gets_no_suggestion(client, groningen):
    seeking(groningen, title="Zoekt een mbo", kinds=[OrganisationKind.SCHOOL_MBO])
    elsewhere = place(Municipality.objects.get(name="Rotterdam"), OrganisationKind.SCHOOL_MBO)
    sign_in(client, person_of_kind("member", elsewhere))
    assertNotContains(client.get("/partners-gezocht/"), FIT_NOTICE)
