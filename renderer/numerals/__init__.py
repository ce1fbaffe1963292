"""Numbers as a language prints them: ``4,100,000`` in English, ``4.100.000`` in German,
``4 100 000`` in French (narrow no-break spaces), ``12,34,567`` in Hindi, ``20,93 %`` or
``%20,93``.

The symbols and patterns are the Unicode CLDR's, read from ``styles.json`` (written from
Babel's copy of the CLDR by :mod:`renderer.numerals.cldr`). Digits are always 0-9 and every
digit written in the content is kept: ``3.10`` stays ``3,10``, never rounded or padded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("styles.json")


@dataclass(frozen=True, slots=True)
class NumberStyle:
    decimal: str
    group: str
    grouping: tuple[int, int]          # digits in the group before the point, and in those before it
    percent_grouping: tuple[int, int]  # the same in percentages (a few locales group them otherwise)
    prefix: str
    negative_prefix: str
    suffix: str
    negative_suffix: str
    percent_prefix: str
    percent_negative_prefix: str
    percent_suffix: str
    percent_negative_suffix: str

    def number(self, value: Decimal) -> str:
        """``value`` with its digits as written, grouped: ``Decimal('-27644.50')`` → ``-27,644.50``."""
        negative, body = self._body(value, self.grouping)
        return (self.negative_prefix if negative else self.prefix) + body + \
            (self.negative_suffix if negative else self.suffix)

    def percent(self, value: Decimal) -> str:
        """``value`` percent (20.93 is 20.93%): ``20.93%``, ``20,93 %``, ``%20,93``."""
        negative, body = self._body(value, self.percent_grouping)
        return (self.percent_negative_prefix if negative else self.percent_prefix) + body + \
            (self.percent_negative_suffix if negative else self.percent_suffix)

    def _body(self, value: Decimal, grouping: tuple[int, int]) -> tuple[bool, str]:
        if value.as_tuple().exponent > 0:  # type: ignore[operator]  # 1E+3 prints as 1,000
            value = value.quantize(Decimal(1))
        text = f"{value.copy_abs():f}"  # exact: abs() would round to the context's 28 digits
        whole, _, fraction = text.partition(".")
        primary, secondary = grouping
        groups = [whole[-primary:]]
        whole = whole[:-primary]
        while whole:
            groups.append(whole[-secondary:])
            whole = whole[:-secondary]
        body = self.group.join(reversed(groups))
        return value.is_signed() and value != 0, body + (self.decimal + fraction if fraction else "")


@cache
def _table() -> tuple[tuple[NumberStyle, ...], dict[str, int]]:
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    styles = tuple(_style(row) for row in data["styles"])
    return styles, data["locales"]


def _style(row: list[object]) -> NumberStyle:
    # the order cldr.py writes: symbols, grouping, then each pattern's (positive, negative)
    # prefixes and (positive, negative) suffixes
    decimal, group, primary, secondary, p_primary, p_secondary, *affixes = row
    pre, neg_pre, suf, neg_suf, p_pre, p_neg_pre, p_suf, p_neg_suf = (str(a) for a in affixes)
    return NumberStyle(str(decimal), str(group), (int(str(primary)), int(str(secondary))),
                       (int(str(p_primary)), int(str(p_secondary))), pre, neg_pre, suf, neg_suf,
                       p_pre, p_neg_pre, p_suf, p_neg_suf)


@cache
def number_style(language: str) -> NumberStyle:
    """The style of a BCP 47 tag (``de-CH``, ``pt-BR``, ``sr-Latn-RS``): the CLDR locale that
    matches most of it, then its language alone, then the CLDR's root (``1,234.5``)."""
    styles, locales = _table()
    parts = [p for p in language.replace("_", "-").split("-") if p]
    if not parts:  # no tag at all (the check stage refuses one; the root's style is no guess)
        return styles[locales["root"]]
    first, *rest = parts
    script = next((p.title() for p in rest if len(p) == 4 and p.isalpha()), None)
    region = next((p.upper() for p in rest if len(p) == 2 or (len(p) == 3 and p.isdigit())), None)
    variant = next((p.upper() for p in rest if len(p) >= 5 or (len(p) == 4 and p[0].isdigit())), None)
    # most specific first: sr_Latn_RS, sr_Latn, sr_RS, sr; en_US_POSIX, en_US, en
    candidates = [first.lower()]
    if region:
        candidates.insert(0, f"{first.lower()}_{region}")
        if variant:
            candidates.insert(0, f"{first.lower()}_{region}_{variant}")
    if script:
        candidates.insert(0, f"{first.lower()}_{script}")
        if region:
            candidates.insert(0, f"{first.lower()}_{script}_{region}")
    for identifier in candidates:
        if identifier in locales:
            return styles[locales[identifier]]
    return styles[locales["root"]]


__all__ = ["NumberStyle", "number_style"]
