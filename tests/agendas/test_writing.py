"""Writing agendas: only the region's coordinators (with the second factor) write, moderators moderate, drafts
stay hidden, and a stale edit is refused with nothing lost."""

import pytest
from django.core.exceptions import PermissionDenied

from agendastad.agendas import services
from agendastad.agendas.models import AgendaPriority, AgendaState, RegionAgenda
from initiatives.models import Theme
from regions.models import LabourMarketRegion

from ..factories import (
    HOSTILE,
    AgendaPriorityFactory,
    OrganisationFactory,
    RegionAgendaFactory,
    RegionCoordinatorFactory,
    person_of_kind,
    sign_in,
    verified_person,
    with_second_factor,
)

pytestmark = pytest.mark.django_db


def agenda_form(region_theme: int = 1, *, version: int | None = None, priorities: int = 3, **changes) -> dict:
    data = {
        "kind": "human_capital",
        "title_nl": f"{HOSTILE} Human capital agenda Groningen",
        "title_en": "",
        "summary_nl": "Wat we samen willen bereiken.",
        "summary_en": "",
        "first_year": "2026",
        "last_year": "2029",
        "priorities-TOTAL_FORMS": str(max(priorities, 3)),
        "priorities-INITIAL_FORMS": "0",
        "priorities-MIN_NUM_FORMS": "0",
        "priorities-MAX_NUM_FORMS": "20",
    }
    if version is not None:
        data["version"] = str(version)
    for number in range(priorities):
        data[f"priorities-{number}-title_nl"] = f"Prioriteit {number + 1}"
        data[f"priorities-{number}-themes"] = [Theme.objects.get(number=region_theme).pk]
    return {**data, **changes}


def coordinator(region: LabourMarketRegion, *, second_factor: bool = True):
    person = verified_person()
    RegionCoordinatorFactory(user=person, region=region)
    return with_second_factor(person) if second_factor else person


def test_a_coordinator_writes_a_draft_with_three_priorities_and_publishes_it(client, region):
    person = coordinator(region)
    sign_in(client, person)

    response = client.post(f"/regios/{region.slug}/agendas/nieuw/", agenda_form())

    agenda = RegionAgenda.objects.get()
    assert response.status_code == 302
    assert response.url == agenda.get_absolute_url()
    assert agenda.state == AgendaState.DRAFT
    assert list(agenda.priorities.values_list("title_nl", "order")) == [
        ("Prioriteit 1", 1),
        ("Prioriteit 2", 2),
        ("Prioriteit 3", 3),
    ]
    assert agenda.history.count() == 1
    assert client.get(agenda.get_absolute_url()).status_code == 200

    response = client.post(f"/agendas/{agenda.slug}/publiceren/")

    agenda.refresh_from_db()
    assert agenda.state == AgendaState.PUBLISHED
    assert agenda.published_at is not None
    client.logout()
    page = client.get(agenda.get_absolute_url())
    assert page.status_code == 200
    assert "Prioriteit 3" in page.content.decode()
    assert HOSTILE not in page.content.decode()


def test_a_priority_needs_a_theme_and_the_period_must_run_forward(client, region):
    sign_in(client, coordinator(region))
    data = agenda_form(last_year="2025", priorities=1)
    data.pop("priorities-0-themes")

    response = client.post(f"/regios/{region.slug}/agendas/nieuw/", data)

    assert response.status_code == 200
    assert "Het laatste jaar ligt vóór het eerste jaar." in response.content.decode()
    assert "Kies minstens één thema." in response.content.decode()
    assert not RegionAgenda.objects.exists()


def test_an_agenda_needs_a_priority(client, region):
    sign_in(client, coordinator(region))

    response = client.post(f"/regios/{region.slug}/agendas/nieuw/", agenda_form(priorities=0))

    assert response.status_code == 200
    assert "Geef de agenda minstens één prioriteit." in response.content.decode()
    assert not RegionAgenda.objects.exists()


@pytest.mark.parametrize("kind", ["other_region_coordinator", "org_admin", "moderator", "member"])
def test_only_the_regions_coordinators_write_its_agendas(client, region, kind):
    person = person_of_kind(kind, OrganisationFactory())
    sign_in(client, person)

    response = client.post(f"/regios/{region.slug}/agendas/nieuw/", agenda_form())

    assert response.status_code == 403
    assert not RegionAgenda.objects.exists()


def test_a_coordinator_without_the_second_factor_writes_nothing(client, region):
    person = coordinator(region, second_factor=False)
    sign_in(client, person, second_factor=False)
    agenda = RegionAgendaFactory(region=region)

    assert client.post(f"/regios/{region.slug}/agendas/nieuw/", agenda_form()).status_code == 403
    assert client.post(f"/agendas/{agenda.slug}/terugtrekken/").status_code == 403
    agenda.refresh_from_db()
    assert agenda.state == AgendaState.PUBLISHED


