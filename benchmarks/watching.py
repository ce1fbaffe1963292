"""A watch process on a copy of the 2022 edition, for the watch benchmarks: started, and its
stderr read as it comes (one line per rebuild, with "→")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(folder: Path) -> tuple[subprocess.Popen[str], Path]:
    """``impact-report watch`` on copies of ``content/2022`` and ``layout/`` in ``folder``; the
    process and the PDF it writes."""
    shutil.copytree(ROOT / "content" / "2022", folder / "2022")
    shutil.copytree(ROOT / "layout", folder / "layout")
    output = folder / "out" / "report.pdf"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1680307200"}
    proc = subprocess.Popen([sys.executable, "-m", "renderer", "watch", "2022", "-o", str(output), "--layout",
                             "layout", "--fonts", str(ROOT / "fonts"), "--port", "0"],
                            cwd=folder, env=env, stderr=subprocess.PIPE, text=True)
    return proc, output


class Lines:
    """The watch's stderr, read in a thread of its own; counts the rebuild lines."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._arrived = threading.Condition()
        self._proc = proc
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self._proc.stderr is not None
        for line in self._proc.stderr:
            with self._arrived:
                self.lines.append(line)
                self._arrived.notify_all()

    def rebuilt(self) -> int:
        """How many builds have finished (the first included)."""
        return sum("→" in line for line in self.lines)

    def wait(self, count: int, timeout: float = 120) -> str:
        """The ``count``-th rebuild line (the first build's is the first)."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while self.rebuilt() < count:
                if not self._arrived.wait(max(0.0, deadline - time.monotonic())):
                    raise SystemExit(f"watch did not rebuild; it said: {''.join(self.lines)}")
        return [line for line in self.lines if "→" in line][count - 1]


def cpu_seconds(pid: int) -> float:
    """User and system time of the process ``pid`` (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
