"""Pictures for the press: separated into the printer's CMYK with the printer's profile,
flattened on white, and refused plainly when there is no profile to separate them with."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pypdf
import pytest
from PIL import Image

from renderer.build import Paths, render
from renderer.diagnostics import Sink
from renderer.preflight import preflight
from tests.conftest import FONTS, LAYOUT, body_page, errors_of, set_press

#: A CMYK output profile from Debian's libgs-common (Artifex's SWOP characterisation).
PRINTER = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
SCREEN = Path("/usr/share/color/icc/ghostscript/default_rgb.icc")
ADOBE_RGB = Path("/usr/share/color/icc/ghostscript/a98.icc")


@pytest.fixture
def profiles() -> None:
    """The ICC profiles these tests use come from Debian's libgs-common."""
    if not PRINTER.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{PRINTER} is missing; .ci/run installs Debian's libgs-common")
        pytest.skip(f"{PRINTER} is not installed here (CI installs libgs-common)")


@pytest.fixture
def press_layout(tmp_path: Path, profiles: None) -> Callable[..., Path]:
    """A copy of layout/ whose templates name a press section (and the printer's profile)."""

    def make(profile: Path | None = PRINTER, standard: str = "PDF/X-1a:2001") -> Path:
        layout = tmp_path / "layout"
        shutil.copytree(LAYOUT, layout, dirs_exist_ok=True)
        press = f"press:\n  standard: {standard}\n"
        if profile is not None:
            shutil.copy(profile, layout / "printer.icc")
            press += "  icc_profile: printer.icc\n"
        else:
            press += "  icc_profile: null\n"
        set_press(layout / "templates.yaml", press)
        return layout
    return make


def press_build(root: Path, layout: Path, profile: str = "press") -> tuple[bytes | None, Sink]:
    sink = Sink()
    rendering = render(Paths(root, layout, FONTS), sink, profile=profile)
    return (rendering.pdf if rendering else None), sink


def images(pdf: bytes) -> list[pypdf.generic.StreamObject]:
    """Every image XObject the pages draw (charts are forms, so only pictures)."""
    found = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj["/Subtype"] == "/Image":
                found.append(obj)
            for inner in obj.get("/Resources", {}).get("/XObject", {}).values():
                if inner.get_object()["/Subtype"] == "/Image":
                    found.append(inner.get_object())
    return found


def pixels(image: pypdf.generic.StreamObject) -> np.ndarray:
    channels = {"/DeviceCMYK": 4, "/DeviceGray": 1, "/DeviceRGB": 3}[image["/ColorSpace"]]
    data = np.frombuffer(image.get_data(), dtype=np.uint8)
    return data.reshape(int(image["/Height"]), int(image["/Width"]), channels)


def picture_edition(edition: Callable[..., Path], make: Callable[[], Image.Image]) -> Path:
    root = edition(body_page("{type: image, src: photo.png, alt: a photo}"))
    make().save(root / "photo.png")
    return root


def rgb_photo() -> Image.Image:
    im = Image.new("RGB", (300, 100), (255, 255, 255))
    im.paste((0, 0, 0), (0, 0, 100, 100))
    im.paste((0, 84, 166), (100, 0, 200, 100))
    return im


def test_an_rgb_picture_is_separated_with_the_printers_profile(edition: Callable[..., Path],
                                                               press_layout: Callable[..., Path]) -> None:
    pdf, sink = press_build(picture_edition(edition, rgb_photo), press_layout())
    assert pdf is not None, errors_of(sink)
    (image,) = images(pdf)
    assert image["/ColorSpace"] == "/DeviceCMYK"
    ink = pixels(image).astype(int)
    black, blue, white = ink[50, 50], ink[50, 150], ink[50, 250]
    # The profile's black generation: a black plate carries the shadow, and the total ink stays
    # within the press's limit (a naive formula would give 0 % black and 300 % of C + M + Y).
    assert black[3] > 200 and black.sum() / 255 * 100 <= 300
    assert blue[0] > blue[1] > blue[2] and blue[3] < 128
    assert list(white) == [0, 0, 0, 0]
    assert "image-colour" not in {f.check for f in preflight_findings(pdf)}


