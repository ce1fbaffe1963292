"""Where each flowable came from: recorded by compose, kept through reportlab's splits, and read
by the paginator without any attribute set on the flowables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.platypus import Flowable, Spacer

from renderer.blocks.sources import NOWHERE, BlockRef, HeadingMark, Sources
from renderer.diagnostics import Span
from tests.conftest import body_page, compose_page

REF = BlockRef("t", "table", "By state", "content/x.yaml", 7)
MARK = HeadingMark("h-a", "A", "A", 1, None, True, Span("content/x.yaml", 3, 1))


def test_a_flowable_keeps_what_was_recorded_first() -> None:
    sources, f = Sources(), Spacer(1, 1)
    assert sources.of(f) is NOWHERE
    sources.note(f, block=REF)
    sources.note(f, block=BlockRef("t", "table", "plain", "content/x.yaml", 7), heading=MARK)
    assert sources.of(f).block is REF and sources.of(f).heading is MARK


def test_split_parts_draw_the_whole_block_and_only_the_first_lands_its_heading() -> None:
    sources, whole = Sources(), Spacer(1, 1)
    sources.note(whole, block=REF, heading=MARK)
    parts: list[Flowable] = [Spacer(1, 1), Spacer(1, 1)]
    sources.split(whole, parts)
    assert [sources.of(p).block for p in parts] == [REF, REF]
    assert [sources.of(p).heading for p in parts] == [MARK, None]


def test_flowables_are_told_apart_by_identity_not_by_equality() -> None:
    sources, a, b = Sources(), Spacer(1, 1), Spacer(1, 1)
    sources.note(a, block=REF)
    assert sources.of(b) is NOWHERE


def test_compose_records_every_flowable_and_sets_no_attribute_on_it(edition: Callable[..., Path]) -> None:
    flowables, ctx = compose_page(edition(body_page(
        "{type: heading, id: intro, level: 1, text: Intro}", "{type: paragraph, text: Words.}",
        "{type: table, id: t, caption: T, columns: [{key: s, label: State}, {key: n, label: N}], "
        "rows: [[TX, 1], [CA, 2]]}")))
    refs = [ctx.sources.of(f).block for f in flowables]
    assert [r.type if r else None for r in refs] == ["heading", "paragraph", "table"]
    assert refs[2] is not None and [key for key, _, _ in refs[2].rows] == ["tx", "ca"]
    heading = ctx.sources.of(flowables[0]).heading
    assert heading is not None and heading.key == "h-intro" and heading.in_contents
    assert not any(hasattr(f, name) for f in flowables for name in ("_block", "_heading", "_cause"))


def test_the_table_does_not_keep_a_flowable_alive_and_forgets_it_when_it_is_freed() -> None:
    # A long report frees each paragraph, with its broken lines, once it is drawn.
    import gc
    import weakref

    sources, f = Sources(), Spacer(1, 1)
    sources.note(f, block=REF)
    gone = weakref.ref(f)
    del f
    gc.collect()
    assert gone() is None
    assert sources._table == {}
    g = Spacer(1, 1)  # may take the freed one's id: it has no entry of its own
    assert sources.of(g) is NOWHERE
