"""A small world of initiatives for the open-data tests: public ones that differ in region, theme, helices and
what they seek, and beside them a draft, two hidden ones and an archived one that every filter would match."""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from initiatives.models import (
    Hidden,
    Initiative,
    NationalProgramme,
    Partnership,
    Status,
    TargetGroup,
    Theme,
    Visibility,
)
from regions.models import LabourMarketRegion, Municipality, OrganisationKind

from ..factories import (
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
    person_of_kind,
    sign_in,
)

FILTERS = [
    "",
    "sort=title",
    "q=techniekpact",
    "q=techniekpact&sort=relevance",
    "region=groningen",
    "region=rijnmond&theme=talent-ontwikkelen",
    "theme=talent-ontwikkelen",
    "missing=business",
    "missing=knowledge&missing=business",
    "helix=knowledge",
    "complete=true",
    "complete=false&sort=title",
    "status=running&status=proposal",
    "sought=civil_society",
    "municipality=GM0014",
    "programme=green-deals",
    "programme=techniekpact&programme=regio-deals",
    "target_group=statushouders",
    "target_group=oudere-werknemers&region=groningen",
]
"""Query strings of the list at /initiatieven/ that each export and feed must answer with the same initiatives."""

INVALID_FILTERS = [
    "region=atlantis",
    "theme=7",
    "status=forgotten",
    "missing=aliens",
    "complete=perhaps",
    "municipality=GM9999",
    "organisation=nobody",
    "sort=random",
    "q=%ff%fe",
    "region=groningen&region=atlantis",
    "programme=atlantis-deal",
    "target_group=aliens",
    "target_group=statushouders&target_group=aliens",
]
"""Values the list cannot use: it shows no error page but no initiatives (or, for `complete`, ignores the value);
an export or a feed must answer the same."""

SECRET_TITLES = ("Techniekpact concept", "Techniekpact verborgen", "Techniekpact gemeld", "Techniekpact gearchiveerd")


@dataclass
class World:
    public: list[Initiative]
    secret: list[Initiative]
    contact_email: str


@pytest.fixture
def world(db) -> World:
    groningen = Municipality.objects.get(code="GM0014")
    rotterdam = Municipality.objects.get(name="Rotterdam")
    theme_1, theme_2, theme_3 = (Theme.objects.get(number=number) for number in (1, 2, 3))
    contact = UserFactory(email="contactpersoon@example.org")

    municipality = OrganisationFactory(name="Gemeente Groningen", kind=OrganisationKind.MUNICIPALITY)
    complete = InitiativeFactory(
        title="Leerwerkakkoord Groningen",
        lead_organisation=municipality,
        status=Status.RUNNING,
        contact_person=contact,
        budget=250000,
        website="https://example.org/leerwerkakkoord",
        themes=[theme_1],
    )
    PartnershipFactory(initiative=complete, organisation=OrganisationFactory(name="Hanzehogeschool", kind="school_hbo"))
    PartnershipFactory(initiative=complete, organisation=OrganisationFactory(name="Bouwbedrijf Noord", kind="business"))

    port = OrganisationFactory(name="Gemeente Rotterdam", kind=OrganisationKind.MUNICIPALITY, municipality=rotterdam)
    seeking = InitiativeFactory(
        title="Techniekpact Rijnmond",
        lead_organisation=port,
        contact_person=contact,
        themes=[theme_1, theme_2],
    )
    PartnershipFactory(initiative=seeking, state=Partnership.State.INVITED, organisation=OrganisationFactory())
    seeking.sought_partners.create(helix="civil_society")

    school = OrganisationFactory(name="Albeda", kind=OrganisationKind.SCHOOL_MBO, municipality=rotterdam)
    crossing = InitiativeFactory(
        title="Techniekpact Groningen en Rijnmond",
        lead_organisation=school,
        status=Status.PROPOSAL,
        themes=[theme_3],
    )
    crossing.regions.set([LabourMarketRegion.objects.get(code="AM01")])
    crossing.municipalities.set([groningen, rotterdam])
    green, techniekpact, regio = (
        NationalProgramme.objects.get(slug=s) for s in ("green-deals", "techniekpact", "regio-deals")
    )
    status_holders, older = (TargetGroup.objects.get(slug=s) for s in ("statushouders", "oudere-werknemers"))
    complete.programmes.set([green, regio])
    seeking.programmes.set([techniekpact])
    complete.target_groups.set([status_holders, older])
    crossing.target_groups.set([older])

    secret = [
        InitiativeFactory(
            title=title, lead_organisation=municipality, contact_person=contact, themes=[theme_1], **kwargs
        )
        for title, kwargs in zip(
            SECRET_TITLES,
            [
                {"visibility": Visibility.DRAFT},
                {"hidden": Hidden.HIDDEN},
                {"hidden": Hidden.PENDING},
                {"archived_at": timezone.now()},
            ],
            strict=True,
        )
    ]
    for initiative in secret:  # every filter would find them, were they public
        initiative.programmes.set([green, techniekpact, regio])
        initiative.target_groups.set([status_holders, older])
    return World(public=[complete, seeking, crossing], secret=secret, contact_email=contact.email)


@pytest.fixture
def moderator_client(client, world):
    """The test client signed in as a moderator (with the second factor), who sees drafts and hidden items."""
    sign_in(client, person_of_kind("moderator", world.public[0].lead_organisation))
    return client
