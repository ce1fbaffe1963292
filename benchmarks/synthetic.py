"""A synthetic edition of N pages made from the report's block types, for the benchmarks.

Each generated page file holds a sub-heading, paragraphs with markup, a figure row, a table
with a checked total, a list and a note; every tenth file opens a section. Charts are left
out: their cost is measured separately (cold and cached) by ``bench_build.py``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

WORDS = ("children families reports analysts law enforcement hotline recovery cases safety training "
         "partners prevention support community outreach program resources national center").split()


def paragraph(i: int, n: int = 60) -> str:
    words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n)]
    words[5] = f"**{(i * 137) % 9000 + 1000:,}**"
    words[12] = "_" + words[12] + "_"
    return " ".join(words).capitalize() + "."


def page(i: int) -> str:
    rows = "\n".join(f"      - [Row {r}, {i + r}, {2 * i + r}, {3 * i + 2 * r}]" for r in range(1, 9))
    active = sum(i + r for r in range(1, 9))
    resolved = sum(2 * i + r for r in range(1, 9))
    lines = ["template: body", "blocks:"]
    if i % 10 == 0:
        lines += [f"  - {{type: heading, level: 1, text: Section {i // 10 + 1}}}"]
    lines += [
        f"  - {{type: heading, level: 2, text: Topic {i}}}",
        f"  - type: paragraph\n    text: \"{paragraph(i)}\"",
        f"  - type: figure_row\n    figures:\n      - {{value: {i * 1000 + 7}, label: cases assisted}}\n"
        f"      - {{value: {i % 100}, format: percent, label: change from last year}}",
        f"  - type: paragraph\n    text: \"{paragraph(i + 1, 45)}\"",
        f"  - type: table\n    id: t{i}\n    caption: Cases by type, page {i}\n    columns:\n"
        "      - {key: type, label: Case Type}\n      - {key: active, label: Active, group: Case Status}\n"
        "      - {key: resolved, label: Resolved, group: Case Status}\n"
        "      - {key: total, label: Total, sum_of: [active, resolved]}\n"
        f"    rows:\n{rows}\n    total: {{label: Grand Total, values: [{active}, {resolved}, {active + resolved}]}}",
        "  - {type: list, items: [\"**First** highlight of the year.\", \"Second highlight.\"]}",
        f"  - {{type: note, mark: '*', text: Note {i} on how the numbers were counted.}}",
    ]
    return "\n".join(lines) + "\n"


def write(root: Path, pages: int) -> Path:
    """Write an edition whose content fills about ``pages`` pages."""
    root.mkdir(parents=True, exist_ok=True)
    names = [f"{i:04d}.yaml" for i in range(pages)]
    (root / "manifest.yaml").write_text(
        "title: Synthetic Report\norganisation: Benchmark\nyear: 2022\npublished: \"2023-04-01\"\n"
        "pages:\n" + "".join(f"  - {n}\n" for n in names))
    for i, name in enumerate(names):
        (root / name).write_text(page(i))
    return root


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("pages", type=int)
    args = parser.parse_args()
    write(args.folder, args.pages)
