"""The object-stream pass, read back by qpdf (through pikepdf): the same document in fewer bytes,
its small objects packed into object streams, and the same bytes whichever way qpdf reads it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from renderer.blocks.tags import Tags
from renderer.paginate.structure import write_structure
from renderer.pdf import compact as compact_module
from renderer.pdf.compact import compact


def _tagged(pages: int = 3, per_page: int = 60) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, pageCompression=1)
    tags = Tags(True)
    for _ in range(pages):
        tags.begin_page(canvas)
        for i in range(per_page):
            node = tags.add("P", alt=f"paragraph ({i}) \\ é")
            tags.leave_artifact(canvas)
            canvas.addLiteral(tags.open(node))
            canvas.drawString(72, 800 - 12 * (i % 60), f"line {i}")
            canvas.addLiteral("EMC")
        tags.end_page(canvas)
        canvas.showPage()
    write_structure(canvas, tags)
    canvas.save()
    return out.getvalue()


def _summary(data: bytes) -> tuple[int, list[str]]:
    pdf = pikepdf.open(io.BytesIO(data))
    kids = pdf.Root.StructTreeRoot.K[0].K
    return len(pdf.pages), [str(k.Alt) for k in kids]


def test_the_packed_file_holds_the_same_document_in_object_streams() -> None:
    source = _tagged()
    packed = compact(source)
    assert len(packed) < len(source) * 0.8
    assert _summary(packed) == _summary(source)
    pdf = pikepdf.open(io.BytesIO(packed))
    assert pdf.pdf_version == "1.7"
    assert pdf.check_pdf_syntax() == []
    assert any(obj.get("/Type") == "/ObjStm" for obj in pdf.objects if isinstance(obj, pikepdf.Stream))


def test_qpdf_reading_through_a_memory_map_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    source = _tagged()
    by_name = compact(source)

    class Unnamed(type(Path())):  # type: ignore[misc]  # a system that does not name open files
        def exists(self, *, follow_symlinks: bool = True) -> bool:
            return False

    monkeypatch.setattr(compact_module, "Path", Unnamed)
    modes: list[object] = []
    opener = pikepdf.open

    def open_(*args: Any, **kwargs: Any) -> pikepdf.Pdf:
        modes.append(kwargs.get("access_mode"))
        return opener(*args, **kwargs)

    monkeypatch.setattr(pikepdf, "open", open_)
    assert compact(source) == by_name
    assert modes == [pikepdf.AccessMode.mmap]
    assert compact(source) == by_name  # and again: the same input, the same bytes
