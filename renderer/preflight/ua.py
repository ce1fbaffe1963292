"""PDF/UA-1 (ISO 14289-1:2014) preflight: the failure conditions of the Matterhorn Protocol 1.1
that a program can decide, one check each (some checks decide two or three conditions of one kind).

Checked, by Matterhorn number:

- 01-003, 01-004 artifacts inside tagged content, tagged content inside artifacts
- 01-005 content neither tagged nor an artifact (every text, path, image, shading and inline
  image, through forms); with it the structure it relies on: /MarkInfo /Marked true, a
  /StructTreeRoot, /StructParents on every page that carries MCIDs and a ParentTree that leads
  from every MCID on the page to the structure element that owns it
- 01-007 /Suspects true
- 02-001, 02-003, 02-004 role map: ends in a standard type, no circle, no standard type remapped
- 06-001, 06-002, 06-003 XMP metadata stream; pdfuaid:part 1; dc:title
- 07-001, 07-002 /ViewerPreferences /DisplayDocTitle true
- 09-004, 09-005, 09-006 table, list and TOC elements nested as ISO 32000-1 Tables 337, 336, 333 say
- 10-001, 31-027 every character code maps to Unicode (a ToUnicode map, or a font that needs none)
- 11-001, 11-002, 11-003, 11-004, 11-006 natural language determinable for page text, Alt /
  ActualText / E, outlines, annotation Contents and metadata; every /Lang a language tag
- 13-004 Figure without /Alt (or /ActualText)
- 14-002, 14-003 first numbered heading H1, no level skipped going down
- 14-006, 14-007 at most one H per node; not both H and Hn
- 15-003 TH without /Scope in a table not organised with Headers and IDs
- 17-002 Formula without /Alt (or /ActualText)
- 19-003, 19-004 Note without an /ID, or with one another Note has
- 20-001, 20-002, 20-003 optional content configurations: /Name, no /AS
- 21-001 embedded file specifications with /F and /UF
- 26-002 encrypted without the permission for assistive technology (bit 10)
- 28-002 annotations other than Widget, Link, PrinterMark (and Popup) inside an Annot element
- 28-004, 28-012 annotation /Contents (link annotations; others unless the element has /Alt)
- 28-007 no TrapNet annotation
- 28-008, 28-009 /Tabs /S on every page with annotations
- 28-011 every link annotation an OBJR of a Link element (through its /StructParent)
- 30-001 no reference XObjects; 30-002 no form with MCIDs drawn more than once
- 31-009 fonts used for rendered text embedded
- 31-028, 31-029 no ToUnicode value U+0000, U+FEFF or U+FFFE
- 31-030 no character shown with the .notdef glyph

Machine-checkable conditions not checked: 09-007, 09-008 (Ruby, Warichu), 11-005, 28-005,
28-010 (form fields and widgets: this project writes no forms), 17-003, 25-001 (XFA),
26-001 (qpdf reads a missing /P as no permissions, which 26-002 reports), 28-006, 28-014 to
28-018 (media clips, file attachments, PrinterMark annotations), 31-001 to 31-008 (CID system
info and CMap consistency), 31-011 to 31-026 (what is inside the font programs: glyphs present,
CharSet and CIDSet, widths, TrueType cmaps and encodings); fonts of annotation appearance streams
are not read. The human-only conditions (01-001, 01-002, 09-001 reading order, ...) cannot be
decided by a program.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from .glyphs import Font, read_font
from .marked import PageMarks, walk_page
from .model import Check, Document
from .structure import HEADING, Element, Tree, role_of
from .structure import read as read_tree

#: The name ``preflight --profile`` takes for these checks.
PROFILE = "ua"

Result = Iterator[tuple[int | None, str]]
ObjGen = tuple[int, int]

NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
NOT_STRUCTURED = frozenset({"/Widget", "/Link", "/PrinterMark", "/Popup"})
HIDDEN = 2


@dataclass(slots=True)
class Tagged:
    """A PDF read for the PDF/UA checks: pikepdf's view, its structure tree, each page's marks."""

    pdf: pikepdf.Pdf
    tree: Tree | None
    pages: list[PageMarks]
    page_numbers: dict[ObjGen, int]
    by_object: dict[ObjGen, Element]
    fonts: dict[Any, Font] = field(default_factory=dict)

    def font(self, obj: Any) -> Font | None:
        if not isinstance(obj, pikepdf.Dictionary):
            return None
        key = obj.objgen if obj.is_indirect else id(obj)
        if key not in self.fonts:
            self.fonts[key] = read_font(obj)
        return self.fonts[key]

    def annotations(self) -> Iterator[tuple[int, Any]]:
        for i, page in enumerate(self.pdf.pages):
            for annot in page.obj.get("/Annots") or []:
                if isinstance(annot, pikepdf.Dictionary):
                    yield i + 1, annot


def read(path: Path) -> Tagged:
    pdf = pikepdf.open(path)
    tree = read_tree(pdf)
    by_object = {e.obj.objgen: e for e in tree.elements if e.obj.is_indirect} if tree else {}
    return Tagged(pdf, tree, [walk_page(p) for p in pdf.pages],
                  {p.obj.objgen: i + 1 for i, p in enumerate(pdf.pages)}, by_object)


def _t(doc: Document) -> Tagged:
    assert isinstance(doc.tagged, Tagged), "preflight reads the PDF with pikepdf for the ua profile"
    return doc.tagged


def _elements(doc: Document) -> list[Element]:
    tree = _t(doc).tree
    return tree.elements if tree is not None else []


def _where(t: Tagged, el: Element) -> int | None:
    """The page an element's content is on, for the table of findings."""
    pages = [t.page_numbers.get(p) for p, _ in el.mcids if p is not None] + [
        t.page_numbers.get(el.obj.Pg.objgen) if isinstance(el.get("/Pg"), pikepdf.Dictionary) else None]
    return next((p for p in pages if p is not None), None)


