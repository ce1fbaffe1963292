"""Text that looks like reportlab markup is printed as written, never interpreted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import body_page, errors_of, pdf_text, render_edition, straight_quotes

CVE_2023_33733 = ("<para><font color=\"[ [ getattr(pow,Word('__globals__'))['os'].system('touch /tmp/rl-pwned') "
                  "for Word in [orgTypeFun('Word', (str,), { 'mutated': 1, 'startswith': lambda self, x: False, "
                  "'__eq__': lambda self,x: self.mutate() and self.mutated < 0 and str(self) == x, 'mutate': "
                  "lambda self: {setattr(self, 'mutated', self.mutated - 1)}, '__hash__': lambda self: hash(str(self)) "
                  "})] ] for orgTypeFun in [type(type(1))] ] and 'red'\">exploit</font></para>")

PAYLOADS = [
    CVE_2023_33733,
    "<img src=\"/etc/passwd\" width=\"100\" height=\"100\"/>",
    "<img src=\"https://example.org/x.png\"/>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "AT&T &amp; &#169; &nbsp; <b>unclosed",
    "<font name=\"Helvetica\">x</font> <br/> <seq id=\"x\"/>",
]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_markup_lookalikes_print_literally(payload: str, edition: Callable[..., Path]) -> None:
    text = payload.replace("\\", "\\\\").replace('"', '\\"')
    root = edition(body_page(f'{{type: paragraph, text: "{text}"}}'))
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    printed = straight_quotes(" ".join(" ".join(pdf_text(rendering.pdf)).split()))
    assert " ".join(payload.split())[:60] in printed
    assert not Path("/tmp/rl-pwned").exists()
    for forbidden in (b"/Subtype /Image", b"/JavaScript", b"/URI", b"/Launch"):
        assert forbidden not in rendering.pdf
