"""The content's small inline markup, parsed into a tree (no reportlab here).

Syntax (the whole of it):

- ``**bold**`` and ``_italic_``;
- ``[link text](https://example.org)``: http, https and mailto only;
- ``{=table-id.row.column}``: a number held by another block, formatted as published;
- a backslash prints the next character as itself (``\\*`` is a footnote asterisk).

Everything else is literal text: ``<``, ``>`` and ``&`` print as themselves and no reportlab
tag written in content is ever interpreted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

LINK_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Ref:
    key: str


@dataclass(frozen=True, slots=True)
class Styled:
    kind: str  # "b" or "i"
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    children: tuple[Inline, ...]


Inline = Text | Ref | Styled | Link


class MarkupError(ValueError):
    """A markup mistake; ``offset`` is the character where it was found."""

    def __init__(self, message: str, offset: int, hint: str = "") -> None:
        super().__init__(message)
        self.offset = offset
        self.hint = hint


_SPECIAL = re.compile(r"[\\*_\[\]{]")

#: How deep bold, italic and links may nest. Real text nests two or three; the bound keeps the
#: parser (and every walk over its tree) far from Python's recursion limit.
MAX_NESTING = 12


@lru_cache(maxsize=4096)
def parse(source: str) -> tuple[Inline, ...]:
    """Parse inline markup; raise :class:`MarkupError` on an unclosed or bad construct.

    Cached: the check and compose stages both parse every text, and results are immutable.
    """
    if not _SPECIAL.search(source):
        return (Text(source),) if source else ()
    items, end = _parse(source, 0, None)
    return items


def _parse(src: str, pos: int, closer: str | None, depth: int = 0) -> tuple[tuple[Inline, ...], int]:
    if depth > MAX_NESTING:
        raise MarkupError(f"markup nested more than {MAX_NESTING} levels deep", pos,
                          "close some of the bold, italic or link marks, or write \\* \\_ \\[ for the characters")
    out: list[Inline] = []
    buf: list[str] = []
    start = pos

    def flush() -> None:
        if buf:
            out.append(Text("".join(buf)))
            buf.clear()

    while pos < len(src):
        special = _SPECIAL.search(src, pos)
        if special is None:  # plain text to the end: take it in one piece
            buf.append(src[pos:])
            pos = len(src)
            break
        if special.start() > pos:
            buf.append(src[pos:special.start()])
            pos = special.start()
        ch = src[pos]
        if closer == "_" and ch == "_" and _closes_italic(src, pos):
            flush()
            return tuple(out), pos + 1
        if closer and closer != "_" and src.startswith(closer, pos):
            flush()
            return tuple(out), pos + len(closer)
        if ch == "\\" and pos + 1 < len(src):
            buf.append(src[pos + 1])
            pos += 2
        elif src.startswith("**", pos):
            flush()
            children, pos = _parse(src, pos + 2, "**", depth + 1)
            out.append(Styled("b", children))
        elif ch == "_" and _opens_italic(src, pos):
            flush()
            children, pos = _parse(src, pos + 1, "_", depth + 1)
            out.append(Styled("i", children))
        elif src.startswith("{=", pos):
            flush()
            pos = _ref(src, pos, out)
        elif ch == "[" and closer != "]":
            flush()
            pos = _link(src, pos, out, depth)
        else:
            buf.append(ch)
            pos += 1
    if closer:
        what = {"**": "bold '**'", "_": "italic '_'", "]": "link '['"}[closer]
        raise MarkupError(f"unclosed {what}", start - len(closer) if closer != "]" else start - 1,
                          f"close it, or write \\{closer[0]} to print the character itself")
    flush()
    return tuple(out), pos


def _opens_italic(src: str, pos: int) -> bool:
    # As in most Markdown dialects, an underscore inside a word (snake_case) or in a run
    # (__init__) is text; only a single one at the start of a word opens italics.
    before = src[pos - 1] if pos else " "
    after = src[pos + 1] if pos + 1 < len(src) else " "
    return not before.isalnum() and before != "_" and not after.isspace() and after != "_"


def _closes_italic(src: str, pos: int) -> bool:
    before = src[pos - 1] if pos else " "
    after = src[pos + 1] if pos + 1 < len(src) else " "
    return not before.isspace() and before != "_" and not after.isalnum() and after != "_"


def _ref(src: str, pos: int, out: list[Inline]) -> int:
    end = src.find("}", pos)
    if end < 0:
        raise MarkupError("unclosed reference '{='", pos, "write {=table-id.row.column}")
    key = src[pos + 2:end].strip()
    if not key:
        raise MarkupError("empty reference '{=}'", pos)
    out.append(Ref(key))
    return end + 1


def _link(src: str, pos: int, out: list[Inline], depth: int) -> int:
    children, after = _parse(src, pos + 1, "]", depth + 1)
    if not src.startswith("(", after):
        out.append(Text("["))  # a bracket that is not a link prints as itself
        out.extend(children)
        out.append(Text("]"))
        return after
    end = src.find(")", after)
    if end < 0:
        raise MarkupError("unclosed link target '('", after)
    url = src[after + 1:end].strip()
    scheme = urlsplit(url).scheme.lower()
    if scheme not in LINK_SCHEMES:
        raise MarkupError(f"link target '{url}' is not allowed", after,
                          "links must start with https://, http:// or mailto:")
    out.append(Link(url, children))
    return end + 1


def plain_text(items: tuple[Inline, ...], resolve: dict[str, str] | None = None) -> str:
    """The text a reader sees, without markup (refs shown resolved when known)."""
    parts = []
    for item in items:
        if isinstance(item, Text):
            parts.append(item.text)
        elif isinstance(item, Ref):
            parts.append((resolve or {}).get(item.key, "{=" + item.key + "}"))
        else:
            parts.append(plain_text(item.children, resolve))
    return "".join(parts)


def refs(items: tuple[Inline, ...]) -> list[str]:
    found: list[str] = []
    for item in items:
        if isinstance(item, Ref):
            found.append(item.key)
        elif isinstance(item, (Styled, Link)):
            found.extend(refs(item.children))
    return found
