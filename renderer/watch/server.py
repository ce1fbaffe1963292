"""The preview's HTTP server: 127.0.0.1 only, its own few paths only, events after each build.

Bound to the loopback address, so nothing off the machine reaches it; and a request whose
``Host`` is not ``127.0.0.1:PORT`` or ``localhost:PORT`` is refused, so a web page elsewhere
cannot reach it through a DNS name rebound to 127.0.0.1 (the browser would send that name).
It serves the page, the pages' PNGs, the layout map and the state as JSON, and a stream of
server-sent events; it reads no file and takes no input but the path, and the one line a
second ``watch --reveal`` sends it to show (``POST /reveal``, only with the header
``X-Impact-Report: reveal``, which a page elsewhere cannot send without asking first, and
this server answers no such question).

Paths: ``/`` the page; ``/state.json`` the pages (digest, size, label, the regions where each
looks different from the build before), the errors of the last build, each source file's
absolute path, and the source line last asked to be revealed; ``/layout.json`` the last good
layout map; ``/page/N.png`` page N (1-based); ``/events`` one ``build`` event per build and one
``reveal`` event (FILE:LINE) each time a line is asked to be revealed.
"""

from __future__ import annotations

import http.client
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import Any

from .pages import PagePicture

HOST = "127.0.0.1"
REVEAL_HEADER = ("X-Impact-Report", "reveal")
MAX_REVEAL = 4096  # bytes: a path and a line
KEEPALIVE_S = 15.0  # a comment line this often, so a closed tab's stream is noticed and ended


@dataclass(frozen=True, slots=True)
class Published:
    """What the last good build shows."""

    pages: tuple[PagePicture, ...] = ()
    layout_json: bytes = b""
    sources: dict[str, str] = field(default_factory=dict)  # as the map names it → absolute path
    changed: tuple[int, ...] = ()   # 1-based pages that look different from the build before
    warnings: tuple[str, ...] = ()


class Preview:
    """The server, in a thread of its own; ``publish`` after each build."""

    def __init__(self, port: int, reveal: str = "") -> None:
        self._reveal = reveal  # FILE:LINE the page scrolls to and outlines once it has pages
        self._reveals = 0      # how many times a line was asked to be revealed since the start
        self._lock = threading.Condition()
        self._shown = Published()
        self._errors: tuple[str, ...] = ()
        self._generation = 0
        self._closed = False
        self._page = files(__package__).joinpath("page.html").read_bytes()
        self._server = _Server((HOST, port), _Handler)
        self._server.preview = self
        self.port: int = self._server.server_address[1]
        self.url = f"http://{HOST}:{self.port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, name="preview", daemon=True)
        self._thread.start()

    def publish(self, shown: Published) -> None:
        with self._lock:
            self._shown, self._errors = shown, ()
            self._generation += 1
            self._lock.notify_all()

    def publish_errors(self, errors: tuple[str, ...]) -> None:
        """A failed build: its messages over the last good pages."""
        with self._lock:
            self._shown = Published(self._shown.pages, self._shown.layout_json, self._shown.sources, (),
                                    self._shown.warnings)
            self._errors = errors
            self._generation += 1
            self._lock.notify_all()

    def reveal(self, target: str) -> None:
        """Ask the open pages to scroll to ``target`` (FILE:LINE) and outline it."""
        with self._lock:
            self._reveal = target
            self._reveals += 1
            self._lock.notify_all()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        self._server.shutdown()
        self._server.server_close()

    # -- read by the handler's threads ----------------------------------------------------

    def state(self) -> tuple[int, bytes]:
        with self._lock:
            shown, errors, generation, reveal = self._shown, self._errors, self._generation, self._reveal
        body = {"generation": generation, "errors": list(errors), "warnings": list(shown.warnings),
                "changed": list(shown.changed), "sources": shown.sources, "reveal": reveal,
                "pages": [{"number": i + 1, "digest": p.digest, "width": p.width, "height": p.height,
                           "label": p.label, "regions": [list(r) for r in p.regions] if i + 1 in shown.changed else []}
                          for i, p in enumerate(shown.pages)]}
        return generation, json.dumps(body, ensure_ascii=False).encode()

    def picture(self, number: int) -> bytes | None:
        with self._lock:
            pages = self._shown.pages
        return pages[number - 1].png if 0 < number <= len(pages) else None

    def layout_json(self) -> bytes:
        with self._lock:
            return self._shown.layout_json

    def page(self) -> bytes:
        return self._page

    def news(self) -> tuple[int, int]:
        """The build's generation and the number of reveals asked for."""
        with self._lock:
            return self._generation, self._reveals

    def revealed(self) -> str:
        with self._lock:
            return self._reveal

    def wait_after(self, seen: tuple[int, int], timeout: float) -> tuple[int, int] | None:
        """``news()`` once it differs from ``seen`` (or the same on timeout); None once the
        server is closing."""
        with self._lock:
            self._lock.wait_for(lambda: self._closed or (self._generation, self._reveals) != seen, timeout)
            return None if self._closed else (self._generation, self._reveals)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    preview: Preview


