"""The designer's loop as seen in the browser: from the save of a file to the new picture of
the changed page on the preview page, under ``impact-report watch``.

    .venv/bin/python benchmarks/bench_preview.py            # 15 saves of each kind
    .venv/bin/python benchmarks/bench_preview.py --runs 5

A watch process runs on a copy of the 2022 edition and of ``layout/`` (chart cache warm after
its first build), with its preview open in Debian's Chromium (driven by Playwright, headless).
Each save rewrites a file whole, as an editor does. Three times are taken for each save, from
one clock (the wall clock; the page reports its own times as ``performance.timeOrigin +
performance.now()``):

- the write, in this process, just before it;
- the PDF on disk: the output path is a new file (``write_together`` renames a complete file
  into place);
- the page told: the build's event has reached the page;
- the picture seen: the page has swapped in the decoded new picture of every page it fetched
  again, and the browser is drawing the frame that shows it (``requestAnimationFrame``).

Saves: a one-paragraph edit (a year in the first body paragraph of ``01-our-2022-impact.yaml``,
one page changes) and a layout change that touches every page (the ``navy`` palette colour).
Medians, with the watch's own figure for the pictures ("preview in N ms": from the PDF in
memory to the pictures published, which the time from the PDF on disk to the picture seen
includes, with the event, the fetch, the decode and the frame).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import watching  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SAVES = (("one-paragraph edit", Path("2022") / "01-our-2022-impact.yaml", ("In 1984", "In 1985")),
         ("palette colour (every page)", Path("layout") / "theme.yaml",
          ('navy:       {rgb: "#0E2A53"', 'navy:       {rgb: "#0E2A54"')))
SEEN = """([generation, since]) => Number(document.body.dataset.generation) >= generation &&
  document.body.dataset.refetched.split(",").every(n => (window.shownAt[n] || 0) > since)"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    if CHROMIUM is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        proc, output = watching.start(folder)
        watch = watching.Lines(proc)
        try:
            watch.wait(1)  # the first build: charts drawn, cache filled
            url = re.search(r"http://127\.0\.0\.1:\d+/", "".join(watch.lines)).group(0)  # type: ignore[union-attr]
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_context(bypass_csp=True, viewport={"width": 1400, "height": 1000}).new_page()
                page.goto(url)
                page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
                time.sleep(1.5)  # the watcher is live
                for name, path, pair in SAVES:
                    measure(name, folder / path, pair, output, watch, page, runs)
                browser.close()
        finally:
            proc.send_signal(2)
            proc.wait(timeout=30)


def measure(name: str, path: Path, pair: tuple[str, str], output: Path, watch: watching.Lines, page: Any,
            runs: int) -> None:
    to_pdf, to_seen, saves, own, told = [], [], [], [], []
    for k in range(runs):
        old, new = pair if k % 2 == 0 else pair[::-1]
        text = path.read_text(encoding="utf-8")
        assert old in text, (path, old)
        before = output.stat().st_ino
        count = watch.rebuilt() + 1
        start = time.time()
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        while output.stat().st_ino == before:
            time.sleep(0.001)
        on_disk = time.time()
        line = watch.wait(count)
        generation = count  # the page's generation counts the builds, the first included
        page.wait_for_function(SEEN, arg=[generation, start * 1000], timeout=60_000)
        seen = page.evaluate("Math.max(...document.body.dataset.refetched.split(',').map(n => window.shownAt[n]))")
        told.append(page.evaluate("window.toldAt") / 1000 - on_disk)
        to_pdf.append(on_disk - start)
        to_seen.append(seen / 1000 - on_disk)
        saves.append(seen / 1000 - start)
        own.append(float(re.search(r"preview in (\d+) ms", line).group(1)) / 1000)  # type: ignore[union-attr]
        time.sleep(0.3)
    pages = page.evaluate("document.body.dataset.refetched").count(",") + 1
    print(f"{name} ({pages} page{'s' if pages > 1 else ''} fetched again): save → picture seen "
          f"{ms(saves)} (min {min(saves) * 1000:.0f}, max {max(saves) * 1000:.0f}); save → PDF on disk "
          f"{ms(to_pdf)}; PDF on disk → picture seen {ms(to_seen)} (max {max(to_seen) * 1000:.0f}), of which "
          f"the watch's pictures {ms(own)} and PDF on disk → the page told {ms(told)}; {runs} saves")


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


if __name__ == "__main__":
    main()
