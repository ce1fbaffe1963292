"""The 2022 report as a reader and a printer would check it."""

from __future__ import annotations

import re

import pypdf
import pytest

from renderer.paginate import Rendering
from tests.conftest import EDITION_2022, errors_of, render_edition

from .conftest import seed_2022

PUBLISHED_CONTENTS = {"Our 2022 Impact": 1, "Missing Children": 3, "Child Sexual Exploitation": 12, "Prevention": 20}


def folio_of_page(report: Rendering, index: int) -> int | None:
    return report.layout_map.pages[index].folio


def test_sections_land_on_the_published_folios(report_2022: Rendering) -> None:
    landed = {landing.mark.text: landing.folio for landing in report_2022.landings.values()
              if landing.mark.level == 1 and landing.mark.in_contents}
    assert landed == PUBLISHED_CONTENTS


def test_contents_page_lists_each_section_with_its_real_folio(report_2022: Rendering, texts_2022: list[str]) -> None:
    contents = next(t for t in texts_2022 if t.lstrip().startswith("Contents"))
    found = dict((title, int(number)) for number, title in re.findall(r"(\d+)\s*\n?\s*([A-Z][A-Za-z0-9 ]+?)\s*$",
                                                                      contents, flags=re.M)
                 if title in PUBLISHED_CONTENTS)
    assert found == PUBLISHED_CONTENTS
    # ... and each of those folios is printed in the footer of the page where the heading stands.
    for landing in report_2022.landings.values():
        if landing.mark.level == 1 and landing.mark.in_contents:
            page_text = texts_2022[landing.page - 1]
            assert landing.mark.text in page_text
            assert re.search(rf"(^|\n)\s*{landing.folio}\s*($|\n)|{landing.folio}$", page_text.strip())


def test_running_footer_names_the_report_and_its_section_once(texts_2022: list[str]) -> None:
    # the footer is the last line of a page's text that starts with the title (before the folio)
    footers = [([line for line in text.splitlines() if line.startswith("Our 2022 Impact")] or [None])[-1]
               for text in texts_2022]
    assert footers[1] == footers[2] == "Our 2022 Impact"  # the first section is named like the report
    assert footers[3] == "Our 2022 Impact  ·  Missing Children"
    assert "Our 2022 Impact  ·  Child Sexual Exploitation" in footers
    assert "Our 2022 Impact  ·  Prevention" in footers


def test_contents_entries_link_to_their_sections(reader_2022: pypdf.PdfReader) -> None:
    contents_index = next(i for i, p in enumerate(reader_2022.pages)
                          if p.extract_text().lstrip().startswith("Contents"))
    annots = [a.get_object() for a in reader_2022.pages[contents_index].get("/Annots", [])]
    links = [a for a in annots if a.get("/Subtype") == "/Link"]
    assert len(links) == len(PUBLISHED_CONTENTS)
    targets = []
    for link in links:
        dest = link["/Dest"] if "/Dest" in link else link["/A"]["/D"]
        dest = reader_2022.named_destinations[dest].page if isinstance(dest, str) else dest[0]
        targets.append(reader_2022.get_page_number(dest))
    assert sorted(targets) == sorted(targets) and len(set(targets)) == len(PUBLISHED_CONTENTS)


def test_outline_holds_sections_and_sub_headings(reader_2022: pypdf.PdfReader) -> None:
    top = [o.title for o in reader_2022.outline if not isinstance(o, list)]
    assert top == list(PUBLISHED_CONTENTS)
    nested = [o for o in reader_2022.outline if isinstance(o, list)]
    assert any(o.title == "1-800-THE-LOST" for group in nested for o in group if not isinstance(o, list))


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w.])\d[\d,]*(?:\.\d+)?%?", text))


def test_every_number_of_the_seed_is_in_the_pdf(texts_2022: list[str]) -> None:
    seed = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", seed_2022())  # link targets are not text
    wanted = {n.rstrip(",.") for n in _numbers(seed)}
    text = " ".join(" ".join(texts_2022).split())
    have = {n.rstrip(",.") for n in _numbers(text)}
    missing = sorted(wanted - have, key=lambda n: (len(n), n))
    assert not missing, f"numbers of the seed missing from the PDF: {missing}"


def test_phone_number_and_marks_print_as_published(texts_2022: list[str]) -> None:
    text = " ".join(texts_2022)
    for expected in ("1-800-THE-LOST", "27,644", "16%", "88,377,207", "20.93%", "1 in 6"):
        assert expected in text


def test_two_builds_are_byte_identical(report_2022: Rendering, tmp_path: pytest.TempPathFactory) -> None:
    again, sink = render_edition(EDITION_2022, cache=tmp_path)  # type: ignore[arg-type]
    assert again is not None, errors_of(sink)
    assert again.pdf == report_2022.pdf


def test_every_font_is_embedded_and_is_the_bundled_family(reader_2022: pypdf.PdfReader) -> None:
    fonts = {}
    def collect(resources: object) -> None:
        res = resources.get_object() if resources is not None else {}  # type: ignore[attr-defined]
        for font in res.get("/Font", {}).values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
        for xobj in res.get("/XObject", {}).values():
            xobj = xobj.get_object()
            if xobj.get("/Subtype") == "/Form":
                collect(xobj.get("/Resources"))
    for page in reader_2022.pages:
        collect(page.get("/Resources"))
    assert fonts
    for name, font in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+Lato(-\w+)?", str(name)), name
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), f"{name} is not embedded"


def test_streams_are_compressed_binary_not_ascii(report_2022: Rendering) -> None:
    # ASCII85 would make every page, form and picture stream a quarter larger for no reader's
    # sake. reportlab writes no object streams, so every stream's dictionary is plain bytes.
    assert report_2022.pdf.count(b"/FlateDecode") > 24
    assert b"/ASCII85Decode" not in report_2022.pdf


def test_metadata_comes_from_the_manifest(reader_2022: pypdf.PdfReader) -> None:
    meta = reader_2022.metadata
    assert meta is not None
    assert meta.title == "Our 2022 Impact"
    assert meta.author == "National Center for Missing & Exploited Children"
    assert str(meta["/Producer"]).startswith("impact-report ")
    assert str(meta["/CreationDate"]).startswith("D:20230401")
    assert reader_2022.trailer["/Root"]["/Lang"] == "en-US"
