"""A long edition is read by two processes: the result and the order of the problems found
are those of a single reader."""

from __future__ import annotations

from pathlib import Path

import pytest

import renderer.blocks  # noqa: F401  (registers the block types)
from renderer.diagnostics import Sink
from renderer.model import edition as edition_module
from tests.conftest import EDITION_2022, write_edition


def _load(root: Path, parallel_from: int, monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[str]]:
    monkeypatch.setattr(edition_module, "PARALLEL_FROM", parallel_from)
    monkeypatch.setattr(edition_module, "_spare_core", lambda: True)  # however busy the machine is
    if parallel_from < 100:
        assert edition_module._can_fork()  # or this test would compare one reader with itself
        assert edition_module._second_reader_pays(parallel_from)
    sink = Sink()
    loaded = edition_module.load_edition(root, sink)
    return loaded, [d.render() for d in sink]


def test_two_readers_give_the_same_edition_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    one, problems_one = _load(EDITION_2022, 10**6, monkeypatch)
    two, problems_two = _load(EDITION_2022, 2, monkeypatch)
    assert one is not None and one == two and problems_one == problems_two == []


def test_problems_from_both_readers_come_in_page_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {f"{i:02d}.yaml": f"template: body\nblocks:\n  - {{type: paragraph, text: Page {i}}}\n" for i in range(12)}
    for bad in ("01.yaml", "10.yaml"):  # one in each reader's share
        pages[bad] = "template: body\nblocks:\n  - {type: paragraf, text: x}\n"
    root = write_edition(tmp_path / "e", pages)
    _, one = _load(root, 10**6, monkeypatch)
    _, two = _load(root, 2, monkeypatch)
    assert len(one) == 2 and one == two
    assert "01.yaml:3" in one[0] and "10.yaml:3" in one[1]


def test_no_second_reader_without_a_core_to_spare(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(edition_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(edition_module.os, "getloadavg", lambda: (64.0, 64.0, 64.0))
    assert not edition_module._spare_core() and not edition_module._second_reader_pays(1000)
