"""Shared helpers: tiny editions written to a temporary folder, built in-process."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from renderer.build import Paths, render
from renderer.diagnostics import Sink
from renderer.paginate import Rendering

ROOT = Path(__file__).resolve().parent.parent
LAYOUT = ROOT / "layout"
FONTS = ROOT / "fonts"
EDITION_2022 = ROOT / "content" / "2022"
EDITION_2020 = ROOT / "content" / "2020"

#: Where the project's layout/templates.yaml starts its press: block (the file's last).
PRESS_BLOCK = "\npress:"


def set_press(templates: Path, block: str) -> None:
    """Give the copy of ``templates.yaml`` at ``templates`` another press: block (``block``
    starts with ``press:``), in place of the project's."""
    text = templates.read_text(encoding="utf-8")
    assert PRESS_BLOCK in text, "layout/templates.yaml no longer ends with its press: block"
    templates.write_text(text[:text.index(PRESS_BLOCK)] + "\n" + block, encoding="utf-8")


MANIFEST = """\
title: Test Report
organisation: Test Organisation
year: 2022
published: "2023-04-01"
pages: [{pages}]
"""


def write_edition(root: Path, pages: dict[str, str], manifest: str | None = None) -> Path:
    """Write an edition: ``pages`` maps file names to YAML text (dedented), in order."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "manifest.yaml").write_text(manifest or MANIFEST.format(pages=", ".join(pages)), encoding="utf-8")
    for name, text in pages.items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def body_page(*blocks: str, template: str = "body") -> str:
    """A page file from block snippets, each a YAML mapping in flow or block style."""
    lines = [f"template: {template}", "blocks:"]
    for block in blocks:
        block = textwrap.dedent(block).strip("\n")
        first, *rest = block.splitlines()
        lines.append("  - " + first)
        lines.extend("    " + line for line in rest)
    return "\n".join(lines) + "\n"


def render_edition(root: Path, strict: bool = False, cache: Path | None = None) -> tuple[Rendering | None, Sink]:
    sink = Sink()
    return render(Paths(root, LAYOUT, FONTS), sink, chart_cache=cache, strict=strict), sink


@pytest.fixture
def edition(tmp_path: Path) -> Callable[..., Path]:
    def make(*pages: str, names: list[str] | None = None) -> Path:
        names = names or [f"{i:02d}-page.yaml" for i in range(len(pages))]
        return write_edition(tmp_path / "edition", dict(zip(names, pages)))
    return make


@pytest.fixture(scope="session")
def theme():  # type: ignore[no-untyped-def]
    from renderer.theme import load_theme
    sink = Sink()
    loaded = load_theme(LAYOUT, FONTS, sink)
    assert loaded is not None, [d.render() for d in sink]
    return loaded


def checked_edition(root: Path):  # type: ignore[no-untyped-def]
    """Load and check an edition; returns (Checked | None, sink)."""
    from renderer.validate import check_edition
    sink = Sink()
    return check_edition(root, LAYOUT, FONTS, sink), sink


def compose_page(root: Path):  # type: ignore[no-untyped-def]
    """Compose every block of a checked edition; returns (flowables, context)."""
    from renderer.blocks import ComposeContext, compose_block
    checked, sink = checked_edition(root)
    assert checked is not None, [d.render() for d in sink]
    ctx = ComposeContext(checked.edition, checked.theme, checked.quantities, checked.theme.frame_width)
    flowables = [f for page in checked.edition.pages for b in page.blocks for f in compose_block(b, ctx)]
    return flowables, ctx


def pdf_text(pdf: bytes) -> list[str]:
    """The text of each page, as a reader's copy-paste would give it."""
    import io

    import pypdf
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def straight_quotes(text: str) -> str:
    """``text`` with typographic quotes turned back into typewriter ones, to compare printed
    text with the content it came from."""
    return text.translate({0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"'})


def errors_of(sink: Sink) -> list[str]:
    return [d.render() for d in sink.errors]


def poppler_text(pdf: bytes) -> list[str]:
    """The text of each page as poppler's pdftotext reads it (``-layout``: one printed line a
    line, a hyphen at a line's end kept), an extractor independent of the engine."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True,
                             capture_output=True, text=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (its own browser download cannot work here)."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium")
        pytest.skip("chromium is not installed here (CI installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()
