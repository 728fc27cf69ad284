"""The demo's Dutch words: places, names, organisation and initiative texts, comments. The planner
(planner.py) picks from these with its seeded random generator."""

from initiatives.models import CommentKind
from regions.models import Helix, OrganisationKind

# --- Places --------------------------------------------------------------------------------------

# The municipality where a region's partners usually meet: most of its organisations sit there.
REGION_HUBS = {
    "AM01": "Groningen",
    "AM02": "Leeuwarden",
    "AM03": "Emmen",
    "AM05": "Enschede",
    "AM06": "Apeldoorn",
    "AM07": "Arnhem",
    "AM08": "Nijmegen",
    "AM09": "Doetinchem",
    "AM10": "Tiel",
    "AM11": "Almere",
    "AM12": "Hilversum",
    "AM13": "Utrecht",
    "AM14": "Amersfoort",
    "AM15": "Alkmaar",
    "AM17": "Zaanstad",
    "AM18": "Amsterdam",
    "AM19": "Leiden",
    "AM20": "Gouda",
    "AM21": "'s-Gravenhage",
    "AM22": "Rotterdam",
    "AM23": "Dordrecht",
    "AM24": "Middelburg (Z.)",
    "AM25": "Breda",
    "AM26": "Tilburg",
    "AM27": "'s-Hertogenbosch",
    "AM28": "Eindhoven",
    "AM29": "Venlo",
    "AM30": "Maastricht",
    "AM32": "Helmond",
    "AM33": "Roermond",
    "AM34": "Zoetermeer",
    "AM35": "Gorinchem",
    "AM36": "Zwolle",
    "AM37": "Haarlem",
    "AM38": "Ede",
}
PROVINCE_CAPITALS = {
    "Drenthe": "Assen",
    "Flevoland": "Lelystad",
    "Fryslân": "Leeuwarden",
    "Gelderland": "Arnhem",
    "Groningen": "Groningen",
    "Limburg": "Maastricht",
    "Noord-Brabant": "'s-Hertogenbosch",
    "Noord-Holland": "Haarlem",
    "Overijssel": "Zwolle",
    "Utrecht": "Utrecht",
    "Zeeland": "Middelburg (Z.)",
    "Zuid-Holland": "'s-Gravenhage",
}
SEAT_OF_GOVERNMENT = "'s-Gravenhage"
# One university each (two in Amsterdam), under invented names.
UNIVERSITY_CITIES = [
    "Amsterdam",
    "Amsterdam",
    "Delft",
    "Eindhoven",
    "Enschede",
    "Groningen",
    "Heerlen",
    "Leiden",
    "Maastricht",
    "Nijmegen",
    "Rotterdam",
    "Tilburg",
    "Utrecht",
    "Wageningen",
]
# What people call the place where it differs from the CBS name of the municipality.
MUNICIPALITY_LABELS = {"'s-Gravenhage": "Den Haag", "Bergen (L.)": "Bergen (L)", "Bergen (NH.)": "Bergen (NH)"}
PLACE_LABELS = {**MUNICIPALITY_LABELS, "'s-Hertogenbosch": "Den Bosch"}


# --- Organisations -------------------------------------------------------------------------------

