"""Each block type composes into the flowables a designer expects, styled by semantic name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from renderer.blocks.boxes import Panel, Row
from renderer.blocks.heading import Banner
from renderer.blocks.text import TextFlow
from tests.conftest import body_page, checked_edition, compose_page, errors_of, pdf_text, render_edition


def test_level_one_heading_is_a_banner_kept_with_next(edition: Callable[..., Path]) -> None:
    (banner,), _ = compose_page(edition(body_page("{type: heading, level: 1, text: Missing Children}")))
    assert isinstance(banner, Banner) and banner.keepWithNext
    assert banner.para.style.name == "heading.1"


def test_sub_heading_uses_its_level_style(edition: Callable[..., Path]) -> None:
    page = body_page("{type: heading, level: 1, text: Prevention}", "{type: heading, level: 2, text: Programs}",
                     "{type: heading, level: 3, text: Internet Safety}")
    (_, two, three), _ = compose_page(edition(page))
    for para, level in ((two, 2), (three, 3)):
        assert isinstance(para, TextFlow) and para.style.name == f"heading.{level}" and para.keepWithNext


def test_paragraph_styles_by_name(edition: Callable[..., Path]) -> None:
    page = body_page("{type: paragraph, text: a}", "{type: paragraph, style: lead, text: b}")
    flowables, _ = compose_page(edition(page))
    assert [f.style.name for f in flowables] == ["body", "body.lead"]


def test_figure_formats_its_value_and_footnote_mark(edition: Callable[..., Path]) -> None:
    root = edition(body_page("{type: figure, value: 27644, label: cases, footnote: '*'}",
                             "{type: figure, value: 16, format: percent, label: increase}",
                             "{type: figure, value: '1 in 6', label: likely victims}"))
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    text = pdf_text(rendering.pdf)[0]
    assert "27,644*" in text and "16%" in text and "1 in 6" in text


def test_figure_by_reference_takes_the_table_total(edition: Callable[..., Path]) -> None:
    table = """\
    type: table
    id: files
    caption: Files
    columns: [{key: type, label: Type}, {key: total, label: Total Files}]
    rows: [[Image, 49404779], [Other, 1197394], [Video, 37775034]]
    total: {label: Total Files, values: [88377207]}
    """
    root = edition(body_page(table, "{type: figure, ref: files.total.total, label: files}"))
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    assert pdf_text(rendering.pdf)[0].count("88,377,207") == 2


def test_figure_needs_value_or_ref(edition: Callable[..., Path]) -> None:
    _, sink = checked_edition(edition(body_page("{type: figure, label: nothing}")))
    assert any("exactly one of 'value' and 'ref'" in e for e in errors_of(sink))


def test_figure_row_places_figures_side_by_side(edition: Callable[..., Path]) -> None:
    row = "{type: figure_row, figures: [{value: 217, label: a}, {value: 7604, label: b}, {value: 21, label: c}]}"
    (flowable,), ctx = compose_page(edition(body_page(row)))
    assert isinstance(flowable, Row) and len(flowable.columns) == 3
    widths = flowable.column_widths(ctx.width)
    assert abs(sum(widths) + 2 * ctx.theme.layout.gutter - ctx.width) < 0.01


def test_figure_row_holds_two_to_four(edition: Callable[..., Path]) -> None:
    _, sink = checked_edition(edition(body_page("{type: figure_row, figures: [{value: 1, label: a}]}")))
    assert any("a figure row holds 2 to 4 figures, not 1" in e for e in errors_of(sink))


def test_numbered_list_numbers_each_item(edition: Callable[..., Path]) -> None:
    flowables, _ = compose_page(edition(body_page("{type: list, items: [one, two, three]}")))
    assert [f.columns[0].text for f in flowables] == ["1", "2", "3"]


def test_quote_and_note_and_cta_render_their_text(edition: Callable[..., Path]) -> None:
    root = edition(body_page(
        "{type: quote, text: Hope is why we're here., attribution: NCMEC}",
        "{type: note, mark: '*', text: This number represents reports.}",
        "{type: cta, title: Donate, text: Please give., link: {label: MissingKids.org/Impact, url: 'https://MissingKids.org/Impact'}}"))
    flowables, _ = compose_page(root)
    assert isinstance(flowables[0], Panel) and isinstance(flowables[2], Panel)
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    text = pdf_text(rendering.pdf)[0]
    for expected in ("Hope is why we’re here.", "— NCMEC", "* This number represents reports.", "Donate",
                     "MissingKids.org/Impact"):
        assert expected in text


def test_cta_link_must_be_web_or_mail(edition: Callable[..., Path]) -> None:
    root = edition(body_page("{type: cta, title: x, link: {label: y, url: 'javascript:alert(1)'}}"))
    _, sink = checked_edition(root)
    assert any("link 'javascript:alert(1)' is not allowed" in e for e in errors_of(sink))


def test_image_outside_the_edition_is_refused(edition: Callable[..., Path]) -> None:
    _, sink = checked_edition(edition(body_page("{type: image, src: ../../etc/passwd, alt: x}")))
    assert any("leads outside" in e for e in errors_of(sink))


def test_image_is_scaled_to_the_column(edition: Callable[..., Path], tmp_path: Path) -> None:
    from PIL import Image
    root = edition(body_page("{type: image, src: photo.png, alt: a photo, caption: A caption, width: half}"))
    Image.new("RGB", (400, 200), "navy").save(root / "photo.png")
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    (placed,) = [b for b in rendering.layout_map.pages[0].blocks if b.type == "image"]
    x0, y0, x1, y1 = placed.bbox
    assert abs((x1 - x0) - 237) < 1  # half of the 492 pt column less half the gutter


def test_a_picture_too_small_for_the_press_is_named_with_the_size_it_needs(edition: Callable[..., Path]) -> None:
    from PIL import Image

    from renderer.build import Paths, render
    from renderer.diagnostics import Sink
    from tests.conftest import FONTS, LAYOUT

    root = edition(body_page("{type: image, src: small.png, alt: a small picture, width: half}",
                             "{type: image, src: large.png, alt: a large picture, width: half}"))
    Image.new("L", (600, 300), 90).save(root / "small.png")   # 182 ppi across 237 pt
    Image.new("L", (1000, 500), 90).save(root / "large.png")  # 304 ppi
    warnings = {}
    for profile in ("press", "screen"):
        sink = Sink()
        assert render(Paths(root, LAYOUT, FONTS), sink, profile=profile) is not None, errors_of(sink)
        warnings[profile] = [d.render() for d in sink.warnings]
    (warning,) = warnings["press"]
    assert "00-page.yaml:3:" in warning
    assert "image 'small.png' prints at 182 ppi at its placed width (237 pt)" in warning
    assert "supply it at least 988 pixels wide" in warning
    assert warnings["screen"] == []


def test_unknown_block_type_lists_the_choices(edition: Callable[..., Path]) -> None:
    _, sink = checked_edition(edition(body_page("{type: tabel, caption: x}")))
    (error,) = errors_of(sink)
    assert "block type 'tabel' is not one of:" in error and "did you mean 'table'?" in error


def test_unknown_chart_kind_is_refused_at_its_line_with_the_registered_kinds(edition: Callable[..., Path]) -> None:
    _, sink = checked_edition(edition(body_page("{type: chart, kind: bra, title: T, data: [{label: a, value: 1}]}")))
    (error,) = errors_of(sink)
    assert "00-page.yaml:3:" in error and "'kind': 'bra' is not one of: bar, column, stacked_bar" in error
    assert "did you mean 'bar'?" in error


def test_a_chart_in_another_language_is_asked_for_its_own_alternate_text(edition: Callable[..., Path]) -> None:
    chart = "{type: chart, kind: bar, title: Spenden, %s data: [{label: a, value: 1}]}"
    german = body_page("{type: heading, level: 1, text: Zahlen}", chart % "lang: de,")
    _, sink = checked_edition(edition(german))
    (warning,) = [d.render() for d in sink.warnings]
    assert "00-page.yaml:4:" in warning and "chart 'Spenden' has no 'alt'" in warning and "'de'" in warning
    described = body_page("{type: heading, level: 1, text: Zahlen}", chart % "lang: de, alt: Balkendiagramm,")
    _, sink = checked_edition(edition(described))
    assert not sink.warnings
    english = body_page("{type: heading, level: 1, text: Numbers}", chart % "")
    _, sink = checked_edition(edition(english))
    assert not sink.warnings
