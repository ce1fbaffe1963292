"""The diff as a reviewer reads it: a terminal summary, JSON for tools, and one HTML file."""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from .diff import DiffResult, PageChange


def summary_line(r: DiffResult) -> str:
    if not r.exit_code:
        return "no changes" + (f" ({len(r.renumbered)} pages only renumbered)" if r.renumbered else "")
    return (f"{len(r.changed)} changed, {len(r.inserted)} inserted, {len(r.removed)} removed, "
            f"{len(r.moved)} moved" + (f", {len(r.unexpected)} UNEXPECTED" if r.unexpected else "") +
            (f"; {len(r.renumbered)} only renumbered" if r.renumbered else ""))


def _page_lines(c: PageChange) -> list[str]:
    flag = " UNEXPECTED: no content or layout change explains it" if c.expected is False else \
        " (reflowed)" if c.reflowed else ""
    lines = [f"page {c.old} → {c.new}: {c.share:.2%} of pixels changed in {len(c.regions)} region(s){flag}"]
    lines += [f"    {n_old} → {n_new}" for n_old, n_new in c.text.numbers]
    if c.text.added:
        lines.append("    + " + " ".join(c.text.added)[:200])
    if c.text.removed:
        lines.append("    - " + " ".join(c.text.removed)[:200])
    lines += [f"    at {loc.describe()}" for loc in c.locations]
    return lines


def render_terminal(r: DiffResult) -> str:
    lines = [f"{r.old.label} → {r.new.label}: {summary_line(r)}"]
    for c in r.unexpected:
        lines.append(f"UNEXPECTED: page {c.old} → {c.new} changed with no content or layout change behind it")
    if r.look_changed:
        lines.append("the look (layout/ or fonts/) changed: every page it touches may change")
    for change in r.content:
        lines.append(f"content: {change.describe()}")
    lines += [f"inserted: new page {n}" for n in r.inserted]
    lines += [f"removed: old page {o}" for o in r.removed]
    lines += [f"moved: old page {o} is now page {n}" for o, n in r.moved]
    for c in r.changed:
        lines += _page_lines(c)
    return "\n".join(lines) + "\n"


def to_json(r: DiffResult) -> dict[str, Any]:
    return {
        "old": r.old.label, "new": r.new.label, "summary": summary_line(r), "look_changed": r.look_changed,
        "changed": [{"old": c.old, "new": c.new, "share": round(c.share, 6), "regions": [list(b) for b in c.regions],
                     "expected": c.expected, "reflowed": c.reflowed,
                     "text": {"added": list(c.text.added), "removed": list(c.text.removed),
                              "numbers": [list(p) for p in c.text.numbers]},
                     "locations": [{"block": loc.block, "type": loc.type, "title": loc.title, "row": loc.row,
                                    "where": loc.where} for loc in c.locations]} for c in r.changed],
        "inserted": [{"old": None, "new": n} for n in r.inserted],
        "removed": [{"old": o, "new": None} for o in r.removed],
        "moved": [{"old": o, "new": n} for o, n in r.moved],
        "renumbered": [{"old": o, "new": n} for o, n in r.renumbered],
        "unexpected": [{"old": c.old, "new": c.new} for c in r.unexpected],
        "content_changes": [{"id": c.id, "kind": c.kind, "type": c.type, "title": c.title, "where": c.where,
                             "details": list(c.details)} for c in r.content],
    }


def render_json(r: DiffResult) -> str:
    return json.dumps(to_json(r), indent=2, ensure_ascii=False) + "\n"


def _png(img: np.ndarray, boxes: tuple[tuple[float, float, float, float], ...] = (), scale: float = 1.0,
         height: float = 0.0) -> str:
    pil = Image.fromarray(img)
    if boxes:
        draw = ImageDraw.Draw(pil, "RGBA")
        for x0, y0, x1, y1 in boxes:
            rect = (x0 * scale - 3, (height - y1) * scale - 3, x1 * scale + 3, (height - y0) * scale + 3)
            draw.rectangle(rect, outline=(220, 30, 60, 255), width=3, fill=(220, 30, 60, 40))
    buf = io.BytesIO()
    pil.save(buf, format="PNG", optimize=False, compress_level=3)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _esc(text: object) -> str:
    return html.escape(str(text))


