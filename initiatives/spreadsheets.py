"""Initiatives in spreadsheets: the columns, reading an uploaded CSV or XLSX file, and writing an export.

Nothing here writes to the database: `services.initiative_import` takes the rows read here and puts each
through the same form and service as the web form.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO

import openpyxl
from django.conf import settings
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import override as language_override

from regions.models import Helix, LabourMarketRegion, Municipality, Organisation

from .data import DATA_COLUMNS, DEFAULTS, STORED_FIELDS
from .models import Initiative, NationalProgramme, Status, TargetGroup, Theme, Visibility


def _columns() -> dict[str, str]:
    """The data's columns, and after the municipalities (where exports have always had it) the lead organisation,
    which is chosen when an initiative is registered and so is no part of the data that edits change."""
    columns = {}
    for name, label in DATA_COLUMNS.items():
        columns[name] = label
        if name == "municipalities":
            columns["lead_organisation"] = gettext_lazy("Lead organisation")
    return columns


COLUMNS: dict[str, str] = _columns()
"""The header of an import file and of an export, in this order; the values are what the preview shows."""
CHOICE_COLUMNS = {"status": Status, "visibility": Visibility}
"""Cells that hold a choice: its value, or its label in either site language."""

REQUIRED_COLUMNS = ("title", "summary", "themes", "primary_region", "lead_organisation")
LIST_SEPARATORS = ";,|"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to a spreadsheet program: a CSV export puts an apostrophe
before it, an XLSX export marks the cell as text (once: a text cell with a quote prefix, the text unchanged)."""
XLSX_MAGIC = b"PK\x03\x04"
XLSX_MAX_EXPANSION = 20
"""An XLSX file is a zip archive: its unpacked parts may be at most this many times the upload limit."""


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; the message says why, for the person who uploaded it."""


@dataclass
class SpreadsheetRow:
    """One row of data: `number` as the spreadsheet program shows it (the header is row 1)."""

    number: int
    cells: dict[str, str]


def read_rows(upload) -> list[SpreadsheetRow]:
    """The data rows of an uploaded .csv or .xlsx file, or SpreadsheetError. Empty rows are left out."""
    name = (upload.name or "").lower()
    if upload.size > settings.INITIATIVE_IMPORT_MAX_BYTES:
        raise SpreadsheetError(
            _("The file is larger than %(size)s.") % {"size": filesizeformat(settings.INITIATIVE_IMPORT_MAX_BYTES)}
        )
    content = upload.read()
    if not content.strip():
        raise SpreadsheetError(_("The file is empty."))
    if name.endswith(".csv"):
        table = _csv_table(content)
    elif name.endswith(".xlsx"):
        table = _xlsx_table(content)
    else:
        raise SpreadsheetError(_("Upload a .csv or .xlsx file; other kinds of file cannot be read."))
    return _rows(table)


def _csv_table(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _("The file is not a UTF-8 CSV file. In your spreadsheet program, save it as “CSV UTF-8”.")
        ) from error
    if "\x00" in text:
        raise SpreadsheetError(_("The file holds characters that are not text. Is it really a CSV file?"))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise SpreadsheetError(_("The CSV file cannot be read: %(error)s.") % {"error": error}) from error


def _xlsx_table(content: bytes) -> list[list[str]]:
    unreadable = SpreadsheetError(_("The file cannot be read as an Excel (.xlsx) workbook."))
    if not content.startswith(XLSX_MAGIC):
        raise unreadable
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > settings.INITIATIVE_IMPORT_MAX_BYTES * XLSX_MAX_EXPANSION:
            raise unreadable
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except SpreadsheetError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise unreadable from error
    try:
        sheet = workbook.worksheets[0]
        limit = settings.INITIATIVE_IMPORT_MAX_ROWS * 5
        if (sheet.max_row or 0) > limit:
            raise _too_many_rows()
        return [
            [_xlsx_text(value) for value in row]
            for row in sheet.iter_rows(max_row=limit, max_col=len(COLUMNS) * 2, values_only=True)
        ]
    except SpreadsheetError:
        raise
    except Exception as error:
        raise unreadable from error
    finally:
        workbook.close()


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _too_many_rows() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file has more than %(rows)d rows of initiatives. Split it into smaller files.")
        % {"rows": settings.INITIATIVE_IMPORT_MAX_ROWS}
    )


def _header_name(cell: str) -> str:
    return cell.strip().lower().replace(" ", "_").replace("-", "_")


def _rows(table: list[list[str]]) -> list[SpreadsheetRow]:
    numbered = [(number, [cell.strip() for cell in cells]) for number, cells in enumerate(table, start=1)]
    filled = [(number, cells) for number, cells in numbered if any(cells)]
    if not filled:
        raise SpreadsheetError(_("The file is empty."))
    (header_number, header), data = filled[0], filled[1:]
    names = [_header_name(cell) for cell in header]
    while names and not names[-1]:
        names.pop()
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        raise SpreadsheetError(
            _("Unknown column: %(columns)s. The columns are: %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(COLUMNS)}
        )
    doubled = sorted({name for name in names if names.count(name) > 1})
    if doubled:
        raise SpreadsheetError(_("A column appears twice: %(columns)s.") % {"columns": ", ".join(doubled)})
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise SpreadsheetError(_("The column %(columns)s is missing.") % {"columns": ", ".join(missing)})
    if not data:
        raise SpreadsheetError(_("The file has a header but no initiatives."))
    if len(data) > settings.INITIATIVE_IMPORT_MAX_ROWS:
        raise _too_many_rows()
    rows = []
    for number, cells in data:
        if any(cells[len(names) :]):
            raise SpreadsheetError(
                _("Row %(row)d has more cells than the header has columns.") % {"row": number - header_number + 1}
            )
        values = {name: _unescape(cells[index]) if index < len(cells) else "" for index, name in enumerate(names)}
        rows.append(SpreadsheetRow(number=number - header_number + 1, cells=values))
    return rows


def _unescape(text: str) -> str:
    """Undo the apostrophe an export puts before a formula-like cell, so an export imports as it was."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def split_list(text: str) -> list[str]:
    """`1; 4` or `1,4` or `1 | 4`: the items of a cell that holds several."""
    for separator in LIST_SEPARATORS[1:]:
        text = text.replace(separator, LIST_SEPARATORS[0])
    return [item.strip() for item in text.split(LIST_SEPARATORS[0]) if item.strip()]


