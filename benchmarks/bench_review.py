"""Review benchmarks (medians of several runs, in this process after one warm-up):

- diff of two 24-page renderings of the 2022 report (one number changed) at 100 dpi, with
  the HTML report written;
- previews of the 24 pages at 150 dpi with the contact sheet;
- 240 against 241 pages (one page inserted in the middle), terminal summary.

    .venv/bin/python benchmarks/bench_review.py
"""

from __future__ import annotations

import shutil
import statistics
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
from renderer.review import Side, diff, preview, render_terminal, write_html  # noqa: E402
from renderer.review.align import align  # noqa: E402
from renderer.review.pdftext import read_texts  # noqa: E402


def render(edition: Path, out: Path) -> Path:
    sink = Sink()
    assert build(Paths(edition, ROOT / "layout", ROOT / "fonts"), out, sink) is not None, sink.items
    return out


def timed(label: str, fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<52} median {median:6.2f} s   min {min(times):6.2f} s", flush=True)
    return median


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        old = render(ROOT / "content/2022", tmp / "old" / "r.pdf")
        edited = tmp / "edited"
        shutil.copytree(ROOT / "content/2022", edited)
        page = edited / "03-missing-children.yaml"
        page.write_text(page.read_text().replace("value: 110153", "value: 110513"))
        new = render(edited, tmp / "new" / "r.pdf")
        timed("diff 24 vs 24 pages at 100 dpi, HTML report", lambda: write_html(
            diff(Side.of(old), Side.of(new)), tmp / "report" / "report.html"), 5)
        timed("preview 24 pages at 150 dpi with contact sheet", lambda: preview(old, tmp / "preview", None, 150), 5)
        big = synthetic.write(tmp / "syn240", 240)
        big_old = render(big, tmp / "big-old" / "r.pdf")
        (big / "extra.yaml").write_text("template: body\nblocks:\n  - {type: heading, level: 2, text: Inserted}\n"
                                        "  - {type: paragraph, text: A page that was not there before.}\n")
        manifest = (big / "manifest.yaml").read_text().replace("  - 0120.yaml\n", "  - extra.yaml\n  - 0120.yaml\n")
        (big / "manifest.yaml").write_text(manifest)
        big_new = render(big, tmp / "big-new" / "r.pdf")
        result = diff(Side.of(big_old), Side.of(big_new))
        print(render_terminal(result).splitlines()[0])
        timed("diff 240 vs 241 pages (one inserted) at 100 dpi", lambda: diff(Side.of(big_old), Side.of(big_new)), 3)
        a = [t.fingerprint for t in read_texts(big_old, None)]
        b = [t.fingerprint for t in read_texts(big_new, None)]
        timed("  of which the page alignment alone", lambda: align(a, b), 3)


if __name__ == "__main__":
    main()
