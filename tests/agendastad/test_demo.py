import re
from io import StringIO

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from pytest_django.asserts import assertContains

from agendastad.accounts.models import User
from agendastad.demo.planner import (
    BORDER_PARTNERS,
    DEMO_SUPERUSER_EMAIL,
    DEMO_SUPERUSER_PASSWORD,
    UNIVERSITY_CITIES,
    demo_seed,
)
from initiatives.models import (
    SEARCH_CONFIG,
    Comment,
    CommentKind,
    Initiative,
    NationalProgramme,
    Partnership,
    SoughtPartner,
    Status,
    Theme,
    Visibility,
)
from regions.models import LabourMarketRegion, Membership, Municipality, Organisation, OrganisationKind
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_LINE = "Log in at http://127.0.0.1:8000/account/login/ as beheer@agendastad.example with password agendastad-demo"


def run_seed_demo(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def fingerprint() -> dict[str, list[tuple]]:
    """Everything a visitor could see of the demo data, without ids (they depend on the database's sequences)."""
    initiative_fields = [
        "title",
        "slug",
        "summary",
        "description",
        "status",
        "visibility",
        "primary_region__code",
        "lead_organisation__slug",
        "sought_note",
        "start_date",
        "end_date",
        "budget",
        "website",
        "contact_person__email",
        "created_by__email",
        "created_at",
        "updated_at",
        "last_activity_at",
    ]
    return {
        "organisations": list(
            Organisation.objects.order_by("slug").values_list(
                "name",
                "slug",
                "kind",
                "municipality__code",
                "website",
                "description",
                "kvk_number",
                "verified_at",
                "verified_by__email",
                "created_at",
            )
        ),
        "people": list(
            User.objects.order_by("email").values_list(
                "email", "display_name", "language", "date_joined", "is_superuser"
            )
        ),
        "memberships": list(
            Membership.objects.order_by("user__email", "organisation__slug").values_list(
                "user__email",
                "organisation__slug",
                "role",
                "state",
                "show_on_profile",
                "created_at",
                "approved_at",
                "approved_by__email",
            )
        ),
        "initiatives": list(Initiative.objects.order_by("slug").values_list(*initiative_fields)),
        "themes": sorted(Initiative.themes.through.objects.values_list("initiative__slug", "theme__slug")),
        "programmes": sorted(
            Initiative.programmes.through.objects.values_list("initiative__slug", "nationalprogramme__slug")
        ),
        "target_groups": sorted(
            Initiative.target_groups.through.objects.values_list("initiative__slug", "targetgroup__slug")
        ),
        "regions": sorted(
            Initiative.regions.through.objects.values_list("initiative__slug", "labourmarketregion__code")
        ),
        "municipalities": sorted(
            Initiative.municipalities.through.objects.values_list("initiative__slug", "municipality__code")
        ),
        "partnerships": list(
            Partnership.objects.order_by("initiative__slug", "organisation__slug").values_list(
                "initiative__slug",
                "organisation__slug",
                "role",
                "state",
                "created_at",
                "created_by__email",
                "answered_at",
                "answered_by__email",
            )
        ),
        "sought": sorted(SoughtPartner.objects.values_list("initiative__slug", "helix", "kind")),
        "comments": list(
            Comment.objects.order_by("initiative__slug", "created_at", "text", "author__email").values_list(
                "initiative__slug", "parent__text", "author__email", "organisation__slug", "kind", "text", "created_at"
            )
        ),
    }


def delete_everything() -> None:
    Initiative.objects.all().delete()
    Organisation.objects.all().delete()
    User.objects.all().delete()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    demo_seed(seed=7, organisations=300, people=200, initiatives=300)
    first = fingerprint()
    delete_everything()
    demo_seed(seed=7, organisations=300, people=200, initiatives=300)
    assert fingerprint() == first
    assert len(first["organisations"]) == 300
    assert len(first["people"]) == 201  # and the demo superuser
    assert len(first["initiatives"]) == 300
    relations = ["memberships", "themes", "programmes", "target_groups", "regions", "municipalities", "partnerships"]
    for relation in [*relations, "sought", "comments"]:
        assert first[relation], relation

    delete_everything()
    demo_seed(seed=8, organisations=300, people=200, initiatives=300)
    other = fingerprint()
    assert {row[1] for row in other["organisations"]} != {row[1] for row in first["organisations"]}
    assert {row[0] for row in other["people"]} != {row[0] for row in first["people"]}
    assert {row[1] for row in other["initiatives"]} != {row[1] for row in first["initiatives"]}


def test_the_default_demo_covers_every_region_and_every_kind():
    output = run_seed_demo()
    assert "120 organisations" in output
    assert "60 people" in output
    assert "80 initiatives" in output
    regions = set(LabourMarketRegion.objects.current().values_list("code", flat=True))
    in_the_netherlands = Organisation.objects.exclude(municipality=None)
    assert set(in_the_netherlands.values_list("municipality__region__code", flat=True)) == regions
    assert set(Organisation.objects.values_list("kind", flat=True)) == set(OrganisationKind.values)
    assert 0 < Organisation.objects.verified().count() < 120


def test_every_demo_organisation_passes_the_models_own_validation():
    demo_seed(organisations=200, people=0, initiatives=0)
    for organisation in Organisation.objects.all():
        organisation.full_clean()


def test_businesses_have_valid_unique_kvk_numbers_and_others_none():
    demo_seed(organisations=1000, people=0, initiatives=0)
    businesses = Organisation.objects.filter(kind=OrganisationKind.BUSINESS)
    numbers = [number for number in businesses.values_list("kvk_number", flat=True) if number]
    assert len(numbers) > 0.8 * businesses.count()
    assert all(re.fullmatch(r"[0-9]{8}", number) for number in numbers)
    assert len(set(numbers)) == len(numbers)
    assert not Organisation.objects.exclude(kind=OrganisationKind.BUSINESS).exclude(kvk_number="").exists()


def test_government_and_universities_sit_where_they_belong_even_in_a_large_demo():
    demo_seed(organisations=4000, people=0, initiatives=0)
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).select_related("municipality")
    assert municipalities.count() == Municipality.objects.current().count()
    assert all(org.name.startswith("Gemeente ") for org in municipalities)
    assert municipalities.values("municipality").distinct().count() == municipalities.count()
    assert Organisation.objects.get(slug="gemeente-den-haag").municipality.code == "GM0518"
    provinces = Organisation.objects.filter(kind=OrganisationKind.PROVINCE).select_related("municipality")
    province_names = set(Municipality.objects.values_list("province", flat=True))
    assert sorted(org.name for org in provinces) == sorted(f"Provincie {name}" for name in province_names)
    assert all(org.name == f"Provincie {org.municipality.province}" for org in provinces)
    universities = Organisation.objects.filter(kind=OrganisationKind.UNIVERSITY)
    assert universities.count() == len(UNIVERSITY_CITIES)
    assert set(universities.values_list("municipality__name", flat=True)) == set(UNIVERSITY_CITIES)
    assert Organisation.objects.count() == 4000


