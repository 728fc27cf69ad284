"""Initiatives over HTTP and through their services: create, edit, lifecycle, partners, drafts, archive."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from agendastad.notifications.models import Notification
from agendastad.notifications.services import follow_create
from initiatives import services
from initiatives.models import ALLOWED_TRANSITIONS, Initiative, Partnership, Status, Theme, Visibility
from regions.models import LabourMarketRegion, Membership, Municipality, OrganisationKind

from ..factories import (
    HOSTILE,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionCoordinatorFactory,
    UserFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db

GRONINGEN = "GM0014"
C0_AND_SPACE = "".join(map(chr, range(0x21)))


@pytest.fixture
def initiative(lead):
    return InitiativeFactory(lead_organisation=lead, title="Fietspad naar het techniekcollege")


def member_of(organisation, **kwargs):
    user = verified_person(**kwargs)
    MembershipFactory(user=user, organisation=organisation)
    return user


def create_data(lead, **overrides) -> dict:
    """What a person types into the registration form."""
    data = {
        "lead_organisation": lead.pk,
        "title": "Fietspad naar het techniekcollege",
        "summary": "Een veilige route voor studenten uit de ommelanden.",
        "description": "Samen met **de provincie** en het *mbo*.",
        "status": Status.IDEA,
        "visibility": Visibility.PUBLIC,
        "themes": [Theme.objects.get(number=4).pk],
        "primary_region": lead.municipality.region.pk,
        "municipalities": [Municipality.objects.get(code=GRONINGEN).pk],
        "sought_helices": ["knowledge"],
        "sought_note": "Een school die meedenkt.",
        "start_date": "2025-01-01",
        "end_date": "2026-12-31",
        "budget": "25000",
        "website": "https://fietspad.example.nl",
    }
    return {**data, **overrides}


def edit_data(initiative: Initiative, **overrides) -> dict:
    """The edit form as it comes back unchanged, plus `overrides`."""
    initiative.refresh_from_db()
    data = {
        "title": initiative.title,
        "summary": initiative.summary,
        "description": initiative.description,
        "status": initiative.status,
        "visibility": initiative.visibility,
        "themes": [theme.pk for theme in initiative.themes.all()],
        "primary_region": initiative.primary_region_id,
        "sought_note": initiative.sought_note,
        "version": initiative.version,
    }
    return {**data, **overrides}


def edit_url(initiative: Initiative) -> str:
    return f"/initiatieven/{initiative.slug}/bewerken/"


OUR_SCRIPT = re.compile(r"/static/vendor/htmx/htmx\.min\.js")


class DangerousMarkup(HTMLParser):
    """Collects everything in a page that could run script: script and embedding elements, event handler
    attributes, and links or sources with a script or data scheme."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and OUR_SCRIPT.fullmatch(dict(attrs).get("src") or ""):
            return  # htmx, served from our own static files (the page's only script)
        if tag in {"script", "iframe", "object", "embed", "img"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in {"href", "src", "action", "formaction"} and value:
                # As a browser reads a URL: outer spaces and controls dropped, tabs and newlines removed anywhere.
                scheme = re.sub(r"[\t\n\r]", "", value).strip(C0_AND_SPACE).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    self.found.append(f"{tag} {name}={value}")


def dangerous_markup(html: str) -> list[str]:
    parser = DangerousMarkup()
    parser.feed(html)
    return parser.found


# Creating


def test_a_member_registers_an_initiative_and_their_organisation_leads_it(client, lead):
    member = member_of(lead)
    sign_in(client, member)
    assert client.get("/initiatieven/nieuw/").status_code == 200

    response = client.post("/initiatieven/nieuw/", create_data(lead))

    initiative = Initiative.objects.get(title="Fietspad naar het techniekcollege")
    assertRedirects(response, f"/initiatieven/{initiative.slug}/", fetch_redirect_response=False)
    assert initiative.slug == "fietspad-naar-het-techniekcollege"
    assert initiative.created_by == member
    assert initiative.lead_organisation == lead
    assert [theme.number for theme in initiative.themes.all()] == [4]
    assert list(initiative.sought_partners.values_list("helix", flat=True)) == ["knowledge"]
    lead_partnership = initiative.partnerships.get()
    assert (lead_partnership.organisation, lead_partnership.role, lead_partnership.state) == (lead, "lead", "accepted")
    assert initiative.history.count() == 1
    assert initiative.history.get().history_user == member

    page = client.get(response.url)
    assertContains(page, "Fietspad naar het techniekcollege")
    assertContains(page, "<strong>de provincie</strong>", html=True)
    assertContains(page, "https://fietspad.example.nl")


def test_a_second_initiative_with_the_same_title_gets_its_own_address(client, lead):
    sign_in(client, member_of(lead))
    client.post("/initiatieven/nieuw/", create_data(lead))
    client.post("/initiatieven/nieuw/", create_data(lead))

    slugs = sorted(Initiative.objects.values_list("slug", flat=True))
    assert slugs == ["fietspad-naar-het-techniekcollege", "fietspad-naar-het-techniekcollege-2"]


INVISIBLE_TEXTS = ["\u200b\u200b\u200b", "\u202e", "\u00a0\u2003\u200b", "\u2066\u3164\ufeff"]
VISIBLE_TEXT_REQUIRED = "Typ zichtbare tekst: alleen spaties en onzichtbare tekens tellen niet."


@pytest.mark.parametrize("text", INVISIBLE_TEXTS)
def test_a_title_or_summary_of_only_invisible_characters_is_refused_with_a_message(client, lead, text):
    client.force_login(member_of(lead))

    response = client.post("/initiatieven/nieuw/", create_data(lead, title=text, summary=text))

    assertContains(response, VISIBLE_TEXT_REQUIRED, count=2)
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("text", ["\u00a0\u2003", "\u200b\u200b\u200b", "\u202e"])
def test_the_service_refuses_an_invisible_title_too(lead, text):
    """Imports, the admin and commands reach the service without the web form's stripping of spaces."""
    data = services.InitiativeData(
        title=text,
        summary="Samenvatting",
        themes=[Theme.objects.get(number=1)],
        primary_region=lead.municipality.region,
    )
    with pytest.raises(ValidationError) as error:
        services.initiative_create(user=member_of(lead), lead_organisation=lead, data=data)
    assert "title" in error.value.message_dict
    assert not Initiative.objects.exists()


def test_the_same_registration_posted_twice_creates_one_initiative_and_the_retry_leads_to_it(
    client, lead, django_capture_on_commit_callbacks, mailoutbox
):
    follower = verified_person()
    follow_create(user=follower, target=lead.municipality.region)
    client.force_login(member_of(lead))
    form = client.get("/initiatieven/nieuw/").content.decode()
    key = re.search(r'name="submission" value="([0-9a-f-]{36})"', form).group(1)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/initiatieven/nieuw/", create_data(lead, submission=key))
        retry = client.post("/initiatieven/nieuw/", create_data(lead, submission=key))
        other = client.post("/initiatieven/nieuw/", create_data(lead, submission=key, title="Tweede plan"))

    initiative = Initiative.objects.get(title="Fietspad naar het techniekcollege")
    assert first.url == retry.url == initiative.get_absolute_url()
    assert other.url == Initiative.objects.get(title="Tweede plan").get_absolute_url()
    assert Initiative.objects.count() == 2
    assert Notification.objects.filter(recipient=follower).count() == 2


@pytest.mark.parametrize("kind", ["anonymous", "unverified", "other_org_member", "other_region_coordinator"])
def test_people_who_may_not_register_for_the_organisation_save_nothing(client, lead, kind):
    person = person_of_kind(kind, lead)
    if person.is_authenticated:
        sign_in(client, person)

    response = client.post("/initiatieven/nieuw/", create_data(lead))

    if kind == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith("/account/login/")
    elif kind == "unverified":
        assert response.status_code == 403
    else:
        # They may register initiatives, but not for an organisation they have no part in.
        assert response.status_code == 200
        assertContains(response, 'aria-invalid="true"')
    assert not Initiative.objects.exists()


def test_a_verified_person_without_an_organisation_cannot_open_the_form(client):
    sign_in(client, verified_person())
    assert client.get("/initiatieven/nieuw/").status_code == 403


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, lead):
    sign_in(client, member_of(lead))

    response = client.post("/initiatieven/nieuw/", create_data(lead, themes=[], title=""))
    assert response.status_code == 200
    assertContains(response, 'id="id_title_error"')
    assertContains(response, 'id="id_themes_error"')
    assertContains(response, "Een veilige route voor studenten uit de ommelanden.")

    rotterdam = Municipality.objects.get(name="Rotterdam")
    response = client.post(
        "/initiatieven/nieuw/", create_data(lead, municipalities=[rotterdam.pk], end_date="2024-01-01")
    )
    assert response.status_code == 200
    assertContains(response, "Rotterdam")
    assertContains(response, 'id="id_municipalities_error"')
    assertContains(response, 'value="Fietspad naar het techniekcollege"')
    assert not Initiative.objects.exists()


