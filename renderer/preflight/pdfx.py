"""The PDF/X checks a strict intake makes of a file's identification: the standard's keys and
values exactly, its XMP, Info and XMP saying the same, distinct subset tags, transparency only
where the standard allows it and blended in CMYK, and an output profile that is what the
OutputIntent says. The values come from the standards' own rows (``profiles/standards.py``).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO
from typing import Any

from ..profiles.standards import INFO_IN_XMP, NAMESPACES, STANDARDS, Standard, identify
from .model import Document

Result = Iterator[tuple[int | None, str]]

_RDF = "{" + NAMESPACES["rdf"] + "}"
_TAG = re.compile(r"^([A-Z]{6})\+")


def info(doc: Document) -> dict[str, Any]:
    found = doc.reader.trailer.get("/Info")
    return dict(found.get_object()) if found is not None else {}


def claimed(doc: Document) -> Standard | None:
    """The standard the file's version keys name, or ``None`` when they name none exactly."""
    keys = info(doc)
    version = keys.get("/GTS_PDFXVersion")
    conformance = keys.get("/GTS_PDFXConformance")
    return identify(str(version), str(conformance) if conformance is not None else None) if version else None


def pdfx_keys(doc: Document) -> Result:
    keys = info(doc)
    version = keys.get("/GTS_PDFXVersion")
    if version is None:
        return  # not identified as PDF/X at all: pdfx-version says so
    rules = claimed(doc)
    if rules is None:
        known = "; ".join(" ".join(f"{k} '{v}'" for k, v in s.info) for s in STANDARDS.values())
        conformance = keys.get("/GTS_PDFXConformance")
        yield None, (f"GTS_PDFXVersion '{version}'" + (f" with GTS_PDFXConformance '{conformance}'" if conformance
                     else "") + f" names no PDF/X standard; the standards' own values are: {known}")
        return
    header = str(doc.reader.pdf_header).lstrip("%PDF-")
    got = tuple(int(part) for part in header.split(".")[:2])
    if got > rules.pdf_version:
        based = ".".join(map(str, rules.pdf_version))
        yield None, f"the header says PDF {header}; {rules.name} is based on PDF {based}"
    if not doc.reader.trailer.get("/ID"):
        yield None, f"no file identifier (trailer /ID): {rules.name} requires one"


def metadata(doc: Document) -> dict[str, str] | None:
    """The XMP properties of the document's metadata stream, by prefixed name (the first item
    of a sequence or alternative), or ``None`` when there is no metadata stream."""
    stream = doc.reader.trailer["/Root"].get("/Metadata")
    if stream is None:
        return None
    root = ET.fromstring(stream.get_object().get_data())
    prefixes = {uri: prefix for prefix, uri in NAMESPACES.items()}
    found: dict[str, str] = {}
    for description in root.iter(_RDF + "Description"):
        for key, value in description.attrib.items():
            found.setdefault(_prefixed(key, prefixes), value)
        for child in description:
            items = [li.text or "" for li in child.iter(_RDF + "li")]
            found.setdefault(_prefixed(child.tag, prefixes), items[0] if items else (child.text or "").strip())
    return found


def _prefixed(tag: str, prefixes: dict[str, str]) -> str:
    uri, _, name = tag[1:].partition("}")
    return f"{prefixes.get(uri, uri)}:{name}"


def xmp_required(doc: Document) -> Result:
    rules = claimed(doc)
    if rules is None:
        return
    try:
        found = metadata(doc)
    except ET.ParseError as exc:
        yield None, f"the XMP metadata is not well-formed XML ({exc})"
        return
    if found is None:
        if rules.xmp_required:
            yield None, f"no XMP metadata: {rules.name} requires it"
        return
    for key, value in rules.xmp:
        have = found.get(key)
        if have is not None and have != value:
            yield None, f"XMP {key} is '{have}'; {rules.name} writes '{value}'"
        elif have is None and rules.xmp_required:
            yield None, f"XMP has no {key} ('{value}'): {rules.name} requires it"
    missing = [key for key in rules.xmp_required if not found.get(key)]
    if missing:
        yield None, f"XMP lacks {', '.join(missing)}: {rules.name} requires them"


def info_xmp_agree(doc: Document) -> Result:
    try:
        found = metadata(doc)
    except ET.ParseError:
        return  # xmp-required reports it
    if found is None:
        return
    keys = info(doc)
    for key, prop in INFO_IN_XMP.items():
        if f"/{key}" not in keys:
            continue
        said = str(keys[f"/{key}"]).lstrip("/")
        if prop not in found:
            yield None, f"Info {key} '{said}' has no XMP counterpart ({prop})"
        elif not _same(key, said, found[prop]):
            yield None, f"Info {key} '{said}' and XMP {prop} '{found[prop]}' disagree"


def _same(key: str, info_value: str, xmp_value: str) -> bool:
    if key in ("CreationDate", "ModDate"):
        return _pdf_date(info_value) == _xmp_date(xmp_value)
    return info_value.strip() == xmp_value.strip()


def _pdf_date(text: str) -> datetime | None:
    m = re.match(r"D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?([Z+-])?(\d\d)?'?(\d\d)?", text)
    if m is None:
        return None
    y, mo, d, h, mi, s, sign, oh, om = m.groups()
    offset = timedelta(hours=int(oh or 0), minutes=int(om or 0)) * (-1 if sign == "-" else 1)
    return datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0),
                    tzinfo=timezone(offset) if sign else UTC)


