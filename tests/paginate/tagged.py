"""A tagged PDF read back as a screen reader walks it, with pikepdf: the structure tree in order,
each element with the text of its marked content (decoded through the fonts' ToUnicode maps),
and each page's content checked for painting outside any marked content."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pikepdf

PAINTING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "INLINE IMAGE"}


@dataclass
class Element:
    role: str
    obj: pikepdf.Dictionary
    kids: list[Element] = field(default_factory=list)
    marked: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    annotations: list[pikepdf.Dictionary] = field(default_factory=list)
    text: str = ""

    def walk(self) -> list[Element]:
        return [self, *(e for kid in self.kids for e in kid.walk())]

    @property
    def alt(self) -> str | None:
        return str(self.obj.Alt) if "/Alt" in self.obj else None


@dataclass
class PageContent:
    texts: dict[int, str]          # MCID → text drawn in it
    unmarked: list[str]            # painting operators outside any marked content
    nested: int                    # artifacts inside real content, or real content inside artifacts
    unmapped: int                  # character codes shown that the font's ToUnicode map leaves out


def _cmap(font: pikepdf.Dictionary) -> dict[int, str]:
    data = font.ToUnicode.read_bytes().decode("latin-1")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(int(uni, 16) + i)
    return out


def page_content(page: pikepdf.Page) -> PageContent:
    fonts = {name: _cmap(f) for name, f in page.Resources.get("/Font", {}).items() if "/ToUnicode" in f}
    stack: list[tuple[str, int | None]] = []
    texts: dict[int, str] = {}
    unmarked: list[str] = []
    nested = unmapped = 0
    cmap: dict[int, str] = {}
    for operands, op in pikepdf.parse_content_stream(page):
        name = str(op)
        if name in ("BMC", "BDC"):
            tag = str(operands[0])
            mcid = int(operands[1].MCID) if name == "BDC" and "/MCID" in operands[1] else None
            if stack and (stack[-1][0] == "/Artifact") != (tag == "/Artifact"):
                nested += 1
            stack.append((tag, mcid))
        elif name == "EMC":
            stack.pop()
        elif name == "Tf":
            cmap = fonts.get(str(operands[0]), {})
        elif name in PAINTING and not stack:
            unmarked.append(name)
        if name in ("Tj", "TJ"):
            strings = operands[0] if name == "TJ" else [operands[0]]
            codes = [b for s in strings if isinstance(s, pikepdf.String) for b in bytes(s)]
            unmapped += sum(1 for b in codes if b not in cmap)
        if name in ("Tj", "TJ") and stack and stack[-1][1] is not None:
            text = "".join(cmap.get(b, "") for b in codes)
            mcid = stack[-1][1]
            texts[mcid] = texts.get(mcid, "") + text
    return PageContent(texts, unmarked, nested, unmapped)


def structure(pdf: pikepdf.Pdf) -> Element:
    """The structure tree from its root element, each element's text gathered in tree order."""
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    contents = [page_content(p) for p in pdf.pages]

    def element(obj: pikepdf.Dictionary) -> Element:
        e = Element(str(obj.S).lstrip("/"), obj)
        page = pages.get(obj.Pg.objgen) if "/Pg" in obj else None
        k = obj.get("/K")
        parts: list[str] = []
        for kid in (list(k) if isinstance(k, pikepdf.Array) else [] if k is None else [k]):
            if isinstance(kid, int):
                assert page is not None
                e.marked.append((page, kid))
                parts.append(contents[page].texts.get(kid, ""))
            elif kid.get("/Type") == "/MCR":
                e.marked.append((pages[kid.Pg.objgen], int(kid.MCID)))
                parts.append(contents[e.marked[-1][0]].texts.get(e.marked[-1][1], ""))
            elif kid.get("/Type") == "/OBJR":
                e.annotations.append(kid.Obj)
            else:
                e.kids.append(element(kid))
                parts.append(e.kids[-1].text)
        e.text = "".join(parts)
        return e

    (root,) = [pdf.Root.StructTreeRoot.K] if isinstance(pdf.Root.StructTreeRoot.K, pikepdf.Dictionary) \
        else list(pdf.Root.StructTreeRoot.K)
    return element(root)
