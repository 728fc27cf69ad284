"""Small pieces every app's services share."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.text import slugify


def permission_require(user, permission: str, obj=None) -> None:
    """Services check permissions again, so no door (view, admin, command) can skip a rule."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def unique_slug(text: str, *, taken: QuerySet, fallback: str) -> str:
    """A slug for `text` that no row of `taken` has yet: `name`, `name-2`, `name-3`, …"""
    base = slugify(text)[:200] or fallback
    slug, number = base, 2
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