def test_an_end_before_the_start_and_a_negative_budget_are_explained_at_their_fields(client, lead):
    sign_in(client, member_of(lead))

    response = client.post("/initiatieven/nieuw/", create_data(lead, end_date="2024-12-31", budget="-5"))
    assertContains(response, 'id="id_budget_error"')
    assert not Initiative.objects.exists()

    response = client.post("/initiatieven/nieuw/", create_data(lead, end_date="2024-12-31"))
    assertContains(response, 'id="id_end_date_error"')
    assertContains(response, "De einddatum ligt vóór de startdatum.")
    assert not Initiative.objects.exists()


def test_a_new_initiative_starts_as_an_idea_unless_a_coordinator_logs_what_already_runs(client, lead):
    sign_in(client, member_of(lead))
    response = client.post("/initiatieven/nieuw/", create_data(lead, status=Status.RUNNING))
    assert response.status_code == 200
    assert not Initiative.objects.exists()

    coordinator = verified_person()
    RegionCoordinatorFactory(user=coordinator, region=lead.municipality.region)
    sign_in(client, coordinator)
    response = client.post("/initiatieven/nieuw/", create_data(lead, status=Status.RUNNING))
    assert response.status_code == 302
    assert Initiative.objects.get().status == Status.RUNNING


def test_the_service_refuses_a_running_start_by_a_member(lead):
    member = member_of(lead)
    data = services.InitiativeData(
        title="Doorstart",
        summary="Samenvatting",
        themes=[Theme.objects.get(number=1)],
        primary_region=lead.municipality.region,
        status=Status.RUNNING,
    )
    with pytest.raises(ValidationError) as error:
        services.initiative_create(user=member, lead_organisation=lead, data=data)
    assert "status" in error.value.message_dict
    assert not Initiative.objects.exists()


