"""Whole public pages kept in the shared cache for anonymous visitors.

Most visitors read without logging in, and for them a page depends only on its address, its
language and the data. So a rendered page is kept under a key made of those, together with the
*generation* it was rendered in: a value that changes whenever anything may have changed the data,
which makes every kept page stale at once. The generation changes after every request that may
write (any method but GET, HEAD, OPTIONS, TRACE: forms, admin actions, imports) and at the end of
the management commands that write reference or demo data; `PAGE_CACHE_SECONDS` bounds what
anything else could leave stale.

A request that carries a session or messages cookie is never served from or stored in the cache,
and neither is a response that sets a cookie or used the CSRF token: those are someone's own.
The cache must be shared by every process of the site (Redis in production): a per-process memory
cache would let one process keep pages another has changed.
"""

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation

GENERATION_KEY = "page-cache:generation"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
HEADER = "X-Page-Cache"
"""`hit` or `miss` on every page that may be kept: the benchmark counts them."""


def page_cache_invalidate() -> None:
    """Make every kept page and figure stale: the next visitor of each gets it rendered anew."""
    if settings.PAGE_CACHE_SECONDS or settings.FIGURES_CACHE_SECONDS:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _current_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Also after the cache lost it: a new value, so nothing kept before can come back.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def kept_until_write(key: str, compute: Callable[[], object]) -> object:
    """`compute()`, kept in the shared cache until the next write makes the page cache's generation stale.

    For figures that many pages show and that take long to count (the insight aggregates), signed in or not.
    After a write, one request counts anew while the others are given the figures of before that write rather
    than all counting at once (no stampede); `FIGURES_CACHE_SECONDS` bounds how long anything is kept. With
    `FIGURES_CACHE_SECONDS = 0` (the tests) nothing is kept, so nothing can be stale.
    """
    seconds = settings.FIGURES_CACHE_SECONDS
    if not seconds:
        return compute()
    generation = _current_generation()
    latest_key, lock_key = f"kept:{key}", f"kept:{key}:counting"
    latest = cache.get(latest_key)
    if latest is not None and latest[0] == generation:
        return latest[1]
    if latest is not None and not cache.add(lock_key, True, timeout=60):
        return latest[1]
    try:
        value = compute()
        cache.set(latest_key, (generation, value), timeout=seconds)
    finally:
        cache.delete(lock_key)
    return value


def _request_is_anonymous_reader(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _response_is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def public_page(view: Callable) -> Callable:
    """Keep this view's pages for anonymous visitors. Usage: `path("…", public_page(SomeView.as_view()))`."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.PAGE_CACHE_SECONDS or not _request_is_anonymous_reader(request):
            return view(request, *args, **kwargs)
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        key = f"page-cache:{translation.get_language()}:{address}"
        # One round trip for both: a kept page counts only if it was kept in the current generation.
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            # Also after the cache lost it: a new value, so no page kept before can come back.
            cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
            generation = cache.get(GENERATION_KEY)
        kept = found.get(key)
        if kept is not None and kept[0] == generation:
            _, content, headers = kept
            response = HttpResponse(content, headers=headers)
            response[HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        if _response_is_shareable(request, response):
            kept = (generation, response.content, dict(response.headers))
            cache.set(key, kept, timeout=settings.PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response

    return wrapper


class PageCacheInvalidationMiddleware:
    """After every request that may have written, a new generation: no kept page outlives a change."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            page_cache_invalidate()
        return response
