"""Any list of initiatives as CSV, Excel or JSON, for anyone to take elsewhere.

Unlike the coordinators' export (initiatives/spreadsheets.py), which writes the import format (codes and slugs,
so that a file can be edited and imported again), open data names things: themes, regions, municipalities and
organisations by name, choices by their label in the request's language. Never an e-mail address or a person.

Memory stays bounded however long the list: rows are read in batches of `BATCH` (a fixed number of queries
each); CSV and JSON stream out as they are written, an Excel workbook is written row by row to a temporary
file and sent from there. So there is no cap on the number of rows.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agendastad.agendas.models import RegionAgenda
from agendastad.agendas.selectors import PriorityView
from initiatives.models import Initiative
from initiatives.selectors import coverage_of, crosses_border
from regions.models import Country, Helix

BATCH = 500
"""Initiatives read per batch: one query for the initiatives and one for each related set, per batch."""

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "Agenda Stad"

HEADERS = {
    "title": _("Title"),
    "url": _("Address"),
    "summary": _("Summary"),
    "status": _("Status"),
    "themes": _("Themes"),
    "programmes": _("National programmes"),
    "target_groups": _("Target groups"),
    "priorities": _("Agenda priorities served"),
    "primary_region": _("Region"),
    "further_regions": _("Further regions"),
    "municipalities": _("Municipalities"),
    "classification_regions": _("Regions of these municipalities, CBS classification"),
    "lead_organisation": _("Lead organisation"),
    "cross_border": _("Cross-border cooperation"),
    "partners": _("Partners (helix, role)"),
    "helices_present": _("Helices taking part"),
    "helices_missing": _("Missing from the triple helix"),
    "partners_sought": _("Partners sought"),
    "partners_sought_note": _("What partners are sought"),
    "start_date": _("Start date"),
    "end_date": _("End date"),
    "budget": _("Budget (euros)"),
    "website": _("Website"),
    "created_at": _("Registered at"),
    "last_activity_at": _("Last activity"),
}
"""The keys of a JSON record, and the header of a CSV or Excel column in the request's language, in this order."""