def test_the_contact_person_must_belong_to_the_lead_organisation(lead):
    member = member_of(lead)
    outsider = verified_person()
    data = services.InitiativeData(
        title="Met contactpersoon",
        summary="Samenvatting",
        themes=[Theme.objects.get(number=1)],
        primary_region=lead.municipality.region,
        contact_person=outsider,
    )
    with pytest.raises(ValidationError) as error:
        services.initiative_create(user=member, lead_organisation=lead, data=data)
    assert "contact_person" in error.value.message_dict

    data.contact_person = member
    initiative = services.initiative_create(user=member, lead_organisation=lead, data=data)
    assert initiative.contact_person == member


# Editing, conflicts and history


def test_the_lead_admin_edits_and_the_versions_page_shows_who_changed_what(client, initiative, lead_admin):
    sign_in(client, lead_admin)
    form = client.get(edit_url(initiative))
    assertContains(form, 'name="version" value="1"')

    theme = Theme.objects.get(number=2)
    response = client.post(
        edit_url(initiative), edit_data(initiative, title="Fietspaden voor iedereen", themes=[theme.pk])
    )

    assertRedirects(response, f"/initiatieven/{initiative.slug}/", fetch_redirect_response=False)
    initiative.refresh_from_db()
    assert initiative.title == "Fietspaden voor iedereen"
    assert [t.number for t in initiative.themes.all()] == [2]
    assert initiative.version == 2
    assert initiative.history.count() == 2
    newest = initiative.history.first()
    assert newest.history_user == lead_admin
    assert newest.title == "Fietspaden voor iedereen"

    versions = client.get(f"/initiatieven/{initiative.slug}/versies/")
    assert versions.status_code == 200
    assertContains(versions, escape(str(lead_admin)))
    assertContains(versions, '<li class="agendastad-result">', count=2)
    assertNotContains(versions, HOSTILE)


def test_the_versions_page_of_an_initiative_without_recorded_versions_says_so(client, initiative, lead_admin):
    """The demo data puts initiatives in without a service, so without any version: the page still answers,
    and after a first edit it shows that edit without claiming it registered the initiative."""
    initiative.history.all().delete()

    versions = client.get(f"/initiatieven/{initiative.slug}/versies/")
    assertContains(versions, "Er is nog geen wijziging vastgelegd.")

    client.force_login(lead_admin)
    client.post(edit_url(initiative), edit_data(initiative, title="Fietspaden voor iedereen"))
    versions = client.get(f"/initiatieven/{initiative.slug}/versies/")
    assertContains(versions, '<li class="agendastad-result">', count=1)
    assertContains(versions, "Geen eerdere versie vastgelegd om mee te vergelijken.")
    assertNotContains(versions, "Geregistreerd.")


@pytest.mark.parametrize("kind", ["member", "other_org_member", "other_region_coordinator", "unverified"])
def test_people_who_may_not_edit_are_refused_and_change_nothing(client, initiative, kind):
    person = person_of_kind(kind, initiative.lead_organisation)
    sign_in(client, person)

    assert client.get(edit_url(initiative)).status_code == 403
    response = client.post(edit_url(initiative), edit_data(initiative, title="Overgenomen"))

    assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.title == "Fietspad naar het techniekcollege"
    assert initiative.version == 1


def test_anonymous_edits_are_sent_to_the_login_page(client, initiative):
    response = client.post(edit_url(initiative), edit_data(initiative, title="Overgenomen"))
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")
    initiative.refresh_from_db()
    assert initiative.title == "Fietspad naar het techniekcollege"


@pytest.mark.parametrize("kind", ["region_coordinator", "moderator"])
def test_coordinators_and_moderators_edit_initiatives_they_do_not_lead(client, initiative, kind):
    sign_in(client, person_of_kind(kind, initiative.lead_organisation))
    response = client.post(edit_url(initiative), edit_data(initiative, summary="Bijgewerkt"))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.summary == "Bijgewerkt"