CSS = """body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1e2532}
h1{font-size:22px}#summary{background:#eef3f9;border-left:5px solid #1f5fa8;padding:12px 16px;margin-bottom:20px}
.unexpected{background:#fdecea;border-left:5px solid #c62828;padding:10px 14px;margin:10px 0}
.page-change{border-top:1px solid #c5d0de;padding:14px 0}.imgs{display:flex;gap:12px;flex-wrap:wrap}
.imgs figure{margin:0}.imgs img{width:360px;border:1px solid #c5d0de}figcaption{font-size:12px;color:#5a6373}
code{background:#f3f5f8;padding:1px 4px}.num{font-weight:600;color:#b5542a}ul{margin:6px 0}"""


def render_html(r: DiffResult) -> str:
    scale = r.dpi / 72
    parts = [f"<!doctype html><html lang=en><meta charset=utf-8><title>Review: {_esc(r.new.label)}</title>",
             f"<style>{CSS}</style><h1>Changes from {_esc(r.old.label)} to {_esc(r.new.label)}</h1>",
             f"<section id=summary><strong>{_esc(summary_line(r))}</strong><ul>"]
    if r.look_changed:
        parts.append("<li>the look changed (<code>layout/</code> or <code>fonts/</code>): every page it "
                     "touches is expected to change</li>")
    parts += [f"<li>content: {_esc(c.describe())}</li>" for c in r.content]
    parts += [f"<li>inserted: new page {n}</li>" for n in r.inserted]
    parts += [f"<li>removed: old page {o}</li>" for o in r.removed]
    parts += [f"<li>moved: old page {o} is now page {n}</li>" for o, n in r.moved]
    if r.renumbered:
        parts.append(f"<li>only renumbered: {', '.join(f'{o}→{n}' for o, n in r.renumbered)}</li>")
    parts.append("</ul></section>")
    parts += [f"<div class=unexpected>Unexpected: page {c.old} → {c.new} changed, and no content or layout "
              "change explains it.</div>" for c in r.unexpected]
    for c in r.changed:
        parts.append(_page_html(r, c, scale))
    for n in r.inserted:
        img = r.images.get(("new", n))
        if img is not None:
            parts.append(f"<section class=page-change><h2>Inserted page {n}</h2><div class=imgs><figure>"
                         f"<img alt='new page {n}' src='{_png(img)}'></figure></div></section>")
    parts.append("</html>\n")
    return "".join(parts)


def _page_html(r: DiffResult, c: PageChange, scale: float) -> str:
    old, new = r.images[("old", c.old)], r.images[("new", c.new)]
    height = new.shape[0] / scale
    note = " — <strong>unexpected</strong>" if c.expected is False else " — reflowed" if c.reflowed else ""
    numbers = "".join(f"<li><span class=num>{_esc(a)} → {_esc(b)}</span></li>" for a, b in c.text.numbers)
    words = ""
    if c.text.added:
        words += f"<li>added: {_esc(' '.join(c.text.added)[:400])}</li>"
    if c.text.removed:
        words += f"<li>removed: {_esc(' '.join(c.text.removed)[:400])}</li>"
    where = "".join(f"<li><code>{_esc(loc.describe())}</code></li>" for loc in c.locations)
    return (f"<section class=page-change><h2>Page {c.old} → {c.new}{note}</h2>"
            f"<p>{c.share:.2%} of pixels changed in {len(c.regions)} region(s).</p><ul>{numbers}{words}{where}</ul>"
            f"<div class=imgs><figure><img alt='old page {c.old}' src='{_png(old)}'><figcaption>old page {c.old}"
            f"</figcaption></figure><figure><img alt='new page {c.new}' src='{_png(new)}'><figcaption>new page "
            f"{c.new}</figcaption></figure><figure><img alt='changes on page {c.new}' "
            f"src='{_png(new, c.regions, scale, height)}'><figcaption>changed regions</figcaption></figure></div></section>")


def write_html(r: DiffResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(r), encoding="utf-8")
