"""What a strict intake reads in a press file: the identification keys with the values ISO 15930
gives them, XMP that repeats the document information, an OutputIntent that describes the
profile, and, in every build, a subset tag per subset and no empty page transitions.

The expected values are written here from the standards, not taken from the project's table.
"""

from __future__ import annotations

import io
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest

from renderer import buildid
from renderer.build import Paths, render
from renderer.diagnostics import Sink
from tests.conftest import EDITION_2020, EDITION_2022, FONTS, LAYOUT, set_press

PROFILE = LAYOUT / "press" / "CGATS_TR006_300.icc"
DESCRIPTION = "CGATS TR 006 (GRACoL coated #1), 300% ink, impact-report"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
NS = {"dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "xmpMM": "http://ns.adobe.com/xap/1.0/mm/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "pdfx": "http://ns.adobe.com/pdfx/1.3/", "pdfxid": "http://www.npes.org/pdfx/ns/id/"}


def build(edition: Path, layout: Path, profile: str = "press") -> bytes:
    sink = Sink()
    rendering = render(Paths(edition, layout, FONTS), sink, profile=profile)
    assert rendering is not None, [d.render() for d in sink]
    return rendering.pdf


@pytest.fixture(scope="module")
def x4_layout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    layout = tmp_path_factory.mktemp("x4") / "layout"
    shutil.copytree(LAYOUT, layout)
    set_press(layout / "templates.yaml", "press:\n  standard: PDF/X-4\n  icc_profile: press/CGATS_TR006_300.icc\n")
    return layout


@pytest.fixture(scope="module")
def x1a() -> bytes:
    return build(EDITION_2022, LAYOUT)


@pytest.fixture(scope="module")
def x4(x4_layout: Path) -> bytes:
    return build(EDITION_2022, x4_layout)


def xmp(pdf: bytes) -> dict[str, str]:
    root = ET.fromstring(pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data())
    prefixes = {uri: prefix for prefix, uri in NS.items()}
    found = {}
    for element in root.iter():
        uri, _, name = element.tag[1:].partition("}")
        if uri in prefixes:
            items = [li.text for li in element.iter(RDF + "li")]
            found[f"{prefixes[uri]}:{name}"] = items[0] if items else element.text
    return found


def info(pdf: bytes) -> dict[str, str]:
    return {k: str(v) for k, v in pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Info"].get_object().items()}


def intent(pdf: bytes) -> pypdf.generic.DictionaryObject:
    (found,) = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/OutputIntents"]
    return found.get_object()


def test_pdfx_1a_is_identified_as_iso_15930_1_says(x1a: bytes) -> None:
    assert x1a.startswith(b"%PDF-1.3\n")
    keys = info(x1a)
    assert keys["/GTS_PDFXVersion"] == "PDF/X-1:2001" and keys["/GTS_PDFXConformance"] == "PDF/X-1a:2001"
    assert keys["/Trapped"] == "/False"
    meta = xmp(x1a)
    assert meta["pdfx:GTS_PDFXVersion"] == "PDF/X-1:2001" and meta["pdfx:GTS_PDFXConformance"] == "PDF/X-1a:2001"


def test_pdfx_4_is_identified_as_iso_15930_7_says(x4: bytes) -> None:
    assert x4.startswith(b"%PDF-1.6\n")
    keys, meta = info(x4), xmp(x4)
    assert keys["/GTS_PDFXVersion"] == "PDF/X-4" and "/GTS_PDFXConformance" not in keys
    assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
    for required in ("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass", "xmp:MetadataDate",
                     "xmp:CreateDate", "xmp:ModifyDate", "dc:title"):
        assert meta.get(required), required
    assert meta["xmpMM:RenditionClass"] == "default"


@pytest.mark.parametrize("which", ["x1a", "x4"])
def test_info_and_xmp_say_the_same(which: str, request: pytest.FixtureRequest) -> None:
    pdf = request.getfixturevalue(which)
    keys, meta = info(pdf), xmp(pdf)
    assert keys["/Title"] == meta["dc:title"] == "Our 2022 Impact"
    assert keys["/Author"] == meta["dc:creator"] == "National Center for Missing & Exploited Children"
    assert keys["/Subject"] == meta["dc:description"]
    assert keys["/Keywords"] == meta["pdf:Keywords"]
    assert keys["/Creator"] == meta["xmp:CreatorTool"]
    assert keys["/Producer"] == meta["pdf:Producer"] and keys["/Producer"].startswith("impact-report ")
    assert keys["/CreationDate"] == "D:20230401000000+00'00'" and meta["xmp:CreateDate"] == "2023-04-01T00:00:00Z"
    assert meta["xmp:ModifyDate"] == meta["xmp:MetadataDate"] == "2023-04-01T00:00:00Z"
    assert meta["pdf:Trapped"] == "False"


def test_the_output_intent_describes_the_profile_and_x4_embeds_it(x1a: bytes, x4: bytes) -> None:
    for pdf in (x1a, x4):
        found = intent(pdf)
        assert found["/OutputConditionIdentifier"] == "CGATS TR 006"  # the profile's characterization target
        assert found["/Info"] == DESCRIPTION and found["/RegistryName"] == "http://www.color.org"
    assert "/DestOutputProfile" not in intent(x1a)  # a registered condition: X-1a may leave it out
    embedded = intent(x4)["/DestOutputProfile"].get_object()
    assert embedded["/N"] == 4 and embedded.get_data() == PROFILE.read_bytes()


def test_another_profile_names_itself_custom_and_is_embedded(tmp_path: Path) -> None:
    """A printer's profile that names no registered characterization: the file says Custom,
    describes the profile and embeds it even under PDF/X-1a (the standard wants it then)."""
    from PIL import ImageCms

    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    data = bytearray(PROFILE.read_bytes())
    count = int.from_bytes(data[128:132], "big")
    for i in range(count):  # rename the target tag so the profile names none
        at = 132 + 12 * i
        if data[at:at + 4] == b"targ":
            data[at:at + 4] = b"zzzz"
    (layout / "printer.icc").write_bytes(bytes(data))
    assert ImageCms.getOpenProfile(str(layout / "printer.icc")).profile.target is None
    set_press(layout / "templates.yaml", "press:\n  icc_profile: printer.icc\n")
    found = intent(build(EDITION_2022, layout))
    assert found["/OutputConditionIdentifier"] == "Custom" and found["/Info"] == DESCRIPTION
    assert found["/DestOutputProfile"].get_object().get_data() == bytes(data)


def test_the_document_id_is_the_reports_and_the_version_id_the_builds(x1a: bytes, x4: bytes) -> None:
    other = build(EDITION_2020, LAYOUT)
    assert xmp(x1a)["xmpMM:DocumentID"] == xmp(x4)["xmpMM:DocumentID"] != xmp(other)["xmpMM:DocumentID"]
    uuid = r"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    assert re.fullmatch(uuid, xmp(x1a)["xmpMM:DocumentID"])
    for pdf in (x1a, x4, other):
        assert xmp(pdf)["xmpMM:VersionID"] == buildid.read(pdf)
    assert len({buildid.read(p) for p in (x1a, x4, other)}) == 3
    assert build(EDITION_2022, LAYOUT) == x1a  # and still the same bytes for the same inputs


def subsets(pdf: bytes) -> dict[str, bytes]:
    """Each embedded subset's name and its font program."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            program = font["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
            found[str(font["/BaseFont"]).lstrip("/")] = program
    return found


def subset_names(pdf: bytes) -> list[str]:
    return sorted(subsets(pdf))


def test_every_subset_has_its_own_tag_in_every_build(x1a: bytes) -> None:
    screen_2022, screen_2020 = build(EDITION_2022, LAYOUT, "screen"), build(EDITION_2020, LAYOUT, "screen")
    for pdf in (x1a, screen_2022, screen_2020):
        names = subset_names(pdf)
        tags = [n.split("+")[0] for n in names]
        assert all(re.fullmatch(r"[A-Z]{6}\+Lato(-\w+)?", n) for n in names), names
        assert len(set(tags)) == len(tags) and "AAAAAA" not in tags, names
    # The tag follows the subset: another document's subset of a face has another tag, unless
    # it holds the very same characters, when the two font programs are one and the same.
    ours, theirs = subsets(screen_2022), subsets(screen_2020)
    shared = set(ours) & set(theirs)
    assert len(shared) < len(theirs)
    assert all(ours[name] == theirs[name] for name in shared)
    assert {n.split("+")[1]: n for n in ours}["Lato-Regular"] != {n.split("+")[1]: n for n in theirs}["Lato-Regular"]


def test_no_page_carries_an_empty_transition(x1a: bytes, x4: bytes) -> None:
    for pdf in (x1a, x4, build(EDITION_2020, LAYOUT, "screen")):
        assert all("/Trans" not in page for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_tags_do_not_depend_on_who_registered_the_fonts(tmp_path: Path) -> None:
    """The chart code registers the faces with reportlab as plain TrueType fonts when it measures
    text before the engine has: the subsets are tagged all the same, with the same tags."""
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path\n"
        "from reportlab.pdfbase import pdfmetrics; from reportlab.pdfbase.ttfonts import TTFont\n"
        "for name, file in (('Lato', 'Lato-Regular'), ('Lato-Bold', 'Lato-Bold')):\n"
        f"    pdfmetrics.registerFont(TTFont(name, str(Path({str(FONTS)!r}) / (file + '.ttf'))))\n"
        "from renderer.build import Paths, render; from renderer.diagnostics import Sink\n"
        f"r = render(Paths(Path({str(EDITION_2020)!r}), Path({str(LAYOUT)!r}), Path({str(FONTS)!r})), Sink(),"
        " profile='screen')\n"
        "sys.stdout.buffer.write(r.pdf)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    assert subset_names(result.stdout) == subset_names(build(EDITION_2020, LAYOUT, "screen"))
    assert not any(name.startswith("AAAAAA+") for name in subset_names(result.stdout))
