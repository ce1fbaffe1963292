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
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import watching  # noqa: E402

PARAGRAPH = ("01-our-2022-impact.yaml", "In 1984", ("In 1984", "In 1985"))
COLOUR = ("theme.yaml", 'navy:       {rgb: "#0E2A53"', ('navy:       {rgb: "#0E2A53"', 'navy:       {rgb: "#0E2A54"'))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        proc, output = watching.start(folder)
        watch = watching.Lines(proc)
        try:
            watch.wait(1)  # first build: charts drawn, cache filled
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
                    seen = watch.rebuilt()
                    used = watching.cpu_seconds(proc.pid)
                    start = time.perf_counter()
                    path.write_text(text.replace(old, new, 1), encoding="utf-8")
                    while output.stat().st_ino == before:
                        time.sleep(0.001)
                    saves.append(time.perf_counter() - start)
                    cpu.append(watching.cpu_seconds(proc.pid) - used)
                    line = watch.wait(seen + 1)
                    own.append(float(re.search(r"PDF written in (\d+) ms", line).group(1)) / 1000)  # type: ignore[union-attr]
                    time.sleep(0.3)
                print(f"{name}: save → PDF on disk {statistics.median(saves) * 1000:.0f} ms "
                      f"(min {min(saves) * 1000:.0f}, max {max(saves) * 1000:.0f}); "
                      f"the rebuild itself {statistics.median(own) * 1000:.0f} ms; processor time "
                      f"{statistics.median(cpu) * 1000:.0f} ms; {runs} saves")
        finally:
            proc.send_signal(2)
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
