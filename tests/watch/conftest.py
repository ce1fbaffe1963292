"""A watch process on a copy of a small edition and of layout/, edited as a designer would."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import FONTS, LAYOUT, ROOT

CASE = ROOT / "tests" / "pages" / "cases" / "blocks"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1680307200"}
LINE_TIMEOUT = 60.0  # s: a rebuild takes a fraction of that; the first build draws no chart


@dataclass
class Watching:
    """``impact-report watch`` in a process of its own; its stderr read line by line."""

    edition: Path
    layout: Path
    fonts: Path
    output: Path
    process: subprocess.Popen[str]
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def next_line(self, match: Callable[[str], bool] = lambda s: s.startswith("watch: ")) -> str:
        """The next line of stderr that ``match`` accepts (the lines before it are in ``seen``)."""
        deadline = time.monotonic() + LINE_TIMEOUT
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no such line from watch in {LINE_TIMEOUT} s; it said: {self.seen}") from None
            self.seen.append(line)
            if match(line):
                return line

    def rebuilt(self) -> str:
        """The line of the next rebuild (success or failure)."""
        return self.next_line(lambda s: s.startswith("watch: ") and "→" in s)

    @property
    def url(self) -> str:
        for line in self.seen:
            if m := re.search(r"http://127\.0\.0\.1:\d+/", line):
                return m.group(0)
        raise AssertionError(f"watch named no preview address: {self.seen}")

    def stop(self) -> int:
        """Ctrl-C; its exit code, with the rest of its stderr in ``seen``."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code


def start_watch(tmp_path: Path, *options: str) -> Watching:
    edition, layout, fonts = tmp_path / "edition", tmp_path / "layout", tmp_path / "fonts"
    shutil.copytree(CASE, edition)
    shutil.copytree(LAYOUT, layout)
    shutil.copytree(FONTS, fonts)  # a copy: a test may replace a font file
    output = tmp_path / "out" / "report.pdf"
    process = subprocess.Popen(
        [sys.executable, "-m", "renderer", "watch", str(edition), "-o", str(output), "--layout", str(layout),
         "--fonts", str(fonts), "--port", "0", *options], cwd=tmp_path, env=ENV, stderr=subprocess.PIPE, text=True)
    watching = Watching(edition, layout, fonts, output, process)
    watching.next_line(lambda s: "preview at" in s)
    return watching


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[Watching]:
    w = start_watch(tmp_path)
    try:
        yield w
    finally:
        if w.process.poll() is None:
            w.process.kill()
            w.process.wait()


def cold_build(w: Watching, folder: Path) -> tuple[bytes, bytes]:
    """A fresh ``impact-report build`` of the same files, in a process of its own: (PDF, map)."""
    out = folder / "report.pdf"
    subprocess.run([sys.executable, "-m", "renderer", "build", str(w.edition), "-o", str(out), "--layout",
                    str(w.layout), "--fonts", str(w.fonts), "-q"], cwd=w.edition.parent, env=ENV, check=True)
    return out.read_bytes(), out.with_suffix(".layout.json").read_bytes()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