FIRST_NAMES = [
    "Anouk", "Bram", "Daan", "Eva", "Femke", "Fleur", "Jesse", "Julia", "Lars", "Lieke", "Lotte", "Luuk",
    "Maartje", "Milan", "Noor", "Roos", "Ruben", "Sanne", "Sem", "Sophie", "Thijs", "Tim", "Vera", "Wouter",
    "Joost", "Marieke", "Ingrid", "Henk", "Gerrit", "Annemarie", "Kees", "Hanneke", "Willemijn", "Pieter",
    "Jeroen", "Esther", "Marloes", "Niels", "Sjoerd", "Baukje", "Jelle", "Hidde", "Gerda", "Koen", "Marit",
    "Iris", "Mohammed", "Fatima", "Yusuf", "Nadia", "Rachid", "Samira", "Ayşe", "Mehmet", "Emre", "Zeynep",
    "Priya", "Rajesh", "Shanti", "Kevin", "Priscilla", "Jorge", "Lucía", "Tomasz", "Agnieszka", "Wei",
    "Linh", "Zoë", "Chloë", "Joëlle",
]  # fmt: skip
SURNAMES = [
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
    "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Jong", "Schouten", "van Beek",
    "Willems", "van Dijk", "Hoekstra", "Postma", "Kuipers", "Veenstra", "Hofstede", "Nijhuis", "Wolters",
    "Kramer", "Timmermans", "Claassen", "El Amrani", "Yilmaz", "Kaya", "Bouzid", "Öztürk", "Pinas", "Sewdien",
    "Nguyen", "Ramdin", "Tahiri", "Kowalski", "Doğan", "Wijnaldum", "Haddou",
]  # fmt: skip
SECTORS = [
    "Logistiek", "Installatietechniek", "Bouw", "Metaal", "Techniek", "Transport", "Zorg", "Schoonmaak",
    "Elektrotechniek", "Software", "ICT", "Groenvoorziening", "Recycling", "Energie", "Verpakkingen",
    "Precisietechniek", "Voedingsmiddelen", "Kunststoffen", "Machinebouw", "Personeelsdiensten", "Mobiliteit",
    "Zonne-energie", "Watertechniek", "Interieurbouw",
]  # fmt: skip
TRADES = [
    "Bakkerij", "Slagerij", "Drukkerij", "Timmerbedrijf", "Hoveniersbedrijf", "Garage", "Installatiebedrijf",
    "Schildersbedrijf", "Kwekerij", "Brouwerij", "Koffiebranderij", "Kaasmakerij", "Machinefabriek", "Rederij",
    "Meubelmakerij", "Loonbedrijf", "Smederij", "Hotel", "Aannemersbedrijf", "Zorgboerderij",
]  # fmt: skip
SIGNS = [
    "De Korenschoof", "De Zwaan", "Het Anker", "De Eendracht", "De Hoop", "De Molen", "De Vlijt",
    "De Drie Gebroeders", "Het Gouden Hoofd", "De Ster", "De Klaproos", "De Noordster", "De Kroon", "De Linde",
    "De Eikenboom", "Het Zeepaard", "De Vriendschap", "De Morgenstond", "De Zandloper", "De Gouden Leeuw",
    "De Pelikaan", "Het Hoefijzer", "De Kraanvogel", "Het Klaverblad",
]  # fmt: skip
BRAND_HEADS = [
    "Polder", "Dijk", "Wad", "Delta", "Noord", "Zuid", "Groen", "Klaver", "Duin", "Veen", "Rivier", "Haven",
    "Kanaal", "Molen", "Tulp", "Berk", "Zilt", "Stroom", "Wind", "Zon", "Brug", "Kade", "Sluis", "Terp",
]  # fmt: skip
BRAND_TAILS = [
    "werk", "data", "kracht", "tech", "link", "bouw", "zorg", "lab", "wijs", "net", "fabriek", "groep",
    "punt", "kompas", "veld", "poort", "sprong", "vorm",
]  # fmt: skip
TOPICS = [
    "Smart Industry", "Zorginnovatie", "Circulaire Bouw", "Energietransitie", "Logistiek", "Voedsel en Gezondheid",
    "Digitale Vaardigheden", "Werk en Inclusie", "Robotica", "Agrotechniek", "Waterbouw",
    "Leven Lang Ontwikkelen", "Duurzame Mobiliteit", "Maakindustrie",
]  # fmt: skip
SCHOOL_STEMS = [
    "Meridiaan", "Kompas", "Waterkant", "Kiemkracht", "Vakwerk", "Noorderlicht", "Lindeboom", "Morgenrood",
    "Brugwachter", "Einder", "Wilgenhof", "Dukdalf", "Baken", "Vuurtoren",
]  # fmt: skip
SCHOLARS = [
    "Spinoza", "Huygens", "Stevin", "Grotius", "Boerhaave", "Lorentz", "Mercator", "Thorbecke",
    "Van Leeuwenhoek", "Kamerlingh Onnes", "Aletta Jacobs", "Minnaert", "Snellius", "Escher",
]  # fmt: skip
NATIONAL_BODIES = [
    "Ministerie van Werk en Regio",
    "Rijksdienst voor Vakmanschap",
    "Nationaal Programma Leven Lang Ontwikkelen",
    "Rijksbureau Regionale Arbeidsmarkt",
    "Nationaal Fonds Regionale Groei",
    "Ministerie van Onderwijs en Vakmanschap",
]
DISTRICTS = ["Noord", "Zuid", "Oost", "West", "Centrum"]

