"""Edits a reviewer makes to the 2022 report, each of a kind the diff once got wrong: every
change a reader could see is reported with the content that caused it, and nothing else is.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from renderer.build import Paths, build
from renderer.diagnostics import Sink
from renderer.review import DiffResult, Side, diff, render_json, render_terminal
from tests.conftest import EDITION_2022, FONTS, LAYOUT, body_page, set_press, write_edition

from .conftest import render

SECTIONS_BODY_PAGES = 17  # body pages of 2022 carry the running header (the organisation)


@dataclass(frozen=True)
class Copy:
    """A copy of the 2022 edition with its layout and fonts, to edit."""

    root: Path

    @property
    def edition(self) -> Path:
        return self.root / "content" / "2022"

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def render(self) -> Path:
        out = self.root / "out" / "r.pdf"
        sink = Sink()
        paths = Paths(self.edition, self.root / "layout", self.root / "fonts")
        assert build(paths, out, sink, chart_cache=self.root.parent / "chart-cache") is not None, \
            [d.render() for d in sink]
        return out


def copy_of_2022(where: Path) -> Copy:
    shutil.copytree(EDITION_2022, where / "content" / "2022")
    shutil.copytree(LAYOUT, where / "layout")
    shutil.copytree(FONTS, where / "fonts")
    return Copy(where)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of_2022(tmp_path_factory.mktemp("base") / "c").render()


def compare(base: Path, tmp_path: Path, change: Callable[[Copy], None]) -> DiffResult:
    edited = copy_of_2022(tmp_path / "c")
    change(edited)
    return diff(Side.of(base), Side.of(edited.render()))


def test_report_title_in_the_running_footer_is_a_change_caused_by_the_manifest(base: Path, tmp_path: Path) -> None:
    result = compare(base, tmp_path, lambda c: c.edit("content/2022/manifest.yaml", "title: Our 2022 Impact",
                                                      "title: Our 2021 Impact"))
    assert result.exit_code == 1 and not result.unexpected
    assert len(result.changed) >= 20  # every page with a running footer
    assert all(any(x.key == "manifest:title" for x in c.causes or ()) for c in result.changed)
    text = render_terminal(result)
    assert f"manifest.yaml:2: title: Our [-2022-] {{+2021+}} Impact — printed on {len(result.changed)} pages" in text
    assert "running header/footer:" in text and "{+2021+}" in text


def test_organisation_in_the_running_header_is_a_change_on_every_body_page(base: Path, tmp_path: Path) -> None:
    result = compare(base, tmp_path, lambda c: c.edit("content/2022/manifest.yaml", "organisation: National",
                                                      "organisation: The National"))
    assert not result.unexpected
    assert len(result.changed) == SECTIONS_BODY_PAGES
    assert {x.key for c in result.changed for x in c.causes or ()} == {"manifest:organisation"}
    assert "manifest.yaml:4: organisation: {+The+} National Center" in render_terminal(result)


def test_footer_template_in_layout_is_a_change_named_at_its_line(base: Path, tmp_path: Path) -> None:
    result = compare(base, tmp_path, lambda c: c.edit("layout/templates.yaml", 'text: "{title}  ·  {section}"',
                                                      'text: "{title}  ·  {year}  ·  {section}"'))
    assert not result.unexpected and len(result.changed) >= 20
    assert [c.key for c in result.look] == ["footer.text"]
    assert "layout/templates.yaml:16: footer.text '{title}  ·  {section}' → '{title}  ·  {year}  ·  {section}'" \
        in render_terminal(result)


def test_palette_colour_moved_by_a_visible_step_is_one_finding_over_every_page(base: Path, tmp_path: Path) -> None:
    result = compare(base, tmp_path, lambda c: c.edit("layout/theme.yaml", '"#0E2A53"', '"#123A6B"'))
    assert len(result.changed) == 24 and not result.unexpected
    groups = result.groups()
    assert len(groups) == 1
    cause, pages = groups[0]
    assert cause is not None and "palette.navy.rgb '#0E2A53' → '#123A6B' (ΔE 5.7)" in cause.text
    assert len(pages) == 24
    assert all(4.5 <= c.max_delta_e <= 7 for c in result.changed)  # what was measured, per page


def test_palette_colour_moved_below_what_an_eye_sees_changes_no_page(base: Path, tmp_path: Path) -> None:
    result = compare(base, tmp_path, lambda c: c.edit("layout/theme.yaml", '"#0E2A53"', '"#0E2A54"'))
    assert result.changed == [] and result.exit_code == 0  # ΔE 0.3
    assert [c.key for c in result.look] == ["palette.navy.rgb"]  # the source change is still told


def test_chart_inside_columns_is_traced_to_the_chart_not_flagged_unexpected(base: Path, tmp_path: Path) -> None:
    def change(c: Copy) -> None:
        c.edit("content/2022/16-actively-traded.yaml", "{label: Female, value: 63}", "{label: Female, value: 64}")
        c.edit("content/2022/16-actively-traded.yaml", "{label: Male, value: 37}", "{label: Male, value: 36}")
    result = compare(base, tmp_path, change)
    assert [c.new for c in result.changed] == [17] and not result.unexpected
    page = result.changed[0]
    assert [x.key for x in page.causes or ()] == ["content:traded-gender"]
    assert {(loc.type, loc.title) for loc in page.locations} == {("chart", "Gender")}
    assert ("63%", "64%") in page.text.numbers


def test_picture_replaced_under_the_same_name_is_a_content_change_naming_the_file(base: Path,
                                                                                   tmp_path: Path) -> None:
    def with_picture(c: Copy, colour: tuple[int, int, int]) -> None:
        (c.edition / "images").mkdir(exist_ok=True)
        Image.new("RGB", (300, 200), colour).save(c.edition / "images" / "team.png")

    def add_picture(c: Copy) -> None:
        with_picture(c, (40, 120, 200))
        c.edit("content/2022/11-team-adam.yaml", "blocks:\n",
               "blocks:\n  - {type: image, src: images/team.png, alt: The team at a search, width: half}\n")

    old = copy_of_2022(tmp_path / "old")
    add_picture(old)
    new = copy_of_2022(tmp_path / "new")
    add_picture(new)
    with_picture(new, (200, 60, 40))
    result = diff(Side.of(old.render()), Side.of(new.render()))
    assert len(result.changed) == 1 and not result.unexpected
    [change] = result.content
    assert change.type == "image" and "images/team.png was replaced by another file of the same name" in \
        change.describe()
    assert result.changed[0].causes and result.changed[0].causes[0].kind == "content"


LONG = ("Through its Team HOPE program, NCMEC connects families of missing children with trained peer volunteers "
        "who have experienced the trauma of a missing child themselves and offer emotional support and guidance "
        "through every stage of the search.")


def test_typo_in_the_middle_of_a_long_paragraph_is_shown_in_its_whole_sentence(base: Path, tmp_path: Path) -> None:
    def change(c: Copy) -> None:
        c.edit("content/2022/11-team-adam.yaml", "blocks:\n",
               f"blocks:\n  - {{type: paragraph, text: \"{LONG} A second sentence follows it.\"}}\n")
    old = copy_of_2022(tmp_path / "old")
    change(old)
    new = copy_of_2022(tmp_path / "new")
    change(new)
    new.edit("content/2022/11-team-adam.yaml", "emotional support", "emotinal support")
    result = diff(Side.of(old.render()), Side.of(new.render()))
    [page] = result.changed
    [sentence] = page.text.sentences
    assert sentence.old == LONG and sentence.new == LONG.replace("emotional", "emotinal")
    assert "[-emotional-] {+emotinal+}" in sentence.marked()
    text = render_terminal(result)
    assert LONG.replace("emotional", "[-emotional-] {+emotinal+}") in text  # not cut at a fixed length
    assert "[-emotional-] {+emotinal+}" in next(c.describe() for c in result.content)


def test_reflow_in_the_2022_report_is_one_cause_with_its_consequences(base: Path, tmp_path: Path) -> None:
    grown = " ".join(["NCMEC's analysts reviewed every case file again this year."] * 30)
    result = compare(base, tmp_path, lambda c: c.edit("content/2022/09-missing-from-care.yaml",
                                                      "      There are many reasons",
                                                      f"      {grown} There are many reasons"))
    [reflow] = result.reflows
    summary = reflow.describe()
    assert "09-missing-from-care.yaml:8 grew by " in summary
    assert "grew by" in summary and " lines" in summary
    assert "pushed to the next page" in summary, summary
    assert not result.unexpected
    assert summary in render_terminal(result)
    # the section after it moved a folio: the build's warning stands at the top of the report
    terminal = render_terminal(result)
    assert terminal.splitlines()[1].startswith("build: ") and "warning: heading" in terminal


def test_heading_reworded_is_one_changed_block_not_one_removed_and_one_added(base: Path, tmp_path: Path) -> None:
    result = compare(base, tmp_path, lambda c: c.edit("content/2022/09-missing-from-care.yaml",
                                                      "text: Children Missing from Care",
                                                      "text: Children Missing From Care"))
    [change] = [c for c in result.content]
    assert change.kind == "changed" and change.type == "heading"
    assert "[-from-] {+From+}" in change.describe()
    assert [c.new for c in result.changed] == [10] and not result.unexpected


def test_json_names_pages_by_folio_and_lists_causes(base: Path, tmp_path: Path) -> None:
    result = compare(base, tmp_path, lambda c: c.edit("content/2022/03-missing-children.yaml", "value: 110153",
                                                      "value: 110513"))
    data = __import__("json").loads(render_json(result))
    [page] = data["changed"]
    assert (page["old"], page["new"], page["folio"]) == (4, 4, 3)
    assert page["causes"][0]["where"].endswith("03-missing-children.yaml:39")
    assert ["110,153", "110,513"] in page["text"]["numbers"]
    assert "page 3 (PDF page 4)" in render_terminal(result)


SENTENCE = "Every case file was reviewed again this year by an analyst. "


def analysts_page(root: Path, sentences: int) -> Path:
    return write_edition(root, {"01-page.yaml": body_page(
        "{type: heading, level: 1, text: Analysts}", f'{{type: paragraph, text: "{SENTENCE * sentences}"}}',
        "{type: figure, value: 21494, label: cases reviewed again}", "{type: paragraph, text: The work goes on.}")})


def test_reflow_that_pushes_a_figure_to_the_next_page_is_one_cause(tmp_path: Path) -> None:
    old = render(analysts_page(tmp_path / "old", 56), tmp_path / "old-out" / "r.pdf")
    new = render(analysts_page(tmp_path / "new", 62), tmp_path / "new-out" / "r.pdf")
    result = diff(Side.of(old), Side.of(new))
    [reflow] = result.reflows
    assert reflow.describe().endswith("01-page.yaml:4 grew by 3 lines; 1 figure pushed to the next page, "
                                      "1 paragraph pushed to the next page")
    assert result.inserted == [2]  # the page the figure and the last paragraph went to
    assert not result.unexpected


def test_font_file_replaced_under_the_same_name_is_a_layout_change_naming_it(base: Path, tmp_path: Path) -> None:
    result = compare(base, tmp_path, lambda c: shutil.copy(c.root / "fonts" / "Lato-Black.ttf",
                                                           c.root / "fonts" / "Lato-Bold.ttf"))
    assert [(c.file, c.key) for c in result.look] == [("fonts/Lato-Bold.ttf", "file")]
    assert result.changed and not result.unexpected
    assert "fonts/Lato-Bold.ttf: replaced" in render_terminal(result)


GS_ICC = Path("/usr/share/color/icc/ghostscript")


def test_printer_profile_replaced_is_a_layout_change_naming_it(tmp_path: Path) -> None:
    if not (GS_ICC / "ps_cmyk.icc").exists():
        if __import__("os").environ.get("CI"):
            pytest.fail("the ICC profiles of Debian's libgs-common are missing; .ci/run installs them")
        pytest.skip("Debian's libgs-common is not installed here (CI installs it)")

    def press(name: str, profile: bytes) -> Path:
        copy = copy_of_2022(tmp_path / name)
        (copy.root / "layout" / "printer.icc").write_bytes(profile)
        set_press(copy.root / "layout" / "templates.yaml",
                  "press:\n  standard: PDF/X-1a:2001\n  icc_profile: printer.icc\n")
        (copy.edition / "images").mkdir()
        Image.new("RGB", (600, 400), (40, 160, 90)).save(copy.edition / "images" / "team.png")
        copy.edit("content/2022/11-team-adam.yaml", "blocks:\n",
                  "blocks:\n  - {type: image, src: images/team.png, alt: The team at a search, width: half}\n")
        out = copy.root / "out" / "r.pdf"
        sink = Sink()
        paths = Paths(copy.edition, copy.root / "layout", copy.root / "fonts")
        assert build(paths, out, sink, profile="press", chart_cache=tmp_path / "cache") is not None, \
            [d.render() for d in sink]
        return out

    profile = (GS_ICC / "default_cmyk.icc").read_bytes()
    # the same tables with another creation date (ICC header bytes 24-35): another file, the same colours
    redated = profile[:24] + bytes([0x07, 0xEA, 0, 12, 0, 1, 0, 0, 0, 0, 0, 0]) + profile[36:]
    assert redated != profile
    result = diff(Side.of(press("old", profile)), Side.of(press("new", redated)))
    assert [(c.file, c.key) for c in result.look] == [("layout/printer.icc", "file")]
    assert "layout/printer.icc: replaced" in render_terminal(result)
    assert not result.unexpected
