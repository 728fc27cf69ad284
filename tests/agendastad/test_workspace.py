"""A coordinator's workspace (/mijn/regio/<slug>/) and its summary on /mijn/: each section lists exactly what waits
in the coordinator's region, verifying from there warns about duplicates, and unverified organisations are marked
wherever they show as partners."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives.models import CommentKind, Partnership, Status, Visibility
from initiatives.selectors import stale_initiatives
from regions.models import LabourMarketRegion, Membership, Municipality, OrganisationKind
from regions.selectors import organisation_duplicates

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionCoordinatorFactory,
    ReportFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = pytest.mark.django_db

LONG_AGO = timedelta(days=60)


@pytest.fixture
def region() -> LabourMarketRegion:
    return LabourMarketRegion.objects.get(code="AM01")


@pytest.fixture
def elsewhere() -> Municipality:
    """A municipality in another region than Groningen (AM01)."""
    return Municipality.objects.current().exclude(region__code="AM01").first()


@pytest.fixture
def lead():
    """A verified municipality in Groningen, so that it waits for nobody."""
    return OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, verified_at=timezone.now())


@pytest.fixture
def coordinator(region):
    user = verified_person()
    RegionCoordinatorFactory(user=user, region=region)
    return user


def older(**kwargs):
    """An initiative in Groningen registered two months ago (so not new), active now."""
    return InitiativeFactory(created_at=timezone.now() - LONG_AGO, **kwargs)


def workspace(client, region, user):
    sign_in(client, user)
    response = client.get(f"/mijn/regio/{region.slug}/")
    assert response.status_code == 200
    return response


def test_each_section_lists_exactly_what_waits_in_the_region(client, region, elsewhere, lead, coordinator):
    now = timezone.now()
    verified = {"verified_at": now}
    waiting = OrganisationFactory()
    OrganisationFactory(**verified)
    OrganisationFactory(municipality=elsewhere)
    # Reports: an open one on a comment here; a handled one and one elsewhere are not the coordinator's to decide.
    reported = older(lead_organisation=lead)
    report = ReportFactory(comment=CommentFactory(initiative=reported))
    ReportFactory(comment=CommentFactory(initiative=reported), handled_at=now)
    ReportFactory(
        comment=CommentFactory(
            initiative=older(lead_organisation=OrganisationFactory(municipality=elsewhere, **verified))
        )
    )
    # New: registered this week, public or draft; not the one of two months ago, nor one elsewhere.
    new = InitiativeFactory(lead_organisation=lead)
    new_draft = InitiativeFactory(lead_organisation=lead, visibility=Visibility.DRAFT)
    InitiativeFactory(lead_organisation=OrganisationFactory(municipality=elsewhere, **verified))
    # Seeking partners: only the one whom nobody answered yet.
    seeking = older(lead_organisation=lead)
    seeking.sought_partners.create(helix="business")
    invited = older(lead_organisation=lead)
    invited.sought_partners.create(helix="business")
    administered = OrganisationFactory(**verified)
    organisation_admin(administered)
    PartnershipFactory(initiative=invited, organisation=administered, state=Partnership.State.INVITED)
    offered = older(lead_organisation=lead)
    offered.sought_partners.create(helix="business")
    CommentFactory(initiative=offered, kind=CommentKind.OFFER)
    completed = older(lead_organisation=lead, status=Status.COMPLETED)
    completed.sought_partners.create(helix="business")
    # Stale: no activity for more than a year, and neither completed nor archived.
    stale = older(lead_organisation=lead, last_activity_at=now - timedelta(days=400))
    older(lead_organisation=lead, last_activity_at=now - timedelta(days=300))
    older(lead_organisation=lead, last_activity_at=now - timedelta(days=400), status=Status.COMPLETED)
    older(lead_organisation=lead, last_activity_at=now - timedelta(days=400), archived_at=now)
    # Invitations: to an organisation here without an admin; not to one with an admin, nor to one elsewhere.
    without_admin = OrganisationFactory(**verified)
    invitation = PartnershipFactory(initiative=new, organisation=without_admin, state=Partnership.State.INVITED)
    with_admin = OrganisationFactory(**verified)
    organisation_admin(with_admin)
    PartnershipFactory(initiative=new, organisation=with_admin, state=Partnership.State.INVITED)
    PartnershipFactory(
        initiative=new, organisation=OrganisationFactory(municipality=elsewhere), state=Partnership.State.INVITED
    )

    sections = workspace(client, region, coordinator).context["sections"]

    assert sections["organisations"].items == [waiting]
    assert [(item.initiative, item.comment, item.reports) for item in sections["reports"].items] == [
        (reported, report.comment, [report])
    ]
    assert sections["new"].items == [new_draft, new]
    assert sections["seeking"].items == [seeking]
    assert sections["stale"].items == [stale]
    assert sections["invitations"].items == [invitation]
    assert {name: section.count for name, section in sections.items()} == {
        "organisations": 1,
        "reports": 1,
        "new": 2,
        "seeking": 1,
        "stale": 1,
        "invitations": 1,
    }


def test_the_stale_selector_takes_public_and_draft_initiatives_quiet_for_a_year(region, lead):
    now = timezone.now()
    quiet = InitiativeFactory(lead_organisation=lead, last_activity_at=now - timedelta(days=366))
    quiet_draft = InitiativeFactory(
        lead_organisation=lead, last_activity_at=now - timedelta(days=366), visibility=Visibility.DRAFT
    )
    InitiativeFactory(lead_organisation=lead, last_activity_at=now - timedelta(days=364))

    assert set(stale_initiatives(region, now=now)) == {quiet, quiet_draft}
    assert set(stale_initiatives(region, now=now - timedelta(days=2))) == set()


def test_empty_sections_say_what_to_do(client, region, coordinator):
    response = workspace(client, region, coordinator)

    assert "Geen organisatie in deze regio wacht op verificatie" in response.text
    assert f'href="/organisaties/?region={region.slug}&amp;verified=false"' in response.text
    assert f'href="/initiatieven/?region={region.slug}&amp;sort=quiet"' in response.text
    assert "/initiatieven/nieuw/" in response.text


def test_a_coordinator_verifies_from_the_workspace_and_comes_back(client, region, coordinator):
    waiting = OrganisationFactory()
    sign_in(client, coordinator)

    response = client.post(f"/mijn/regio/{region.slug}/verifieren/{waiting.slug}/")

    assert response.status_code == 302
    assert response.url == f"/mijn/regio/{region.slug}/#waiting-organisations"
    waiting.refresh_from_db()
    assert waiting.verified_by == coordinator
    assert waiting not in client.get(response.url).context["sections"]["organisations"].items


def test_a_possible_duplicate_is_shown_and_must_be_confirmed_before_verifying(client, region, coordinator):
    registered = OrganisationFactory(name="Bakkerij De Vries", verified_at=timezone.now())
    waiting = OrganisationFactory(name="bakkerij devries B.V.")
    path = f"/mijn/regio/{region.slug}/verifieren/{waiting.slug}/"

    page = workspace(client, region, coordinator)

    assert "Mogelijk al geregistreerd" in page.text
    assert f'href="/organisaties/{registered.slug}/"' in page.text
    assert 'name="distinct" value="1" required' in page.text

    refused = client.post(path, follow=True)

    waiting.refresh_from_db()
    assert not waiting.is_verified
    assert "is mogelijk al geregistreerd" in refused.text

    client.post(path, {"distinct": "1"})

    waiting.refresh_from_db()
    assert waiting.is_verified


def test_the_organisation_page_warns_its_verifier_and_asks_the_same_confirmation(client, coordinator):
    registered = OrganisationFactory(name="Bakkerij De Vries")
    waiting = OrganisationFactory(name="Bakkerij de Vries")
    path = f"/organisaties/{waiting.slug}/verifieren/"
    sign_in(client, coordinator)

    page = client.get(waiting.get_absolute_url())

    assert "Mogelijk al geregistreerd" in page.text
    assert f'href="/organisaties/{registered.slug}/"' in page.text
    assert "Mogelijk al geregistreerd" not in Client().get(waiting.get_absolute_url()).text

    client.post(path)
    waiting.refresh_from_db()
    assert not waiting.is_verified

    client.post(path, {"distinct": "1"})
    waiting.refresh_from_db()
    assert waiting.is_verified


@pytest.mark.parametrize(
    ("name", "kvk_number", "duplicate"),
    [
        pytest.param("Techniek Groningen", "12345678", True, id="same KvK number"),
        pytest.param("TECHNIEKBEDRIJF  NOORD", "", True, id="case and spaces"),
        pytest.param("Stichting Techniekbedrijf-Noord", "", True, id="legal form and punctuation"),
        pytest.param("Techniekbedrijf Zuid", "87654321", False, id="another name and number"),
    ],
)
def test_duplicates_are_found_by_kvk_number_or_a_name_alike(name, kvk_number, duplicate, elsewhere):
    registered = OrganisationFactory(name="Techniekbedrijf Noord", kvk_number="12345678", municipality=elsewhere)
    waiting = OrganisationFactory(name=name, kvk_number=kvk_number)

    assert (organisation_duplicates([waiting])[waiting.pk] == [registered]) is duplicate


@pytest.mark.parametrize("kind", ["other_region_coordinator", "org_admin", "member", "unverified"])
def test_others_neither_see_the_workspace_nor_verify_from_it(client, region, kind):
    waiting = OrganisationFactory()
    person = person_of_kind(kind, waiting)
    sign_in(client, person, second_factor=kind.endswith("coordinator"))

    assert client.get(f"/mijn/regio/{region.slug}/").status_code == 403
    assert client.post(f"/mijn/regio/{region.slug}/verifieren/{waiting.slug}/").status_code == 403

    waiting.refresh_from_db()
    assert not waiting.is_verified


def test_a_forged_post_cannot_verify_another_regions_organisation_through_ones_own(client, region, elsewhere):
    """The coordinator of the other region posts to their own workspace's address with Groningen's organisation,
    and to Groningen's with their own region's: neither is found, nothing is verified."""
    theirs = OrganisationFactory(municipality=elsewhere)
    groningen = OrganisationFactory()
    coordinator = person_of_kind("other_region_coordinator", groningen)
    sign_in(client, coordinator)

    through_own = client.post(f"/mijn/regio/{elsewhere.region.slug}/verifieren/{groningen.slug}/", {"distinct": "1"})
    through_other = client.post(f"/mijn/regio/{region.slug}/verifieren/{theirs.slug}/", {"distinct": "1"})

    assert through_own.status_code == 404
    assert through_other.status_code == 404
    groningen.refresh_from_db()
    theirs.refresh_from_db()
    assert not groningen.is_verified and not theirs.is_verified


def test_a_coordinator_without_the_second_factor_is_refused(client, region, coordinator):
    sign_in(client, coordinator, second_factor=False)

    assert client.get(f"/mijn/regio/{region.slug}/").status_code == 403
    overview = client.get("/mijn/")
    assert f"/mijn/regio/{region.slug}/" not in overview.text
    assert region.name in overview.text


def test_mine_counts_each_section_and_links_into_the_workspace(client, region, lead, coordinator):
    OrganisationFactory()
    OrganisationFactory()
    InitiativeFactory(lead_organisation=lead)
    sign_in(client, coordinator)

    response = client.get("/mijn/")

    assert f'href="/mijn/regio/{region.slug}/#waiting-organisations">2 organisaties wachten op verificatie' in (
        response.text
    )
    assert f'href="/mijn/regio/{region.slug}/#new-initiatives">1 nieuw initiatief' in response.text
    assert f'href="/mijn/regio/{region.slug}/#open-reports">0 ' in response.text


def test_a_moderator_reaches_the_workspace_from_the_region_page(client, region):
    moderator = person_of_kind("moderator", OrganisationFactory())
    sign_in(client, moderator)

    assert f'href="/mijn/regio/{region.slug}/"' in client.get(f"/regios/{region.slug}/").text
    assert client.get(f"/mijn/regio/{region.slug}/").status_code == 200


def test_the_workspace_runs_as_many_queries_for_many_items_as_for_one(client, region, lead, coordinator):
    def one_of_each():
        OrganisationFactory(kvk_number="")
        initiative = InitiativeFactory(lead_organisation=lead)
        ReportFactory(comment=CommentFactory(initiative=initiative))
        seeking = older(lead_organisation=lead)
        seeking.sought_partners.create(helix="business")
        seeking.sought_partners.create(kind=OrganisationKind.SCHOOL_MBO)
        older(lead_organisation=lead, last_activity_at=timezone.now() - timedelta(days=400))
        PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(), state=Partnership.State.INVITED)

    one_of_each()
    sign_in(client, coordinator)
    path = f"/mijn/regio/{region.slug}/"
    client.get(path)
    with CaptureQueriesContext(connection) as at_one:
        client.get(path)

    for _ in range(6):
        one_of_each()

    with CaptureQueriesContext(connection) as at_many:
        response = client.get(path)
    assert response.context["sections"]["seeking"].count == 7
    assert response.context["sections"]["reports"].count == 7
    assert len(at_many) == len(at_one)


# Unverified organisations wherever they show as partners, and in the coverage.


def test_unverified_partners_are_marked_on_the_initiative_page_and_counted_in_its_coverage(client, lead):
    initiative = InitiativeFactory(lead_organisation=lead)
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO, name="ROC Noord")
    PartnershipFactory(initiative=initiative, organisation=school)
    PartnershipFactory(
        initiative=initiative, organisation=OrganisationFactory(name="Bedrijf Zuid", verified_at=timezone.now())
    )

    page = client.get(initiative.get_absolute_url()).text

    partners = page[page.index('id="partners-heading"') :]
    school_line = partners[partners.index("ROC Noord") :]
    assert "Nog niet geverifieerd" in school_line[: school_line.index("</li>")]
    bedrijf = partners[partners.index("Bedrijf Zuid") :]
    assert "Nog niet geverifieerd" not in bedrijf[: bedrijf.index("</li>")]
    assert "(inclusief 1 organisatie die nog niet geverifieerd is)" in page


def test_a_card_marks_an_unverified_lead_and_a_complete_verified_coverage_says_nothing(client):
    unverified_lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
    InitiativeFactory(lead_organisation=unverified_lead)
    verified_lead = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, verified_at=timezone.now())
    InitiativeFactory(lead_organisation=verified_lead)

    cards = client.get("/initiatieven/").text.split('<li class="agendastad-result">')[1:]

    assert len(cards) == 2
    marked = [card for card in cards if "Nog niet geverifieerd" in card]
    assert len(marked) == 1
    assert "inclusief 1 organisatie" in marked[0]
    assert "inclusief" not in next(card for card in cards if card not in marked)


def test_the_organisation_page_and_list_mark_an_unverified_organisation(client):
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN)

    assert "Nog niet geverifieerd" in client.get(organisation.get_absolute_url()).text
    assert "Nog niet geverifieerd" in client.get("/organisaties/").text


def test_the_list_sorts_the_longest_quiet_initiatives_first(client, lead):
    now = timezone.now()
    recent = InitiativeFactory(lead_organisation=lead, last_activity_at=now - timedelta(days=3))
    quiet = InitiativeFactory(lead_organisation=lead, last_activity_at=now - timedelta(days=500))

    response = client.get("/initiatieven/?region=groningen&sort=quiet")

    assert list(response.context["object_list"]) == [quiet, recent]
