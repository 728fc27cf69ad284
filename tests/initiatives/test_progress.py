"""Progress: updates on an initiative's timeline by its lead and accepted partners, followers told of updates and
status changes as they chose, "last activity" on the cards, old and new values on the versions page, and
initiatives without activity for a year flagged to their coordinators once."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from agendastad.notifications.delivery import notification_preference_set
from agendastad.notifications.models import Follow, Frequency, Notification, NotificationKind
from agendastad.notifications.services import follow_create
from initiatives import services
from initiatives.data import InitiativeData
from initiatives.models import Initiative, Partnership, ProgressUpdate, Status, Theme, Visibility
from initiatives.selectors import progress_timeline, stale_initiatives
from regions.models import LabourMarketRegion, Membership, Municipality, OrganisationKind

from ..factories import (
    HOSTILE,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionCoordinatorFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)
from .test_initiatives import edit_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


@pytest.fixture
def initiative(lead):
    return InitiativeFactory(lead_organisation=lead, title="Fietspad naar het techniekcollege")


@pytest.fixture
def lead_member(lead):
    person = verified_person(display_name="Fatima el Amrani")
    MembershipFactory(user=person, organisation=lead)
    return person


@pytest.fixture
def partner(initiative):
    """An accepted partner: a school in the same municipality."""
    school = OrganisationFactory(
        name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO, municipality=initiative.lead_organisation.municipality
    )
    PartnershipFactory(initiative=initiative, organisation=school)
    return school


@pytest.fixture
def partner_member(partner):
    person = verified_person(display_name="Joost Mulder")
    MembershipFactory(user=person, organisation=partner)
    return person


def progress_url(initiative) -> str:
    return f"/initiatieven/{initiative.slug}/voortgang/"


def post(client, initiative, organisation, **overrides):
    data = {"organisation": organisation.pk, "text": "De eerste twintig studenten zijn begonnen.", **overrides}
    return client.post(progress_url(initiative), data)


def an_update(initiative, author, organisation, **kwargs) -> ProgressUpdate:
    return ProgressUpdate.objects.create(
        initiative=initiative, author=author, organisation=organisation, text=kwargs.pop("text", HOSTILE), **kwargs
    )


# Posting


def test_a_member_of_the_lead_posts_an_update_that_shows_on_the_timeline_and_counts_as_activity(
    client, initiative, lead_member
):
    Initiative.objects.filter(pk=initiative.pk).update(last_activity_at=timezone.now() - timedelta(days=40))
    sign_in(client, lead_member)

    page = client.get(initiative.get_absolute_url())
    assertContains(page, 'aria-labelledby="progress-form-heading"')
    assertContains(page, "Voortgangsbericht plaatsen")
    response = post(client, initiative, initiative.lead_organisation, link="https://example.nl/verslag")

    update = ProgressUpdate.objects.get()
    assert (update.author, update.organisation, update.link) == (
        lead_member,
        initiative.lead_organisation,
        "https://example.nl/verslag",
    )
    assertRedirects(response, f"{initiative.get_absolute_url()}#voortgang-{update.pk}", fetch_redirect_response=False)
    initiative.refresh_from_db()
    assert timezone.now() - initiative.last_activity_at < timedelta(minutes=1)
    client.logout()
    page = client.get(initiative.get_absolute_url())
    assertContains(page, "De eerste twintig studenten zijn begonnen.")
    assertContains(page, 'href="https://example.nl/verslag" rel="nofollow ugc noopener"')
    assertContains(page, "Fatima el Amrani")
    assertNotContains(page, 'aria-labelledby="progress-form-heading"')


def test_an_accepted_partner_posts_for_its_own_organisation_but_not_for_the_lead(
    client, initiative, partner, partner_member
):
    sign_in(client, partner_member)

    forged = post(client, initiative, initiative.lead_organisation)
    assert forged.status_code == 200  # the form again, with the error
    assert not ProgressUpdate.objects.exists()

    post(client, initiative, partner)
    assert ProgressUpdate.objects.get().organisation == partner


@pytest.mark.parametrize(
    "kind", ["anonymous", "unverified", "other_org_member", "region_coordinator", "invited", "declined"]
)
def test_who_does_not_take_part_cannot_post_an_update(client, initiative, kind):
    """A member of an organisation that is invited (not yet accepted) or was declined, of an organisation outside
    the initiative, a coordinator and an unverified member all get refused; a forged POST saves nothing."""
    if kind in ("invited", "declined"):
        organisation = OrganisationFactory()
        state = Partnership.State.INVITED if kind == "invited" else Partnership.State.DECLINED
        PartnershipFactory(initiative=initiative, organisation=organisation, state=state)
        person = organisation_admin(organisation)
    else:
        person = person_of_kind(kind, initiative.lead_organisation)
        organisation = initiative.lead_organisation
    if kind != "anonymous":
        sign_in(client, person)

    page = client.get(initiative.get_absolute_url())
    response = post(client, initiative, organisation)

    assertNotContains(page, 'aria-labelledby="progress-form-heading"')
    assert response.status_code == (302 if kind == "anonymous" else 403)
    if kind == "anonymous":
        assert response["Location"].startswith("/account/login/")
    assert not ProgressUpdate.objects.exists()


def test_nobody_outside_sees_or_posts_on_a_draft_and_nobody_posts_on_an_archived_initiative(client, lead, lead_member):
    draft = InitiativeFactory(lead_organisation=lead, visibility=Visibility.DRAFT)
    archived = InitiativeFactory(lead_organisation=lead, archived_at=timezone.now())
    sign_in(client, person_of_kind("other_org_member", lead))
    assert post(client, draft, lead).status_code == 404

    sign_in(client, lead_member)
    assert post(client, draft, lead).status_code == 302
    assert post(client, archived, lead).status_code == 404
    assert ProgressUpdate.objects.get().initiative == draft


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("link", "javascript:alert(1)"),
        ("link", "ftp://example.nl/bestand"),
        ("link", "data:text/html,<script>alert(1)</script>"),
        ("text", "x" * 1001),
        ("text", "\u200b \u200b"),
    ],
)
def test_hostile_text_and_links_other_than_web_pages_are_refused(client, initiative, lead_member, field, value):
    sign_in(client, lead_member)

    response = post(client, initiative, initiative.lead_organisation, **{field: value})

    assert response.status_code == 200
    assertContains(response, 'aria-invalid="true"')
    assert not ProgressUpdate.objects.exists()


def test_the_service_refuses_a_javascript_link_whatever_door_it_comes_through(initiative, lead_member):
    with pytest.raises(ValidationError):
        services.progress_post(
            initiative=initiative,
            user=lead_member,
            organisation=initiative.lead_organisation,
            text="Tekst",
            link="javascript:alert(1)",
        )
    assert not ProgressUpdate.objects.exists()


def test_text_is_shown_as_plain_text(client, initiative, lead_member):
    an_update(initiative, lead_member, initiative.lead_organisation, text=f"{HOSTILE} **niet vet**")

    page = client.get(initiative.get_absolute_url())

    assertNotContains(page, HOSTILE)
    assertContains(page, escape(HOSTILE))
    assertContains(page, "**niet vet**")


def test_a_retried_post_saves_one_update(client, initiative, lead_member):
    sign_in(client, lead_member)
    key = "6f1c2a52-6b0e-4d7b-a7a8-2b1f3c8f9e10"

    post(client, initiative, initiative.lead_organisation, submission=key)
    post(client, initiative, initiative.lead_organisation, submission=key)

    assert ProgressUpdate.objects.count() == 1


# Editing, deleting, hiding


def test_the_author_edits_and_deletes_their_update_and_a_colleague_cannot(client, initiative, lead, lead_member):
    update = an_update(initiative, lead_member, lead, text="Eerste versie")
    colleague = organisation_admin(lead)
    edit = f"/initiatieven/{initiative.slug}/voortgang/{update.pk}/bewerken/"
    delete = f"/initiatieven/{initiative.slug}/voortgang/{update.pk}/verwijderen/"

    sign_in(client, colleague)
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"text": "Overgenomen"}).status_code == 403
    assert client.post(delete).status_code == 403
    update.refresh_from_db()
    assert update.text == "Eerste versie"

    sign_in(client, lead_member)
    response = client.post(edit, {"text": "Tweede versie", "link": "https://example.nl"})
    assertRedirects(response, update.get_absolute_url(), fetch_redirect_response=False)
    update.refresh_from_db()
    assert (update.text, update.link) == ("Tweede versie", "https://example.nl")
    assertContains(client.get(initiative.get_absolute_url()), "(bewerkt)")

    client.post(delete)
    assert not ProgressUpdate.objects.exists()


def test_an_author_who_left_the_organisation_no_longer_edits_or_deletes(client, initiative, lead, lead_member):
    update = an_update(initiative, lead_member, lead)
    Membership.objects.filter(user=lead_member).delete()
    sign_in(client, lead_member)

    assert (
        client.post(f"/initiatieven/{initiative.slug}/voortgang/{update.pk}/bewerken/", {"text": "x"}).status_code
        == 403
    )
    assert client.post(f"/initiatieven/{initiative.slug}/voortgang/{update.pk}/verwijderen/").status_code == 403
    assert ProgressUpdate.objects.get().text == HOSTILE


def test_an_update_is_not_found_through_another_initiative(client, initiative, lead, lead_member):
    update = an_update(initiative, lead_member, lead)
    other = InitiativeFactory(lead_organisation=lead)
    sign_in(client, lead_member)

    assert client.post(f"/initiatieven/{other.slug}/voortgang/{update.pk}/verwijderen/").status_code == 404
    assert ProgressUpdate.objects.exists()


def test_a_moderator_hides_an_update_with_a_reason_and_the_author_is_told(client, initiative, lead, lead_member):
    update = an_update(initiative, lead_member, lead, text="Koop nu goedkope pillen")
    moderate = f"/initiatieven/{initiative.slug}/voortgang/{update.pk}/modereren/"
    sign_in(client, person_of_kind("other_region_coordinator", lead))
    assert client.post(moderate, {"reason": "Reclame"}).status_code == 403

    sign_in(client, person_of_kind("moderator", lead))
    client.post(moderate, {"reason": "Reclame"})

    update.refresh_from_db()
    assert update.is_hidden
    told = Notification.objects.get(recipient=lead_member)
    assert (told.kind, told.context["reason"]) == (NotificationKind.MODERATION, "Reclame")
    client.logout()
    page = client.get(initiative.get_absolute_url())
    assertNotContains(page, "Koop nu goedkope pillen")
    assertContains(page, "Dit voortgangsbericht is verborgen door een moderator.")
    sign_in(client, lead_member)
    assertContains(client.get(initiative.get_absolute_url()), "Koop nu goedkope pillen")

    sign_in(client, person_of_kind("region_coordinator", lead))
    client.post(moderate, {"reason": "Toch geen reclame"})
    update.refresh_from_db()
    assert not update.is_hidden


@pytest.mark.parametrize("kind", ["anonymous", "member", "org_admin", "author", "region_coordinator", "moderator"])
def test_the_timeline_offers_each_person_what_the_rules_allow(client, initiative, lead, lead_member, kind):
    """The timeline decides for all updates at once; each rule decides for one. They must agree."""
    an_update(initiative, lead_member, lead)
    an_update(initiative, organisation_admin(lead), lead)
    person = lead_member if kind == "author" else person_of_kind(kind, lead)
    if kind in ("region_coordinator", "moderator"):
        person.second_factor_passed = True

    for update in progress_timeline(initiative, person):
        assert update.may_edit == person.has_perm("initiatives.edit_progress", update)
        assert update.may_delete == person.has_perm("initiatives.delete_progress", update)
        assert update.may_moderate == person.has_perm("initiatives.moderate_progress", update)


def test_the_timeline_reads_a_fixed_number_of_queries(initiative, lead, lead_member, django_assert_max_num_queries):
    an_update(initiative, lead_member, lead)
    with django_assert_max_num_queries(4):
        list(progress_timeline(initiative, lead_member))
    for _ in range(20):
        an_update(initiative, lead_member, lead)
    with django_assert_max_num_queries(4):
        list(progress_timeline(initiative, lead_member))


# Followers


def test_followers_hear_of_an_update_as_they_chose(
    client, initiative, lead_member, mailoutbox, django_capture_on_commit_callbacks
):
    daily, right_away, quiet = verified_person(), verified_person(language="en"), verified_person()
    for follower in (daily, right_away, quiet, lead_member):
        follow_create(user=follower, target=initiative)
    notification_preference_set(
        user=right_away, kind=NotificationKind.FOLLOWED_PROGRESS, frequency=Frequency.IMMEDIATELY
    )
    notification_preference_set(user=quiet, kind=NotificationKind.FOLLOWED_PROGRESS, frequency=Frequency.OFF)
    sign_in(client, lead_member)

    with django_capture_on_commit_callbacks(execute=True):
        post(client, initiative, initiative.lead_organisation)

    told = {n.recipient: n for n in Notification.objects.filter(kind=NotificationKind.FOLLOWED_PROGRESS)}
    assert set(told) == {daily, right_away, quiet}  # never the author
    assert told[daily].delivery == Frequency.DAILY
    assert told[quiet].delivery == Frequency.OFF
    assert [mail.to for mail in mailoutbox] == [[right_away.email]]
    assert "De eerste twintig studenten zijn begonnen." in mailoutbox[0].body
    assert mailoutbox[0].subject == "Progress on Fietspad naar het techniekcollege"
    sign_in(client, daily)
    assertContains(client.get("/mijn/meldingen/"), "Voortgang bij Fietspad naar het techniekcollege")


@pytest.mark.parametrize("door", ["status form", "edit form"])
def test_followers_hear_of_a_status_change_with_the_old_and_new_status(
    client, initiative, lead, mailoutbox, django_capture_on_commit_callbacks, door
):
    admin = organisation_admin(lead)
    follower, quiet = verified_person(), verified_person()
    for person in (follower, quiet):
        follow_create(user=person, target=initiative)
    notification_preference_set(user=follower, kind=NotificationKind.FOLLOWED_PROGRESS, frequency=Frequency.IMMEDIATELY)
    notification_preference_set(user=quiet, kind=NotificationKind.FOLLOWED_PROGRESS, frequency=Frequency.OFF)

    sign_in(client, admin)
    with django_capture_on_commit_callbacks(execute=True):
        if door == "status form":
            client.post(f"/initiatieven/{initiative.slug}/status/", {"status": Status.RUNNING})
        else:
            client.post(f"/initiatieven/{initiative.slug}/bewerken/", edit_data(initiative, status=Status.RUNNING))

    assert Notification.objects.filter(kind=NotificationKind.FOLLOWED_PROGRESS).count() == 2
    assert [mail.to for mail in mailoutbox] == [[follower.email]]
    assert 'veranderd van "Idee" naar "Lopend"' in mailoutbox[0].body


def test_followers_who_may_not_see_a_draft_do_not_hear_of_its_status(client, lead, django_capture_on_commit_callbacks):
    draft = InitiativeFactory(lead_organisation=lead, visibility=Visibility.DRAFT)
    outsider = verified_person()  # followed it while a member, say, and left
    Follow.objects.create(user=outsider, target=draft)
    admin = organisation_admin(lead)

    services.initiative_change_status(initiative=draft, user=admin, status=Status.PROPOSAL)

    assert not Notification.objects.filter(recipient=outsider).exists()


# Last activity and history


def test_cards_say_when_an_initiative_was_last_active_in_words(client, lead):
    now = timezone.now()
    InitiativeFactory(lead_organisation=lead, title="Recent")
    Initiative.objects.filter(title="Recent").update(last_activity_at=now - timedelta(days=3, hours=2))
    InitiativeFactory(lead_organisation=lead, title="Vandaag")
    InitiativeFactory(lead_organisation=lead, title="Lang geleden")
    Initiative.objects.filter(title="Lang geleden").update(last_activity_at=datetime(2024, 3, 4, 12, tzinfo=UTC))

    page = client.get("/initiatieven/")

    assertContains(page, "Laatste activiteit: 3\u00a0dagen geleden")
    assertContains(page, "Laatste activiteit: vandaag")
    assertContains(page, "Laatste activiteit: 4 maart 2024")
    english = client.get("/en/initiatieven/")
    assertContains(english, "Last activity: 3\u00a0days ago")


def test_the_versions_page_shows_old_and_new_values_by_name(client, lead):
    admin = organisation_admin(lead)
    initiative = services.initiative_create(
        user=admin,
        lead_organisation=lead,
        data=InitiativeData(
            title="Fietspad",
            summary="Een fietspad",
            themes=[Theme.objects.get(number=1)],
            primary_region=lead.municipality.region,
        ),
    )
    other_region = LabourMarketRegion.objects.exclude(pk=lead.municipality.region_id).order_by("code").first()
    data = InitiativeData(
        title="Fietspaden voor iedereen",
        summary="Een fietspad",
        description="Nieuwe tekst",
        themes=[Theme.objects.get(number=2)],
        primary_region=lead.municipality.region,
        regions=[other_region],
        status=Status.PROPOSAL,
    )
    services.initiative_update(initiative=initiative, user=admin, version=initiative.version, data=data)

    page = client.get(f"/initiatieven/{initiative.slug}/versies/")

    assertContains(page, "Titel: van “Fietspad” naar “Fietspaden voor iedereen”")
    assertContains(page, "Status: van “Idee” naar “Voorstel”")
    theme_1, theme_2 = Theme.objects.get(number=1), Theme.objects.get(number=2)
    assertContains(page, f"Thema&#x27;s: van “{escape(str(theme_1))}” naar “{escape(str(theme_2))}”")
    assertContains(page, f"naar “{escape(other_region.name)}”")
    assertContains(page, "Gewijzigd: beschrijving")
    assertNotContains(page, "Nieuwe tekst")


# Stale initiatives


@pytest.fixture
def silent(lead):
    """A running initiative of `lead` nobody touched for 13 months."""
    initiative = InitiativeFactory(lead_organisation=lead, status=Status.RUNNING, title="Stil initiatief")
    Initiative.objects.filter(pk=initiative.pk).update(last_activity_at=timezone.now() - timedelta(days=400))
    initiative.refresh_from_db()
    return initiative


def test_stale_initiatives_are_those_of_the_region_silent_for_a_year_and_still_under_way(lead, silent):
    region = lead.municipality.region
    recent = InitiativeFactory(lead_organisation=lead)
    completed = InitiativeFactory(lead_organisation=lead, status=Status.COMPLETED)
    archived = InitiativeFactory(lead_organisation=lead, archived_at=timezone.now())
    elsewhere = InitiativeFactory(
        lead_organisation=OrganisationFactory(municipality=silent_municipality_elsewhere(region))
    )
    long_ago = timezone.now() - timedelta(days=400)
    Initiative.objects.filter(pk__in=[completed.pk, archived.pk, elsewhere.pk]).update(last_activity_at=long_ago)

    assert list(stale_initiatives(region)) == [silent]
    assert recent in stale_initiatives(region, now=timezone.now() + timedelta(days=400))  # a year from now
    assert list(stale_initiatives(region, now=timezone.now() - timedelta(days=100))) == []


def silent_municipality_elsewhere(region):
    return Municipality.objects.current().exclude(region=region).first()


def test_the_daily_command_tells_the_regions_coordinators_once_per_silent_period(lead, silent, lead_member):
    region = lead.municipality.region
    coordinator = RegionCoordinatorFactory(region=region).user
    elsewhere = RegionCoordinatorFactory(region=silent_municipality_elsewhere(region).region).user

    call_command("flag_stale_initiatives")
    call_command("flag_stale_initiatives")

    told = Notification.objects.filter(kind=NotificationKind.STALE_INITIATIVE)
    assert [(n.recipient, n.target_id) for n in told] == [(coordinator, silent.pk)]
    assert told.get().delivery == Frequency.WEEKLY

    services.progress_post(initiative=silent, user=lead_member, organisation=lead, text="We lopen nog")
    assert list(stale_initiatives(region)) == []
    Initiative.objects.filter(pk=silent.pk).update(last_activity_at=timezone.now() - timedelta(days=370))
    call_command("flag_stale_initiatives")
    assert Notification.objects.filter(kind=NotificationKind.STALE_INITIATIVE, recipient=coordinator).count() == 2
    assert not Notification.objects.filter(recipient=elsewhere).exists()
