"""What tagging the screen edition costs: build time and file size, tagged and not.

    .venv/bin/python benchmarks/bench_tagging.py [--runs 15] [EDITION ...]

Each edition is rendered in this process (modules loaded, charts cached, as a designer's
repeated builds are) alternately with the screen profile as shipped and with the same profile
untagged, so that the two sets of runs share the machine's noise; medians are printed. The
untagged variant is the screen profile with ``tagged`` off, which also leaves out the object
streams (they are written for the structure tree).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from renderer.build import Paths, render  # noqa: E402
from renderer.diagnostics import Sink  # noqa: E402
from renderer.profiles import PROFILES  # noqa: E402

UNTAGGED = "screen-untagged"


def once(edition: Path, profile: str, cache: Path) -> tuple[float, int]:
    sink = Sink()
    start = time.perf_counter()
    rendering = render(Paths(edition, ROOT / "layout", ROOT / "fonts"), sink, chart_cache=cache, profile=profile)
    seconds = time.perf_counter() - start
    if rendering is None:
        raise SystemExit("\n".join(d.render() for d in sink))
    return seconds, len(rendering.pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("editions", nargs="*", type=Path,
                        default=[ROOT / "content" / "2022", ROOT / "content" / "2020"])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    PROFILES[UNTAGGED] = dataclasses.replace(PROFILES["screen"], name=UNTAGGED, tagged=False)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "charts"
        for edition in args.editions:
            once(edition, "screen", cache)  # warm: modules, fonts, the chart cache
            once(edition, UNTAGGED, cache)
            times: dict[str, list[float]] = {"screen": [], UNTAGGED: []}
            sizes: dict[str, int] = {}
            for _ in range(args.runs):
                for profile in times:
                    seconds, sizes[profile] = once(edition, profile, cache)
                    times[profile].append(seconds)
            tagged, plain = statistics.median(times["screen"]), statistics.median(times[UNTAGGED])
            print(f"{edition.name}: tagged {tagged * 1000:.0f} ms, untagged {plain * 1000:.0f} ms "
                  f"({(tagged / plain - 1) * 100:+.1f}%); {sizes['screen']:,} bytes against {sizes[UNTAGGED]:,} "
                  f"({(sizes['screen'] / sizes[UNTAGGED] - 1) * 100:+.1f}%); medians of {args.runs} interleaved runs")


if __name__ == "__main__":
    main()