def test_a_pictures_own_rgb_profile_is_honoured(edition: Callable[..., Path],
                                                press_layout: Callable[..., Path]) -> None:
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    green = Image.new("RGB", (300, 100), (0, 200, 0))
    layout, separated = press_layout(), {}
    for tag, profile in (("untagged", None), ("srgb", srgb), ("adobe", ADOBE_RGB.read_bytes())):
        root = edition(body_page("{type: image, src: photo.png, alt: a photo}"))
        green.save(root / "photo.png", **({"icc_profile": profile} if profile else {}))
        pdf, sink = press_build(root, layout)
        assert pdf is not None, errors_of(sink)
        (image,) = images(pdf)
        separated[tag] = tuple(int(v) for v in pixels(image)[50, 150])
    assert separated["srgb"] == separated["untagged"]
    # The same numbers mean a more saturated green in Adobe RGB: more cyan under the yellow.
    assert separated["adobe"][0] > separated["srgb"][0] and separated["adobe"][2] >= separated["srgb"][2]


def test_on_screen_a_wide_gamut_picture_is_brought_into_srgb(edition: Callable[..., Path], profiles: None) -> None:
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    green = Image.new("RGB", (300, 100), (70, 170, 80))
    shown = {}
    for tag, profile in (("srgb", srgb), ("adobe", ADOBE_RGB.read_bytes())):
        root = edition(body_page("{type: image, src: photo.png, alt: a photo}"))
        green.save(root / "photo.png", icc_profile=profile)
        pdf, sink = press_build(root, LAYOUT, "screen")
        assert pdf is not None, errors_of(sink)
        (image,) = images(pdf)
        assert image["/ColorSpace"] == "/DeviceRGB"
        shown[tag] = tuple(int(v) for v in pixels(image)[50, 150])
    assert shown["srgb"] == (70, 170, 80)  # already what the screen assumes: as it is
    # The same numbers in Adobe RGB are a stronger green; in sRGB that needs other numbers.
    red, green_, blue = shown["adobe"]
    assert red < 30 and green_ >= 170 and blue < 80


def test_transparency_is_flattened_on_paper_white(edition: Callable[..., Path],
                                                  press_layout: Callable[..., Path]) -> None:
    def see_through() -> Image.Image:
        im = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
        im.paste((200, 0, 0, 255), (100, 0, 200, 100))
        return im

    pdf, sink = press_build(picture_edition(edition, see_through), press_layout())
    assert pdf is not None, errors_of(sink)
    (image,) = images(pdf)
    assert "/SMask" not in image and "/Mask" not in image
    ink = pixels(image)
    assert list(ink[50, 50]) == [0, 0, 0, 0]
    assert ink[50, 150][1] > 200  # the red half is mostly magenta


def test_grey_pictures_need_no_profile_and_stay_grey(edition: Callable[..., Path],
                                                     press_layout: Callable[..., Path]) -> None:
    def deep_grey() -> Image.Image:  # a 16-bit greyscale PNG: 0, 32768, 65535
        row = np.repeat(np.array([0, 32768, 65535], dtype=np.uint16), 50)
        return Image.fromarray(np.repeat(row[np.newaxis, :], 50, axis=0))

    root = picture_edition(edition, deep_grey)
    for layout, profile in ((press_layout(profile=None), "press"), (LAYOUT, "screen")):
        pdf, sink = press_build(root, layout, profile)
        assert pdf is not None, errors_of(sink)
        (image,) = images(pdf)
        assert image["/ColorSpace"] == "/DeviceGray", profile
        # Brought to 8 bits, not clipped: mid-grey stays mid-grey.
        assert list(pixels(image)[0, 25::50, 0]) == [0, 128, 255], profile


