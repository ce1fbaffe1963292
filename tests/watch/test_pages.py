"""The preview's pictures: only pages whose drawing changed are drawn again, the result equals
drawing every page afresh, and a changed page says where it changed."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from renderer.build import Paths, render
from renderer.diagnostics import Sink
from renderer.layoutmap import LayoutMap
from renderer.watch import pages
from renderer.watch.pages import PagePicture, changed_pages, page_keys, picture_pages
from tests.conftest import FONTS, LAYOUT

from .conftest import CASE, edit


@pytest.fixture
def copy(tmp_path: Path) -> tuple[Path, Path]:
    edition, layout = tmp_path / "edition", tmp_path / "layout"
    shutil.copytree(CASE, edition)
    shutil.copytree(LAYOUT, layout)
    return edition, layout


def rendered(edition: Path, layout: Path) -> tuple[bytes, LayoutMap]:
    sink = Sink()
    rendering = render(Paths(edition, layout, FONTS), sink)
    assert rendering is not None, [d.render() for d in sink]
    return rendering.pdf, rendering.layout_map


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The 0-based pages drawn by pdfium, in order."""
    calls: list[int] = []
    real: Callable[..., Any] = pages.render_page

    def counting(doc: Any, i: int, dpi: float, *rest: Any) -> Any:
        calls.append(i)
        return real(doc, i, dpi, *rest)

    monkeypatch.setattr(pages, "render_page", counting)
    return calls


def same_pictures(a: tuple[PagePicture, ...], b: tuple[PagePicture, ...]) -> bool:
    return [(p.digest, p.png, p.label, p.width, p.height) for p in a] == \
           [(p.digest, p.png, p.label, p.width, p.height) for p in b]


def test_only_the_edited_page_is_drawn_again_and_it_equals_a_fresh_drawing(copy: tuple[Path, Path],
                                                                            drawn: list[int]) -> None:
    edition, layout = copy
    first = picture_pages(rendered(edition, layout)[0])
    assert drawn == [0, 1, 2]
    edit(edition / "table.yaml", "[Family Abduction, 316", "[Family Abductions, 316")
    pdf, layout_map = rendered(edition, layout)
    drawn.clear()
    second = picture_pages(pdf, first)
    assert drawn == [2]
    assert changed_pages(first, second) == (3,)
    assert same_pictures(second, picture_pages(pdf))  # as if every page were drawn afresh

    # the changed region is the row's label, inside the table's row, and nowhere else
    (region,) = second[2].regions
    table = next(b for b in layout_map.pages[2].blocks if b.type == "table" and b.rows)
    row = next(r for r in table.rows if r.label == "Family Abductions")
    assert row.bbox[0] - 1 <= region[0] and region[2] <= (row.bbox[0] + row.bbox[2]) / 2, (region, row.bbox)
    assert row.bbox[1] - 6 <= region[1] and region[3] <= row.bbox[3] + 6, (region, row.bbox)
    assert second[0].regions == second[1].regions == ()


def test_a_restyle_draws_every_page_again_and_outlines_where_it_shows(copy: tuple[Path, Path],
                                                                      drawn: list[int]) -> None:
    edition, layout = copy
    first = picture_pages(rendered(edition, layout)[0])
    edit(layout / "theme.yaml", 'navy:       {rgb: "#0E2A53"', 'navy:       {rgb: "#2A0E53"')
    pdf, _ = rendered(edition, layout)
    drawn.clear()
    second = picture_pages(pdf, first)
    assert drawn == [0, 1, 2]
    assert changed_pages(first, second) == (1, 2, 3)
    assert same_pictures(second, picture_pages(pdf))
    assert all(p.regions for p in second)
    assert all(len(p.regions) <= pages.MAX_REGIONS for p in second)


def test_a_page_is_drawn_again_when_only_something_it_uses_changed(copy: tuple[Path, Path]) -> None:
    """The key covers what a page uses, not only its content stream: a picture, a form, a font
    changed under the same name changes the key of the pages that use it, and of no other."""
    pdf = rendered(*copy)[0]
    before = page_keys(pdf)
    assert page_keys(pdf) == before and len(set(before)) == len(before)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        fonts = doc.pages[2].obj.Resources.Font
        name = next(iter(fonts.keys()))
        font = fonts[name]
        shared = [i for i, p in enumerate(doc.pages) if any(f.objgen == font.objgen for f in
                                                           p.obj.Resources.Font.values())]
        font.Widths[0] = font.Widths[0] + 100  # the same content streams, a font drawn wider
        out = io.BytesIO()
        doc.save(out)
    after = page_keys(out.getvalue())
    assert [i for i in range(len(before)) if before[i] != after[i]] == shared
    assert 2 in shared


def test_the_regions_of_the_build_before_are_not_carried_over(copy: tuple[Path, Path]) -> None:
    edition, layout = copy
    first = picture_pages(rendered(edition, layout)[0])
    edit(edition / "body.yaml", "Hope is why we're here.", "Hope is why we are all here.")
    second = picture_pages(rendered(edition, layout)[0], first)
    assert changed_pages(first, second) == (2,) and second[1].regions
    edit(edition / "table.yaml", "[Family Abduction, 316", "[Family Abductions, 316")
    third = picture_pages(rendered(edition, layout)[0], second)
    assert changed_pages(second, third) == (3,)
    assert third[1].regions == () and third[2].regions
