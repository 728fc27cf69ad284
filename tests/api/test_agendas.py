"""Region agendas in the API: published ones only, with the numbers the database and the agenda page give, the
agenda list's filters, and each initiative's priorities; never a draft, nor anybody's e-mail address."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agendastad.accounts.models import User
from agendastad.agendas.models import AgendaCommitment, AgendaPriority, PriorityContribution, RegionAgenda
from agendastad.agendas.selectors import agenda_priorities
from initiatives.models import Initiative, NationalProgramme

from ..factories import AgendaPriorityFactory, RegionAgendaFactory, contribution
from .conftest import walk

pytestmark = pytest.mark.django_db

LIST = "/api/v1/agendas/"


def test_the_list_holds_the_published_agendas_only_newest_first(client, world):
    items = walk(client, LIST, {"page_size": 1})

    published = RegionAgenda.objects.published().order_by("-published_at", "-id")
    assert [item["slug"] for item in items] == [agenda.slug for agenda in published]
    assert len(items) == 2
    for hidden in world.agendas[2:]:
        assert client.get(f"{LIST}{hidden.slug}/").status_code == 404


def test_nothing_of_a_draft_and_no_e_mail_address_shows_anywhere(client, world):
    answers = [
        client.get(LIST).content.decode(),
        client.get(f"{LIST}{world.agendas[0].slug}/").content.decode(),
        client.get("/api/v1/initiatives/", {"page_size": 100}).content.decode(),
        client.get(f"/api/v1/initiatives/{world.public[3].slug}/").content.decode(),
    ]

    for answer in answers:
        for hidden in world.agendas[2:]:
            assert hidden.slug not in answer
            for priority in hidden.priorities.all():
                assert priority.title_nl not in answer
        for email in User.objects.values_list("email", flat=True):
            assert email not in answer


def test_each_priority_shows_what_the_agenda_page_shows(client, world):
    agenda = world.agendas[0]

    answer = client.get(f"{LIST}{agenda.slug}/").json()

    page = agenda_priorities(agenda)
    assert [priority["title_nl"] for priority in answer["priorities"]] == [view.priority.title_nl for view in page]
    for shown, view in zip(answer["priorities"], page, strict=True):
        assert [item["slug"] for item in shown["initiatives"]] == [initiative.slug for initiative in view.initiatives]
        assert shown["helices_missing"] == view.gaps
        assert shown["helices_present"] == view.coverage.present
        assert [theme["slug"] for theme in shown["themes"]] == [theme.slug for theme in view.priority.themes.all()]
        assert [programme["slug"] for programme in shown["programmes"]] == [
            programme.slug for programme in view.priority.programmes.all()
        ]
        assert [region["slug"] for region in shown["partner_regions"]] == [
            region.slug for region in view.priority.partner_regions.all()
        ]
    served = answer["priorities"][0]
    assert (served["ambition"], served["ambition_number"], served["ambition_unit"]) == ("Meer vakmensen", 250, "mensen")
    assert world.unseen[0].slug not in {item["slug"] for item in served["initiatives"]}
    assert answer["priorities"][2]["initiatives"] == []
    assert answer["priorities"][2]["helices_missing"] == []


def test_the_commitments_name_each_organisation_with_its_helix_as_the_database(client, world):
    agenda = world.agendas[0]

    answer = client.get(f"{LIST}{agenda.slug}/").json()

    committed = AgendaCommitment.objects.filter(agenda=agenda).select_related("organisation")
    assert sorted((item["organisation"]["slug"], item["organisation"]["helix"]) for item in answer["commitments"]) == (
        sorted((commitment.organisation.slug, commitment.organisation.helix) for commitment in committed)
    )


@pytest.mark.parametrize(
    "params",
    [
        {"region": "groningen"},
        {"kind": "economic", "theme": "ondernemerschap-stimuleren"},
        {"programme": "<first>"},
    ],
)
def test_the_filters_give_the_agendas_of_the_sites_list(client, world, params):
    programme = world.agendas[0].priorities.order_by("order")[1].programmes.get()
    params = {name: programme.slug if value == "<first>" else value for name, value in params.items()}

    items = walk(client, LIST, params)

    page = client.get("/agendas/", params)
    assert page.status_code == 200
    assert {item["slug"] for item in items} == {agenda.slug for agenda in page.context["object_list"]}
    assert items


@pytest.mark.parametrize("params", [{"kind": ""}, {"kind": "plan"}, {"region": "atlantis"}, {"programme": "nope"}])
def test_an_unknown_filter_value_is_a_400(client, world, params):
    response = client.get(LIST, params)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == list(params)


def test_an_initiative_names_the_published_priorities_it_serves(client, world):
    listed = {item["slug"]: item for item in walk(client, "/api/v1/initiatives/", {"page_size": 100})}
    detail = client.get(f"/api/v1/initiatives/{world.public[0].slug}/").json()

    agenda = world.agendas[0]
    assert detail["priorities"] == listed[world.public[0].slug]["priorities"]
    assert [(item["agenda"]["slug"], item["title_nl"]) for item in detail["priorities"]] == [
        (agenda.slug, agenda.priorities.order_by("order")[0].title_nl)
    ]
    assert listed[world.public[3].slug]["priorities"] == []  # it serves only the drafts' priorities
    for slug, item in listed.items():
        expected = PriorityContribution.objects.filter(initiative__slug=slug, priority__agenda__state="published")
        assert len(item["priorities"]) == expected.count()


def test_a_page_of_agendas_costs_the_same_for_thirty_agendas_as_for_one(client, world):
    programme = NationalProgramme.objects.first()
    for number in range(30):
        priority = AgendaPriorityFactory(agenda=RegionAgendaFactory(), programmes=[programme])
        priority.partner_regions.set([world.public[4].primary_region])
        contribution(priority, world.public[number % 9])
        AgendaCommitment.objects.create(agenda=priority.agenda, organisation=world.organisations[number % 10])
    client.get(LIST, {"page_size": 1})

    counts = []
    for size in (1, 100):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST, {"page_size": size})
        counts.append(len(queries))
        assert len(response.json()["results"]) == min(size, RegionAgenda.objects.published().count())

    assert counts[0] == counts[1] <= 12, counts
    assert AgendaPriority.objects.count() > 30 and Initiative.objects.exists()
