"""The designer's loop: from the save of a file to the new PDF on disk, under ``impact-report watch``.

    .venv/bin/python benchmarks/bench_watch.py            # 15 saves of each kind
    .venv/bin/python benchmarks/bench_watch.py --runs 5

A watch process runs on a copy of the 2022 edition and of ``layout/`` (chart cache warm after
its first build). Each save rewrites a file whole, as an editor does; the time runs from just
before the write to the moment the PDF at the output path is a new file (``write_together``
renames a complete file into place, so a new inode means the whole new PDF is there). That
includes the file event's delivery and the watch's wait for more events (STEP_MS). Saves:

- a one-paragraph edit (a word of the first body paragraph of ``01-our-2022-impact.yaml``);
- a layout change that touches every page (the ``navy`` palette colour).

Medians, and the watch's own figure for the same rebuilds ("PDF written in N ms": the
pipeline from reading the files to the renamed PDF), and the processor time the watch process
used from the save to the PDF on disk (from ``/proc``, in clock ticks of 10 ms): on a shared
machine the wall times follow the other work, the processor time much less.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH = ("01-our-2022-impact.yaml", "In 1984", ("In 1984", "In 1985"))
COLOUR = ("theme.yaml", 'navy:       {rgb: "#0E2A53"', ('navy:       {rgb: "#0E2A53"', 'navy:       {rgb: "#0E2A54"'))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(ROOT / "content" / "2022", folder / "2022")
        shutil.copytree(ROOT / "layout", folder / "layout")
        output = folder / "out" / "report.pdf"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1680307200"}
        proc = subprocess.Popen([sys.executable, "-m", "renderer", "watch", "2022", "-o", str(output), "--layout",
                                 "layout", "--fonts", str(ROOT / "fonts"), "--port", "0"],
                                cwd=folder, env=env, stderr=subprocess.PIPE, text=True)
        lines: list[str] = []
        arrived = threading.Event()

        def read() -> None:
            assert proc.stderr is not None
            for line in proc.stderr:
                lines.append(line)
                arrived.set()

        threading.Thread(target=read, daemon=True).start()
        try:
            wait_for(lines, arrived, 1)  # first build: charts drawn, cache filled
            time.sleep(1.5)              # the watcher is live
            for name, (path, _, pair) in (("one-paragraph edit", (folder / "2022" / PARAGRAPH[0], *PARAGRAPH[1:])),
                                          ("palette colour (every page)", (folder / "layout" / COLOUR[0],
                                                                           *COLOUR[1:]))):
                saves, own, cpu = [], [], []
                for k in range(runs):
                    old, new = pair if k % 2 == 0 else pair[::-1]
                    text = path.read_text(encoding="utf-8")
                    assert old in text, (path, old)
                    before = output.stat().st_ino
                    seen = sum("→" in line for line in lines)
                    used = cpu_seconds(proc.pid)
                    start = time.perf_counter()
                    path.write_text(text.replace(old, new, 1), encoding="utf-8")
                    while output.stat().st_ino == before:
                        time.sleep(0.001)
                    saves.append(time.perf_counter() - start)
                    cpu.append(cpu_seconds(proc.pid) - used)
                    line = wait_for(lines, arrived, seen + 1)
                    own.append(float(re.search(r"PDF written in (\d+) ms", line).group(1)) / 1000)  # type: ignore[union-attr]
                    time.sleep(0.3)
                print(f"{name}: save → PDF on disk {statistics.median(saves) * 1000:.0f} ms "
                      f"(min {min(saves) * 1000:.0f}, max {max(saves) * 1000:.0f}); "
                      f"the rebuild itself {statistics.median(own) * 1000:.0f} ms; processor time "
                      f"{statistics.median(cpu) * 1000:.0f} ms; {runs} saves")
        finally:
            proc.send_signal(2)
            proc.wait(timeout=30)


def cpu_seconds(pid: int) -> float:
    """User and system time of the process ``pid`` (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(lines: list[str], arrived: threading.Event, count: int) -> str:
    """The ``count``-th rebuild line."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = [line for line in lines if "→" in line]
        if len(done) >= count:
            return done[count - 1]
        arrived.wait(0.05)
        arrived.clear()
    raise SystemExit(f"watch did not rebuild; it said: {''.join(lines)}")


if __name__ == "__main__":
    main()
