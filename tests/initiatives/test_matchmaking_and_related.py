"""Finding partners and peers over HTTP: the matchmaking page, related initiatives in other regions, and the
triple-helix coverage a region page shows."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from initiatives.models import Partnership, Theme, Visibility
from regions.models import Helix, Membership, Municipality, OrganisationKind

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


@pytest.fixture
def rotterdam():
    return Municipality.objects.get(name="Rotterdam")


@pytest.fixture
def amsterdam():
    return Municipality.objects.get(code="GM0363")


def themes(*numbers: int) -> list[Theme]:
    return list(Theme.objects.filter(number__in=numbers))


def plain(title: str, municipality: Municipality, kind: str = OrganisationKind.MUNICIPALITY, **kwargs):
    """A public initiative titled `title`, led by an organisation of `kind` in `municipality`."""
    lead = OrganisationFactory(kind=kind, municipality=municipality)
    return InitiativeFactory(title=title, summary="Samen werken", description="", lead_organisation=lead, **kwargs)


def seeking(title: str, municipality: Municipality, *, helix: str = "", kind: str = "", **kwargs):
    initiative = plain(title, municipality, **kwargs)
    initiative.sought_partners.create(helix=helix, kind=kind)
    return initiative


def titles(response) -> list[str]:
    """The titles of the results on the page, in the order shown."""
    assert response.status_code == 200
    return [initiative.title for initiative in response.context["object_list"]]


def ago(days: int):
    return timezone.now() - timedelta(days=days)


# The matchmaking page


def test_only_initiatives_that_seek_partners_are_listed_once_each(client, groningen):
    twice = seeking("Zoekt kennis en bedrijven", groningen, helix=Helix.KNOWLEDGE)
    twice.sought_partners.create(kind=OrganisationKind.BUSINESS)
    seeking("Zoekt een universiteit", groningen, kind=OrganisationKind.UNIVERSITY)
    plain("Heeft iedereen al", groningen)

    response = client.get("/partners-gezocht/")

    assert sorted(titles(response)) == ["Zoekt een universiteit", "Zoekt kennis en bedrijven"]
    assertContains(response, "2 initiatieven zoeken partners")
    assertContains(response, "Zoekt kennis en bedrijven", count=1)
    assertNotContains(response, "Heeft iedereen al")


@pytest.fixture
def partner_landscape(groningen, rotterdam):
    """Four initiatives that seek partners, differing in region, theme and the helix they seek, and one that
    seeks nobody. Delta is led from Rotterdam but also works in Groningen."""
    seeking("Alfa", groningen, helix=Helix.KNOWLEDGE, themes=themes(1))
    seeking("Bravo", groningen, kind=OrganisationKind.BUSINESS_NETWORK, themes=themes(2))
    seeking("Charlie", rotterdam, kind=OrganisationKind.UNIVERSITY, themes=themes(1))
    delta = seeking("Delta", rotterdam, helix=Helix.CIVIL_SOCIETY, themes=themes(2))
    delta.regions.set([groningen.region])
    plain("Echo zoekt niemand", groningen, themes=themes(1))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Alfa", "Bravo", "Charlie", "Delta"}),
        ({"region": "groningen"}, {"Alfa", "Bravo", "Delta"}),
        ({"region": "rijnmond"}, {"Charlie", "Delta"}),
        ({"theme": "talent-ontwikkelen"}, {"Alfa", "Charlie"}),
        ({"theme": ["talent-ontwikkelen", "ondernemerschap-stimuleren"]}, {"Alfa", "Bravo", "Charlie", "Delta"}),
        ({"sought": "knowledge"}, {"Alfa", "Charlie"}),
        ({"sought": "business"}, {"Bravo"}),
        ({"sought": ["knowledge", "civil_society"]}, {"Alfa", "Charlie", "Delta"}),
        ({"sought": "government"}, set()),
        ({"region": "groningen", "theme": "talent-ontwikkelen", "sought": "knowledge"}, {"Alfa"}),
        ({"region": "rijnmond", "theme": "ondernemerschap-stimuleren"}, {"Delta"}),
    ],
)
def test_filters_by_region_theme_and_sought_helix(client, partner_landscape, params, expected):
    response = client.get("/partners-gezocht/", params)
    assert set(titles(response)) == expected
    if not expected:
        assertContains(response, "Geen initiatief zoekt partners met deze filters.")


@pytest.fixture
def school(groningen):
    """An mbo school (the knowledge helix) in region Groningen."""
    return OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO, municipality=groningen)


@pytest.fixture
def fits_and_others(groningen, rotterdam):
    """From most to least recently active: three that do not fit a Groningen mbo school, then two that do."""
    seeking("Mbo gezocht in Rotterdam", rotterdam, kind=OrganisationKind.SCHOOL_MBO, last_activity_at=ago(1))
    seeking("Bedrijf gezocht in Groningen", groningen, helix=Helix.BUSINESS, last_activity_at=ago(2))
    seeking("Universiteit gezocht in Groningen", groningen, kind=OrganisationKind.UNIVERSITY, last_activity_at=ago(3))
    seeking("Mbo gezocht in Groningen", groningen, kind=OrganisationKind.SCHOOL_MBO, last_activity_at=ago(4))
    seeking("Kennis gezocht in Groningen", groningen, helix=Helix.KNOWLEDGE, last_activity_at=ago(5))


BY_ACTIVITY = [
    "Mbo gezocht in Rotterdam",
    "Bedrijf gezocht in Groningen",
    "Universiteit gezocht in Groningen",
    "Mbo gezocht in Groningen",
    "Kennis gezocht in Groningen",
]


def test_a_member_sees_first_what_their_region_seeks_from_organisations_like_theirs(client, school, fits_and_others):
    sign_in(client, person_of_kind("member", school))

    response = client.get("/partners-gezocht/")

    assert titles(response) == [
        "Mbo gezocht in Groningen",
        "Kennis gezocht in Groningen",
        "Mbo gezocht in Rotterdam",
        "Bedrijf gezocht in Groningen",
        "Universiteit gezocht in Groningen",
    ]
    cards = response.text.split('<li class="agendastad-result">')[1:]
    assert [FIT_NOTICE in card for card in cards] == [True, True, False, False, False]


def test_the_fit_order_survives_a_filter(client, school, fits_and_others):
    sign_in(client, person_of_kind("member", school))
    response = client.get("/partners-gezocht/", {"region": "groningen", "sought": "knowledge"})
    assert titles(response) == [
        "Mbo gezocht in Groningen",
        "Kennis gezocht in Groningen",
        "Universiteit gezocht in Groningen",
    ]


@pytest.mark.parametrize("who", ["anonymous", "requested_member", "member_of_no_organisation"])
def test_without_an_active_membership_the_list_is_by_recent_activity(client, school, fits_and_others, who):
    if who == "requested_member":
        user = verified_person()
        MembershipFactory(user=user, organisation=school, state=Membership.State.REQUESTED)
        sign_in(client, user)
    elif who == "member_of_no_organisation":
        sign_in(client, verified_person())

    response = client.get("/partners-gezocht/")

    assert titles(response) == BY_ACTIVITY
    assertNotContains(response, FIT_NOTICE)


def test_an_initiative_that_also_works_in_the_members_region_fits(client, school, groningen, rotterdam):
    seeking("Mbo gezocht, recent", rotterdam, kind=OrganisationKind.SCHOOL_MBO, last_activity_at=ago(1))
    further = seeking(
        "Mbo gezocht, ook in Groningen", rotterdam, kind=OrganisationKind.SCHOOL_MBO, last_activity_at=ago(2)
    )
    further.regions.set([groningen.region])
    sign_in(client, person_of_kind("member", school))

    response = client.get("/partners-gezocht/")

    assert titles(response) == ["Mbo gezocht, ook in Groningen", "Mbo gezocht, recent"]


@pytest.mark.parametrize("who", ["anonymous", "fitting_outsider", "other_region_coordinator"])
def test_a_draft_that_seeks_partners_never_appears_for_outsiders(client, school, groningen, who):
    """Even for a member of another organisation whose kind and region the draft seeks (it would come first)."""
    draft = seeking(
        "Geheim concept zoekt een mbo", groningen, kind=OrganisationKind.SCHOOL_MBO, visibility=Visibility.DRAFT
    )
    seeking("Openbaar zoekt een mbo", groningen, kind=OrganisationKind.SCHOOL_MBO)
    if who == "fitting_outsider":
        sign_in(client, person_of_kind("member", school))
    elif who == "other_region_coordinator":
        sign_in(client, person_of_kind(who, draft.lead_organisation))

    response = client.get("/partners-gezocht/", {"region": "groningen", "sought": "knowledge"})

    assert titles(response) == ["Openbaar zoekt een mbo"]
    assertNotContains(response, "Geheim concept")


def test_the_lead_sees_its_own_draft_among_those_seeking_partners(client, groningen):
    draft = seeking(
        "Geheim concept zoekt een mbo", groningen, kind=OrganisationKind.SCHOOL_MBO, visibility=Visibility.DRAFT
    )
    sign_in(client, person_of_kind("member", draft.lead_organisation))
    assert titles(client.get("/partners-gezocht/")) == ["Geheim concept zoekt een mbo"]


# Related initiatives elsewhere, on the detail page


@pytest.fixture
def initiative(groningen):
    """In region Groningen on themes 1, 2 and 3."""
    return plain("Fietspad naar het techniekcollege", groningen, themes=themes(1, 2, 3))


def related(client, initiative) -> list[str]:
    response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    return [other.title for other in response.context["related"]]


def test_related_initiatives_elsewhere_share_themes_most_shared_first(client, initiative, rotterdam, amsterdam):
    plain("Eén thema gedeeld, net actief", rotterdam, themes=themes(3), last_activity_at=ago(1))
    two = plain("Twee thema's gedeeld", amsterdam, themes=themes(1, 2, 6), last_activity_at=ago(2))
    plain("Drie thema's gedeeld, lang stil", rotterdam, themes=themes(1, 2, 3, 4), last_activity_at=ago(30))
    plain("Geen thema gedeeld", rotterdam, themes=themes(5))

    assert related(client, initiative) == [
        "Drie thema's gedeeld, lang stil",
        "Twee thema's gedeeld",
        "Eén thema gedeeld, net actief",
    ]
    response = client.get(initiative.get_absolute_url())
    assertContains(response, "Verwante initiatieven elders")
    section = response.text[response.text.index('id="related-heading"') :]
    assert section.index("Drie thema") < section.index("Twee thema") < section.index("Eén thema")
    link = f'<a class="utrecht-link" href="{two.get_absolute_url()}">Twee thema&#x27;s gedeeld</a>'
    assertContains(response, f'<li class="utrecht-unordered-list__item">{link} (Groot Amsterdam)</li>', html=True)
    assertNotContains(response, "Geen thema gedeeld")


def test_related_never_shows_the_same_region_drafts_archived_or_the_initiative_itself(
    client, initiative, groningen, rotterdam
):
    plain("Zelfde regio, zelfde thema's", groningen, themes=themes(1, 2, 3))
    plain("Concept elders", rotterdam, themes=themes(1, 2, 3), visibility=Visibility.DRAFT)
    plain("Gearchiveerd elders", rotterdam, themes=themes(1, 2, 3), archived_at=timezone.now())
    plain("Openbaar elders", rotterdam, themes=themes(1))

    assert related(client, initiative) == ["Openbaar elders"]
    section = client.get(initiative.get_absolute_url()).text.split('id="related-heading"')[1]
    assert initiative.title not in section
    for title in ("Zelfde regio", "Concept elders", "Gearchiveerd elders"):
        assert title not in section


def test_related_never_shows_a_draft_even_to_its_own_lead(client, initiative, rotterdam):
    draft = plain("Concept elders", rotterdam, themes=themes(1, 2, 3), visibility=Visibility.DRAFT)
    sign_in(client, person_of_kind("member", draft.lead_organisation))
    assert related(client, initiative) == []


def test_related_shows_at_most_five(client, initiative, rotterdam):
    for number in range(7):
        plain(f"Elders {number}", rotterdam, themes=themes(1))
    assert len(related(client, initiative)) == 5


def test_without_peers_elsewhere_the_section_is_absent(client, initiative, groningen):
    plain("Zelfde regio, zelfde thema's", groningen, themes=themes(1, 2, 3))
    response = client.get(initiative.get_absolute_url())
    assert response.context["related"] == []
    assertNotContains(response, "Verwante initiatieven elders")


# The region page and its triple-helix coverage


def region_coverage_text(response) -> str:
    """The region's own coverage line, between its introduction and the list of initiative cards."""
    text = response.text
    start = text.index("Helices die meedoen in de initiatieven van de regio:")
    return text[start : text.index('class="agendastad-result-list"', start)]


