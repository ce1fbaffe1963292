"""Charts placed in a real PDF: text extracts, only the report's Lato faces are used, and the
cache serves unchanged charts (without importing matplotlib) and redraws changed ones."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.pdfgen.canvas import Canvas

from renderer.charts import ChartArtist, ChartJob, Series, start

from .samples import FULL, HALF, jobs, register_fonts, samples

ROOT = Path(__file__).resolve().parents[2]


def build(path: Path, chart_jobs: list[ChartJob], cache: Path | None) -> ChartArtist:
    """A page per chart, drawn the engine's way: doForm during layout, forms defined last."""
    register_fonts()
    artist = start(chart_jobs, cache)
    # As the engine does: its canvas starts in the regular face, so no Helvetica is declared.
    c = Canvas(str(path), pagesize=(595, 842), invariant=1, initialFontName="Lato")
    for job in chart_jobs:
        c.saveState()
        c.translate(60, 500)
        c.doForm(job.name)
        c.restoreState()
        c.showPage()
    artist.define_forms(c)
    c.save()
    return artist


def all_jobs() -> list[ChartJob]:
    return jobs(samples(FULL), "full") + jobs(samples(HALF), "half")


def test_pdf_text_is_real_and_searchable(tmp_path: Path) -> None:
    pdf = tmp_path / "charts.pdf"
    build(pdf, all_jobs(), None)
    doc = pdfium.PdfDocument(str(pdf))
    text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    for expected in ("27,644", "$5 and $10 gift card scams", "Endangered runaway", "Resolved", "Active",
                     "20.93%", "Parents and guardians", "21,149", "TX", "3,144", "94%", "Recovered"):
        assert expected in text, expected


def _fonts(resources: Any, seen: set[int]) -> set[str]:
    names: set[str] = set()
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return names
    seen.add(id(resources))
    for font in (resources.get("/Font") or {}).values():
        names.add(str(font.get_object()["/BaseFont"]))
    for xobj in (resources.get("/XObject") or {}).values():
        obj = xobj.get_object()
        if obj.get("/Subtype") == "/Form":
            names |= _fonts(obj.get("/Resources", DictionaryObject()).get_object(), seen)
    return names


def test_pdf_uses_only_lato(tmp_path: Path) -> None:
    pdf = tmp_path / "charts.pdf"
    build(pdf, all_jobs(), None)
    reader = PdfReader(str(pdf))
    names: set[str] = set()
    for page in reader.pages:
        names |= _fonts(page.get("/Resources", DictionaryObject()).get_object(), set())
    assert names, "no fonts found"
    faces = {n.lstrip("/").split("+")[-1] for n in names}
    assert faces == {"Lato-Regular", "Lato-Bold", "Lato-Black"}, faces
    assert not any("Helvetica" in n or "DejaVu" in n for n in names)


def test_cache_hits_misses_and_identical_bytes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    chart_jobs = jobs(samples(FULL))
    cold = build(tmp_path / "cold.pdf", chart_jobs, cache)
    assert (cold.hits, cold.misses) == (0, len(chart_jobs))
    assert len(list(cache.glob("*.json"))) == len(chart_jobs)
    warm = build(tmp_path / "warm.pdf", chart_jobs, cache)
    assert (warm.hits, warm.misses) == (len(chart_jobs), 0)
    # Cached ops are the very numbers a fresh drawing makes: the PDFs are byte-identical.
    assert (tmp_path / "cold.pdf").read_bytes() == (tmp_path / "warm.pdf").read_bytes()

    changed = list(chart_jobs)
    bar = changed[0]
    values = (Decimal(27645),) + bar.spec.series[0].values[1:]
    new_spec = dataclasses.replace(bar.spec, series=(Series("Reports", values),))
    changed[0] = dataclasses.replace(bar, spec=new_spec)
    again = build(tmp_path / "changed.pdf", changed, cache)
    assert (again.hits, again.misses) == (len(chart_jobs) - 1, 1)


def test_single_miss_and_broken_cache_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    job = jobs(samples(HALF))[:1]
    build(tmp_path / "a.pdf", job, cache)
    (file,) = cache.glob("*.json")
    file.write_text("{not json", encoding="utf-8")  # a torn or foreign file is a miss, not a crash
    artist = build(tmp_path / "b.pdf", job, cache)
    assert (artist.hits, artist.misses) == (0, 1)
    assert json.loads(file.read_text(encoding="utf-8"))["ops"]


WARM_SCRIPT = """
import sys
from pathlib import Path
from reportlab.pdfgen.canvas import Canvas
from tests.charts.samples import FULL, jobs, register_fonts, samples
from renderer.charts import start
register_fonts()
artist = start(jobs(samples(FULL)), Path(sys.argv[1]))
c = Canvas(sys.argv[2], initialFontName="Lato")
artist.define_forms(c)
c.save()
print(artist.hits, artist.misses, "matplotlib" in sys.modules, "numpy" in sys.modules)
"""


def test_warm_build_does_not_import_matplotlib(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "cold.pdf", jobs(samples(FULL)), cache)
    out = subprocess.run([sys.executable, "-c", WARM_SCRIPT, str(cache), str(tmp_path / "w.pdf")],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    hits, misses, mpl, _ = out.stdout.split()
    assert (int(hits), int(misses), mpl) == (len(samples()), 0, "False")


RC_SCRIPT = """
import json, sys
from tests.charts.samples import FULL, LOOK, samples
from renderer.charts.draw import draw
from renderer.charts.ops import to_json
print(json.dumps([to_json(draw(s, LOOK)) for s in samples(FULL).values()]))
"""


def test_matplotlibrc_in_working_folder_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "matplotlibrc").write_text(textwrap.dedent("""\
        font.family: serif
        font.size: 31
        text.usetex: True
        axes.facecolor: red
        patch.linewidth: 7
        lines.linewidth: 9
        """), encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    args = [sys.executable, "-c", RC_SCRIPT]
    plain = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True, env=env).stdout
    odd = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, check=True, env=env).stdout
    assert plain == odd
