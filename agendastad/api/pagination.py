"""Cursor pagination on a unique, fixed order (keyset pagination).

The cursor holds the sort values of the last item of a page, signed so that it stays opaque and cannot be
forged: the next page starts right after that item. So each item appears exactly once when one walks all
pages, items added meanwhile never shift the pages after them (as page numbers would), and every page costs
the same whatever its depth. A cursor belongs to one list: another list, a changed secret key or a cursor
that was tampered with is a 400.
"""

from datetime import datetime

from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model, Q, QuerySet
from rest_framework import serializers
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

CURSOR = "cursor"
PAGE_SIZE = "page_size"


class InvalidPage(serializers.ValidationError):
    pass


def after(ordering: tuple[str, ...], values: list) -> Q:
    """The rows that come after the row with these `values` in `ordering` ("-created_at", "-id"): beyond it in
    the first field, or equal in the first and beyond it in the second, and so on."""
    names = [name.lstrip("-") for name in ordering]
    condition = Q()
    for position, name in enumerate(names):
        lookup = "lt" if ordering[position].startswith("-") else "gt"
        equal_before = {names[earlier]: values[earlier] for earlier in range(position)}
        condition |= Q(**equal_before, **{f"{name}__{lookup}": values[position]})
    return condition


class KeysetPagination(BasePagination):
    """Pages through the view's `ordering`, whose last field must be unique (the id, a slug, a code)."""

    page_size = 20
    max_page_size = 100

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list:
        self.request = request
        self.ordering = view.ordering
        self.salt = f"agendastad.api.cursor.{view.basename}"
        size = self._page_size(request)
        queryset = queryset.order_by(*self.ordering)
        if CURSOR in request.query_params:
            values = self._decode(request.query_params[CURSOR], queryset.model)
            queryset = queryset.filter(after(self.ordering, values))
        items = list(queryset[: size + 1])
        self.next_cursor = self._encode(items[size - 1]) if len(items) > size else None
        return items[:size]

    def get_paginated_response(self, data) -> Response:
        return Response({"next": self.get_next_link(), "results": data})

    def get_next_link(self) -> str | None:
        if self.next_cursor is None:
            return None
        return replace_query_param(self.request.build_absolute_uri(), CURSOR, self.next_cursor)

    def _page_size(self, request: Request) -> int:
        raw = request.query_params.get(PAGE_SIZE)
        if raw is None:
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise InvalidPage({PAGE_SIZE: [f"A whole number from 1 to {self.max_page_size}."]})
        return int(raw)

    def _encode(self, item: Model) -> str:
        values = []
        for name in self.ordering:
            value = getattr(item, name.lstrip("-"))
            values.append(value.isoformat() if isinstance(value, datetime) else value)
        return signing.dumps(values, salt=self.salt)

    def _decode(self, cursor: str, model: type[Model]) -> list:
        try:
            values = signing.loads(cursor, salt=self.salt)
            if not isinstance(values, list) or len(values) != len(self.ordering):
                raise ValueError(cursor)
            return [
                self._field(model, name).to_python(value) for name, value in zip(self.ordering, values, strict=True)
            ]
        except (signing.BadSignature, ValueError, TypeError, ValidationError, FieldDoesNotExist) as error:
            raise InvalidPage(
                {CURSOR: ["Not a cursor of this list: use the `next` link of a page as it is, or start without one."]}
            ) from error

    @staticmethod
    def _field(model: type[Model], name: str):
        name = name.lstrip("-")
        return model._meta.pk if name == "pk" else model._meta.get_field(name)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": CURSOR,
                "required": False,
                "in": "query",
                "description": "Where the page starts: take it from the `next` link of the page before.",
                "schema": {"type": "string"},
            },
            {
                "name": PAGE_SIZE,
                "required": False,
                "in": "query",
                "description": f"How many items a page holds ({self.page_size} unless given).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page, with the same filters; null on the last page.",
                },
                "results": schema,
            },
        }
