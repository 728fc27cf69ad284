"""Following initiatives, regions, themes and organisations: the buttons, the automatic follows, /mijn/ and the
rules."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from agendastad.notifications.models import Follow
from agendastad.notifications.services import follow_create, follow_delete
from initiatives import services as initiative_services
from initiatives.models import Partnership, Theme, Visibility
from regions.models import LabourMarketRegion, Municipality, OrganisationKind

from ..factories import (
    USER_KINDS,
    InitiativeFactory,
    MembershipFactory,
    NotificationFactory,
    OrganisationFactory,
    UserFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    return Theme.objects.get(number=1)


@pytest.fixture
def initiative():
    return InitiativeFactory(title="Fietspad naar het techniekcollege")


def pages(initiative, region, theme):
    """(page, follow path, target) for the four kinds of thing a person follows."""
    organisation = initiative.lead_organisation
    return [
        (initiative.get_absolute_url(), f"/volgen/initiatief/{initiative.slug}/", initiative),
        (region.get_absolute_url(), f"/volgen/regio/{region.slug}/", region),
        (theme.get_absolute_url(), f"/volgen/thema/{theme.slug}/", theme),
        (organisation.get_absolute_url(), f"/volgen/organisatie/{organisation.slug}/", organisation),
    ]


def test_a_person_follows_and_unfollows_an_initiative_a_region_a_theme_and_an_organisation(
    client, initiative, region, theme
):
    person = verified_person()
    sign_in(client, person)
    for page, follow_path, _target in pages(initiative, region, theme):
        assertContains(client.get(page), f'action="{follow_path}"')

        response = client.post(follow_path)
        assertRedirects(response, page, fetch_redirect_response=False)
        client.post(follow_path)  # a second click changes nothing
        assert Follow.objects.filter(user=person).count() == 1

        unfollow_path = follow_path.replace("/volgen/", "/ontvolgen/")
        assertContains(client.get(page), f'action="{unfollow_path}"')
        assertRedirects(client.post(unfollow_path), page, fetch_redirect_response=False)
        assert not Follow.objects.filter(user=person).exists()


def test_anonymous_visitors_get_a_login_link_and_unverified_people_no_button(client, initiative, region, theme):
    unverified = person_of_kind("unverified", initiative.lead_organisation)
    for page, follow_path, _target in pages(initiative, region, theme):
        response = client.get(page)
        assertContains(response, f'href="/account/login/?next={page}"')
        assertNotContains(response, f'action="{follow_path}"')
    sign_in(client, unverified)
    for page, follow_path, _target in pages(initiative, region, theme):
        assertNotContains(client.get(page), f'action="{follow_path}"')
        assert client.post(follow_path).status_code == 403
    assert not Follow.objects.exists()


def test_a_draft_cannot_be_followed_by_those_who_may_not_see_it(client):
    draft = InitiativeFactory(visibility=Visibility.DRAFT)
    outsider = verified_person()
    sign_in(client, outsider)
    assert client.post(f"/volgen/initiatief/{draft.slug}/").status_code == 404
    with pytest.raises(PermissionDenied):
        follow_create(user=outsider, target=draft)
    member = verified_person()
    MembershipFactory(user=member, organisation=draft.lead_organisation)
    sign_in(client, member)
    assert client.post(f"/volgen/initiatief/{draft.slug}/").status_code == 302
    assert list(Follow.objects.values_list("user", flat=True)) == [member.pk]


def test_an_unknown_kind_of_thing_is_not_found(client, region):
    sign_in(client, verified_person())
    assert client.post(f"/volgen/gemeente/{region.slug}/").status_code == 404
    assert not Follow.objects.exists()


def test_the_database_holds_one_follow_per_person_and_target(region, theme):
    person = UserFactory()
    Follow.objects.create(user=person, target=region)
    with pytest.raises(IntegrityError):
        Follow.objects.create(user=person, target=region)


def test_a_follow_of_nothing_cannot_exist():
    with pytest.raises(IntegrityError):
        Follow.objects.create(user=UserFactory())


def test_what_did_not_register_as_followable_cannot_be_followed(region):
    municipality = region.municipalities.first()
    with pytest.raises(PermissionDenied):
        follow_create(user=verified_person(), target=municipality)
    assert not Follow.objects.exists()


def test_a_follow_goes_with_what_it_follows(initiative, theme):
    person = UserFactory()
    Follow.objects.create(user=person, target=initiative)
    Follow.objects.create(user=person, target=theme)
    initiative.delete()
    assert [follow.target for follow in Follow.objects.all()] == [theme]


def test_the_creator_follows_a_new_initiative(client, theme):
    lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
    creator = verified_person()
    MembershipFactory(user=creator, organisation=lead)
    sign_in(client, creator)
    response = client.post(
        "/initiatieven/nieuw/",
        {
            "lead_organisation": lead.pk,
            "title": "Techniek in de wijk",
            "summary": "Leerlingen maken kennis met techniek.",
            "status": "idea",
            "visibility": Visibility.DRAFT,
            "themes": [theme.pk],
            "primary_region": lead.municipality.region_id,
        },
    )
    assert response.status_code == 302
    assert Follow.objects.get(user=creator).target.title == "Techniek in de wijk"


def test_the_admins_of_an_accepted_partner_follow_the_initiative_and_declined_ones_do_not(initiative):
    lead_admin = organisation_admin(initiative.lead_organisation)
    school, company = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO), OrganisationFactory()
    school_admin, school_member = organisation_admin(school), verified_person()
    MembershipFactory(user=school_member, organisation=school)
    company_admin = organisation_admin(company)
    for organisation in (school, company):
        initiative_services.partnership_invite(
            initiative=initiative, organisation=organisation, role=Partnership.Role.PARTNER, user=lead_admin
        )
    initiative_services.partnership_accept(
        partnership=initiative.partnerships.get(organisation=school), user=school_admin
    )
    initiative_services.partnership_decline(
        partnership=initiative.partnerships.get(organisation=company), user=company_admin
    )

    assert set(initiative.follows.values_list("user", flat=True)) == {school_admin.pk}


def test_my_overview_lists_what_i_follow_but_not_a_draft_i_can_no_longer_see(client, initiative, region, theme):
    person = verified_person()
    hidden = InitiativeFactory(title="Verborgen plan")
    for target in (initiative, region, theme, hidden):
        follow_create(user=person, target=target)
    hidden.visibility = Visibility.DRAFT
    hidden.save()
    sign_in(client, person)

    response = client.get("/mijn/")

    assertContains(response, f'href="{initiative.get_absolute_url()}"')
    assertContains(response, f'href="{region.get_absolute_url()}"')
    assertContains(response, f'href="{theme.get_absolute_url()}"')
    assertNotContains(response, "Verborgen plan")
    assertContains(response, 'href="/mijn/meldingen/instellingen/"')


def test_unfollowing_what_one_does_not_follow_is_fine(region):
    person = verified_person()
    follow_delete(user=person, target=region)
    assert not Follow.objects.exists()


# Rules

FOLLOWERS = frozenset(USER_KINDS) - {"anonymous", "unverified"}
DRAFT_FOLLOWERS = frozenset({"member", "org_admin", "region_coordinator", "moderator", "superuser"})


@pytest.mark.parametrize("kind", USER_KINDS)
def test_who_may_follow(kind, region, theme):
    public = InitiativeFactory()
    draft = InitiativeFactory(lead_organisation=public.lead_organisation, visibility=Visibility.DRAFT)
    archived = InitiativeFactory(lead_organisation=public.lead_organisation, archived_at=timezone.now())
    person = person_of_kind(kind, public.lead_organisation)

    assert person.has_perm("agendastad.follow", public) is (kind in FOLLOWERS)
    assert person.has_perm("agendastad.follow", region) is (kind in FOLLOWERS)
    assert person.has_perm("agendastad.follow", theme) is (kind in FOLLOWERS)
    assert person.has_perm("agendastad.follow", draft) is (kind in DRAFT_FOLLOWERS)
    assert person.has_perm("agendastad.follow", archived) is (kind in {"moderator", "superuser"})
    assert person.has_perm("agendastad.follow", None) is False
    assert person.has_perm("agendastad.unfollow", region) is (kind != "anonymous")


@pytest.mark.parametrize("kind", USER_KINDS)
def test_notifications_are_read_only_by_their_recipient(kind):
    organisation = OrganisationFactory(municipality=Municipality.objects.get(code="GM0014"))
    person = person_of_kind(kind, organisation)
    someone_else = NotificationFactory()

    signed_in = kind != "anonymous"
    assert person.has_perm("agendastad.view_notifications") is signed_in
    assert person.has_perm("agendastad.change_notification_preferences") is signed_in
    assert person.has_perm("agendastad.read_notification", someone_else) is False
    if signed_in:
        assert person.has_perm("agendastad.read_notification", NotificationFactory(recipient=person)) is True


def test_a_deactivated_person_may_do_nothing_with_notifications():
    person = verified_person(is_active=False)
    own = NotificationFactory(recipient=person)
    assert not person.has_perm("agendastad.read_notification", own)
    assert not person.has_perm("agendastad.follow", LabourMarketRegion.objects.first())
