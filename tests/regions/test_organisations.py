import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from regions.models import Invitation, Membership, Municipality, Organisation, OrganisationKind, RegionCoordinator

from ..factories import HOSTILE, OrganisationFactory, UserFactory, person_of_kind, sign_in

pytestmark = pytest.mark.django_db


def verified(user, language: str = "nl"):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


@pytest.fixture
def person():
    return verified(UserFactory())


def member_of(organisation, user=None, role=Membership.Role.MEMBER, **extra):
    user = user or verified(UserFactory())
    Membership.objects.create(user=user, organisation=organisation, role=role, state=Membership.State.ACTIVE, **extra)
    return user


def register_data(**overrides) -> dict:
    data = {
        "name": "Techniekcollege Noord",
        "kind": OrganisationKind.SCHOOL_MBO,
        "municipality": Municipality.objects.get(code="GM0014").pk,
        "website": "https://techniekcollege.example.nl",
        "description": "Mbo-opleidingen in techniek.",
        "kvk_number": "",
    }
    return {**data, **overrides}


def test_a_verified_person_registers_an_organisation_and_becomes_its_admin(client, person):
    client.force_login(person)
    response = client.post("/organisaties/nieuw/", register_data())

    organisation = Organisation.objects.get(name="Techniekcollege Noord")
    assertRedirects(response, f"/organisaties/{organisation.slug}/", fetch_redirect_response=False)
    assert organisation.helix == "knowledge"
    assert organisation.municipality.region.code == "AM01"
    assert not organisation.is_verified
    assert Membership.objects.get(organisation=organisation, user=person).is_admin
    page = client.get(response.url)
    assertContains(page, "is geregistreerd")
    assertContains(page, "Nog niet geverifieerd")


def test_bad_input_is_explained_in_dutch_and_keeps_what_was_typed(client, person):
    client.force_login(person)
    response = client.post("/organisaties/nieuw/", register_data(kvk_number="1234", website="geen-url"))

    assert response.status_code == 200
    assertContains(response, "Een KvK-nummer heeft precies 8 cijfers.")
    assertContains(response, "Voer een geldige URL in.")
    assertContains(response, 'value="Techniekcollege Noord"')
    assertContains(response, 'aria-invalid="true"')
    assert not Organisation.objects.filter(name="Techniekcollege Noord").exists()


@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "\u202e", "\u00a0\u2003\u200d"])
def test_an_organisation_name_of_only_invisible_characters_is_refused(client, person, name):
    client.force_login(person)
    response = client.post("/organisaties/nieuw/", register_data(name=name))

    assertContains(response, "Typ zichtbare tekst: alleen spaties en onzichtbare tekens tellen niet.")
    assert not Organisation.objects.filter(kind=OrganisationKind.SCHOOL_MBO).exists()


def test_a_likely_duplicate_is_pointed_out_before_saving(client, person):
    existing = OrganisationFactory(name="Techniekcollege Noord")
    client.force_login(person)

    response = client.post("/organisaties/nieuw/", register_data(name="techniekcollege noord"))
    assert response.status_code == 200
    assertContains(response, "Al geregistreerd met dezelfde naam in deze gemeente")
    assertContains(response, f'href="/organisaties/{existing.slug}/"')
    assert Organisation.objects.filter(name__iexact="techniekcollege noord").count() == 1

    response = client.post("/organisaties/nieuw/", register_data(name="techniekcollege noord", confirm_distinct="on"))
    assert response.status_code == 302
    assert Organisation.objects.filter(name__iexact="techniekcollege noord").count() == 2
    assert Organisation.objects.filter(name__iexact="techniekcollege noord").values("slug").distinct().count() == 2


def test_the_list_filters_by_region_helix_kind_and_name(client):
    groningen = Municipality.objects.get(code="GM0014")
    rotterdam = Municipality.objects.get(name="Rotterdam")
    OrganisationFactory(name="Gemeente Groningen", kind=OrganisationKind.MUNICIPALITY, municipality=groningen)
    OrganisationFactory(name="Haven Logistiek", kind=OrganisationKind.BUSINESS, municipality=rotterdam)
    OrganisationFactory(name="FNV Noord", kind=OrganisationKind.UNION, municipality=groningen)

    response = client.get("/organisaties/", {"region": "groningen"})
    assertContains(response, "Gemeente Groningen")
    assertContains(response, "FNV Noord")
    assertNotContains(response, "Haven Logistiek")

    response = client.get("/organisaties/", {"helix": "social_partners"})
    assertContains(response, "FNV Noord")
    assertNotContains(response, "Gemeente Groningen")

    response = client.get("/organisaties/", {"kind": "business", "q": "haven"})
    assertContains(response, "Haven Logistiek")
    assertContains(response, "1 organisatie")