def test_a_one_bit_picture_goes_to_press_as_grey(edition: Callable[..., Path],
                                                 press_layout: Callable[..., Path]) -> None:
    def line_art() -> Image.Image:  # reportlab alone would embed 1-bit pictures as RGB
        im = Image.new("1", (150, 50), 1)
        im.paste(0, (0, 0, 75, 50))
        return im

    pdf, sink = press_build(picture_edition(edition, line_art), press_layout(profile=None))
    assert pdf is not None, errors_of(sink)
    (image,) = images(pdf)
    assert image["/ColorSpace"] == "/DeviceGray"
    assert list(pixels(image)[25, [10, 140], 0]) == [0, 255]


def test_a_photo_taken_with_the_camera_turned_is_placed_upright(edition: Callable[..., Path]) -> None:
    root = edition(body_page("{type: image, src: photo.jpg, alt: a photo, width: half}"))
    sensor = Image.new("RGB", (200, 100), (255, 255, 255))
    sensor.paste((0, 0, 0), (0, 0, 100, 100))  # black on the sensor's left
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned a quarter clockwise: show the picture turned so
    sensor.save(root / "photo.jpg", quality=95, exif=exif)
    pdf, sink = press_build(root, LAYOUT, "screen")
    assert pdf is not None, errors_of(sink)
    (image,) = images(pdf)
    assert (image["/Width"], image["/Height"]) == (100, 200)
    upright = pixels(image)
    assert upright[20, 50].max() < 40 and upright[180, 50].min() > 215  # black now on top


def test_a_press_build_without_a_profile_names_the_picture(edition: Callable[..., Path],
                                                           press_layout: Callable[..., Path]) -> None:
    pdf, sink = press_build(picture_edition(edition, rgb_photo), press_layout(profile=None))
    assert pdf is None
    (message,) = errors_of(sink)
    assert "00-page.yaml:3:" in message and "image 'photo.png' is RGB" in message
    assert "printer's profile" in message and "icc_profile" in message


def test_the_profile_must_be_the_printers_cmyk_one(edition: Callable[..., Path],
                                                   press_layout: Callable[..., Path]) -> None:
    pdf, sink = press_build(picture_edition(edition, rgb_photo), press_layout(profile=SCREEN))
    assert pdf is None
    (message,) = errors_of(sink)
    assert "templates.yaml" in message and "printer.icc' is a display profile for RGB" in message


def test_a_cmyk_profile_that_cannot_separate_is_an_error_at_its_line(edition: Callable[..., Path],
                                                                      press_layout: Callable[..., Path]) -> None:
    # Ghostscript's PostScript CMYK profile reads as a CMYK printer profile but holds no tables
    # LittleCMS can separate with: that used to be a PyCMSError traceback while the PDF was drawn.
    pdf, sink = press_build(picture_edition(edition, rgb_photo), press_layout(profile=PRINTER.parent / "ps_cmyk.icc"))
    assert pdf is None
    (message,) = errors_of(sink)
    assert "templates.yaml" in message and "printer.icc' cannot separate pictures into CMYK" in message


def test_pdfx4_embeds_the_printers_profile_as_its_output_intent(edition: Callable[..., Path],
                                                                press_layout: Callable[..., Path]) -> None:
    pdf, sink = press_build(picture_edition(edition, rgb_photo), press_layout(standard="PDF/X-4"))
    assert pdf is not None, errors_of(sink)
    (intent,) = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/OutputIntents"]
    profile = intent.get_object()["/DestOutputProfile"].get_object()
    assert profile["/N"] == 4 and profile.get_data() == PRINTER.read_bytes()


def test_separated_pictures_give_the_same_bytes_every_build(edition: Callable[..., Path],
                                                            press_layout: Callable[..., Path]) -> None:
    root, layout = picture_edition(edition, rgb_photo), press_layout()
    first, _ = press_build(root, layout)
    second, _ = press_build(root, layout)
    assert first is not None and first == second


def preflight_findings(pdf: bytes):  # type: ignore[no-untyped-def]
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return preflight(Path(f.name)).findings


SHIPPED = LAYOUT / "press" / "CGATS_TR006_300.icc"


