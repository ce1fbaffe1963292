"""Diagnostics: every problem the build finds, with the place in the source that caused it.

Error hierarchy:

- :class:`ContentError` carries one or more :class:`Diagnostic` objects. It is raised once,
  after a stage has reported everything it found (the :class:`Sink` collects them), and the
  CLI turns it into exit code 1 with one ``file:line:col: error: message`` line per problem.
- Anything else escaping the pipeline is a bug in the renderer, not in the content.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A place in a source file; line and column count from 1."""

    path: str
    line: int
    col: int

    def __init__(self, path: str, line: int, col: int) -> None:
        # A span is made for every value of every content file (some 150,000 for a report of
        # 1,000 pages): the fields are set through their slots, as frozen as ever, without the
        # three object.__setattr__ calls a frozen dataclass's own __init__ makes.
        _set_path(self, path)
        _set_line(self, line)
        _set_col(self, col)

    def __reduce__(self) -> tuple[type[Span], tuple[str, int, int]]:
        # Sent back by the second content reader: by its fields, not through the per-object
        # state functions of a slotted dataclass (a third of the time its pages took to send).
        return Span, (self.path, self.line, self.col)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


_set_path, _set_line, _set_col = (vars(Span)[name].__set__ for name in ("path", "line", "col"))


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: what is wrong, where, and (optionally) how to fix it."""

    severity: Severity
    span: Span | None
    message: str
    hints: tuple[str, ...] = ()

    def render(self) -> str:
        where = f"{self.span}: " if self.span else ""
        lines = [f"{where}{self.severity.value}: {self.message}"]
        lines.extend(f"  hint: {hint}" for hint in self.hints)
        return "\n".join(line.translate(_VISIBLE) for line in lines)


#: Messages quote content, and content may hold control characters: written raw to a terminal,
#: an escape sequence would recolour or rewrite the reviewer's screen, and a direction override
#: would reorder what the message seems to say. They are shown as escapes (a newline stays).
_VISIBLE = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)] if c != 0x0A}
_VISIBLE.update({c: f"\\u{c:04x}" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]})


class ContentError(Exception):
    """The content (or layout) cannot be built; holds every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


@dataclass(slots=True)
class Sink:
    """Collects diagnostics so that a stage reports all problems at once."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, span: Span | None, message: str, *hints: str) -> None:
        self.items.append(Diagnostic(Severity.ERROR, span, message, hints))

    def warning(self, span: Span | None, message: str, *hints: str) -> None:
        self.items.append(Diagnostic(Severity.WARNING, span, message, hints))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def raise_if_errors(self, strict: bool = False) -> None:
        """Stop the stage if anything was an error (or, under ``strict``, a warning)."""
        if self.errors or (strict and self.items):
            raise ContentError(sorted(self.items, key=_sort_key))


def _sort_key(d: Diagnostic) -> tuple[str, int, int]:
    return (d.span.path, d.span.line, d.span.col) if d.span else ("", 0, 0)


def did_you_mean(word: str, choices: Iterable[str]) -> tuple[str, ...]:
    """A hint naming the closest choice, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return (f"did you mean '{close[0]}'?",) if close else ()
