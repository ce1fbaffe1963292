"""The PDF and the layout map on disk belong to the same build: under builds racing to one
output, under a build killed at any moment, and after a killed build has left its temporary
files; and the review tools refuse a pair that does not belong together (exit 2)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from renderer import buildid
from renderer.review.layout import LayoutMapError, load_layout
from tests.conftest import FONTS, LAYOUT, ROOT

NAMES = ("alpha", "beta", "gamma", "delta")


def tiny_edition(root: Path, name: str) -> Path:
    """An edition whose title, text and page count differ from the others'."""
    root.mkdir(parents=True)
    (root / "manifest.yaml").write_text(f'title: Report {name}\norganisation: Test\nyear: 2022\n'
                                        f'published: "2023-04-01"\npages: [01-page.yaml]\n')
    words = " ".join([name] * 400 * (NAMES.index(name) + 1))
    (root / "01-page.yaml").write_text(f"template: body\nblocks:\n  - type: heading\n    level: 1\n"
                                       f"    text: {name}\n  - type: paragraph\n    text: {words}\n")
    return root


def build_command(edition: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "renderer", "build", str(edition), "-o", str(out), "--quiet",
            "--layout", str(LAYOUT), "--fonts", str(FONTS)]


def build(edition: Path, out: Path) -> None:
    proc = subprocess.run(build_command(edition, out), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "renderer", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def map_of(pdf: Path) -> Path:
    return pdf.with_suffix(".layout.json")


def same_build(pdf: Path) -> bool:
    """The map records the build id the PDF carries, and the reader takes it."""
    recorded = json.loads(map_of(pdf).read_text()).get(buildid.KEY)
    return recorded is not None and recorded == buildid.read(pdf.read_bytes()) and load_layout(pdf) is not None


def leftovers(folder: Path) -> list[str]:
    """Temporary files in ``folder``: anything but the outputs, the chart cache and the lock."""
    keep = {".chart-cache", ".impact-report.lock"}
    return sorted(p.name for p in folder.iterdir() if p.name not in keep and p.suffix not in (".pdf", ".json"))


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, bytes, bytes]]:
    """Each edition, and the PDF and map a build of it alone writes."""
    base = tmp_path_factory.mktemp("pairing")
    out: dict[str, tuple[Path, bytes, bytes]] = {}
    for name in NAMES:
        edition = tiny_edition(base / name, name)
        pdf = base / "alone" / name / "report.pdf"
        build(edition, pdf)
        out[name] = (edition, pdf.read_bytes(), map_of(pdf).read_bytes())
    assert len({pdf for _, pdf, _ in out.values()}) == len(NAMES)
    return out


def which(editions: dict[str, tuple[Path, bytes, bytes]], pdf: Path) -> tuple[str | None, str | None]:
    """The editions whose build wrote the PDF and the map now on disk."""
    pdf_bytes, map_bytes = pdf.read_bytes(), map_of(pdf).read_bytes()
    return (next((n for n, (_, p, _) in editions.items() if p == pdf_bytes), None),
            next((n for n, (_, _, m) in editions.items() if m == map_bytes), None))


def test_four_builds_racing_to_one_output_leave_a_pdf_and_map_of_one_build(
        editions: dict[str, tuple[Path, bytes, bytes]], tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.pdf"
    for round_ in range(20):
        procs = [subprocess.Popen(build_command(editions[name][0], out), cwd=ROOT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True) for name in NAMES]
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
        pdf_from, map_from = which(editions, out)
        assert pdf_from is not None and pdf_from == map_from, f"round {round_}: PDF of {pdf_from}, map of {map_from}"
        assert same_build(out)
        assert leftovers(out.parent) == []


def test_a_build_killed_at_any_moment_leaves_the_old_pair_the_new_pair_or_a_pair_readers_refuse(
        editions: dict[str, tuple[Path, bytes, bytes]], tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.pdf"
    rnd = random.Random(14)
    old, new = editions["alpha"][0], editions["delta"][0]
    start = time.perf_counter()
    build(new, out)
    whole = time.perf_counter() - start  # how long a build takes here: kills land all over it
    for _ in range(12):
        build(old, out)
        proc = subprocess.Popen(build_command(new, out), cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.3, 1.1) * whole)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = which(editions, out)
        assert state in {("alpha", "alpha"), ("delta", "delta"), ("alpha", "delta")}, state
        if state[0] != state[1]:  # the map was renamed into place, the PDF not yet
            with pytest.raises(LayoutMapError, match="does not belong"):
                load_layout(out)
        else:
            assert same_build(out)
    build(new, out)
    assert which(editions, out) == ("delta", "delta") and same_build(out) and leftovers(out.parent) == []
    assert not still_running(str(out)), "a killed build's chart workers are still running"


def still_running(marker: str, wait: float = 5.0) -> list[int]:
    """Processes whose command line names ``marker`` (forked workers keep their parent's),
    after giving them ``wait`` seconds to end."""
    deadline = time.monotonic() + wait
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
        if not found or time.monotonic() > deadline:
            for pid in found:  # not left behind by the test, whatever it found
                os.kill(pid, signal.SIGKILL)
            return found
        time.sleep(0.2)


def test_the_next_build_removes_what_a_killed_build_left_and_publishes_a_pair(
        editions: dict[str, tuple[Path, bytes, bytes]], tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.pdf"
    build(editions["alpha"][0], out)
    # A build killed between the two renames: its map is in place, its PDF still temporary.
    map_of(out).write_bytes(editions["beta"][2])
    (out.parent / ".report.pdf.k1ll3d.impact-report-tmp").write_bytes(editions["beta"][1][:1000])
    (out.parent / ".report.layout.json.x7q2ab.impact-report-tmp").write_bytes(b'{"version":')
    with pytest.raises(LayoutMapError, match="does not belong"):
        load_layout(out)
    build(editions["gamma"][0], out)
    assert which(editions, out) == ("gamma", "gamma") and same_build(out)
    assert leftovers(out.parent) == []


@pytest.mark.parametrize("command", ["diff", "preview"])
def test_diff_and_preview_refuse_a_pdf_beside_the_map_of_another_build(
        command: str, editions: dict[str, tuple[Path, bytes, bytes]], tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "report.pdf", tmp_path / "b" / "report.pdf"
    build(editions["alpha"][0], a)
    build(editions["beta"][0], b)
    map_of(a).write_bytes(map_of(b).read_bytes())
    args = ["diff", str(a), str(b)] if command == "diff" else ["preview", str(a), "-o", str(tmp_path / "png")]
    result = run_cli(*args)
    assert result.returncode == 2, result.stderr
    assert f"layout map {map_of(a)} does not belong to {a}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("spoil, message", [
    (lambda path: (path.unlink(), path.mkdir()), "is not a file"),
    (lambda path: path.write_text("[" * 100_000), "nested too deeply"),
], ids=["map path is a folder", "map of 100,000 ["])
def test_a_map_that_is_a_folder_or_nested_too_deeply_is_refused_with_a_message(
        spoil: object, message: str, editions: dict[str, tuple[Path, bytes, bytes]], tmp_path: Path) -> None:
    pdf = tmp_path / "a" / "report.pdf"
    build(editions["alpha"][0], pdf)
    spoil(map_of(pdf))  # type: ignore[operator]
    with pytest.raises(LayoutMapError, match=message):
        load_layout(pdf)
    result = run_cli("diff", str(pdf), str(pdf))
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert os.path.exists(pdf)