def see_through() -> Image.Image:
    """Transparent on the left, opaque red on the right, a half-transparent band between."""
    im = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    im.paste((200, 0, 0, 128), (100, 0, 200, 100))
    im.paste((200, 0, 0, 255), (200, 0, 300, 100))
    return im


def test_under_pdfx4_transparency_stays_live_in_a_cmyk_page_group(edition: Callable[..., Path],
                                                                   press_layout: Callable[..., Path]) -> None:
    pdf, sink = press_build(picture_edition(edition, see_through), press_layout(SHIPPED, "PDF/X-4"))
    assert pdf is not None, errors_of(sink)
    (image,) = images(pdf)
    assert image["/ColorSpace"] == "/DeviceCMYK"
    mask = image["/SMask"].get_object()
    assert mask["/ColorSpace"] == "/DeviceGray"
    alpha = np.frombuffer(mask.get_data(), dtype=np.uint8).reshape(100, 300)
    assert list(alpha[50, [50, 150, 250]]) == [0, 128, 255]
    assert pixels(image)[50, 250][1] > 200  # the red is still separated: mostly magenta
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    group = page["/Group"]
    assert (group["/S"], group["/CS"]) == ("/Transparency", "/DeviceCMYK")
    assert "transparency" not in {f.check for f in preflight_findings(pdf)}


def test_under_pdfx1a_the_same_picture_is_flattened_and_no_page_is_grouped(edition: Callable[..., Path],
                                                                            press_layout: Callable[..., Path]) -> None:
    pdf, sink = press_build(picture_edition(edition, see_through), press_layout(SHIPPED, "PDF/X-1a:2001"))
    assert pdf is not None, errors_of(sink)
    (image,) = images(pdf)
    assert "/SMask" not in image
    assert list(pixels(image)[50, 50]) == [0, 0, 0, 0]  # paper white
    assert all("/Group" not in page for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def photograph(size: tuple[int, int] = (600, 400)) -> Image.Image:
    """Smooth tones with grain, as a photograph has (a flat test card would compress to nothing)."""
    w, h = size
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([120 + 80 * np.sin(x / 37), 110 + 70 * np.cos(y / 23), 90 + 60 * np.sin((x + y) / 51)], -1)
    grain = rng.normal(0, 12, (h, w, 3))
    return Image.fromarray(np.clip(base + grain, 0, 255).astype(np.uint8), "RGB")


def test_a_separated_photograph_is_stored_as_a_cmyk_jpeg(edition: Callable[..., Path],
                                                         press_layout: Callable[..., Path]) -> None:
    root = edition(body_page("{type: image, src: photo.jpg, alt: a photo}"))
    photograph().save(root / "photo.jpg", quality=90)
    pdf, sink = press_build(root, press_layout(SHIPPED))
    assert pdf is not None, errors_of(sink)
    (image,) = images(pdf)
    assert image["/Filter"] in ("/DCTDecode", ["/DCTDecode"]) and image["/ColorSpace"] == "/DeviceCMYK"
    # The compression is not what a proof shows: the JPEG's colours are the separation's, closely.
    from PIL import ImageCms
    exact = ImageCms.profileToProfile(Image.open(root / "photo.jpg").convert("RGB"),
                                      ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(str(SHIPPED)),
                                      renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="CMYK")
    stored_pixels = np.asarray(Image.open(io.BytesIO(image._data)).convert("CMYK"), dtype=float)
    assert np.abs(stored_pixels - np.asarray(exact, dtype=float)).mean() < 3  # of 255, per plane
    import zlib
    assert len(image._data) < len(zlib.compress(exact.tobytes(), 9)) / 2  # what Flate stored before


def test_a_cmyk_jpeg_goes_in_as_it_came(edition: Callable[..., Path], press_layout: Callable[..., Path]) -> None:
    root = edition(body_page("{type: image, src: photo.jpg, alt: a photo}"))
    photograph().convert("CMYK").save(root / "photo.jpg", quality=85)
    pdf, sink = press_build(root, press_layout(SHIPPED))
    assert pdf is not None, errors_of(sink)
    (image,) = images(pdf)
    assert image._data == (root / "photo.jpg").read_bytes()
