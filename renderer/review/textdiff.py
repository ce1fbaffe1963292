"""Words added and removed on a page, and numbers that changed ("27,644 → 27,650")."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

NUMBER = re.compile(r"^\(?\$?\d[\d,]*(?:\.\d+)?%?[),.;:]*$")


@dataclass(frozen=True, slots=True)
class TextChange:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    numbers: tuple[tuple[str, str], ...]   # (old, new)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.numbers)


def _clean(word: str) -> str:
    return word.strip("(),.;:")


def diff_text(old: str, new: str) -> TextChange:
    a, b = old.split(), new.split()
    added: list[str] = []
    removed: list[str] = []
    numbers: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        if tag == "replace" and len(olds) == len(news):
            for o, n in zip(olds, news):
                if NUMBER.match(o) and NUMBER.match(n):
                    numbers.append((_clean(o), _clean(n)))
                else:
                    removed.append(o)
                    added.append(n)
            continue
        removed += olds
        added += news
    return TextChange(tuple(added), tuple(removed), tuple(numbers))
