"""Page labels that match the printed folios, page files that run over, the cover's foot,
running headers on continuation pages and the short caption of a continued table."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pypdf
import pypdfium2 as pdfium

from renderer.diagnostics import Sink
from renderer.preflight import Finding, preflight, render_table
from renderer.review.diff import Side
from renderer.theme import load_theme
from tests.conftest import EDITION_2022, FONTS, LAYOUT, body_page, poppler_text, render_edition, write_edition

LONG = '{type: paragraph, text: "' + "Every child deserves a safe childhood and a home. " * 60 + '"}'


def labels(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc.get_page_label(i) for i in range(len(doc))]
    finally:
        doc.close()


def test_page_labels_match_the_printed_folios_of_the_2022_report() -> None:
    rendering, sink = render_edition(EDITION_2022)
    assert rendering is not None
    shown = labels(rendering.pdf)
    assert shown[0] == "Cover" and shown[1:] == [str(n) for n in range(1, len(shown))]
    assert pypdf.PdfReader(io.BytesIO(rendering.pdf)).page_labels == shown  # a second reader agrees
    texts = poppler_text(rendering.pdf)
    for page in rendering.layout_map.pages:  # the folio printed in the footer is the label
        if page.folio is not None and page.template not in ("closing",):
            footer = [line.split() for line in texts[page.index].splitlines() if line.strip()][-1]
            assert str(page.folio) in footer and shown[page.index] == str(page.folio)
    # the contents numbers are still the published ones
    contents = texts[2]
    for folio, title in ((1, "Our 2022 Impact"), (3, "Missing Children"), (12, "Child Sexual Exploitation"),
                         (20, "Prevention")):
        assert any(line.split()[:1] == [str(folio)] and title in line for line in contents.splitlines()), contents


def test_several_unnumbered_pages_of_one_template_are_numbered_after_its_label(tmp_path: Path) -> None:
    layout = tmp_path / "layout"
    import shutil
    shutil.copytree(LAYOUT, layout)
    text = (layout / "templates.yaml").read_text(encoding="utf-8")
    (layout / "templates.yaml").write_text(text.replace("  body: {}", "  body: {}\n  plate: {numbered: false}"),
                                           encoding="utf-8")
    root = write_edition(tmp_path / "ed", {"00.yaml": body_page("{type: paragraph, text: Hello}", template="cover"),
                                           "01.yaml": body_page("{type: paragraph, text: One}"),
                                           "02.yaml": body_page(LONG, LONG, template="plate"),
                                           "03.yaml": body_page("{type: paragraph, text: Two}")})
    from renderer.build import Paths, render
    sink = Sink()
    rendering = render(Paths(root, layout, FONTS), sink)
    assert rendering is not None, [d.render() for d in sink]
    shown = labels(rendering.pdf)
    assert shown[:2] == ["Cover", "1"] and shown[2].startswith("Plate 1") and shown[3] == "Plate 2"
    assert shown[-1] == "2"


def test_review_and_preflight_name_pages_by_label(tmp_path: Path) -> None:
    rendering, _ = render_edition(EDITION_2022)
    assert rendering is not None
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(rendering.pdf)
    side = Side(pdf, None, "r", tuple(labels(rendering.pdf)))
    assert side.page_name(1) == "Cover (PDF page 1)" and side.page_name(14) == "page 13 (PDF page 14)"
    report = preflight(pdf, "screen")
    assert report.labels == tuple(labels(rendering.pdf))
    table = render_table(dataclasses.replace(report, findings=(Finding("x", "warning", 14, "a finding"),)))
    assert "page 13 (PDF page 14): a finding" in table


def test_a_cover_that_overflows_is_an_error_at_the_block_that_did_not_fit(tmp_path: Path) -> None:
    root = write_edition(tmp_path / "ed", {"00.yaml": body_page(LONG, LONG, "{type: paragraph, text: Last}",
                                                                template="cover"),
                                           "01.yaml": body_page("{type: paragraph, text: One}")})
    rendering, sink = render_edition(root)
    assert rendering is None
    [error] = [d.render() for d in sink.errors]
    assert "00.yaml:4:" in error and "does not fit on its cover page" in error and "pt) ran over onto 1 more page" \
        in error


def test_a_body_page_that_runs_over_is_a_warning_naming_its_file_unless_it_expects_to(tmp_path: Path) -> None:
    root = write_edition(tmp_path / "ed", {"01.yaml": body_page(LONG, LONG, LONG)})
    rendering, sink = render_edition(root)
    assert rendering is not None
    [warning] = [d.render() for d in sink.warnings]
    assert "01.yaml does not fit on one page" in warning and "expect_pages: 2" in warning
    root = write_edition(tmp_path / "ed2", {"01.yaml": "expect_pages: 2\n" + body_page(LONG, LONG, LONG)})
    rendering, sink = render_edition(root)
    assert rendering is not None and not sink.warnings


def test_the_cover_blocks_end_on_the_foot_of_the_text_area_whatever_the_first_blocks_space(tmp_path: Path) -> None:
    sink = Sink()
    theme = load_theme(LAYOUT, FONTS, sink)
    assert theme is not None
    margins = theme.template("cover").margins
    assert margins is not None
    # a call-to-action panel first: it has space above it, which the push to the foot left out
    # then blocks whose spaces overlap (a subtitle's 8 pt below, a panel's 10 pt above: 10 between)
    cover = body_page("{type: cta, title: A panel, text: With space above it}",
                      "{type: paragraph, style: title, text: The Title}",
                      "{type: paragraph, style: subtitle, text: A subtitle}",
                      "{type: cta, title: Another panel, text: Ten points above}",
                      "{type: paragraph, style: kicker, text: Published}", template="cover")
    root = write_edition(tmp_path / "ed", {"00.yaml": cover, "01.yaml": body_page("{type: paragraph, text: x}")})
    rendering, sink = render_edition(root)
    assert rendering is not None, [d.render() for d in sink]
    cover_page = rendering.layout_map.pages[0]
    assert rendering.layout_map.pages[1].template != "cover"  # nothing spilled onto a second cover
    bottoms = [b.bbox[1] for b in cover_page.blocks]
    assert abs(min(bottoms) - margins.bottom) < 0.5, bottoms


def test_a_page_an_opener_flows_onto_has_the_running_header(tmp_path: Path) -> None:
    root = write_edition(tmp_path / "ed", {"01.yaml": "expect_pages: 2\n" + body_page(
        "{type: heading, level: 1, text: Opening}", LONG, LONG, template="opener")})
    rendering, sink = render_edition(root)
    assert rendering is not None
    first, second = rendering.layout_map.pages[:2]
    assert len(first.header_footer) == 1 and len(second.header_footer) == 2  # footer; header and footer
    assert "Test Organisation" in poppler_text(rendering.pdf)[1].splitlines()[0]
    assert "Test Organisation" not in poppler_text(rendering.pdf)[0]


def test_a_continued_table_repeats_its_first_sentence_or_its_caption_continued(tmp_path: Path) -> None:
    rows = ", ".join(f"[Row {i}, {i}]" for i in range(1, 90))
    caption = "Cases by state, 2023. Counted once a month; the U.S. territories are included. Source: our files."
    table = ("{type: table, caption: \"" + caption + "\", columns: [{key: a, label: A}, {key: b, label: B}], rows: ["
             + rows + "]}")
    root = write_edition(tmp_path / "ed", {"01.yaml": "expect_pages: 3\n" + body_page(table)})
    rendering, sink = render_edition(root)
    assert rendering is not None, [d.render() for d in sink]
    texts = poppler_text(rendering.pdf)
    assert caption.split(".")[0] in texts[0] and "Source: our files." in texts[0]
    assert "Cases by state, 2023. (continued)" in texts[1] and "Source" not in texts[1]
    named = table.replace("columns:", "caption_continued: States (cont.), columns:", 1)
    root = write_edition(tmp_path / "ed2", {"01.yaml": "expect_pages: 3\n" + body_page(named)})
    rendering, sink = render_edition(root)
    assert rendering is not None
    assert "States (cont.) (continued)" in poppler_text(rendering.pdf)[1]
