"""Pictures as the PDF takes them: deep greys brought to 8 bits, photographs turned the way
the camera was held, wide-gamut RGB brought into sRGB for the screen, and for the press,
pictures separated into the printer's CMYK with the printer's own profile.

A press file may hold only CMYK and grey (PDF/X-1a forbids RGB outright; PDF/X-4 would need
each RGB image tagged with a profile, which reportlab cannot write). Transparency stays live,
as a soft mask, under PDF/X-4, and is flattened on paper white under PDF/X-1a, which allows
none. A separated photograph is stored as a CMYK JPEG; a CMYK JPEG goes in as it came. Separating here, with
the profile the printer supplies, puts the ink limit and black generation of that press
into the pictures, which a naive RGB → CMYK formula (300 % ink in every shadow, no black
plate) would not. Pillow's wheel bundles its LittleCMS, so with Pillow pinned the same
picture separates to the same bytes on every machine.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader

from ..diagnostics import Sink, Span
from ..load.files import display_path
from ..profiles import OutputProfile

if TYPE_CHECKING:
    from PIL.Image import Image
    from PIL.ImageCms import ImageCmsProfile

#: Modes the press takes as they are.
PRESS_MODES = frozenset({"CMYK", "L"})
#: Greys that become 8-bit grey with no profile: with transparency (flattened), and 1-bit
#: (which reportlab would otherwise embed as RGB).
TO_GREY = frozenset({"LA", "La", "1"})
#: Greys with an alpha channel, which reportlab writes as grey and a soft mask as they are.
GREY_WITH_ALPHA = frozenset({"LA"})
#: How Pillow opens a 16-bit greyscale PNG; reportlab would clip its values to white.
DEEP_GREY = frozenset({"I", "I;16", "I;16B", "I;16L"})

#: Modes whose numbers are RGB, read through the picture's own profile when it has one.
RGB_MODES = frozenset({"RGB", "RGBA", "P", "PA"})

#: The EXIF tag that says which way up the camera was held.
ORIENTATION = 0x0112

_CLASSES = {"mntr": "display", "scnr": "input", "prtr": "output", "spac": "colour space",
            "link": "device link", "abst": "abstract", "nmcl": "named colour"}


def check_output_profile(path: Path, span: Span, sink: Sink) -> bool:
    """Whether ``path`` is a CMYK output (printer) profile; reports why not."""
    from PIL import ImageCms

    try:
        profile = ImageCms.getOpenProfile(str(path)).profile
    except (OSError, ImageCms.PyCMSError) as exc:
        sink.error(span, f"ICC profile '{display_path(path)}' cannot be read: {exc}")
        return False
    space, kind = profile.xcolor_space.strip(), profile.device_class.strip()
    if space != "CMYK" or kind != "prtr":
        sink.error(span, f"ICC profile '{display_path(path)}' is a {_CLASSES.get(kind, kind)} profile for {space}; "
                   "the press needs the printer's CMYK output profile",
                   "ask the printer for the profile of their press and paper (e.g. FOGRA39, GRACoL, SWOP)")
        return False
    try:  # a profile can read well and still hold no tables to separate with (a PostScript CRD one)
        from PIL import Image as PILImage

        transform = ImageCms.buildTransform(_srgb(), ImageCms.getOpenProfile(str(path)), "RGB", "CMYK",
                                            renderingIntent=ImageCms.Intent.PERCEPTUAL)
        ImageCms.applyTransform(PILImage.new("RGB", (1, 1)), transform)  # the tables are read only here
    except (OSError, ImageCms.PyCMSError) as exc:
        sink.error(span, f"ICC profile '{display_path(path)}' cannot separate pictures into CMYK ({exc})",
                   "ask the printer for the ICC output profile of their press and paper")
        return False
    return True


def needs_profile(mode: str) -> bool:
    """Whether a picture in ``mode`` can only go to press separated with the printer's profile."""
    return mode not in PRESS_MODES | TO_GREY | DEEP_GREY


