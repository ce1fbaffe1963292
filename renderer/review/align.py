"""Matching pages by what they say, not by their number.

Each page is reduced to a fingerprint (its body text, running heads and folios left out), and
the two sequences are aligned like lines in a text diff. Pages that differ only a little are
paired up as "changed"; a page that vanished in one place and appeared unchanged in another
has "moved"; the rest were inserted or removed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

SIMILAR = 0.5  # pages at least this alike (difflib ratio of their words) are the same page, edited


@dataclass(frozen=True, slots=True)
class Alignment:
    pairs: tuple[tuple[int, int], ...]     # (old, new) pages that correspond
    inserted: tuple[int, ...]              # new pages with no old counterpart
    removed: tuple[int, ...]               # old pages with no new counterpart
    moved: tuple[tuple[int, int], ...]     # (old, new) identical pages that changed place


def align(old: list[str], new: list[str]) -> Alignment:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    pairs: list[tuple[int, int]] = []
    inserted: list[int] = []
    removed: list[int] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2)))
        elif tag == "insert":
            inserted.extend(range(j1, j2))
        elif tag == "delete":
            removed.extend(range(i1, i2))
        else:
            p, ins, rem = _pair_similar(old, new, list(range(i1, i2)), list(range(j1, j2)))
            pairs += p
            inserted += ins
            removed += rem
    moved = [(o, n) for o in removed for n in inserted if old[o] == new[n] and old[o]]
    moved_old = {o for o, _ in moved}
    moved_new = {n for _, n in moved}
    return Alignment(tuple(sorted(pairs)), tuple(n for n in inserted if n not in moved_new),
                     tuple(o for o in removed if o not in moved_old), tuple(moved))


def _pair_similar(old: list[str], new: list[str], olds: list[int], news: list[int]
                  ) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Within a replaced stretch, pair pages in order when they are alike enough."""
    pairs: list[tuple[int, int]] = []
    j = 0
    unmatched_old: list[int] = []
    for o in olds:
        match = None
        for k in range(j, len(news)):
            if _ratio(old[o], new[news[k]]) >= SIMILAR:
                match = k
                break
        if match is None:
            unmatched_old.append(o)
            continue
        pairs.append((o, news[match]))
        j = match + 1
    paired_new = {n for _, n in pairs}
    return pairs, [n for n in news if n not in paired_new], unmatched_old


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()
