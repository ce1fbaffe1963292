"""The preview's HTTP server: 127.0.0.1 only, its own few paths only, events after each build.

Bound to the loopback address, so nothing off the machine reaches it; and a request whose
``Host`` is not ``127.0.0.1:PORT`` or ``localhost:PORT`` is refused, so a web page elsewhere
cannot reach it through a DNS name rebound to 127.0.0.1 (the browser would send that name).
It serves the page, the pages' PNGs, the layout map and the state as JSON, and a stream of
server-sent events; it reads no file and takes no input but the path.

Paths: ``/`` the page; ``/state.json`` the pages (digest, size, label, the regions where each
looks different from the build before), the errors of the last build, each source file's
absolute path, and the source line the command was asked to reveal; ``/layout.json`` the last good layout map;
``/page/N.png`` page N (1-based); ``/events`` one ``build`` event per build.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import Any

from .pages import PagePicture

HOST = "127.0.0.1"
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

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        self._server.shutdown()
        self._server.server_close()

    # -- read by the handler's threads ----------------------------------------------------

    def state(self) -> tuple[int, bytes]:
        with self._lock:
            shown, errors, generation = self._shown, self._errors, self._generation
        body = {"generation": generation, "errors": list(errors), "warnings": list(shown.warnings),
                "changed": list(shown.changed), "sources": shown.sources, "reveal": self._reveal,
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

    def wait_after(self, generation: int, timeout: float) -> int | None:
        """The generation after ``generation`` once there is one (or the same on timeout);
        None once the server is closing."""
        with self._lock:
            self._lock.wait_for(lambda: self._closed or self._generation != generation, timeout)
            return None if self._closed else self._generation


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
        sent = -1
        try:
            while True:
                now, body = preview.state()
                if now != sent:
                    self.wfile.write(b"event: build\ndata: " + body + b"\n\n")
                    sent = now
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
                if preview.wait_after(sent, KEEPALIVE_S) is None:
                    return
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed or reloaded

    def log_message(self, format: str, *args: Any) -> None:
        return  # stderr holds one line per rebuild, not one per request
