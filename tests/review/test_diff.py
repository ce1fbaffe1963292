"""The diff as a reviewer relies on it: every change, where it came from, and nothing else."""

from __future__ import annotations

from pathlib import Path

import yaml

from renderer.review import Side, diff, render_json
from tests.conftest import LAYOUT

from .conftest import render, variant


def edit_manifest(root: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = root / "manifest.yaml"
    data = yaml.safe_load(path.read_text())
    data["pages"] = change(data["pages"])
    path.write_text(yaml.safe_dump(data))


def test_identical_renderings_report_nothing(baseline: tuple[Path, Path], tmp_path: Path) -> None:
    root, pdf = baseline
    again = render(root, tmp_path / "again" / "again.pdf")
    result = diff(Side.of(pdf), Side.of(again))
    assert result.exit_code == 0
    assert not (result.changed or result.inserted or result.removed or result.moved or result.content)


def test_one_number_in_a_table_is_that_page_and_that_row(baseline: tuple[Path, Path], tmp_path: Path) -> None:
    root, pdf = baseline
    new = variant(tmp_path, root, "edit")
    text = (new / "04-page.yaml").read_text()
    text = text.replace("[TX, 338, 2806]", "[TX, 340, 2806]").replace("values: [345, 2874]", "values: [347, 2874]")
    (new / "04-page.yaml").write_text(text)
    result = diff(Side.of(pdf), Side.of(render(new, tmp_path / "edit-out" / "edit.pdf")))
    assert result.exit_code == 1
    assert [(c.old, c.new) for c in result.changed] == [(5, 5)]
    change = result.changed[0]
    assert ("338", "340") in change.text.numbers and ("345", "347") in change.text.numbers
    rows = {(loc.row, loc.where.rsplit("/", 1)[-1]) for loc in change.locations}
    line_tx = next(i for i, line in enumerate(text.splitlines(), 1) if "[TX," in line)
    assert ("TX", f"04-page.yaml:{line_tx}") in rows
    assert change.expected is True
    assert [c.describe() for c in result.content if c.type == "table"][0].startswith(
        "table 'Cases by state': row TX changed: 338 → 340")
    assert not result.inserted and not result.removed and not result.moved


def test_inserted_page_is_one_insertion_and_the_rest_only_renumbered(baseline: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    root, pdf = baseline
    new = variant(tmp_path, root, "insert")
    (new / "04b-new.yaml").write_text("template: body\nblocks:\n  - {type: heading, level: 2, text: A new page}\n"
                                       "  - {type: paragraph, text: Entirely new words about something else.}\n")
    edit_manifest(new, lambda p: p[:5] + ["04b-new.yaml"] + p[5:])
    result = diff(Side.of(pdf), Side.of(render(new, tmp_path / "insert-out" / "insert.pdf")))
    assert result.inserted == [6]
    assert not result.removed and not result.moved
    assert result.changed == [], [(c.old, c.new, c.text) for c in result.changed]
    renumbered = dict(result.renumbered)
    assert renumbered.get(2) == 2          # the contents page: its entries renumbered
    assert renumbered.get(6) == 7 and renumbered.get(9) == 10   # later folios


def test_removed_page_is_reported_as_removed(baseline: tuple[Path, Path], tmp_path: Path) -> None:
    root, pdf = baseline
    new = variant(tmp_path, root, "remove")
    edit_manifest(new, lambda p: [x for x in p if x != "05-page.yaml"])
    result = diff(Side.of(pdf), Side.of(render(new, tmp_path / "remove-out" / "remove.pdf")))
    assert result.removed == [6]
    assert not result.inserted and not result.changed and not result.moved


def test_swapped_pages_are_reported_as_moved(baseline: tuple[Path, Path], tmp_path: Path) -> None:
    root, pdf = baseline
    new = variant(tmp_path, root, "swap")
    edit_manifest(new, lambda p: p[:6] + [p[7], p[6]] + p[8:])
    result = diff(Side.of(pdf), Side.of(render(new, tmp_path / "swap-out" / "swap.pdf")))
    assert len(result.moved) == 1 and set(result.moved[0]) == {7, 8}
    assert not result.inserted and not result.removed and not result.changed


def test_colour_change_in_layout_changes_every_page_that_uses_it(baseline: tuple[Path, Path],
                                                                  tmp_path: Path) -> None:
    root, pdf = baseline
    layout = tmp_path / "layout"
    import shutil
    shutil.copytree(LAYOUT, layout)
    theme = (layout / "theme.yaml").read_text()
    (layout / "theme.yaml").write_text(theme.replace('orange:     {rgb: "#DF6B1F"', 'orange:     {rgb: "#1F9F3F"'))
    result = diff(Side.of(pdf), Side.of(render(root, tmp_path / "restyle-out" / "restyle.pdf", layout)))
    # Figures (every body page) and the contents numbers use orange; the cover does not.
    assert sorted(c.new for c in result.changed) == list(range(2, 10))
    assert result.look_changed and not result.unexpected


def test_a_change_nothing_explains_is_flagged_unexpected(baseline: tuple[Path, Path], tmp_path: Path) -> None:
    root, pdf = baseline
    new_pdf = render(root, tmp_path / "same" / "same.pdf")
    import pypdf
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(new_pdf))
    writer.pages[3].merge_transformed_page(writer.pages[2], pypdf.Transformation().scale(0.2).translate(300, 300))
    with open(new_pdf, "wb") as fh:
        writer.write(fh)
    result = diff(Side.of(pdf), Side.of(new_pdf))
    assert [(c.old, c.new) for c in result.unexpected] == [(4, 4)]
    assert '"unexpected": [\n    {\n      "old": 4' in render_json(result)
