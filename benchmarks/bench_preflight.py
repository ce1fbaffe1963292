"""Preflight of the 24-page 2022 report in the press profile (median of 7 runs), and the cost
of the press build against the screen build (whole processes, medians of 5).

    .venv/bin/python benchmarks/bench_preflight.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from renderer.preflight import preflight  # noqa: E402


def build(profile: str, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "renderer", "build", "content/2022", "-o", str(out), "-q",
                    "--profile", profile], cwd=ROOT, check=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build("screen", out / "screen.pdf")  # fills the chart cache
        screen = statistics.median(build("screen", out / "screen.pdf") for _ in range(5))
        press = statistics.median(build("press", out / "press.pdf") for _ in range(5))
        print(f"screen build {screen:.2f} s, press build {press:.2f} s: press / screen = {press / screen:.2f}")
        times = []
        for _ in range(7):
            start = time.perf_counter()
            report = preflight(out / "press.pdf")
            times.append(time.perf_counter() - start)
        print(f"preflight of {report.pages} pages, {len(report.checks)} checks, {len(report.findings)} findings: "
              f"median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