def _true(value: Any) -> bool:
    """A PDF boolean true (pikepdf gives PDF booleans as Python's)."""
    return value is True


# 01: real content tagged; the tagged-PDF structure it relies on


def mark_info(doc: Document) -> Result:
    info = _t(doc).pdf.Root.get("/MarkInfo")
    if not isinstance(info, pikepdf.Dictionary) or not _true(info.get("/Marked")):
        yield None, "no /MarkInfo << /Marked true >> in the catalog: not a tagged PDF"
    elif _true(info.get("/Suspects")):
        yield None, "/MarkInfo /Suspects true: the tagging is declared unreliable"


def structure_tree(doc: Document) -> Result:
    t = _t(doc)
    if t.tree is None:
        yield None, "no /StructTreeRoot in the catalog: the document has no logical structure"
    elif not t.tree.elements:
        yield None, "the structure tree has no structure elements"


def tagged_content(doc: Document) -> Result:
    for i, marks in enumerate(_t(doc).pages):
        total = sum(marks.unmarked.values())
        if total:
            ops = ", ".join(f"{op} {n}" for op, n in marks.unmarked.most_common())
            yield i + 1, f"{total} painting operators neither tagged nor an artifact ({ops})"
        if marks.unbalanced:
            yield i + 1, f"{marks.unbalanced} unbalanced BMC/BDC ... EMC pairs in the content stream"


def artifact_nesting(doc: Document) -> Result:
    for i, marks in enumerate(_t(doc).pages):
        if marks.artifact_in_tagged:
            yield i + 1, f"{marks.artifact_in_tagged} /Artifact sequences inside tagged content (01-003)"
        if marks.tagged_in_artifact:
            yield i + 1, f"{marks.tagged_in_artifact} tagged sequences (MCID) inside an /Artifact (01-004)"


def parent_tree(doc: Document) -> Result:
    t = _t(doc)
    for i, (page, marks) in enumerate(zip(t.pdf.pages, t.pages)):
        if not marks.mcids:
            continue
        key = page.obj.get("/StructParents")
        if not isinstance(key, int) or t.tree is None:
            yield i + 1, f"{len(marks.mcids)} MCIDs but no /StructParents: the structure cannot find them"
            continue
        entry = t.tree.parent_tree.get(key)
        if not isinstance(entry, pikepdf.Array):
            yield i + 1, f"/StructParents {key} has no array in the ParentTree"
            continue
        lost = [m for m in marks.mcids if not _owns(t, entry, m, page.obj.objgen)]
        if lost:
            yield i + 1, f"MCIDs {_few(lost)} are not owned by the element the ParentTree names for them"