def test_people_have_example_addresses_and_no_usable_password():
    demo_seed(organisations=0, people=500, initiatives=0)
    people = User.objects.exclude(email=DEMO_SUPERUSER_EMAIL)
    assert people.count() == 500
    assert all(person.email.endswith("@example.org") for person in people)
    assert all(person.display_name for person in people)
    assert not any(person.has_usable_password() for person in people)
    assert not people.filter(is_staff=True).exists()


def test_running_the_demo_again_adds_to_it_without_clashes():
    run_seed_demo()
    run_seed_demo()
    assert Organisation.objects.count() == 240
    assert User.objects.count() == 121
    assert Initiative.objects.count() == 160


def test_the_command_prints_a_login_that_works(client):
    output = run_seed_demo()
    assert LOGIN_LINE in output
    response = client.post("/account/login/", {"login": DEMO_SUPERUSER_EMAIL, "password": DEMO_SUPERUSER_PASSWORD})
    assert response.status_code == 302
    assertContains(client.get(response.url), "Mijn overzicht")


def test_if_empty_adds_nothing_when_there_are_organisations_but_still_gives_a_login(client):
    OrganisationFactory()
    output = run_seed_demo("--if-empty")
    assert Organisation.objects.count() == 1
    assert "There are 1 organisations already, so no demo data was added." in output
    assert LOGIN_LINE in output
    assert client.login(email=DEMO_SUPERUSER_EMAIL, password=DEMO_SUPERUSER_PASSWORD)


