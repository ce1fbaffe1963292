"""The diff as a reviewer reads it in a terminal, and as JSON for tools.

Both lead with what matters for sign-off: the build's warnings, pages nothing explains, what
changed in the content and layout, and the changed pages grouped by cause; then each page.
"""

from __future__ import annotations

import json
from typing import Any

from .content import MANIFEST_ID
from .diff import DiffResult, PageChange
from .explain import Cause


def summary_line(r: DiffResult) -> str:
    if not r.exit_code:
        return "no changes" + (f" ({len(r.renumbered)} pages only renumbered)" if r.renumbered else "")
    return (f"{len(r.changed)} changed, {len(r.inserted)} inserted, {len(r.removed)} removed, "
            f"{len(r.moved)} moved" + (f", {len(r.unexpected)} UNEXPECTED" if r.unexpected else "") +
            (f"; {len(r.renumbered)} only renumbered" if r.renumbered else ""))


def folios(r: DiffResult, pages: list[PageChange]) -> str:
    """The pages as a reviewer counts them: printed folios where they have one."""
    named = [r.new.folio(c.new - 1) for c in pages]
    numbered = [str(f) for f in named if f is not None]
    unnumbered = sum(f is None for f in named)
    parts = [("folio " if len(numbered) == 1 else "folios ") + _ranges(numbered)] if numbered else []
    if unnumbered:
        parts.append(f"{unnumbered} unnumbered")
    return ", ".join(parts)


def _ranges(numbers: list[str]) -> str:
    runs: list[list[int]] = []
    for v in sorted({int(n) for n in numbers}):
        if runs and v == runs[-1][-1] + 1:
            runs[-1].append(v)
        else:
            runs.append([v])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def group_line(r: DiffResult, cause: Cause | None, pages: list[PageChange]) -> str:
    what = cause.text if cause else "UNEXPECTED: nothing in the content or layout explains"
    largest = max(c.max_delta_e for c in pages)
    delta = f", largest ΔE {largest:.1f}" if largest else ""
    count = f"{len(pages)} page{'s' if len(pages) != 1 else ''}"
    return f"{what}: {count} ({folios(r, pages)}){delta}"


def source_lines(r: DiffResult) -> list[str]:
    """What changed in what the renderings were made from."""
    out = []
    for change in r.content:
        if change.id == MANIFEST_ID:
            for f in change.fields:
                out.append(f"{change.source}:{f.line}: {f.describe()}{_printed(r, f.name)}")
        else:
            out.append(change.describe())
    out += [c.describe() for c in r.look]
    out += [f.describe() for f in r.reflows]
    return out


#: Manifest fields the PDF's document information carries (renderer.pdf.write).
METADATA = ("title", "organisation", "author", "subject", "keywords", "published", "language")


def _printed(r: DiffResult, field: str) -> str:
    """Where a changed manifest field shows: on how many pages, or only in the metadata."""
    if field == "pages":  # the page order: told by the pages inserted, removed and moved
        return ""
    printed = sum(1 for c in r.changed if c.causes and any(x.key == f"manifest:{field}" for x in c.causes))
    if printed:
        return f" — printed on {printed} page{'s' if printed != 1 else ''}"
    return " — not printed on any page" + (" (it is in the PDF's metadata)" if field in METADATA else "")


def _page_lines(r: DiffResult, c: PageChange) -> list[str]:
    flag = " UNEXPECTED: no content or layout change explains it" if c.expected is False else \
        " (reflowed)" if c.reflowed else ""
    delta = f", largest ΔE {c.max_delta_e:.1f}" if c.max_delta_e else ""
    lines = [f"{c.name(r.old, r.new)}: {c.share:.2%} of pixels changed in {len(c.regions)} "
             f"region{'s' if len(c.regions) != 1 else ''}{delta}{flag}"]
    lines += [f"    {a} → {b}" for a, b in c.text.numbers]
    # a sentence (or a table's run of cells) whose only change is numbers is told by them
    lines += [f"    text: {s.marked()}" for s in c.text.sentences if not s.only_numbers]
    if c.furniture is not None:
        lines.append(f"    running header/footer: {c.furniture.marked()}")
    lines += [f"    at {loc.describe()}" for loc in c.locations]
    return lines