def _choice_lookup(choices) -> dict[str, str]:
    """A choice by its value or by its label in either site language, in any case."""
    lookup = {}
    for language in ("en", "nl"):
        with language_override(language):
            lookup.update({str(label).lower(): value for value, label in choices})
    lookup.update({value.lower(): value for value, label in choices})
    return lookup


@dataclass
class References:
    """Everything the rows of one file refer to, loaded with a few queries, by the names a spreadsheet uses."""

    themes: dict[str, Theme] = field(default_factory=dict)
    regions: dict[str, LabourMarketRegion] = field(default_factory=dict)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    programmes: dict[str, NationalProgramme] = field(default_factory=dict)
    target_groups: dict[str, TargetGroup] = field(default_factory=dict)

    @classmethod
    def load(cls, rows: Iterable[SpreadsheetRow]) -> "References":
        references = cls()
        for theme in Theme.objects.all():
            references.themes[str(theme.number)] = references.themes[theme.slug] = theme
        for region in LabourMarketRegion.objects.current().defer("boundary"):
            references.regions[region.code.lower()] = references.regions[region.slug] = region
        for programme in NationalProgramme.objects.all():
            references.programmes[programme.slug] = programme
        for group in TargetGroup.objects.all():
            references.target_groups[group.slug] = group
        for municipality in Municipality.objects.current().defer("boundary"):
            references.municipalities[municipality.code.lower()] = municipality
        names = {item.lower() for row in rows for item in split_list(row.cells.get("lead_organisation", ""))}
        for organisation in Organisation.objects.filter(Q(slug__in=names) | Q(kvk_number__in=names)):
            references.organisations[organisation.slug] = organisation
            if organisation.kvk_number:
                references.organisations[organisation.kvk_number] = organisation
        return references

    def form_data(self, cells: dict[str, str]) -> tuple[dict, dict[str, list[str]], Organisation | None]:
        """The row as the initiative form receives it, the errors of cells naming what does not exist,
        and the lead organisation if it was found."""
        errors: dict[str, list[str]] = {}
        data = {name: cells.get(name, "") for name in COLUMNS if name in STORED_FIELDS}
        for name, choices in CHOICE_COLUMNS.items():
            data[name] = _choice_lookup(choices.choices).get(data[name].lower(), data[name]) or DEFAULTS[name]
        helices = _choice_lookup(Helix.choices)
        data["sought_helices"] = [
            helices.get(item.lower(), item) for item in split_list(cells.get("sought_helices", ""))
        ]

        def look_up(column: str, table: dict, message: str) -> list:
            found = []
            for item in split_list(cells.get(column, "")):
                if item.lower() in table:
                    found.append(table[item.lower()])
                else:
                    errors.setdefault(column, []).append(message % {"value": item})
            return found

        data["themes"] = [theme.pk for theme in look_up("themes", self.themes, _("There is no theme “%(value)s”."))]
        regions = look_up("primary_region", self.regions, _("There is no current region “%(value)s”."))
        if len(regions) > 1:
            errors.setdefault("primary_region", []).append(_("Give one region."))
        data["primary_region"] = regions[0].pk if regions else ""
        data["municipalities"] = [
            m.pk
            for m in look_up("municipalities", self.municipalities, _("There is no current municipality “%(value)s”."))
        ]
        data["programmes"] = [
            p.pk for p in look_up("programmes", self.programmes, _("There is no national programme “%(value)s”."))
        ]
        data["target_groups"] = [
            g.pk for g in look_up("target_groups", self.target_groups, _("There is no target group “%(value)s”."))
        ]
        leads = look_up("lead_organisation", self.organisations, _("There is no organisation “%(value)s”."))
        lead = leads[0] if len(leads) == 1 else None
        if len(leads) > 1:
            errors.setdefault("lead_organisation", []).append(_("Give one lead organisation."))
        data["lead_organisation"] = lead.pk if lead else ""
        return data, errors, lead


