"""Each preflight check: a good press PDF passes, and a PDF breaking exactly one rule fails on it alone."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from renderer.preflight import CHECKS, preflight
from tests.conftest import EDITION_2022, FONTS, LAYOUT

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