def render_terminal(r: DiffResult) -> str:
    lines = [f"{r.old.label} → {r.new.label}: {summary_line(r)}"]
    lines += [f"build: {w}" for w in r.warnings]
    for c in r.unexpected:
        lines.append(f"UNEXPECTED: {c.name(r.old, r.new)} changed with no content or layout change behind it")
    sources = source_lines(r)
    if sources:
        lines.append("what changed in the content and layout:")
        lines += [f"  {s}" for s in sources]
    groups = r.groups()
    if groups:
        lines.append("changed pages by cause:")
        lines += [f"  {group_line(r, cause, pages)}" for cause, pages in groups]
    lines += [f"inserted: {r.new.page_name(n)}" for n in r.inserted]
    lines += [f"removed: {r.old.page_name(o)}" for o in r.removed]
    lines += [f"moved: {r.old.page_name(o)} is now {r.new.page_name(n)}" for o, n in r.moved]
    for c in r.changed:
        lines += _page_lines(r, c)
    return "\n".join(lines) + "\n"


def to_json(r: DiffResult) -> dict[str, Any]:
    return {
        "old": r.old.label, "new": r.new.label, "summary": summary_line(r), "look_changed": r.look_changed,
        "warnings": list(r.warnings),
        "changed": [_page_json(r, c) for c in r.changed],
        "inserted": [{"old": None, "new": n, "folio": r.new.folio(n - 1)} for n in r.inserted],
        "removed": [{"old": o, "new": None, "folio": r.old.folio(o - 1)} for o in r.removed],
        "moved": [{"old": o, "new": n} for o, n in r.moved],
        "renumbered": [{"old": o, "new": n} for o, n in r.renumbered],
        "unexpected": [{"old": c.old, "new": c.new} for c in r.unexpected],
        "content_changes": [{"id": c.id, "kind": c.kind, "type": c.type, "title": c.title, "where": c.where,
                             "details": [f.describe() for f in c.fields] + list(c.details)} for c in r.content],
        "layout_changes": [{"file": c.file, "key": c.key, "line": c.line, "old": c.old, "new": c.new,
                            "delta_e": c.delta_e} for c in r.look],
        "reflows": [{"block": f.block, "where": f.where, "points": f.points, "lines": f.lines,
                     "summary": f.describe()} for f in r.reflows],
        "groups": [{"cause": cause.text if cause else None, "where": cause.where if cause else None,
                    "pages": [c.new for c in pages], "largest_delta_e": max(c.max_delta_e for c in pages)}
                   for cause, pages in r.groups()],
    }


def _page_json(r: DiffResult, c: PageChange) -> dict[str, Any]:
    return {"old": c.old, "new": c.new, "folio": r.new.folio(c.new - 1), "old_folio": r.old.folio(c.old - 1),
            "share": round(c.share, 6), "largest_delta_e": c.max_delta_e, "regions": [list(b) for b in c.regions],
            "expected": c.expected, "reflowed": c.reflowed,
            "causes": [{"kind": x.kind, "text": x.text, "where": x.where} for x in c.causes or ()],
            "text": {"sentences": [{"old": s.old, "new": s.new, "marked": s.marked()} for s in c.text.sentences],
                     "numbers": [list(p) for p in c.text.numbers],
                     "running": c.furniture.marked() if c.furniture else None},
            "locations": [{"block": loc.block, "type": loc.type, "title": loc.title, "row": loc.row,
                           "where": loc.where} for loc in c.locations]}


def render_json(r: DiffResult) -> str:
    return json.dumps(to_json(r), indent=2, ensure_ascii=False) + "\n"
