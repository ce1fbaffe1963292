"""Inline markup: the only tags reportlab sees are ours; content text prints as itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from renderer.blocks.text import TextFlow
from renderer.model.markup import Link, MarkupError, Ref, Styled, Text, parse
from tests.conftest import (
    body_page,
    checked_edition,
    compose_page,
    errors_of,
    pdf_text,
    render_edition,
    straight_quotes,
)


def test_bold_italic_link_and_reference_parse() -> None:
    assert parse("a **b** _c_ [d](https://x.org) {=t.r.c}") == (
        Text("a "), Styled("b", (Text("b"),)), Text(" "), Styled("i", (Text("c"),)), Text(" "),
        Link("https://x.org", (Text("d"),)), Text(" "), Ref("t.r.c"))


def test_backslash_escapes_print_the_character() -> None:
    assert parse(r"entries.\* and \_x\_") == (Text("entries.* and _x_"),)


def test_underscore_inside_a_word_is_text() -> None:
    assert parse("snake_case_name") == (Text("snake_case_name"),)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://x"])
def test_only_web_and_mail_links_are_allowed(url: str) -> None:
    with pytest.raises(MarkupError, match="is not allowed"):
        parse(f"[x]({url})")


def test_unclosed_bold_is_an_error_with_a_hint() -> None:
    with pytest.raises(MarkupError) as info:
        parse("a **bold")
    assert "unclosed bold" in str(info.value) and info.value.hint


def test_reportlab_tags_in_content_print_literally(edition: Callable[..., Path]) -> None:
    text = "AT&T <b>x</b> <font color=red>y</font> <img src='/etc/passwd'/> <a href='javascript:1'>z</a>"
    root = edition(body_page(f"{{type: paragraph, text: \"{text}\"}}"))
    flowables, _ = compose_page(root)
    assert isinstance(flowables[0], TextFlow)
    assert straight_quotes(flowables[0].text) == text.replace("\\", "")
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    assert "AT&T <b>x</b> <font color=red>y</font>" in pdf_text(rendering.pdf)[0]


def test_reportlab_tags_beside_our_markup_print_literally(edition: Callable[..., Path]) -> None:
    text = "**Bold** <b>not bold</b> &amp; _it_ <br/>"
    root = edition(body_page(f"{{type: paragraph, text: \"{text}\"}}"))
    flowables, _ = compose_page(root)
    assert [run.text for run in flowables[0].runs] == ["Bold", " <b>not bold</b> &amp; ", "it", " <br/>"]
    assert flowables[0].runs[0].font.endswith("-Bold") and flowables[0].runs[2].font.endswith("-Italic")
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    assert "Bold <b>not bold</b> &amp; it <br/>" in pdf_text(rendering.pdf)[0]


def test_unknown_reference_is_reported_with_a_suggestion(edition: Callable[..., Path]) -> None:
    root = edition(body_page("{type: figure, id: calls, value: 110153, label: calls}",
                             "{type: paragraph, text: 'We took {=cals} calls.'}"))
    _, sink = checked_edition(root)
    (error,) = errors_of(sink)
    assert "reference '{=cals}' names no number" in error and "did you mean 'calls'?" in error