def _owns(t: Tagged, entry: Any, mcid: int, page: ObjGen) -> bool:
    if mcid >= len(entry) or not isinstance(entry[mcid], pikepdf.Dictionary):
        return False
    el = t.by_object.get(entry[mcid].objgen) if entry[mcid].is_indirect else None
    return el is not None and any(m == mcid and p in (page, None) for p, m in el.mcids)


def _few(values: list[Any]) -> str:
    return ", ".join(map(str, values[:8])) + (f" and {len(values) - 8} more" if len(values) > 8 else "")


# 02, 09: structure types


def role_map(doc: Document) -> Result:
    tree = _t(doc).tree
    if tree is None:
        return
    used = sorted({e.raw for e in tree.elements} | set(tree.role_map))
    for raw in used:
        problem = role_of(raw, tree.role_map)[1]
        if problem and (raw in tree.role_map or raw in {e.raw for e in tree.elements}):
            yield None, problem


_SYNTAX: dict[str, tuple[dict[str, set[str]], dict[str, set[str]]]] = {
    "table": ({"TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"},
               "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"}},
              {"Table": {"TR", "THead", "TBody", "TFoot", "Caption"}, "TR": {"TH", "TD"},
               "THead": {"TR"}, "TBody": {"TR"}, "TFoot": {"TR"}}),
    "list": ({"LI": {"L"}, "LBody": {"LI"}}, {"L": {"LI", "L", "Caption"}, "LI": {"Lbl", "LBody"}}),
    "TOC": ({"TOCI": {"TOC"}}, {"TOC": {"TOCI", "TOC", "Caption"},
                                "TOCI": {"Lbl", "Reference", "P", "NonStruct", "TOC"}}),
}


def _syntax(doc: Document, kind: str) -> Result:
    parents, kids = _SYNTAX[kind]
    t = _t(doc)
    for el in _elements(doc):
        parent = el.parent.type if el.parent is not None else "(root)"
        if el.type in parents and parent not in parents[el.type]:
            places = " or ".join(sorted(parents[el.type]))
            yield _where(t, el), f"{el.raw} inside {parent}: a {el.type} belongs in {places}"
        if el.type in kids:
            wrong = sorted({c.raw for c in el.children if c.type and c.type not in kids[el.type]})
            if wrong:
                allowed = ", ".join(sorted(kids[el.type]))
                yield _where(t, el), f"{el.raw} holds {', '.join(wrong)}; it may hold {allowed}"


def table_syntax(doc: Document) -> Result:
    return _syntax(doc, "table")


def list_syntax(doc: Document) -> Result:
    return _syntax(doc, "list")


def toc_syntax(doc: Document) -> Result:
    return _syntax(doc, "TOC")


# 06, 07: metadata and the title


def _xmp(doc: Document) -> tuple[ET.Element | None, str]:
    meta = _t(doc).pdf.Root.get("/Metadata")
    if not isinstance(meta, pikepdf.Stream):
        return None, "no XMP metadata stream in the catalog"
    if meta.get("/Type") != "/Metadata" or meta.get("/Subtype") != "/XML":
        return None, "the catalog's /Metadata stream is not /Type /Metadata /Subtype /XML"
    try:
        return ET.fromstring(meta.read_bytes()), ""
    except ET.ParseError as exc:
        return None, f"the XMP metadata is not well-formed XML ({exc})"


def xmp_metadata(doc: Document) -> Result:
    _, problem = _xmp(doc)
    if problem:
        yield None, problem


def pdfua_identifier(doc: Document) -> Result:
    root, _ = _xmp(doc)
    if root is None:
        yield None, "no XMP metadata, so no PDF/UA identifier"
        return
    parts = [e.text or "" for e in root.iter(f"{{{NS['pdfuaid']}}}part")]
    parts += [d.get(f"{{{NS['pdfuaid']}}}part", "") for d in root.iter(f"{{{NS['rdf']}}}Description")]
    parts = [p.strip() for p in parts if p.strip()]
    if not parts:
        yield None, "the XMP metadata has no pdfuaid:part: not identified as PDF/UA"
    elif parts[0] != "1":
        yield None, f"pdfuaid:part is {parts[0]}; PDF/UA-1 is part 1"


