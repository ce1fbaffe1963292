"""What changed in a text, as a reviewer reads it: whole sentences, the changed words marked,
and numbers that changed ("27,644 → 27,650") listed on their own.

A text is split into sentences and the two sequences of sentences are aligned; a sentence
that was edited is shown whole, old and new, with the words that differ marked. Nothing is
cut at a fixed length: a typo in the middle of a long paragraph is shown in its sentence.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

NUMBER = re.compile(r"^\(?\$?\d[\d,]*(?:\.\d+)?%?[),.;:]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?…:;])[\"”’)\]]*\s+")
SIMILAR = 0.4  # sentences at least this alike (by words) are one sentence, edited


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of words: the same on both sides, or only in the old or the new text."""

    kind: str   # "same" | "old" | "new"
    text: str


@dataclass(frozen=True, slots=True)
class SentenceChange:
    """A sentence as it was and as it is (either empty when added or removed)."""

    old: str
    new: str
    segments: tuple[Segment, ...]

    @property
    def only_numbers(self) -> bool:
        """Every word that changed is a number, replaced one for one."""
        return all(s.kind == "same" or all(NUMBER.match(w) for w in s.text.split()) for s in self.segments) and \
            sum(len(s.text.split()) for s in self.segments if s.kind == "old") == \
            sum(len(s.text.split()) for s in self.segments if s.kind == "new")

    def marked(self) -> str:
        """The change in one line, git's word-diff style: ``[-old-]{+new+}``."""
        parts = []
        for s in self.segments:
            parts.append(s.text if s.kind == "same" else f"[-{s.text}-]" if s.kind == "old" else f"{{+{s.text}+}}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class TextChange:
    sentences: tuple[SentenceChange, ...]
    numbers: tuple[tuple[str, str], ...]   # (old, new)

    @property
    def empty(self) -> bool:
        return not (self.sentences or self.numbers)

    @property
    def words_only_numbers(self) -> bool:
        """Every changed word is a number that changed (a contents page after renumbering)."""
        return all(c.only_numbers for c in self.sentences)


def sentences(text: str) -> list[str]:
    """The sentences of a text, with its line breaks and hyphenation undone; a blank line ends
    a sentence too (the text of one block ends there)."""
    out: list[str] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        flat = " ".join(chunk.replace("\u00ad\n", "").replace("\u00ad", "").replace("\ufffe", "").split())
        out += [s for s in _SENTENCE_END.split(flat) if s]
    return out


def diff_text(old: str, new: str) -> TextChange:
    a, b = sentences(old), sentences(new)
    changes: list[SentenceChange] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            changes += _pair_sentences(a[i1:i2], b[j1:j2])
    numbers = [pair for c in changes for pair in _numbers(c.segments)]
    return TextChange(tuple(changes), tuple(numbers))


def _pair_sentences(olds: list[str], news: list[str]) -> list[SentenceChange]:
    """Edited sentences paired in order when alike; the rest added or removed."""
    out: list[SentenceChange] = []
    j = 0
    for o in olds:
        k = next((k for k in range(j, len(news)) if _ratio(o, news[k]) >= SIMILAR), None)
        if k is None:
            out.append(word_diff(o, ""))
            continue
        out += [word_diff("", n) for n in news[j:k]]
        out.append(word_diff(o, news[k]))
        j = k + 1
    out += [word_diff("", n) for n in news[j:]]
    return out


def word_diff(old: str, new: str) -> SentenceChange:
    """Two versions of a text as runs of kept, removed and added words."""
    a, b = old.split(), new.split()
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("old", " ".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("new", " ".join(b[j1:j2])))
    return SentenceChange(old, new, tuple(segments))


def _numbers(segments: tuple[Segment, ...]) -> list[tuple[str, str]]:
    """Numbers replaced one for one ("110,153" → "110,513")."""
    out = []
    for before, after in zip(segments, segments[1:]):
        if before.kind == "old" and after.kind == "new":
            olds, news = before.text.split(), after.text.split()
            if len(olds) == len(news):
                out += [(_clean(o), _clean(n)) for o, n in zip(olds, news) if NUMBER.match(o) and NUMBER.match(n)]
    return out


def _clean(word: str) -> str:
    return word.strip("(),.;:")


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()
