"""The German sample edition (content/de-sample): a report in a language the engine was not
first written for, with French and Spanish passages, narrow columns and a table of 73 rows
over three pages. Read back with poppler and pdfium, not with the engine's own texts."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from renderer.paginate import Rendering
from tests.conftest import ROOT, errors_of, poppler_text, render_edition

EDITION = ROOT / "content" / "de-sample"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rendering, list[str]]:
    rendering, sink = render_edition(EDITION, strict=True, cache=tmp_path_factory.mktemp("cache"))
    assert rendering is not None, errors_of(sink)
    assert not sink.warnings, [d.render() for d in sink.warnings]
    return rendering, poppler_text(rendering.pdf)


def test_it_has_one_cover_and_the_contents_numbers_of_its_pages(sample: tuple[Rendering, list[str]]) -> None:
    rendering, texts = sample
    templates = [p.template for p in rendering.layout_map.pages]
    assert templates.count("cover") == 1 and len(templates) == 9
    contents = texts[3]
    for folio, title in ((1, "Vorwort"), (4, "Das Jahr in Zahlen"), (5, "Die Ausgabestellen")):
        assert re.search(rf"^\s*{folio}\s+{title}\s*$", contents, re.M), contents


def test_german_text_is_hyphenated_and_quoted_as_german(sample: tuple[Rendering, list[str]]) -> None:
    _, texts = sample
    text = "\n".join(texts)
    assert len(re.findall(r"[a-zäöüß]-\s*$", text, re.M)) >= 10
    assert "\u201eNiemand soll hungrig" in text and "\u201averkaufen\u2018" in text
    assert "\u201d" not in text  # no English closing quote anywhere
    assert "\u00abCada comida" in text  # Spanish


def test_french_passages_have_narrow_no_break_spaces(sample: tuple[Rendering, list[str]]) -> None:
    rendering, _ = sample
    doc = pdfium.PdfDocument(rendering.pdf)  # poppler turns U+202F into a plain space; pdfium keeps it
    try:
        text = doc[1].get_textpage().get_text_range()
    finally:
        doc.close()
    assert "\u00ab\u202fLa solidarit\u00e9" in text and "fronti\u00e8res\u202f!\u202f\u00bb" in text
    assert "\u202f;" in text and "\u202f?" in text  # (pdfium reads the no-break space before : as a space)


def test_the_table_repeats_its_first_sentence_in_german_on_its_continuations(
        sample: tuple[Rendering, list[str]]) -> None:
    _, texts = sample
    short = "Versorgte Haushalte nach Ausgabestelle und Art der Versorgung, 2023. (Fortsetzung)"
    assert sum(short in " ".join(t.split()) for t in texts) == 2
    assert "Mehrfachbesuche" in texts[5] and "Mehrfachbesuche" not in texts[6] + texts[7]


def test_the_foreword_continues_under_the_running_header(sample: tuple[Rendering, list[str]]) -> None:
    rendering, texts = sample
    assert texts[2].strip().splitlines()[0].strip() == "Verbund der Lebensmitteltafeln Rhein-Main e. V."
    assert len(rendering.layout_map.pages[2].header_footer) == 2


def test_the_viewer_shows_the_printed_folios(sample: tuple[Rendering, list[str]], tmp_path: Path) -> None:
    rendering, _ = sample
    doc = pdfium.PdfDocument(rendering.pdf)
    try:
        shown = [doc.get_page_label(i) for i in range(len(doc))]
    finally:
        doc.close()
    assert shown == ["Cover", "1", "2", "3", "4", "5", "6", "7", "8"]


def test_numbers_are_printed_as_german_writes_them(sample: tuple[Rendering, list[str]]) -> None:
    _, texts = sample
    figures, table_end = " ".join(texts[4].split()), " ".join(texts[7].split())
    assert "4.100.000 gerettete Mahlzeiten" in figures and "312.000 ehrenamtlich" in figures
    assert "Insgesamt 36.109 14.115 50.224" in table_end  # the table's total row
    assert "4,100,000" not in "".join(texts)
    # the charts' share labels: 44 %, with a no-break space (poppler reads it as a space)
    assert re.search(r"Obst und Gemüse 44\s%", figures), figures
