"""Each preflight check: a good press PDF passes, and a PDF breaking exactly one rule fails on it alone."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from renderer.build import Paths, build
from renderer.diagnostics import Sink
from renderer.preflight import CHECKS, preflight
from tests.conftest import EDITION_2022, FONTS, LAYOUT, set_press

from .factory import Spec, make

BREAKS = [
    ("boxes-present", Spec(boxes=False), {}),
    ("boxes-nested", Spec(art_box_too_big=True), {}),
    ("trim-size", Spec(trim=(600, 800)), {}),
    ("same-size", Spec(odd_page_size=True), {"expect_trim": None}),
    ("bleed", Spec(bleed=3), {}),
    ("fonts-embedded", Spec(helvetica=True), {}),
    ("rgb-colour", Spec(rgb_fill=True), {}),
    ("image-colour", Spec(image="rgb-300"), {}),
    ("black-text", Spec(rich_black_text=True), {}),
    ("ink-limit", Spec(heavy_ink=True), {}),
    ("image-resolution", Spec(image="cmyk-72"), {}),
    ("hairlines", Spec(hairline=True), {}),
    ("text-margin", Spec(text_at_edge=True), {}),
    ("output-intent", Spec(intent=False), {}),
    ("pdfx-version", Spec(version=False), {}),
    # The value the project wrote before: the standard's is PDF/X-1:2001, with conformance PDF/X-1a:2001.
    ("pdfx-keys", Spec(version_keys=(("/GTS_PDFXVersion", "PDF/X-1a:2001"),
                                     ("/GTS_PDFXConformance", "PDF/X-1a:2001"))), {}),
    ("xmp-required", Spec(standard="PDF/X-4", xmp_drop=("xmpMM:DocumentID",)), {}),
    ("info-xmp-agree", Spec(xmp_title="Another title"), {}),
    ("output-profile", Spec(standard="PDF/X-4", intent_info="U.S. Web Coated (SWOP) v2"), {}),
    ("subset-tags", Spec(same_tags=True), {}),
    ("transparency", Spec(alpha=True), {}),
    ("blend-space", Spec(standard="PDF/X-4", alpha=True, page_group="DeviceRGB"), {}),
    ("no-encryption-js-forms", Spec(javascript=True), {}),
]


def test_a_good_press_pdf_passes_every_check(tmp_path: Path) -> None:
    report = preflight(make(tmp_path / "good.pdf", Spec(image="cmyk-300")))
    assert report.findings == (), report.findings
    assert len(report.checks) >= 15


@pytest.mark.parametrize("check, spec, options", BREAKS, ids=[b[0] for b in BREAKS])
def test_breaking_one_rule_fails_that_check_alone(check: str, spec: Spec, options: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    report = preflight(make(tmp_path / f"{check}.pdf", spec), **options)
    assert report.failed() == {check}, [f.message for f in report.findings]
    assert report.exit_code == 1


def test_encryption_is_an_error(tmp_path: Path) -> None:
    report = preflight(make(tmp_path / "enc.pdf", Spec(encrypt=True)))
    assert "no-encryption-js-forms" in report.failed()


def test_page_count_and_links_are_warnings(tmp_path: Path) -> None:
    report = preflight(make(tmp_path / "warn.pdf", Spec(pages=3, link=True)))
    assert {f.check for f in report.findings} == {"page-count", "annotations"}
    assert report.exit_code == 0


def test_every_check_has_a_test_that_breaks_it() -> None:
    tested = {b[0] for b in BREAKS} | {"page-count", "annotations"}
    assert {c.id for c in CHECKS} == tested


def test_our_press_build_of_2022_passes_preflight_and_qpdf(tmp_path: Path) -> None:
    out = tmp_path / "press.pdf"
    result = subprocess.run([".venv/bin/python", "-m", "renderer", "build", str(EDITION_2022), "-o", str(out),
                             "--profile", "press", "-q", "--layout", str(LAYOUT), "--fonts", str(FONTS)],
                            cwd=LAYOUT.parent, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = preflight(out)
    assert report.findings == (), report.findings
    screen = preflight(LAYOUT.parent / "build" / "impact-report-2022.pdf", "screen") if (
        LAYOUT.parent / "build" / "impact-report-2022.pdf").exists() else None
    assert screen is None or screen.exit_code == 0
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        import os
        if os.environ.get("CI"):
            pytest.fail("qpdf is not installed; .ci/run installs Debian's qpdf")
        pytest.skip("qpdf is not installed here (CI installs it)")
    check = subprocess.run([qpdf, "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


X4 = "press:\n  standard: PDF/X-4\n  icc_profile: press/CGATS_TR006_300.icc\n"


def pictured_2022(tmp_path: Path) -> Path:
    """The 2022 edition with a photograph and a transparent logo on the navy cover, both at
    more than 300 ppi where placed (half the column): matplotlib's sample portrait and logo."""
    from matplotlib import cbook
    from PIL import Image

    edition = tmp_path / "2022"
    shutil.copytree(EDITION_2022, edition)
    (edition / "images").mkdir()
    with Image.open(cbook.get_sample_data("grace_hopper.jpg")) as photo:
        photo.resize((photo.width * 2, photo.height * 2), Image.Resampling.LANCZOS).save(
            edition / "images" / "portrait.jpg", quality=85)
    with Image.open(cbook.get_sample_data("logo2.png")) as logo:
        assert logo.mode == "RGBA"
        logo.resize((logo.width * 2, logo.height * 2), Image.Resampling.LANCZOS).save(edition / "images" / "logo.png")
    for page, block in (("00-cover.yaml", "{type: image, src: images/logo.png, alt: A logo, width: half}"),
                        ("11-team-adam.yaml", "{type: image, src: images/portrait.jpg, alt: A portrait, width: half}")):
        text = (edition / page).read_text()
        (edition / page).write_text(text.replace("blocks:\n", f"blocks:\n  - {block}\n", 1))
    return edition


