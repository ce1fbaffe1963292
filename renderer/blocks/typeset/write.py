"""Broken lines written into the page's content stream: one text object for many lines or
cells, each line's glyphs encoded once per document."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFString

from ..tags import Node, tags_of
from .lines import Line, line_width
from .words import SHY, Run


def _num(value: float) -> str:
    """A coordinate for the content stream: two decimals are a hundredth of a point."""
    text = _NUMS.get(value)
    if text is None:
        text = f"{value:.2f}"
        if text.endswith("00"):
            text = text[:-3]
            if text == "-0":
                text = "0"
        else:
            text = text.rstrip("0")
        if len(_NUMS) >= _NUMS_KEPT:
            _NUMS.clear()
        _NUMS[value] = text
    return text


# Coordinates repeat (the baselines of a page, the left edges of columns, font sizes), and
# formatting one costs more than looking it up. Keyed by the float itself: 0.0 and -0.0 are
# one key, and both are written "0".
_NUMS: dict[float, str] = {}
_NUMS_KEPT = 4096


# Encoded glyph strings per document: the embedded fonts are subsets numbered in the order
# characters are first used, so an encoding is valid only within the document that made it.
_encoded: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], list[tuple[str, str]]]] = weakref.WeakKeyDictionary()


def _encode(canv: Any, font_name: str, text: str) -> list[tuple[str, str]]:
    """``[(subset font resource name, show operator)]`` for ``text`` in this document: the
    string escaped and shown with ``Tj``, one per subset the text's characters fall in."""
    doc = canv._doc
    font: Any = pdfmetrics.getFont(font_name)
    if getattr(font, "_dynamicFont", False):
        return [(font.getSubsetInternalName(subset, doc), f"({canv._escape(chunk)}) Tj")
                for subset, chunk in font.splitString(text, doc)]
    return [(doc.getInternalFontName(font_name), f"({canv._escape(text)}) Tj")]  # a standard font


@dataclass(slots=True)
class LinkArea:
    """Where a link's text was drawn on one line, and what it says."""

    url: str
    rect: tuple[float, float, float, float]
    text: str
    node: Node | None  # the element whose text it is


class TextWriter:
    """One text object on the canvas that any number of lines and cells are written into;
    :meth:`finish` draws it inside a saved graphics state and adds the links.

    In a tagged document each piece written between :meth:`begin` and :meth:`end` is the
    content of one structure element; the text object as a whole stands outside the page's
    artifact sequence."""

    def __init__(self, canv: Any) -> None:
        self.canv = canv
        self.tags = tags_of(canv)
        self._node: Node | None = None   # the element being written
        self._link: tuple[str, Node] | None = None  # the Link (URL, element) being written, inside it
        self.text = canv.beginText()
        self.code: list[str] = self.text._code
        cache = _encoded.get(canv._doc)
        if cache is None:
            cache = _encoded[canv._doc] = {}
        self._cache = cache
        self._resource: str | None = None  # the font resource and size set last
        self._size = 0.0
        self._colour: Color | None = None
        self._rise = 0.0
        self.links: list[LinkArea] = []

    def begin(self, node: Node | None) -> None:
        """What is written until :meth:`end` is ``node``'s content (an artifact for None: a
        table header repeated on a following page)."""
        if self.tags is not None:
            self.code.append(self.tags.open(node))
            self._node = node

    def end(self) -> None:
        if self.tags is not None:
            self.code.append("EMC")
            self._node, self._link = None, None

    def linking(self, url: str | None) -> None:
        """Text written from here is a link's to ``url`` (or the element's own, for None): in a
        tagged document a link's text is the content of a ``Link`` element inside the element,
        which its annotations belong to."""
        if self.tags is None or self._node is None or (self._link[0] if self._link else None) == url:
            return
        parent = self._node
        self.code.append("EMC")
        if url is None:
            self._link = None
            self.code.append(self.tags.open(parent))
            return
        self._link = (url, parent.add("Link"))
        self.code.append(self.tags.open(self._link[1]))

    def link(self, url: str, rect: tuple[float, float, float, float], text: str) -> None:
        self.links.append(LinkArea(url, rect, text, self._link[1] if self._link else self._node))

    def move(self, x: float, y: float) -> None:
        self.code.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm")

    def show(self, run: Run, chunk: str) -> None:
        """Text in ``run``'s look at the current point."""
        if self._colour is not run.colour:
            self.text.setFillColor(run.colour)
            self._colour = run.colour
        if run.rise != self._rise:
            self.code.append(f"{_num(run.rise)} Ts")
            self._rise = run.rise
        key = (run.font, chunk)  # as given: the soft hyphens a chunk holds are not drawn
        encoded = self._cache.get(key)
        if encoded is None:
            encoded = self._cache[key] = _encode(self.canv, run.font, chunk.replace(SHY, "") if SHY in chunk
                                                 else chunk)
        code, size = self.code, run.size
        for resource, shown in encoded:
            if self._resource != resource or self._size != size:
                code.append(f"{resource} {_num(size)} Tf")
                self._resource, self._size = resource, size
            code.append(shown)

    def finish(self) -> None:
        canv = self.canv
        if self.tags is not None:
            self.tags.leave_artifact(canv)
        # The text object inside a saved graphics state, as ``saveState``, ``drawText`` and
        # ``restoreState`` write it: drawing a text object changes none of the state those
        # save and restore, so only their operators are written.
        canv._code.extend(("q", self.text.getCode(), "Q"))
        for area in _merge_links(self.links):
            extra: dict[str, Any] = {}
            if self.tags is not None and area.node is not None:
                extra["StructParent"] = self.tags.annotate(canv, area.node)
                extra["Contents"] = PDFString(f"{area.text.strip()} ({area.url})")
            canv.linkURL(area.url, area.rect, relative=1, thickness=0, **extra)
        if self.tags is not None:
            self.tags.resume_artifact(canv)


