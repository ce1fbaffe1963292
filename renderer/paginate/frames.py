"""A frame that records where each block lands and reports blocks that overflow it."""

from __future__ import annotations

import copy
from typing import Any, Protocol

from reportlab.platypus import Flowable, Frame


class PlacementSink(Protocol):
    def placed(self, flowable: Flowable, x: float, bottom: float, width: float, height: float,
               frame_width: float) -> None: ...


class RecordingFrame(Frame):
    """Reports each flowable it draws, with its box on the page, to the document."""

    def __init__(self, *args: Any, sink: PlacementSink, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sink = sink

    def add(self, flowable: Flowable, canv: Any, trySplit: int = 0) -> int:
        ok = super().add(flowable, canv, trySplit)
        if ok and not getattr(flowable, "frameAction", None):
            bottom = self._y + flowable.getSpaceAfter()
            width = getattr(flowable, "table_width", None) or getattr(flowable, "width", 0.0)
            height = getattr(flowable, "height", None) or getattr(flowable, "_height", 0.0)
            self.sink.placed(flowable, self._x + self._leftExtraIndent, bottom, width, height,
                             self._getAvailableWidth())
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
        ref = getattr(flowable, "_block", None)
        for part in parts:  # reportlab's split parts are new objects: keep their source
            if getattr(part, "_block", None) is None:
                part._block = ref  # type: ignore[attr-defined]
            if getattr(flowable, "_heading", None) is not None and part is parts[0]:
                part._heading = flowable._heading  # type: ignore[attr-defined]
        return parts
