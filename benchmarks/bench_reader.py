"""Reading the content with one process or two: where the second reader pays.

    .venv/bin/python benchmarks/bench_reader.py             # 7 runs of each case
    .venv/bin/python benchmarks/bench_reader.py --runs 15

For synthetic editions of 10, 30, 100, 300 and 1,000 page files, each run reads the edition
(``load_edition``) in a fresh process that has imported the engine first, as a build has; the
two ways are timed in turns (one, two, two, one, ...) so both meet the same load. Printed, as
medians: processor time of both processes together, the share of it this process spent itself
(what a free second core can take off the wall time) and the child's, and wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

SIZES = (10, 30, 100, 300, 1000)

CHILD = r'''
import gc, json, resource, sys, time
from pathlib import Path
import renderer.build  # noqa: F401  (the engine is loaded before the content is read, as in a build)
from renderer.diagnostics import Sink
from renderer.model import edition
gc.disable()  # as the build command runs
two = sys.argv[2] == "two"
edition.PARALLEL_FROM = 2 if two else 10**9
edition._spare_core = lambda: True
def cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
own, theirs, start = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
read = edition.load_edition(Path(sys.argv[1]), Sink())
wall = time.perf_counter() - start
own, theirs = cpu(resource.RUSAGE_SELF) - own, cpu(resource.RUSAGE_CHILDREN) - theirs
assert read is not None
print(json.dumps({"cpu": own + theirs, "self": own, "child": theirs, "wall": wall}))
'''


def one_run(edition: Path, how: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(edition), how], capture_output=True, text=True,
                         cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    results: dict[tuple[int, str], list[dict[str, float]]] = {(n, how): [] for n in SIZES for how in ("one", "two")}
    with tempfile.TemporaryDirectory() as tmp:
        editions = {n: synthetic.write(Path(tmp) / f"syn{n}", n) for n in SIZES}
        for i in range(args.runs):
            for n in SIZES:
                for how in ("one", "two") if i % 2 == 0 else ("two", "one"):
                    results[(n, how)].append(one_run(editions[n], how))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
          f"{args.runs} runs each, medians in ms")
    print(f"{'page files':>10} {'cpu, one':>10} {'cpu, two':>10} {'this':>8} {'second':>8} {'wall, one':>10} "
          f"{'wall, two':>10}")
    for n in SIZES:
        def med(how: str, key: str, n: int = n) -> float:
            return statistics.median(r[key] for r in results[(n, how)]) * 1000
        print(f"{n:>10} {med('one', 'cpu'):>10.1f} {med('two', 'cpu'):>10.1f} {med('two', 'self'):>8.1f} "
              f"{med('two', 'child'):>8.1f} {med('one', 'wall'):>10.1f} {med('two', 'wall'):>10.1f}")


if __name__ == "__main__":
    main()
