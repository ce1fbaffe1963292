"""Contents: one entry per level-1 heading, each linked to its page.

The list's height does not depend on its page numbers, so it needs no second layout pass:
each number is a form XObject drawn now and defined once the pages are known (the
"page X of Y" technique).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..model.block import Block, walk
from ..theme.model import ContentsLook
from .base import CheckContext, ComposeContext, block_ref, register
from .heading import Heading, heading_mark
from .markup import plain_paragraph
from .tags import Node, tags_of
from .text import TextFlow


@dataclass(frozen=True, slots=True, kw_only=True)
class Contents(Block):
    """The contents list, its page numbers taken from the pagination."""

    title: str = field(default="Contents", metadata={"doc": "the title above the list"})

    @property
    def ref_name(self) -> str:
        return self.title


def check(block: Contents, ctx: CheckContext) -> None:
    if not any(isinstance(b, Heading) and b.level == 1 and b.contents for b in ctx.edition.blocks()):
        ctx.sink.warning(block.span, "the contents list is empty: no level-1 heading in the edition")


class ContentsEntry(Flowable):
    """One line: the folio (a form filled in later), the section title, a link over both."""

    def __init__(self, key: str, title: TextFlow, number_style: ParagraphStyle, number_width: float,
                 node: Node, linked: bool = True) -> None:
        super().__init__()
        self.linked, self.node = linked, node  # node: the entry's Link (or its P when unlinked)
        self.key, self.title, self.number_width = key, title, number_width
        self.number_style = number_style
        self.form = "toc-" + key

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _, h = self.title.wrap(aw - self.number_width - 12, ah)
        # The title's first line stands level with the middle of the number's line, and a
        # long title's further lines follow at its own leading, below.
        self.width, self.height = aw, max(self.number_style.leading, self._title_drop() + h)
        return self.width, self.height

    def _title_drop(self) -> float:
        """From the entry's top to the top of the title's box."""
        return self.number_style.leading / 2 - self.title.style.fontSize

    def draw(self) -> None:
        c: Any = self.canv  # (reportlab's private annotation helpers are not in its stubs)
        tags = tags_of(c)
        c.saveState()
        c.translate(self.number_width, self.height - self.number_style.fontSize)
        if tags is None:
            c.doForm(self.form)
        else:
            with tags.content(c, self.node):
                c.doForm(self.form)
        c.restoreState()
        _, h = self.title.wrap(self.width - self.number_width - 12, self.height)
        self.title.drawOn(c, self.number_width + 12, self.height - self._title_drop() - h)
        if not self.linked:
            return
        if tags is None:
            c.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
            return
        # reportlab's linkRect takes no /StructParent: the same annotation, with it
        c._addAnnotation(PDFDictionary({
            "Type": PDFName("Annot"), "Subtype": PDFName("Link"), "Border": PDFArray([0, 0, 0]),
            "Rect": PDFArray(c._absRect((0, 0, self.width, self.height), 1)),
            "Dest": c._bookmarkReference(self.key), "StructParent": tags.annotate(c, self.node),
            "Contents": PDFString(f"Go to {self.title.text}")}))

    def define_number(self, canvas: Canvas, folio: int | None) -> None:
        """Define this entry's number form: right-aligned, in the contents number style."""
        text = str(folio) if folio is not None else "–"
        style = self.number_style
        c = canvas
        # (the stubs type a form's box in whole points; reportlab writes any number)
        c.beginForm(self.form, lowerx=-self.number_width, lowery=-style.fontSize * 0.3,  # type: ignore[arg-type]
                    upperx=0, uppery=style.fontSize)
        c.setFont(style.fontName, style.fontSize)
        c.setFillColor(style.textColor)
        c.drawRightString(0, 0, text)
        c.endForm()


def compose(block: Contents, ctx: ComposeContext) -> list[Flowable]:
    look = ctx.look("contents", ContentsLook)
    number = ctx.theme.styles.para("contents.number")
    width = stringWidth("000", number.fontName, number.fontSize)
    out: list[Flowable] = [plain_paragraph(block.title, "contents.title", ctx)]
    toc = ctx.tags.add("TOC")
    for heading in (b for b in walk(_all(ctx)) if isinstance(b, Heading) and b.level == 1 and b.contents):
        item = toc.add("TOCI")
        # (a TOCI holds Lbl, Reference, NonStruct, P or TOC: ISO 32000-1 Table 333)
        node = item.add("Reference").add("Link") if ctx.theme.profile.links else item.add("P")
        text = plain_paragraph(heading.text, "contents.entry", ctx, role=None)
        text.node = node
        mark = heading_mark(heading, text.text)
        entry = ContentsEntry(mark.key, text, number, width, node, linked=ctx.theme.profile.links)
        entry.spaceAfter = look.entry_space_after
        ctx.sources.note(entry, cause=block_ref(heading))  # an entry that cannot fit is its heading's
        ctx.toc_entries.append(entry)
        out.append(entry)
    return out


def _all(ctx: ComposeContext) -> list[Block]:
    return [b for page in ctx.edition.pages for b in page.blocks]


register("contents", Contents, check, compose, styles=("contents.title", "contents.number", "contents.entry"),
         looks=("contents",))
