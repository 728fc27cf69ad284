"""Exports of any list, the open-data page and robots.txt."""

import tempfile

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from initiatives.models import Theme
from initiatives.spreadsheets import csv_lines, write_xlsx
from regions.forms import ClassificationYearForm
from regions.models import LabourMarketRegion
from regions.selectors import classification_years

from .exports import (
    BATCH,
    HEADERS,
    LICENCE,
    LICENCE_URL,
    PRIORITY_HEADERS,
    json_document,
    priority_records,
    priority_table_rows,
    records,
    table_rows,
)
from .selectors import FEED_LENGTH, public_initiatives_filtered, published_agendas_filtered, with_open_data

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_filename(query, extension: str) -> str:
    """`agenda-stad-initiatieven[-region][-theme]-<date>.<extension>`: a region or theme filtered on alone is named,
    so that the files of a journalist's several downloads on one day do not all get the same name."""
    named = [slugify(values[0])[:60] for key in ("region", "theme") if len(values := query.getlist(key)) == 1]
    stem = "-".join(["agenda-stad-initiatieven", *filter(None, named), timezone.localdate().isoformat()])
    return f"{stem}.{extension}"


class InitiativeExportView(View):
    """The public initiatives of the list at /initiatieven/ with the same query parameters, in the same order,
    as CSV, Excel or JSON (`format`). Public items only, also for signed-in people and moderators.

    `?year=` picks the CBS classification year in which the municipalities' regions are named (the latest
    loaded when absent or unknown): a region's own figures of an earlier year can then be compared."""

    format = "csv"
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        year = ClassificationYearForm(request.GET).year
        initiatives = with_open_data(public_initiatives_filtered(request.GET), year).iterator(chunk_size=BATCH)
        items = records(initiatives, request.build_absolute_uri)
        filename = export_filename(request.GET, self.format)
        if self.format == "json":
            source = request.build_absolute_uri(reverse("initiatives:list"))
            query = request.GET.urlencode()
            response = StreamingHttpResponse(
                json_document(items, source=f"{source}?{query}" if query else source, year=year),
                content_type="application/json",
            )
            # Public data without cookies: any web page may read it.
            response["Access-Control-Allow-Origin"] = "*"
            return response
        if self.format == "xlsx":
            file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once it is sent
            write_xlsx(table_rows(items, year), file, title=_("Initiatives"))
            file.seek(0)
            return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
        return StreamingHttpResponse(
            csv_lines(table_rows(items, year)),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


AGENDA_BATCH = 100
"""Agendas read per batch for the export of priorities: a fixed number of queries each."""


class PriorityExportView(View):
    """One row per priority of the published agendas that the list at /agendas/ shows for the same query
    parameters (region, kind, theme, programme), as CSV, Excel or JSON (`format`). Drafts never, whoever asks."""

    format = "csv"
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        agendas = published_agendas_filtered(request.GET).iterator(chunk_size=AGENDA_BATCH)
        items = priority_records(agendas, request.build_absolute_uri)
        named = [slugify(request.GET["region"])[:60]] if request.GET.get("region") else []
        stem = "-".join(["agenda-stad-agendaprioriteiten", *named, timezone.localdate().isoformat()])
        filename = f"{stem}.{self.format}"
        if self.format == "json":
            source = request.build_absolute_uri(reverse("agendas:list"))
            query = request.GET.urlencode()
            response = StreamingHttpResponse(
                json_document(items, source=f"{source}?{query}" if query else source, year=None, key="priorities"),
                content_type="application/json",
            )
            response["Access-Control-Allow-Origin"] = "*"
            return response
        if self.format == "xlsx":
            file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once it is sent
            write_xlsx(priority_table_rows(items), file, title=_("Agenda priorities"))
            file.seek(0)
            return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
        return StreamingHttpResponse(
            csv_lines(priority_table_rows(items)),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


class OpenDataView(TemplateView):
    template_name = "opendata/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=list(HEADERS.items()),
            priority_columns=list(PRIORITY_HEADERS.values()),
            classification_years=classification_years(),
            api_url=reverse("api:root"),
            api_docs_url=reverse("api:docs"),
            feed_length=FEED_LENGTH,
            licence=LICENCE,
            licence_url=LICENCE_URL,
            themes=Theme.objects.all(),
            regions=LabourMarketRegion.objects.current().defer("boundary"),
            **kwargs,
        )


DISALLOWED = [
    "/beheer/",
    "/account/",
    "/mijn/",
    "/moderatie/",
    "/initiatieven/export.",
    "/initiatieven/exporteren/",
    "/agendas/export.",
]
"""Not for crawlers: the admin panel, signing in, people's own pages, moderation, and the exports (a file per
combination of filters; the pages themselves are in the sitemap). Under every language's prefix too."""


class RobotsView(TemplateView):
    template_name = "opendata/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        prefixes = ["", *(f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)]
        return super().get_context_data(
            disallowed=[*(prefix + path for prefix in prefixes for path in DISALLOWED), "/api/"],
            allowed=[reverse("api:docs")],
            sitemap_url=self.request.build_absolute_uri(reverse("sitemap")),
            **kwargs,
        )
