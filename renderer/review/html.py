"""The diff as one HTML page beside a folder of pictures, for a reviewer to sign off.

The page leads with the verdict, the build's warnings, anything unexplained, what changed in
the content and layout, and the changed pages grouped by cause. Each changed page follows:
its changes as whole sentences with the changed words marked, a zoomed crop of each changed
region (old and new, to flip or blink between), and the whole page old and new with the
changed regions outlined. Pictures are files beside the page, loaded as they scroll into view,
so the page stays small whatever the number of pages; unchanged pages are not drawn at all.
"""

from __future__ import annotations

import html
from pathlib import Path

from .diff import DiffResult, PageChange
from .raster import Crop
from .report import folios, source_lines, summary_line
from .textdiff import SentenceChange

PICTURES = "report-files"  # the pictures' folder, beside report.html


def pictures_folder(report: Path) -> Path:
    return report.parent / PICTURES


def _esc(text: object) -> str:
    return html.escape(str(text))


CSS = """body{font:15px/1.5 system-ui,sans-serif;margin:24px auto;max-width:1280px;padding:0 16px;color:#1e2532}
h1{font-size:22px}h2{font-size:18px;margin:18px 0 6px}h3{font-size:15px;margin:12px 0 4px}
#summary{background:#eef3f9;border-left:5px solid #1f5fa8;padding:12px 16px;margin-bottom:20px}
.verdict{font-size:17px;font-weight:600}
.warning{white-space:pre-wrap;background:#fff6dd;border-left:5px solid #c68a00;padding:8px 12px;margin:8px 0}
.unexpected{background:#fdecea;border-left:5px solid #c62828;padding:10px 14px;margin:10px 0;font-weight:600}
table.causes{border-collapse:collapse;margin:6px 0}
table.causes td,table.causes th{border-top:1px solid #c5d0de;padding:4px 10px;text-align:left;vertical-align:top}
.page-change{border-top:2px solid #c5d0de;padding:14px 0}
del{background:#fbd3d3;color:#8a1111}ins{background:#cdeccd;color:#0d5a0d;text-decoration:none}
code{background:#f3f5f8;padding:1px 4px}.num{font-weight:600;color:#b5542a}ul{margin:6px 0}
.zooms{display:flex;flex-wrap:wrap;gap:16px}.flip{margin:0;border:1px solid #c5d0de;padding:6px;background:#fafbfc}
.stack{position:relative;display:inline-block;line-height:0}.stack img{display:block;max-width:100%}
.flip .stack img.old{position:absolute;left:0;top:0;visibility:hidden}
.flip[data-show=old] .stack img.old{visibility:visible}.flip[data-show=old] .stack img.new{visibility:hidden}
.flip.blink .stack img.old{animation:blink 1.2s steps(1) infinite}@keyframes blink{50%{visibility:visible}}
.controls{margin-top:6px;font-size:13px}.controls button{font:inherit;margin-right:4px}
.controls .state{font-weight:600;margin-left:6px}
.pages{display:flex;gap:12px;flex-wrap:wrap}.pages figure{margin:0;flex:1 1 45%;min-width:320px}
.pages img{width:100%;border:1px solid #c5d0de;box-sizing:border-box}
.pages .page-figure{padding:0;border:0;background:none}
.box{position:absolute;border:2px solid #dc1e3c;box-sizing:border-box}
.no-boxes .box{display:none}figcaption{font-size:13px;color:#5a6373}.thumbs img{width:240px;border:1px solid #c5d0de}"""

SCRIPT = """document.addEventListener('click',e=>{const b=e.target.closest('button[data-do]');if(!b)return;
const f=b.closest('.flip,.page-figure');const d=b.dataset.do;
if(d==='old'||d==='new'){f.classList.remove('blink');f.dataset.show=d;}
else if(d==='flip'){f.classList.remove('blink');f.dataset.show=f.dataset.show==='old'?'new':'old';}
else if(d==='blink'){f.classList.toggle('blink');}
else if(d==='boxes'){f.classList.toggle('no-boxes');}
const s=f.querySelector('.state');
if(s)s.textContent=f.classList.contains('blink')?'blinking':'showing '+f.dataset.show;});"""


