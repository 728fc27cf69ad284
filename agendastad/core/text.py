"""Short texts people type that others read: titles, names, comments and reasons.

Two checks, used by the forms and, as model field validators, by every service that calls `full_clean()`:
a required text must have something visible in it (not only spaces, zero-width characters or bidi
controls), and a display name must not pose as the platform's staff ("Beheerder", "M0derator").
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

# Characters that render as nothing although Unicode does not count them as spaces, control (Cc) or
# format (Cf) characters: the Hangul fillers and the blank braille pattern.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _is_invisible(character: str) -> bool:
    return character.isspace() or character in BLANK_LETTERS or unicodedata.category(character) in {"Cc", "Cf"}


def has_visible_text(value: str) -> bool:
    """Whether anything of `value` shows once its whitespace, control and format characters (NUL,
    zero-width spaces, bidi controls) are left out."""
    return any(not _is_invisible(character) for character in value)


def validate_visible_text(value: str) -> None:
    """Refuses a text that shows nothing (only spaces, zero-width characters, bidi or other control
    characters) and a NUL character anywhere, which PostgreSQL cannot store."""
    ProhibitNullCharactersValidator()(value)
    if value and not has_visible_text(value):
        raise ValidationError(
            _("Type some visible text: spaces and invisible characters alone do not count."), code="invisible"
        )


# Letters from other scripts that look like Latin ones, and digits and signs written for letters.
LOOKALIKES = str.maketrans(
    {
        **dict(zip("авеёкмнорстухіїјѕԁӏ", "abeekmhopctyxiijsdl", strict=True)),
        **dict(zip("αβεηικνορτυχωı", "abeniknoptuxwi", strict=True)),
        **dict(zip("ɡ0134579@$|", "goleastgasl", strict=True)),  # noqa: RUF001
    }
)

# Words (and phrases, written without spaces) that name the platform or its staff, as `_skeleton` writes them.
RESERVED_NAMES = (
    "admin",
    "administrator",
    "agenda stad",
    "beheer",
    "beheerder",
    "beheerders",
    "beheerteam",
    "coördinator",
    "coordinator",
    "helpdesk",
    "moderatie",
    "moderator",
    "moderators",
    "root",
    "ser",
    "staff",
    "support",
    "system",
    "systeem",
    "webmaster",
)


def _skeleton(value: str) -> list[str]:
    """The words of `value` as a reader might take them: compatibility forms folded (NFKC), case and
    accents dropped, lookalike letters, digits and signs replaced by the Latin letters they imitate
    (and i/l, rn/m made one), invisible characters removed; split at everything else."""
    text = "".join(c for c in unicodedata.normalize("NFKC", value) if not _is_invisible(c) or c.isspace())
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(LOOKALIKES)
    text = text.replace("l", "i").replace("rn", "m")
    return re.findall(r"[a-z]+", text)


RESERVED_SKELETONS = frozenset("".join(_skeleton(name)) for name in RESERVED_NAMES)


def is_reserved_name(value: str) -> bool:
    """Whether a reserved word is in `value`: one of its words, or words written apart ("B e h e e r d e r",
    "Agenda-Stad") that together spell one."""
    words = _skeleton(value)
    for start in range(len(words)):
        joined = ""
        for word in words[start:]:
            joined += word
            if joined in RESERVED_SKELETONS:
                return True
            if len(joined) > max(map(len, RESERVED_SKELETONS)):
                break
    return False


def validate_display_name(value: str) -> None:
    """Refuses a display name that others could take for the platform's staff."""
    if is_reserved_name(value):
        raise ValidationError(
            _(
                "Choose another name: names with words such as “beheerder”, “moderator” or “Agenda Stad” "
                "are kept for the people who run the platform."
            ),
            code="reserved_name",
        )
