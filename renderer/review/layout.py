"""The layout map written beside a PDF, read back for review (its format: ``renderer.layoutmap``)."""

from __future__ import annotations

from pathlib import Path

from .. import buildid
from ..layoutmap import Box, FormatError, LayoutMap, VersionError, loads


class LayoutMapError(ValueError):
    """A layout map that cannot be read: changes could not be traced to their content."""


def load_layout(pdf: Path) -> LayoutMap | None:
    """The map written beside ``pdf``, or ``None`` when there is none (any PDF can still be
    compared).

    A damaged map is an error rather than ignored: the reviewer would otherwise get changes
    with no content behind them and no word why. So is a map of another build than its PDF
    (a build stopped between writing the two, or builds racing to one output): its places
    would be traced to the wrong content."""
    path = layout_path(pdf)
    if not path.exists():
        return None
    if not path.is_file():
        raise LayoutMapError(f"layout map {path} is not a file; delete it to compare the pages alone")
    try:
        text = path.read_text(encoding="utf-8")
        layout, recorded = loads(text)
        _check_belongs(recorded, path, pdf)
        return layout
    except LayoutMapError:
        raise
    except OSError as exc:
        raise LayoutMapError(f"cannot read layout map {path}: {exc.strerror or exc}") from None
    except VersionError as exc:
        raise LayoutMapError(f"layout map {path} cannot be read: {exc}; build the PDF again, or delete the map "
                             "to compare the pages alone") from None
    except (FormatError, UnicodeDecodeError) as exc:
        raise LayoutMapError(f"layout map {path} is damaged ({exc}); build the PDF again, or delete the map "
                             "to compare the pages alone") from None


def _check_belongs(recorded: str | None, path: Path, pdf: Path) -> None:
    """Refuse a map whose build id is not its PDF's (``renderer.buildid``)."""
    if recorded is None:
        raise LayoutMapError(f"layout map {path} has no build id (an older version wrote it); build the PDF "
                             "again, or delete the map to compare the pages alone")
    actual = buildid.read(pdf.read_bytes())
    if actual != recorded:
        found = f"the PDF's is {actual}" if actual else "the PDF carries none"
        raise LayoutMapError(f"layout map {path} does not belong to {pdf}: its build id is {recorded[:32]}, "
                             f"{found} (a build was stopped part-way, or two builds wrote there at once); "
                             "build the PDF again")


def layout_path(pdf: Path) -> Path:
    return pdf.with_suffix(".layout.json")


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