def _titles(root: ET.Element) -> list[ET.Element]:
    return [li for title in root.iter(f"{{{NS['dc']}}}title") for li in title.iter(f"{{{NS['rdf']}}}li")]


def dc_title(doc: Document) -> Result:
    root, _ = _xmp(doc)
    if root is None or not any((li.text or "").strip() for li in _titles(root)):
        yield None, "the XMP metadata has no dc:title naming the document"


def display_doc_title(doc: Document) -> Result:
    prefs = _t(doc).pdf.Root.get("/ViewerPreferences")
    value = prefs.get("/DisplayDocTitle") if isinstance(prefs, pikepdf.Dictionary) else None
    if value is None:
        yield None, "no /ViewerPreferences /DisplayDocTitle: viewers show the file name, not the title"
    elif not _true(value):
        yield None, "/ViewerPreferences /DisplayDocTitle is false: viewers show the file name, not the title"


# 11: natural language


def natural_language(doc: Document) -> Result:
    t = _t(doc)
    catalog = t.pdf.Root.get("/Lang")
    for where, value in _languages(t):
        if not LANGUAGE_TAG.match(value):
            yield where, f"/Lang '{value}' is not a language tag (BCP 47)"
    if isinstance(catalog, pikepdf.String) and str(catalog).strip():
        return
    yield from _undetermined(t, doc)


def _languages(t: Tagged) -> Iterator[tuple[int | None, str]]:
    if "/Lang" in t.pdf.Root:
        yield None, str(t.pdf.Root.Lang)
    for el in t.tree.elements if t.tree else []:
        if "/Lang" in el.obj:
            yield _where(t, el), str(el.obj.Lang)


def _has_lang(el: Element | None) -> bool:
    return el is not None and any("/Lang" in e.obj and str(e.obj.Lang).strip() for e in (el, *el.ancestors()))


def _undetermined(t: Tagged, doc: Document) -> Result:
    text = [e for e in _elements(doc) if e.mcids and not _has_lang(e)]
    if text:
        yield _where(t, text[0]), f"no /Lang in the catalog nor on {len(text)} elements with page text (11-001)"
    alt = [e for e in _elements(doc) if any(k in e.obj for k in ("/Alt", "/ActualText", "/E")) and not _has_lang(e)]
    if alt:
        yield _where(t, alt[0]), f"no /Lang for the Alt, ActualText or E of {len(alt)} elements (11-002)"
    if "/Outlines" in t.pdf.Root and "/First" in t.pdf.Root.Outlines:
        yield None, "outline entries, and no /Lang in the catalog to say their language (11-003)"
    for page, annot in t.annotations():
        key = annot.get("/StructParent")
        entry = t.tree.parent_tree.get(key) if t.tree is not None and isinstance(key, int) else None
        el = t.by_object.get(entry.objgen) if isinstance(entry, pikepdf.Dictionary) and entry.is_indirect else None
        if "/Contents" in annot and not _has_lang(el):
            yield page, "no /Lang for an annotation's /Contents (11-004)"
    root, _ = _xmp(doc)
    if root is None or not any(li.get(XML_LANG, "x-default") != "x-default" for li in _titles(root)):
        yield None, "no /Lang in the catalog: the language of the metadata cannot be determined (11-006)"


# 13, 17: alternative text


def _alternative(doc: Document, kind: str) -> Result:
    t = _t(doc)
    for el in _elements(doc):
        if el.type == kind and not (el.text("/Alt").strip() or el.text("/ActualText").strip()):
            yield _where(t, el), f"{el.raw} without /Alt or /ActualText: a screen reader has nothing to say"


def figure_alt(doc: Document) -> Result:
    return _alternative(doc, "Figure")


def formula_alt(doc: Document) -> Result:
    return _alternative(doc, "Formula")


# 14: headings


