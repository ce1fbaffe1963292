"""The identification of a tagged (PDF/UA-1) document: ISO 14289-1's part in its XMP metadata,
beside the document information the packet repeats (:mod:`.xmp`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..model.edition import Edition
from .xmp import Metadata

#: What a PDF/UA-1 file says of itself in XMP (ISO 14289-1, 5).
ACCESSIBLE = (("pdfuaid:part", "1"),)


def identify_ua(canvas: Any, edition: Edition, when: float) -> None:
    """Give the document ``canvas`` is writing its XMP metadata, saying it is PDF/UA-1."""
    canvas._doc.Catalog.Metadata = Metadata(canvas._doc, edition, datetime.fromtimestamp(when, tz=UTC), ACCESSIBLE,
                                            version_slot=False)
