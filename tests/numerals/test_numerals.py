"""Numbers formatted from the committed CLDR table are Babel's own, for every locale."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renderer.numerals import TABLE, number_style
from renderer.numerals.cldr import table

babel_numbers = pytest.importorskip("babel.numbers", reason="Babel is a test extra: pip install -e '.[test]'")
localedata = pytest.importorskip("babel.localedata")

LOCALES = sorted(localedata.locale_identifiers())
#: Babel computes in Decimal's default context (28 digits); beyond it, it cannot be asked.
values = st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=4, allow_nan=False,
                     allow_infinity=False).map(lambda d: d.normalize() if d != d.to_integral() else d.quantize(1))


def test_the_committed_table_is_what_the_cldr_gives() -> None:
    assert TABLE.read_text(encoding="utf-8") == table(), "run: python -m renderer.numerals.cldr"


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(LOCALES), values)
def test_numbers_and_percentages_are_babels(identifier: str, value: Decimal) -> None:
    style = number_style(identifier.replace("_", "-"))
    assert style.number(value) == babel_numbers.format_decimal(value, locale=identifier, decimal_quantization=False)
    assert style.percent(value) == babel_numbers.format_percent(value.scaleb(-2), locale=identifier,
                                                                decimal_quantization=False)


@pytest.mark.parametrize(("language", "value", "number", "percent"), [
    ("en", "4100000", "4,100,000", "4,100,000%"),
    ("en-US", "20.93", "20.93", "20.93%"),
    ("de", "4100000", "4.100.000", "4.100.000\u00a0%"),
    ("de-DE", "20.93", "20,93", "20,93\u00a0%"),
    ("de-CH", "27644.5", "27\u2019644.5", "27\u2019644.5%"),
    ("fr", "4100000", "4\u202f100\u202f000", "4\u202f100\u202f000\u00a0%"),
    ("hi", "1234567", "12,34,567", "12,34,567%"),
    ("tr", "20.93", "20,93", "%20,93"),
    ("pt-BR", "-1234.5", "-1.234,5", "-1.234,5%"),
])
def test_known_values(language: str, value: str, number: str, percent: str) -> None:
    style = number_style(language)
    assert (style.number(Decimal(value)), style.percent(Decimal(value))) == (number, percent)


def test_digits_as_written_are_kept() -> None:
    de = number_style("de")
    assert de.number(Decimal("3.10")) == "3,10" and de.number(Decimal("1E+3")) == "1.000"
    assert de.number(Decimal("-0")) == "0"


def test_a_tag_falls_back_to_its_language_then_to_the_root() -> None:
    assert number_style("de-LU") == number_style("de") or number_style("de-LU").decimal == ","
    assert number_style("sr-Latn-RS") == number_style("sr-Latn")
    assert number_style("tlh").number(Decimal("1234.5")) == "1,234.5"
    assert number_style("") == number_style("-") == number_style("tlh")  # no tag: the root's style


def test_every_locale_prints_the_usual_numbers_as_babel_does() -> None:
    probes = [Decimal(v) for v in ("0", "5", "1000", "100000", "1234567.891", "-12345.6", "0.05", "-100")]
    wrong = []
    for identifier in LOCALES:
        style = number_style(identifier.replace("_", "-"))
        for v in probes:
            ours = (style.number(v), style.percent(v))
            babels = (babel_numbers.format_decimal(v, locale=identifier, decimal_quantization=False),
                      babel_numbers.format_percent(v.scaleb(-2), locale=identifier, decimal_quantization=False))
            if ours != babels:
                wrong.append((identifier, str(v), ours, babels))
    assert not wrong, wrong[:10]


@settings(max_examples=200, deadline=None)
@given(st.integers(-(10**40), 10**40), st.integers(0, 12))
def test_numbers_of_any_length_keep_every_digit(units: int, places: int) -> None:
    """Content numbers have up to 40 digits: none is lost (Python's own format is exact)."""
    value = Decimal(f"{units}E-{places}")  # exact (scaleb would round to the context's 28 digits)
    python = f"{value:,f}"
    assert number_style("en").number(value) == (python.removeprefix("-") if value == 0 else python)
    assert number_style("de").number(value).replace(".", "_").replace(",", ".").replace("_", ",") == \
        number_style("en").number(value)
