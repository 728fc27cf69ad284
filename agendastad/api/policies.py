"""The API's policies that settings.REST_FRAMEWORK names. Kept apart from the views, which Django REST
framework's own views module must not be imported by before these settings are read."""

from django.conf import settings
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.throttling import BaseThrottle

from agendastad.core.ratelimit import rate_limit_take


class JSONOnly(BaseContentNegotiation):
    """JSON whatever the Accept header asks: never a 406 for a browser or a client that asks for HTML."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class AddressRateThrottle(BaseThrottle):
    """`settings.API_RATE_LIMIT` requests per client address; the address behind the reverse proxy in
    production (`NUM_PROXIES`)."""

    def allow_request(self, request, view) -> bool:
        return rate_limit_take(scope="api", key=self.get_ident(request), limit=settings.API_RATE_LIMIT)

    def wait(self) -> float:
        return settings.API_RATE_LIMIT[1]
