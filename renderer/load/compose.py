"""Located nodes straight from the parser's events, without recursion.

PyYAML's C composer recurses once per level of nesting, and so does any converter that walks
its tree: a page of 100,000 nested ``- `` (or a manifest of 100,000 ``? ``) overflows the C
stack and kills the process with no message. Here the event stream is read with a stack of
open collections, so nothing recurses, and the depth is bounded as it grows: the file is
refused at the line where the limit is passed, before the rest is even parsed.

The same pass refuses what content has no use for, each at its own line: ``%TAG``
directives, tags (``!foo``, ``!!str``), anchors and aliases, merge keys, keys that are not
plain text, duplicate keys, and a second document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from ..diagnostics import Sink, Span
from .nodes import Map, Node, Scalar, Seq

try:  # the C parser is several times faster; events and marks are the same
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_YAML_TAG = "tag:yaml.org,2002:"


class TooDeep(Exception):
    """Nesting passed the bound; already reported."""


@dataclass(slots=True)
class _Open:
    """A collection being read: its span, its items so far and, in a mapping, a pending key."""

    span: Span
    is_map: bool
    items: list[Node] = field(default_factory=list)
    entries: list[tuple[Scalar, Node]] = field(default_factory=list)
    key: Node | None = None
    has_key: bool = False
    seen: dict[str, Span] = field(default_factory=dict)


class Composer:
    """Builds one file's nodes from its events; every problem goes to ``sink``."""

    def __init__(self, display: str, sink: Sink, max_depth: int) -> None:
        self.display, self.sink, self.max_depth = display, sink, max_depth
        self.stack: list[_Open] = []
        self.root: Node | None = None
        self.documents = 0

    def span(self, event: yaml.Event) -> Span:
        mark = event.start_mark
        assert mark is not None  # the parser marks every event
        return Span(self.display, mark.line + 1, mark.column + 1)

    def compose(self, text: str) -> Node | None:
        """The file's root node (``None`` for an empty file); raises :class:`TooDeep` or
        PyYAML's own errors for text that is not YAML."""
        for event in yaml.parse(text, Loader=_Parser):
            self.feed(event)
        return self.root

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self._document(event)
        elif isinstance(event, yaml.ScalarEvent):
            self._refuse_decorations(event)
            self._add(Scalar(event.value, not event.style, self.span(event)))
        elif isinstance(event, yaml.CollectionStartEvent):
            self._refuse_decorations(event)
            if len(self.stack) >= self.max_depth:
                self.sink.error(self.span(event), f"nesting deeper than {self.max_depth} levels",
                                "content never needs this many levels; look for a stray '-', '?', '[' or '{'")
                raise TooDeep
            self.stack.append(_Open(self.span(event), isinstance(event, yaml.MappingStartEvent)))
        elif isinstance(event, yaml.CollectionEndEvent):
            done = self.stack.pop()
            self._add(Map(tuple(done.entries), done.span) if done.is_map else Seq(tuple(done.items), done.span))
        elif isinstance(event, yaml.AliasEvent):
            self.sink.error(self.span(event), "anchors and aliases are not allowed in content", "write the value out")
            self._add(Scalar("", True, self.span(event)))

    def _document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            self.sink.error(self.span(event), "invalid YAML: a second document starts here",
                            "a content file holds one document: remove the '---' line")
        if event.tags:
            self.sink.error(self.span(event), "%TAG directives are not allowed in content", "remove the line")

    def _refuse_decorations(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag
            self.sink.error(self.span(event), f"YAML tags are not allowed in content ('{shown}')",
                            "remove the tag: each field reads its value as it needs")
        if event.anchor is not None:
            self.sink.error(self.span(event), "anchors and aliases are not allowed in content", "write the value out")

    def _add(self, node: Node) -> None:
        if not self.stack:
            if self.documents == 1:
                self.root = node
            return
        top = self.stack[-1]
        if not top.is_map:
            top.items.append(node)
        elif not top.has_key:
            top.key, top.has_key = node, True
        else:
            key, top.key, top.has_key = top.key, None, False
            assert key is not None
            self._entry(top, key, node)

    def _entry(self, top: _Open, key: Node, value: Node) -> None:
        if not isinstance(key, Scalar):
            self.sink.error(key.span, "a key must be plain text")
        elif key.text == "<<":
            self.sink.error(key.span, "merge keys ('<<') are not allowed in content")
        elif key.text in top.seen:
            self.sink.error(key.span, f"duplicate key '{key.text}'", f"first given at line {top.seen[key.text].line}")
        else:
            top.seen[key.text] = key.span
            top.entries.append((key, value))
