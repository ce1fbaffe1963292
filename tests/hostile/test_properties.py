"""Random content documents: a build either writes a valid PDF or reports content errors;
it never raises, and it finishes within a time bound."""

from __future__ import annotations

import io
import string
import tempfile
import time
from pathlib import Path

import pypdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import render_edition, write_edition

TEXT = st.text(alphabet=string.ascii_letters + string.digits + " .,;:!?'\"()[]{}<>&*_\\/#%$=-–—’é®©\n",
               max_size=120)
SCALAR = st.one_of(TEXT, st.integers(-10**12, 10**12).map(str), st.sampled_from(["NO", "~", "012", "1:20", "''"]))
KEYS = st.sampled_from(["text", "level", "value", "label", "caption", "columns", "rows", "items", "kind", "title",
                        "ref", "format", "figures", "total", "mark", "style", "data", "lable"])
TYPES = st.sampled_from(["heading", "paragraph", "figure", "figure_row", "table", "chart", "list", "quote", "note",
                         "cta", "image", "contents", "columns", "tabel"])


def yaml_scalar(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@st.composite
def block(draw: st.DrawFn) -> str:
    fields = [f"type: {draw(TYPES)}"]
    for key in draw(st.lists(KEYS, max_size=5, unique=True)):
        shape = draw(st.integers(0, 3))
        if shape == 0:
            value = yaml_scalar(draw(SCALAR))
        elif shape == 1:
            value = draw(st.integers(-5, 10**9)).__str__()
        elif shape == 2:
            value = "[" + ", ".join(yaml_scalar(v) for v in draw(st.lists(SCALAR, max_size=4))) + "]"
        else:
            value = "[[" + ", ".join(str(v) for v in draw(st.lists(st.integers(0, 10**6), max_size=4))) + "]]"
        fields.append(f"{key}: {value}")
    return "{" + ", ".join(fields) + "}"


VALID = st.sampled_from([
    '{type: paragraph, text: "plain"}',
    '{type: heading, level: 1, text: "Section"}',
    '{type: figure, value: 27644, label: "cases"}',
    '{type: list, items: ["a", "b"]}',
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(block(), VALID, TEXT.map(yaml_scalar)), min_size=1, max_size=6))
def test_random_content_builds_or_reports_errors(blocks: list[str]) -> None:
    page = "template: body\nblocks:\n" + "".join(f"  - {b}\n" for b in blocks)
    with tempfile.TemporaryDirectory() as tmp:
        root = write_edition(Path(tmp) / "e", {"01.yaml": page})
        start = time.perf_counter()
        rendering, sink = render_edition(root)
        assert time.perf_counter() - start < 10
        if rendering is None:
            assert sink.errors and all(d.span is not None for d in sink.errors)
        else:
            assert len(pypdf.PdfReader(io.BytesIO(rendering.pdf)).pages) >= 1


@settings(max_examples=80, deadline=None)
@given(TEXT)
def test_any_paragraph_text_renders_or_is_a_markup_error(text: str) -> None:
    page = f"template: body\nblocks:\n  - {{type: paragraph, text: {yaml_scalar(text)}}}\n"
    with tempfile.TemporaryDirectory() as tmp:
        rendering, sink = render_edition(write_edition(Path(tmp) / "e", {"01.yaml": page}))
        if rendering is None:
            assert [d.message.split(":")[0] for d in sink.errors] == ["text"]