def test_the_creator_edits_even_without_being_an_admin(client, lead):
    member = member_of(lead)
    initiative = InitiativeFactory(lead_organisation=lead, created_by=member)
    sign_in(client, member)
    assert client.post(edit_url(initiative), edit_data(initiative, summary="Door mij")).status_code == 302
    initiative.refresh_from_db()
    assert initiative.summary == "Door mij"


def test_an_initiative_whose_creator_deleted_their_account_can_still_be_edited(client, lead, lead_admin):
    creator = member_of(lead)
    initiative = InitiativeFactory(lead_organisation=lead, created_by=creator)
    creator.delete()
    sign_in(client, lead_admin)
    response = client.post(edit_url(initiative), edit_data(initiative, summary="Na het vertrek"))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.summary, initiative.created_by) == ("Na het vertrek", None)


def test_an_edit_based_on_an_older_version_is_refused_and_keeps_the_newer_text(client, initiative, lead_admin):
    colleague = organisation_admin(initiative.lead_organisation)
    stale = edit_data(initiative)
    sign_in(client, colleague)
    assert client.post(edit_url(initiative), {**stale, "title": "Versie van de collega"}).status_code == 302

    sign_in(client, lead_admin)
    response = client.post(edit_url(initiative), {**stale, "title": "Mijn versie"})

    assert response.status_code == 200
    assertContains(response, 'value="Mijn versie"')
    assertContains(response, 'role="alert"', count=2)
    initiative.refresh_from_db()
    assert initiative.title == "Versie van de collega"
    assert initiative.version == 2
    assert initiative.history.count() == 2


def test_the_service_raises_a_conflict_for_a_stale_version(initiative, lead_admin):
    data = services.InitiativeData(
        title="Eerste",
        summary="s",
        themes=list(initiative.themes.all()),
        primary_region=initiative.primary_region,
    )
    services.initiative_update(initiative=initiative, user=lead_admin, version=1, data=data)
    data.title = "Tweede"
    with pytest.raises(services.EditConflict):
        services.initiative_update(initiative=initiative, user=lead_admin, version=1, data=data)
    initiative.refresh_from_db()
    assert (initiative.title, initiative.version) == ("Eerste", 2)


def test_the_edit_form_refuses_a_status_that_cannot_follow(client, initiative, lead_admin):
    sign_in(client, lead_admin)
    response = client.post(edit_url(initiative), edit_data(initiative, status=Status.COMPLETED, title="Klaar"))
    assert response.status_code == 200
    assertContains(response, 'id="id_status_error"')
    initiative.refresh_from_db()
    assert (initiative.status, initiative.title, initiative.version) == (
        Status.IDEA,
        "Fietspad naar het techniekcollege",
        1,
    )


# Status


TRANSITIONS = [(current, new) for current in Status.values for new in Status.values]


@pytest.mark.parametrize(("current", "new"), TRANSITIONS)
def test_the_lifecycle_allows_only_its_transitions(lead, lead_admin, current, new):
    initiative = InitiativeFactory(lead_organisation=lead, status=current)
    if new in ALLOWED_TRANSITIONS[current]:
        services.initiative_change_status(initiative=initiative, user=lead_admin, status=new)
        initiative.refresh_from_db()
        assert (initiative.status, initiative.version) == (new, 2)
        assert initiative.history.first().status == new
    else:
        with pytest.raises(ValidationError):
            services.initiative_change_status(initiative=initiative, user=lead_admin, status=new)
        initiative.refresh_from_db()
        assert (initiative.status, initiative.version) == (current, 1)


def test_the_lead_admin_moves_an_idea_forward_on_the_page(client, initiative, lead_admin):
    sign_in(client, lead_admin)
    page = client.get(initiative.get_absolute_url())
    assertContains(page, f'action="/initiatieven/{initiative.slug}/status/"')
    assertContains(page, '<option value="proposal">', count=1)
    assertNotContains(page, '<option value="completed">')

    response = client.post(f"/initiatieven/{initiative.slug}/status/", {"status": Status.PROPOSAL})

    assertRedirects(response, initiative.get_absolute_url(), fetch_redirect_response=False)
    initiative.refresh_from_db()
    assert initiative.status == Status.PROPOSAL
    assert initiative.history.count() == 2


def test_a_status_that_cannot_follow_is_explained_and_changes_nothing(client, initiative, lead_admin):
    sign_in(client, lead_admin)
    response = client.post(f"/initiatieven/{initiative.slug}/status/", {"status": Status.COMPLETED}, follow=True)
    assertContains(response, "utrecht-alert--error")
    response = client.post(f"/initiatieven/{initiative.slug}/status/", {"status": "finished"}, follow=True)
    assertContains(response, "utrecht-alert--error")
    initiative.refresh_from_db()
    assert (initiative.status, initiative.version) == (Status.IDEA, 1)


@pytest.mark.parametrize("kind", ["anonymous", "member", "other_org_member", "unverified"])
def test_people_who_may_not_edit_cannot_change_the_status(client, initiative, kind):
    person = person_of_kind(kind, initiative.lead_organisation)
    if person.is_authenticated:
        sign_in(client, person)
    response = client.post(f"/initiatieven/{initiative.slug}/status/", {"status": Status.PROPOSAL})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url.startswith("/account/login/")
    initiative.refresh_from_db()
    assert initiative.status == Status.IDEA


