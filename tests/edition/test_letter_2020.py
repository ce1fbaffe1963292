"""The 2020 year-in-review letter: a second edition built by the same engine, no Python of its own."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import EDITION_2020, errors_of, pdf_text, render_edition

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_7d5f29562b01f7a0.txt"


def test_letter_builds_with_its_highlights_and_call_to_donate(tmp_path: Path) -> None:
    rendering, sink = render_edition(EDITION_2020, cache=tmp_path)
    assert rendering is not None, errors_of(sink)
    text = " ".join(" ".join(pdf_text(rendering.pdf)).split())
    for highlight in ("Record-breaking number of reports to our CyberTipline.",
                      "The 5 millionth call to our hotline, 1-800-THE-LOST.",
                      "The 1,000th safe recovery of an abducted child due to an AMBER Alert.",
                      "Unprecedented support from our donors."):
        assert highlight in text
    assert "Please consider making a monthly or one-time donation" in text
    seed_numbers = set(re.findall(r"\d[\d,]*", SEED.read_text()))
    assert seed_numbers and all(n in text for n in seed_numbers)


def test_letter_uses_no_edition_specific_code() -> None:
    sources = " ".join(p.read_text() for p in (Path(__file__).resolve().parents[2] / "renderer").rglob("*.py"))
    assert "Moving Forward" not in sources and "2020" not in re.sub(r"\b20[0-9]{2}-[0-9]{2}\b", "", sources)
