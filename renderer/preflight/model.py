"""What a preflight run looks at and what it finds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from .walker import Event

Severity = Literal["error", "warning"]
Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    severity: Severity
    page: int | None
    message: str


@dataclass(slots=True)
class Document:
    """The PDF as the checks see it: its reader, boxes and what each page paints."""

    reader: Any
    profile: str
    expect_trim: tuple[float, float] | None
    saddle_stitch: bool
    safe_margin: float
    events: list[list[Event]] = field(default_factory=list)
    pdfium: Any = None
    tagged: Any = None   # the PDF/UA checks' reading (ua.Tagged), for the ua profile only

    def boxes(self, i: int) -> dict[str, Box | None]:
        page = self.reader.pages[i]
        out: dict[str, Box | None] = {}
        for key in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
            value = page.get(key)
            out[key] = tuple(float(v) for v in value) if value is not None else None  # type: ignore[assignment]
        return out


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    severity: Severity
    description: str
    run: Callable[[Document], Iterable[tuple[int | None, str]]]
    press_only: bool = True

    def findings(self, doc: Document) -> list[Finding]:
        return [Finding(self.id, self.severity, page, message) for page, message in self.run(doc)]


@dataclass(frozen=True, slots=True)
class PreflightReport:
    path: str
    profile: str
    pages: int
    checks: tuple[Check, ...]
    findings: tuple[Finding, ...]
    labels: tuple[str, ...] = ()  # each page's label (/PageLabels), as a viewer shows it

    def page_name(self, number: int) -> str:
        """A 1-based page by its label, and its place in the file when that differs."""
        label = self.labels[number - 1] if 0 < number <= len(self.labels) else str(number)
        if label == str(number):
            return f"page {number}"
        return f"{'page ' if label[:1].isdigit() else ''}{label} (PDF page {number})"

    @property
    def exit_code(self) -> int:
        return 1 if any(f.severity == "error" for f in self.findings) else 0

    def failed(self) -> set[str]:
        return {f.check for f in self.findings if f.severity == "error"}
