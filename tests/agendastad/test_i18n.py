from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from pytest_django.asserts import assertContains

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_dutch_text_is_translated():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="nl")
    untranslated = [m.id for m in catalogue if m.id and (not all(m.string) if m.pluralizable else not m.string)]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_no_text_is_translated_twice():
    """GNU msgfmt refuses a catalogue with a msgid defined twice; a union merge of two branches that each
    added the same text leaves exactly that, and Babel reads it silently (the last translation wins)."""
    first_line: dict[tuple[str, str], int] = {}
    twice = []
    parts = {"msgctxt": "", "msgid": ""}
    field = ""
    for number, line in enumerate(CATALOGUE.read_text().splitlines(), start=1):
        if line.startswith(("msgctxt ", "msgid ")):
            field, _, text = line.partition(" ")
            parts[field] = text.strip('"')
        elif line.startswith('"') and field in parts:
            parts[field] += line.strip('"')
        elif line.startswith(("msgid_plural ", "msgstr")) and field == "msgid":
            entry = (parts["msgctxt"], parts["msgid"])
            if entry[1] and entry in first_line:
                twice.append((entry[1], first_line[entry], number))
            first_line.setdefault(entry, number)
            parts, field = {"msgctxt": "", "msgid": ""}, ""
    assert twice == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "dutch", "english"),
    [
        ("/", "Samenwerken in de regio", "Working together in the region"),
        (
            "/regios/",
            "Regio's, hun gemeenten en hun openbare initiatieven",
            "Regions, their municipalities and their public initiatives",
        ),
        ("/regios/rijnmond/", "Arbeidsmarktregio Rijnmond", "Labour-market region Rijnmond"),
        ("/themas/", "De zes thema's van de Agenda voor de stad", "The six themes of the Agenda voor de stad"),
        ("/themas/bestuurlijke-slagkracht/", "Bestuurlijke slagkracht", "Administrative strength"),
    ],
)
def test_each_page_speaks_dutch_by_default_and_english_under_en(client, path, dutch, english):
    response = client.get(path)
    assertContains(response, '<html lang="nl"')
    assertContains(response, dutch)
    assertContains(response, "Direct naar de inhoud")

    response = client.get(f"/en{path}")
    assertContains(response, '<html lang="en"')
    assertContains(response, english)
    assertContains(response, "Skip to content")
    dutch_link = f'<a class="utrecht-link" href="{path}" lang="nl" hreflang="nl">Nederlands</a>'
    assertContains(response, dutch_link, html=True)