# Name templates per kind; a template that appears twice is chosen twice as often.
NAME_TEMPLATES: dict[str, list[str]] = {
    OrganisationKind.PUBLIC_BODY: [
        "GGD {region}",
        "Veiligheidsregio {region}",
        "Omgevingsdienst {region}",
        "Werkgeversservicepunt {region}",
        "Leerwerkloket {region}",
        "Regionaal Mobiliteitsteam {region}",
        "Sociale Dienst {place}",
        "Werkbedrijf {place}",
        "Ontwikkelingsbedrijf {region}",
        "Regionaal Bureau Leerplicht {region}",
    ],
    OrganisationKind.SCHOOL_MBO: [
        "ROC {region}",
        "{stem} College",
        "{stem} College {place}",
        "Vakschool {place}",
        "Techniek College {place}",
        "Zorgacademie {region}",
        "Groen College {region}",
        "{place} Vakcollege",
    ],
    OrganisationKind.SCHOOL_HBO: [
        "Hogeschool {place}",
        "Hogeschool {region}",
        "{stem} Hogeschool",
        "Hogeschool voor Techniek en Zorg {place}",
        "Pabo {place}",
        "Academie voor Logistiek {place}",
        "Kunstacademie {place}",
    ],
    OrganisationKind.KNOWLEDGE_INSTITUTION: [
        "Kenniscentrum {topic} {region}",
        "Fieldlab {topic} {place}",
        "Innovatielab {place}",
        "Expertisecentrum {topic} {region}",
        "Praktijkcentrum {topic}",
        "{stem} Instituut voor Toegepast Onderzoek",
        "Onderzoeksbureau Arbeidsmarkt {region}",
    ],
    OrganisationKind.BUSINESS: [
        "{place} {sector} B.V.",
        "{place} {sector} B.V.",
        "{trade} {sign}",
        "{trade} {sign}",
        "{trade} {Surname}",
        "{Surname} {sector} B.V.",
        "{Surname} & Zonen",
        "Gebroeders {Surname}",
        "{brand} B.V.",
        "{brand} {sector}",
    ],
    OrganisationKind.BUSINESS_NETWORK: [
        "Ondernemerskring {place}",
        "Businessclub {place}",
        "Industriële Kring {region}",
        "Platform Techniek {region}",
        "Netwerk Logistiek {region}",
        "Bedrijvenkring {place}",
        "Economic Board {region}",
        "Cluster {topic} {region}",
        "Parkmanagement Bedrijvenpark {place}-{district}",
        "Jonge Ondernemers {place}",
    ],
    OrganisationKind.EMPLOYERS_ORGANISATION: [
        "Ondernemersvereniging {place}",
        "Ondernemersvereniging {place}",
        "Werkgeversvereniging {region}",
        "Regionale Werkgeverskring {region}",
        "Werkgeversplatform {sector} {region}",
        "MKB-kring {place}",
        "Werkgeversverbond {region}",
    ],
    OrganisationKind.UNION: [
        "Werknemersbond regio {region}",
        "Algemene Werknemersbond afdeling {region}",
        "Christelijke Vakbond regio {region}",
        "Jongerenvakbond {region}",
        "Vakbond Techniek en Industrie {region}",
        "Vakbond Zorg en Welzijn {region}",
        "Bond van Vakmensen {region}",
    ],
    OrganisationKind.CIVIL_SOCIETY: [
        "Stichting Welzijn {place}",
        "Bibliotheek {place}",
        "Stichting Taalhuis {place}",
        "Vrijwilligerscentrale {place}",
        "Jongerenplatform {region}",
        "Stichting Leerwerkpunt {place}",
        "Buurtcoöperatie {place}-{district}",
        "Stichting Digitaal Samen {place}",
        "Stichting Nieuwkomers aan het Werk {region}",
        "Cultuurhuis {place}",
    ],
}
# Descriptions per kind where one is given, else per helix.
DESCRIPTIONS: dict[str, list[str]] = {
    OrganisationKind.BUSINESS_NETWORK: [
        "Ondernemers in {place} die samen werken aan een sterke regionale economie.",
        "Brengt bedrijven, onderwijs en overheid in de regio {region} bij elkaar rond {topic_lower}.",
    ],
    Helix.GOVERNMENT: [
        "Werkt in de arbeidsmarktregio {region} samen met onderwijs, werkgevers en werknemers.",
        "Wil dat iedereen in {place} en omgeving kan meedoen op de arbeidsmarkt.",
        "Investeert in een sterke regio {region}: werk, wonen en bereikbaarheid in samenhang.",
    ],
    Helix.KNOWLEDGE: [
        "Leidt vakmensen op voor {topic_lower} en werkt daarvoor nauw samen met bedrijven in de regio.",
        "Onderzoek en onderwijs in {place}, met een leerwerkplaats voor {topic_lower}.",
        "Zoekt bedrijven voor stages, praktijkopdrachten en een leven lang ontwikkelen.",
    ],
    Helix.BUSINESS: [
        "Familiebedrijf in {place} met ongeveer {employees} medewerkers.",
        "Leidt elk jaar vakmensen op in de praktijk (bbl) en zoekt nieuwe collega's.",
        "Actief in de hele regio {region}, met een eigen opleiding voor {topic_lower}.",
    ],
    Helix.SOCIAL_PARTNERS: [
        "Behartigt de belangen van werkenden en werkgevers in de regio {region}.",
        "Zet zich in voor goed werk, scholing en eerlijke kansen in {place} en omgeving.",
    ],
    Helix.CIVIL_SOCIETY: [
        "Helpt inwoners van {place} op weg naar werk, taal en meedoen.",
        "Vrijwilligers en professionals die samen werken aan een sterke wijk.",
        "Verbindt bewoners, scholen en werkgevers in de regio {region}.",
    ],
}


