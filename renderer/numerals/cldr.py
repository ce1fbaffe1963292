"""Write ``styles.json``, every locale's number style, from the Unicode CLDR as Babel ships it.

    python -m renderer.numerals.cldr        # needs Babel (a test extra): pip install -e '.[test]'

A build reads the table and never imports Babel, whose import and locale data cost about
80 ms, a third of a warm build. ``tests/numerals`` checks that running this again gives the
committed file, and that numbers formatted from the table are Babel's own, byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

TABLE = Path(__file__).with_name("styles.json")


def _style(identifier: str) -> list[object]:
    from babel import Locale
    from babel.numbers import parse_pattern

    locale = Locale.parse(identifier)
    symbols = locale.number_symbols["latn"]  # digits 0-9 in every locale: the fonts have no others
    number = parse_pattern(locale.decimal_formats[None])
    percent = parse_pattern(locale.percent_formats[None])
    return [symbols["decimal"], symbols["group"], *number.grouping, *percent.grouping,
            *number.prefix, *number.suffix, *percent.prefix, *percent.suffix]


def table() -> str:
    from babel import __version__
    from babel.localedata import locale_identifiers

    styles: list[list[object]] = []
    index: dict[str, int] = {}
    for identifier in sorted({*locale_identifiers(), "root"}):
        style = _style(identifier)
        if style not in styles:
            styles.append(style)
        index[identifier] = styles.index(style)
    return json.dumps({"babel": __version__, "styles": styles, "locales": index},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


if __name__ == "__main__":
    TABLE.write_text(table(), encoding="utf-8")