_TYPES = {"html": "text/html; charset=utf-8", "json": "application/json", "png": "image/png"}
_POLICY = ("default-src 'none'; img-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; "
           "script-src 'unsafe-inline'")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if not self._host_allowed():
            self._send(403, b"this preview answers to 127.0.0.1 and localhost only\n", "text/plain; charset=utf-8")
            return
        preview = self.server.preview
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._send(200, preview.page(), _TYPES["html"])
        elif path == "/state.json":
            self._send(200, preview.state()[1], _TYPES["json"])
        elif path == "/layout.json":
            self._send(200, preview.layout_json(), _TYPES["json"])
        elif path == "/events":
            self._events(preview)
        elif (png := self._picture(path)) is not None:
            self._send(200, png, _TYPES["png"])
        else:
            self._send(404, b"not found\n", "text/plain; charset=utf-8")

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        length = self.headers.get("Content-Length", "")
        if (not self._host_allowed() or self.path != "/reveal" or self.headers.get(REVEAL_HEADER[0]) != REVEAL_HEADER[1]
                or not length.isdigit() or int(length) > MAX_REVEAL):
            self.close_connection = True  # the body, if any, is not read
            self._send(403, b"not a reveal from impact-report watch\n", "text/plain; charset=utf-8")
            return
        try:
            target = self.rfile.read(int(length)).decode("utf-8")
        except UnicodeDecodeError:
            self._send(400, b"FILE:LINE in UTF-8\n", "text/plain; charset=utf-8")
            return
        self.server.preview.reveal(target)
        self._send(200, b"revealed\n", "text/plain; charset=utf-8")

    def _host_allowed(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in {f"127.0.0.1:{port}", f"localhost:{port}"}

    def _picture(self, path: str) -> bytes | None:
        head, _, tail = path.rpartition("/")
        if head != "/page" or not tail.endswith(".png") or not tail[:-4].isdigit() or len(tail) > 12:
            return None
        return self.server.preview.picture(int(tail[:-4]))

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", _POLICY)
        self.end_headers()
        self.wfile.write(body)

    def _events(self, preview: Preview) -> None:
        """One ``build`` event (the state) now and after each build, until the page goes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = (-1, preview.news()[1])  # a reveal asked before the page came is in its state
        try:
            while True:
                generation, reveals = preview.news()
                if generation != sent[0]:
                    generation, body = preview.state()  # the newest, should one have come meanwhile
                    self.wfile.write(b"event: build\ndata: " + body + b"\n\n")
                if reveals != sent[1]:
                    self.wfile.write(b"event: reveal\ndata: " + json.dumps(preview.revealed()).encode() + b"\n\n")
                if (generation, reveals) == sent:
                    self.wfile.write(b": keep-alive\n\n")
                sent = (generation, reveals)
                self.wfile.flush()
                if preview.wait_after(sent, KEEPALIVE_S) is None:
                    return
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed or reloaded

    def log_message(self, format: str, *args: Any) -> None:
        return  # stderr holds one line per rebuild, not one per request


def tell_reveal(port: int, target: str, timeout: float = 5.0) -> bool:
    """Ask the watch serving on ``port`` to reveal ``target`` in its open pages; whether one
    did (False when what answers there is not a watch's preview)."""
    body = target.encode("utf-8")
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("POST", "/reveal", body, {REVEAL_HEADER[0]: REVEAL_HEADER[1], "Host": f"{HOST}:{port}",
                                              "Content-Type": "text/plain; charset=utf-8"})
        response = conn.getresponse()
        return response.status == 200 and response.read() == b"revealed\n"
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()
