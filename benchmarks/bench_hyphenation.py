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


def build(code: Path, layout: Path, output: Path) -> tuple[float, float]:
    """One build of ``code``'s 2022 edition in a fresh process from the package in ``code``:
    its wall time and its processor time (user and system; on a shared machine the steadier
    of the two, since waiting for the processor does not count)."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(code))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "renderer", "build", str(code / "content" / "2022"), "-o",
                             str(output), "--layout", str(layout), "--fonts", str(ROOT / "fonts"), "--quiet"],
                            cwd=code, env=env, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build from {code} failed:\n{proc.stderr.read() if proc.stderr else ''}")
    return seconds, usage.ru_utime + usage.ru_stime


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
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in cases}
        order = list(cases)
        for n in range(args.rounds):
            for label in order if n % 2 == 0 else reversed(order):
                times[label].append(build(*cases[label]))
    for k, what in ((0, "wall"), (1, "processor")):
        medians = {label: statistics.median(t[k] for t in runs) for label, runs in times.items()}
        for label, runs in times.items():
            values = [t[k] for t in runs]
            print(f"{what:9} {label:16} median {medians[label]:.3f} s  (min {min(values):.3f}, "
                  f"max {max(values):.3f}, {len(values)} runs)")
        on, off = medians["hyphenation on"], medians["hyphenation off"]
        print(f"{what:9} hyphenation costs {100 * (on / off - 1):+.1f}% of the warm build")
        if "code before" in medians:
            print(f"{what:9} against the code before: {100 * (on / medians['code before'] - 1):+.1f}%")


if __name__ == "__main__":
    main()