def test_if_empty_fills_an_empty_database():
    output = run_seed_demo("--if-empty", "--organisations", "40", "--people", "5")
    assert Organisation.objects.count() == 40
    assert LOGIN_LINE in output


def test_an_existing_superuser_is_left_alone_and_the_command_says_the_demo_password_no_longer_works():
    UserFactory(email=DEMO_SUPERUSER_EMAIL, is_staff=True, is_superuser=True)
    output = run_seed_demo("--if-empty", "--organisations", "20", "--people", "0")
    assert LOGIN_LINE not in output
    assert "no longer signs in with the demo password" in output
    superuser = User.objects.get(email=DEMO_SUPERUSER_EMAIL)
    assert superuser.check_password("correct horse battery staple")


def test_without_regions_the_command_asks_for_load_regions_first():
    Municipality.objects.all().delete()
    LabourMarketRegion.objects.all().delete()
    with pytest.raises(CommandError, match="load_regions"):
        run_seed_demo()
    assert not Organisation.objects.exists()


def test_negative_numbers_are_refused():
    with pytest.raises(CommandError, match="cannot be negative"):
        run_seed_demo("--people", "-1")
    with pytest.raises(CommandError, match="cannot be negative"):
        run_seed_demo("--initiatives", "-1")
    assert not Organisation.objects.exists()


def test_initiatives_without_any_organisation_are_refused_and_nothing_is_kept():
    with pytest.raises(CommandError, match="need organisations"):
        run_seed_demo("--organisations", "0", "--people", "3", "--initiatives", "5")
    assert not User.objects.filter(email__endswith="@example.org").exists()
    assert not Initiative.objects.exists()


# --- Initiatives ------------------------------------------------------------------------------------


@pytest.fixture
def demo_initiatives():
    """A demo the size of a busy region's year: every theme, region, status and kind of partnership."""
    demo_seed(seed=11, organisations=400, people=150, initiatives=600)
    return Initiative.objects.all()


def test_every_theme_and_every_region_gets_initiatives(demo_initiatives):
    assert not Theme.objects.annotate(n=Count("initiatives")).filter(n=0).exists()
    regions = LabourMarketRegion.objects.current()
    assert set(demo_initiatives.values_list("primary_region", flat=True)) == set(regions.values_list("pk", flat=True))
    assert set(demo_initiatives.values_list("status", flat=True)) == set(Status.values)
    assert not demo_initiatives.annotate(n=Count("themes")).filter(n=0).exists()


def test_some_initiatives_work_out_national_programmes_and_help_target_groups(demo_initiatives):
    """So that `make run` shows the programme pages, their maps and who benefits with something on them."""
    with_programmes = demo_initiatives.filter(programmes__isnull=False).distinct().count()
    with_groups = demo_initiatives.filter(target_groups__isnull=False).distinct().count()
    assert 0 < with_programmes < demo_initiatives.count()
    assert 0 < with_groups < demo_initiatives.count()
    assert NationalProgramme.objects.filter(initiatives__in=demo_initiatives.public()).distinct().count() > 1


