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

from collections.abc import Callable
from typing import Any

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


class _Open:
    """A collection being read: its span and its items so far; in a mapping, its (key, value)
    entries, the key waiting for its value and the keys seen (a plain class: one is made for
    every mapping and list in the report)."""

    __slots__ = ("span", "is_map", "items", "key", "seen")

    def __init__(self, span: Span, is_map: bool) -> None:
        self.span, self.is_map = span, is_map
        self.items: list[Any] = []
        self.key: Node | None = None
        self.seen: dict[str, Span] = {}


_SCALAR, _MAP_START, _SEQ_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


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
        PyYAML's own errors for text that is not YAML.

        The parser's events are taken one by one, each parsed only when the last is added (as
        ``yaml.parse`` gives them), and told apart by their class: a long report has some
        150,000 of them, nearly all scalars, and a chain of ``isinstance`` tests per event cost
        more than the parser itself."""
        parser = _Parser(text)
        try:
            # Any: told apart by class below, which mypy cannot follow
            get_event: Callable[[], Any] = parser.get_event
            stack, display = self.stack, self.display
            while (event := get_event()) is not None:
                kind = event.__class__
                node: Node | None
                if kind is _SCALAR:
                    if event.tag is not None or event.anchor is not None:
                        self._refuse_decorations(event)
                    mark = event.start_mark
                    node = Scalar(event.value, not event.style, Span(display, mark.line + 1, mark.column + 1))
                elif kind is _MAP_END or kind is _SEQ_END:
                    done = stack.pop()
                    node = Map(tuple(done.items), done.span) if done.is_map else Seq(tuple(done.items), done.span)
                elif kind is _MAP_START or kind is _SEQ_START:
                    self._open(event, kind is _MAP_START)
                    continue
                elif (node := self._other(event)) is None:
                    continue
                if not stack:
                    if self.documents == 1:
                        self.root = node
                    continue
                top = stack[-1]  # the node joins the collection that is open (as _add does, inline)
                if not top.is_map:
                    top.items.append(node)
                elif top.key is None:  # a key is a node, never None
                    top.key = node
                else:
                    key, top.key = top.key, None
                    if key.__class__ is Scalar and (name := key.text) not in top.seen and name != "<<":
                        top.seen[name] = key.span
                        top.items.append((key, node))
                    else:
                        self._entry(top, key, node)
        finally:
            parser.dispose()
        return self.root

    def _other(self, event: yaml.Event) -> Node | None:
        """A document's start or an alias (the node that stands for it); nothing for the rest."""
        if isinstance(event, yaml.DocumentStartEvent):
            self._document(event)
        elif isinstance(event, yaml.AliasEvent):
            self.sink.error(self.span(event), "anchors and aliases are not allowed in content", "write the value out")
            return Scalar("", True, self.span(event))
        return None

    def _open(self, event: yaml.CollectionStartEvent, is_map: bool) -> None:
        if event.tag is not None or event.anchor is not None:
            self._refuse_decorations(event)
        if len(self.stack) >= self.max_depth:
            self.sink.error(self.span(event), f"nesting deeper than {self.max_depth} levels",
                            "content never needs this many levels; look for a stray '-', '?', '[' or '{'")
            raise TooDeep
        self.stack.append(_Open(self.span(event), is_map))

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

    def _entry(self, top: _Open, key: Node, value: Node) -> None:
        if not isinstance(key, Scalar):
            self.sink.error(key.span, "a key must be plain text")
        elif key.text == "<<":
            self.sink.error(key.span, "merge keys ('<<') are not allowed in content")
        elif key.text in top.seen:
            self.sink.error(key.span, f"duplicate key '{key.text}'", f"first given at line {top.seen[key.text].line}")
        else:
            top.seen[key.text] = key.span
            top.items.append((key, value))
