"""Preflight: a PDF (ours or anyone's) checked the way a print shop's intake checks it, or,
with the ``ua`` profile, against the machine-checkable conditions of PDF/UA-1 (:mod:`.ua`)."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pypdfium2 as pdfium

from . import ua
from .checks import CHECKS, selected
from .model import Check, Document, Finding, PreflightReport
from .walker import walk

__all__ = ["CHECKS", "Check", "Finding", "PreflightReport", "preflight", "render_table"]


def preflight(pdf: Path, profile: str = "press", expect_trim: tuple[float, float] | None = (612, 792),
              saddle_stitch: bool = True, safe_margin: float = 9.0) -> PreflightReport:
    reader = pypdf.PdfReader(str(pdf))
    if reader.is_encrypted:
        reader.decrypt("")  # readable without a password, but still reported as encrypted
    doc = Document(reader, profile, expect_trim, saddle_stitch, safe_margin)
    if profile == ua.PROFILE:
        return _run(pdf, doc, ua.UA_CHECKS, tuple(reader.page_labels), ua.read(pdf))
    doc.events = [list(walk(page.get_contents(), page.get("/Resources"), reader)) for page in reader.pages]
    doc.pdfium = pdfium.PdfDocument(str(pdf), password="")
    try:
        labels = tuple(doc.pdfium.get_page_label(i) or str(i + 1) for i in range(len(doc.pdfium)))
        return _run(pdf, doc, tuple(selected(profile)), labels)
    finally:
        doc.pdfium.close()


def _run(pdf: Path, doc: Document, checks: tuple[Check, ...], labels: tuple[str, ...],
         tagged: ua.Tagged | None = None) -> PreflightReport:
    doc.tagged = tagged
    try:
        findings = tuple(f for check in checks for f in check.findings(doc))
    finally:
        if tagged is not None:
            tagged.pdf.close()
    return PreflightReport(str(pdf), doc.profile, len(doc.reader.pages), checks, findings, labels)


def render_table(report: PreflightReport) -> str:
    failed = {f.check for f in report.findings}
    lines = [f"preflight {report.path} ({report.profile} profile, {report.pages} pages)", ""]
    width = max(len(c.id) for c in report.checks)
    for check in report.checks:
        mark = "FAIL" if check.id in report.failed() else "warn" if check.id in failed else "ok"
        lines.append(f"  {mark:<5} {check.id:<{width}}  {check.description}")
    if report.findings:
        lines.append("")
        for f in report.findings:
            where = report.page_name(f.page) if f.page else "document"
            lines.append(f"  {f.severity:<7} {f.check:<{width}}  {where}: {f.message}")
    errors = sum(1 for f in report.findings if f.severity == "error")
    lines += ["", f"{errors} error{'s' if errors != 1 else ''}, "
              f"{sum(1 for f in report.findings if f.severity == 'warning')} warning(s)"]
    return "\n".join(lines) + "\n"