# --- Initiatives ---------------------------------------------------------------------------------

# Title templates per theme number. {place} and {place2} are municipalities (the second possibly in
# a neighbouring region, which makes the initiative cross-regional), {region} the primary region.
INITIATIVE_TITLES: dict[int, list[str]] = {
    1: [
        "Leerwerkakkoord {sector} {region}",
        "Omscholingsroute {sector} {region}",
        "Omscholingsroute zorg {place}",
        "Praktijkleren in de {sector} {place}",
        "Leven lang ontwikkelen: scholingsbudget {region}",
        "Zij-instroom in het onderwijs {region}",
        "Taal en werk: NT2-trajecten {place}",
        "Techniekpact {region}",
        "Loopbaancentrum voor werkenden {place}",
        "Bbl-banen in de {sector} {region}",
        "Doorlopende leerlijn vmbo-mbo-hbo {sector}",
        "Skillspaspoort {region}",
        "Mbo-certificaten voor nieuwkomers {place}",
    ],
    2: [
        "Startup-loket {place}",
        "Fieldlab slimme maakindustrie {region}",
        "Innovatievouchers mkb {region}",
        "Broedplaats {sector} {place}",
        "Ondernemershuis {place}",
        "Scale-upprogramma {region}",
        "Digitale werkplaats voor het mkb {place}",
        "Regionaal investeringsfonds {sector} {region}",
        "Bedrijfsopvolging in de {sector} {region}",
        "Circulaire maakindustrie {region}: van pilot naar opschaling",
        "Kennisvouchers voor ondernemers in {place}",
        "Proeftuin {topic} {place}",
    ],
    3: [
        "Transformatie leegstaande kantoren {place}",
        "Wonen boven winkels {place}",
        "Levendige binnenstad {place}",
        "Werklocaties aan het water {place}",
        "Starterswoningen voor jonge vakmensen {region}",
        "Vergroening bedrijventerrein {place}-{district}",
        "Cultuurkwartier {place}",
        "Herontwikkeling stationsgebied {place}",
        "Campus {sector} {place}",
        "Huisvesting arbeidsmigranten {region}",
        "Klimaatbestendige werklocaties {region}",
    ],
    4: [
        "Snelfietspad {place}\u2013{place2}",
        "Fietspad {place}\u2013{place2} voor forenzen",
        "Veilige fietspaden naar bedrijventerrein {place}-{district}",
        "Glasvezel voor bedrijventerreinen {region}",
        "Hoogwaardig openbaar vervoer {place}\u2013{place2}",
        "Deelmobiliteit op werklocaties {place}",
        "Mobiliteitshubs {region}",
        "Slimme stadslogistiek {place}",
        "Werkgeversaanpak bereikbaarheid {region}",
        "5G-proeftuin {place}",
        "Bereikbaarheid zorglocaties {region}",
    ],
    5: [
        "Regionale arbeidsmarktagenda {region}",
        "Regio Deal {region}",
        "Regionaal mobiliteitsteam {region}",
        "Werkcentrum {region}: één loket voor werkgevers",
        "Regionale investeringsagenda {region} {year}",
        "Arbeidsmarktmonitor {region}",
        "Samenwerkingsagenda onderwijs en arbeidsmarkt {region}",
        "Gezamenlijke aanpak personeelstekort in de {sector}",
        "Energietransitie en werkgelegenheid {region}",
    ],
    6: [
        "Daily urban system {region}: bestuurlijk overleg",
        "Bestuurlijke tafel arbeidsmarkt {region}",
        "Gedeeld dataplatform {region}",
        "Programmabureau {region}",
        "Raadsledennetwerk {region}",
        "Gezamenlijk inkoopkader sociaal domein {region}",
        "Samenwerkingsovereenkomst {region} {year}",
        "Leergang regionaal bestuur {region}",
        "Ambtelijke pool voor kleine gemeenten {region}",
    ],
}
# Words that fit "in de {sector}" and after a noun ("Campus {sector}").
INITIATIVE_SECTORS = [
    "techniek", "zorg", "logistiek", "bouw", "ICT", "metaal", "installatietechniek", "kinderopvang",
    "agrofood", "energie", "maakindustrie", "hospitality",
]  # fmt: skip
INITIATIVE_TOPICS = [
    "waterstof", "robotica", "circulair bouwen", "slimme zorg", "precisielandbouw", "drones",
    "batterijtechniek", "3D-printen", "voedselinnovatie", "cybersecurity",
]  # fmt: skip
# Now and then a title says which phase or period it is about.
TITLE_ENDINGS = [" (fase 2)", " {year}", " \u2013 pilot", " 2.0"]

