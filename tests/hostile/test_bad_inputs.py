"""Bad content, careless or hostile: a clear error at its line, exit code 1, no traceback, and
the last good PDF left exactly as it was."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from renderer.cli import main
from tests.conftest import FONTS, LAYOUT

MANIFEST = """\
title: Hostile Report
organisation: Test Organisation
year: 2022
published: "2023-04-01"
pages: [01-page.yaml]
"""

PAGE = """\
template: body
blocks:
  - type: heading
    level: 1
    text: Section
  - type: paragraph
    text: In 2022 we assisted with {=cases.total.total} cases.
  - type: table
    id: cases
    caption: Cases
    columns:
      - {key: type, label: Case Type}
      - {key: active, label: Active}
      - {key: resolved, label: Resolved}
      - {key: total, label: Total, sum_of: [active, resolved]}
    rows:
      - [Runaway, 2999, 22347, 25346]
      - [Family Abduction, 316, 923, 1239]
    total: {label: Grand Total, values: [3315, 23270, 26585]}
  - type: figure
    ref: cases.total.total
    label: cases
"""


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Path], None]
    where: str          # "file:line" the message must name
    message: str        # a fragment of the message


def replace(old: str, new: str, file: str = "01-page.yaml") -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / file
        text = path.read_text()
        assert old in text, old
        path.write_text(text.replace(old, new, 1))
    return change


def write(file: str, content: str | bytes) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        data = content.encode() if isinstance(content, str) else content
        (root / file).write_bytes(data)
    return change


def symlink(file: str, target: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / file).unlink(missing_ok=True)
        os.symlink(target, root / file)
    return change


def huge_jpeg(file: str) -> Callable[[Path], None]:
    """A small JPEG whose header claims 30,000 × 30,000 pixels (reportlab would embed it as is)."""
    def change(root: Path) -> None:
        import io

        from PIL import Image
        buf = io.BytesIO()
        Image.new("RGB", (16, 16), "navy").save(buf, format="JPEG")
        data = bytearray(buf.getvalue())
        sof = data.index(b"\xff\xc0")
        data[sof + 5:sof + 9] = (30000).to_bytes(2, "big") * 2
        (root / file).write_bytes(bytes(data))
    return change


def truncated_png(file: str) -> Callable[[Path], None]:
    """A PNG cut off half-way: its header reads, its pixels do not."""
    def change(root: Path) -> None:
        import io

        from PIL import Image
        buf = io.BytesIO()
        Image.effect_noise((200, 200), 60).convert("RGB").save(buf, format="PNG")
        (root / file).write_bytes(buf.getvalue()[:len(buf.getvalue()) // 2])
    return change


def both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        for c in changes:
            c(root)
    return change


BOMB = "a0: &a0 [lol]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i-1}'] * 9)}]\n" for i in range(1, 10))

CASES = [
    Case("malformed yaml", replace("    level: 1\n", "    level: [1\n"), "01-page.yaml:5", "invalid YAML"),
    Case("tab indentation", replace("    level: 1\n", "\tlevel: 1\n"), "01-page.yaml:4", "invalid YAML"),
    Case("wrong type", replace("level: 1", "level: two"), "01-page.yaml:4", "expected a whole number, got 'two'"),
    Case("unknown key", replace("    label: cases", "    lable: cases"), "01-page.yaml:22", "did you mean 'label'"),
    Case("unknown block type", replace("type: figure", "type: figuer"), "01-page.yaml:20", "did you mean 'figure'"),
    Case("missing required key", replace("    caption: Cases\n", ""), "01-page.yaml:8", "missing key 'caption'"),
    Case("duplicate key", replace("    level: 1\n", "    level: 1\n    level: 2\n"), "01-page.yaml:5",
         "duplicate key 'level'"),
    Case("missing page file", replace("pages: [01-page.yaml]", "pages: [01-page.yaml, 02-gone.yaml]", "manifest.yaml"),
         "manifest.yaml:5", "'02-gone.yaml' does not exist"),
    Case("page listed twice", replace("pages: [01-page.yaml]", "pages: [01-page.yaml, 01-page.yaml]", "manifest.yaml"),
         "manifest.yaml:5", "listed more than once"),
    Case("no manifest", lambda root: (root / "manifest.yaml").unlink(), "manifest.yaml:1", "no manifest.yaml"),
    Case("bad date", replace('"2023-04-01"', '"April 2023"', "manifest.yaml"), "manifest.yaml:1", "is not a date"),
    Case("broken total", replace("values: [3315, 23270, 26585]", "values: [3315, 23270, 26595]"),
         "01-page.yaml:19", "typed as 26,595 but the rows add up to 26,585"),
    Case("broken row sum", replace("[Runaway, 2999, 22347, 25346]", "[Runaway, 2999, 22347, 25347]"),
         "01-page.yaml:17", "total is 25,347 but 2,999 + 22,347 = 25,346"),
    Case("thousands separator", replace("[Runaway, 2999,", "[Runaway, '2,999',"), "01-page.yaml:17",
         "expected a number, got '2,999'"),
    Case("european thousands", replace("[Runaway, 2999,", "[Runaway, 2.999,"), "01-page.yaml:17",
         "expected a whole number, got '2.999'"),
    Case("unknown reference", replace("{=cases.total.total}", "{=cases.totl.total}"), "01-page.yaml:7",
         "names no number"),
    Case("unknown figure ref", replace("    ref: cases.total.total", "    ref: case.total.total"), "01-page.yaml:21",
         "names no number"),
    Case("unclosed bold", replace("In 2022 we", "In **2022 we"), "01-page.yaml:7", "unclosed bold"),
    Case("javascript link", replace("we assisted", "[click](javascript:alert(1)) assisted"), "01-page.yaml:7",
         "is not allowed"),
    Case("file link", replace("we assisted", "[x](file:///etc/passwd) assisted"), "01-page.yaml:7", "is not allowed"),
    Case("image path escape",
         replace("  - type: figure\n", "  - {type: image, src: ../../../etc/passwd, alt: x}\n  - type: figure\n"),
         "01-page.yaml:20", "leads outside"),
    Case("image absolute path",
         replace("  - type: figure\n", "  - {type: image, src: /etc/passwd, alt: x}\n  - type: figure\n"),
         "01-page.yaml:20", "must be a path relative"),
    Case("image device file",
         replace("  - type: figure\n", "  - {type: image, src: zero.png, alt: x}\n  - type: figure\n"),
         "01-page.yaml:20", "leads outside"),
    Case("page symlink out", symlink("01-page.yaml", "/etc/hostname"), "manifest.yaml:5", "leads outside"),
    Case("alias bomb", write("01-page.yaml", BOMB), "01-page.yaml:1", "aliases are not allowed"),
    Case("deep nesting", write("01-page.yaml", "blocks: " + "[" * 25_000 + "]" * 25_000 + "\n"), "01-page.yaml:1",
         "nesting deeper than"),
    Case("huge file", write("01-page.yaml", "blocks: []\nx: '" + "a" * 50_000_000 + "'\n"), "01-page.yaml:1",
         "content files are limited"),
    Case("not utf-8", write("01-page.yaml", b"template: body\nblocks:\n  - {type: paragraph, text: caf\xe9}\n"),
         "01-page.yaml:3", "not UTF-8"),
    Case("python tag", replace("    text: Section", '    text: !!python/object/apply:os.system ["touch /tmp/pwned"]'),
         "01-page.yaml:5", "tags are not allowed"),
    Case("merge key", replace("  - type: heading\n", "  - <<: {type: note}\n    type: heading\n"), "01-page.yaml:3",
         "merge keys"),
    Case("missing glyph", replace("text: Section", "text: Section ✓"), "01-page.yaml:5", "is not in the Lato font"),
    Case("emoji", replace("In 2022 we", "In 2022 🎉 we"), "01-page.yaml:7", "U+1F389"),
    Case("control character pasted into text", replace("text: Section", 'text: "Sec\\btion"'), "01-page.yaml:5",
         "control character U+0008 has no place in text"),
    Case("NUL in text (the font maps it to an empty glyph)", replace(
         "text: In 2022 we assisted with {=cases.total.total} cases.",
         'text: "In 2022\\0 we assisted with {=cases.total.total} cases."'), "01-page.yaml:7",
         "control character U+0000"),
    Case("direction override in text", replace("In 2022 we", "In 2022 \u202e we"), "01-page.yaml:7",
         "character (U+202E RIGHT-TO-LEFT OVERRIDE) is not in the Lato font"),
    Case("terminal escape in a key", replace("    text: Section", '    "te\\x1b[2Jxt": Section'), "01-page.yaml:5",
         "unknown key 'te\\x1b[2Jxt'"),
    Case("control character in the printed title", replace("title: Hostile Report", 'title: "Hostile\\x1b[31m"',
         "manifest.yaml"), "manifest.yaml:1", "'title': control character U+001B"),
    Case("unknown template", replace("template: body", "template: bodyy"), "01-page.yaml:1", "is not defined"),
    Case("bad id", replace("id: cases", "id: Cases Table"), "01-page.yaml:9", "must be lowercase"),
    Case("duplicate id", replace("    ref: cases.total.total\n", "    id: cases\n    ref: cases.total.total\n"),
         "01-page.yaml:21", "duplicate id 'cases'"),
    Case("blocks not a list", write("01-page.yaml", "template: body\nblocks: hello\n"), "01-page.yaml:2",
         "expected a list"),
    Case("empty page file", write("01-page.yaml", ""), "01-page.yaml:1", "missing key 'blocks'"),
    Case("chart unknown table", replace("  - type: figure\n", "  - {type: chart, kind: bar, title: x, from_table: "
         "{table: cases2, columns: [active]}}\n  - type: figure\n"), "01-page.yaml:20", "no table with id 'cases2'"),
    Case("chart text column", replace("  - type: figure\n", "  - {type: chart, kind: bar, title: x, from_table: "
         "{table: cases, columns: [type]}}\n  - type: figure\n"), "01-page.yaml:20", "has no numeric column 'type'"),
    Case("sum of an unknown column", replace("sum_of: [active, resolved]", "sum_of: [active, resolvd]"),
         "01-page.yaml:15", "'sum_of': no column 'resolvd'"),
    Case("chart negative height", replace("  - type: figure\n", "  - {type: chart, kind: bar, title: x, height: -40, "
         "from_table: {table: cases, columns: [active]}}\n  - type: figure\n"), "01-page.yaml:20",
         "'height': must be more than 0, got -40"),
    Case("huge jpeg", both(huge_jpeg("big.jpg"), replace("  - type: figure\n",
         "  - {type: image, src: big.jpg, alt: x}\n  - type: figure\n")), "01-page.yaml:20", "far too large"),
    Case("image name with a NUL", replace("  - type: figure\n", '  - {type: image, src: "a\\x00b.png", alt: x}\n'
         "  - type: figure\n"), "01-page.yaml:20", "image name 'a\\x00b.png' holds a control character"),
    Case("truncated png", both(truncated_png("cut.png"), replace("  - type: figure\n",
         "  - {type: image, src: cut.png, alt: x}\n  - type: figure\n")), "01-page.yaml:20",
         "image 'cut.png' cannot be read: image file is truncated"),
    Case("table wider than the page", replace("  - type: figure\n",
                                              "  - {type: table, id: wide, caption: Wide, columns: ["
         + ", ".join(f"{{key: c{i}, label: Column{i}}}" for i in range(40)) + "], rows: [["
         + ", ".join(["x"] + [str(10_000_000 + i) for i in range(39)]) + "]]}\n  - type: figure\n"),
         "01-page.yaml:20", "wider than its column"),
    Case("unfittable cell", replace("[Family Abduction,", "['" + "word " * 2500 + "',"), "01-page.yaml:8",
         "cannot fit on any page"),
]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    root = tmp_path_factory.mktemp("good")
    (root / "manifest.yaml").write_text(MANIFEST)
    (root / "01-page.yaml").write_text(PAGE)
    out = root.parent / "good.pdf"
    assert main(["build", str(root), "-o", str(out), "-q", "--layout", str(LAYOUT), "--fonts", str(FONTS)]) == 0
    return root, out.read_bytes()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_at_its_line_and_nothing_changes(
        case: Case, good: tuple[Path, bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "edition"
    shutil.copytree(good[0], root)
    os.symlink("/dev/zero", root / "zero.png")
    out = tmp_path / "out" / "report.pdf"
    out.parent.mkdir()
    out.write_bytes(good[1])
    case.change(root)
    code = main(["build", str(root), "-o", str(out), "--layout", str(LAYOUT), "--fonts", str(FONTS)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    assert "\x1b" not in err and "\u202e" not in err  # quoted content cannot act on the terminal
    assert f"{case.where}:" in err, err
    assert case.message in err, err
    assert out.read_bytes() == good[1]
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.pdf"]
    assert not Path("/tmp/pwned").exists()


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30
