"""Straight quotes typed in content print as typographic ones, everywhere text is set, unless
``layout/theme.yaml`` turns it off."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from renderer.build import Paths, render
from renderer.diagnostics import Sink
from renderer.theme.quotes import curl
from tests.conftest import FONTS, LAYOUT, body_page, errors_of, pdf_text, render_edition


@pytest.mark.parametrize("typed, printed", [
    ("NCMEC's call center", "NCMEC\u2019s call center"),
    ('considered "actively traded," meaning', "considered \u201cactively traded,\u201d meaning"),
    ('"sextortion"', "\u201csextortion\u201d"),
    ("the '90s and '20s", "the \u201990s and \u201920s"),
    ("victims' lives", "victims\u2019 lives"),
    ("she said 'no.'", "she said \u2018no.\u2019"),
    ('("quoted")', "(\u201cquoted\u201d)"),
    ('a="b"', "a=\u201cb\u201d"),
    ('He wrote: "\'Hope\' is why."', "He wrote: \u201c\u2018Hope\u2019 is why.\u201d"),
    ("no quotes at all", "no quotes at all"),
])
def test_quotes_turn_by_what_stands_before_them(typed: str, printed: str) -> None:
    assert curl(typed) == printed


def test_a_quote_at_the_start_of_a_run_looks_at_the_run_before() -> None:
    assert curl("'s call center", before="NCMEC") == "\u2019s call center"
    assert curl("'s", before="") == "\u2018s"


def test_quotes_are_typographic_in_text_cells_headings_and_outline(edition: Callable[..., Path]) -> None:
    root = edition(body_page(
        "{type: heading, level: 1, text: \"Children's Rights\"}",
        "{type: paragraph, text: \"**NCMEC**'s \\\"actively traded\\\" files\"}",
        """\
        type: table
        caption: Reports' sources
        columns: [{key: who, label: Who's reporting}, {key: n, label: Reports}]
        rows:
          - ["ESPs' reports", 5]
        """))
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    text = pdf_text(rendering.pdf)[0]
    for expected in ("Children\u2019s Rights", "NCMEC\u2019s \u201cactively traded\u201d files",
                     "Reports\u2019 sources", "Who\u2019s reporting", "ESPs\u2019 reports"):
        assert expected in text
    assert "'" not in text and '"' not in text
    assert rendering.layout_map.pages[0].section == "Children\u2019s Rights"


def test_layout_can_keep_typewriter_quotes(edition: Callable[..., Path], tmp_path: Path) -> None:
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    theme = layout / "theme.yaml"
    straight = theme.read_text(encoding="utf-8").replace("smart_quotes: true", "smart_quotes: false")
    theme.write_text(straight, encoding="utf-8")
    root = edition(body_page("{type: paragraph, text: \"NCMEC's \\\"actively traded\\\" files\"}"))
    sink = Sink()
    rendering = render(Paths(root, layout, FONTS), sink)
    assert rendering is not None, errors_of(sink)
    assert "NCMEC's \"actively traded\" files" in pdf_text(rendering.pdf)[0]


# What each language prints for: She said: "It is 'good'." The children's book!
LANGUAGES = [
    ("en-US", "She said: \u201cIt is \u2018good\u2019.\u201d The children\u2019s book!"),
    ("de-DE", "She said: \u201eIt is \u201agood\u2018.\u201c The children\u2019s book!"),
    ("de-CH", "She said: \u00abIt is \u2039good\u203a.\u00bb The children\u2019s book!"),
    ("fr-FR", "She said\u00a0: \u00ab\u202fIt is \u201cgood\u201d.\u202f\u00bb The children\u2019s book\u202f!"),
    ("es", "She said: \u00abIt is \u201cgood\u201d.\u00bb The children\u2019s book!"),
    ("it-IT", "She said: \u00abIt is \u201cgood\u201d.\u00bb The children\u2019s book!"),
    ("nl-NL", "She said: \u201cIt is \u2018good\u2019.\u201d The children\u2019s book!"),
    ("pt-PT", "She said: \u00abIt is \u201cgood\u201d.\u00bb The children\u2019s book!"),
    ("pt-BR", "She said: \u201cIt is \u2018good\u2019.\u201d The children\u2019s book!"),
]


@pytest.mark.parametrize("lang, printed", LANGUAGES)
def test_quotes_and_apostrophes_follow_the_language(theme, lang: str, printed: str) -> None:  # type: ignore[no-untyped-def]
    assert theme.text("She said: \"It is 'good'.\" The children's book!", lang=lang) == printed


def test_french_spacing_replaces_a_typed_space_and_leaves_times_and_links_alone(theme) -> None:  # type: ignore[no-untyped-def]
    assert theme.text("Pourquoi ? Voir https://x.org à 10:30 ; fin!", lang="fr") == \
        "Pourquoi\u202f? Voir https://x.org à 10:30\u202f; fin\u202f!"


def test_each_block_prints_the_quotes_of_its_own_language_in_the_pdf(tmp_path: Path) -> None:
    from tests.conftest import poppler_text, write_edition
    manifest = ('title: T\norganisation: O\nyear: 2023\npublished: "2024-01-01"\nlanguage: de-DE\n'
                'pages: [01.yaml]\n')
    root = write_edition(tmp_path / "ed", {"01.yaml": body_page(
        '{type: paragraph, text: "Sie sagte: \\"Hoffnung\\"."}',
        '{type: paragraph, lang: fr, text: "Il a dit : \\"Espoir\\" !"}',
        '{type: paragraph, lang: en-GB, text: "She said \\"hope\\"."}')}, manifest)
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    text = poppler_text(rendering.pdf)[0]
    assert "Sie sagte: \u201eHoffnung\u201c." in text
    assert "Il a dit\u00a0: \u00ab\u202fEspoir\u202f\u00bb\u202f!" in text or \
        "Il a dit : \u00ab Espoir \u00bb !" in text.replace("\u202f", " ").replace("\u00a0", " ")
    assert "She said \u201chope\u201d." in text


def test_smart_quotes_off_keeps_the_french_text_as_typed_but_its_spacing(tmp_path: Path) -> None:
    from renderer.theme import Theme
    theme_text = (LAYOUT / "theme.yaml").read_text(encoding="utf-8")
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    (layout / "theme.yaml").write_text(theme_text.replace("smart_quotes: true", "smart_quotes: false"),
                                       encoding="utf-8")
    from renderer.theme import load_theme
    loaded: Theme | None = load_theme(layout, FONTS, Sink())
    assert loaded is not None
    assert loaded.text('Il dit "oui" !', lang="fr") == 'Il dit "oui"\u202f!'
