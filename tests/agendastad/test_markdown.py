"""Markdown rendering: sanitised, rendered once when saved, and cheap however hostile the text."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agendastad.core import markdown
from agendastad.core.markdown import markdown_display, render_markdown
from initiatives.models import Comment, Initiative

BUDGET_SECONDS = 0.1

HOSTILE_INPUTS = {
    "deep list": "- " * 1000 + "x",
    "brackets": "[" * 5000,
    "entities": "&amp;" * 100_000,
    "quotes": ">" * 5000,
    "stars": "*" * 5000,
    "underscores": "_" * 5000,
    "backticks": "`" * 5000,
    "ordered list": "1. " * 1000,
    "image brackets": "![" * 5000,
    "nested links": "[a" * 2500 + "](b)" * 2500,
    "unclosed links": "[a](" * 2500,
    "unclosed images": "![a](" * 2000,
    "links in brackets": "[[a](" * 2000,
    "emphasis in brackets": "*[" * 2500,
    "nested quotes": "> " * 2500 + "x",
    "nested list items": "".join("  " * depth + "- x\n" for depth in range(200)),
    "backslashes": "\\" * 10_000,
    "angle links": "<a" * 5000,
    "reference definitions": "[a]: " * 2000,
}
"""The inputs of issue 10 and their family: each renders within the budget, or the field refuses it."""

FIELDS = {
    "description": Initiative._meta.get_field("description"),
    "comment": Comment._meta.get_field("text"),
}


def cpu_seconds_to_render(text: str) -> float:
    """The least CPU time of three renderings: the work the text costs, without the noise of a busy machine."""
    timings = []
    for _ in range(3):
        start = time.process_time()
        render_markdown(text)
        timings.append(time.process_time() - start)
    return min(timings)


def refusal(field_name: str, text: str) -> list[str]:
    """The messages (in English) with which the field refuses the text; none when it takes it."""
    try:
        with translation.override("en"):
            FIELDS[field_name].clean(text, None)
    except ValidationError as error:
        with translation.override("en"):
            return error.messages
    return []


def budget_for(text: str) -> float:
    """The budget, or (on a slower machine) 20 times what ordinary text of the same length costs there: what this
    guards against is work that grows faster than the text, which costs seconds, not a slow machine."""
    ordinary = at_most("Gewone tekst met **nadruk** en een [link](https://example.org/). ", len(text))
    return max(BUDGET_SECONDS, 20 * cpu_seconds_to_render(ordinary))


def at_most(text: str, length: int) -> str:
    """The same pattern repeated up to `length` characters: the most an attacker can put in the field."""
    return (text * (length // len(text) + 1))[:length]


@pytest.mark.parametrize("field_name", FIELDS)
@pytest.mark.parametrize("name", HOSTILE_INPUTS)
def test_every_hostile_input_renders_within_the_budget_or_is_refused(name, field_name):
    text = HOSTILE_INPUTS[name]
    messages = refusal(field_name, text)
    if messages:
        assert any("at most" in message for message in messages), messages
    else:
        assert cpu_seconds_to_render(text) < budget_for(text)


@pytest.mark.parametrize("field_name", FIELDS)
@pytest.mark.parametrize("name", HOSTILE_INPUTS)
def test_the_longest_accepted_hostile_text_renders_within_the_budget(name, field_name):
    text = at_most(HOSTILE_INPUTS[name], FIELDS[field_name].max_length)
    if not refusal(field_name, text):
        assert cpu_seconds_to_render(text) < budget_for(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- " * 1000 + "x", "Lists and quotes lie too deep inside each other here: at most 20 levels, please."),
        ("> " * 21 + "x", "Lists and quotes lie too deep inside each other here: at most 20 levels, please."),
        ("&amp;" * 100_000, "Ensure this value has at most 8000 characters (it has 500000)."),
        ("x" * 8001, "Ensure this value has at most 8000 characters (it has 8001)."),
    ],
)
def test_too_deep_or_too_long_text_is_refused_with_a_message(text, message):
    assert message in refusal("description", text)


def test_twenty_levels_of_lists_and_quotes_are_accepted_and_render_in_full():
    text = "".join("  " * depth + f"- level {depth}\n" for depth in range(20)) + "\n" + "> " * 20 + "deepest"
    assert refusal("description", text) == []
    html = render_markdown(text)
    assert html.count("<ul>") == 20
    assert "level 19" in html
    assert html.count("<blockquote>") == 20
    assert "deepest" in html


def test_headings_start_at_level_three_and_links_are_marked_as_written_by_people():
    html = render_markdown("# Doel\n\n## Aanpak\n\n### Details\n\n[Meer](https://example.org/)")
    assert "<h3>Doel</h3>" in html
    assert "<h4>Aanpak</h4>" in html
    assert "<h4>Details</h4>" in html
    assert '<a href="https://example.org/" rel="nofollow noopener ugc">Meer</a>' in html


def test_raw_html_and_script_links_do_not_survive():
    html = render_markdown(
        '<script>alert(1)</script>\n\n<a href="javascript:alert(2)">x</a>\n\n[y](javascript:alert(3))\n\n'
        "<img src=x onerror=alert(4)>"
    )
    assert "<script" not in html
    assert "<a href=" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_a_renderer_that_fails_stores_nothing_and_the_page_shows_the_text_escaped(monkeypatch):
    def broken(text):
        raise RecursionError

    monkeypatch.setattr(markdown._parser, "render", broken)
    assert render_markdown("**vet**") == ""
    assert (
        markdown_display("<b>vet</b>\nregel\n\nalinea", "") == "<p>&lt;b&gt;vet&lt;/b&gt;<br>regel</p>\n\n<p>alinea</p>"
    )


def test_the_stored_html_is_what_a_page_shows():
    assert markdown_display("**vet**", "<p><strong>vet</strong></p>") == "<p><strong>vet</strong></p>"
