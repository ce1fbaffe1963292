"""The preview server: loopback only, its own paths only, a foreign Host refused, events."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator

import pytest

from renderer.watch.pages import PagePicture
from renderer.watch.server import Preview, Published, tell_reveal

PNG = b"\x89PNG\r\n\x1a\nnot really a picture"


@pytest.fixture
def preview() -> Iterator[Preview]:
    p = Preview(0, "/x/a.yaml:3")
    p.publish(Published((PagePicture("k1", "d1", PNG, 612.0, 792.0, "Cover", ((10.0, 20.0, 30.0, 40.0),)),),
                        b'{"version":2}', {"a.yaml": "/x/a.yaml"}, (1,)))
    yield p
    p.close()


def get(preview: Preview, path: str, host: str | None = None) -> tuple[int, bytes, str]:
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host if host is not None else f"127.0.0.1:{preview.port}")
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body, response.getheader("Content-Type") or ""


def test_it_listens_on_loopback_only(preview: Preview) -> None:
    assert preview._server.server_address[0] == "127.0.0.1"
    assert preview.url == f"http://127.0.0.1:{preview.port}/"


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1", "127.0.0.1:1",
                                  "localhost.evil.example:{port}", "0.0.0.0:{port}", ""])
def test_a_foreign_host_header_is_refused(preview: Preview, host: str) -> None:
    status, body, _ = get(preview, "/state.json", host.format(port=preview.port))
    assert status == 403
    assert b"generation" not in body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}"])
def test_its_own_names_are_served(preview: Preview, host: str) -> None:
    status, body, kind = get(preview, "/state.json", host.format(port=preview.port))
    assert (status, kind) == (200, "application/json")
    state = json.loads(body)
    assert state["pages"] == [{"number": 1, "digest": "d1", "width": 612.0, "height": 792.0, "label": "Cover",
                               "regions": [[10.0, 20.0, 30.0, 40.0]]}]
    assert state["sources"] == {"a.yaml": "/x/a.yaml"} and state["changed"] == [1]
    assert state["reveal"] == "/x/a.yaml:3"


def test_only_its_own_paths_are_served(preview: Preview) -> None:
    assert get(preview, "/")[0] == 200 and b"EventSource" in get(preview, "/")[1]
    assert get(preview, "/page/1.png")[1:] == (PNG, "image/png")
    assert get(preview, "/layout.json")[1] == b'{"version":2}'
    for path in ("/page/2.png", "/page/0.png", "/page/-1.png", "/page/../../etc/passwd", "/etc/passwd",
                 "/page.html", "/renderer/watch/server.py", "/page/1.png/x"):
        assert get(preview, path)[0] == 404, path


def test_errors_show_over_the_last_good_pages(preview: Preview) -> None:
    preview.publish_errors(("a.yaml:3:5: error: unknown key 'x'\n  hint: did you mean 'y'?",))
    state = json.loads(get(preview, "/state.json")[1])
    assert state["errors"] == ["a.yaml:3:5: error: unknown key 'x'\n  hint: did you mean 'y'?"]
    assert [p["digest"] for p in state["pages"]] == ["d1"]
    assert state["changed"] == [] and state["pages"][0]["regions"] == []  # nothing new is outlined
    assert get(preview, "/page/1.png")[1] == PNG


def test_events_tell_of_each_build(preview: Preview) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    conn.request("GET", "/events")
    response = conn.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"

    def event() -> dict[str, object]:
        lines = [response.fp.readline() for _ in range(3)]
        assert lines[0] == b"event: build\n" and lines[2] == b"\n", lines
        return dict(json.loads(lines[1].removeprefix(b"data: ")))

    assert event()["generation"] == 1
    preview.publish(Published((PagePicture("k2", "d2", PNG, 612.0, 792.0, "Cover"),), b"{}", {}, (1,)))
    second = event()
    assert second["generation"] == 2 and second["changed"] == [1]
    conn.close()


def post_reveal(preview: Preview, body: bytes, headers: dict[str, str]) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    conn.request("POST", "/reveal", body, headers)
    status = conn.getresponse().status
    conn.close()
    return status


def test_a_reveal_from_a_second_watch_is_told_to_the_pages(preview: Preview) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    conn.request("GET", "/events")
    response = conn.getresponse()
    assert response.fp.readline() == b"event: build\n"  # the state first, with the reveal asked at the start
    assert json.loads(response.fp.readline().removeprefix(b"data: "))["reveal"] == "/x/a.yaml:3"
    response.fp.readline()

    own = {"X-Impact-Report": "reveal", "Host": f"127.0.0.1:{preview.port}"}
    assert post_reveal(preview, b"/x/a.yaml:9", {"Host": own["Host"]}) == 403  # a form elsewhere cannot add the header
    assert post_reveal(preview, b"/x/a.yaml:9", {**own, "Host": "evil.example"}) == 403
    assert post_reveal(preview, b"x" * 5000, own) == 403
    assert preview.revealed() == "/x/a.yaml:3"
    assert post_reveal(preview, "/x/ä.yaml:9".encode(), own) == 200
    assert [response.fp.readline() for _ in range(3)] == [b"event: reveal\n", b'data: "/x/\\u00e4.yaml:9"\n', b"\n"]
    assert json.loads(get(preview, "/state.json")[1])["reveal"] == "/x/ä.yaml:9"  # a page opened later goes there too
    conn.close()


def test_tell_reveal_is_false_where_no_watch_answers(preview: Preview) -> None:
    assert tell_reveal(preview.port, "/x/a.yaml:4") is True
    free = Preview(0)
    port = free.port
    free.close()
    assert tell_reveal(port, "/x/a.yaml:4") is False
