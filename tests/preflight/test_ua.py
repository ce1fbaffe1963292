"""preflight --profile ua: a peer's PDF/UA-1 document passes every check; a copy breaking one
Matterhorn condition fails on that check (and on those the same change must also break);
our untagged screen edition fails with the findings a reader of the table would expect; an
independent validator agrees on the peer's document and on ours."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import page
import pikepdf
import pytest

from renderer.preflight import preflight, render_table
from renderer.preflight.structure import role_of
from renderer.preflight.ua import PROFILE, UA_CHECKS
from tests.conftest import EDITION_2022, FONTS, LAYOUT

from . import ua_factory as f

pytest.importorskip("typst", reason="typst is a test extra: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return f.typst_pdf(tmp_path_factory.mktemp("typst"))


def no_mark_info(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.MarkInfo


def suspects(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Suspects = True


def empty_tree(pdf: pikepdf.Pdf) -> None:
    pdf.Root.StructTreeRoot.K = pikepdf.Array()


def unmarked_path(pdf: pikepdf.Pdf) -> None:
    f.append_content(pdf, b"q 0 0 m 50 50 l S Q")


def artifact_in_tagged(pdf: pikepdf.Pdf) -> None:
    f.insert_after_first_mcid(pdf, b"/Artifact BMC 0 0 m 5 5 l S EMC")


def tagged_in_artifact(pdf: pikepdf.Pdf) -> None:
    f.append_content(pdf, b"/Artifact BMC /P <</MCID 900>> BDC 0 0 m 5 5 l S EMC EMC")


def lost_struct_parents(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].obj.StructParents = 999


def remapped_standard(pdf: pikepdf.Pdf) -> None:
    pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary(P=pikepdf.Name.Span)


def tr_as_div(pdf: pikepdf.Pdf) -> None:
    f.elements(pdf, "/TR")[0].S = pikepdf.Name.Div


def lbody_as_p(pdf: pikepdf.Pdf) -> None:
    f.elements(pdf, "/LBody")[0].S = pikepdf.Name.P


def toci_as_p(pdf: pikepdf.Pdf) -> None:
    f.elements(pdf, "/TOCI")[0].S = pikepdf.Name.P


def no_xmp(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.Metadata


def no_pdfuaid(pdf: pikepdf.Pdf) -> None:
    f.rewrite_xmp(pdf, r"<pdfuaid:part>1</pdfuaid:part>", "")


def pdfuaid_2(pdf: pikepdf.Pdf) -> None:
    f.rewrite_xmp(pdf, r"<pdfuaid:part>1</pdfuaid:part>", "<pdfuaid:part>2</pdfuaid:part>")


def no_dc_title(pdf: pikepdf.Pdf) -> None:
    f.rewrite_xmp(pdf, r"<dc:title>.*?</dc:title>", "")


def doc_title_false(pdf: pikepdf.Pdf) -> None:
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def no_lang(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.Lang


def bad_lang(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Lang = pikepdf.String("English (UK)")


def figure_without_alt(pdf: pikepdf.Pdf) -> None:
    del f.elements(pdf, "/Figure")[0].Alt


def formula_without_alt(pdf: pikepdf.Pdf) -> None:
    del f.elements(pdf, "/Formula")[0].Alt


def h2_as_h3(pdf: pikepdf.Pdf) -> None:
    f.elements(pdf, "/H2")[0].S = pikepdf.Name.H3


def first_heading_h2(pdf: pikepdf.Pdf) -> None:
    for h in f.elements(pdf, "/H1"):
        h.S = pikepdf.Name.H2
    for h in f.elements(pdf, "/H3"):
        h.S = pikepdf.Name.H4
    for h in f.elements(pdf, "/H2")[2:]:
        h.S = pikepdf.Name.H3


def plain_h(pdf: pikepdf.Pdf) -> None:
    f.elements(pdf, "/H3")[0].S = pikepdf.Name.H


def th_without_scope(pdf: pikepdf.Pdf) -> None:
    for cell in f.elements(pdf, "/TH") + f.elements(pdf, "/TD"):  # not organised with Headers and IDs
        for attributes in cell.get("/A", []):
            if "/Headers" in attributes:
                del attributes.Headers
    del f.elements(pdf, "/TH")[0].A


def note_without_id(pdf: pikepdf.Pdf) -> None:
    del f.elements(pdf, "/Note")[0].ID


def unnamed_optional_content(pdf: pikepdf.Pdf) -> None:
    ocg = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String("layer")))
    pdf.Root.OCProperties = pikepdf.Dictionary(OCGs=pikepdf.Array([ocg]), D=pikepdf.Dictionary(
        Order=pikepdf.Array([ocg]), AS=pikepdf.Array()))


def file_without_uf(pdf: pikepdf.Pdf) -> None:
    data = pdf.make_stream(b"hello", Type=pikepdf.Name.EmbeddedFile)
    spec = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F=pikepdf.String("a.txt"),
                                                EF=pikepdf.Dictionary(F=data)))
    pdf.Root.Names = pikepdf.Dictionary(EmbeddedFiles=pikepdf.Dictionary(
        Names=pikepdf.Array([pikepdf.String("a.txt"), spec])))


def encrypted_without_accessibility(pdf: pikepdf.Pdf) -> None:
    pass


encrypted_without_accessibility.encryption = pikepdf.Encryption(  # type: ignore[attr-defined]
    owner="owner", user="", R=3, metadata=False, aes=False,
    allow=pikepdf.Permissions(accessibility=False, extract=False))


def no_tabs(pdf: pikepdf.Pdf) -> None:
    del pdf.pages[0].obj.Tabs


def tabs_row(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].obj.Tabs = pikepdf.Name.R


def link_as_span(pdf: pikepdf.Pdf) -> None:
    f.elements(pdf, "/Link")[-1].S = pikepdf.Name.Span


def untagged_text_annotation(pdf: pikepdf.Pdf) -> None:
    f.add_annotation(pdf, "/Text", "a reviewer's note")


def link_without_contents(pdf: pikepdf.Pdf) -> None:
    link = next(a for a in pdf.pages[0].obj.Annots if a.Subtype == "/Link")
    del link.Contents


def trap_net(pdf: pikepdf.Pdf) -> None:
    f.add_annotation(pdf, "/TrapNet", "trapping")


def reference_xobject(pdf: pikepdf.Pdf) -> None:
    f.add_form(pdf, b"", Ref=pikepdf.Dictionary(F=pikepdf.String("other.pdf"), Page=0))


def form_with_mcids_twice(pdf: pikepdf.Pdf) -> None:
    name = f.add_form(pdf, b"/P <</MCID 0>> BDC 0 0 m 5 5 l S EMC", StructParents=998)
    f.append_content(pdf, f"q {name} Do Q q 1 0 0 1 20 20 cm {name} Do Q".encode())


def font_not_embedded(pdf: pikepdf.Pdf) -> None:
    descriptor = f.first_font(pdf).DescendantFonts[0].FontDescriptor
    del descriptor.FontFile3


def no_to_unicode(pdf: pikepdf.Pdf) -> None:
    del f.first_font(pdf).ToUnicode


def to_unicode_without_a_code(pdf: pikepdf.Pdf) -> None:
    font = f.first_font(pdf)
    font.ToUnicode.write(font.ToUnicode.read_bytes().replace(b"<0001> <0043>", b""))


def to_unicode_zero(pdf: pikepdf.Pdf) -> None:
    font = f.first_font(pdf)
    font.ToUnicode.write(font.ToUnicode.read_bytes().replace(b"<0001> <0043>", b"<0001> <0000>"))


def notdef_shown(pdf: pikepdf.Pdf) -> None:
    name = sorted(pdf.pages[0].Resources.Font.keys())[0]
    f.append_content(pdf, f"/Artifact BMC BT {name} 10 Tf 100 100 Td <0000> Tj ET EMC".encode())


BREAKS: list[tuple[str, f.Break, set[str]]] = [
    ("mark-info", no_mark_info, set()),
    ("mark-info", suspects, set()),
    ("structure-tree", empty_tree, {"parent-tree", "link-tags"}),
    ("tagged-content", unmarked_path, set()),
    ("artifact-nesting", artifact_in_tagged, set()),
    ("artifact-nesting", tagged_in_artifact, {"parent-tree"}),
    ("parent-tree", lost_struct_parents, set()),
    ("role-map", remapped_standard, set()),
    ("table-syntax", tr_as_div, set()),
    ("list-syntax", lbody_as_p, set()),
    ("toc-syntax", toci_as_p, set()),
    ("xmp-metadata", no_xmp, {"pdfua-identifier", "dc-title"}),
    ("pdfua-identifier", no_pdfuaid, set()),
    ("pdfua-identifier", pdfuaid_2, set()),
    ("dc-title", no_dc_title, set()),
    ("display-doc-title", doc_title_false, set()),
    ("natural-language", no_lang, set()),
    ("natural-language", bad_lang, set()),
    ("figure-alt", figure_without_alt, set()),
    ("formula-alt", formula_without_alt, set()),
    ("heading-levels", h2_as_h3, set()),
    ("heading-levels", first_heading_h2, set()),
    ("heading-kinds", plain_h, set()),
    ("th-scope", th_without_scope, set()),
    ("note-ids", note_without_id, set()),
    ("optional-content", unnamed_optional_content, set()),
    ("embedded-files", file_without_uf, set()),
    ("encryption", encrypted_without_accessibility, set()),
    ("tabs", no_tabs, set()),
    ("tabs", tabs_row, set()),
    ("link-tags", link_as_span, set()),
    ("annot-tags", untagged_text_annotation, set()),
    ("annot-contents", link_without_contents, set()),
    ("trap-net", trap_net, {"annot-tags"}),
    ("reference-xobjects", reference_xobject, set()),
    ("form-mcids", form_with_mcids_twice, set()),
    ("font-programs", font_not_embedded, set()),
    ("unicode-mapping", no_to_unicode, set()),
    ("unicode-mapping", to_unicode_without_a_code, set()),
    ("unicode-values", to_unicode_zero, set()),
    ("notdef", notdef_shown, {"unicode-mapping"}),  # CID 0 has no Unicode value either
]


def test_typst_pdf_ua_1_passes_every_check(good: Path) -> None:
    report = preflight(good, PROFILE)
    assert report.findings == (), render_table(report)
    assert report.exit_code == 0


@pytest.mark.parametrize("check, change, also", BREAKS, ids=[b[1].__name__ for b in BREAKS])
def test_breaking_one_condition_fails_its_check(check: str, change: f.Break, also: set[str], good: Path,
                                                tmp_path: Path) -> None:
    report = preflight(f.broken(good, tmp_path / f"{change.__name__}.pdf", change), PROFILE)
    assert report.failed() == {check} | also, render_table(report)
    assert report.exit_code == 1


def test_every_ua_check_has_a_pdf_that_breaks_it() -> None:
    assert {c.id for c in UA_CHECKS} == {b[0] for b in BREAKS}
    assert len({c.id for c in UA_CHECKS}) == len(UA_CHECKS)


@pytest.mark.parametrize("role_map, problem", [
    ({"Chart": "Figure"}, ""),
    ({"Chart": "Picture"}, "does not end in a standard structure type"),
    ({"Chart": "Graph", "Graph": "Chart"}, "circular role mapping"),
    ({"Chart": "P", "P": "Span"}, ""),
])
def test_role_map_follows_chains_to_a_standard_type(role_map: dict[str, str], problem: str) -> None:
    found = role_of("Chart", role_map)[1]
    assert (problem in found) if problem else found == ""
    assert "is remapped" in role_of("P", {"P": "Span"})[1]


EDITIONS = {"2022": EDITION_2022, "2020": EDITION_2022.parent / "2020",
            "every-block": EDITION_2022.parent.parent / "tests" / "paginate" / "every_block",
            "de-sample": EDITION_2022.parent / "de-sample"}


@pytest.mark.parametrize("name", list(EDITIONS))
def test_the_screen_editions_pass_and_so_does_an_independent_validator(name: str, tmp_path: Path) -> None:
    out = tmp_path / "screen.pdf"
    built = subprocess.run([sys.executable, "-m", "renderer", "build", str(EDITIONS[name]), "-o", str(out),
                            "--profile", "screen", "-q", "--layout", str(LAYOUT), "--fonts", str(FONTS)],
                           cwd=LAYOUT.parent, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    run = subprocess.run([sys.executable, "-m", "renderer", "preflight", "--profile", "ua", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 errors" in run.stdout
    verdict = page.validate_pdf(str(out), profile="ua1")
    assert verdict.is_compliant, [(x.rule_id, x.message) for x in verdict.failures]


def test_a_pdf_with_painting_left_untagged_fails_with_clear_findings(tmp_path: Path) -> None:
    """The press edition under PDF/X-1a is not tagged: every finding a screen reader's user
    would meet in an untagged file is named."""
    out = tmp_path / "press.pdf"
    built = subprocess.run([sys.executable, "-m", "renderer", "build", str(EDITION_2022), "-o", str(out),
                            "--profile", "press", "-q", "--layout", str(LAYOUT), "--fonts", str(FONTS)],
                           cwd=LAYOUT.parent, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    run = subprocess.run([sys.executable, "-m", "renderer", "preflight", "--profile", "ua", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    report = preflight(out, PROFILE)
    assert {"mark-info", "structure-tree", "tagged-content", "pdfua-identifier"} <= report.failed()
    pages = {x.page for x in report.findings if x.check == "tagged-content"}
    assert pages == set(range(1, report.pages + 1))
    assert "tagged-content" in run.stdout and "FAIL" in run.stdout


def test_an_independent_validator_agrees(good: Path, tmp_path: Path) -> None:
    verdict = page.validate_pdf(str(good), profile="ua1")
    assert verdict.is_compliant, [(x.rule_id, x.message) for x in verdict.failures]
    assert verdict.rules.total >= 100
    broken = page.validate_pdf(str(f.broken(good, tmp_path / "nolang.pdf", no_lang)), profile="ua1")
    assert not broken.is_compliant
