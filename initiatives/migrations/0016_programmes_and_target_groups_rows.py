from django.db import migrations

from agendastad.accounts.moderators import moderators_grant, moderators_revoke

PROGRAMMES = [
    (
        "topsectoren",
        "Topsectoren",
        "Top sectors",
        "top_sector",
        "Het bedrijvenbeleid waarin bedrijven, kennisinstellingen en overheid per topsector samen innoveren, "
        "met een eigen human capital agenda.",
        "The enterprise policy in which businesses, knowledge institutions and government innovate together per "
        "top sector, each with its own human capital agenda.",
        "https://www.topsectoren.nl/",
    ),
    (
        "techniekpact",
        "Techniekpact",
        "Technology Pact",
        "pact",
        "Afspraken tussen onderwijs, werkgevers en overheid om meer mensen te kiezen, leren en werken in de techniek.",
        "Agreements between education, employers and government so that more people choose, learn and work in "
        "technology.",
        "https://www.techniekpact.nl/",
    ),
    (
        "green-deals",
        "Green Deals",
        "Green Deals",
        "green_deal",
        "Afspraken tussen de overheid en bedrijven, maatschappelijke organisaties en andere overheden die duurzame "
        "initiatieven helpen versnellen.",
        "Agreements between the state and businesses, civil society and other governments that help sustainable "
        "initiatives go faster.",
        "https://www.greendeals.nl/",
    ),
    (
        "retailagenda",
        "Retailagenda",
        "Retail Agenda",
        "sector_agenda",
        "Afspraken tussen winkeliers, vastgoed, gemeenten en het Rijk om winkelgebieden vitaal te houden.",
        "Agreements between retailers, property owners, municipalities and the state to keep shopping areas vital.",
        "",
    ),
    (
        "city-deals",
        "City Deals",
        "City Deals",
        "city_deal",
        "Samenwerkingen van steden, het Rijk, bedrijven en maatschappelijke organisaties binnen Agenda Stad.",
        "Partnerships of cities, the state, businesses and civil society within the Agenda Stad (urban agenda).",
        "https://agendastad.nl/",
    ),
    (
        "regio-deals",
        "Regio Deals",
        "Regio Deals",
        "regio_deal",
        "Afspraken tussen het Rijk en een regio om samen de brede welvaart in die regio te versterken.",
        "Agreements between the state and a region to strengthen broad prosperity in that region together.",
        "https://www.regiodeals.nl/",
    ),
    (
        "nationaal-groeifonds",
        "Nationaal Groeifonds",
        "National Growth Fund",
        "other",
        "Het fonds dat investeert in projecten voor duurzame economische groei, ook in kennis en vaardigheden.",
        "The fund that invests in projects for lasting economic growth, in knowledge and skills too.",
        "https://www.nationaalgroeifonds.nl/",
    ),
]

TARGET_GROUPS = [
    (
        "jongeren-zonder-startkwalificatie",
        "Jongeren zonder startkwalificatie",
        "Young people without a starting qualification",
        "Jongeren tot 23 jaar zonder diploma op havo-, vwo- of mbo-2-niveau.",
        "Young people up to 23 without a diploma at senior general, pre-university or MBO level 2.",
    ),
    (
        "afstand-tot-de-arbeidsmarkt",
        "Mensen met een afstand tot de arbeidsmarkt",
        "People far from the labour market",
        "Mensen die zonder steun moeilijk aan het werk komen.",
        "People who find it hard to get work without support.",
    ),
    (
        "oudere-werknemers",
        "Oudere werknemers",
        "Older workers",
        "Werkenden en werkzoekenden van 55 jaar en ouder.",
        "Workers and jobseekers aged 55 and over.",
    ),
    (
        "statushouders",
        "Statushouders",
        "Status holders",
        "Vluchtelingen met een verblijfsvergunning die hier een bestaan opbouwen.",
        "Refugees with a residence permit who build a life here.",
    ),
    (
        "omliggende-kernen",
        "Mensen in de omliggende kernen en regio's",
        "People in the surrounding towns and regions",
        "Wie buiten de stad woont en ook mee moet kunnen profiteren.",
        "Those living outside the city, who should benefit too.",
    ),
    (
        "arbeidsbeperking",
        "Mensen met een arbeidsbeperking",
        "People with a work-limiting disability",
        "Mensen die door ziekte of een beperking niet zonder aanpassing kunnen werken.",
        "People who cannot work without adjustments because of illness or a disability.",
    ),
    (
        "herintreders",
        "Herintreders",
        "People returning to work",
        "Mensen die na een tijd zonder betaald werk weer aan de slag willen.",
        "People who want to work again after a time without paid work.",
    ),
]

# Moderators keep both lists; they do not delete (initiatives would silently lose the link): a programme that
# ended is marked as no longer running instead.
PERMISSIONS = {
    "initiatives": [
        "view_nationalprogramme",
        "add_nationalprogramme",
        "change_nationalprogramme",
        "view_targetgroup",
        "add_targetgroup",
        "change_targetgroup",
    ]
}


def create(apps, schema_editor):
    NationalProgramme = apps.get_model("initiatives", "NationalProgramme")
    TargetGroup = apps.get_model("initiatives", "TargetGroup")
    for slug, name_nl, name_en, kind, description_nl, description_en, website in PROGRAMMES:
        NationalProgramme.objects.get_or_create(
            slug=slug,
            defaults={
                "name_nl": name_nl,
                "name_en": name_en,
                "kind": kind,
                "description_nl": description_nl,
                "description_en": description_en,
                "website": website,
            },
        )
    for slug, name_nl, name_en, description_nl, description_en in TARGET_GROUPS:
        TargetGroup.objects.get_or_create(
            slug=slug,
            defaults={
                "name_nl": name_nl,
                "name_en": name_en,
                "description_nl": description_nl,
                "description_en": description_en,
            },
        )
    moderators_grant(apps, PERMISSIONS)


def remove(apps, schema_editor):
    moderators_revoke(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0015_programmes_and_target_groups")]

    operations = [migrations.RunPython(create, remove)]