SUMMARIES: dict[int, list[str]] = {
    1: [
        "Werkgevers, scholen en de gemeente leiden samen vakmensen op voor de {sector}: leren en werken "
        "tegelijk, met een baangarantie na afloop.",
        "Werkzoekenden en werkenden die willen overstappen krijgen een kort, betaald traject naar een baan "
        "in de {sector} in {place} en omgeving.",
        "Eén aanpak voor de hele regio {region}: iedereen kan een leven lang blijven leren, ook wie nu "
        "geen diploma heeft.",
        "Praktijkleren op de werkvloer, met certificaten die werkgevers in de hele regio erkennen.",
    ],
    2: [
        "Een vast loket waar startende ondernemers in {place} met al hun vragen terechtkunnen: "
        "financiering, huisvesting, personeel en vergunningen.",
        "Mkb-bedrijven in de regio {region} testen nieuwe technieken samen met studenten en onderzoekers "
        "voordat ze zelf investeren.",
        "Een netwerk van ondernemers, kennisinstellingen en de gemeente dat nieuwe bedrijvigheid rond "
        "{topic} naar {place} haalt.",
        "Kleine bedrijven krijgen hulp bij digitaliseren: van een eerste scan tot een eigen project.",
    ],
    3: [
        "Leegstaande gebouwen in {place} worden woningen en werkplekken: een levendige plek voor jonge "
        "vakmensen en starters.",
        "Een aantrekkelijke binnenstad om te wonen, te werken en te ondernemen, met ruimte voor groen en cultuur.",
        "Betaalbare woningen dicht bij het werk, zodat vakmensen in de regio {region} blijven wonen.",
        "Bedrijventerreinen worden groener, koeler en beter bereikbaar, zodat bedrijven in {place} blijven.",
    ],
    4: [
        "Werkgevers, vervoerders en gemeenten maken werklocaties in {place} beter bereikbaar.",
        "Betere verbindingen in de regio {region}: sneller op het werk, op school en in het ziekenhuis.",
        "Minder files en meer mensen op de fiets of in het openbaar vervoer, met werkgevers als partner.",
    ],
    5: [
        "De partners in de regio {region} leggen samen vast waar ze de komende jaren aan werken: "
        "één agenda voor werk, onderwijs en economie.",
        "Werkgevers en werkzoekenden vinden elkaar via één regionaal loket, gesteund door landelijke regelingen.",
        "Een gezamenlijke aanpak van het personeelstekort in de {sector}, afgestemd op de landelijke kaders.",
        "Cijfers over werk en opleidingen in de regio, zodat alle partners op dezelfde feiten sturen.",
    ],
    6: [
        "Bestuurders van gemeenten, onderwijs en bedrijfsleven in de regio {region} overleggen vast en "
        "nemen samen besluiten.",
        "Kleine gemeenten delen specialisten, zodat ook zij grote opgaven aankunnen.",
        "Een gedeeld programmabureau dat de regionale samenwerking organiseert en de voortgang bewaakt.",
        "Raadsleden uit de hele regio kennen elkaars plannen en trekken samen op.",
    ],
}
# Summaries that belong to one title only; the theme's summaries fit every title of the theme.
TITLE_SUMMARIES: dict[str, str] = {
    "Snelfietspad {place}\u2013{place2}": "Een snelle, veilige fietsverbinding tussen {place} en {place2}, zodat "
    "forenzen de auto laten staan.",
    "Fietspad {place}\u2013{place2} voor forenzen": "Een vrijliggend fietspad tussen {place} en {place2}: veilig "
    "naar werk en school, ook in het donker.",
    "Veilige fietspaden naar bedrijventerrein {place}-{district}": "Nieuwe fietspaden en veilige oversteken "
    "maken het bedrijventerrein bereikbaar voor werknemers en scholieren.",
    "Glasvezel voor bedrijventerreinen {region}": "Bedrijventerreinen in de regio {region} krijgen snel "
    "internet, zodat bedrijven kunnen blijven en groeien.",
    "Hoogwaardig openbaar vervoer {place}\u2013{place2}": "Een snelle busverbinding tussen {place} en {place2}: "
    "sneller op het werk, op school en in het ziekenhuis.",
    "Transformatie leegstaande kantoren {place}": "Leegstaande kantoren in {place} worden woningen en "
    "werkplekken: een levendige plek voor jonge vakmensen en starters.",
    "Startup-loket {place}": "Een vast loket waar startende ondernemers in {place} met al hun vragen "
    "terechtkunnen: financiering, huisvesting, personeel en vergunningen.",
}
CONTEXTS: dict[int, list[str]] = {
    1: [
        "In de regio {region} staan honderden vacatures in de {sector} open, terwijl veel mensen langs de "
        "kant staan of vastlopen in hun huidige werk.",
        "Werkgevers in {place} vinden moeilijk vakmensen. Tegelijk willen veel werkenden zich omscholen, "
        "maar weten ze niet waar ze moeten beginnen.",
        "Scholen en bedrijven leiden nog te veel langs elkaar heen op. Dit initiatief brengt ze samen.",
    ],
    2: [
        "Startende en groeiende bedrijven in {place} lopen tegen dezelfde vragen aan, en vinden de weg naar "
        "kennis en financiering niet altijd.",
        "De regio {region} heeft sterke bedrijven in de {sector}, maar te weinig nieuwe bedrijvigheid.",
        "Nieuwe technieken rond {topic} bieden kansen voor het mkb, als bedrijven ze samen kunnen uitproberen.",
    ],
    3: [
        "In {place} staan kantoren en winkels leeg, terwijl jonge vakmensen geen woning vinden.",
        "Bedrijven kiezen een vestigingsplaats op de kwaliteit van wonen, groen en voorzieningen.",
        "De regio {region} wil aantrekkelijk blijven voor talent dat nu vaak naar de Randstad vertrekt.",
    ],
    4: [
        "Tussen {place} en {place2} reizen elke dag duizenden mensen naar hun werk of opleiding, de meesten "
        "met de auto.",
        "Bedrijventerreinen in de regio {region} zijn slecht bereikbaar met de fiets en het openbaar vervoer.",
        "Zonder snel internet en goede verbindingen blijven bedrijven niet in {place}.",
    ],
    5: [
        "Landelijke regelingen voor werk en scholing werken alleen als de regio ze samen uitvoert.",
        "Gemeenten, onderwijs, werkgevers en vakbonden in de regio {region} werkten tot nu toe vooral "
        "apart aan dezelfde opgaven.",
        "De krapte op de arbeidsmarkt houdt niet op bij de gemeentegrens.",
    ],
    6: [
        "Grote opgaven vragen om besluiten over de grenzen van gemeenten heen.",
        "Kleine gemeenten in de regio {region} missen vaak de capaciteit voor regionale projecten.",
        "Wie samenwerkt, moet ook samen kunnen besluiten en verantwoorden.",
    ],
}
ACTIONS: dict[int, list[str]] = {
    1: [
        "een leerwerkplek bij een erkend leerbedrijf in de {sector}",
        "korte, erkende certificaten in plaats van een volledige opleiding",
        "loopbaangesprekken voor werkenden die willen overstappen",
        "taalondersteuning op de werkvloer",
        "een vaste begeleider voor elke deelnemer",
        "gastlessen van vakmensen op vmbo-scholen",
        "een baangarantie na afronding",
        "scholingsbudget voor mensen zonder startkwalificatie",
    ],
    2: [
        "één aanspreekpunt voor alle vragen van ondernemers",
        "vouchers voor onderzoek door studenten en lectoren",
        "een werkplaats waar bedrijven nieuwe machines kunnen uitproberen",
        "coaching door ervaren ondernemers",
        "matchmaking met investeerders uit de regio",
        "flexibele bedrijfsruimte voor starters",
        "een jaarlijkse ondernemersdag rond {topic}",
    ],
    3: [
        "**{number}** nieuwe woningen voor starters en jonge vakmensen",
        "flexibele werkplekken in leegstaande panden",
        "meer groen en schaduw op bedrijventerreinen",
        "ruimte voor cultuur en horeca in de binnenstad",
        "afspraken met eigenaren van leegstaande gebouwen",
        "een fonds voor de verbouwing van kantoren",
    ],
    4: [
        "een vrijliggend fietspad met goede verlichting",
        "snellaadpunten en deelfietsen bij werklocaties",
        "glasvezel op **{number}** bedrijfskavels",
        "afspraken met werkgevers over thuiswerken en reistijden",
        "een mobiliteitshub bij het station",
        "betere busverbindingen in de spits",
        "veilige oversteken bij scholen en bedrijventerreinen",
    ],
    5: [
        "één gezamenlijke agenda met meetbare doelen",
        "een regionaal werkgeversservicepunt",
        "afstemming met de landelijke regelingen voor werk en scholing",
        "een jaarlijkse arbeidsmarktmonitor",
        "gezamenlijke aanvragen bij het Rijk",
        "vaste afspraken over de verdeling van middelen",
    ],
    6: [
        "een vast bestuurlijk overleg, elk kwartaal",
        "gedeelde data en een gezamenlijk dashboard",
        "een programmabureau met specialisten uit verschillende gemeenten",
        "heldere afspraken over besluitvorming en verantwoording",
        "een leergang voor bestuurders en raadsleden",
        "een pool van specialisten voor kleine gemeenten",
    ],
}
RESULTS: dict[int, list[str]] = {
    1: ["{number} mensen aan het werk in de {sector}", "{number} werkenden omgeschoold"],
    2: ["{number} nieuwe bedrijven", "{number} mkb-bedrijven geholpen"],
    3: ["{number} woningen en werkplekken", "{number} m² leegstand minder"],
    4: ["{number} fietsers per dag", "{number} bedrijven op glasvezel"],
    5: ["{number} werkzoekenden geplaatst", "{number} partners aangesloten"],
    6: ["{number} gemeenten aangesloten", "{number} gezamenlijke besluiten per jaar"],
}
CLOSINGS = [
    "{lead} trekt het initiatief. Wil je meedoen? Neem contact met ons op.",
    "Het initiatief wordt getrokken door {lead}, samen met partners uit de regio {region}.",
    "We zoeken partners die willen meedenken en meedoen.",
    "Dit initiatief is onderdeel van de regionale agenda van {region}.",
]
# The kinds of organisation that usually lead an initiative on this theme.
LEAD_KINDS: dict[int, list[str]] = {
    1: [OrganisationKind.SCHOOL_MBO, OrganisationKind.SCHOOL_HBO, OrganisationKind.MUNICIPALITY,
        OrganisationKind.EMPLOYERS_ORGANISATION, OrganisationKind.PUBLIC_BODY],
    2: [OrganisationKind.BUSINESS_NETWORK, OrganisationKind.KNOWLEDGE_INSTITUTION, OrganisationKind.BUSINESS,
        OrganisationKind.UNIVERSITY, OrganisationKind.SCHOOL_HBO],
    3: [OrganisationKind.MUNICIPALITY, OrganisationKind.PROVINCE, OrganisationKind.CIVIL_SOCIETY],
    4: [OrganisationKind.MUNICIPALITY, OrganisationKind.PROVINCE, OrganisationKind.BUSINESS_NETWORK],
    5: [OrganisationKind.MUNICIPALITY, OrganisationKind.PUBLIC_BODY, OrganisationKind.EMPLOYERS_ORGANISATION,
        OrganisationKind.UNION],
    6: [OrganisationKind.MUNICIPALITY, OrganisationKind.PROVINCE, OrganisationKind.NATIONAL_GOVERNMENT],
}  # fmt: skip
SOUGHT_NOTES: dict[str, str] = {
    Helix.GOVERNMENT: "Een gemeente of provincie die wil meefinancieren en het initiatief bestuurlijk steunt.",
    Helix.KNOWLEDGE: "Een school of kennisinstelling voor stages, praktijkonderzoek of scholing.",
    Helix.BUSINESS: "Bedrijven die leerwerkplekken bieden of hun kennis inbrengen.",
    Helix.SOCIAL_PARTNERS: "Werkgeversorganisaties en vakbonden die afspraken in hun sector willen maken.",
    Helix.CIVIL_SOCIETY: "Maatschappelijke organisaties die de mensen om wie het gaat goed kennen.",
}