def write_html(r: DiffResult, path: Path) -> None:
    """Write the report; its pictures were written into :func:`pictures_folder` by the diff."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(r), encoding="utf-8")


def render_html(r: DiffResult) -> str:
    parts = [f"<!doctype html><html lang=en><meta charset=utf-8><title>Review: {_esc(r.new.label)}</title>",
             f"<style>{CSS}</style><h1>Changes from {_esc(r.old.label)} to {_esc(r.new.label)}</h1>",
             _summary(r)]
    parts += [_page(r, c) for c in r.changed]
    parts.append(f"<script>{SCRIPT}</script></html>\n")
    return "".join(parts)


def _summary(r: DiffResult) -> str:
    out = [f"<section id=summary><p class=verdict>{_esc(summary_line(r))}</p>"]
    out += [f"<div class=warning>build: {_esc(w)}</div>" for w in r.warnings]
    out += [f"<div class=unexpected>Unexpected: <a href='#p{c.new}'>{_esc(c.name(r.old, r.new))}</a> changed, and "
            "no content or layout change explains it.</div>" for c in r.unexpected]
    sources = source_lines(r)
    if sources:
        out.append("<h2>What changed in the content and layout</h2><ul>")
        out += [f"<li>{_marked_text(s)}</li>" for s in sources]
        out.append("</ul>")
    groups = r.groups()
    if groups:
        out.append("<h2>Changed pages by cause</h2><table class=causes><tr><th>cause</th><th>pages</th>"
                   "<th>largest ΔE</th></tr>")
        for cause, pages in groups:
            links = " ".join(f"<a href='#p{c.new}'>{_esc(r.new.page_name(c.new))}</a>" for c in pages)
            largest = max(c.max_delta_e for c in pages)
            what = _marked_text(cause.text) if cause else "<strong>unexpected: nothing explains it</strong>"
            out.append(f"<tr><td>{what}</td><td>{len(pages)} ({_esc(folios(r, pages))})<br>{links}</td>"
                       f"<td>{largest:.1f}</td></tr>")
        out.append("</table>")
    out.append(_single_pages(r))
    if r.renumbered:
        out.append("<p>Only renumbered: " + ", ".join(f"{_esc(r.old.page_name(o))} → {_esc(r.new.page_name(n))}"
                                                     for o, n in r.renumbered) + "</p>")
    out.append("</section>")
    return "".join(out)


def _single_pages(r: DiffResult) -> str:
    out = []
    for title, items in (("Inserted", [("new", n, r.new.page_name(n)) for n in r.inserted]),
                         ("Removed", [("old", o, r.old.page_name(o)) for o in r.removed]),
                         ("Moved", [("new", n, f"{r.old.page_name(o)} is now {r.new.page_name(n)}")
                                    for o, n in r.moved])):
        if not items:
            continue
        out.append(f"<h2>{title} pages</h2><div class='pages thumbs'>")
        for side, number, name in items:
            picture = r.pictures.get((side, number))
            img = (f"<a href='{PICTURES}/{picture}'>"
                   f"<img loading=lazy alt='{_esc(name)}' src='{PICTURES}/{picture}'></a>"
                   if picture else "")
            out.append(f"<figure>{img}<figcaption>{_esc(name)}</figcaption></figure>")
        out.append("</div>")
    return "".join(out)


def _page(r: DiffResult, c: PageChange) -> str:
    name = c.name(r.old, r.new)
    flag = " — <strong>unexpected</strong>" if c.expected is False else " — moved by a change elsewhere" \
        if c.reflowed else ""
    delta = f", largest ΔE {c.max_delta_e:.1f}" if c.max_delta_e else ""
    items = [f"<li>because: {_marked_text(x.text)}</li>" for x in c.causes or ()]
    items += [f"<li><span class=num>{_esc(a)} → {_esc(b)}</span></li>" for a, b in c.text.numbers]
    items += [f"<li>{_sentence(s)}</li>" for s in c.text.sentences if not s.only_numbers]
    if c.furniture is not None:
        items.append(f"<li>running header/footer: {_sentence(c.furniture)}</li>")
    items += [f"<li>at <code>{_esc(loc.describe())}</code></li>" for loc in c.locations]
    out = [f"<section class=page-change id=p{c.new}><h2>{_esc(name)}{flag}</h2>",
           f"<p>{c.share:.2%} of pixels changed in {len(c.regions)} region{'s' if len(c.regions) != 1 else ''}"
           f"{delta}.</p><ul>{''.join(items)}</ul>"]
    if c.pictures is not None:
        if c.pictures.crops:
            out.append("<h3>Changed regions, zoomed</h3><div class=zooms>")
            out += [_crop(k, crop) for k, crop in enumerate(c.pictures.crops, 1)]
            out.append("</div>")
        out.append(_whole_pages(r, c))
    out.append("</section>")
    return "".join(out)


def _controls() -> str:
    return ("<div class=controls><button data-do=old>old</button><button data-do=new>new</button>"
            "<button data-do=flip>flip</button><button data-do=blink>blink</button>"
            "<span class=state>showing new</span></div>")


def _crop(k: int, crop: Crop) -> str:
    x0, y0, x1, y1 = crop.box
    return (f"<figure class=flip data-show=new><div class=stack>"
            f"<img class=new loading=lazy alt='region {k}, new' src='{PICTURES}/{crop.new}'>"
            f"<img class=old loading=lazy alt='region {k}, old' src='{PICTURES}/{crop.old}'></div>"
            f"{_controls()}<figcaption>region {k}: x {x0:.0f}–{x1:.0f} pt, y {y0:.0f}–{y1:.0f} pt</figcaption>"
            "</figure>")


def _whole_pages(r: DiffResult, c: PageChange) -> str:
    assert c.pictures is not None
    width, height = c.size
    boxes = "".join(
        f"<div class=box style='left:{x0 / width:.2%};top:{(height - y1) / height:.2%};"
        f"width:{(x1 - x0) / width:.2%};height:{(y1 - y0) / height:.2%}'></div>"
        for x0, y0, x1, y1 in c.regions) if width and height else ""
    old_name, new_name = r.old.page_name(c.old), r.new.page_name(c.new)
    return (f"<h3>Whole page</h3><div class=pages><figure><div class=stack>"
            f"<img loading=lazy alt='old {_esc(old_name)}' "
            f"src='{PICTURES}/{c.pictures.old}'></div><figcaption>old: {_esc(old_name)}</figcaption></figure>"
            f"<figure class='flip page-figure' data-show=new><div class=stack>"
            f"<img class=new loading=lazy alt='new {_esc(new_name)}' src='{PICTURES}/{c.pictures.new}'>"
            f"<img class=old loading=lazy alt='old {_esc(old_name)}' src='{PICTURES}/{c.pictures.old}'>{boxes}</div>"
            f"{_controls().replace('</span></div>', '</span> <button data-do=boxes>outlines</button></div>')}"
            f"<figcaption>new: {_esc(new_name)}, changed regions outlined</figcaption></figure></div>")


def _sentence(s: SentenceChange) -> str:
    out = []
    for seg in s.segments:
        text = _esc(seg.text)
        out.append(text if seg.kind == "same" else f"<del>{text}</del>" if seg.kind == "old" else f"<ins>{text}</ins>")
    return " ".join(out)


def _marked_text(text: str) -> str:
    """A line in git's word-diff notation ([-old-]{+new+}) with the marks as HTML."""
    out = _esc(text)
    return (out.replace("[-", "<del>").replace("-]", "</del>").replace("{+", "<ins>").replace("+}", "</ins>"))