def draw_lines(writer: TextWriter, lines: Sequence[Line], x0: float, top: float, width: float, leading: float,
               first_baseline: float, alignment: int | str) -> None:
    """Write broken lines into a box ``width`` wide from ``x0`` whose top is at ``top``."""
    y = top - first_baseline
    last = len(lines) - 1
    code = writer.code
    tagged = writer.tags is not None
    for n, line in enumerate(lines):
        x, spread = _start(line, n, last, lines, width, alignment)
        at_y = _num(y)
        code.append(f"1 0 0 1 {_num(x0 + x)} {at_y} Tm")
        for at, run, chunk, advance in _segments(line, x0 + x, spread):
            if spread:
                code.append(f"1 0 0 1 {_num(at)} {at_y} Tm")
            url = run.url
            if url is not None or writer._link is not None:
                writer.linking(url)
            writer.show(run, chunk)
            if url is not None:
                writer.link(url, (at, y - 0.2 * run.size + run.rise, at + advance, y + 0.8 * run.size + run.rise),
                            chunk)
        if tagged and n < last and lines[n + 1]:
            gap = lines[n + 1][0].gap
            if gap is not None:
                # The space a line was broken at is written after its last word, where it
                # shows nothing: text read in structure order keeps "with our" two words.
                writer.show(gap.run, gap.text)
        y -= leading


def _start(line: Line, n: int, last: int, lines: Sequence[Line], width: float,
           alignment: int | str) -> tuple[float, float]:
    """Where a line starts, and how much each of its gaps is widened (justified) or narrowed
    (a line the breaker fitted by narrowing its spaces)."""
    natural = line_width(line)
    if natural > width and len(line) > 1:
        return 0.0, (width - natural) / (len(line) - 1)
    if alignment == TA_RIGHT:
        return width - natural, 0.0
    if alignment == TA_CENTER:
        return (width - natural) / 2, 0.0
    if alignment == TA_JUSTIFY and n != last and len(line) > 1 and lines[n + 1] and not lines[n + 1][0].newline:
        # (the last line of a paragraph, and one before a hard break, stays ragged)
        return 0.0, max(0.0, width - natural) / (len(line) - 1)
    return 0.0, 0.0


def _segments(line: Line, x: float, spread: float) -> list[tuple[float, Run, str, float]]:
    """``(x, run, text, advance)`` for each stretch of a line in one run. Spaces are drawn,
    so a reader's copy of the page has them; in a justified line each word is placed.

    A stretch's texts are collected and joined once; its advance and the position are summed
    piece by piece, in the order the pieces are drawn."""
    out: list[tuple[float, Run, str, float]] = []
    at = x
    run: Run | None = None  # the run of the stretch being collected
    start = advance = 0.0
    texts: list[str] = []
    for i, word in enumerate(line):
        if i:
            gap = word.gap
            if gap is not None:
                if gap.run is not run:
                    if run is not None:
                        out.append((start, run, "".join(texts), advance))
                    run, start, advance, texts = gap.run, at, gap.width, [gap.text]
                else:
                    advance += gap.width
                    texts.append(gap.text)
                at += gap.width
            at += spread
            first = spread != 0  # in a justified line each word starts a stretch of its own
        else:
            at += 0.0
            first = False
        for piece in word.pieces:
            if first or piece.run is not run:
                if run is not None:
                    out.append((start, run, "".join(texts), advance))
                run, start, advance, texts = piece.run, at, piece.width, [piece.text]
                first = False
            else:
                advance += piece.width
                texts.append(piece.text)
            at += piece.width
    if run is not None:
        out.append((start, run, "".join(texts), advance))
    return out


def _merge_links(links: list[LinkArea]) -> list[LinkArea]:
    """One clickable area per link per line, not one per word."""
    merged: list[LinkArea] = []
    for area in links:
        last = merged[-1] if merged else None
        same_line = last is not None and abs(last.rect[1] - area.rect[1]) < 0.01
        if last is not None and same_line and last.url == area.url and last.node is area.node:
            x0, y0, _, y1 = last.rect
            merged[-1] = LinkArea(area.url, (x0, min(y0, area.rect[1]), area.rect[2], max(y1, area.rect[3])),
                                  last.text + area.text, area.node)
        else:
            merged.append(area)
    return merged
