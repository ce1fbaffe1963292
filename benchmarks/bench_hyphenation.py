"""What hyphenation costs the 2022 warm build: interleaved fresh-process builds, medians.

    .venv/bin/python benchmarks/bench_hyphenation.py                 # 15 rounds
    .venv/bin/python benchmarks/bench_hyphenation.py --rounds 5
    .venv/bin/python benchmarks/bench_hyphenation.py --base DIR      # also a checkout of the code before

Each round builds the 2022 edition once with the layout as it is (hyphenation on) and once
with a copy of ``layout/`` that turns it off (``typography: hyphenation: {enabled: false}``),
in alternating order, so that the machine's drifts (the machine is shared) fall on both
alike. Both caches are warm: the charts' and the hyphenation points'. ``--base`` adds a third
build per round from another checkout of the package (the code before hyphenation, say),
run with its own ``layout/`` and ``content/``. The target: hyphenation on costs at most 5% of the build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(code: Path, layout: Path, output: Path) -> float:
    """One build of ``code``'s 2022 edition in a fresh process from the package in ``code``;
    its wall time."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(code))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "renderer", "build", str(code / "content" / "2022"), "-o",
                           str(output), "--layout", str(layout), "--fonts", str(ROOT / "fonts"), "--quiet"],
                          cwd=code, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build from {code} failed:\n{proc.stderr}")
    return seconds


def without_hyphenation(tmp: Path) -> Path:
    layout = tmp / "layout-off"
    shutil.copytree(ROOT / "layout", layout)
    theme = layout / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    assert "\ntypography:\n" in text and "hyphenation:" not in text.split("\ntypography:\n", 1)[1]
    theme.write_text(text.replace("\ntypography:\n", "\ntypography:\n  hyphenation: {enabled: false}\n"),
                     encoding="utf-8")
    return layout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--base", type=Path, help="a checkout of the package to compare with, run with its layout/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        cases = {"hyphenation on": (ROOT, ROOT / "layout", tmp / "on" / "r.pdf"),
                 "hyphenation off": (ROOT, without_hyphenation(tmp), tmp / "off" / "r.pdf")}
        if args.base:
            cases["code before"] = (args.base, args.base / "layout", tmp / "base" / "r.pdf")
        for code, layout, output in cases.values():  # warm the caches (charts, hyphenation points)
            output.parent.mkdir(parents=True)
            build(code, layout, output)
            build(code, layout, output)
        times: dict[str, list[float]] = {label: [] for label in cases}
        order = list(cases)
        for n in range(args.rounds):
            for label in order if n % 2 == 0 else reversed(order):
                times[label].append(build(*cases[label]))
    medians = {label: statistics.median(t) for label, t in times.items()}
    for label, t in times.items():
        print(f"{label:16} median {medians[label]:.3f} s  (min {min(t):.3f}, max {max(t):.3f}, {len(t)} runs)")
    off = medians["hyphenation off"]
    print(f"hyphenation costs {100 * (medians['hyphenation on'] / off - 1):+.1f}% of the warm build")
    if "code before" in medians:
        print(f"against the code before: {100 * (medians['hyphenation on'] / medians['code before'] - 1):+.1f}%")


if __name__ == "__main__":
    main()
