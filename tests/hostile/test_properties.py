"""Random content documents: a build either writes a valid PDF or reports content errors;
it never raises, and it finishes within a time bound."""

from __future__ import annotations

import io
import re
import string
import tempfile
import time
from pathlib import Path

import pypdf
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import FONTS, LAYOUT, render_edition, write_edition

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


# -- random YAML structures through the command line ----------------------------------------

MARKUP = st.text(alphabet=st.one_of(st.sampled_from(list("**__[](){=}\\ abc.")), st.characters(codec="utf-8")),
                 max_size=80)
#: A run of n digits, written unquoted into the page (json.dumps cannot write an int that long).
DIGITS = st.integers(1, 6_000).map(lambda n: f"§DIGITS{n}§")
LEAF = st.one_of(MARKUP, st.integers(-10**50, 10**50), st.floats(allow_nan=True), st.booleans(), st.none(), DIGITS)
TREE = st.recursive(LEAF, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                  st.dictionaries(st.sampled_from(["type", "text", "level", "rows",
                                                                                   "columns", "value", "x"]),
                                                                  inner, max_size=4)), max_leaves=20)


def _cli(args: list[str]) -> int:
    """The CLI in this process; any exception but SystemExit is a bug (a traceback)."""
    from renderer.cli import main
    try:
        return main(args)
    except SystemExit as exc:
        return int(exc.code or 0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TREE, max_size=5), st.sampled_from(["body", "cover", 3, None]))
@example([{"type": "heading", "text": "x", "level": "§DIGITS5001§"}], "body")  # int() refused 5,001 digits
@example([{"type": "paragraph", "text": "**_" * 600}], "body")  # the markup parser recursed
def test_random_yaml_pages_end_in_exit_0_or_1(blocks: list[object], template: object) -> None:
    import json

    # JSON is YAML: any structure hypothesis makes is a well-formed page file.
    page = json.dumps({"template": template, "blocks": blocks}, ensure_ascii=False)
    page = re.sub(r'"§DIGITS([0-9]+)§"', lambda m: "9" * int(m.group(1)), page)
    with tempfile.TemporaryDirectory() as tmp:
        root = write_edition(Path(tmp) / "e", {"01.yaml": page})
        fonts_layout = ["--layout", str(LAYOUT), "--fonts", str(FONTS)]
        assert _cli(["check", str(root), "-q", *fonts_layout]) in (0, 1)
        assert _cli(["build", str(root), "-o", str(Path(tmp) / "o.pdf"), "-q", *fonts_layout]) in (0, 1)


#: Depths around the bound and far past it (the C composer crashed near 100,000).
LONG = st.one_of(st.integers(1, 100), st.integers(50_000, 120_000))
DEEP = st.one_of(
    LONG.map(lambda n: "blocks:\n" + "- " * n + "\n"),
    st.integers(1, 1_500).map(lambda n: "blocks:\n" + "".join(" " * i + "- \n" for i in range(n))),
    LONG.map(lambda n: "? " * n + "\n"),
    LONG.map(lambda n: "blocks: " + "[" * n + "]" * n + "\n"),
    st.integers(1, 1_500).map(lambda n: "".join(" " * i + "k:\n" for i in range(n))),
    st.lists(st.sampled_from(["- ", "? ", ": ", "[", "{", "  ", "\n", "a", "&x ", "*x "]), max_size=400).map("".join),
)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DEEP)
@example("blocks:\n" + "- " * 100_000 + "\n")
def test_deeply_nested_yaml_never_kills_the_process(page: str) -> None:
    """In a subprocess: the nesting that once overflowed the C stack must not crash it."""
    from tests.hostile.test_bounds import run_isolated
    with tempfile.TemporaryDirectory() as tmp:
        root = write_edition(Path(tmp) / "e", {"01.yaml": page})
        code, err = run_isolated(["check", str(root), "--layout", str(LAYOUT), "--fonts", str(FONTS)], {})
        assert code in (0, 1), err[-2000:]
        assert "Traceback" not in err
