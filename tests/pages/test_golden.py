"""Golden pages: small editions rendered and compared with reference images."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import EDITION_2022, errors_of, render_edition
from tests.pages.golden import HERE, _difference, compare_pages, rasterise

CASES = {"blocks": 3}


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_matches_its_reference_pages(name: str, update_golden: bool) -> None:
    rendering, sink = render_edition(HERE / "cases" / name)
    assert rendering is not None, errors_of(sink)
    compare_pages(name, rendering.pdf, CASES[name], update_golden)


# The contents page, a table page, the state map, the split state table, the CST charts.
REPORT_PAGES = {3, 6, 7, 9, 19}


def test_report_2022_pages_match_their_references(update_golden: bool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rendering, sink = render_edition(EDITION_2022, cache=tmp_path)
    assert rendering is not None, errors_of(sink)
    compare_pages("report-2022", rendering.pdf, 24, update_golden, REPORT_PAGES)


def test_comparison_fails_on_a_visible_change() -> None:
    rendering, sink = render_edition(HERE / "cases" / "blocks")
    assert rendering is not None, errors_of(sink)
    page = rasterise(rendering.pdf)[1]
    changed = page.copy()
    changed[40:60, 40:120] = 0  # a word-sized black box
    assert _difference("self-test", 1, page, page) is None
    assert _difference("self-test", 1, changed, page) is not None
    tinted = page.copy()
    tinted[:, :, 2] = np.where(tinted[:, :, 2] > 200, tinted[:, :, 2] - 12, tinted[:, :, 2])  # a pale wash
    assert "changed slightly" in (_difference("self-test", 1, tinted, page) or "")