def heading_levels(doc: Document) -> Result:
    t = _t(doc)
    previous = 0
    for el in _elements(doc):
        level = HEADING.match(el.type)
        if level is None:
            continue
        n = int(level.group(1))
        if previous == 0 and n != 1:
            yield _where(t, el), f"the first numbered heading is {el.type}, not H1 (14-002)"
        elif n > previous + 1 and previous:
            yield _where(t, el), f"{el.type} follows H{previous}: heading levels skipped (14-003)"
        previous = n


def heading_kinds(doc: Document) -> Result:
    t = _t(doc)
    els = _elements(doc)
    for el in els:
        hs = [c for c in el.children if c.type == "H"]
        if len(hs) > 1:
            yield _where(t, hs[1]), f"{el.raw} holds {len(hs)} H elements; one per node (14-006)"
    if any(e.type == "H" for e in els) and any(HEADING.match(e.type) for e in els):
        yield None, "the document uses both H and numbered headings H1, H2, ... (14-007)"


# 15, 19: tables and notes


def _cells(table: Element) -> Iterator[Element]:
    for child in table.children:
        if child.type in ("TH", "TD"):
            yield child
        elif child.type != "Table":
            yield from _cells(child)


def th_scope(doc: Document) -> Result:
    t = _t(doc)
    for table in (e for e in _elements(doc) if e.type == "Table"):
        cells = list(_cells(table))
        if any(len(c.attribute("/Table", "/Headers") or ()) for c in cells):
            continue  # organised with Headers and IDs (Typst writes an empty /Headers on every cell)
        bare = [c for c in cells if c.type == "TH" and c.attribute("/Table", "/Scope") is None]
        if bare:
            yield _where(t, bare[0]), f"{len(bare)} TH cells without /Scope in a table without Headers and IDs"


def note_ids(doc: Document) -> Result:
    t = _t(doc)
    seen: Counter[bytes] = Counter()
    for el in (e for e in _elements(doc) if e.type == "Note"):
        value = el.get("/ID")
        if not isinstance(value, pikepdf.String) or not bytes(value):
            yield _where(t, el), f"{el.raw} without an /ID (19-003)"
            continue
        seen[bytes(value)] += 1
        if seen[bytes(value)] == 2:
            yield _where(t, el), f"two Notes with the /ID {bytes(value)!r} (19-004)"


# 20, 21, 26: optional content, embedded files, security


def optional_content(doc: Document) -> Result:
    props = _t(doc).pdf.Root.get("/OCProperties")
    if not isinstance(props, pikepdf.Dictionary):
        return
    configs = [("the default configuration /D", props.get("/D"))] + [
        (f"configuration {i + 1} in /Configs", c) for i, c in enumerate(props.get("/Configs") or [])]
    for label, config in configs:
        if not isinstance(config, pikepdf.Dictionary):
            continue
        name = config.get("/Name")
        if not isinstance(name, pikepdf.String) or not str(name).strip():
            yield None, f"optional content {label} has no /Name (20-00{2 if label.startswith('the') else 1})"
        if "/AS" in config:
            yield None, f"optional content {label} has an /AS entry (20-003)"


def embedded_files(doc: Document) -> Result:
    for obj in _t(doc).pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and "/EF" in obj and not ("/F" in obj and "/UF" in obj):
            yield None, f"embedded file specification {obj.objgen[0]} without both /F and /UF"


def encryption(doc: Document) -> Result:
    pdf = _t(doc).pdf
    if pdf.is_encrypted and not pdf.allow.accessibility:
        yield None, "encrypted without permission bit 10: assistive technology may not read the text"


# 28: annotations


def tabs(doc: Document) -> Result:
    for i, page in enumerate(_t(doc).pdf.pages):
        if page.obj.get("/Annots"):
            value = page.obj.get("/Tabs")
            if value is None:
                yield i + 1, "a page with annotations and no /Tabs (28-008)"
            elif value != "/S":
                yield i + 1, f"/Tabs {value} on a page with annotations; /S follows the structure (28-009)"


def _annot_element(t: Tagged, annot: Any) -> Element | None:
    key = annot.get("/StructParent")
    entry = t.tree.parent_tree.get(key) if t.tree is not None and isinstance(key, int) else None
    el = t.by_object.get(entry.objgen) if isinstance(entry, pikepdf.Dictionary) and entry.is_indirect else None
    return el if el is not None and annot.is_indirect and annot.objgen in el.objrs else None


