"""A watch process left alone, and a watch process saved at a thousand times.

    .venv/bin/python benchmarks/bench_watch_steady.py                    # 60 s idle, 1,000 rebuilds
    .venv/bin/python benchmarks/bench_watch_steady.py --idle 10 --rebuilds 100

A watch process runs on a copy of the 2022 edition and of ``layout/`` (chart cache warm after
its first build), as in ``bench_watch.py``.

- Idle: after the first build, nothing is saved for ``--idle`` seconds; the processor time the
  watch process and its children used in that time (from ``/proc``), as a share of one core.
- Memory: ``--rebuilds`` saves, each waited for. Nine in ten are a one-paragraph edit that
  writes a number never written before (so no two saves have the same bytes: whatever is
  kept by the bytes of a file would grow if it were never let go), one in ten a palette colour
  that every page and chart uses (so the theme is read again and charts are drawn again). The
  resident memory of the watch process (and of its chart workers, apart) every 100 rebuilds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import watching  # noqa: E402

PAGE = "01-our-2022-impact.yaml"
COLOURS = ('navy:       {rgb: "#0E2A53"', 'navy:       {rgb: "#0E2A54"')
TICK = os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--idle", type=float, default=60.0, help="seconds left alone")
    parser.add_argument("--rebuilds", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        proc, _ = watching.start(folder)
        watch = watching.Lines(proc)
        try:
            watch.wait(1, 300)  # the first build: charts drawn, cache filled
            time.sleep(2.0)     # the watcher is live, the first build's garbage collected
            idle(proc.pid, args.idle)
            rebuilds(proc.pid, folder, watch, args.rebuilds)
        finally:
            proc.send_signal(2)
            proc.wait(timeout=60)


def idle(pid: int, seconds: float) -> None:
    before, start = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    used, took = cpu_seconds(pid) - before, time.monotonic() - start
    print(f"idle: {used:.2f} s of processor time in {took:.0f} s ({used / took * 100:.2f}% of one core), "
          f"watch process and children")


def rebuilds(pid: int, folder: Path, watch: watching.Lines, count: int) -> None:
    page, theme = folder / "2022" / PAGE, folder / "layout" / "theme.yaml"
    text = page.read_text(encoding="utf-8")
    assert "In 1984" in text, "the paragraph to edit is not in the page file"
    rows = []
    start = time.monotonic()
    for k in range(1, count + 1):
        seen = watch.rebuilt()
        if k % 10 == 0:
            old, new = COLOURS if k % 20 == 10 else COLOURS[::-1]
            theme_text = theme.read_text(encoding="utf-8")
            assert old in theme_text
            theme.write_text(theme_text.replace(old, new, 1), encoding="utf-8")
        else:
            page.write_text(text.replace("In 1984", f"In {100000 + k}", 1), encoding="utf-8")
        line = watch.wait(seen + 1)
        if "error" in line:
            raise SystemExit(f"rebuild {k} failed: {line}")
        if k == 1 or k % 100 == 0:
            rows.append((k, rss_mb(pid), sum(rss_mb(c) for c in children(pid))))
    took = time.monotonic() - start
    print(f"memory over {count:,} rebuilds ({took:.0f} s): rebuild, watch RSS MB, chart workers' RSS MB")
    for k, own, workers in rows:
        print(f"  {k:5d}  {own:6.1f}  {workers:6.1f}")


def cpu_seconds(pid: int) -> float:
    """User and system time of ``pid`` and its children, living and reaped."""
    total = 0.0
    for p in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
        total += (utime + stime + cutime + cstime) / TICK
    return total


def children(pid: int) -> list[int]:
    """Every descendant of ``pid``."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = [int(c) for t in Path(f"/proc/{p}/task").iterdir()
                    for c in (t / "children").read_text().split()]
        except OSError:
            continue
        out += kids
        todo += kids
    return out


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


if __name__ == "__main__":
    main()
