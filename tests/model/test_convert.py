"""The generic converter: typed values from nodes, with every problem reported at its line."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

import pytest

from renderer.diagnostics import Sink, Span
from renderer.load import load_yaml
from renderer.model.convert import Invalid, read_dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Sample:
    yaml_name = "sample"
    span: Span
    label: str
    count: int = 0
    share: Decimal | None = None
    kind: Literal["bar", "pie"] = "bar"
    tags: tuple[str, ...] = field(default=())


def convert(tmp_path: Path, text: str) -> tuple[Sample | None, Sink]:
    path = tmp_path / "x.yaml"
    path.write_text(text)
    sink = Sink()
    node = load_yaml(path, "x.yaml", sink)
    assert node is not None
    try:
        return read_dataclass(Sample, node, sink), sink
    except Invalid:
        return None, sink


def test_text_field_takes_yaml_1_1_surprises_as_written(tmp_path: Path) -> None:
    value, sink = convert(tmp_path, "label: NO\ntags: [yes, 1:20, 012]\n")
    assert value is not None and not sink.items
    assert value.label == "NO" and value.tags == ("yes", "1:20", "012")


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    _, sink = convert(tmp_path, "lable: x\ncount: 27.644\nkind: tabel\n")
    rendered = [d.render() for d in sink]
    assert "x.yaml:1:1: error: unknown key 'lable' in sample\n  hint: did you mean 'label'?" in rendered
    assert any(r.startswith("x.yaml:2:8: error: 'count': expected a whole number, got '27.644'") for r in rendered)
    assert any("'tabel' is not one of: bar, pie" in r for r in rendered)
    assert any("missing key 'label'" in r for r in rendered)


def test_grouped_number_gets_a_hint(tmp_path: Path) -> None:
    _, sink = convert(tmp_path, "label: x\ncount: 27,644\n")
    (d,) = sink.errors
    assert d.hints == ("write numbers without thousands separators (27644); the layout adds them",)


@pytest.mark.parametrize("text, expected", [("share: 20.93", Decimal("20.93")), ("share: 100.00", Decimal("100.00"))])
def test_decimals_keep_their_digits(tmp_path: Path, text: str, expected: Decimal) -> None:
    value, _ = convert(tmp_path, f"label: x\n{text}\n")
    assert value is not None and value.share == expected and str(value.share) == str(expected)
