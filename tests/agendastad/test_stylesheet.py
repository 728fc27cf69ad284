"""The stylesheet is appended to by every branch and merged by union; a union merge can drop a rule's closing
brace, after which browsers ignore every rule that follows (the home map's legend swatches grew to the page's width)."""

import re
from pathlib import Path

from django.conf import settings

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "agendastad.css"


def blocks_opened_inside_a_style_rule(css: str) -> list[str]:
    """The preludes of blocks that open inside a style rule, and of blocks never closed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    wrong: list[str] = []
    open_blocks: list[str] = []
    prelude_start = 0
    for position, character in enumerate(css):
        if character == "{":
            prelude = " ".join(css[prelude_start:position].split())
            if open_blocks and not open_blocks[-1].startswith("@"):
                wrong.append(prelude)
            open_blocks.append(prelude)
            prelude_start = position + 1
        elif character == "}":
            if open_blocks:
                open_blocks.pop()
            else:
                wrong.append("} without a block")
            prelude_start = position + 1
        elif character == ";":
            prelude_start = position + 1
    return wrong + [f"{prelude} (never closed)" for prelude in open_blocks]


def test_every_rule_of_the_stylesheet_is_closed_before_the_next_opens():
    assert blocks_opened_inside_a_style_rule(STYLESHEET.read_text()) == []


def test_the_check_finds_a_rule_that_lost_its_closing_brace():
    css = ".a {\n  display: grid;\n\n.b {\n  color: red;\n}\n"

    assert blocks_opened_inside_a_style_rule(css) == [".b", ".a (never closed)"]
