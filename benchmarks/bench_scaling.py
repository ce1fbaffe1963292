"""Scaling benchmark: one body page file of 10k and 100k words, 1M words over ten page files
(a content file is limited to 1 MB, about 110k words), and paragraphs as long as a text may be (50,000 characters).

    .venv/bin/python benchmarks/bench_scaling.py            # 5 runs each
    .venv/bin/python benchmarks/bench_scaling.py --quick    # 3 runs each

Each run is a fresh ``python -m renderer check`` or ``build`` process; its peak resident memory
is read from ``wait4`` of the finished child. The words are drawn from a seeded generator, so
few repeat (repeated words would be measured once and flatter the figures).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def words(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(2, 9))) for _ in range(n)]


def page(text_words: list[str], per_paragraph: int) -> str:
    blocks = ["template: body", "blocks:"]
    for at in range(0, len(text_words), per_paragraph):
        blocks.append(f"  - type: paragraph\n    text: {json.dumps(' '.join(text_words[at:at + per_paragraph]))}")
    return "\n".join(blocks) + "\n"


def edition(root: Path, pages: list[str]) -> Path:
    root.mkdir(parents=True)
    names = [f"{i:02d}-body.yaml" for i in range(len(pages))]
    (root / "manifest.yaml").write_text('title: Scaling\norganisation: Benchmark\nyear: 2022\n'
                                        'published: "2023-04-01"\npages: [' + ", ".join(names) + "]\n")
    for name, text in zip(names, pages):
        (root / name).write_text(text)
        assert len(text.encode()) <= 1_000_000, f"{name} is over the 1 MB limit"
    return root


def run(args: list[str]) -> tuple[float, float]:
    """(seconds, peak MB) of one command in a fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "renderer", *args, "--quiet"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024


def measure(label: str, root: Path, out: Path, runs: int) -> None:
    for command in ("check", "build"):
        args = [command, str(root)] + (["-o", str(out)] if command == "build" else [])
        results = [run(args) for _ in range(runs)]
        times, peaks = [r[0] for r in results], [r[1] for r in results]
        print(f"{label:<44} {command:<5} median {statistics.median(times):6.2f} s   "
              f"max {max(times):6.2f} s   peak {max(peaks):5.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    runs = 3 if parser.parse_args().quick else 5
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {runs} runs each")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        cases = [
            ("10k words, one page file, 200-word paragraphs", [page(words(10_000, 1), 200)]),
            ("100k words, one page file, 200-word paragraphs", [page(words(100_000, 2), 200)]),
            ("1M words, ten page files of 100k", [page(words(100_000, 10 + i), 200) for i in range(10)]),
            ("20 paragraphs of about 45,000 characters, near the longest a text may be (900 KB)",
             [page(words(140_000, 3), 7_000)]),
        ]
        for i, (label, pages) in enumerate(cases):
            root = edition(base / f"e{i}", pages)
            measure(label, root, base / f"out{i}" / "r.pdf", runs)


if __name__ == "__main__":
    main()
