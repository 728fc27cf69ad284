"""The list of agendas filters by region, kind and theme, ignores nothing silently and never fails on bad input;
moderators read and correct agendas in the admin, coordinators do not use it."""

import pytest

from agendastad.agendas.models import AgendaKind, AgendaState, RegionAgenda
from initiatives.models import Theme
from regions.models import LabourMarketRegion

from ..factories import AgendaPriorityFactory, OrganisationFactory, RegionAgendaFactory, person_of_kind, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def agendas():
    groningen, drenthe = LabourMarketRegion.objects.get(code="AM01"), LabourMarketRegion.objects.get(name="Drenthe")
    skills = AgendaPriorityFactory(agenda=RegionAgendaFactory(region=groningen, title_nl="Groningen leert")).agenda
    economy = AgendaPriorityFactory(
        agenda=RegionAgendaFactory(region=drenthe, kind=AgendaKind.ECONOMIC, title_nl="Drenthe onderneemt"),
        themes=[Theme.objects.get(number=2)],
    ).agenda
    RegionAgendaFactory(region=groningen, title_nl="Groningen concept", state=AgendaState.DRAFT, published_at=None)
    return skills, economy


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Groningen leert", "Drenthe onderneemt"}),
        ("?region=groningen", {"Groningen leert"}),
        ("?kind=economic", {"Drenthe onderneemt"}),
        ("?theme=talent-ontwikkelen", {"Groningen leert"}),
        ("?theme=ondernemerschap-stimuleren&region=drenthe", {"Drenthe onderneemt"}),
    ],
)
def test_the_list_shows_published_agendas_by_region_kind_and_theme(client, agendas, query, expected):
    response = client.get(f"/agendas/{query}")

    assert {agenda.title_nl for agenda in response.context["object_list"]} == expected
    assert "Groningen concept" not in response.content.decode()


@pytest.mark.parametrize("query", ["?region=bestaat-niet", "?kind=nonsense", "?theme=1&page=abc", "?page=999"])
def test_bad_filters_get_a_message_not_an_error(client, agendas, query):
    response = client.get(f"/agendas/{query}")

    assert response.status_code in (200, 404)
    if response.status_code == 200 and "page" not in query:
        assert response.context["filter"].errors


def test_a_moderator_takes_an_agenda_back_to_draft_in_the_admin(client):
    agenda = RegionAgendaFactory()
    sign_in(client, person_of_kind("moderator", OrganisationFactory()))
    page = client.get(f"/beheer/agendas/regionagenda/{agenda.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        {
            "state": AgendaState.DRAFT,
            "priorities-TOTAL_FORMS": "0",
            "priorities-INITIAL_FORMS": "0",
            "commitments-TOTAL_FORMS": "0",
            "commitments-INITIAL_FORMS": "0",
        }
    )
    data = {key: value for key, value in data.items() if value is not None}

    response = client.post(f"/beheer/agendas/regionagenda/{agenda.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    agenda.refresh_from_db()
    assert (agenda.state, agenda.published_at, agenda.version) == (AgendaState.DRAFT, None, 2)
    assert client.get("/beheer/agendas/regionagenda/add/").status_code == 403


def test_coordinators_do_not_use_the_admin(client):
    agenda = RegionAgendaFactory()
    sign_in(client, person_of_kind("region_coordinator", OrganisationFactory()))

    response = client.get(f"/beheer/agendas/regionagenda/{agenda.pk}/change/")

    assert response.status_code == 302
    assert "/login/" in response.url
    assert RegionAgenda.objects.get().state == AgendaState.PUBLISHED
