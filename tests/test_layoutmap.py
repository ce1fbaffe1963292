"""The layout map's format: what the engine writes, the review tools read back whole, and a
map of another version is refused with a message that says which way it is out of date."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renderer.layoutmap import (
    VERSION,
    BlockContent,
    BlockPlace,
    FormatError,
    LayoutMap,
    PagePlace,
    RowPlace,
    VersionError,
    dumps,
    loads,
)
from tests.conftest import EDITION_2022, errors_of, render_edition

text = st.text(max_size=12)
number = st.floats(allow_nan=False, allow_infinity=False, width=64)
box = st.tuples(number, number, number, number)
line = st.integers(min_value=0, max_value=10**6)
rows = st.builds(RowPlace, text, text, line, box)
blocks = st.builds(BlockPlace, text, text, text, text, line, box, st.tuples(rows) | st.just(()), text, line)
pages = st.builds(PagePlace, st.integers(0, 999), st.none() | st.integers(1, 999), text, text,
                  st.lists(box, max_size=2).map(tuple), st.lists(blocks, max_size=3).map(tuple))
contents = st.builds(BlockContent, text, text, text, line, st.dictionaries(text, text, max_size=3),
                     st.dictionaries(text, line, max_size=3), st.lists(text, max_size=2).map(tuple),
                     st.lists(text, max_size=2).map(tuple))
maps = st.builds(LayoutMap, text, text, st.lists(pages, max_size=3).map(tuple),
                 st.dictionaries(text, contents, max_size=3),
                 st.dictionaries(text, st.dictionaries(text, st.tuples(text, line), max_size=2), max_size=2),
                 st.lists(text, max_size=2).map(tuple))


@given(maps, text)
def test_any_map_reads_back_as_it_was_written(layout: LayoutMap, build_id: str) -> None:
    assert loads(dumps(layout, build_id)) == (layout, build_id)


def test_the_2022_report_map_reads_back_whole_and_writes_out_the_same_bytes() -> None:
    rendering, sink = render_edition(EDITION_2022)
    assert rendering is not None, errors_of(sink)
    written = dumps(rendering.layout_map, "id-1")
    layout, build_id = loads(written)
    assert (layout, build_id) == (rendering.layout_map, "id-1")
    assert dumps(layout, "id-1") == written
    # what a reviewer is shown comes through: pages by folio, table rows with their lines
    assert [p.folio for p in layout.pages][:4] == [None, 1, 2, 3]
    rows = [r for p in layout.pages for b in p.blocks for r in b.rows]
    assert rows and all(r.line > 0 and r.label for r in rows)
    assert layout.content["manifest"].values["title"]


def _with_version(version: object) -> str:
    data = json.loads(dumps(LayoutMap("e"), "id"))
    data["version"] = version
    return json.dumps(data)


@pytest.mark.parametrize(("version", "said"), [
    (VERSION - 1, f"version {VERSION - 1} of the format, written by an older impact-report"),
    (VERSION + 1, f"version {VERSION + 1} of the format, written by a newer impact-report"),
])
def test_a_map_of_another_version_is_refused_saying_which(version: object, said: str) -> None:
    with pytest.raises(VersionError, match=said):
        loads(_with_version(version))


@pytest.mark.parametrize("version", [None, "2", 2.0, True])
def test_a_map_without_a_version_number_is_damaged_not_of_another_version(version: object) -> None:
    with pytest.raises(FormatError, match="it has no format version") as raised:
        loads(_with_version(version))
    assert not isinstance(raised.value, VersionError)


@pytest.mark.parametrize("damaged", [
    "", "[]", "{", "[" * 100_000,
    f'{{"version":{VERSION},"pages":[{{"index":"one"}}]}}',
    f'{{"version":{VERSION},"pages":[{{"index":1,"blocks":[{{"id":"a"}}]}}]}}',
    f'{{"version":{VERSION},"pages":[{{"index":1,"header_footer":[[1,2,3]]}}]}}',
    f'{{"version":{VERSION},"content":{{"a":{{"type":"t","source":"s","values":[]}}}}}}',
    f'{{"version":{VERSION},"look_values":{{"f":{{"k":["v"]}}}}}}',
])
def test_a_damaged_map_is_a_format_error_not_a_crash(damaged: str) -> None:
    with pytest.raises(FormatError):
        loads(damaged)