def _annots(t: Tagged, wanted: Any) -> Iterator[tuple[int, Any]]:
    for page, annot in t.annotations():
        hidden = int(annot.get("/F", 0)) & HIDDEN
        if not hidden and wanted(str(annot.get("/Subtype", ""))):
            yield page, annot


def link_tags(doc: Document) -> Result:
    t = _t(doc)
    for page, annot in _annots(t, lambda s: s == "/Link"):
        el = _annot_element(t, annot)
        if el is None or el.type != "Link":
            found = f"in a {el.raw} element" if el is not None else "in no structure element"
            yield page, f"a link annotation {found}: it belongs to a Link element through an OBJR"


def annot_tags(doc: Document) -> Result:
    t = _t(doc)
    for page, annot in _annots(t, lambda s: s not in NOT_STRUCTURED):
        el = _annot_element(t, annot)
        if el is None or el.type != "Annot":
            yield page, f"a {annot.get('/Subtype')} annotation that is not the child of an Annot element"


def annot_contents(doc: Document) -> Result:
    t = _t(doc)
    for page, annot in _annots(t, lambda s: s not in ("/Widget", "/Popup")):
        contents = annot.get("/Contents")
        if isinstance(contents, pikepdf.String) and str(contents).strip():
            continue
        if annot.get("/Subtype") == "/Link":
            yield page, "a link annotation without /Contents describing it (28-012)"
        else:
            el = _annot_element(t, annot)
            if el is None or not el.text("/Alt").strip():
                yield page, f"a {annot.get('/Subtype')} annotation without /Contents or /Alt (28-004)"


def trap_net(doc: Document) -> Result:
    for page, annot in _t(doc).annotations():
        if annot.get("/Subtype") == "/TrapNet":
            yield page, "a TrapNet annotation"


# 30: XObjects


def reference_xobjects(doc: Document) -> Result:
    for obj in _t(doc).pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form" and "/Ref" in obj:
            yield None, f"form XObject {obj.objgen[0]} is a reference XObject (/Ref): its content is in another file"


def form_mcids(doc: Document) -> Result:
    t = _t(doc)
    drawn: Counter[ObjGen] = sum((m.forms_drawn for m in t.pages), Counter())
    marked = set().union(*(m.forms_with_mcids for m in t.pages)) if t.pages else set()
    for key in sorted(marked):
        if drawn[key] > 1:
            yield None, f"form XObject {key[0]} holds MCIDs and is drawn {drawn[key]} times"


# 10, 31: fonts


def _shown(doc: Document) -> Iterator[tuple[int, Font, bytes, bool]]:
    t = _t(doc)
    for i, marks in enumerate(t.pages):
        for s in marks.shown:
            font = t.font(s.font)
            if font is not None:
                yield i + 1, font, s.data, s.rendered


def font_programs(doc: Document) -> Result:
    reported: set[str] = set()
    for page, font, _, rendered in _shown(doc):
        if rendered and not font.embedded and font.name not in reported:
            reported.add(font.name)
            yield page, f"font {font.name} is not embedded"


def unicode_mapping(doc: Document) -> Result:
    missing: dict[str, tuple[int, set[bytes]]] = {}
    for page, font, data, _ in _shown(doc):
        if font.unicode is None:
            if not font.exempt_from_tounicode:
                missing.setdefault(font.name, (page, set()))
            continue
        lost = {c for c in font.codes(data) if not font.unicode.maps(c)}
        if lost:
            missing.setdefault(font.name, (page, set()))[1].update(lost)
    for name, (page, codes) in missing.items():
        if codes:
            yield page, f"font {name}: codes {_few(sorted(c.hex() for c in codes))} have no Unicode value (10-001)"
        else:
            yield page, f"font {name} has no /ToUnicode map and its text cannot be derived otherwise (31-027)"


def unicode_values(doc: Document) -> Result:
    reported: set[str] = set()
    for page, font, _, _ in _shown(doc):
        if font.unicode is None or font.name in reported:
            continue
        reported.add(font.name)
        bad = sorted({v for v in font.unicode.values() if v in (0, 0xFEFF, 0xFFFE)})
        if bad:
            yield page, f"font {font.name}: its ToUnicode map gives {', '.join(f'U+{v:04X}' for v in bad)}"


