"""Markdown written by people, rendered once when it is saved, to HTML that can only contain what an allow-list
permits.

The parser is markdown-it-py (CommonMark), whose work grows linearly with the text, with its nesting limits
set low for inline markup (unclosed brackets cost their number times that limit) and high enough for blocks that no
text accepted by `validate_markdown_nesting` is cut short. Pages show the stored HTML; `markdown_display`
falls back to the escaped text when there is none, so a text never breaks a page.
"""

import logging

import nh3
from django.core.exceptions import ValidationError
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

logger = logging.getLogger(__name__)

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

MAX_NESTING = 20
"""At most this many lists and quotes inside each other; deeper text is refused with a message."""
INLINE_NESTING = 5
"""Links and emphasis inside each other beyond this stay text. It bounds the cost of unclosed brackets."""
BLOCK_NESTING = 2 * MAX_NESTING + 10
"""markdown-it's own limit for blocks (a list takes two levels: the list and its item); beyond it, it drops the
rest of the text. Above what MAX_NESTING allows, so that only refused text would lose anything."""
CONTAINERS = {"bullet_list_open", "ordered_list_open", "blockquote_open"}

_blocks = MarkdownIt("commonmark", {"html": False, "maxNesting": BLOCK_NESTING}).disable("inline")
_inline = MarkdownIt("commonmark", {"html": False, "maxNesting": INLINE_NESTING})
_parser = MarkdownIt("commonmark", {"html": False, "maxNesting": BLOCK_NESTING})


def _inline_rule(state: StateCore) -> None:
    """The core rule that parses the inline content of each block, with the inline parser's lower limit."""
    for token in state.tokens:
        if token.type == "inline":
            token.children = []
            _inline.inline.parse(token.content, _inline, state.env, token.children)


def _heading_rule(state: StateCore) -> None:
    """Headings start at level 3 (`#` is h3, deeper ones h4): the page around the text owns levels 1 and 2."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 2, 4)}"


_parser.core.ruler.at("inline", _inline_rule)
_parser.core.ruler.push("agendastad_headings", _heading_rule)


def markdown_nesting(text: str) -> int:
    """How many lists and quotes the deepest part of the text lies in (a parse of the blocks only: cheap)."""
    depth = deepest = 0
    for token in _blocks.parse(text):
        if token.type in CONTAINERS:
            depth += 1
            deepest = max(deepest, depth)
        elif token.type.replace("_close", "_open") in CONTAINERS:
            depth -= 1
    return deepest


def validate_markdown_nesting(text: str) -> None:
    if markdown_nesting(text) > MAX_NESTING:
        raise ValidationError(
            _("Lists and quotes lie too deep inside each other here: at most %(limit)d levels, please."),
            code="markdown_nesting",
            params={"limit": MAX_NESTING},
        )


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML, for storing beside the text: nh3 removes anything outside the allow-list
    (raw HTML is not even parsed). Links get rel="nofollow noopener ugc". An empty string when rendering fails,
    so that saving never does; the pages then show the text itself."""
    try:
        html = _parser.render(text)
        return nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_SCHEMES,
            link_rel="nofollow noopener ugc",
        )
    except Exception:  # a bug in the parser must not refuse a save: the page shows the escaped text instead
        logger.exception("Markdown could not be rendered")
        return ""


def markdown_display(text: str, html: str) -> SafeString:
    """What a page shows: the HTML stored (sanitised) when the text was saved, or else the text, escaped, with
    its paragraphs and line breaks."""
    if html:
        return mark_safe(html)  # sanitised by render_markdown before it was stored
    return mark_safe(linebreaks(text, autoescape=True))  # escaped here