def test_the_region_page_shows_its_initiatives_and_completes_its_triple_helix_as_partners_accept(
    client, groningen, rotterdam
):
    """Only accepted partnerships of the region's visible initiatives count, including those that also work
    in the region; each helix is added when a partner from it accepts on the initiative page."""
    municipal = plain("Fietspad naar het techniekcollege", groningen, kind=OrganisationKind.MUNICIPALITY)
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO, municipality=groningen)
    PartnershipFactory(initiative=municipal, organisation=school, state=Partnership.State.INVITED)
    also_here = plain("Havenstages, ook in Groningen", rotterdam, kind=OrganisationKind.PROVINCE)
    also_here.regions.set([groningen.region])
    company = OrganisationFactory(kind=OrganisationKind.BUSINESS, municipality=rotterdam)
    PartnershipFactory(initiative=also_here, organisation=company, state=Partnership.State.INVITED)
    plain("Concept met een bedrijf", groningen, kind=OrganisationKind.BUSINESS, visibility=Visibility.DRAFT)
    plain("Kennis in Rotterdam", rotterdam, kind=OrganisationKind.UNIVERSITY)

    response = client.get("/regios/groningen/")
    assert {initiative.title for initiative in response.context["initiatives"]} == {
        "Fietspad naar het techniekcollege",
        "Havenstages, ook in Groningen",
    }
    assertNotContains(response, "Concept met een bedrijf")
    assertNotContains(response, "Kennis in Rotterdam")
    coverage = response.context["coverage"]
    assert (coverage.present, coverage.missing) == ([Helix.GOVERNMENT], [Helix.KNOWLEDGE, Helix.BUSINESS])
    line = region_coverage_text(response)
    assert "Overheid" in line
    assert "Ontbreekt:" in line and "Onderwijs &amp; kennis" in line and "Bedrijfsleven" in line

    for organisation, initiative in ((school, municipal), (company, also_here)):
        partnership = initiative.partnerships.get(organisation=organisation)
        sign_in(client, organisation_admin(organisation))
        answer = client.post(f"/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/", {"accept": "1"})
        assert answer.status_code == 302
        client.logout()
        if organisation == school:
            response = client.get("/regios/groningen/")
            coverage = response.context["coverage"]
            assert (coverage.present, coverage.missing) == ([Helix.GOVERNMENT, Helix.KNOWLEDGE], [Helix.BUSINESS])
            line = region_coverage_text(response)
            assert "Onderwijs &amp; kennis" in line.split("Ontbreekt:")[0]
            assert "Bedrijfsleven" in line.split("Ontbreekt:")[1]

    response = client.get("/regios/groningen/")
    assert response.context["coverage"].complete
    line = region_coverage_text(response)
    assert "Triple helix compleet" in line
    assert "Ontbreekt:" not in line
    assert Helix.BUSINESS in response.context["coverage"].present


def test_a_region_without_initiatives_claims_no_gap_where_there_is_nothing_yet(client, groningen):
    plain("Alleen in Groningen", groningen)
    response = client.get("/regios/rijnmond/")
    assert response.context["coverage"].present == []
    assertContains(response, "Nog geen initiatieven geregistreerd in deze regio.")
    assertNotContains(response, "Helices die meedoen in de initiatieven van de regio:")
