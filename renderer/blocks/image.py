"""Image: a picture from the edition folder, scaled to the column (or half of it).

The file must lie inside the edition folder, and its pixel size is read from its header and
bounded before anything is embedded (a 30,000 × 30,000 JPEG would otherwise go in unchecked).
When the output profile separates pictures (press), the picture is flattened and separated
into the printer's CMYK (see renderer.theme.separation) and held to the profile's resolution.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable
from reportlab.platypus import Image as RLImage

from ..diagnostics import ContentError, Diagnostic, Severity
from ..gate import Refused, inside
from ..load.files import resolve_inside
from ..model.block import Block
from ..theme.model import Spacing
from ..theme.separation import RGB_MODES, needs_profile, prepare, profile_problem
from .base import CheckContext, ComposeContext, register
from .boxes import Stack
from .markup import plain_paragraph
from .tags import Node, tags_of

MAX_PIXELS = 40_000_000
FORMATS = ("PNG", "JPEG")


@dataclass(frozen=True, slots=True, kw_only=True)
class Image(Block):
    """A picture from a file in the edition folder."""

    src: str = field(metadata={"doc": "PNG or JPEG file, relative to the edition folder"})
    alt: str = field(metadata={"doc": "what the image shows, for readers who cannot see it"})
    caption: str | None = field(default=None, metadata={"doc": "small text under the image"})
    width: Literal["full", "half"] = field(default="full", metadata={"doc": "full or half the column"})

    @property
    def ref_name(self) -> str:
        return self.alt[:40]

    def files(self) -> tuple[str, ...]:
        return (self.src,)


def check(block: Image, ctx: CheckContext) -> None:
    if not block.alt.strip():
        ctx.sink.error(block.span_of("alt"), f"image '{block.src}' needs an 'alt' text: what it shows, in a sentence",
                       "a reader who cannot see the picture is told this instead")
    path = resolve_inside(ctx.edition.root, block.src, block.span_of("src"), ctx.sink, "image")
    if path is None:
        return
    from PIL import Image as PILImage  # only editions with images pay for Pillow

    try:
        with PILImage.open(path) as im:  # reads the header
            size, fmt, mode, embedded = im.size, im.format, im.mode, im.info.get("icc_profile")
            if fmt in FORMATS and size[0] * size[1] <= MAX_PIXELS:
                im.load()  # a damaged file fails here, with its name, not while the PDF is drawn
    except PILImage.DecompressionBombError:
        ctx.sink.error(block.span_of("src"), f"image '{block.src}' is far too large: more than "
                       f"{MAX_PIXELS:,} pixels are never embedded", "scale it to the printed size at 300 ppi")
        return
    except (OSError, SyntaxError, ValueError) as exc:  # what Pillow's decoders raise on bad data
        ctx.sink.error(block.span_of("src"), f"image '{block.src}' cannot be read: {exc}",
                       "export it again as PNG or JPEG")
        return
    if fmt not in FORMATS:
        ctx.sink.error(block.span_of("src"), f"image '{block.src}' is {fmt}; use PNG or JPEG")
    if size[0] * size[1] > MAX_PIXELS:
        ctx.sink.error(block.span_of("src"), f"image '{block.src}' is {size[0]:,} × {size[1]:,} pixels; "
                       f"at most {MAX_PIXELS:,} pixels are embedded", "scale it to the printed size at 300 ppi")
    problem = profile_problem(embedded) if mode in RGB_MODES else None
    if problem is not None:
        ctx.sink.warning(block.span_of("src"), f"image '{block.src}': its colour profile cannot be used ({problem}); "
                         "it is taken as sRGB", "export it again with its colour profile, or with none")
    if ctx.theme.profile.separates_pictures and ctx.theme.icc_profile is None and needs_profile(mode):
        ctx.sink.error(block.span_of("src"), f"image '{block.src}' is {_MODE_NAMES.get(mode, mode)}; a press build "
                       "separates it into CMYK with the printer's profile, and the layout names none",
                       "set press: icc_profile: FILE in layout/templates.yaml, or supply the picture as a CMYK JPEG")


_MODE_NAMES = {"RGBA": "RGB with transparency", "P": "an indexed-colour (RGB) picture",
               "PA": "an indexed-colour (RGB) picture", "YCbCr": "YCbCr colour"}


class TaggedImage(RLImage):
    """A picture that is the content of its ``Figure`` element in a tagged document."""

    def __init__(self, source: Any, node: Node) -> None:
        super().__init__(source)
        self.node = node

    def draw(self) -> None:
        tags = tags_of(self.canv)
        if tags is None:
            super().draw()
            return
        with tags.content(self.canv, self.node):
            super().draw()


def compose(block: Image, ctx: ComposeContext) -> list[Flowable]:
    path = _placed_file(block, ctx)
    width = ctx.width if block.width == "full" else (ctx.width - ctx.theme.layout.gutter) / 2
    pixels = prepare(path, ctx.theme.profile, ctx.theme.icc_profile)
    figure = ctx.tags.add("Figure", alt=block.alt)
    img: Picture | TaggedImage = (Picture(pixels, figure) if isinstance(pixels, ImageReader)
                                  else TaggedImage(pixels if pixels is not None else str(path), figure))
    img.drawHeight = width * img.imageHeight / img.imageWidth
    img.drawWidth = width
    ppi = img.imageWidth / (width / 72)
    least = ctx.theme.profile.min_ppi
    if least is not None and ctx.sink is not None and ppi < least - 1:
        ctx.sink.warning(block.span_of("src"), f"image '{block.src}' prints at {ppi:.0f} ppi at its placed width "
                         f"({width:.0f} pt); the press needs {least} ppi",
                         f"supply it at least {least * width / 72:,.0f} pixels wide")
    img.hAlign = "LEFT"
    items: list[Flowable] = [img]
    if block.caption:
        items.append(plain_paragraph(block.caption, "image.caption", ctx, role="Caption"))
    stack = Stack(items, width)
    look = ctx.look("image", Spacing)
    stack.spaceBefore, stack.spaceAfter = look.space_before, look.space_after
    return [stack]


class Picture(Flowable):
    """A picture drawn from a reader prepared for it (a CMYK picture with its soft mask), which
    reportlab's ``Image`` cannot take: it opens its own reader from a file."""

    def __init__(self, reader: ImageReader, node: Node) -> None:
        super().__init__()
        self.reader, self.node = reader, node
        self.imageWidth, self.imageHeight = reader.getSize()
        self.drawWidth, self.drawHeight = float(self.imageWidth), float(self.imageHeight)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        tags = tags_of(self.canv)
        if tags is None:
            self.canv.drawImage(self.reader, 0, 0, self.drawWidth, self.drawHeight, mask="auto")
            return
        with tags.content(self.canv, self.node):
            self.canv.drawImage(self.reader, 0, 0, self.drawWidth, self.drawHeight, mask="auto")


def _placed_file(block: Image, ctx: ComposeContext) -> Path:
    """The picture's file, through the gate again: ``check`` passed it, but the file is opened
    now, by Pillow and reportlab, and may have been replaced since."""
    try:
        return inside(ctx.edition.root, block.src, "image")
    except Refused as exc:
        raise ContentError([Diagnostic(Severity.ERROR, block.span_of("src"), str(exc))]) from None


register("image", Image, check, compose, styles=("image.caption",), looks=("image",))