def test_the_list_pages_and_keeps_the_filters(client):
    groningen = Municipality.objects.get(code="GM0014")
    OrganisationFactory.create_batch(30, kind=OrganisationKind.BUSINESS, municipality=groningen)
    response = client.get("/organisaties/", {"helix": "business"})
    assertContains(response, "30 organisaties")
    assertContains(response, "Pagina 1 van 2")
    assertContains(response, 'href="?helix=business&amp;page=2"')


def test_the_profile_shows_only_members_who_chose_to_be_shown_and_escapes_names(client, organisation):
    shown = member_of(organisation, show_on_profile=True)
    hidden = member_of(organisation)
    response = client.get(organisation.get_absolute_url())
    assertContains(response, shown.display_name.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))
    assertNotContains(response, f"Person {hidden.pk}")
    assertNotContains(response, HOSTILE)
    assertContains(response, "Groningen")


def test_a_member_chooses_on_my_overview_whether_their_name_is_on_the_organisation_s_page(client, organisation):
    person = member_of(organisation, verified(UserFactory(display_name="Femke Visser")))
    client.force_login(person)
    assertContains(client.get("/mijn/"), "Je naam staat niet op de pagina van de organisatie.")
    assertNotContains(client.get(organisation.get_absolute_url()), "Femke Visser")

    response = client.post(f"/organisaties/{organisation.slug}/zichtbaarheid/", {"shown": "1"}, follow=True)

    assertRedirects(response, "/mijn/")
    assertContains(response, f"Je naam staat op de pagina van {escape(organisation.name)}.")
    assertContains(client.get(organisation.get_absolute_url()), "Femke Visser")

    client.post(f"/organisaties/{organisation.slug}/zichtbaarheid/", {"shown": "0"})
    assertNotContains(client.get(organisation.get_absolute_url()), "Femke Visser")


def test_only_members_choose_to_be_shown(client, organisation):
    outsider = verified(UserFactory(display_name="Niet Lid"))
    client.force_login(outsider)
    assert client.post(f"/organisaties/{organisation.slug}/zichtbaarheid/", {"shown": "1"}).status_code == 403
    assert not Membership.objects.filter(user=outsider).exists()


def test_a_coordinator_verifies_an_organisation_in_their_region(client, organisation):
    coordinator = verified(UserFactory())
    RegionCoordinator.objects.create(user=coordinator, region=organisation.municipality.region)
    sign_in(client, coordinator)
    assertContains(client.get(organisation.get_absolute_url()), "Deze organisatie verifiëren")

    response = client.post(f"/organisaties/{organisation.slug}/verifieren/")

    organisation.refresh_from_db()
    assert response.status_code == 302
    assert organisation.is_verified
    assert organisation.verified_by == coordinator


def test_joining_is_requested_then_approved_with_mails_in_each_persons_language(
    client, organisation, person, django_capture_on_commit_callbacks
):
    admin = member_of(organisation, verified(UserFactory(), language="en"), role=Membership.Role.ADMIN)
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/organisaties/{organisation.slug}/aanmelden/")

    membership = Membership.objects.get(user=person, organisation=organisation)
    assert membership.state == Membership.State.REQUESTED
    assert [message.to for message in mail.outbox] == [[admin.email]]
    assert "asks to join" in mail.outbox[0].body
    assert f"/organisaties/{organisation.slug}/leden/" in mail.outbox[0].body

    client.force_login(admin)
    assertContains(client.get("/mijn/"), "vraagt om lid te worden van")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/organisaties/{organisation.slug}/leden/{membership.pk}/goedkeuren/")
    assert response.status_code == 302

    membership.refresh_from_db()
    assert membership.state == Membership.State.ACTIVE
    assert membership.approved_by == admin
    assert mail.outbox[1].to == [person.email]
    assert "is goedgekeurd" in mail.outbox[1].body


def test_a_declined_request_is_gone_and_the_person_is_told(
    client, organisation, person, django_capture_on_commit_callbacks
):
    admin = member_of(organisation, role=Membership.Role.ADMIN)
    membership = Membership.objects.create(user=person, organisation=organisation)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/organisaties/{organisation.slug}/leden/{membership.pk}/afwijzen/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert mail.outbox[-1].to == [person.email]


