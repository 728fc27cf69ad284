"""What people can follow. The apps above register their models from `AppConfig.ready()`, the way they register
with the admin site, so this app never imports them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Followable:
    model: type[Model]
    word: str
    """The word in the follow URLs (/volgen/<word>/<slug>/)."""
    group: str
    """The key under which /mijn/ lists the followed ones (`selectors.follows_of`)."""
    visible_to: Callable[..., QuerySet]
    """visible_to(user): the ones this person may see, and so follow and find listed."""
    view_permission: str | None = None
    """The rule that says whether a person may see one; None when everyone may."""


FOLLOWABLES: dict[str, Followable] = {}
"""word → Followable, filled in by the apps' `ready()`."""


def followable_register(
    model: type[Model],
    *,
    word: str,
    group: str,
    visible_to: Callable[..., QuerySet] | None = None,
    view_permission: str | None = None,
) -> None:
    FOLLOWABLES[word] = Followable(
        model=model,
        word=word,
        group=group,
        visible_to=visible_to or (lambda user: model._default_manager.all()),
        view_permission=view_permission,
    )


def followable_of(target) -> Followable:
    """The registration of `target`'s model; TypeError for something that cannot be followed."""
    for followable in FOLLOWABLES.values():
        if isinstance(target, followable.model):
            return followable
    raise TypeError(f"{target!r} cannot be followed")
