"""Review benchmarks (medians of several runs, in this process after one warm-up):

- diff of two 24-page renderings of the 2022 report (one number changed) at 100 dpi, with
  the HTML report and its pictures written;
- previews of the 24 pages at 150 dpi with the contact sheet;
- 240 against 241 pages (one page inserted in the middle), with the HTML report;
- 240 pages where a palette colour changed on every page, with the HTML report: also run once
  as the command a reviewer types, for its peak memory (the process and its workers, sampled)
  and the size of the report folder.

    .venv/bin/python benchmarks/bench_review.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

from renderer.build import Paths, build  # noqa: E402
from renderer.diagnostics import Sink  # noqa: E402
from renderer.review import DiffOptions, Side, diff, pictures_folder, preview, write_html  # noqa: E402


def render(edition: Path, out: Path, layout: Path = ROOT / "layout") -> Path:
    sink = Sink()
    assert build(Paths(edition, layout, ROOT / "fonts"), out, sink) is not None, sink.items
    return out


def timed(label: str, fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<58} median {median:6.2f} s   min {min(times):6.2f} s", flush=True)
    return median


def report(old: Path, new: Path, folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    html = folder / "report.html"
    pictures_folder(html).mkdir(parents=True)
    write_html(diff(Side.of(old), Side.of(new), DiffOptions(pictures=pictures_folder(html))), html)


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        if int(entry.name) == pid or _descends(int(stat[1]), pid):
            rss = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "VmRSS: 0 kB")
            total += int(rss.split()[1]) * 1024
    return total


def _descends(ppid: int, root: int) -> bool:
    while ppid > 1:
        if ppid == root:
            return True
        try:
            ppid = int((Path("/proc") / str(ppid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except OSError:
            return False
    return False


def command_peak(args: list[str]) -> tuple[float, int]:
    """Wall time and peak memory of a command with its worker processes."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.05)
    return time.perf_counter() - start, peak


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        old = render(ROOT / "content/2022", tmp / "old" / "r.pdf")
        edited = tmp / "edited"
        shutil.copytree(ROOT / "content/2022", edited)
        page = edited / "03-missing-children.yaml"
        page.write_text(page.read_text().replace("value: 110153", "value: 110513"))
        new = render(edited, tmp / "new" / "r.pdf")
        timed("diff 24 vs 24 pages (one number), HTML report", lambda: report(old, new, tmp / "r24"), 5)
        timed("preview 24 pages at 150 dpi with contact sheet", lambda: preview(old, tmp / "preview", None, 150), 5)

        big = synthetic.write(tmp / "syn240", 240)
        big_old = render(big, tmp / "big-old" / "r.pdf")
        inserted = tmp / "syn241"
        shutil.copytree(big, inserted)
        (inserted / "extra.yaml").write_text("template: body\nblocks:\n  - {type: heading, level: 2, text: Inserted}\n"
                                             "  - {type: paragraph, text: A page that was not there before.}\n")
        manifest = (inserted / "manifest.yaml").read_text()
        manifest = manifest.replace("  - 0120.yaml\n", "  - extra.yaml\n  - 0120.yaml\n")
        (inserted / "manifest.yaml").write_text(manifest)
        big_new = render(inserted, tmp / "big-new" / "r.pdf")
        timed("diff 240 vs 241 pages (one inserted), HTML report", lambda: report(big_old, big_new, tmp / "r241"), 3)

        layout = tmp / "layout"
        shutil.copytree(ROOT / "layout", layout)
        theme = layout / "theme.yaml"
        theme.write_text(theme.read_text().replace('"#0E2A53"', '"#123A6B"'))
        restyled = render(big, tmp / "big-navy" / "r.pdf", layout)
        timed("diff 240 pages, palette colour changed on all, HTML report",
              lambda: report(big_old, restyled, tmp / "r240"), 3)
        out = tmp / "r240-cli"
        wall, peak = command_peak([str(Path(sys.executable).parent / "impact-report"), "diff", str(big_old),
                                   str(restyled), "-o", str(out), "--quiet"])
        print(f"  as a command: {wall:.2f} s, peak memory {peak / 2**20:.0f} MB (with workers), "
              f"report folder {size(out) / 2**20:.1f} MB, "
              f"report.html {(out / 'report.html').stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1680307200")
    main()
