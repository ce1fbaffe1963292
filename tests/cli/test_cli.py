"""The command line as a user meets it: exit codes, messages on stderr, files written or not."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FONTS, LAYOUT, ROOT, body_page, set_press


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "renderer", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def paths() -> list[str]:
    return ["--layout", str(LAYOUT), "--fonts", str(FONTS)]


def test_build_writes_pdf_and_layout_map(edition: Callable[..., Path], tmp_path: Path) -> None:
    root = edition(body_page("{type: heading, level: 1, text: Hello}", "{type: paragraph, text: World}"))
    out = tmp_path / "out" / "report.pdf"
    result = run("build", str(root), "-o", str(out), *paths())
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert out.with_suffix(".layout.json").is_file()
    assert "wrote" in result.stderr and "1 pages" in result.stderr


def test_quiet_build_prints_nothing(edition: Callable[..., Path], tmp_path: Path) -> None:
    root = edition(body_page("{type: paragraph, text: World}"))
    result = run("build", str(root), "-o", str(tmp_path / "r.pdf"), "--quiet", *paths())
    assert result.returncode == 0 and result.stderr == "" and result.stdout == ""


def test_content_error_exits_1_with_file_and_line_and_keeps_last_pdf(edition: Callable[..., Path],
                                                                      tmp_path: Path) -> None:
    root = edition(body_page("{type: paragraph, text: fine}"))
    out = tmp_path / "r.pdf"
    assert run("build", str(root), "-o", str(out), *paths()).returncode == 0
    before = out.read_bytes()
    (root / "00-page.yaml").write_text(body_page("{type: paragraph, txt: oops}"))
    result = run("build", str(root), "-o", str(out), *paths())
    assert result.returncode == 1
    assert "00-page.yaml:3:23: error: unknown key 'txt' in paragraph\n  hint: did you mean 'text'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".r.pdf")) == []


def test_strict_build_with_a_warning_fails_and_keeps_last_pdf(edition: Callable[..., Path],
                                                             tmp_path: Path) -> None:
    root = edition(body_page("{type: heading, level: 1, text: Hello}", "{type: heading, level: 2, text: Hi}"))
    out = tmp_path / "r.pdf"
    assert run("build", str(root), "-o", str(out), "--strict", *paths()).returncode == 0
    before = out.read_bytes()
    (root / "00-page.yaml").write_text(body_page("{type: heading, level: 1, text: Hello}",
                                                 "{type: heading, level: 2, text: Goodbye, expect_folio: 1}"))
    lenient = run("build", str(root), "-o", str(tmp_path / "lenient.pdf"), *paths())
    assert lenient.returncode == 0 and "warning: 'expect_folio' is checked on level-1 headings" in lenient.stderr
    result = run("build", str(root), "-o", str(out), "--strict", *paths())
    assert result.returncode == 1
    assert "00-page.yaml:4:" in result.stderr and "1 error; nothing was written" in result.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".chart-cache", ".impact-report.lock", "edition",
                                                           "lenient.layout.json", "lenient.pdf", "r.layout.json",
                                                           "r.pdf"]


def test_output_must_be_a_pdf_so_a_slip_cannot_replace_content(edition: Callable[..., Path],
                                                              tmp_path: Path) -> None:
    root = edition(body_page("{type: paragraph, text: fine}"))
    manifest = (root / "manifest.yaml").read_bytes()
    result = run("build", str(root), "-o", str(root / "manifest.yaml"), *paths())
    assert result.returncode == 2 and "does not end in .pdf" in result.stderr
    assert (root / "manifest.yaml").read_bytes() == manifest
    assert sorted(p.name for p in root.iterdir()) == ["00-page.yaml", "manifest.yaml"]


def test_an_output_that_cannot_be_written_is_named(edition: Callable[..., Path], tmp_path: Path) -> None:
    root = edition(body_page("{type: paragraph, text: fine}"))
    (tmp_path / "taken.pdf").mkdir()
    result = run("build", str(root), "-o", str(tmp_path / "taken.pdf"), *paths())
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"impact-report build: cannot write {tmp_path / 'taken.pdf'}: it is a folder" in result.stderr
    assert not (tmp_path / "taken.layout.json").exists()


@pytest.mark.parametrize("command", [["preview", "PDF"], ["diff", "PDF", "PDF"], ["schema"]])
def test_folder_outputs_refuse_a_file_and_name_a_folder_they_cannot_write(
        command: list[str], edition: Callable[..., Path], tmp_path: Path) -> None:
    root = edition(body_page("{type: paragraph, text: fine}"))
    pdf = tmp_path / "r.pdf"
    assert run("build", str(root), "-o", str(pdf), "-q", *paths()).returncode == 0
    args = [str(pdf) if a == "PDF" else a for a in command]
    manifest = (root / "manifest.yaml").read_bytes()
    on_a_file = run(*args, "-o", str(root / "manifest.yaml"))
    assert on_a_file.returncode == 2 and "is not a folder" in on_a_file.stderr
    assert (root / "manifest.yaml").read_bytes() == manifest
    (tmp_path / "locked").write_text("a file where a folder is needed")
    blocked = run(*args, "-o", str(tmp_path / "locked" / "out"))
    assert blocked.returncode == 2 and "Traceback" not in blocked.stderr, blocked.stderr
    assert f"cannot write {tmp_path / 'locked'}" in blocked.stderr


def test_check_validates_and_writes_nothing(edition: Callable[..., Path], tmp_path: Path) -> None:
    root = edition(body_page("{type: paragraph, text: fine}"))
    result = run("check", str(root), *paths(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == [root]


def test_check_for_the_press_wants_pictures_it_can_separate(edition: Callable[..., Path], tmp_path: Path) -> None:
    from PIL import Image
    root = edition(body_page("{type: image, src: photo.png, alt: a photo}"))
    Image.new("RGB", (2000, 1000), "navy").save(root / "photo.png")
    assert run("check", str(root), *paths()).returncode == 0
    # The project's layout names the CMYK profile it ships: an RGB picture separates with no setup.
    assert run("check", str(root), "--profile", "press", *paths()).returncode == 0
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    set_press(layout / "templates.yaml", "press:\n  icc_profile: null\n")
    press = run("check", str(root), "--profile", "press", "--layout", str(layout), "--fonts", str(FONTS))
    assert press.returncode == 1
    assert "00-page.yaml:3:" in press.stderr and "image 'photo.png' is RGB" in press.stderr


@pytest.mark.parametrize("args", [[], ["frobnicate"], ["build", "--no-such-flag"], ["check"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).returncode == 2


def test_missing_edition_folder_is_a_content_error(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nowhere"), *paths())
    assert result.returncode == 1 and "no manifest.yaml" in result.stderr


def test_diff_exit_codes_and_json(edition: Callable[..., Path], tmp_path: Path) -> None:
    import json
    root = edition(body_page("{type: heading, level: 1, text: Hello}", "{type: figure, value: 27644, label: cases}"))
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run("build", str(root), "-o", str(a), "-q", *paths()).returncode == 0
    assert run("build", str(root), "-o", str(b), "-q", *paths()).returncode == 0
    same = run("diff", str(a), str(b), "--json")
    assert same.returncode == 0, same.stderr
    assert json.loads(same.stdout)["changed"] == []
    (root / "00-page.yaml").write_text(body_page("{type: heading, level: 1, text: Hello}",
                                                 "{type: figure, value: 27650, label: cases}"))
    assert run("build", str(root), "-o", str(b), "-q", *paths()).returncode == 0
    changed = run("diff", str(a), str(b), "--json", "-o", str(tmp_path / "report"))
    assert changed.returncode == 1
    data = json.loads(changed.stdout)
    assert [(c["old"], c["new"]) for c in data["changed"]] == [(1, 1)]
    assert ["27,644", "27,650"] in data["changed"][0]["text"]["numbers"]
    assert (tmp_path / "report" / "report.html").is_file()
    assert run("diff", str(a), str(tmp_path / "missing.pdf")).returncode == 2


def test_review_of_a_damaged_pdf_or_layout_map_says_which_file(edition: Callable[..., Path], tmp_path: Path) -> None:
    root = edition(body_page("{type: paragraph, text: Hello}"))
    good, cut, other = tmp_path / "good.pdf", tmp_path / "cut.pdf", tmp_path / "other.pdf"
    assert run("build", str(root), "-o", str(good), "-q", *paths()).returncode == 0
    cut.write_bytes(good.read_bytes()[:2000])
    for command in (["diff", str(good), str(cut)], ["preview", str(cut), "-o", str(tmp_path / "p")]):
        result = run(*command)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert f"cannot read {cut}" in result.stderr
    other.write_bytes(good.read_bytes())
    other.with_suffix(".layout.json").write_text('{"pages": [{"index": "one"}]}')
    result = run("diff", str(good), str(other))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"layout map {other.with_suffix('.layout.json')} is damaged" in result.stderr


def test_review_of_a_map_from_another_version_says_it_is_older_or_newer(edition: Callable[..., Path],
                                                                        tmp_path: Path) -> None:
    root = edition(body_page("{type: paragraph, text: Hello}"))
    good, other = tmp_path / "good.pdf", tmp_path / "other.pdf"
    assert run("build", str(root), "-o", str(good), "-q", *paths()).returncode == 0
    other.write_bytes(good.read_bytes())
    text = good.with_suffix(".layout.json").read_text()
    for version, age in ((1, "an older"), (99, "a newer")):
        other.with_suffix(".layout.json").write_text(text.replace('{"version":2,', f'{{"version":{version},', 1))
        result = run("diff", str(good), str(other))
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert f"it is version {version} of the format, written by {age} impact-report" in result.stderr
        assert "build the PDF again" in result.stderr


def test_a_revision_is_never_read_as_an_option_to_git(tmp_path: Path) -> None:
    target = tmp_path / "written-by-git.tar"
    result = run("diff", "--", f"--output={target}:content/2022", f"--output={target}:content/2022")
    assert result.returncode == 2 and "is not a revision" in result.stderr
    assert not target.exists()
    outside = run("diff", "HEAD:../../..", "HEAD:content/2020")
    assert outside.returncode == 2 and "'../../..' is not an edition folder at HEAD" in outside.stderr


def test_preview_of_an_edition_folder(edition: Callable[..., Path], tmp_path: Path) -> None:
    root = edition(body_page("{type: paragraph, text: Hello}"))
    result = run("preview", str(root), "-o", str(tmp_path / "p"), "--dpi", "40", *paths())
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["contact-sheet.png", "page-001.png"]
