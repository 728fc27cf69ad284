"""Importing initiatives from a spreadsheet and exporting them to one."""

import secrets
from dataclasses import asdict

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from .. import imports
from ..filters import InitiativeFilter
from ..forms import InitiativeExportForm, InitiativeImportConfirmForm, InitiativeImportForm
from ..models import Initiative
from ..selectors import with_export_data
from ..spreadsheets import SpreadsheetRow, as_csv, as_xlsx, export_rows

IMPORT_SESSION_KEY = "initiative_import"


class InitiativeImportView(PermissionRequiredMixin, FormView):
    """Step 1: upload a spreadsheet and see, row by row, what an import would create or why it cannot.

    The dry run does all the work of the import and rolls it back. Only a file without errors waits in the
    session (on the server, never in the page) for step 2, under a token the preview's button sends back.
    """

    permission_required = "initiatives.import_initiatives"
    form_class = InitiativeImportForm
    template_name = "initiatives/initiative_import.html"

    def get_context_data(self, **kwargs):
        outcomes = kwargs.get("outcomes") or []
        return super().get_context_data(
            failed_count=sum(1 for outcome in outcomes if outcome.errors),
            max_rows=settings.INITIATIVE_IMPORT_MAX_ROWS,
            **kwargs,
        )

    def form_valid(self, form):
        rows = form.cleaned_data["file"]
        outcomes = imports.initiative_import(user=self.request.user, rows=rows, commit=False)
        confirm_form = None
        self.request.session.pop(IMPORT_SESSION_KEY, None)
        if not any(outcome.errors for outcome in outcomes):
            token = secrets.token_urlsafe(24)
            self.request.session[IMPORT_SESSION_KEY] = {"token": token, "rows": [asdict(row) for row in rows]}
            confirm_form = InitiativeImportConfirmForm(initial={"token": token})
        return self.render_to_response(
            self.get_context_data(form=self.form_class(), outcomes=outcomes, confirm_form=confirm_form)
        )


class InitiativeImportConfirmView(InitiativeImportView):
    """Step 2: check the previewed rows again and save them all in one transaction, or none of them."""

    form_class = InitiativeImportConfirmForm
    http_method_names = ["post"]

    def form_valid(self, form):
        stored = self.request.session.get(IMPORT_SESSION_KEY)
        if not stored or not secrets.compare_digest(stored["token"], form.cleaned_data["token"]):
            return self.form_invalid(form)
        self.request.session.pop(IMPORT_SESSION_KEY)
        rows = [SpreadsheetRow(**row) for row in stored["rows"]]
        outcomes = imports.initiative_import(user=self.request.user, rows=rows, commit=True)
        if any(outcome.errors for outcome in outcomes):
            messages.error(
                self.request,
                _("Nothing is imported: the data changed after the preview. Correct the rows below and upload again."),
            )
            return self.render_to_response(
                self.get_context_data(form=InitiativeImportForm(), outcomes=outcomes, confirm_form=None)
            )
        count = len(outcomes)
        messages.success(
            self.request,
            ngettext("%(count)d initiative is imported.", "%(count)d initiatives are imported.", count)
            % {"count": count},
        )
        return redirect(f"{reverse('initiatives:list')}?sort=newest")

    def form_invalid(self, form):
        messages.error(self.request, _("This preview has expired or another file was uploaded since. Upload again."))
        return redirect("initiatives:import")


class InitiativeExportView(PermissionRequiredMixin, View):
    """What the list shows with the same filters, every column of the import, as CSV or Excel."""

    permission_required = "initiatives.export_initiatives"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        choice = InitiativeExportForm(request.GET)
        spreadsheet = choice.cleaned_data["format"] if choice.is_valid() and choice.cleaned_data["format"] else "csv"
        filterset = InitiativeFilter(request.GET, queryset=Initiative.objects.visible_to(request.user), request=request)
        initiatives = with_export_data(filterset.qs if filterset.is_valid() else Initiative.objects.none())
        rows = export_rows(initiatives)
        content, content_type = (
            (as_xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            if spreadsheet == "xlsx"
            else (as_csv(rows), "text/csv; charset=utf-8")
        )
        filename = f"initiatieven-{timezone.localdate().isoformat()}.{spreadsheet}"
        return HttpResponse(
            content, content_type=content_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
        )