# Partners


def test_an_invited_organisation_accepts_and_both_sides_are_mailed(
    client, initiative, lead_admin, django_capture_on_commit_callbacks
):
    school = OrganisationFactory(name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO)
    school_admin = organisation_admin(school)
    sign_in(client, lead_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/initiatieven/{initiative.slug}/partners/uitnodigen/",
            {"organisation": school.slug, "role": Partnership.Role.KNOWLEDGE_PARTNER, "note": "Doe mee"},
        )
    assertRedirects(response, initiative.get_absolute_url(), fetch_redirect_response=False)
    partnership = Partnership.objects.get(initiative=initiative, organisation=school)
    assert (partnership.state, partnership.role, partnership.created_by) == ("invited", "knowledge_partner", lead_admin)
    assert [message.to for message in mail.outbox] == [[school_admin.email]]
    assert initiative.get_absolute_url() in mail.outbox[0].body

    sign_in(client, school_admin)
    page = client.get(initiative.get_absolute_url())
    assertContains(page, f'action="/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/"')
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/", {"accept": "1"})
    assert response.status_code == 302

    partnership.refresh_from_db()
    assert (partnership.state, partnership.answered_by) == ("accepted", school_admin)
    assert mail.outbox[1].to == [lead_admin.email]
    page = client.get(initiative.get_absolute_url())
    assertContains(page, f'href="/organisaties/{school.slug}/"')
    assertContains(page, 'agendastad-helix--knowledge"')


def test_an_invited_organisation_declines_and_does_not_appear_as_partner(
    client, initiative, lead_admin, django_capture_on_commit_callbacks
):
    school = OrganisationFactory(name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO)
    school_admin = organisation_admin(school)
    partnership = services.partnership_invite(
        initiative=initiative, organisation=school, role=Partnership.Role.PARTNER, user=lead_admin
    )
    sign_in(client, school_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/", {"decline": "1"})

    partnership.refresh_from_db()
    assert partnership.state == "declined"
    assert [message.to for message in mail.outbox] == [[lead_admin.email]]
    page = client.get(initiative.get_absolute_url())
    assertNotContains(page, f'href="/organisaties/{school.slug}/"')
    # Answered is answered: a second answer is refused.
    response = client.post(f"/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/", {"accept": "1"})
    assert response.status_code == 403
    partnership.refresh_from_db()
    assert partnership.state == "declined"


def test_an_organisation_asks_to_take_part_and_the_lead_accepts(
    client, initiative, lead_admin, django_capture_on_commit_callbacks
):
    company = OrganisationFactory(name="Fietsfabriek Noord", kind=OrganisationKind.BUSINESS)
    company_admin = organisation_admin(company)
    sign_in(client, company_admin)
    page = client.get(initiative.get_absolute_url())
    assertContains(page, f'action="/initiatieven/{initiative.slug}/partners/aanmelden/"')
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/initiatieven/{initiative.slug}/partners/aanmelden/",
            {"organisation": company.pk, "role": Partnership.Role.FUNDER, "note": "Wij leveren fietsen"},
        )
    assert response.status_code == 302
    partnership = Partnership.objects.get(initiative=initiative, organisation=company)
    assert (partnership.state, partnership.role) == ("requested", "funder")
    assert [message.to for message in mail.outbox] == [[lead_admin.email]]

    # The one who asked cannot answer their own request.
    response = client.post(f"/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/", {"accept": "1"})
    assert response.status_code == 403

    sign_in(client, lead_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/", {"accept": "1"})
    partnership.refresh_from_db()
    assert partnership.state == "accepted"
    assert mail.outbox[-1].to == [company_admin.email]


@pytest.mark.parametrize(
    "kind",
    [
        "lead_admin",
        "lead_member",
        "unverified_lead_admin",
        "invited_admin",
        "invited_member",
        "requesting_admin",
        "region_coordinator",
        "moderator",
        "archived_moderator_admin_of_both",
    ],
)
def test_the_answer_buttons_appear_exactly_for_those_the_rule_lets_answer(client, initiative, lead, kind):
    invited = PartnershipFactory(initiative=initiative, state=Partnership.State.INVITED)
    requested = PartnershipFactory(initiative=initiative, state=Partnership.State.REQUESTED)
    if kind == "lead_admin":
        person = organisation_admin(lead)
    elif kind == "lead_member":
        person = member_of(lead)
    elif kind == "unverified_lead_admin":
        person = person_of_kind("unverified", lead)
    elif kind == "invited_admin":
        person = organisation_admin(invited.organisation)
    elif kind == "invited_member":
        person = member_of(invited.organisation)
    elif kind == "requesting_admin":
        person = organisation_admin(requested.organisation)
    elif kind == "archived_moderator_admin_of_both":
        person = person_of_kind("moderator", lead)
        MembershipFactory(user=person, organisation=lead, role=Membership.Role.ADMIN)
        MembershipFactory(user=person, organisation=invited.organisation, role=Membership.Role.ADMIN)
        services.initiative_archive(initiative=initiative, user=person)
        initiative.refresh_from_db()
    else:
        person = person_of_kind(kind, lead)
    sign_in(client, person)

    page = client.get(initiative.get_absolute_url())

    assert page.status_code == 200
    for partnership in (invited, requested):
        form = f'action="/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/"'
        assert (form in page.text) == person.has_perm("initiatives.answer_partnership", partnership), partnership.state
    allowed = {"lead_admin": requested, "invited_admin": invited}.get(kind)
    assert [p for p in (invited, requested) if person.has_perm("initiatives.answer_partnership", p)] == (
        [allowed] if allowed else []
    )


def test_the_lead_cannot_answer_an_invitation_for_the_invited_organisation(client, initiative, lead_admin):
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_HBO)
    school_member = member_of(school)
    partnership = services.partnership_invite(
        initiative=initiative, organisation=school, role=Partnership.Role.PARTNER, user=lead_admin
    )
    for person in (lead_admin, school_member):
        sign_in(client, person)
        response = client.post(f"/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/", {"accept": "1"})
        assert response.status_code == 403
    partnership.refresh_from_db()
    assert partnership.state == "invited"


