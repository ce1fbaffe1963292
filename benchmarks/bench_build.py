"""Build benchmarks: whole-process wall time and peak memory (medians of several runs).

    .venv/bin/python benchmarks/bench_build.py            # everything below
    .venv/bin/python benchmarks/bench_build.py --quick    # fewer runs
    .venv/bin/python benchmarks/bench_build.py --no-compile  # leave renderer's bytecode as it is

Measured as a user meets it: a fresh ``python -m renderer build`` process each run, its peak
resident memory read from ``getrusage`` of the finished child.

- the 2022 edition, chart cache warm (charts not counted) and cold (cache emptied first);
- synthetic editions of about 10, 100 and 1,000 pages made from the same block types.

First the package's bytecode is compiled, as a normal Python writes it on a first run and as
pip writes it for an installed package: machines that set PYTHONDONTWRITEBYTECODE would
otherwise compile every module of ``renderer`` from source in every run (about 40 ms).
``--no-compile`` skips that step, to measure such a machine with ``__pycache__`` removed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402


def run_build(edition: Path, output: Path) -> tuple[float, float, str]:
    """One build in a fresh process: (seconds, peak MB, the tool's summary line)."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "renderer", "build", str(edition), "-o", str(output)],
                            cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    _, _, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, None) and "wrote" not in stderr:
        raise SystemExit(f"build of {edition} failed:\n{stderr}")
    return seconds, usage.ru_maxrss / 1024, stderr.strip().splitlines()[-1] if stderr.strip() else ""


def measure(label: str, edition: Path, output: Path, runs: int, cold_cache: bool = False) -> dict[str, float]:
    times, peaks, line = [], [], ""
    for _ in range(runs):
        if cold_cache:
            shutil.rmtree(output.parent / ".chart-cache", ignore_errors=True)
        seconds, peak, line = run_build(edition, output)
        times.append(seconds)
        peaks.append(peak)
    result = {"median_s": statistics.median(times), "min_s": min(times), "peak_mb": statistics.median(peaks)}
    print(f"{label:<34} median {result['median_s']:6.2f} s   min {result['min_s']:6.2f} s   "
          f"peak {result['peak_mb']:6.0f} MB   [{line}]", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-compile", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    if not args.no_compile:
        compileall.compile_dir(ROOT / "renderer", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        out.mkdir()
        bytecode = "as found" if args.no_compile else "compiled"
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {runs} runs each; bytecode {bytecode}")
        measure("2022 edition, charts cold", ROOT / "content/2022", out / "r.pdf", runs, cold_cache=True)
        measure("2022 edition, chart cache warm", ROOT / "content/2022", out / "r.pdf", runs)
        per_page = {}
        for pages in (10, 100, 1000):
            edition = synthetic.write(Path(tmp) / f"syn{pages}", pages)
            n = 3 if pages == 1000 else runs
            result = measure(f"synthetic, {pages} page files", edition, out / f"s{pages}.pdf", n)
            line_pages = _pages_of(out / f"s{pages}.pdf")
            per_page[pages] = result["median_s"] / line_pages
            print(f"{'':<34} {line_pages} pages, {per_page[pages] * 1000:.1f} ms per page")
        print(f"time per page at 1,000 / at 100: {per_page[1000] / per_page[100]:.2f}")
    resource.getrusage(resource.RUSAGE_SELF)


def _pages_of(pdf: Path) -> int:
    import pypdf
    return len(pypdf.PdfReader(pdf).pages)


if __name__ == "__main__":
    main()