def notdef(doc: Document) -> Result:
    found: dict[str, tuple[int, int]] = {}
    for page, font, data, _ in _shown(doc):
        n = sum(1 for c in font.codes(data) if font.is_notdef(c))
        if n:
            first, total = found.get(font.name, (page, 0))
            found[font.name] = (first, total + n)
    for name, (page, n) in found.items():
        yield page, f"font {name}: {n} characters shown with the .notdef glyph"


UA_CHECKS: tuple[Check, ...] = (
    Check("mark-info", "error", "[01-007] /MarkInfo /Marked true, no /Suspects", mark_info, False),
    Check("structure-tree", "error", "[01-005] a structure tree with elements", structure_tree, False),
    Check("tagged-content", "error", "[01-005] all content tagged or an artifact", tagged_content, False),
    Check("artifact-nesting", "error", "[01-003 01-004] artifacts and tagged content not nested",
          artifact_nesting, False),
    Check("parent-tree", "error", "[01-005] every MCID reachable through /StructParents", parent_tree, False),
    Check("role-map", "error", "[02-001 02-003 02-004] role map ends in standard types", role_map, False),
    Check("table-syntax", "error", "[09-004] table elements nested as ISO 32000-1 Table 337", table_syntax, False),
    Check("list-syntax", "error", "[09-005] list elements nested as ISO 32000-1 Table 336", list_syntax, False),
    Check("toc-syntax", "error", "[09-006] TOC elements nested as ISO 32000-1 Table 333", toc_syntax, False),
    Check("xmp-metadata", "error", "[06-001] an XMP metadata stream", xmp_metadata, False),
    Check("pdfua-identifier", "error", "[06-002] pdfuaid:part 1 in the XMP", pdfua_identifier, False),
    Check("dc-title", "error", "[06-003] dc:title in the XMP", dc_title, False),
    Check("display-doc-title", "error", "[07-001 07-002] /DisplayDocTitle true", display_doc_title, False),
    Check("natural-language", "error", "[11-001..004 11-006] natural language determinable",
          natural_language, False),
    Check("figure-alt", "error", "[13-004] every Figure has alternative text", figure_alt, False),
    Check("formula-alt", "error", "[17-002] every Formula has alternative text", formula_alt, False),
    Check("heading-levels", "error", "[14-002 14-003] headings start at H1, skip no level", heading_levels, False),
    Check("heading-kinds", "error", "[14-006 14-007] one H per node, not both H and Hn", heading_kinds, False),
    Check("th-scope", "error", "[15-003] TH cells have /Scope (or Headers and IDs)", th_scope, False),
    Check("note-ids", "error", "[19-003 19-004] every Note has its own /ID", note_ids, False),
    Check("optional-content", "error", "[20-001..003] optional content configurations named, no /AS",
          optional_content, False),
    Check("embedded-files", "error", "[21-001] embedded files with /F and /UF", embedded_files, False),
    Check("encryption", "error", "[26-002] encryption leaves assistive technology its access", encryption, False),
    Check("tabs", "error", "[28-008 28-009] /Tabs /S on pages with annotations", tabs, False),
    Check("link-tags", "error", "[28-011] link annotations inside Link elements", link_tags, False),
    Check("annot-tags", "error", "[28-002] other annotations inside Annot elements", annot_tags, False),
    Check("annot-contents", "error", "[28-004 28-012] annotations have /Contents", annot_contents, False),
    Check("trap-net", "error", "[28-007] no TrapNet annotations", trap_net, False),
    Check("reference-xobjects", "error", "[30-001] no reference XObjects", reference_xobjects, False),
    Check("form-mcids", "error", "[30-002] no form with MCIDs drawn twice", form_mcids, False),
    Check("font-programs", "error", "[31-009] fonts for rendered text embedded", font_programs, False),
    Check("unicode-mapping", "error", "[10-001 31-027] every character code maps to Unicode",
          unicode_mapping, False),
    Check("unicode-values", "error", "[31-028 31-029] no ToUnicode value 0, FEFF or FFFE", unicode_values, False),
    Check("notdef", "error", "[31-030] no character shown with .notdef", notdef, False),
)