def test_an_invitation_reaches_someone_without_an_account_who_signs_up_and_accepts(
    client, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(verified_at=timezone.now())
    admin = member_of(organisation, role=Membership.Role.ADMIN)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/organisaties/{organisation.slug}/uitnodigen/", {"email": "nieuw@example.org", "role": "member"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="nieuw@example.org")
    assert mail.outbox[-1].to == ["nieuw@example.org"]
    assert f"/mijn/uitnodigingen/{invitation.token}/" in mail.outbox[-1].body

    newcomer = verified(UserFactory(email="Nieuw@example.org"))
    client.force_login(newcomer)
    assertContains(client.get("/mijn/"), f"/mijn/uitnodigingen/{invitation.token}/")
    response = client.post(f"/mijn/uitnodigingen/{invitation.token}/", {"accept": "1"})

    assertRedirects(response, organisation.get_absolute_url())
    assert Membership.objects.get(user=newcomer, organisation=organisation).state == Membership.State.ACTIVE
    invitation.refresh_from_db()
    assert invitation.accepted is True


def test_an_invitation_cannot_be_answered_from_another_address(client, organisation):
    invitation = Invitation.objects.create(organisation=organisation, email="a@example.org", token="t" * 43)
    stranger = verified(UserFactory())
    client.force_login(stranger)
    assertContains(client.get(f"/mijn/uitnodigingen/{invitation.token}/"), "a@example.org")
    assert client.post(f"/mijn/uitnodigingen/{invitation.token}/", {"accept": "1"}).status_code == 403
    assert not Membership.objects.filter(user=stranger).exists()


def test_inviting_someone_twice_is_a_clear_error_that_keeps_the_form(client, organisation):
    admin = member_of(organisation, role=Membership.Role.ADMIN)
    client.force_login(admin)
    client.post(f"/organisaties/{organisation.slug}/uitnodigen/", {"email": "x@example.org", "role": "member"})
    response = client.post(
        f"/organisaties/{organisation.slug}/uitnodigen/", {"email": "x@example.org", "role": "admin"}
    )
    assert response.status_code == 200
    assertContains(response, "is al uitgenodigd")
    assertContains(response, 'value="x@example.org"')
    assert Invitation.objects.filter(email="x@example.org").count() == 1


def test_the_last_admin_cannot_leave_without_naming_a_successor(client, organisation):
    admin = member_of(organisation, role=Membership.Role.ADMIN)
    colleague = member_of(organisation)
    client.force_login(admin)

    response = client.post(f"/organisaties/{organisation.slug}/verlaten/", {})
    assert response.status_code == 200
    assertContains(response, "Dit veld is verplicht.")
    assert Membership.objects.filter(user=admin, organisation=organisation).exists()

    successor = Membership.objects.get(user=colleague, organisation=organisation)
    response = client.post(f"/organisaties/{organisation.slug}/verlaten/", {"successor": successor.pk})
    assertRedirects(response, "/mijn/")
    assert not Membership.objects.filter(user=admin, organisation=organisation).exists()
    successor.refresh_from_db()
    assert successor.is_admin


def test_the_last_admin_cannot_be_demoted_or_removed(client, organisation):
    admin = member_of(organisation, role=Membership.Role.ADMIN)
    membership = Membership.objects.get(user=admin)
    client.force_login(admin)

    response = client.post(
        f"/organisaties/{organisation.slug}/leden/{membership.pk}/rol/", {"role": "member"}, follow=True
    )
    assertContains(response, "heeft minstens één beheerder nodig")
    response = client.post(f"/organisaties/{organisation.slug}/leden/{membership.pk}/verwijderen/", follow=True)
    assertContains(response, "heeft minstens één beheerder nodig")
    membership.refresh_from_db()
    assert membership.is_admin


def test_a_moderator_manages_members_everywhere_but_does_not_let_themselves_in_or_make_themselves_admin(
    client, organisation
):
    """Joining and becoming admin are for the organisation's admins to decide, also when the one asking is a
    moderator, who manages the members of every organisation."""
    moderator = person_of_kind("moderator", organisation)
    EmailAddress.objects.create(user=moderator, email="tweede@example.org", verified=True)
    member_of(organisation, role=Membership.Role.ADMIN)
    sign_in(client, moderator)
    client.post(f"/organisaties/{organisation.slug}/aanmelden/")
    membership = Membership.objects.get(user=moderator, organisation=organisation)
    members = f"/organisaties/{organisation.slug}/leden/{membership.pk}"

    response = client.post(f"{members}/goedkeuren/", follow=True)
    assertContains(response, "Je kunt je eigen aanvraag niet goedkeuren")
    membership.refresh_from_db()
    assert membership.state == Membership.State.REQUESTED

    Membership.objects.filter(pk=membership.pk).update(state=Membership.State.ACTIVE)
    response = client.post(f"{members}/rol/", {"role": "admin"}, follow=True)
    assertContains(response, "Je kunt jezelf geen beheerder maken")
    membership.refresh_from_db()
    assert membership.role == Membership.Role.MEMBER

    for address in (moderator.email, "TWEEDE@example.org"):
        response = client.post(f"/organisaties/{organisation.slug}/uitnodigen/", {"email": address, "role": "admin"})
        assertContains(response, "Je kunt jezelf niet uitnodigen")
    assert not Invitation.objects.exists()


def test_mine_shows_my_organisations_roles_and_pending_requests(client, person):
    mine = OrganisationFactory(name="Gemeente Groningen")
    waiting = OrganisationFactory(name="Hanzehogeschool Groningen")
    member_of(mine, person, role=Membership.Role.ADMIN)
    Membership.objects.create(user=person, organisation=waiting)
    client.force_login(person)

    response = client.get("/mijn/")
    assertContains(response, "Gemeente Groningen")
    assertContains(response, "Beheerder")
    assertContains(response, "Hanzehogeschool Groningen")
    assertContains(response, "wacht op goedkeuring")
