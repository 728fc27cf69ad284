"""The spreadsheet import: every row through the web form's validation and `services.initiative_create`.

Beside the services rather than among them because it builds on the form, which builds on the services.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.service_helpers import permission_require
from regions.models import Organisation

from .forms import InitiativeForm
from .models import Initiative
from .predicates import leadable_by
from .services import initiative_create
from .spreadsheets import COLUMNS, References, SpreadsheetRow


@dataclass
class ImportedRow:
    """What became of one spreadsheet row: its errors per column ("" for the row as a whole), or the initiative
    (saved, or only tried out when the import was a dry run)."""

    number: int
    cells: dict[str, str]
    errors: dict[str, list[str]]
    initiative: Initiative | None = None

    @property
    def messages(self) -> list[tuple[str, str]]:
        """(column label, message) for each error; the label is empty for an error of the row as a whole."""
        return [(str(COLUMNS.get(column, "")), text) for column, texts in self.errors.items() for text in texts]


def initiative_import(*, user: User, rows: Sequence[SpreadsheetRow], commit: bool) -> list[ImportedRow]:
    """Create an initiative for every row, each through the web form's validation and `initiative_create`.

    All or nothing: the rows are saved only when `commit` is true and not a single row has an error. A dry run
    (`commit=False`) does exactly the same work and then rolls it back, so its errors are the import's errors.
    Region coordinators import for organisations and regions they coordinate; moderators for any.
    """
    permission_require(user, "initiatives.import_initiatives")
    references = References.load(rows)
    leadable = leadable_by(user).organisations
    with transaction.atomic():
        outcomes = [_import_row(user, row, references, leadable) for row in rows]
        if not commit or any(outcome.errors for outcome in outcomes):
            transaction.set_rollback(True)
    return outcomes


def _import_row(
    user: User, row: SpreadsheetRow, references: References, leadable: QuerySet[Organisation]
) -> ImportedRow:
    outcome = ImportedRow(number=row.number, cells=row.cells, errors={})
    data, errors, lead = references.form_data(row.cells)
    if lead is not None and not leadable.filter(pk=lead.pk).exists():  # the rule initiatives.lead_initiative
        errors.setdefault("lead_organisation", []).append(
            _("%(organisation)s is not in a region you coordinate.") % {"organisation": lead.name}
        )
    region = references.regions.get(row.cells.get("primary_region", "").lower())
    if region is not None and not user.has_perm("initiatives.import_into_region", region):
        errors.setdefault("primary_region", []).append(_("You do not coordinate %(region)s.") % {"region": region.name})
    form = InitiativeForm(data=data, user=user)
    if not form.is_valid():
        for column, messages in _errors_by_column(form.errors.as_data()).items():
            errors.setdefault(column, messages)  # a cell naming what does not exist says so, not "required"
    if errors:
        outcome.errors = errors
        return outcome
    try:
        with transaction.atomic():
            outcome.initiative = initiative_create(user=user, lead_organisation=lead, data=form.initiative_data())
    except ValidationError as error:
        outcome.errors = _errors_by_column(error.error_dict if hasattr(error, "error_dict") else {"": error.error_list})
    except PermissionDenied:
        outcome.errors = {"": [_("You may not register initiatives for this organisation.")]}
    return outcome


def _errors_by_column(errors: dict[str, list[ValidationError]]) -> dict[str, list[str]]:
    by_column: dict[str, list[str]] = {}
    for field, field_errors in errors.items():
        column = field if field in COLUMNS else ""
        by_column.setdefault(column, []).extend(message for error in field_errors for message in error.messages)
    return by_column