def test_inviting_twice_or_as_lead_is_explained_and_adds_nothing(client, initiative, lead_admin):
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO)
    sign_in(client, lead_admin)
    url = f"/initiatieven/{initiative.slug}/partners/uitnodigen/"
    client.post(url, {"organisation": school.slug, "role": Partnership.Role.PARTNER})

    response = client.post(url, {"organisation": school.slug, "role": Partnership.Role.FUNDER}, follow=True)
    assertContains(response, "utrecht-alert--error")
    response = client.post(url, {"organisation": school.slug, "role": Partnership.Role.LEAD}, follow=True)
    assertContains(response, "utrecht-alert--error")
    response = client.post(url, {"organisation": initiative.lead_organisation.slug, "role": "partner"}, follow=True)
    assertContains(response, "utrecht-alert--error")

    assert list(initiative.partnerships.order_by("pk").values_list("organisation", "role", "state")) == [
        (initiative.lead_organisation.pk, "lead", "accepted"),
        (school.pk, "partner", "invited"),
    ]
    with pytest.raises(ValidationError):
        services.partnership_invite(
            initiative=initiative, organisation=OrganisationFactory(), role="lead", user=lead_admin
        )


@pytest.mark.parametrize("kind", ["anonymous", "member", "other_org_member", "other_region_coordinator"])
def test_people_who_may_not_invite_add_no_partner(client, initiative, kind):
    person = person_of_kind(kind, initiative.lead_organisation)
    if person.is_authenticated:
        sign_in(client, person)
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO)
    response = client.post(
        f"/initiatieven/{initiative.slug}/partners/uitnodigen/", {"organisation": school.slug, "role": "partner"}
    )
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url.startswith("/account/login/")
    assert initiative.partnerships.count() == 1


def test_nobody_asks_to_join_a_draft_or_for_an_organisation_they_do_not_administer(client, lead):
    draft = InitiativeFactory(lead_organisation=lead, visibility=Visibility.DRAFT)
    public = InitiativeFactory(lead_organisation=lead)
    company = OrganisationFactory()
    company_admin = organisation_admin(company)
    member_elsewhere = member_of(OrganisationFactory())
    sign_in(client, company_admin)
    response = client.post(
        f"/initiatieven/{draft.slug}/partners/aanmelden/", {"organisation": company.pk, "role": "partner"}
    )
    assert response.status_code == 404

    sign_in(client, member_elsewhere)
    response = client.post(
        f"/initiatieven/{public.slug}/partners/aanmelden/", {"organisation": company.pk, "role": "partner"}
    )
    assert response.status_code == 403
    assert not Partnership.objects.filter(organisation=company).exists()
    with pytest.raises(PermissionDenied):
        services.partnership_request(initiative=public, organisation=company, role="partner", user=member_elsewhere)


# Drafts


@pytest.fixture
def draft(lead):
    """A draft that seeks a partner, in region Groningen, on theme 1, with an accepted business partner."""
    initiative = InitiativeFactory(
        lead_organisation=lead,
        visibility=Visibility.DRAFT,
        title="Geheim concept over fietspaden",
        summary="Nog niet openbaar",
    )
    initiative.sought_partners.create(helix="knowledge")
    PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(name="Partner van het concept"))
    return initiative


def draft_pages(draft) -> dict[str, str]:
    partner = draft.partnerships.get(role="partner").organisation
    return {
        "list": "/initiatieven/",
        "search": "/initiatieven/?q=fietspad",
        "region": f"/regios/{draft.primary_region.slug}/",
        "lead organisation": f"/organisaties/{draft.lead_organisation.slug}/",
        "partner organisation": f"/organisaties/{partner.slug}/",
        "matchmaking": "/partners-gezocht/",
        "theme": "/themas/talent-ontwikkelen/",
    }


