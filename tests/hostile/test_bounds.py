"""Bounds on what a user controls: nesting, positions, markup depth, number and text sizes,
exact sums, layout lengths, fonts, pictures, the environment and the chart cache. Each bad
input is refused with a clear message at its place and exit code 1 (2 for the environment),
no traceback, and the last good PDF is left as it was.

Inputs that used to kill the process (a segfault in the YAML composer) are built in a
subprocess, so a crash fails the test instead of ending pytest."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from renderer.cli import main
from tests.conftest import FONTS, LAYOUT, ROOT
from tests.hostile.test_bad_inputs import MANIFEST, PAGE, both, replace, write

Change = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    name: str
    change: Change      # applied to a sandbox holding edition/, layout/ and fonts/
    where: str          # "file:line" the message must name ("" for none)
    message: str        # a fragment of the message
    code: int = 1
    env: dict[str, str] = field(default_factory=dict)
    strict: bool = False
    subprocess: bool = False  # the input used to crash the interpreter


def page(old: str, new: str) -> Change:
    return replace_in("edition/01-page.yaml", old, new)


def replace_in(file: str, old: str, new: str) -> Change:
    def change(box: Path) -> None:
        replace(old, new, file)(box)
    return change


def write_in(file: str, content: str | bytes) -> Change:
    def change(box: Path) -> None:
        write(file, content)(box)
    return change


def truncated_font(box: Path) -> None:
    path = box / "fonts" / "Lato-Regular.ttf"
    path.write_bytes(path.read_bytes()[:1000])


def png_with_tagless_profile(box: Path) -> None:
    """An RGB PNG whose ICC profile is a 128-byte header and a tag count of 0."""
    from PIL import Image
    header = bytearray(128)
    header[0:4] = (132).to_bytes(4, "big")
    header[12:16], header[16:20], header[20:24], header[36:40] = b"mntr", b"RGB ", b"XYZ ", b"acsp"
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), "red").save(buf, format="PNG", icc_profile=bytes(header) + bytes(4))
    (box / "edition" / "tagless.png").write_bytes(buf.getvalue())


def nested_dashes(n: int) -> str:
    return "template: body\nblocks:\n" + "".join(" " * i + "- \n" for i in range(n))


BIG = "1" + "0" * 30
IMAGE = "  - {type: image, src: tagless.png, alt: x}\n  - type: figure\n"

CASES = [
    # YAML nesting by indentation, not only by brackets; these segfaulted
    Case("100,000 dashes on a line",
         write_in("edition/01-page.yaml", "template: body\nblocks:\n" + "- " * 100_000 + "\n"),
         "01-page.yaml:3", "nesting deeper than 40 levels", subprocess=True),
    Case("nested dashes by indentation", write_in("edition/01-page.yaml", nested_dashes(1_300)), "01-page.yaml:42",
         "nesting deeper than 40 levels", subprocess=True),
    Case("100,000 complex keys in the manifest", write_in("edition/manifest.yaml", "? " * 100_000 + "\n"),
         "manifest.yaml:1", "nesting deeper than 40 levels", subprocess=True),
    Case("nested mappings in the theme", write_in("layout/theme.yaml", "".join(" " * i + "a:\n" for i in range(1_300))),
         "theme.yaml:41", "nesting deeper than 40 levels", subprocess=True),
    # tags and directives
    Case("%TAG directive", page("template: body", "%TAG !e! tag:example.com,2000:\n---\ntemplate: body"),
         "01-page.yaml:1", "%TAG directives are not allowed"),
    Case("!!str tag", page("text: Section", "text: !!str Section"), "01-page.yaml:5",
         "tags are not allowed in content ('!!str')"),
    Case("!!int tag", page("level: 1", "level: !!int 1"), "01-page.yaml:4",
         "tags are not allowed in content ('!!int')"),
    Case("non-specific tag", page("text: Section", "text: ! Section"), "01-page.yaml:5",
         "tags are not allowed in content ('!')"),
    Case("tag in templates.yaml", replace_in("layout/templates.yaml", "gutter: 18", "gutter: !!float 18"),
         "templates.yaml:6", "tags are not allowed"),
    # line positions as the editor shows them
    Case("raw NUL byte", page("text: Section", "text: Sec\x00tion"), "01-page.yaml:5", "control character U+0000"),
    Case("raw escape byte in the manifest", replace_in("edition/manifest.yaml", "title: Hostile", "title: Hos\x1btile"),
         "manifest.yaml:1", "control character U+001B"),
    Case("line separator does not shift later lines", page("text: Section", "text: 'Sec\u2028tion'"),
         "01-page.yaml:5", "line separator (U+2028)"),
    Case("paragraph separator", page("label: cases", "label: 'ca\u2029ses'"), "01-page.yaml:22",
         "paragraph separator (U+2029)"),
    Case("NEL", page("caption: Cases", "caption: 'Ca\x85ses'"), "01-page.yaml:10", "next line (U+0085)"),
    Case("10,000-character heading", page("text: Section", "text: " + "Section " * 1_250),
         "01-page.yaml:5", "heading of 9,999 characters is too long"),
    Case("10,000-character word", page("text: In 2022 we", "text: In " + "w" * 10_000 + " we"),
         "01-page.yaml:7", "a word of 10,000 characters is too long"),
    Case("word in a table cell", page("[Family Abduction,", "['" + "x" * 5_000 + "',"), "01-page.yaml:17",
         "a word of 5,000 characters"),
    Case("60,000-character text", page("text: In 2022 we", "text: In " + "word " * 12_000 + "we"),
         "01-page.yaml:7", "characters is too long (at most 50,000)"),
    # markup nesting
    Case("bold-italic nested 1,200 deep", page("text: In 2022 we assisted with {=cases.total.total} cases.",
                                               'text: "' + "**_" * 600 + '"'),
         "01-page.yaml:7", "markup nested more than 12 levels deep"),
    # number size
    Case("5,001-digit integer", page("level: 1", "level: " + "9" * 5_001), "01-page.yaml:4",
         "a number of 5,001 digits is too long"),
    Case("5,001-digit table cell", page("2999, 22347, 25346", "2999, 22347, " + "9" * 5_001), "01-page.yaml:17",
         "a number of 5,001 digits is too long"),
    Case("5,001-digit year", replace_in("edition/manifest.yaml", "year: 2022", "year: " + "2" * 5_001),
         "manifest.yaml:3", "a number of 5,001 digits"),
    Case("year out of range", replace_in("edition/manifest.yaml", "year: 2022", "year: 99999"),
         "manifest.yaml:3", "'year': must be at most 9999"),
    Case("400-digit length in the theme", replace_in("layout/theme.yaml", "padding_x: 5", "padding_x: 1" + "0" * 400),
         "theme.yaml:77", "a number of 401 digits"),
    # exact sums
    Case("row sum lost in 28-digit rounding", both(
         page("[Runaway, 2999, 22347, 25346]", f"[Runaway, {BIG}, 1, {BIG}]"),
         page("values: [3315, 23270, 26585]", f"values: [{int(BIG) + 316}, 924, {int(BIG) + 1239}]")),
         "01-page.yaml:17", f"but {int(BIG):,} + 1 = {int(BIG) + 1:,}"),
    Case("column total lost in 28-digit rounding", both(
         page("[Runaway, 2999, 22347, 25346]", f"[Runaway, {BIG}, 0, {BIG}]"),
         page("values: [3315, 23270, 26585]", f"values: [{BIG}, 923, {int(BIG) + 1000}]")),
         "01-page.yaml:19", f"the rows add up to {int(BIG) + 316:,}"),
    # lengths in the layout
    Case("padding of 1e30", replace_in("layout/theme.yaml", "padding_x: 5", "padding_x: " + BIG),
         "theme.yaml:77", "'padding_x': must be at most 14400"),
    Case("gutter of 1e25", replace_in("layout/templates.yaml", "gutter: 18", "gutter: 1" + "0" * 25),
         "templates.yaml:6", "'gutter': must be at most 14400"),
    Case("banner height of 1e30", replace_in("layout/theme.yaml", "height: 118", "height: " + BIG),
         "theme.yaml:75", "'height': must be at most 14400"),
    # fonts and pictures
    Case("truncated TrueType font", truncated_font, "theme.yaml:",
         "font file 'Lato-Regular.ttf' is damaged or cut off"),
    Case("picture whose ICC profile has no tags", both(png_with_tagless_profile, page("  - type: figure\n", IMAGE)),
         "01-page.yaml:20", "its colour profile cannot be used", strict=True),
    # the environment: a usage error, said before anything is read
    Case("SOURCE_DATE_EPOCH far in the future", lambda box: None, "", "SOURCE_DATE_EPOCH 99999999999999 is after",
         code=2, env={"SOURCE_DATE_EPOCH": "99999999999999"}),
    Case("SOURCE_DATE_EPOCH in exponent form", lambda box: None, "", "is not a whole number of seconds",
         code=2, env={"SOURCE_DATE_EPOCH": "-1e20"}),
    Case("SOURCE_DATE_EPOCH not a number", lambda box: None, "", "SOURCE_DATE_EPOCH 'abc'",
         code=2, env={"SOURCE_DATE_EPOCH": "abc"}),
    Case("a list of 2,001 items",
         write_in("edition/01-page.yaml", "template: body\nblocks:\n  - type: list\n    items:\n"
                  + "      - a\n" * 2_001), "01-page.yaml:5", "a list holds at most 2,000 items, not 2,001"),
    Case("a table of 20,001 rows",
         write_in("edition/01-page.yaml", "template: body\nblocks:\n  - type: table\n    id: t\n    caption: C\n"
                  "    columns:\n      - {key: a, label: A}\n      - {key: b, label: B}\n    rows:\n"
                  + "".join(f"      - [r{i}, {i}]\n" for i in range(20_001))),
         "01-page.yaml:10", "a table holds at most 20,000 rows, not 20,001"),
    Case("a chart of 501 values",
         write_in("edition/01-page.yaml", "template: body\nblocks:\n  - type: chart\n    kind: bar\n    title: C\n"
                  "    data:\n" + "".join(f"      - {{label: v{i}, value: {i}}}\n" for i in range(501))),
         "01-page.yaml:7", "a chart shows at most 500 values, not 501"),
]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    box = tmp_path_factory.mktemp("good")
    (box / "edition").mkdir()
    (box / "edition" / "manifest.yaml").write_text(MANIFEST)
    (box / "edition" / "01-page.yaml").write_text(PAGE)
    shutil.copytree(LAYOUT, box / "layout")
    shutil.copytree(FONTS, box / "fonts")
    out = box / "good.pdf"
    assert main(command(box, out)) == 0
    return box, out.read_bytes()


def command(box: Path, out: Path, strict: bool = False) -> list[str]:
    return ["build", str(box / "edition"), "-o", str(out), "-q", "--layout", str(box / "layout"),
            "--fonts", str(box / "fonts"), *(["--strict"] if strict else [])]


def run_isolated(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """The CLI in its own process group, killed whole afterwards: a crashed build must not
    leave chart workers holding the pipe open."""
    proc = subprocess.Popen([sys.executable, "-m", "renderer", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, **env},
                            start_new_session=True)
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
    return proc.returncode, err


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_out_of_bounds_input_is_refused_at_its_place(case: Case, good: tuple[Path, bytes], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    box = tmp_path / "box"
    shutil.copytree(good[0], box, ignore=shutil.ignore_patterns("good.pdf", ".chart-cache"))
    out = tmp_path / "out" / "report.pdf"
    out.parent.mkdir()
    out.write_bytes(good[1])
    case.change(box)
    args = command(box, out, case.strict)
    if case.subprocess:
        code, err = run_isolated(args, case.env)
    else:
        for name, value in case.env.items():
            monkeypatch.setenv(name, value)
        code = main(args)
        err = capsys.readouterr().err
    assert code == case.code, err[-2000:]
    assert "Traceback" not in err
    if case.where:
        assert (case.where if case.where.endswith(":") else case.where + ":") in err, err[-2000:]
    assert case.message in err, err[-2000:]
    assert out.read_bytes() == good[1]
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.pdf"]


def test_a_line_separator_leaves_later_line_numbers_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Reported at the line the editor shows, even when it is not the first problem."""
    from renderer.diagnostics import Sink
    from renderer.load import load_yaml
    path = tmp_path / "p.yaml"
    path.write_text("a: 1\nb: 'x\u2028y\u2028z'\nc: 2\n", encoding="utf-8")
    sink = Sink()
    assert load_yaml(path, "p.yaml", sink) is None
    assert [str(d.span) for d in sink] == ["p.yaml:2:6"]
    assert "and 1 more" in sink.errors[0].message


