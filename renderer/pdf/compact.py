"""The finished PDF rewritten with its objects packed into compressed object streams.

A tagged document holds a structure element, a small dictionary, for every paragraph, cell and
list item: about 800 in the 2022 report. reportlab writes each as a plain object with its own
cross-reference entry, which adds two-thirds to the file; packed into object streams (PDF 1.5)
they cost a few per cent. reportlab cannot write object streams, so qpdf (through pikepdf)
rewrites the file once: streams are copied as they are and the object order is kept, so the
same input gives the same bytes. Its identifier is a fixed placeholder (a content-derived one
costs qpdf a second pass): ``renderer.buildid`` writes the file's own hash there next.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import BinaryIO

#: PDF/UA-1 is defined on ISO 32000-1 (PDF 1.7); object streams need at least 1.5.
VERSION = "1.7"


def compact(pdf: bytes) -> bytes:
    """``pdf`` with its objects packed into object streams."""
    with spill(pdf) as source:
        return pack(source)


def spill(pdf: bytes) -> BinaryIO:
    """``pdf`` in an unnamed temporary file, for :func:`pack`: a caller that lets go of its bytes
    before packing them frees them while qpdf's own objects are at their largest (11 MB at
    1,000 pages)."""
    source = tempfile.TemporaryFile()
    try:
        source.write(pdf)
        source.flush()
    except BaseException:
        source.close()
        raise
    return source


def pack(source: BinaryIO) -> bytes:
    """The PDF in ``source`` (from :func:`spill`) with its objects packed into object streams."""
    import pikepdf  # 30 ms to import: paid only by a profile that packs object streams

    # qpdf reads the file itself: read from a BytesIO, every read is a call back into Python,
    # and the pass took a quarter longer (1.3 s against 0.9 s of processor time at 1,000
    # pages). Where the system names a process's open files (/proc/self/fd on Linux) qpdf
    # opens it by that name; elsewhere it reads through a memory map, which holds the whole
    # file in memory too (11 MB at 1,000 pages, while qpdf's own objects are at their largest).
    named = Path(f"/proc/self/fd/{source.fileno()}")
    if named.exists():
        opened = pikepdf.open(named, access_mode=pikepdf.AccessMode.stream)
    else:
        source.seek(0)
        opened = pikepdf.open(source, access_mode=pikepdf.AccessMode.mmap)
    with opened as doc:
        out = io.BytesIO()
        doc.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, static_id=True,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none, min_version=VERSION, linearize=False)
    return out.getvalue()