#: The quality a separated photograph is stored at as a CMYK JPEG, every plane at full
#: resolution. At 85 the compression moves a pixel's colour by ΔE 0.4 to 0.6 on average and by
#: less than 1.6 to 3 for 99 pixels in 100 (measured through the press profile on two portrait
#: photographs), about what a careful eye sees on paper at most: a proof shows the separation,
#: not the compression. (Four full planes cost three to four times the bytes of an RGB JPEG
#: with subsampled colour at that quality; at 90 it would be four to five times.)
JPEG_QUALITY = 85


def prepare(path: Path, profile: OutputProfile, printer: Path | None) -> BytesIO | ImageReader | None:
    """The picture at ``path`` as the PDF takes it: ``None`` when the file goes in as it is,
    else a file in memory (a CMYK JPEG for a photograph, an uncompressed TIFF otherwise) or,
    for a CMYK picture that keeps its transparency, a reader with its alpha beside it.

    A photograph whose EXIF says the camera was turned is turned upright (reportlab would place
    it on its side). When ``profile`` separates pictures, RGB is separated with the printer's
    profile ``printer`` at perceptual intent, as for photographs (the image block's check makes
    sure there is one); transparency is kept, as a soft mask, where the profile's standard
    allows live transparency (PDF/X-4), and flattened on white, the paper, where it does not
    (PDF/X-1a). The picture's own RGB profile (Adobe RGB, say) is honoured; without one it is
    sRGB."""
    from PIL import Image as PILImage
    from PIL import ImageCms, ImageOps

    for_press = profile.separates_pictures
    with PILImage.open(path) as im:
        mode, photo = im.mode, im.format == "JPEG"
        turned = im.getexif().get(ORIENTATION, 1) not in (1, None)
        separate = for_press and mode not in PRESS_MODES
        # On screen a PDF's RGB is taken as sRGB: a wider profile's numbers would look dull.
        wide = None if for_press or mode not in RGB_MODES else _wide_profile(im.info.get("icc_profile"))
        if not (turned or separate or wide or mode in DEEP_GREY):
            return None
        if separate and profile.live_transparency and mode in GREY_WITH_ALPHA and not turned:
            return None  # grey with its alpha: reportlab writes it as grey and a soft mask
        im.load()
        upright = ImageOps.exif_transpose(im) if turned else im
        alpha = None
        if mode in DEEP_GREY:
            out: Image = upright.convert("I").point(lambda v: v / 257 + 0.5).convert("L")  # 16-bit, rounded
        elif separate:
            rgba = upright.convert("RGBA")
            seen_through = rgba.getchannel("A")
            if profile.live_transparency and int(seen_through.getextrema()[0]) < 255:  # type: ignore[arg-type]
                alpha = seen_through
                out = rgba.convert("L" if mode in TO_GREY else "RGB")
            else:
                paper = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
                out = PILImage.alpha_composite(paper, rgba).convert("L" if mode in TO_GREY else "RGB")
        else:  # for the screen: kept as it is, in a mode both TIFF and reportlab take
            out = upright if upright.mode in ("L", "RGB", "RGBA", "CMYK") else upright.convert("RGBA")
    if wide is not None:
        screen = ImageCms.profileToProfile(out, wide, _srgb(), renderingIntent=ImageCms.Intent.PERCEPTUAL,
                                           outputMode=out.mode)
        assert screen is not None  # only an in-place transform returns None
        out = screen
    if separate and out.mode == "RGB":
        if printer is None:
            raise ValueError(f"{path} is {mode}; a press build needs the printer's profile to separate it")
        source = _rgb_profile(im.info.get("icc_profile")) or _srgb()
        cmyk = ImageCms.profileToProfile(out, source, ImageCms.getOpenProfile(str(printer)),
                                         renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="CMYK")
        assert cmyk is not None  # only an in-place transform returns None
        out = cmyk
    if alpha is not None:
        return WithAlpha(out, alpha)
    buffer = BytesIO()
    if photo and for_press:  # a photograph stays a JPEG: Flate would store it five times larger
        out.save(buffer, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True)
    else:
        out.save(buffer, "TIFF")
    buffer.seek(0)
    return buffer