def test_every_initiative_has_one_accepted_lead_partnership_in_its_primary_region(demo_initiatives):
    leads = Partnership.objects.filter(role=Partnership.Role.LEAD).select_related(
        "initiative", "organisation__municipality"
    )
    assert leads.count() == demo_initiatives.count()
    for lead in leads:
        assert lead.state == Partnership.State.ACCEPTED
        assert lead.organisation_id == lead.initiative.lead_organisation_id
        assert lead.organisation.municipality.region_id == lead.initiative.primary_region_id


def test_further_partnerships_have_every_role_and_state(demo_initiatives):
    others = Partnership.objects.exclude(role=Partnership.Role.LEAD)
    assert set(others.values_list("role", flat=True)) == set(Partnership.Role.values) - {Partnership.Role.LEAD}
    assert set(others.values_list("state", flat=True)) == set(Partnership.State.values)
    assert others.accepted().count() > others.count() / 2
    counts = demo_initiatives.annotate(n=Count("partnerships")).values_list("n", flat=True)
    assert min(counts) == 1  # the lead alone
    assert max(counts) == 5  # the lead and four partners
    answered = others.filter(state__in=[Partnership.State.ACCEPTED, Partnership.State.DECLINED])
    assert not answered.filter(answered_at__isnull=True).exists()
    assert not others.filter(
        state__in=[Partnership.State.INVITED, Partnership.State.REQUESTED], answered_at__isnull=False
    )


def test_municipalities_lie_within_the_initiatives_regions(demo_initiatives):
    cross_regional = 0
    for initiative in demo_initiatives.prefetch_related("regions", "municipalities"):
        regions = {initiative.primary_region_id, *(region.pk for region in initiative.regions.all())}
        assert initiative.primary_region_id not in {region.pk for region in initiative.regions.all()}
        assert {m.region_id for m in initiative.municipalities.all()} <= regions
        cross_regional += len(regions) > 1
    assert 0.04 * demo_initiatives.count() < cross_regional < 0.25 * demo_initiatives.count()
    assert Initiative.municipalities.through.objects.exists()


def test_drafts_sought_partners_and_dates_look_like_real_use(demo_initiatives):
    total = demo_initiatives.count()
    drafts = demo_initiatives.filter(visibility=Visibility.DRAFT)
    assert 0.05 * total < drafts.count() < 0.15 * total
    assert set(drafts.values_list("status", flat=True)) <= {Status.IDEA, Status.PROPOSAL}
    seeking = demo_initiatives.filter(sought_partners__isnull=False).distinct()
    assert 0.3 * total < seeking.count() < 0.5 * total
    assert not seeking.filter(sought_note="").exists()
    assert SoughtPartner.objects.exclude(helix="").exists() and SoughtPartner.objects.exclude(kind="").exists()
    assert not demo_initiatives.filter(end_date__lt=F("start_date")).exists()
    assert not demo_initiatives.filter(updated_at__lt=F("created_at")).exists()
    assert not demo_initiatives.filter(last_activity_at__lt=F("updated_at")).exists()
    assert demo_initiatives.filter(description__contains="**").count() == total
    assert demo_initiatives.filter(description__contains="\n- ").count() == total
    assert demo_initiatives.filter(description_html__contains="<strong>").count() == total
    assert demo_initiatives.filter(description_html__contains="<li>").count() == total
    assert demo_initiatives.exclude(budget=None).exists() and demo_initiatives.filter(budget=None).exists()


def test_every_demo_initiative_and_partnership_passes_the_models_own_validation(demo_initiatives):
    for initiative in demo_initiatives[:300]:
        initiative.full_clean()
    for partnership in Partnership.objects.all()[:300]:
        partnership.full_clean()
    for sought in SoughtPartner.objects.all()[:300]:
        sought.full_clean()


def test_the_demo_records_no_edit_history(demo_initiatives):
    assert not Initiative.history.exists()


