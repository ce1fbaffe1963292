"""Object streams packed by a second process, whose import of pikepdf overlaps the build.

qpdf (through pikepdf) packs a tagged PDF's objects into object streams at the very end of a
build (:mod:`.compact`), and importing pikepdf first costs about 30 ms: the longest import
after the engine's own, on the critical path of every screen build. So a one-shot build on a
machine with a core to spare forks a packer as it starts: the packer imports pikepdf while
the build reads, lays out and draws on the other core, then packs the one PDF it is sent and
sends the bytes back (the same bytes: the same library given the same input). When anything
is amiss (no packer could start, it died or was killed, its answer is cut short or says it
failed), the build packs the file itself, as it always could.

The packer reads nothing and writes nothing but its two pipes (its standard streams are
/dev/null, so a caller reading the build's output never waits for it), packs at most one PDF,
and ends when the build's end of the pipe closes, whichever way the build ended.
"""

from __future__ import annotations

import os
import signal
import threading

from .compact import compact

_LENGTH = 8  # bytes of the length that comes before each message
#: A larger PDF is packed by the build itself. The import saved is the same at any size, but
#: qpdf holds every object while it packs, and the build holds its own while it waits: the
#: 1,000-page report (11 MB) had 340 MB in the two processes at once, against 277 MB in one.
PACK_HERE_ABOVE = 4 << 20
_PACKED, _FAILED = b"\0", b"\1"


class Packer:
    """A packer process, ready for one PDF; see :meth:`start`."""

    def __init__(self, pid: int, to_packer: int, from_packer: int) -> None:
        self._pid, self._to, self._from = pid, to_packer, from_packer
        self._open = True

    @classmethod
    def start(cls) -> Packer | None:
        """Fork a packer, or None where it would not pay (one core) or is not safe (this
        process has other threads: a fork copies locks they may hold)."""
        if _cores() < 2 or threading.active_count() > 1 or not hasattr(os, "fork"):
            return None
        to_read, to_write = os.pipe()
        back_read, back_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the packer
            try:
                os.close(to_write)
                os.close(back_read)
                quiet = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(quiet, fd)
                _serve(to_read, back_write)
            finally:
                os._exit(0)  # never the build's exit handlers, buffers or chart workers
        os.close(to_read)
        os.close(back_write)
        return cls(pid, to_write, back_read)

    @staticmethod
    def takes(pdf: bytes) -> bool:
        """Whether ``pdf`` is one to send (see :data:`PACK_HERE_ABOVE`)."""
        return len(pdf) <= PACK_HERE_ABOVE

    def pack(self, pdf: bytes) -> bytes:
        """``pdf`` with its objects in object streams: packed by the packer, or here."""
        reply: bytes | None = None
        try:
            _send(self._to, pdf)
            reply = _receive(self._from)
        except OSError:
            reply = None
        finally:
            self.close()
        if reply is None or reply[:1] != _PACKED:
            return compact(pdf)
        return reply[1:]

    def close(self) -> None:
        """End the packer (it has answered, or it is not needed) and collect it."""
        if not self._open:
            return
        self._open = False
        os.close(self._to)
        os.close(self._from)
        try:
            os.kill(self._pid, signal.SIGKILL)  # it may still be importing; it has nothing to finish
        except ProcessLookupError:
            pass
        os.waitpid(self._pid, 0)


def _serve(source: int, answer: int) -> None:
    """In the packer: import pikepdf, then pack the one PDF sent, if one is."""
    import pikepdf  # noqa: F401  (the import this process exists to pay early)

    pdf = _receive(source)
    if pdf is None:
        return  # the build ended without packing
    try:
        reply = _PACKED + compact(pdf)
    except Exception:  # the build packs it itself, and reports what goes wrong there
        reply = _FAILED
    _send(answer, reply)


def _send(fd: int, data: bytes) -> None:
    for part in (len(data).to_bytes(_LENGTH, "big"), data):
        view = memoryview(part)
        while view:
            view = view[os.write(fd, view):]


def _receive(fd: int) -> bytes | None:
    """One message, or None if the other end closed before a whole one came."""
    head = _read_exactly(fd, _LENGTH)
    return None if head is None else _read_exactly(fd, int.from_bytes(head, "big"))


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts: list[bytes] = []
    left = size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