@pytest.mark.parametrize("standard", ["PDF/X-1a:2001", "PDF/X-4"])
def test_2022_with_a_photo_and_a_transparent_logo_passes_preflight(standard: str, tmp_path: Path) -> None:
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    if standard == "PDF/X-4":
        set_press(layout / "templates.yaml", X4)
    out = tmp_path / "press.pdf"
    sink = Sink()
    assert build(Paths(pictured_2022(tmp_path), layout, FONTS), out, sink, profile="press") is not None, \
        [d.render() for d in sink]
    report = preflight(out)
    assert report.failed() == set(), [f.message for f in report.findings]
    assert {f.check for f in report.findings} <= {"page-count"}  # two pages more: a warning for saddle stitch
    reader = pypdf.PdfReader(out)
    masked = [page for page in reader.pages for ref in page["/Resources"].get("/XObject", {}).values()
              if "/SMask" in ref.get_object()]
    assert len(masked) == (1 if standard == "PDF/X-4" else 0)  # the logo keeps its transparency under X-4 alone


def test_a_good_pdfx4_with_live_transparency_passes_every_check(tmp_path: Path) -> None:
    report = preflight(make(tmp_path / "x4.pdf", Spec(standard="PDF/X-4", image="cmyk-300", alpha=True)))
    assert report.findings == (), report.findings


@pytest.mark.parametrize("check, spec", [
    ("pdfx-keys", Spec(header=b"%PDF-1.4")),                       # X-1a is PDF 1.3
    ("xmp-required", Spec(standard="PDF/X-4", xmp=False)),         # X-4 needs XMP at all
    ("xmp-required", Spec(standard="PDF/X-4", xmp_drop=("xmp:MetadataDate", "xmpMM:RenditionClass"))),
    ("blend-space", Spec(standard="PDF/X-4", alpha=True, page_group=None)),
    ("output-profile", Spec(standard="PDF/X-4", screen_profile=True)),
], ids=["x1a-header-1.4", "x4-no-xmp", "x4-no-metadata-date", "x4-no-page-group", "x4-screen-profile"])
def test_other_ways_to_break_the_pdfx_checks(check: str, spec: Spec, tmp_path: Path) -> None:
    report = preflight(make(tmp_path / f"{check}.pdf", spec))
    assert report.failed() == {check}, [f.message for f in report.findings]


def test_an_old_identification_fails_the_exact_checks(tmp_path: Path) -> None:
    """The keys the project wrote before (version PDF/X-1a:2001, header 1.4, XMP that repeats
    only the title and dates) fail the checks a strict intake makes."""
    report = preflight(make(tmp_path / "old.pdf", Spec(
        version_keys=(("/GTS_PDFXVersion", "PDF/X-1a:2001"), ("/GTS_PDFXConformance", "PDF/X-1a:2001")),
        header=b"%PDF-1.4", xmp_drop=("dc:description", "pdf:Keywords", "xmp:CreatorTool", "pdf:Producer"))))
    assert report.failed() == {"pdfx-keys", "info-xmp-agree"}