class WithAlpha(ImageReader):
    """A picture and its alpha channel, which reportlab writes as the image and its soft mask.
    reportlab's own reader finds an alpha channel only in RGBA and LA pictures, and Pillow
    has no CMYK mode with alpha, so the separated picture brings its alpha along here."""

    def __init__(self, picture: Image, alpha: Image) -> None:
        super().__init__(picture)
        self._alpha = alpha

    def getRGBData(self) -> bytes:  # noqa: N802 (reportlab's name)
        data: bytes = super().getRGBData()  # type: ignore[no-untyped-call]
        self._dataA = ImageReader(self._alpha)  # what reportlab's reader sets for RGBA
        return data


def profile_problem(embedded: bytes | None) -> str | None:
    """Why a picture's embedded RGB profile cannot be used, or ``None`` (none, or usable)."""
    if not embedded:
        return None
    try:
        _open_rgb_profile(embedded)
    except _broken() as exc:
        return str(exc) or type(exc).__name__
    return None


def _rgb_profile(embedded: bytes | None) -> ImageCmsProfile | None:
    if not embedded:
        return None
    try:
        return _open_rgb_profile(embedded)
    except _broken():
        return None  # a broken profile: the picture is taken as untagged, as other programs do


def _open_rgb_profile(embedded: bytes) -> ImageCmsProfile | None:
    """The embedded profile if it is an RGB one; raises when it cannot be read or used. A
    header can read well and its tags be missing: only building a transform shows that."""
    from PIL import ImageCms

    own = ImageCms.ImageCmsProfile(BytesIO(embedded))
    if own.profile.xcolor_space.strip() != "RGB":
        return None
    ImageCms.buildTransform(own, _srgb(), "RGB", "RGB")
    return own


def _broken() -> tuple[type[Exception], ...]:
    from PIL import ImageCms

    return (OSError, ValueError, ImageCms.PyCMSError)


def _wide_profile(embedded: bytes | None) -> ImageCmsProfile | None:
    """The picture's RGB profile when it is not sRGB under another name: a few colours are
    taken through it, and a profile that moves none of them by more than a step of 8-bit
    colour is sRGB as far as the page can show."""
    from PIL import Image as PILImage
    from PIL import ImageCms

    own = _rgb_profile(embedded)
    if own is None:
        return None
    probe = PILImage.new("RGB", (len(PROBE), 1))
    probe.putdata(PROBE)
    seen = ImageCms.profileToProfile(probe, own, _srgb(), renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    assert seen is not None
    moved = max(abs(a - b) for got, want in zip(_pixels(seen), PROBE) for a, b in zip(got, want))
    return own if moved > 1 else None


#: Colours that tell one RGB space from another: a red, a green and a blue inside every
#: gamut (a pure primary would be clipped to the same sRGB numbers), white and a mid grey.
PROBE = [(200, 90, 60), (70, 170, 80), (60, 80, 190), (255, 255, 255), (128, 128, 128)]


def _pixels(im: Image) -> list[tuple[int, ...]]:
    return [im.getpixel((x, 0)) for x in range(im.width)]  # type: ignore[misc]


@cache
def _srgb() -> ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def describe_output_profile(path: Path) -> tuple[str, str | None]:
    """The printer's profile's description and the characterization it names as its target
    (the ``targ`` tag, when it holds a registered name such as 'CGATS TR 006' rather than the
    measurements themselves), as a PDF/X OutputIntent repeats them."""
    from PIL import ImageCms

    profile = ImageCms.getOpenProfile(str(path)).profile
    target = (profile.target or "").strip()
    registered = target if target and "\n" not in target and len(target) <= 64 else None
    return (profile.profile_description or "").strip(), registered
