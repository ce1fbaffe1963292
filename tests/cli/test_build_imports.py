"""What a build imports: never the review tools, preflight, the installed packages' metadata
or matplotlib with its charts cached; Pillow only to place a picture, pikepdf only to pack
object streams. Each of these costs a warm build milliseconds it has no use for."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf

from renderer.charts.kinds import KINDS
from tests.conftest import FONTS, LAYOUT, ROOT, body_page

# A build in a fresh process, as the command runs it; then the modules it loaded.
PROGRAM = ("import json, sys\n"
           "from renderer.cli import main\n"
           "code = main(sys.argv[1:])\n"
           "print(json.dumps({'code': code, 'modules': sorted(sys.modules),\n"
           "                  'pillow_loaded': 'PIL.ExifTags' in sys.modules}))\n")  # PIL.Image's first import

NEVER = ("importlib.metadata", "renderer.review", "renderer.review_cli", "renderer.preflight", "renderer.watch",
         "matplotlib")
PACKING = ("pikepdf", "subprocess", "lxml")  # qpdf through pikepdf, and what pikepdf imports


def built(root: Path, out: Path, *args: str) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-c", PROGRAM, "build", str(root), "-o", str(out), "-q",
                             "--layout", str(LAYOUT), "--fonts", str(FONTS), *args],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    assert report["code"] == 0
    return report


def loaded(report: dict[str, object], name: str) -> bool:
    modules = report["modules"]
    assert isinstance(modules, list)
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_a_warm_build_imports_nothing_it_does_not_use(edition: Callable[..., Path], tmp_path: Path) -> None:
    chart = "type: chart\nkind: bar\ntitle: Reports\ndata:\n  - {label: Online, value: 3}\n  - {label: Phone, value: 5}"
    root = edition(body_page("{type: heading, level: 1, text: Hello}", chart))
    built(root, tmp_path / "r.pdf")  # draws the chart into the cache
    warm = built(root, tmp_path / "r.pdf")
    assert [name for name in NEVER if loaded(warm, name)] == []
    # The painters draw only what the cache does not hold.
    assert [kind.painter for kind in KINDS.values() if loaded(warm, f"renderer.charts.{kind.painter}")] == []
    assert warm["pillow_loaded"] is False
    assert loaded(warm, "pikepdf")  # the screen edition is tagged: its object streams are packed
    press = built(root, tmp_path / "press.pdf", "--profile", "press")
    assert [name for name in (*NEVER, *PACKING) if loaded(press, name)] == []


def test_a_picture_loads_pillow_and_is_placed(edition: Callable[..., Path], tmp_path: Path) -> None:
    from PIL import Image

    root = edition(body_page("{type: image, src: dot.png, alt: A red square, width: half}"))
    Image.new("RGB", (600, 600), (200, 30, 30)).save(root / "dot.png")
    report = built(root, tmp_path / "r.pdf")
    assert report["pillow_loaded"] is True
    with pikepdf.open(tmp_path / "r.pdf") as pdf:
        (picture,) = pikepdf.Page(pdf.pages[0]).get_images().values()
        assert (picture.Width, picture.Height) == (600, 600)