@pytest.mark.parametrize(
    "kind", ["anonymous", "unverified_outsider", "other_org_member", "other_region_coordinator", "partner_admin"]
)
def test_a_draft_is_hidden_everywhere_from_those_outside_the_lead(client, draft, kind):
    if kind == "unverified_outsider":
        sign_in(client, UserFactory())
    elif kind == "partner_admin":
        sign_in(client, organisation_admin(draft.partnerships.get(role="partner").organisation))
    elif kind != "anonymous":
        sign_in(client, person_of_kind(kind, draft.lead_organisation))
    public = InitiativeFactory(lead_organisation=draft.lead_organisation, title="Openbare fietspaden")
    public.sought_partners.create(helix="knowledge")
    PartnershipFactory(initiative=public, organisation=draft.partnerships.get(role="partner").organisation)

    for name, path in draft_pages(draft).items():
        response = client.get(path)
        assert response.status_code == 200, name
        assert "Openbare fietspaden" in response.text, name
        assert "Geheim concept" not in response.text, name
        assert "Nog niet openbaar" not in response.text, name
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/initiatieven/{draft.slug}/versies/").status_code == 404


@pytest.mark.parametrize("kind", ["member", "org_admin", "region_coordinator", "moderator", "superuser"])
def test_a_draft_is_seen_by_the_lead_the_regions_coordinators_and_moderators(client, draft, kind):
    sign_in(client, person_of_kind(kind, draft.lead_organisation))
    for name, path in draft_pages(draft).items():
        response = client.get(path)
        assert response.status_code == 200, name
        assert "Geheim concept over fietspaden" in response.text, name
    detail = client.get(draft.get_absolute_url())
    assertContains(detail, "Nog niet openbaar")
    assert client.get(f"/initiatieven/{draft.slug}/versies/").status_code == 200


def test_publishing_a_draft_shows_it_to_everyone(client, draft, lead_admin):
    sign_in(client, lead_admin)
    client.post(edit_url(draft), edit_data(draft, visibility=Visibility.PUBLIC))
    client.logout()
    assertContains(client.get("/initiatieven/?q=fietspaden"), "Geheim concept over fietspaden")
    assert client.get(draft.get_absolute_url()).status_code == 200


# Archive and restore


def test_archiving_removes_an_initiative_everywhere_and_a_moderator_restores_it(client, initiative, lead_admin):
    sign_in(client, lead_admin)
    response = client.post(f"/initiatieven/{initiative.slug}/archiveren/")
    assertRedirects(response, "/initiatieven/", fetch_redirect_response=False)

    initiative.refresh_from_db()
    assert initiative.archived_at is not None
    assert initiative.history.count() == 2
    for path in ("/initiatieven/", f"/regios/{initiative.primary_region.slug}/", "/initiatieven/?q=fietspad"):
        assertNotContains(client.get(path), "Fietspad naar het techniekcollege")
    assert client.get(initiative.get_absolute_url()).status_code == 404
    assert client.get(edit_url(initiative)).status_code == 404
    assert client.post(f"/initiatieven/{initiative.slug}/herstellen/").status_code == 404
    assert client.post(f"/initiatieven/{initiative.slug}/status/", {"status": "proposal"}).status_code == 404

    moderator = person_of_kind("moderator", initiative.lead_organisation)
    sign_in(client, moderator)
    page = client.get(initiative.get_absolute_url())
    assertContains(page, f'action="/initiatieven/{initiative.slug}/herstellen/"')
    assertNotContains(client.get("/initiatieven/"), "Fietspad naar het techniekcollege")
    response = client.post(f"/initiatieven/{initiative.slug}/herstellen/")
    assertRedirects(response, initiative.get_absolute_url(), fetch_redirect_response=False)

    initiative.refresh_from_db()
    assert initiative.archived_at is None
    assert initiative.history.count() == 3
    client.logout()
    assertContains(client.get("/initiatieven/"), "Fietspad naar het techniekcollege")


@pytest.mark.parametrize("kind", ["member", "other_org_member", "region_coordinator"])
def test_only_the_lead_admin_or_a_moderator_archives(client, initiative, kind):
    sign_in(client, person_of_kind(kind, initiative.lead_organisation))
    assert client.post(f"/initiatieven/{initiative.slug}/archiveren/").status_code == 403
    initiative.refresh_from_db()
    assert initiative.archived_at is None


def test_the_restore_service_is_for_moderators_only(initiative, lead_admin):
    services.initiative_archive(initiative=initiative, user=lead_admin)
    with pytest.raises(PermissionDenied):
        services.initiative_restore(initiative=initiative, user=lead_admin)
    moderator = person_of_kind("moderator", initiative.lead_organisation)
    services.initiative_restore(initiative=initiative, user=moderator)
    assert Initiative.objects.public().filter(pk=initiative.pk).exists()


# Hostile text


