"""Reading YAML into located nodes: spans, and the safety rules for content files."""

from __future__ import annotations

import time
from pathlib import Path

from renderer.diagnostics import Sink
from renderer.load import Map, Scalar, Seq, load_yaml


def load(tmp_path: Path, text: str | bytes) -> tuple[object, Sink]:
    path = tmp_path / "page.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    sink = Sink()
    return load_yaml(path, "page.yaml", sink), sink


def messages(sink: Sink) -> list[str]:
    return [d.render() for d in sink]


def test_scalars_keep_their_text_and_position(tmp_path: Path) -> None:
    node, sink = load(tmp_path, "a: 1\nlist:\n  - NO\n  - '012'\n")
    assert not sink.items and isinstance(node, Map)
    lst = node.get("list")
    assert isinstance(lst, Seq)
    first, second = lst.items
    assert isinstance(first, Scalar) and first.text == "NO" and first.plain
    assert (first.span.line, first.span.col) == (3, 5)
    assert isinstance(second, Scalar) and second.text == "012" and not second.plain


def test_duplicate_key_is_an_error_with_both_lines(tmp_path: Path) -> None:
    _, sink = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert messages(sink) == ["page.yaml:3:1: error: duplicate key 'a'\n  hint: first given at line 1"]


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 12)]
    start = time.perf_counter()
    _, sink = load(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert sink.errors and all("aliases are not allowed" in d.message for d in sink.errors)


def test_deep_flow_nesting_is_refused_before_parsing(tmp_path: Path) -> None:
    _, sink = load(tmp_path, "a: " + "[" * 25_000 + "]" * 25_000 + "\n")
    assert [d.message for d in sink.errors] == ["nesting deeper than 40 levels"]


def test_python_tags_are_refused(tmp_path: Path) -> None:
    _, sink = load(tmp_path, 'x: !!python/object/apply:os.system ["true"]\n')
    assert sink.errors and "tags are not allowed" in sink.errors[0].message


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    node, sink = load(tmp_path, b"a: ok\nb: caf\xe9\n")
    assert node is None
    assert messages(sink)[0].startswith("page.yaml:2:1: error: file is not UTF-8 text")


def test_syntax_error_has_a_position(tmp_path: Path) -> None:
    node, sink = load(tmp_path, "a: [1, 2\nb: 3\n")
    assert node is None and sink.errors[0].span is not None
    assert sink.errors[0].message.startswith("invalid YAML")


def test_characters_refused_are_those_yaml_refuses_and_its_extra_line_breaks() -> None:
    # Against PyYAML's own table of what YAML 1.1 does not print, over every code point: the
    # loader refuses exactly those, plus the three characters YAML reads as line breaks.
    from yaml.reader import Reader

    from renderer.load.source import _outside

    breaks = {"\x85", "\u2028", "\u2029"}
    wrong = [hex(code) for code in range(0x110000)
             if _outside(chr(code)) != (Reader.NON_PRINTABLE.match(chr(code)) is not None or chr(code) in breaks)]
    assert wrong == []


def test_a_refused_character_is_placed_after_a_clean_start(tmp_path: Path) -> None:
    root, sink = load(tmp_path, "a: \u201cclean\u201d text\nb: one\u2028two\nc: \x07\n")
    assert root is None
    assert messages(sink) == [
        "page.yaml:2:7: error: line separator (U+2028) in the file (and 1 more in the file): YAML reads it as a "
        "line break where editors do not\n  hint: remove it; to print a line break, start a new paragraph"]
