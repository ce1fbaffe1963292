"""Where a word may be broken, by its language: pyphen's hyphenation dictionaries (the
LibreOffice patterns WeasyPrint uses) under the rules the layout sets.

Loading a dictionary is nearly all of the cost (pyphen parses every pattern: en_US 0.1 s,
de_DE 1 s), and a build asks only for the words that end a line. So each word's break points
are remembered, for the build and in one small JSON file in the build's cache folder (beside
the charts'), and a dictionary is loaded only when a word has not been seen before: a build
of text already built loads none. The points stored are every point the patterns give; the
rules (characters before and after, shortest word) are applied when a word is set, so a
change of rules needs no new lookup.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...gate import Refused, inside, read_regular
from .words import SHY, Piece, Word

CACHE_NAME = "hyphenation.json"
CACHE_BYTES = 8 << 20

# A word's letters (and apostrophes), maybe joined by hard hyphens, between punctuation.
_CORE = re.compile(r"([^\w\u2019']*)((?:[^\W\d_][\w\u2019']*)(?:-[^\W\d_][\w\u2019']*)*)([^\w\u2019']*)\Z")


@dataclass(frozen=True, slots=True)
class Rules:
    """The layout's rules (``typography: hyphenation:`` in ``layout/theme.yaml``)."""

    min_word: int = 6
    before: int = 2
    after: int = 3
    consecutive: int = 2


class Hyphenator:
    """The break points of words in one language; ``consecutive`` limits the lines in a row
    that may end in a hyphen."""

    __slots__ = ("dictionary", "rules", "consecutive", "_known", "_store", "_pyphen", "_marked")

    def __init__(self, dictionary: str, rules: Rules, store: Hyphenation) -> None:
        self.dictionary, self.rules, self.consecutive = dictionary, rules, rules.consecutive
        self._store = store
        self._known = store.words(dictionary)
        self._pyphen: Any = None
        # A text with its soft hyphens under these rules (None: nowhere to break), by the
        # text: the same word ends many lines.
        self._marked: dict[str, str | None] = {}

    def points(self, word: str) -> list[int]:
        """Every point in ``word`` (lowercase letters) the dictionary allows a break at."""
        found = self._known.get(word)
        if found is None:
            if self._pyphen is None:
                import pyphen  # only a word not seen before loads the dictionary

                self._pyphen = pyphen.Pyphen(lang=self.dictionary, left=1, right=1)
            found = self._known[word] = list(self._pyphen.positions(word))
            self._store.changed = True
        return found

    def soft(self, word: Word) -> Word | None:
        """``word`` (of one piece) with soft hyphens where it may break, or None if nowhere."""
        piece = word.pieces[0]
        text = piece.text
        if text in self._marked:
            marked = self._marked[text]
        else:
            marked = self._marked[text] = self._mark(text)
        if marked is None:
            return None
        return Word([Piece(piece.run, marked, piece.width)], word.gap, word.newline, True)

    def _mark(self, text: str) -> str | None:
        """``text`` with soft hyphens where it may break, or None if nowhere."""
        match = _CORE.match(text)
        if match is None:
            return None
        lead, core = match.start(2), match.group(2)
        breaks: set[int] = set()
        r = self.rules
        for part in re.finditer(r"[^-]+", core):
            seg = part.group(0)
            if len(seg) < r.min_word:
                continue
            breaks.update(part.start() + p for p in self.points(seg.lower()) if r.before <= p <= len(seg) - r.after)
        breaks.update(m.end() for m in re.finditer("-", core) if m.end() < len(core))  # after a hard hyphen
        if not breaks:
            return None
        cuts = sorted(lead + b for b in breaks)
        return SHY.join([text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)])])


class Hyphenation:
    """The hyphenators of one build, and the words whose points are remembered in ``cache``
    (a folder; None remembers nothing beyond the build)."""

    def __init__(self, rules: Rules, cache: Path | None = None) -> None:
        self.rules, self.cache = rules, cache
        self.changed = False
        self._words: dict[str, dict[str, list[int]]] | None = None
        self._hyphenators: dict[str, Hyphenator | None] = {}

    def for_language(self, lang: str) -> Hyphenator | None:
        """The hyphenator of a BCP 47 tag (``de-DE``), or None when pyphen has no dictionary."""
        if lang not in self._hyphenators:
            name = dictionary_for(lang)
            self._hyphenators[lang] = Hyphenator(name, self.rules, self) if name else None
        return self._hyphenators[lang]

    def words(self, dictionary: str) -> dict[str, list[int]]:
        if self._words is None:
            self._words = self._load()
        return self._words.setdefault(dictionary, {})

    def _load(self) -> dict[str, dict[str, list[int]]]:
        """The remembered words, or none when the file is absent, of another pyphen, or holds
        anything this code would not have written (the cache is as writable as build/)."""
        if self.cache is None:
            return {}
        try:
            raw = read_regular(inside(self.cache, CACHE_NAME, "hyphenation cache", CACHE_BYTES), CACHE_BYTES)
            data = json.loads(raw.decode("utf-8"))
        except (Refused, OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("pyphen") != _pyphen_version():
            return {}
        found = data.get("words")
        return found if isinstance(found, dict) and all(_trusted(v) for v in found.values()) else {}

    def save(self) -> None:
        """Write the remembered words if the build added any (atomically: temp file, rename)."""
        if self.cache is None or not self.changed or self._words is None:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        words = {name: dict(sorted(w.items())) for name, w in sorted(self._words.items()) if w}
        text = json.dumps({"pyphen": _pyphen_version(), "words": words}, ensure_ascii=False, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(dir=self.cache, prefix=".hyphenation.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, self.cache / CACHE_NAME)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.changed = False


def _trusted(words: Any) -> bool:
    return isinstance(words, dict) and all(
        isinstance(w, str) and isinstance(p, list) and all(type(i) is int and 0 < i < len(w) for i in p)
        for w, p in words.items())


def _pyphen_version() -> str:
    import pyphen

    return str(pyphen.__version__)


def dictionary_for(lang: str) -> str | None:
    """pyphen's dictionary for a BCP 47 tag (``de-DE`` → ``de_DE``, ``pt`` → ``pt_PT``), or None."""
    import pyphen  # a small import: the dictionaries are files read only when used

    found: str | None = pyphen.language_fallback(lang.replace("-", "_"))
    return found
