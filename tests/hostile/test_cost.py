"""Hostile sizes: no content file of 1 MB or less takes more than seconds or 1 GB to build.

Each case is built by the command line in a process of its own, stopped after a time limit
far above what a linear build takes (one or two seconds) and far below what the quadratic
builds took (minutes, or forever)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

LIMIT_S = 30
LIMIT_RSS_MB = 1024

MANIFEST = """\
title: Costly Report
organisation: Test Organisation
year: 2022
published: "2023-04-01"
pages: [01-page.yaml]
"""


def words(n: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    return " ".join("".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(2, 9)))
                    for _ in range(n))


def paragraph(text: str) -> str:
    return f"  - type: paragraph\n    text: {json.dumps(text)}\n"


def chart(label: str, kind: str = "bar") -> str:
    return (f"  - type: chart\n    kind: {kind}\n    title: Chart\n    format: number\n"
            f"    data: [{{label: {json.dumps(label)}, value: 3}}, {{label: other, value: 4}}]\n")


@dataclass(frozen=True)
class Case:
    name: str
    blocks: Callable[[], str]
    check: Callable[[Path], None] = lambda out: None
    code: int = 0  # 1: over a bound on text (renderer/model/convert.py), refused at its line in time


def small_map(out: Path) -> None:
    assert out.with_suffix(".layout.json").stat().st_size < 5_000_000


CASES = [
    # Over the bounds on one text (50,000 characters) or one word (300): refused, in seconds.
    Case("one paragraph of 900 KB", lambda: paragraph(words(140_000)[:900_000]), code=1),
    Case("a paragraph of one 900,000-character word", lambda: paragraph("x" * 900_000), code=1),
    Case("a word of 40,000 characters with soft hyphens", lambda: paragraph("abc\u00ad" * 40_000), code=1),
    Case("a sub-heading of 20,000 words",
         lambda: f"  - type: heading\n    level: 2\n    text: {json.dumps(words(20_000))}\n", code=1),
    Case("a chart label of one 100,000-character word", lambda: chart("x" * 100_000), code=1),
    Case("a donut label of one 100,000-character word", lambda: chart("x" * 100_000, "donut"), code=1),
    # Within the bounds, at their limits: built in linear time.
    Case("eighteen paragraphs of 50,000 characters split over pages",
         lambda: "".join(paragraph(words(8_000, seed=i)[:49_990]) for i in range(18))),
    Case("a paragraph of 300-character words with soft hyphens",
         lambda: paragraph(" ".join(["abc\u00ad" * 75] * 160))),
    Case("a chart label of 300-character words", lambda: chart(" ".join(["x" * 300] * 150))),
    Case("34,000 paragraphs of the same word (their ids)", lambda: "- {type: paragraph, text: a}\n" * 34_000),
    Case("a table of 20,000 rows over 500 pages",
         lambda: "  - type: table\n    id: t\n    caption: C\n    columns:\n      - {key: a, label: A}\n"
                 "      - {key: b, label: B}\n    rows:\n" + "".join(f"      - [r{i}, {i}]\n" for i in range(20_000))),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_size_builds_in_seconds_and_bounded_memory(case: Case, tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "manifest.yaml").write_text(MANIFEST)
    page = "template: body\nblocks:\n" + case.blocks()
    assert len(page.encode()) <= 1_000_000
    (edition / "01-page.yaml").write_text(page)
    out = tmp_path / "out" / "report.pdf"
    seconds, rss_mb, proc = _build(edition, out)
    assert proc.returncode == case.code, proc.stderr.read() if proc.stderr else ""
    assert seconds < LIMIT_S and rss_mb < LIMIT_RSS_MB
    case.check(out)


def _build(edition: Path, out: Path) -> tuple[float, float, subprocess.Popen[str]]:
    """Build in a child process: its wall time and peak resident memory (killed at the limit)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "renderer", "build", str(edition), "-o", str(out), "--quiet"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    timer = threading.Timer(LIMIT_S, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory, not all children's
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if seconds >= LIMIT_S:
        pytest.fail(f"the build took more than {LIMIT_S} s")
    return seconds, usage.ru_maxrss / 1024, proc
