"""Organisations across the border (issue 13, item 5): located in a place abroad instead of a Dutch municipality,
taking part in partnerships and coverage like any other, and findable as cross-border cooperation."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from pytest_django.asserts import assertContains, assertNotContains

from agendastad.insight.national import national_overview
from agendastad.insight.network import national_network, region_network
from agendastad.insight.selectors import figure_table
from initiatives.models import Partnership, Visibility
from initiatives.selectors import matchmaking
from regions.forms import OrganisationForm
from regions.models import Helix, Membership, Municipality, Organisation, OrganisationKind

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


def abroad(**kwargs) -> Organisation:
    return OrganisationFactory(
        **{"country": "DE", "place": "Aachen", "municipality": None, "kind": OrganisationKind.UNIVERSITY, **kwargs}
    )


def register_data(**overrides) -> dict:
    return {
        "name": "RWTH Aachen",
        "kind": OrganisationKind.UNIVERSITY,
        "country": "DE",
        "municipality": "",
        "place": "Aachen",
        "website": "rwth-aachen.de",
        "description": "Technische Hochschule",
        "kvk_number": "12345678",
        **overrides,
    }


def test_a_foreign_organisation_goes_through_the_whole_partnership_journey(client):
    # Registered abroad by a verified person: no municipality, no region, no KvK number.
    founder = verified_person()
    client.force_login(founder)
    response = client.post("/organisaties/nieuw/", register_data())
    organisation = Organisation.objects.get(name="RWTH Aachen")
    assert response.status_code == 302
    assert (organisation.country, organisation.place, organisation.municipality, organisation.kvk_number) == (
        "DE",
        "Aachen",
        None,
        "",
    )
    assert Membership.objects.get(organisation=organisation, user=founder).is_admin
    page = client.get(response.url)
    assertContains(page, "Aachen, Duitsland")
    assertContains(page, "Een moderator verifieert de organisatie")

    # Verified: by a moderator, not by a coordinator of a region (it is in none).
    coordinator = person_of_kind("region_coordinator", OrganisationFactory())
    sign_in(client, coordinator)
    assert client.post(f"/organisaties/{organisation.slug}/verifieren/").status_code == 403
    moderator = person_of_kind("moderator", organisation)
    sign_in(client, moderator)
    client.post(f"/organisaties/{organisation.slug}/verifieren/")
    organisation.refresh_from_db()
    assert organisation.is_verified

    # Invited to a Dutch initiative; its admin accepts.
    initiative = InitiativeFactory(title="Grensland techniek", lead_organisation__kind=OrganisationKind.MUNICIPALITY)
    region = initiative.primary_region
    before = figure_table().of(region.pk).covering[Helix.KNOWLEDGE]
    sign_in(client, organisation_admin(initiative.lead_organisation))
    client.post(
        f"/initiatieven/{initiative.slug}/partners/uitnodigen/",
        {"organisation": organisation.slug, "role": Partnership.Role.KNOWLEDGE_PARTNER},
    )
    partnership = Partnership.objects.get(initiative=initiative, organisation=organisation)
    assert partnership.state == Partnership.State.INVITED
    client.force_login(founder)
    client.post(f"/initiatieven/{initiative.slug}/partners/{partnership.pk}/antwoord/", {"accept": "1"})
    partnership.refresh_from_db()
    assert partnership.state == Partnership.State.ACCEPTED

    # Shown as partner with its place and helix; counted in coverage and in the region's figures.
    client.logout()
    page = client.get(f"/initiatieven/{initiative.slug}/")
    assertContains(page, "RWTH Aachen")
    assertContains(page, "Aachen, Duitsland")
    assertContains(page, "grensoverschrijdend")
    assert figure_table().of(region.pk).covering[Helix.KNOWLEDGE] == before + 1
    assert figure_table().of(region.pk).covering[Helix.KNOWLEDGE] == (
        Partnership.objects.accepted()
        .filter(organisation__kind__in=["school_mbo", "school_hbo", "university", "knowledge_institution"])
        .filter(initiative__visibility=Visibility.PUBLIC)
        .values("initiative")
        .distinct()
        .count()
    )

    # Findable as cross-border cooperation, on the list page and in the API.
    InitiativeFactory(title="Alleen binnenlands")
    listed = client.get("/initiatieven/?cross_border=true")
    assertContains(listed, "Grensland techniek")
    assertNotContains(listed, "Alleen binnenlands")
    assertContains(listed, "grensoverschrijdend")
    not_listed = client.get("/initiatieven/?cross_border=false")
    assertContains(not_listed, "Alleen binnenlands")
    assertNotContains(not_listed, "Grensland techniek")
    api = client.get("/api/v1/initiatives/?cross_border=true").json()
    assert [item["slug"] for item in api["results"]] == [initiative.slug]
    partner = next(p for p in api["results"][0]["partners"] if p["organisation"]["slug"] == organisation.slug)
    assert (partner["organisation"]["country"], partner["organisation"]["place"]) == ("DE", "Aachen")
    assert client.get("/api/v1/initiatives/?cross_border=maybe").status_code == 400

    # Export and API show the country and place, never an e-mail address.
    exported = client.get("/initiatieven/export.json?cross_border=true")
    body = b"".join(exported.streaming_content).decode()
    record = json.loads(body)["initiatives"][0]
    assert record["cross_border"] is True
    assert {"name": "RWTH Aachen", "country": "DE", "place": "Aachen"}.items() <= next(
        p for p in record["partners"] if p["name"] == "RWTH Aachen"
    ).items()
    assert founder.email not in body
    csv = b"".join(client.get("/en/initiatieven/export.csv?cross_border=true").streaming_content).decode()
    assert "RWTH Aachen (Education & knowledge, Knowledge partner, Aachen, Germany)" in csv
    detail = client.get(f"/api/v1/organisations/{organisation.slug}/")
    assert (detail.json()["country"], detail.json()["place"], detail.json()["region"]) == ("DE", "Aachen", None)
    assert "@" not in detail.content.decode()


def test_the_database_refuses_a_dutch_organisation_without_municipality():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(municipality=None)


def test_the_database_refuses_an_organisation_abroad_with_a_municipality_or_without_a_place():
    with pytest.raises(IntegrityError), transaction.atomic():
        abroad(municipality=Municipality.objects.get(code="GM0014"))
    with pytest.raises(IntegrityError), transaction.atomic():
        abroad(place="")


def test_the_model_says_which_field_is_wrong():
    dutch = Organisation(name="X", slug="x", kind="business", country="NL")
    with pytest.raises(ValidationError) as error:
        dutch.full_clean()
    assert "municipality" in error.value.message_dict
    foreign = Organisation(
        name="Y", slug="y", kind="business", country="BE", municipality=Municipality.objects.get(code="GM0014")
    )
    with pytest.raises(ValidationError) as error:
        foreign.full_clean()
    assert set(error.value.message_dict) >= {"municipality", "place"}


@pytest.mark.parametrize(
    ("data", "field", "dutch", "english"),
    [
        (
            {"country": "NL", "place": "Aachen"},
            "municipality",
            "Kies de gemeente waar de organisatie in Nederland gevestigd is.",
            "Choose the municipality where the organisation is located in the Netherlands.",
        ),
        (
            {"country": "DE", "municipality": "GM0014"},
            "municipality",
            "laat de gemeente leeg, of kies Nederland als land",
            "leave the municipality empty, or choose the Netherlands as the country",
        ),
        (
            {"country": "BE", "place": "  "},
            "place",
            "Vul de plaats in waar de organisatie buiten Nederland gevestigd is.",
            "Give the town or city where the organisation is located outside the Netherlands.",
        ),
    ],
)
def test_the_form_explains_a_location_that_does_not_fit_the_country_and_keeps_what_was_typed(
    client, data, field, dutch, english
):
    client.force_login(verified_person())
    municipality = Municipality.objects.get(code="GM0014").pk if data.get("municipality") else ""
    posted = register_data(**{**data, "municipality": municipality})
    response = client.post("/organisaties/nieuw/", posted)
    assert response.status_code == 200
    assertContains(response, dutch)
    assertContains(response, 'value="RWTH Aachen"')
    assertContains(response, "rwth-aachen.de")
    assert not Organisation.objects.filter(name="RWTH Aachen").exists()
    assertContains(client.post("/en/organisaties/nieuw/", posted), english)
    form = OrganisationForm(data=posted)
    assert not form.is_valid()
    assert field in form.errors


def test_a_kvk_number_is_left_out_abroad_even_a_mistyped_one():
    form = OrganisationForm(data=register_data(kvk_number="1234"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["kvk_number"] == ""
    assert not OrganisationForm(
        data=register_data(kvk_number="1234", country="NL", place="", municipality="1")
    ).is_valid()


def test_the_form_asks_the_country_before_where_in_it():
    fields = list(OrganisationForm().fields)
    assert fields.index("country") < fields.index("municipality") < fields.index("place")


def test_a_dutch_organisation_registers_as_before_and_loses_a_stray_place(client):
    client.force_login(verified_person())
    client.post(
        "/organisaties/nieuw/",
        register_data(name="Techniek Groningen", country="NL", municipality=Municipality.objects.get(code="GM0014").pk),
    )
    organisation = Organisation.objects.get(name="Techniek Groningen")
    assert (organisation.country, organisation.place, organisation.kvk_number) == ("NL", "", "12345678")
    assert organisation.region.code == "AM01"


@pytest.mark.parametrize("kind", ["region_coordinator", "other_region_coordinator", "org_admin", "member"])
def test_nobody_but_a_moderator_verifies_an_organisation_abroad(client, kind):
    organisation = abroad()
    dutch_partner = OrganisationFactory()
    # Even the coordinator of the region where it takes part in an initiative: it is not in their region.
    PartnershipFactory(initiative=InitiativeFactory(lead_organisation=dutch_partner), organisation=organisation)
    attacker = person_of_kind(kind, dutch_partner if "coordinator" in kind else organisation)
    assert not attacker.has_perm("regions.verify_organisation", organisation)
    sign_in(client, attacker)
    assert client.post(f"/organisaties/{organisation.slug}/verifieren/").status_code == 403
    organisation.refresh_from_db()
    assert not organisation.is_verified
    assert person_of_kind("moderator", organisation).has_perm("regions.verify_organisation", organisation)


def test_a_member_abroad_may_lead_an_initiative_but_a_coordinator_cannot_lead_for_it():
    organisation = abroad()
    member = verified_person()
    MembershipFactory(user=member, organisation=organisation, state=Membership.State.ACTIVE)
    assert member.has_perm("initiatives.lead_initiative", organisation)
    coordinator = person_of_kind("region_coordinator", OrganisationFactory())
    assert not coordinator.has_perm("initiatives.lead_initiative", organisation)


def test_network_and_pairs_count_a_link_abroad_as_cross_border():
    initiative = InitiativeFactory()
    partner = abroad(name="Hochschule Niederrhein", place="Krefeld")
    PartnershipFactory(initiative=initiative, organisation=partner)
    network = national_network()
    assert network.links_total == 1
    assert network.cross_region_total == 1
    assert [link.cross_region for link in network.links] == [True]
    node = next(node for node in network.nodes if node.id == partner.pk)
    assert (node.region_id, str(node.where)) == (None, "Krefeld, Duitsland")
    assert region_network(initiative.primary_region).cross_region_total == 1
    overview = national_overview()
    assert overview.headline.cross_border == 1
    assert [(str(country), count) for country, count in overview.across_the_border] == [("Duitsland", 1)]
    assert overview.pairs == []


def test_the_insight_pages_show_the_organisation_abroad(client):
    initiative = InitiativeFactory()
    PartnershipFactory(initiative=initiative, organisation=abroad(name="Universiteit Gent", country="BE", place="Gent"))
    page = client.get("/inzicht/")
    assertContains(page, "over de landsgrens")
    assertContains(page, "België: 1 initiatief")
    assertContains(page, "?cross_border=true")
    assertContains(client.get("/inzicht/netwerk/"), "Gent, België")


def test_the_organisation_list_filters_by_country(client):
    abroad(name="Stadt Emmerich", kind=OrganisationKind.MUNICIPALITY, place="Emmerich am Rhein")
    abroad(name="Provincie Antwerpen", kind=OrganisationKind.PROVINCE, country="BE", place="Antwerpen")
    OrganisationFactory(name="Gemeente Groningen")
    page = client.get("/organisaties/?country=DE")
    assertContains(page, "Stadt Emmerich")
    assertContains(page, "Emmerich am Rhein, Duitsland")
    assertNotContains(page, "Provincie Antwerpen")
    assertNotContains(page, "Gemeente Groningen")
    assertContains(page, "1 organisatie")
    assert [o["name"] for o in client.get("/api/v1/organisations/?country=BE").json()["results"]] == [
        "Provincie Antwerpen"
    ]
    assert client.get("/organisaties/?country=XX").status_code == 200
    assert client.get("/api/v1/organisations/?country=XX").status_code == 400


def test_matchmaking_gives_an_organisation_abroad_no_regional_fit():
    organisation = abroad(kind=OrganisationKind.BUSINESS)
    member = verified_person()
    MembershipFactory(user=member, organisation=organisation, state=Membership.State.ACTIVE)
    initiative = InitiativeFactory()
    initiative.sought_partners.create(helix=Helix.BUSINESS)
    results = list(matchmaking(initiative.__class__.objects.public(), member))
    assert [(i.pk, i.fit) for i in results] == [(initiative.pk, 0)]


def test_the_organisation_page_and_my_overview_show_place_and_country(client):
    organisation = abroad(kvk_number="12345678")
    founder = organisation_admin(organisation)
    page = client.get(f"/organisaties/{organisation.slug}/")
    assertContains(page, "Aachen, Duitsland")
    assertNotContains(page, "12345678")
    assertNotContains(page, "Arbeidsmarktregio")
    client.force_login(founder)
    assertContains(client.get("/mijn/"), "Aachen, Duitsland")
    assertContains(client.get("/en/organisaties/"), "Aachen, Germany")