RELATION_CELLS: dict[str, Callable[[Initiative], str]] = {
    "themes": lambda initiative: "; ".join(str(theme.number) for theme in initiative.themes.all()),
    "primary_region": lambda initiative: initiative.primary_region.code,
    "municipalities": lambda initiative: "; ".join(sorted(m.code for m in initiative.municipalities.all())),
    "lead_organisation": lambda initiative: initiative.lead_organisation.slug,
    "sought_helices": lambda initiative: "; ".join(s.helix for s in initiative.sought_partners.all() if s.helix),
    "programmes": lambda initiative: "; ".join(sorted(p.slug for p in initiative.programmes.all())),
    "target_groups": lambda initiative: "; ".join(sorted(g.slug for g in initiative.target_groups.all())),
}
"""Columns that name related rows, by the codes an import understands; every other column is the stored value."""


def export_rows(initiatives: Iterable[Initiative]) -> Iterator[list[str]]:
    """The header, then a row per initiative (with themes, municipalities and sought partners prefetched), as
    the text is; `as_csv` and `as_xlsx` each keep formula-like text from running in their own way."""
    yield list(COLUMNS)
    for initiative in initiatives:
        values = {
            name: RELATION_CELLS[name](initiative) if name in RELATION_CELLS else _cell(getattr(initiative, name))
            for name in COLUMNS
        }
        yield [values[name] for name in COLUMNS]


def _cell(value) -> str:
    """A stored value as a spreadsheet shows it: dates as 2025-01-31, nothing as an empty cell."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def formula_safe(text: str) -> str:
    """Text, never a formula, when a spreadsheet program opens a CSV file."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Line:
    """Where `csv.writer` writes one row: it hands the row back instead of keeping it."""

    def write(self, text: str) -> str:
        return text


def csv_lines(rows: Iterable[list]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark (so that Excel shows accented letters right), a row at a time, so that a
    long export can stream. Text that starts like a formula gets an apostrophe; numbers are written as they are."""
    writer = csv.writer(_Line())
    yield "\ufeff".encode()
    for row in rows:
        yield writer.writerow([formula_safe(value) if isinstance(value, str) else value for value in row]).encode()


def as_csv(rows: Iterable[list[str]]) -> bytes:
    return b"".join(csv_lines(rows))


def write_xlsx(rows: Iterable[list], target: IO[bytes], *, title: str) -> None:
    """A workbook of one sheet into `target`, row by row (openpyxl's write-only mode keeps rows in a temporary
    file, not in memory). Text stays text even where it looks like a formula; numbers and dates are themselves."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for row in rows:
        cells = []
        for value in row:
            cell = openpyxl.cell.WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text as text, even where it looks like a formula
                # and, so that editing the cell in Excel keeps it text, the quote prefix Excel itself sets
                # for text typed after an apostrophe; the apostrophe is no part of the value.
                cell.quotePrefix = value.startswith(FORMULA_STARTS)
            cells.append(cell)
        sheet.append(cells)
    workbook.save(target)


def as_xlsx(rows: Iterable[list[str]]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(rows, buffer, title=str(_("Initiatives")))
    return buffer.getvalue()
