"""``watch --reveal FILE:LINE``: a line of a page file of the edition, or a usage error (exit 2)
before anything is built or served."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FONTS, LAYOUT

from .conftest import CASE, ENV


def watch(edition: Path, reveal: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "renderer", "watch", str(edition), "-o", str(cwd / "out.pdf"),
                           "--layout", str(LAYOUT), "--fonts", str(FONTS), "--port", "0", "--reveal", reveal],
                          cwd=cwd, env=ENV, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("reveal", "message"), [
    ("{case}/table.yaml", "is not FILE:LINE"),
    ("{case}/table.yaml:", "is not FILE:LINE"),
    ("{case}/table.yaml:0", "is not FILE:LINE"),
    ("{case}/table.yaml:twelve", "is not FILE:LINE"),
    (":12", "is not FILE:LINE"),
    ("{case}/no-such-page.yaml:3", "no-such-page.yaml is not a file"),
    ("{case}:3", "is not a file"),
])
def test_a_bad_reveal_is_a_usage_error(tmp_path: Path, reveal: str, message: str) -> None:
    done = watch(CASE, reveal.format(case=CASE), tmp_path)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_a_file_outside_the_edition_is_refused(tmp_path: Path) -> None:
    done = watch(CASE, f"{LAYOUT / 'theme.yaml'}:3", tmp_path)
    assert done.returncode == 2
    assert f"--reveal {LAYOUT / 'theme.yaml'} is not a file of the edition" in done.stderr
    assert not (tmp_path / "out.pdf").exists()
