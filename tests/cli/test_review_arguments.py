"""Arguments of preview and diff that cannot work are refused with a message and exit code 2,
before anything is rendered: no traceback, and no run that eats the machine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FONTS, LAYOUT, ROOT, body_page, write_edition

from ..review.conftest import render


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("args")
    root = write_edition(tmp / "e", {"01-page.yaml": body_page("{type: paragraph, text: One page.}"),
                                     "02-page.yaml": body_page("{type: paragraph, text: Another page.}")})
    return render(root, tmp / "out" / "r.pdf")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "renderer", *args, "--layout", str(LAYOUT), "--fonts", str(FONTS)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("args", "message"), [
    (["preview", "{pdf}", "--pages", "0"], "pages run from 1 to 2; '0' is not among them"),
    (["preview", "{pdf}", "--pages", "999"], "pages run from 1 to 2; '999' is not among them"),
    (["preview", "{pdf}", "--pages", "1-1000000000"], "'1-1000000000' is not among them"),
    (["preview", "{pdf}", "--pages", "2-1"], "'2-1' is not among them"),
    (["preview", "{pdf}", "--pages", "x"], "it is not like 3-5 or 1,4,7"),
    (["preview", "{pdf}", "--dpi", "0"], "--dpi must be between 10 and 600, not '0'"),
    (["preview", "{pdf}", "--dpi", "-5"], "--dpi must be between 10 and 600"),
    (["preview", "{pdf}", "--dpi", "nan"], "--dpi must be between 10 and 600, not 'nan'"),
    (["preview", "{pdf}", "--dpi", "20000"], "--dpi must be between 10 and 600"),
    (["diff", "{pdf}", "{pdf}", "--dpi", "0"], "--dpi must be between 36 and 300, not '0'"),
    (["diff", "{pdf}", "{pdf}", "--dpi", "inf"], "--dpi must be between 36 and 300"),
    (["diff", "{pdf}", "{pdf}", "--threshold", "2"], "--threshold must be between 0 and 1"),
    (["diff", "{pdf}", "{pdf}", "--delta-e", "-1"], "--delta-e must be between 0 and 100"),
    (["diff", "{pdf}", "{pdf}", "--ignore", "0:nan,0,1,1"], "'0:nan,0,1,1' is not PAGE:X0,Y0,X1,Y1"),
    (["diff", "{pdf}", "{pdf}", "--ignore=-1:0,0,1,1"], "'-1:0,0,1,1' is not PAGE:X0,Y0,X1,Y1"),
    (["diff", "{pdf}", "{pdf}", "--ignore", "1:5,0,1,1"], "with X0 < X1 and Y0 < Y1"),
    (["diff", "{pdf}", "{pdf}", "--ignore", "1:0,0,1"], "'1:0,0,1' is not PAGE:X0,Y0,X1,Y1"),
])
def test_argument_that_cannot_work_is_refused_with_exit_2(pdf: Path, args: list[str], message: str) -> None:
    result = run(*[a.replace("{pdf}", str(pdf)) for a in args])
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_page_too_large_to_render_at_the_resolution_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas
    huge = tmp_path / "huge.pdf"
    c = canvas.Canvas(str(huge), pagesize=(14400, 14400))
    c.drawString(100, 100, "a very large page")
    c.save()
    result = run("preview", str(huge), "--dpi", "300", "-o", str(tmp_path / "p"))
    assert result.returncode == 2 and "too large to render at 300 dpi" in result.stderr
    assert not (tmp_path / "p" / "page-001.png").exists()


def test_the_last_page_and_a_range_still_render(pdf: Path, tmp_path: Path) -> None:
    result = run("preview", str(pdf), "--pages", "2,1-2", "--dpi", "40", "-o", str(tmp_path / "p"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "p").glob("page-*.png")) == ["page-001.png", "page-002.png"]