def _moment(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def initiative_record(initiative: Initiative, absolute: Callable[[str], str]) -> dict:
    """One initiative as open data (with `with_open_data` prefetched); `absolute` makes a path a full address."""
    coverage = coverage_of(initiative)
    return {
        "title": initiative.title,
        "url": absolute(initiative.get_absolute_url()),
        "summary": initiative.summary,
        "status": initiative.get_status_display(),
        "themes": [theme.name for theme in initiative.themes.all()],
        "programmes": [programme.name for programme in initiative.programmes.all()],
        "target_groups": [group.name for group in initiative.target_groups.all()],
        "priorities": [f"{priority.agenda.title}: {priority.title}" for priority in initiative.published_priorities],
        "primary_region": initiative.primary_region.name,
        "further_regions": [region.name for region in initiative.regions.all()],
        "municipalities": [municipality.name for municipality in initiative.municipalities.all()],
        "classification_regions": sorted(
            {
                assignment.region.name
                for municipality in initiative.municipalities.all()
                for assignment in municipality.regions_in_year
            }
        ),
        "lead_organisation": initiative.lead_organisation.name,
        "cross_border": crosses_border(initiative),
        "partners": [
            {
                "name": partnership.organisation.name,
                "helix": str(partnership.organisation.get_helix_display()),
                "role": partnership.get_role_display(),
                "country": partnership.organisation.country,
                "place": partnership.organisation.place or None,
            }
            for partnership in initiative.accepted_partnerships
        ],
        "helices_present": [str(Helix(helix).label) for helix in coverage.present],
        "helices_missing": [str(Helix(helix).label) for helix in coverage.missing],
        "partners_sought": [str(sought) for sought in initiative.sought_partners.all() if not sought.is_filled],
        "partners_sought_note": initiative.sought_note or None,
        "start_date": _moment(initiative.start_date),
        "end_date": _moment(initiative.end_date),
        "budget": int(initiative.budget) if initiative.budget is not None else None,
        "website": initiative.website or None,
        "created_at": _moment(initiative.created_at),
        "last_activity_at": _moment(initiative.last_activity_at),
    }


def records(initiatives: Iterable[Initiative], absolute: Callable[[str], str]) -> Iterator[dict]:
    for initiative in initiatives:
        yield initiative_record(initiative, absolute)


def _cell(value) -> str | int:
    """A record's value in one spreadsheet cell: several items separated by semicolons, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return "; ".join(str(_cell(item)) for item in value)
    if isinstance(value, dict):
        if value.get("place"):
            where = f"{value['place']}, {Country(value['country']).label}"
            return f"{value['name']} ({value['helix']}, {value['role']}, {where})"
        return f"{value['name']} ({value['helix']}, {value['role']})"
    return value


def table_rows(items: Iterable[dict], year: int | None) -> Iterator[list[str | int]]:
    """The header in the request's language (naming the classification `year`), then a row per record;
    `csv_lines` and `write_xlsx` keep formula-like text from running."""
    yield [
        f"{label} {year}" if key == "classification_regions" and year else str(label) for key, label in HEADERS.items()
    ]
    for item in items:
        yield [_cell(item[key]) for key in HEADERS]


def json_document(items: Iterable[dict], *, source: str, year: int | None, key: str = "initiatives") -> Iterator[bytes]:
    """`{"licence": …, "initiatives": [ … ]}` (or another `key`), written a record at a time."""
    about = {
        "source": source,
        **({"classification_year": year} if key == "initiatives" else {}),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": ATTRIBUTION,
        "generated_at": _moment(timezone.now()),
    }
    yield json.dumps(about, ensure_ascii=False)[:-1].encode() + f', "{key}": ['.encode()
    separator = b""
    for item in items:
        yield separator + json.dumps(item, ensure_ascii=False).encode()
        separator = b", "
    yield b"]}\n"


PRIORITY_HEADERS = {
    "region": _("Region"),
    "agenda": _("Agenda"),
    "kind": _("Kind"),
    "first_year": _("First year"),
    "last_year": _("Last year"),
    "number": _("Number"),
    "title": _("Priority"),
    "url": _("Address"),
    "description": _("Short description"),
    "themes": _("Themes"),
    "programmes": _("National programmes"),
    "ambition": _("Ambition"),
    "ambition_number": _("Ambition (number)"),
    "ambition_unit": _("Unit"),
    "partner_regions": _("Partner regions"),
    "initiatives": _("Public initiatives serving it"),
    "helices_present": _("Helices taking part"),
    "helices_missing": _("Missing from the triple helix"),
    "committed": _("Organisations committed to the agenda (helix)"),
    "published_at": _("Published at"),
}
"""The export of agenda priorities: keys of a JSON record and the columns of a CSV or Excel file, in this order."""


def priority_records(agendas: Iterable[RegionAgenda], absolute: Callable[[str], str]) -> Iterator[dict]:
    """A record per priority of each agenda (`published_agendas_in_full`), numbered as the agenda page numbers
    them; the gaps are the page's too (`PriorityView`)."""
    for agenda in agendas:
        committed = [
            f"{commitment.organisation.name} ({commitment.organisation.get_helix_display()})"
            for commitment in agenda.ordered_commitments
        ]
        for number, priority in enumerate(agenda.ordered_priorities, start=1):
            view = PriorityView(priority, priority.serving)
            yield {
                "region": agenda.region.name,
                "agenda": agenda.title,
                "kind": agenda.get_kind_display(),
                "first_year": agenda.first_year,
                "last_year": agenda.last_year,
                "number": number,
                "title": priority.title,
                "url": absolute(f"{agenda.get_absolute_url()}#priority-{priority.pk}"),
                "description": priority.description or None,
                "themes": [theme.name for theme in priority.themes.all()],
                "programmes": [programme.name for programme in priority.programmes.all()],
                "ambition": priority.ambition or None,
                "ambition_number": int(priority.ambition_number) if priority.ambition_number is not None else None,
                "ambition_unit": priority.ambition_unit or None,
                "partner_regions": [region.name for region in priority.partner_regions.all()],
                "initiatives": [initiative.title for initiative in view.initiatives],
                "helices_present": [str(Helix(helix).label) for helix in view.coverage.present],
                "helices_missing": [str(Helix(helix).label) for helix in view.gaps],
                "committed": committed,
                "published_at": _moment(agenda.published_at),
            }


def priority_table_rows(items: Iterable[dict]) -> Iterator[list[str | int]]:
    """The header in the request's language, then a row per priority."""
    yield [str(label) for label in PRIORITY_HEADERS.values()]
    for item in items:
        yield [_cell(item[key]) for key in PRIORITY_HEADERS]
