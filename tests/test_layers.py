"""Imports flow one way down the pipeline: load → model → theme → blocks → paginate → pdf.

charts, review and preflight are leaves that read data or PDFs only (buildid, the id a PDF
and its layout map share, is read by pdf and review alike); the top-level modules
(cli, arguments, build, validate, schema) may use everything.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "renderer"

# stage → the stages it may import (besides itself)
ALLOWED: dict[str, set[str]] = {
    "diagnostics": set(),
    "version": set(),
    "safety": set(),
    "cores": set(),  # the cores this process may use: asked by the second reader and the chart workers
    "gate": set(),  # the one gate every input file passes: below every stage that reads files
    "source_date": set(),  # SOURCE_DATE_EPOCH, checked by the CLI and read by pdf
    "buildid": set(),  # the id a PDF and its layout map share: written by pdf, checked by review
    "layoutmap": set(),  # the layout map's format: written by paginate, read by review
    # The output profile: a leaf that imports nothing. theme holds the chosen one (blocks and
    # paginate ask it there), pdf writes what it asks for, and preflight chooses its checks by
    # it, still reading nothing but PDFs.
    "profiles": set(),
    # Numbers as each language prints them (the CLDR's symbols): used by model, charts and blocks.
    "numerals": set(),
    "load": {"diagnostics", "gate"},
    "model": {"diagnostics", "load", "gate", "numerals", "cores"},
    "theme": {"diagnostics", "load", "model", "gate", "profiles"},
    "charts": {"diagnostics", "gate", "numerals", "cores"},
    "blocks": {"diagnostics", "load", "model", "theme", "charts", "gate", "numerals"},
    "paginate": {"diagnostics", "load", "model", "theme", "charts", "blocks", "gate", "layoutmap"},
    "pdf": {"diagnostics", "load", "model", "theme", "gate", "source_date", "profiles", "buildid"},
    "review": {"diagnostics", "buildid", "layoutmap"},
    "preflight": {"diagnostics", "profiles"},
}
# watch/ drives the whole pipeline (build) and the review tools' rasteriser, as a command does.
TOP = {"cli", "arguments", "build", "validate", "schema", "review_cli", "watch", "warm", "__main__", "__init__"}


def stage_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imported_stages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(PACKAGE).parts) - 1  # how many folders below renderer/
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.startswith("renderer."):
                found.add(node.module.split(".")[1])
            elif node.level and node.level > depth and node.module:
                found.add(node.module.split(".")[0])
            elif node.level and node.level > depth:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("renderer."))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if stage_of(p) not in TOP)


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_module_imports_only_earlier_stages(path: Path) -> None:
    stage = stage_of(path)
    assert stage in ALLOWED, f"{stage} is not a known stage"
    wrong = imported_stages(path) - ALLOWED[stage] - {stage}
    assert not wrong, f"{path.relative_to(PACKAGE)} ({stage}) imports {sorted(wrong)}"
