"""Where a one-shot build's time goes: each stage's time, medians over fresh processes.

    .venv/bin/python benchmarks/bench_stages.py                  # 2022 edition, charts cached
    .venv/bin/python benchmarks/bench_stages.py --runs 21 --pages 1000   # the synthetic edition
    .venv/bin/python benchmarks/bench_stages.py --against ../main  # interleaved with another checkout

Each run is ``python -m renderer build`` in a fresh process, as a user types it, with timers put
around the pipeline's functions from outside (the engine has no timing code of its own): the
child wraps them before the command runs, and reports when the command returns. The parent
times the process from its start to its end, so the interpreter's start (before the first line
of the program) and its end (after the command returned) are measured too, and reads its
processor time (which a busy machine inflates less than the wall time). ``--against``
times another checkout's ``renderer`` in turns with this one (A, B, B, A, ...), so both meet
the same load on a shared machine; stages the other checkout does not have are left blank.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

#: The stages in the order the table prints them, and what each is.
STAGES = {
    "start": "interpreter start (to the program's first line)",
    "import cli": "import renderer.cli",
    "import build": "import renderer.build (the engine, reportlab)",
    "arguments": "the command besides the pipeline (arguments, chart hint, summary)",
    "fonts": "fonts: parse or read the five faces",
    "theme": "layout/ into the theme (without fonts)",
    "content": "content YAML into the model",
    "checks": "the check stage's checks",
    "compose": "compose: blocks into flowables",
    "charts": "chart keys and cached drawings",
    "layout": "layout and drawing (contents, forms, structure)",
    "save": "canvas.save (the PDF's bytes)",
    "compact": "object streams (qpdf through pikepdf)",
    "digest": "build id (hash of the PDF)",
    "map": "layout map to JSON",
    "write": "write PDF and map, fsync, rename",
    "exit": "interpreter end (after the command returned)",
}

# Run in the child: timers around the pipeline's functions, then the command itself.
PROBE = r'''
import json, os, sys, time
T0 = time.perf_counter()
marks = {"first": T0}
spent = {}

def timed(owner, name, stage):
    fn = getattr(owner, name, None)
    if fn is None:
        return
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - t
    setattr(owner, name, wrapper)

t = time.perf_counter()
import renderer.cli as cli
marks["cli"] = time.perf_counter() - t
t = time.perf_counter()
import renderer.build as build
marks["build"] = time.perf_counter() - t
import renderer.validate as validate, renderer.theme as theme, renderer.paginate as paginate
from reportlab.pdfgen.canvas import Canvas
timed(build, "check_edition", "check_edition")
timed(build, "paginate", "paginate")
timed(build, "compact", "compact")
timed(build, "spill", "compact")
timed(build, "pack", "compact")
timed(build, "write_together", "write")
timed(build.buildid, "stamp", "digest")
timed(build.layoutmap, "dumps", "map")
timed(validate, "load_theme", "theme+fonts")
timed(validate, "load_edition", "content")
timed(theme, "register_family", "fonts")
timed(paginate, "build_story", "compose")
timed(paginate.charts, "start", "charts")
timed(Canvas, "save", "save")
timed(Canvas, "getpdfdata", "save")

entry = "_main" if hasattr(cli, "_main") else "main"
command = getattr(cli, entry)
def measured(*args, **kwargs):
    t = time.perf_counter()
    try:
        return command(*args, **kwargs)
    finally:
        end = time.perf_counter()
        spent["command"] = end - t
        marks["end"] = end
        os.write(int(os.environ["STAGE_FD"]), json.dumps({"marks": marks, "spent": spent}).encode())
setattr(cli, entry, measured)
sys.argv = ["impact-report", *sys.argv[1:]]
if hasattr(cli, "run"):
    cli.run()
sys.exit(cli.main())
'''


def one_run(tree: Path, edition: Path, output: Path) -> dict[str, float]:
    """One build in a fresh process; each stage's seconds."""
    read, write = os.pipe()
    env = dict(os.environ, STAGE_FD=str(write), PYTHONPATH=str(tree))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", PROBE, "build", str(edition), "-o", str(output), "-q"],
                            cwd=tree, env=env, pass_fds=(write,), stderr=subprocess.PIPE, text=True)
    os.close(write)
    _, status, usage = os.wait4(proc.pid, 0)
    end = time.perf_counter()
    with os.fdopen(read, "rb") as fh:
        report = json.loads(fh.read() or b"{}")
    stderr = proc.stderr.read() if proc.stderr else ""
    if status != 0 or not report:
        raise SystemExit(f"build of {edition} in {tree} failed:\n{stderr}")
    marks, spent = report["marks"], report["spent"]
    s = spent.get
    stages = {
        "start": marks["first"] - start,
        "import cli": marks["cli"],
        "import build": marks["build"],
        "fonts": s("fonts", 0.0),
        "theme": s("theme+fonts", 0.0) - s("fonts", 0.0),
        "content": s("content", 0.0),
        "checks": s("check_edition", 0.0) - s("theme+fonts", 0.0) - s("content", 0.0),
        "compose": s("compose", 0.0),
        "charts": s("charts", 0.0),
        "save": s("save", 0.0),
        "layout": s("paginate", 0.0) - s("compose", 0.0) - s("charts", 0.0) - s("save", 0.0),
        "compact": s("compact", 0.0),
        "digest": s("digest", 0.0),
        "map": s("map", 0.0),
        "write": s("write", 0.0),
        "exit": end - marks["end"],
    }
    in_build = sum(stages[k] for k in ("fonts", "theme", "content", "checks", "compose", "charts", "save",
                                       "layout", "compact", "digest", "map", "write"))
    # What the command did besides the pipeline: parsing, the chart hint, workers, the summary.
    stages["arguments"] = max(0.0, s("command", 0.0) - in_build)
    stages["total"] = end - start
    stages["cpu"] = usage.ru_utime + usage.ru_stime
    return stages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pages", type=int, default=0, help="a synthetic edition of this many page files")
    parser.add_argument("--edition", type=Path, default=ROOT / "content/2022")
    parser.add_argument("--against", type=Path, default=None, help="another checkout, timed in turns")
    args = parser.parse_args()
    trees = [ROOT] + ([args.against.resolve()] if args.against else [])
    for tree in trees:
        compileall.compile_dir(tree / "renderer", quiet=1)  # as an installed package has it
    with tempfile.TemporaryDirectory() as tmp:
        edition = synthetic.write(Path(tmp) / "syn", args.pages) if args.pages else args.edition.resolve()
        outputs = {tree: Path(tmp) / f"out{i}" / "r.pdf" for i, tree in enumerate(trees)}
        for tree in trees:  # warm the chart cache (and the disk's cache) first
            outputs[tree].parent.mkdir()
            one_run(tree, edition, outputs[tree])
        results: dict[Path, list[dict[str, float]]] = {tree: [] for tree in trees}
        for i in range(args.runs):
            order = trees if i % 2 == 0 else trees[::-1]
            for tree in order:
                results[tree].append(one_run(tree, edition, outputs[tree]))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
          f"{edition.name}; {args.runs} runs each, medians in ms")
    header = f"{'stage':<66}" + "".join(f"{_name(tree):>12}" for tree in trees)
    print(header)
    for key, label in [*STAGES.items(), ("total", "wall time, whole process"),
                       ("cpu", "processor time, whole process (user + system)")]:
        cells = [statistics.median(r[key] for r in results[tree]) * 1000 for tree in trees]
        print(f"{label:<66}" + "".join(f"{c:>12.1f}" for c in cells))


def _name(tree: Path) -> str:
    return "this" if tree == ROOT else tree.name


if __name__ == "__main__":
    main()
