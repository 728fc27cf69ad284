"""The six themes of the SER advice *Agenda voor de stad* (2015), described in our own words."""

from django.db import migrations

THEMES = [
    {
        "number": 1,
        "slug": "talent-ontwikkelen",
        "name_nl": "Talent ontwikkelen",
        "name_en": "Developing talent",
        "description_nl": (
            "Wat we over twintig of dertig jaar verdienen, hangt af van hoe goed we nu alle talenten "
            "ontwikkelen en benutten. Dat begint vroeg in het onderwijs en gaat door met een leven lang "
            "leren, zodat wie een baan verliest zich kan omscholen voor de volgende. Bijzondere aandacht "
            "gaat naar de positie van lager en middelbaar opgeleiden, die in succesvolle steden worden "
            "verdrongen door hoger opgeleiden die onder hun niveau werken."
        ),
        "description_en": (
            "What we earn in twenty or thirty years depends on how well we develop and use every "
            "talent now. That starts early in education and continues with lifelong learning, so that "
            "people who lose a job can retrain for the next one. The position of people with lower and "
            "intermediate qualifications needs particular care: in successful cities they are pushed out "
            "by graduates working below their level."
        ),
    },
    {
        "number": 2,
        "slug": "ondernemerschap-stimuleren",
        "name_nl": "Ondernemerschap stimuleren",
        "name_en": "Encouraging entrepreneurship",
        "description_nl": (
            "Bedrijven zorgen voor werk in de buurt en voor innovatie. Ze groeien in een regionaal "
            "ecosysteem waarin bedrijven, kennisinstellingen en overheid samenwerken: de triple helix. "
            "Denk aan investeren in start-ups en hun doorgroei, onderzoek en ontwikkeling, kennis omzetten "
            "in producten en diensten met vakmensen op mbo- en hbo-niveau, internationale kenniswerkers en "
            "proeftuinen die passen bij de sterke punten van de regio."
        ),
        "description_en": (
            "Businesses create local jobs and drive innovation. They thrive in a regional ecosystem in "
            "which companies, knowledge institutions and government work together: the triple helix. "
            "Think of investing in start-ups and their growth, research and development, turning knowledge "
            "into products and services with skilled vocational and applied-science professionals, "
            "international knowledge workers, and test beds that fit the region's strengths."
        ),
    },
    {
        "number": 3,
        "slug": "aantrekkelijk-woon-leef-en-vestigingsklimaat",
        "name_nl": "Een aantrekkelijk woon-, leef- en vestigingsklimaat",
        "name_en": "An attractive climate to live, work and locate",
        "description_nl": (
            "In de stad stapelen de opgaven zich op: files, leegstaande winkels en kantoren, betaalbare "
            "woningen, klimaatadaptatie en de overgang naar een groenere economie. Omdat functies dicht bij "
            "elkaar liggen, kunnen oplossingen elkaar versterken. Steden die inspelen op demografische "
            "veranderingen, nieuwe vormen van wonen en werken, de circulaire en de slimme stad, binden "
            "mensen en bedrijven aan zich."
        ),
        "description_en": (
            "Challenges pile up in cities: congestion, empty shops and offices, affordable housing, climate "
            "adaptation and the shift to a greener economy. Because functions sit close together, solutions "
            "can reinforce each other. Cities that respond to demographic change, new ways of living and "
            "working, and the circular and smart city keep people and businesses close."
        ),
    },
    {
        "number": 4,
        "slug": "verbindingen-tussen-en-binnen-steden",
        "name_nl": "Verbindingen tussen en binnen steden",
        "name_en": "Connections between and within cities",
        "description_nl": (
            "Steden zijn stedelijke regio's geworden waarin mensen zich in complexe patronen verplaatsen. "
            "Goed openbaar vervoer en goede wegen brengen meer banen binnen bereik; goede digitale "
            "verbindingen en de vaardigheden om ze te gebruiken helpen juist mensen die minder mobiel zijn. "
            "Ook de band tussen stad en ommeland telt, net als samenwerking over de grens met Duitsland en België."
        ),
        "description_en": (
            "Cities have become urban regions in which people move in complex patterns. Good public "
            "transport and roads bring more jobs within reach; good digital connections, and the skills to "
            "use them, help people who are less mobile. The link between city and countryside matters too, "
            "as does cooperation across the borders with Germany and Belgium."
        ),
    },
    {
        "number": 5,
        "slug": "regionale-samenwerking-landelijke-kaders",
        "name_nl": "Regionale samenwerking binnen landelijke kaders",
        "name_en": "Regional cooperation within national frameworks",
        "description_nl": (
            "Samenwerken in plaats van concurreren: buursteden zijn geen rivalen, maar samen sterker "
            "tegenover de rest van de wereld. Vraagstukken worden opgelost op het niveau waar ze spelen; "
            "wat de regio niet kan, regelt het Rijk. Landelijke afspraken, zoals het topsectorenbeleid en "
            "het Techniekpact, krijgen hun uitwerking in de regio."
        ),
        "description_en": (
            "Cooperation instead of competition: neighbouring cities are not rivals but stronger together "
            "against the rest of the world. Problems are solved at the level where they arise; what a region "
            "cannot do, the national government does. National agreements, such as the top-sector policy "
            "and the Technology Pact, are worked out in the regions."
        ),
    },
    {
        "number": 6,
        "slug": "bestuurlijke-slagkracht",
        "name_nl": "Bestuurlijke slagkracht",
        "name_en": "Administrative strength",
        "description_nl": (
            "Mensen wonen, werken en bewegen in een 'daily urban system' dat zich niets aantrekt van de "
            "grenzen tussen gemeenten en provincies. De 35 arbeidsmarktregio's kunnen uitgroeien tot de plek "
            "waar gemeenten, sociale partners, onderwijs en bedrijfsleven passende vormen van samenwerking "
            "vinden en regionale economische agenda's verbinden met arbeidsmarktbeleid."
        ),
        "description_en": (
            "People live, work and travel in a 'daily urban system' that ignores the borders between "
            "municipalities and provinces. The 35 labour-market regions can grow into the place where "
            "municipalities, social partners, education and business find the right ways to cooperate and "
            "link regional economic agendas to labour-market policy."
        ),
    },
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("initiatives", "Theme")
    for theme in THEMES:
        Theme.objects.update_or_create(number=theme["number"], defaults=theme)


def remove_themes(apps, schema_editor):
    apps.get_model("initiatives", "Theme").objects.filter(number__in=[t["number"] for t in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(create_themes, remove_themes)]
