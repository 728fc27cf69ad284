"""Middleware for every request and response: addresses no page of ours can have, and the Permissions-Policy."""

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse


class RefuseNulBytesMiddleware:
    """A NUL character (`%00`) in the path answers 404, in the query string 400: no address of ours holds
    one, and PostgreSQL refuses text with it, so any lookup (an invitation token, an admin list filter)
    would otherwise end in a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            raise Http404
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)


def permissions_policy_header(policy: Mapping[str, Sequence[str]]) -> str:
    """`{"camera": (), "fullscreen": ("self",)}` as `camera=(), fullscreen=(self)`."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    """Sends `settings.PERMISSIONS_POLICY` with every response, static files included: the browser features
    (camera, microphone, location, payment, …) that no page of ours, nor anything it might embed, may use."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