def test_a_corrupt_chart_cache_entry_is_drawn_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An entry whose ops name a font that is not registered is a miss, never replayed."""
    root = tmp_path / "edition"
    root.mkdir()
    (root / "manifest.yaml").write_text(MANIFEST)
    chart = "  - {type: chart, kind: bar, title: x, from_table: {table: cases, columns: [active]}}\n"
    (root / "01-page.yaml").write_text(PAGE.replace("  - type: figure\n", chart + "  - type: figure\n"))
    out = tmp_path / "out" / "report.pdf"
    args = ["build", str(root), "-o", str(out), "--layout", str(LAYOUT), "--fonts", str(FONTS)]
    assert main(args) == 0
    first = out.read_bytes()
    (entry,) = (out.parent / ".chart-cache").glob("*.json")
    data = json.loads(entry.read_text())
    for op in data["ops"]:
        if "t" in op:
            op["f"] = "Not-A-Font"
    entry.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(args) == 0, capsys.readouterr().err
    assert "1 drawn" in capsys.readouterr().err
    assert out.read_bytes() == first
    assert "Not-A-Font" not in entry.read_text()


@pytest.mark.parametrize("ops", [
    [{"t": "x", "x": 0, "y": 0, "f": "Lato", "z": float("nan"), "c": "#000000"}],
    [{"t": "x", "x": 1e300, "y": 0, "f": "Lato", "z": 9, "c": "#000000"}],
    [{"t": "x", "x": 0, "y": 0, "f": "Lato", "z": 9, "c": "black"}],
    [{"p": ["M", 0, 0, "Q", 1, 1]}],
    [{"p": ["M", 0], "f": "#000000"}],
    [{"p": ["L", 0, 0], "s": "#000000", "d": ["a"]}],
    {"not": "a list"},
])
def test_a_cache_entry_this_code_would_not_write_is_not_trusted(ops: object) -> None:
    from renderer.charts.trust import trusted
    assert not trusted(ops, {"Lato"})
    assert trusted([{"t": "x", "x": 0, "y": 0, "f": "Lato", "z": 9, "c": "#000000"}, {"p": ["M", 0, 0, "Z"]}],
                   {"Lato"})


def test_exact_sum_is_exact_where_the_default_context_rounds() -> None:
    from decimal import Decimal

    from renderer.model.numbers import exact_sum
    big = Decimal(BIG)
    assert big + 1 + big == 2 * big  # the default 28 digits lose the 1
    assert exact_sum([big, Decimal(1), big]) == Decimal("2" + "0" * 29 + "1")
    assert exact_sum([Decimal("0.1"), Decimal("0.20")]) == Decimal("0.30")