# --- The discussion ------------------------------------------------------------------------------

COMMENT_TEXTS = {
    CommentKind.QUESTION: [
        "Hoe kunnen mbo-studenten zich aanmelden voor dit project?",
        "Is er al zicht op de financiering na {year}?",
        "Zoeken jullie ook partners buiten de regio?",
        "Wanneer is de volgende bijeenkomst van de werkgroep?",
        "Hoeveel deelnemers verwachten jullie in het eerste jaar?",
    ],
    CommentKind.SUGGESTION: [
        "Misschien is het goed om het UWV al vroeg te betrekken.",
        "Kijk ook eens naar de aanpak in de buurregio: daar werkt een vergelijkbaar leerwerkloket goed.",
        "Een korte nieuwsbrief per kwartaal helpt om ondernemers mee te nemen.",
        "Betrek ook oud-deelnemers: zij weten het best wat werkt.",
    ],
    CommentKind.OFFER: [
        "Wij kunnen {number} stageplekken aanbieden vanaf het najaar.",
        "Onze docenten denken graag mee over het lesprogramma.",
        "We stellen een vergaderruimte beschikbaar voor de werkgroep.",
        "Wij hebben ervaring met **praktijkverklaringen** en delen die graag.",
    ],
    CommentKind.COMMITMENT: [
        "Wij zeggen toe {number} leerwerkplekken te leveren in {year}.",
        "We leveren een projectleider voor één dag per week.",
        "Onze organisatie neemt het secretariaat van de werkgroep op zich.",
    ],
}
REPLY_TEXTS = [
    "Dank je, goed punt. We nemen het mee in de volgende werkgroep.",
    "Mooi aanbod! Ik neem contact met je op.",
    "De aanmelding loopt via de website van het initiatief.",
    "Dat klopt, de financiering is rond tot eind {year}.",
    "Goed idee, we plannen een gesprek in.",
]