MARKDOWN_TRICKS = "\n\n".join(
    [
        "<script>alert('raw')</script>",
        "[klik](javascript:alert(1))",
        "[spaties](  jav\tascript:alert(2))",
        '<a href="javascript:alert(3)">html-link</a>',
        "![plaatje](https://example.org/x.png)",
        '<img src=x onerror="alert(4)">',
        "[ref][1]\n\n[1]: javascript:alert(5)",
        "<javascript:alert(6)>",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==)",
        '<iframe src="https://example.org"></iframe>',
        '<p onclick="alert(8)">klikbaar</p>',
        "**vet** en *schuin* en [een echte link](https://example.org/)",
    ]
)


def test_hostile_text_is_shown_as_text_and_markdown_tricks_run_nothing(client, lead_admin, lead):
    initiative = InitiativeFactory(lead_organisation=lead, description=MARKDOWN_TRICKS, website="https://example.org")
    PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=OrganisationKind.UNIVERSITY))
    PartnershipFactory(initiative=initiative, state=Partnership.State.INVITED)
    initiative.sought_partners.create(helix="business")
    sign_in(client, lead_admin)

    pages = [
        initiative.get_absolute_url(),
        f"/initiatieven/{initiative.slug}/versies/",
        edit_url(initiative),
        "/initiatieven/",
        "/partners-gezocht/",
        f"/regios/{initiative.primary_region.slug}/",
        f"/organisaties/{lead.slug}/",
        "/themas/talent-ontwikkelen/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert dangerous_markup(response.text) == [], path
        assert escape(initiative.title) in response.text, path

    detail = client.get(initiative.get_absolute_url())
    assertContains(detail, "<strong>vet</strong>", html=True)
    assertContains(detail, '<a href="https://example.org/" rel="nofollow noopener ugc">een echte link</a>', html=True)
    assertContains(detail, escape(lead.name))


def test_the_invitation_mail_carries_the_title_as_plain_text(
    initiative, lead_admin, django_capture_on_commit_callbacks
):
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO)
    organisation_admin(school)
    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_invite(initiative=initiative, organisation=school, role="partner", user=lead_admin)
    hostile = InitiativeFactory(lead_organisation=initiative.lead_organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_invite(initiative=hostile, organisation=school, role="partner", user=lead_admin)
    assert "Fietspad naar het techniekcollege" in mail.outbox[0].body
    assert hostile.title in mail.outbox[1].body
    assert "&lt;" not in mail.outbox[1].body


# The journey from the issue


def test_a_coordinator_logs_a_triple_helix_initiative_the_partners_accept_and_dutch_search_finds_it(
    client, django_capture_on_commit_callbacks
):
    groningen = Municipality.objects.get(code=GRONINGEN)
    region = LabourMarketRegion.objects.get(code="AM01")
    coordinator = verified_person()
    RegionCoordinatorFactory(user=coordinator, region=region)
    municipality = OrganisationFactory(name="Gemeente Groningen", kind=OrganisationKind.MUNICIPALITY)
    school = OrganisationFactory(name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO, municipality=groningen)
    company = OrganisationFactory(name="Fietsfabriek Noord", kind=OrganisationKind.BUSINESS, municipality=groningen)
    school_admin, company_admin = organisation_admin(school), organisation_admin(company)
    InitiativeFactory(title="Iets anders", summary="Zonder de gezochte woorden", description="")

    sign_in(client, coordinator)
    response = client.post(
        "/initiatieven/nieuw/",
        create_data(
            municipality,
            title="Veilige fietspaden naar de scholen",
            status=Status.RUNNING,
            sought_helices=["knowledge", "business"],
        ),
    )
    initiative = Initiative.objects.get(title="Veilige fietspaden naar de scholen")
    assertRedirects(response, initiative.get_absolute_url(), fetch_redirect_response=False)
    assert initiative.status == Status.RUNNING

    for organisation, role in ((school, "knowledge_partner"), (company, "partner")):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/initiatieven/{initiative.slug}/partners/uitnodigen/",
                {"organisation": organisation.slug, "role": role},
            )
        assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == sorted([school_admin.email, company_admin.email])
    complete = client.get("/initiatieven/", {"complete": "true"})
    assertNotContains(complete, "Veilige fietspaden naar de scholen")

    for admin, organisation in ((school_admin, school), (company_admin, company)):
        partnership = initiative.partnerships.get(organisation=organisation)
        sign_in(client, admin)
        response = client.post(f"/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/", {"accept": "1"})
        assert response.status_code == 302
    client.logout()

    complete = client.get("/initiatieven/", {"complete": "true"})
    assertContains(complete, "Veilige fietspaden naar de scholen")
    assertContains(complete, 'class="agendastad-coverage__complete"', count=1)
    assertContains(complete, 'class="agendastad-result"', count=1)

    for word in ("fietspad", "school", "fietspaden scholen"):
        found = client.get("/initiatieven/", {"q": word})
        assertContains(found, "Veilige fietspaden naar de scholen")
        assertNotContains(found, "Iets anders")
        assertContains(found, 'class="agendastad-coverage__complete"', count=1)