def test_a_draft_is_not_found_for_anyone_but_its_coordinators_and_moderators(client, region):
    draft = RegionAgendaFactory(region=region, state=AgendaState.DRAFT, published_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    for kind in ("org_admin", "other_region_coordinator", "member"):
        sign_in(client, person_of_kind(kind, OrganisationFactory()))
        assert client.get(draft.get_absolute_url()).status_code == 404, kind
        assert client.get(f"/agendas/{draft.slug}/bewerken/").status_code == 404, kind
        assert draft.title_nl not in client.get(f"/regios/{region.slug}/agendas/").content.decode()
    sign_in(client, coordinator(region))
    assert client.get(draft.get_absolute_url()).status_code == 200
    sign_in(client, person_of_kind("moderator", OrganisationFactory()))
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_a_forged_post_to_another_regions_agenda_changes_nothing(client, region):
    elsewhere = LabourMarketRegion.objects.exclude(pk=region.pk).first()
    agenda = RegionAgendaFactory(region=elsewhere)
    priority = AgendaPriorityFactory(agenda=agenda)
    sign_in(client, coordinator(region))

    edit = client.post(f"/agendas/{agenda.slug}/bewerken/", agenda_form(version=agenda.version))
    unpublish = client.post(f"/agendas/{agenda.slug}/terugtrekken/")

    assert (edit.status_code, unpublish.status_code) == (403, 403)
    agenda.refresh_from_db()
    assert agenda.state == AgendaState.PUBLISHED
    assert list(agenda.priorities.all()) == [priority]


def test_a_moderator_takes_a_published_agenda_back_but_does_not_publish(client, region):
    agenda = RegionAgendaFactory(region=region)
    moderator = person_of_kind("moderator", OrganisationFactory())
    sign_in(client, moderator)

    client.post(f"/agendas/{agenda.slug}/terugtrekken/")

    agenda.refresh_from_db()
    assert agenda.state == AgendaState.DRAFT
    assert client.post(f"/agendas/{agenda.slug}/publiceren/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.agenda_publish(agenda=agenda, user=moderator)


def edit_form(agenda: RegionAgenda, version: int, title: str) -> dict:
    priorities = list(agenda.priorities.all())
    data = agenda_form(version=version, priorities=0, title_nl=title)
    data["priorities-TOTAL_FORMS"] = str(len(priorities) + 1)
    data["priorities-INITIAL_FORMS"] = str(len(priorities))
    for number, priority in enumerate(priorities):
        data[f"priorities-{number}-id"] = priority.pk
        data[f"priorities-{number}-agenda"] = agenda.pk
        data[f"priorities-{number}-title_nl"] = f"{priority.title_nl} (bijgewerkt)"
        data[f"priorities-{number}-themes"] = [theme.pk for theme in priority.themes.all()]
    return data


def test_a_stale_edit_is_refused_and_nothing_is_lost(client, region):
    agenda = RegionAgendaFactory(region=region)
    priority = AgendaPriorityFactory(agenda=agenda, title_nl="Techniek")
    first, second = coordinator(region), coordinator(region)
    stale_version = agenda.version
    sign_in(client, first)
    saved = client.post(f"/agendas/{agenda.slug}/bewerken/", edit_form(agenda, stale_version, "Eerste versie"))
    assert saved.status_code == 302

    sign_in(client, second)
    response = client.post(f"/agendas/{agenda.slug}/bewerken/", edit_form(agenda, stale_version, "Tweede versie"))

    assert response.status_code == 200
    assert "Iemand anders heeft deze agenda opgeslagen" in response.content.decode()
    assert "Tweede versie" in response.content.decode()  # what they typed is still in the form
    agenda.refresh_from_db()
    assert agenda.title_nl == "Eerste versie"
    assert agenda.version == stale_version + 1
    assert AgendaPriority.objects.get(pk=priority.pk).title_nl == "Techniek (bijgewerkt)"
    assert list(agenda.history.order_by("history_id").values_list("title_nl", "history_user"))[1:] == [
        ("Eerste versie", first.pk)
    ]
    sign_in(client, first)
    history = client.get(f"/agendas/{agenda.slug}/versies/")
    assert history.status_code == 200
    assert "Gewijzigd: titel (Nederlands)" in history.content.decode()


def test_editing_keeps_the_priorities_and_their_initiatives(region):
    agenda = RegionAgendaFactory(region=region)
    kept = AgendaPriorityFactory(agenda=agenda)
    dropped = AgendaPriorityFactory(agenda=agenda)
    person = coordinator(region)
    data = services.AgendaData(
        kind=agenda.kind,
        title_nl="Nieuw",
        summary_nl="Samen",
        first_year=2026,
        last_year=2030,
        priorities=[
            services.PriorityData(pk=kept.pk, title_nl="Behouden", themes=[Theme.objects.get(number=2)]),
            services.PriorityData(title_nl="Nieuw", themes=[Theme.objects.get(number=3)]),
        ],
    )

    updated = services.agenda_update(agenda=agenda, user=person, version=agenda.version, data=data)

    assert updated.version == agenda.version + 1
    assert list(updated.priorities.values_list("pk", "title_nl")) == [
        (kept.pk, "Behouden"),
        (updated.priorities.last().pk, "Nieuw"),
    ]
    assert not AgendaPriority.objects.filter(pk=dropped.pk).exists()
    with pytest.raises(services.EditConflict):
        services.agenda_update(agenda=agenda, user=person, version=agenda.version, data=data)
