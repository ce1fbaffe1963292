"""A frame that records where each block lands and reports blocks that overflow it."""

from __future__ import annotations

import copy
from typing import Any, Protocol

from reportlab.platypus import Flowable, Frame


class PlacementSink(Protocol):
    def placed(self, flowable: Flowable, x: float, bottom: float, width: float, height: float,
               frame_width: float) -> None: ...

    def split_into(self, whole: Flowable, parts: list[Flowable]) -> None: ...


class RecordingFrame(Frame):
    """Reports each flowable it draws, with its box on the page, to the document."""

    def __init__(self, *args: Any, sink: PlacementSink, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sink = sink

    def add(self, flowable: Flowable, canv: Any, trySplit: int = 0) -> Any:
        ok = super().add(flowable, canv, trySplit)
        if ok and not getattr(flowable, "frameAction", None):
            state: Any = self  # reportlab keeps the frame's position in private attributes
            bottom = state._y + flowable.getSpaceAfter()
            f: Any = flowable
            width = float(getattr(f, "table_width", None) or getattr(f, "width", None) or 0.0)
            height = float(getattr(f, "height", None) or getattr(f, "_height", None) or 0.0)
            self.sink.placed(flowable, state._x + state._leftExtraIndent, bottom, width, height,
                             state._getAvailableWidth())
        return ok

    _add = add

    def __deepcopy__(self, memo: dict[int, Any]) -> RecordingFrame:
        # reportlab deep-copies the frame to measure KeepTogether groups; the copy must share
        # the document (which holds the canvas) rather than try to copy it.
        clone = copy.copy(self)
        clone.__dict__.update({k: copy.deepcopy(v, memo) for k, v in self.__dict__.items() if k != "sink"})
        return clone

    def split(self, flowable: Flowable, canv: Any) -> list[Flowable]:
        parts: list[Flowable] = super().split(flowable, canv)
        self.sink.split_into(flowable, parts)  # reportlab's split parts are new objects: keep their source
        return parts
