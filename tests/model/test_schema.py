"""The published JSON Schemas are generated from the model, and the committed copies are current."""

from __future__ import annotations

import json

import pytest

from renderer.schema import manifest_schema, page_schema, render
from tests.conftest import ROOT


@pytest.mark.parametrize("name, make", [("manifest.schema.json", manifest_schema), ("page.schema.json", page_schema)])
def test_committed_schema_matches_the_model(name: str, make) -> None:  # type: ignore[no-untyped-def]
    committed = (ROOT / "content" / name).read_text(encoding="utf-8")
    assert committed == render(make()), f"content/{name} is stale: run impact-report schema"


def test_every_block_type_is_in_the_page_schema() -> None:
    from renderer.model.block import BLOCK_MODELS
    variants = {ref["$ref"].rsplit("_", 1)[-1] for ref in page_schema()["$defs"]["block"]["oneOf"]}
    assert variants == {name.rsplit("_", 1)[-1] for name in BLOCK_MODELS}


def test_every_block_type_is_described_in_words() -> None:
    for ref in page_schema()["$defs"]["block"]["oneOf"]:
        block = page_schema()["$defs"][ref["$ref"].rsplit("/", 1)[-1]]
        description = block["properties"]["type"]["description"]
        assert description.endswith(".") and "span:" not in description.lower(), description


def test_schema_requires_what_the_model_requires() -> None:
    table = page_schema()["$defs"]["block_table"]
    assert table["required"] == ["type", "caption", "columns", "rows"]
    assert table["additionalProperties"] is False
    json.dumps(page_schema())  # serialisable as it is


def test_every_block_model_has_its_handler_and_the_schema_lists_every_type() -> None:
    from renderer.blocks import HANDLERS
    from renderer.model.block import BLOCK_MODELS

    assert set(BLOCK_MODELS.values()) == set(HANDLERS)
    assert all(BLOCK_MODELS[cls.yaml_name] is cls for cls in HANDLERS)
    schema = json.loads((ROOT / "content" / "page.schema.json").read_text())
    assert {v["$ref"].removeprefix("#/$defs/block_") for v in schema["$defs"]["block"]["oneOf"]} == set(BLOCK_MODELS)


def test_the_schema_lists_every_chart_kind_and_content_may_name_only_those() -> None:
    from renderer.charts.kinds import KINDS

    schema = json.loads((ROOT / "content" / "page.schema.json").read_text())
    assert schema["$defs"]["block_chart"]["properties"]["kind"]["enum"] == list(KINDS)
