"""Reading one YAML file safely into located nodes.

Safety rules (content is data from many hands):
- nothing is constructed: the parser's events become located nodes (:mod:`.compose`), so
  there are no tags, no Python objects and no recursion that deep nesting could overflow;
- size is bounded before parsing and nesting depth while parsing, by indentation as well as
  by brackets;
- anchors and aliases are refused, so an alias bomb cannot expand;
- a duplicated key is an error, not "last one wins";
- the file must be UTF-8, and hold no character YAML refuses or reads as a line break where
  an editor does not (NEL, U+2028, U+2029): every line number stays the one the editor shows.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..diagnostics import Sink, Span
from ..gate import Refused, read_regular
from .compose import Composer, TooDeep
from .nodes import Map, Node


@dataclass(frozen=True, slots=True)
class SourceLimits:
    """Bounds on one content file."""

    max_bytes: int = 1_000_000
    max_depth: int = 40


def load_yaml(path: Path, display: str, sink: Sink, limits: SourceLimits = SourceLimits()) -> Node | None:
    """Parse ``path`` (shown to the user as ``display``) into nodes, or report why not.

    ``path`` is one the gate let through (:func:`renderer.load.files.resolve_inside`); it is
    read without following a link and never past ``limits.max_bytes``."""
    raw = read_source(path, display, sink, limits)
    return None if raw is None else parse_yaml(raw, display, sink, limits)


def read_source(path: Path, display: str, sink: Sink, limits: SourceLimits = SourceLimits()) -> bytes | None:
    """The bytes of a content file, as :func:`load_yaml` reads them, or why not (in ``sink``)."""
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
    return raw


def parse_yaml(raw: bytes, display: str, sink: Sink, limits: SourceLimits = SourceLimits()) -> Node | None:
    """Parse the bytes of a file (read through the gate, within ``limits.max_bytes``) into nodes."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        sink.error(Span(display, line, 1), f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                   "save the file as UTF-8")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _characters_ok(text, display, sink):
        return None
    return _compose(text, display, sink, limits.max_depth)


def _compose(text: str, display: str, sink: Sink, max_depth: int) -> Node | None:
    start = Span(display, 1, 1)
    try:
        root = Composer(display, sink, max_depth).compose(text)
    except TooDeep:
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = Span(display, mark.line + 1, mark.column + 1) if mark else start
        sink.error(span, f"invalid YAML: {exc.problem or exc.context}")
        return None
    except yaml.YAMLError as exc:
        sink.error(start, f"invalid YAML: {exc}")
        return None
    return Map((), start) if root is None else root


#: What YAML allows in a file (its "printable" set), less the three characters it reads as
#: line breaks where editors do not: each would shift every later line number in messages.
_ALLOWED = "\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"


@functools.cache
def _refused() -> re.Pattern[str]:
    # Compiled only for a file that holds a character outside the set: compiling it costs
    # 4 ms (its ranges span all of Unicode), paid by every build when done at import.
    return re.compile(f"[^{_ALLOWED}]")


def _outside(ch: str) -> bool:
    """Whether ``ch`` is outside :data:`_ALLOWED` (the same ranges, compared one by one)."""
    return not ("\x20" <= ch <= "\x7e" or ch in "\t\n\r" or "\xa0" <= ch <= "\u2027"
                or "\u202a" <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd" or ch >= "\U00010000")
_BREAKS = {"\x85": "next line (U+0085)", "\u2028": "line separator (U+2028)",
           "\u2029": "paragraph separator (U+2029)"}
_LINE_BREAK = re.compile("\r\n?|\n")


def _characters_ok(text: str, display: str, sink: Sink) -> bool:
    """Refuse, at its true line and column, the first character the parser would refuse
    (it reports those at line 1) or count as a line break (it shifts the later lines)."""
    if not any(map(_outside, set(text))):
        return True
    refused = _refused()
    found = refused.search(text)
    if found is None:
        return True
    pos, ch = found.start(), found.group()
    more = len(refused.findall(text, pos + 1))
    also = f" (and {more:,} more in the file)" if more else ""
    if ch in _BREAKS:
        sink.error(_place(text, pos, display), f"{_BREAKS[ch]} in the file{also}: YAML reads it as a line break "
                   "where editors do not", "remove it; to print a line break, start a new paragraph")
    else:
        sink.error(_place(text, pos, display), f"control character U+{ord(ch):04X} in the file{also}",
                   "remove it: such characters come in unseen when text is pasted from another program")
    return False


def _place(text: str, pos: int, display: str) -> Span:
    """Line and column of ``text[pos]`` as an editor counts them (CR LF, LF or CR end a line)."""
    breaks = list(_LINE_BREAK.finditer(text, 0, pos))
    line_start = breaks[-1].end() if breaks else 0
    return Span(display, len(breaks) + 1, pos - line_start + 1)
