"""Counting how often a person does something within a time window, in the shared cache (Redis in production)."""

from django.core.cache import cache


def rate_limit_take(*, scope: str, key: object, limit: tuple[int, int]) -> bool:
    """Take one of the `count` actions `limit` = (count, seconds) allows `key` in `scope`; False when none is left.

    A fixed window that starts at the first action, so at most `count` actions get through per window.
    """
    count, seconds = limit
    cache_key = f"ratelimit:{scope}:{key}"
    cache.add(cache_key, 0, timeout=seconds)
    try:
        taken = cache.incr(cache_key)
    except ValueError:  # the window ended between add() and incr()
        cache.add(cache_key, 1, timeout=seconds)
        taken = 1
    return taken <= count
