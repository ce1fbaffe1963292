"""Automatic hyphenation: by the text's language, under the layout's rules, read back from the
PDF by poppler (not by the engine's own line texts)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pyphen
from reportlab.lib.colors import black

from renderer.blocks.typeset import Run, break_lines, line_text, width_of, words
from renderer.blocks.typeset.hyphenate import CACHE_NAME, Hyphenation, Rules
from tests.conftest import body_page, poppler_text, render_edition, write_edition

GERMAN = ("Die Lebensmittelrettung verlangt Verantwortungsbewusstsein, Kühlkettenüberwachung und "
          "Ehrenamtskoordination; die Lebensmittelhygieneverordnung regelt Dokumentationspflichten. ") * 3

MANIFEST = """\
title: Test
organisation: Test
year: 2023
published: "2024-01-01"
language: {lang}
pages: [{pages}]
"""


def build(tmp_path: Path, lang: str, *blocks: str) -> list[str]:
    root = write_edition(tmp_path / "ed", {"01.yaml": body_page(*blocks)},
                         MANIFEST.format(lang=lang, pages="01.yaml"))
    rendering, sink = render_edition(root, cache=tmp_path / "cache")
    assert rendering is not None, [d.render() for d in sink]
    return [line.strip() for page in poppler_text(rendering.pdf) for line in page.splitlines() if line.strip()]


def columns(text: str, lang: str | None = None) -> str:
    """Three narrow columns of the same paragraph (optionally in another language)."""
    extra = f", lang: {lang}" if lang else ""
    col = f'[{{type: paragraph, text: "{text}"{extra}}}]'
    return f"{{type: columns, columns: [{col}, {col}, {col}]}}"


def test_german_text_in_narrow_columns_is_broken_at_syllables_with_a_hyphen(tmp_path: Path) -> None:
    lines = build(tmp_path, "de-DE", columns(GERMAN))
    broken = [line for line in lines if re.search(r"\w-$", line)]
    assert len(broken) >= 6, lines
    # every break is one the German dictionary allows, and it leaves at least 2 and 3 letters
    for line in broken:
        head = line.split()[-1].rstrip("-")
        assert len(head) >= 2


def test_at_most_two_hyphenated_lines_in_a_row(tmp_path: Path) -> None:
    hyphens = Hyphenation(Rules(consecutive=2)).for_language("de-DE")
    runs = [Run(GERMAN * 2, "Lato", 10, black, hyphens=hyphens)]
    lines = [line_text(line) for line in break_lines(words(runs), 110)]
    ends = "".join("1" if line.endswith("-") else "0" for line in lines)
    assert "1" in ends and "111" not in ends, lines


def test_the_last_word_of_a_paragraph_is_never_hyphenated(tmp_path: Path) -> None:
    hyphens = Hyphenation(Rules()).for_language("de-DE")
    last = "Lebensmittelhygieneverordnung"
    # (a last word longer than the whole line must still be broken somewhere)
    for width in range(int(width_of(last, "Lato", 10)) + 1, 400, 3):
        lines = break_lines(words([Run(f"Wir danken allen Helferinnen der {last}", "Lato", 10,
                                       black, hyphens=hyphens)]), width)
        assert line_text(lines[-1]).endswith(last), [line_text(x) for x in lines]
    # while the same word earlier in the paragraph is broken where a line ends
    lines = break_lines(words([Run(f"Wir danken allen Helferinnen der {last} sehr", "Lato", 10, black,
                                   hyphens=hyphens)]), 180)
    assert any(line_text(line).endswith("-") for line in lines), [line_text(x) for x in lines]


def test_short_words_and_the_characters_around_a_break_follow_the_rules() -> None:
    hyphens = Hyphenation(Rules(min_word=8, before=3, after=4)).for_language("en-US")
    assert hyphens is not None
    soft = hyphens.soft(words([Run("organization,", "Lato", 10, black)])[0])
    assert soft is not None
    parts = soft.pieces[0].text.rstrip(",").split("\u00ad")
    assert len(parts[0]) >= 3 and len(parts[-1]) >= 4 and "".join(parts) == "organization"
    assert hyphens.soft(words([Run("family", "Lato", 10, black)])[0]) is None  # shorter than 8


def test_headings_figures_and_table_cells_are_not_hyphenated(tmp_path: Path) -> None:
    text = " ".join(["Verantwortungsbewusstsein Ehrenamtskoordination"] * 6)
    lines = build(tmp_path, "de-DE", f"{{type: heading, level: 1, text: {text}}}",
                  f"{{type: heading, level: 2, text: {text}}}",
                  f"{{type: figure_row, figures: [{{value: 5, label: {text}}}, {{value: 6, label: {text}}}]}}",
                  f"{{type: table, caption: {text}, columns: [{{key: a, label: A}}, {{key: b, label: B}}], "
                  f"rows: [[{text}, 1], [b, 2]]}}", f'{{type: paragraph, text: "{text}"}}')
    broken = [n for n, line in enumerate(lines) if re.search(r"[a-zäöü]-$", line)]
    # only the paragraph's lines end in a hyphen: it comes last, after the table's last row
    last_row = next(n for n, line in enumerate(lines) if re.fullmatch(r"b\s+2", line))
    assert broken and min(broken) > last_row, lines


def test_a_block_in_another_language_is_hyphenated_by_its_own_dictionary(tmp_path: Path) -> None:
    french = "La coopération transfrontalière entre les organisations partenaires est exceptionnellement " * 4
    lines = build(tmp_path, "en-US", columns(french, "fr"))
    heads = {line.split()[-1].removesuffix("-") for line in lines if re.search(r"\w-$", line)}
    assert heads, lines
    french_words = set(french.split())
    dictionary = pyphen.Pyphen(lang="fr")
    for head in heads:  # each break is one the French dictionary gives for its word
        word = next(w for w in french_words if w.startswith(head) and w != head)
        assert len(head) in dictionary.positions(word), (head, word)


def test_an_edition_in_a_language_without_a_dictionary_is_warned_about_and_still_built(
        tmp_path: Path, edition: Callable[..., Path]) -> None:
    root = write_edition(tmp_path / "ed", {"01.yaml": body_page('{type: paragraph, text: "Kia ora", lang: mi}')})
    rendering, sink = render_edition(root)
    assert rendering is not None
    assert any("no hyphenation dictionary for language 'mi'" in d.render() and "01.yaml:3" in d.render()
               for d in sink.warnings), [d.render() for d in sink]


def test_a_bad_language_tag_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = write_edition(tmp_path / "ed", {"01.yaml": body_page('{type: paragraph, text: "x", lang: "de DE"}')})
    rendering, sink = render_edition(root)
    assert rendering is None and any("01.yaml:3" in d.render() and "not a language tag" in d.render()
                                     for d in sink.errors)


def test_words_are_remembered_so_a_second_build_loads_no_dictionary(tmp_path: Path) -> None:
    first = Hyphenation(Rules(), tmp_path)
    german = first.for_language("de-DE")
    assert german is not None and german.points("lebensmittel")
    first.save()
    assert (tmp_path / CACHE_NAME).is_file()
    again = Hyphenation(Rules(), tmp_path).for_language("de-DE")
    assert again is not None and again.points("lebensmittel") == german.points("lebensmittel")
    assert again._pyphen is None  # answered from the file


def test_a_tampered_cache_is_ignored(tmp_path: Path) -> None:
    (tmp_path / CACHE_NAME).write_text('{"pyphen": "0.18.1", "words": {"de_DE": {"abc": [7]}}}', encoding="utf-8")
    hyphens = Hyphenation(Rules(), tmp_path).for_language("de-DE")
    assert hyphens is not None and 7 not in hyphens.points("abc")  # the file was not read


def test_a_word_met_again_is_broken_at_the_same_points_in_its_own_run() -> None:
    hyphens = Hyphenation(Rules()).for_language("en-US")
    assert hyphens is not None
    regular, bold = Run("organization", "Lato", 10, black), Run("organization", "Lato-Bold", 14, black)
    first = hyphens.soft(words([regular])[0])
    again = hyphens.soft(words([bold])[0])
    assert first is not None and again is not None
    assert first.pieces[0].text == again.pieces[0].text and "\u00ad" in first.pieces[0].text
    assert (first.pieces[0].run, again.pieces[0].run) == (regular, bold)
    assert again.pieces[0].width == width_of("organization", "Lato-Bold", 14) != first.pieces[0].width


def test_each_build_breaks_words_by_its_own_rules() -> None:
    word = words([Run("organization", "Lato", 10, black)])[0]
    loose = Hyphenation(Rules(before=2, after=2)).for_language("en-US")
    strict = Hyphenation(Rules(min_word=13)).for_language("en-US")
    assert loose is not None and strict is not None
    marked = loose.soft(word)
    assert marked is not None and "\u00ad" in marked.pieces[0].text
    assert strict.soft(word) is None  # shorter than 13 letters: not broken, though another build broke it
    assert loose.soft(word) is not None
