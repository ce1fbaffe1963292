"""Reading one YAML file safely into located nodes.

Safety rules (content is data from many hands):
- only PyYAML's safe composer is used, and nothing is constructed: no tags, no Python objects;
- size and nesting depth are bounded *before* parsing (deep ``[[[[`` crashes the C parser);
- anchors and aliases are refused, so an alias bomb cannot expand;
- a duplicated key is an error, not "last one wins";
- the file must be UTF-8.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from pathlib import Path

import yaml

from ..diagnostics import Sink, Span
from ..gate import Refused, read_regular
from .nodes import Map, Node, Scalar, Seq

try:  # the C composer is several times faster; marks are the same
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _Loader(_SafeLoader):
    """The safe composer without implicit typing: scalars stay text (the model reads each as
    its field wants), so matching every scalar against YAML 1.1's int/float/bool/date
    patterns would be wasted. Explicit tags are still seen, and refused, as written."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]


_DEFAULT_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
                 yaml.MappingNode: "tag:yaml.org,2002:map"}
_PYTHON_TAG = "tag:yaml.org,2002:python"


@dataclass(frozen=True, slots=True)
class SourceLimits:
    """Bounds on one content file."""

    max_bytes: int = 1_000_000
    max_depth: int = 40


def load_yaml(path: Path, display: str, sink: Sink, limits: SourceLimits = SourceLimits()) -> Node | None:
    """Parse ``path`` (shown to the user as ``display``) into nodes, or report why not.

    ``path`` is one the gate let through (:func:`renderer.load.files.resolve_inside`); it is
    read without following a link and never past ``limits.max_bytes``."""
    start = Span(display, 1, 1)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            sink.error(start, f"file is {size:,} bytes; content files are limited to {limits.max_bytes:,}")
            return None
        raw = read_regular(path, limits.max_bytes)
    except Refused as exc:  # replaced since the gate passed it
        sink.error(start, f"cannot read file: {exc}")
        return None
    except OSError as exc:
        sink.error(start, f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        sink.error(Span(display, line, 1), f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                   "save the file as UTF-8")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _depth_ok(text, display, limits.max_depth, sink):
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = Span(display, mark.line + 1, mark.column + 1) if mark else start
        sink.error(span, f"invalid YAML: {exc.problem or exc.context}")
        return None
    except yaml.YAMLError as exc:
        sink.error(start, f"invalid YAML: {exc}")
        return None
    if root is None:
        return Map((), start)
    return _convert(root, display, sink, set())


def _depth_ok(text: str, display: str, max_depth: int, sink: Sink) -> bool:
    """Refuse flow nesting deeper than ``max_depth`` without parsing (the C parser would crash)."""
    if text.count("[") + text.count("{") <= max_depth:
        return True  # cannot be that deep: skip the character scan
    depth = 0
    line = 1
    for ch in text:
        if ch in "[{":
            depth += 1
            if depth > max_depth:
                sink.error(Span(display, line, 1), f"nesting deeper than {max_depth} levels")
                return False
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch == "\n":
            line += 1
    return True


def _convert(node: yaml.Node, display: str, sink: Sink, seen_nodes: set[int], depth: int = 0) -> Node:
    mark = node.start_mark
    span = Span(display, mark.line + 1, mark.column + 1)
    if depth > 60:
        sink.error(span, "nesting is too deep")
        return Scalar("", True, span)
    # The composer returns the anchored node object again for each alias: a node met twice
    # is an alias. Refusing it here keeps an alias bomb from expanding.
    if id(node) in seen_nodes:
        sink.error(span, "anchors and aliases are not allowed in content", "write the value out")
        return Scalar("", True, span)
    seen_nodes.add(id(node))
    tag = node.tag
    if tag[:1] == "!" or tag.startswith(_PYTHON_TAG):
        sink.error(span, f"YAML tags are not allowed in content ('{tag}')")
    if isinstance(node, yaml.ScalarNode):
        return Scalar(node.value, not node.style, span)
    if isinstance(node, yaml.SequenceNode):
        return Seq(tuple([_convert(item, display, sink, seen_nodes, depth + 1) for item in node.value]), span)
    entries: list[tuple[Scalar, Node]] = []
    seen: dict[str, Span] = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, display, sink, seen_nodes, depth + 1)
        if not isinstance(key, Scalar):
            sink.error(key.span, "a key must be plain text")
            continue
        if key.text == "<<":
            sink.error(key.span, "merge keys ('<<') are not allowed in content")
            continue
        if key.text in seen:
            sink.error(key.span, f"duplicate key '{key.text}'", f"first given at line {seen[key.text].line}")
            continue
        seen[key.text] = key.span
        entries.append((key, _convert(value_node, display, sink, seen_nodes, depth + 1)))
    return Map(tuple(entries), span)