def test_demo_people_belong_to_organisations_and_every_organisation_with_members_has_an_admin():
    demo_seed(seed=3, organisations=150, people=400, initiatives=50)
    people = User.objects.exclude(email=DEMO_SUPERUSER_EMAIL)
    members = people.filter(memberships__isnull=False).distinct().count()
    assert 0.6 * people.count() < members < 0.9 * people.count()
    assert Membership.objects.requested().exists()
    assert not Membership.objects.requested().filter(Q(role=Membership.Role.ADMIN) | Q(approved_at__isnull=False))
    with_members = Organisation.objects.filter(memberships__state=Membership.State.ACTIVE).distinct()
    assert not with_members.exclude(memberships__role=Membership.Role.ADMIN).exists()
    for membership in Membership.objects.active().select_related("user", "organisation"):
        assert membership.created_at >= membership.user.date_joined
        assert membership.approved_at > membership.created_at
    contacts = Initiative.objects.exclude(contact_person=None).select_related("contact_person")
    assert contacts.exists()
    for initiative in contacts:
        assert (
            Membership.objects.active()
            .filter(user=initiative.contact_person, organisation=initiative.lead_organisation_id)
            .exists()
        )


def test_dutch_full_text_search_finds_cycle_paths(demo_initiatives):
    assert not demo_initiatives.filter(search_vector=None).exists()
    found = demo_initiatives.filter(search_vector=SearchQuery("fietspaden", config=SEARCH_CONFIG))
    assert found.filter(title__icontains="fietspad").exists()
    cycle_paths = demo_initiatives.filter(title__startswith="Fietspad ")  # "Snelfietspad" is another word
    assert cycle_paths.exists()
    assert set(cycle_paths.values_list("pk", flat=True)) <= set(found.values_list("pk", flat=True))


def test_initiatives_are_inserted_in_bulk(django_assert_max_num_queries):
    demo_seed(seed=5, organisations=200, people=50, initiatives=0)
    with django_assert_max_num_queries(
        58
    ):  # 10 of them the agendas, 4 the programmes; one query per row: tens of thousands
        demo_seed(seed=5, organisations=0, people=0, initiatives=3000)
    assert Initiative.objects.count() == 3000


def test_the_default_demo_discusses_public_initiatives_in_dutch_with_replies_and_organisations():
    output = run_seed_demo()

    comments = Comment.objects.select_related("initiative", "organisation")
    assert f"{comments.count()} comments" in output
    assert comments.filter(parent__isnull=False).exists()
    assert {comment.initiative.visibility for comment in comments} == {Visibility.PUBLIC}
    on_behalf = comments.filter(organisation__isnull=False)
    assert on_behalf.exists()
    for comment in on_behalf:
        assert Membership.objects.active().filter(user=comment.author_id, organisation=comment.organisation).exists()
    assert all(reply.created_at >= reply.parent.created_at for reply in comments.filter(parent__isnull=False))
    assert set(comments.filter(parent__isnull=True).values_list("kind", flat=True)) == set(CommentKind.values)
    assert not comments.filter(text_html="").exists()


def test_the_demo_has_organisations_across_the_border_as_partners_near_it():
    output = run_seed_demo()
    abroad = Organisation.objects.abroad()
    assert "and 6 across the border" in output
    assert sorted(abroad.values_list("country", flat=True)) == ["BE", "BE", "BE", "DE", "DE", "DE"]
    assert not abroad.filter(place="").exists() and not abroad.exclude(municipality=None).exists()
    partnerships = Partnership.objects.accepted().filter(organisation__in=abroad).select_related("initiative")
    assert partnerships.count() >= 6
    near = {name: region for name, _kind, _country, _place, region in BORDER_PARTNERS}
    for partnership in partnerships:
        assert partnership.initiative.primary_region.name == near[partnership.organisation.name]
        assert partnership.initiative.visibility == "public"
