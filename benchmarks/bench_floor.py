"""The floor under a one-shot build: what a process costs before the engine does any work.

    .venv/bin/python benchmarks/bench_floor.py            # 21 fresh processes per line
    .venv/bin/python benchmarks/bench_floor.py --runs 41

Each line is a fresh interpreter running one statement, timed from outside (wall and processor
time, medians, the lines interleaved so that all meet the same load): the interpreter alone,
then the libraries a tagged screen build cannot do without (reportlab's platypus, PyYAML,
pikepdf for object streams), then the engine's own import. Two costs inside those imports are
measured in one process each, by wrapping the functions that spend them: the regular
expressions reportlab compiles at import, and the engine's frozen dataclasses, which Python
3.11 builds with one ``exec`` per generated method (CPython gh-109870; 3.13 makes one per
class).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LINES = {
    "python -c pass (the interpreter, with site and the editable install's finder)": "pass",
    "import reportlab.platypus": "import reportlab.platypus",
    "import reportlab.platypus, yaml": "import reportlab.platypus, yaml",
    "import reportlab.platypus, yaml, pikepdf (a tagged build's libraries)": "import reportlab.platypus, yaml, pikepdf",
    "import renderer.cli, renderer.build (the engine and its libraries, not pikepdf)":
        "import renderer.cli, renderer.build",
}

# In one process: the import's regular expressions and dataclasses, by who spends them.
INSIDE = r'''
import dataclasses, json, re, sys, time
spent = {"regex": {}, "dataclasses": 0.0, "classes": 0}
compile_ = re._compile
def timed_compile(pattern, flags):
    t = time.perf_counter()
    try:
        return compile_(pattern, flags)
    finally:
        frame = sys._getframe(1)
        while frame and ("/re/" in frame.f_code.co_filename or "importlib" in frame.f_code.co_filename):
            frame = frame.f_back
        where = frame.f_code.co_filename.rsplit("site-packages/", 1)[-1] if frame else "?"
        spent["regex"][where] = spent["regex"].get(where, 0.0) + time.perf_counter() - t
re._compile = timed_compile
process = dataclasses._process_class
def timed_class(cls, *args, **kwargs):
    t = time.perf_counter()
    try:
        return process(cls, *args, **kwargs)
    finally:
        if cls.__module__.startswith("renderer"):
            spent["dataclasses"] += time.perf_counter() - t
            spent["classes"] += 1
dataclasses._process_class = timed_class
import renderer.cli, renderer.build
print(json.dumps(spent))
'''


def fresh(statement: str) -> tuple[float, float]:
    """Wall and processor seconds of one fresh interpreter running ``statement``."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", statement], cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"failed: python -c {statement!r}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "renderer", quiet=1)  # as an installed package has it
    for statement in LINES.values():
        fresh(statement)  # the disk's cache warm
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in LINES}
    inside: list[dict[str, object]] = []
    for i in range(args.runs):
        order = list(LINES.items()) if i % 2 == 0 else list(LINES.items())[::-1]
        for label, statement in order:
            times[label].append(fresh(statement))
        out = subprocess.run([sys.executable, "-c", INSIDE], cwd=ROOT, capture_output=True, text=True, check=True)
        inside.append(json.loads(out.stdout))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
          f"{args.runs} runs each, medians in ms")
    print(f"{'':<84}{'wall':>8}{'cpu':>8}")
    for label, runs in times.items():
        wall = statistics.median(w for w, _ in runs) * 1000
        cpu = statistics.median(c for _, c in runs) * 1000
        print(f"{label:<84}{wall:>8.1f}{cpu:>8.1f}")
    classes = statistics.median(float(str(r["classes"])) for r in inside)
    dataclass_ms = statistics.median(float(str(r["dataclasses"])) for r in inside) * 1000
    print(f"{f'inside the engine import: creating its {classes:.0f} dataclasses':<84}{dataclass_ms:>8.1f}")
    regex: dict[str, list[float]] = {}
    for r in inside:
        spent = r["regex"]
        assert isinstance(spent, dict)
        for where, seconds in spent.items():
            regex.setdefault(where, []).append(seconds)
    for where, values in sorted(regex.items(), key=lambda kv: -statistics.median(kv[1]))[:4]:
        label = f"inside it: regular expressions compiled by {where}"
        print(f"{label:<84}{statistics.median(values) * 1000:>8.1f}")


if __name__ == "__main__":
    main()
