"""The insight figures against counts made the plain way with the ORM, on a mix built to catch every rule:
further regions, several themes, drafts, hidden and archived items, partners that wait, sought kinds."""

import pytest
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from agendastad.insight.selectors import HELICES, figure_table
from initiatives.models import Hidden, Initiative, SoughtPartner, Status, Theme, Visibility
from initiatives.selectors import TRIPLE_HELIX, covers_helix, seeks_helix
from regions.models import Helix, LabourMarketRegion, Municipality, OrganisationKind
from tests.factories import InitiativeFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mix():
    groningen = Municipality.objects.get(code="GM0014")
    utrecht = Municipality.objects.get(code="GM0344")
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO, municipality=groningen)
    town = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=utrecht)
    union = OrganisationFactory(kind=OrganisationKind.UNION, municipality=utrecht)
    theme_1, theme_2, theme_5 = (Theme.objects.get(number=n) for n in (1, 2, 5))

    complete = InitiativeFactory(themes=[theme_1, theme_2], status=Status.RUNNING)  # business lead in Groningen
    joined = PartnershipFactory(initiative=complete, organisation=school)
    PartnershipFactory(initiative=complete, organisation=town)
    SoughtPartner.objects.create(initiative=complete, helix=Helix.KNOWLEDGE, filled_by=joined)  # filled: not sought
    complete.regions.add(utrecht.region)

    seeking = InitiativeFactory(lead_organisation=town, themes=[theme_2])
    PartnershipFactory(initiative=seeking, organisation=school, state="invited")  # waits: does not count
    SoughtPartner.objects.create(initiative=seeking, kind=OrganisationKind.UNIVERSITY)
    SoughtPartner.objects.create(initiative=seeking, helix=Helix.BUSINESS)
    seeking.regions.add(groningen.region, utrecht.region)  # the primary region again counts once

    social = InitiativeFactory(lead_organisation=union, themes=[theme_5], status=Status.COMPLETED)
    SoughtPartner.objects.create(initiative=social, helix=Helix.GOVERNMENT)

    InitiativeFactory(lead_organisation=school, visibility=Visibility.DRAFT)
    InitiativeFactory(lead_organisation=school, hidden=Hidden.PENDING)
    InitiativeFactory(lead_organisation=school, archived_at=timezone.now())
    return {"groningen": groningen.region, "utrecht": utrecht.region}


def _expected(initiatives):
    return {
        "initiatives": initiatives.count(),
        "covering": {helix: initiatives.filter(covers_helix(helix)).count() for helix in HELICES},
        "seeking_helix": {helix: initiatives.filter(seeks_helix(helix)).count() for helix in HELICES},
        "complete": initiatives.filter(*[Q(covers_helix(helix)) for helix in TRIPLE_HELIX]).count(),
        "seeking": initiatives.filter(Exists(SoughtPartner.objects.open().filter(initiative=OuterRef("pk")))).count(),
        "by_status": {status: initiatives.filter(status=status).count() for status in Status.values},
    }


def _actual(figures):
    return {
        "initiatives": figures.initiatives,
        "covering": figures.covering,
        "seeking_helix": figures.seeking_helix,
        "complete": figures.complete,
        "seeking": figures.seeking,
        "by_status": figures.by_status,
    }


def test_every_cell_equals_the_plain_count(mix):
    table = figure_table()
    public = Initiative.objects.public()
    regions = [None, *LabourMarketRegion.objects.current()]
    themes = [None, *Theme.objects.all()]
    for region in regions:
        for theme in themes:
            initiatives = public
            if region is not None:
                initiatives = initiatives.in_region(region)
            if theme is not None:
                initiatives = initiatives.filter(themes=theme)
            figures = table.of(region and region.pk, theme and theme.pk)
            assert _actual(figures) == _expected(initiatives), (region, theme)


def test_the_mix_shows_the_gaps_a_coordinator_should_see(mix):
    table = figure_table()
    theme_2 = Theme.objects.get(number=2)
    utrecht = table.of(mix["utrecht"].pk, theme_2.pk)
    assert utrecht.initiatives == 2
    assert utrecht.missing(Helix.KNOWLEDGE) == 1
    assert utrecht.missing_helices == []
    assert table.of(mix["utrecht"].pk).incomplete_share == pytest.approx(2 / 3)
    social = table.of(mix["utrecht"].pk, Theme.objects.get(number=5).pk)
    assert social.missing_helices == [Helix.GOVERNMENT, Helix.KNOWLEDGE, Helix.BUSINESS]
    assert table.of().initiatives == 3


def test_figures_are_kept_until_the_next_write(mix, settings, client, django_assert_num_queries):
    """Kept for everyone while nothing changes; any write (here a sign-out POST) makes them stale."""
    settings.FIGURES_CACHE_SECONDS = 300
    cache.clear()
    assert figure_table().of().initiatives == 3
    InitiativeFactory()
    with django_assert_num_queries(0):
        assert figure_table().of().initiatives == 3
    client.post(reverse("account_logout"))
    assert figure_table().of().initiatives == 4


def test_while_one_request_counts_anew_the_others_get_the_figures_of_before(mix, settings, client):
    settings.FIGURES_CACHE_SECONDS = 300
    cache.clear()
    assert figure_table().of().initiatives == 3
    InitiativeFactory()
    client.post(reverse("account_logout"))
    cache.add("kept:insight-figures:counting", True)  # another request is counting
    assert figure_table().of().initiatives == 3
    cache.delete("kept:insight-figures:counting")
    assert figure_table().of().initiatives == 4