def _xmp_date(text: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def subset_tags(doc: Document) -> Result:
    """Every subset named TAG+Name with six capitals, and no tag shared by two subsets."""
    programs: dict[str, set[str]] = {}
    for font in _all_fonts(doc):
        name = str(font.get("/BaseFont", "")).lstrip("/")
        descriptor = font.get("/FontDescriptor")
        program = descriptor.get_object() if descriptor is not None else {}
        data = next((program[k].get_object().get_data() for k in ("/FontFile", "/FontFile2", "/FontFile3")
                     if k in program), None)
        if data is None:
            continue  # not embedded: fonts-embedded says so
        if "+" in name[:7] and _TAG.match(name) is None:
            yield None, f"font {name}: a subset tag is six capital letters"
            continue
        match = _TAG.match(name)
        if match is not None:
            programs.setdefault(match.group(1), set()).add(hashlib.sha256(data).hexdigest())
    for tag, seen in sorted(programs.items()):
        if len(seen) > 1:
            yield None, f"{len(seen)} different font subsets share the tag {tag}+: each subset needs its own"


def _all_fonts(doc: Document) -> Iterator[Any]:
    seen: set[object] = set()
    for page in doc.reader.pages:
        yield from _fonts_in(page.get("/Resources"), seen)


def _fonts_in(resources: Any, seen: set[object]) -> Iterator[Any]:
    if resources is None:
        return
    res = resources.get_object()
    for ref in (res.get("/Font") or {}).values():
        key = getattr(ref, "idnum", id(ref))
        if key not in seen:
            seen.add(key)
            font = ref.get_object()
            yield font["/DescendantFonts"][0].get_object() if font.get("/Subtype") == "/Type0" else font
    for ref in (res.get("/XObject") or {}).values():
        key = getattr(ref, "idnum", id(ref))
        xobj = ref.get_object()
        if xobj.get("/Subtype") == "/Form" and ("x", key) not in seen:
            seen.add(("x", key))
            yield from _fonts_in(xobj.get("/Resources"), seen)


def blend_space(doc: Document) -> Result:
    """Under a standard with live transparency, each page that draws some blends in CMYK."""
    rules = claimed(doc)
    if rules is None or not rules.transparency:
        return
    for i, page in enumerate(doc.reader.pages):
        if not draws_transparency(doc, i):
            continue
        group = page.get("/Group")
        group = group.get_object() if group is not None else None
        if group is None or str(group.get("/S")) != "/Transparency":
            yield i + 1, "transparency with no page group: name the blending colour space (CMYK) in one"
            continue
        space = _space(group.get("/CS"))
        if space not in ("DeviceCMYK", "ICCCMYK"):
            yield i + 1, f"the page group blends in {space or 'no colour space'}; the output intent's is CMYK"


def draws_transparency(doc: Document, i: int) -> bool:
    """Whether page ``i`` draws a soft-masked image or sets an opacity below 1 or a blend mode."""
    if any(e.kind == "image" and "/SMask" in e.values[0] for e in doc.events[i]):
        return True
    res = doc.reader.pages[i].get("/Resources")
    for gs in ((res.get_object() if res else {}).get("/ExtGState") or {}).values():
        gs = gs.get_object()
        if (min(float(gs.get("/CA", 1)), float(gs.get("/ca", 1))) < 1 or str(gs.get("/SMask", "/None")) != "/None"
                or str(gs.get("/BM", "/Normal")) not in ("/Normal", "/Compatible")):
            return True
    return False


def _space(value: Any) -> str | None:
    if value is None:
        return None
    value = value.get_object()
    if isinstance(value, list) and value and str(value[0]) == "/ICCBased":
        n = int(value[1].get_object().get("/N", 0))
        return {1: "ICCGray", 3: "ICCRGB", 4: "ICCCMYK"}.get(n, "ICC")
    return str(value).lstrip("/")


def output_profile(doc: Document) -> Result:
    """The OutputIntent's profile: present where the standard or a custom condition needs it,
    a CMYK output profile, described by the intent's Info and naming the same condition."""
    rules = claimed(doc)
    for intent in doc.reader.trailer["/Root"].get("/OutputIntents") or []:
        intent = intent.get_object()
        if str(intent.get("/S")) != "/GTS_PDFX":
            continue
        identifier = str(intent.get("/OutputConditionIdentifier", ""))
        ref = intent.get("/DestOutputProfile")
        if ref is None:
            if (rules is not None and rules.embeds_profile) or identifier == "Custom":
                why = rules.name if rules is not None and rules.embeds_profile else "a Custom condition"
                yield None, f"the OutputIntent embeds no output profile: {why} requires it"
            continue
        yield from _profile_problems(ref.get_object(), intent, identifier)


def _profile_problems(stream: Any, intent: Any, identifier: str) -> Result:
    from PIL import ImageCms

    data = stream.get_data()
    if int(stream.get("/N", 0)) != 4 or data[16:20] != b"CMYK" or data[12:16] != b"prtr":
        yield None, (f"the OutputIntent's profile is a {data[12:16].decode('latin-1')} profile for "
                     f"{data[16:20].decode('latin-1').strip()} (/N {stream.get('/N')}); the press needs a CMYK "
                     "output profile")
        return
    try:
        profile = ImageCms.ImageCmsProfile(BytesIO(data)).profile
    except (OSError, ImageCms.PyCMSError) as exc:
        yield None, f"the OutputIntent's profile cannot be read ({exc})"
        return
    description = (profile.profile_description or "").strip()
    said = str(intent.get("/Info", "")).strip()
    if said != description:
        yield None, f"the OutputIntent's Info '{said}' is not its profile's description '{description}'"
    target = (profile.target or "").strip()
    if target and "\n" not in target and len(target) <= 64 and target != identifier:
        yield None, f"the OutputIntent names '{identifier}' but its profile was made for '{target}'"
