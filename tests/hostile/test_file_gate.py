"""Every file the program reads passes one gate: inside its root, no link out, a regular file
of a bounded size, checked before it is opened. Each case runs the command in a child process
that records every file it opens (an audit hook cannot be removed, so it must not be installed
in the test process), with a time and memory limit: an open of ``/dev/zero`` or of a FIFO
fails the case instead of hanging the suite."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EDITION_2022, FONTS, LAYOUT, ROOT, set_press
from tests.hostile.test_bad_inputs import MANIFEST, PAGE, both

#: Runs ``impact-report`` with an audit hook that writes the real path of every opened file to
#: the log (fd writes raise no audit event; forked chart workers inherit the hook and the fd).
#: ``AUDIT_PROJECT`` points diff's ``REV:EDITION`` at another repository.
AUDITED = """\
import os, sys
log = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        path = os.fsdecode(args[0])
        os.write(log, os.fsencode(os.path.realpath(path) + "\\t" + path + "\\n"))
sys.addaudithook(hook)
if os.environ.get("AUDIT_PROJECT"):
    from pathlib import Path
    import renderer.review_cli
    renderer.review_cli.PROJECT = Path(os.environ["AUDIT_PROJECT"])
from renderer.cli import main
sys.exit(main(sys.argv[2:]))
"""

GiB = 1 << 30
SPARSE = 3 * GiB // 2  # a 1.5 GB file that holds no data: it must never be read


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GiB, GiB))


@dataclass(frozen=True)
class Run:
    code: int
    err: str
    opened: list[str]  # real paths


def audited(args: list[str], log: Path, cwd: Path = ROOT, project: Path | None = None, timeout: float = 90) -> Run:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if project is not None:
        env["AUDIT_PROJECT"] = str(project)
    try:
        done = subprocess.run([sys.executable, "-c", AUDITED, str(log), *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=timeout, preexec_fn=_limits)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{args[0]} did not finish in {timeout} s (it opened a FIFO or a device?)")
    opened = [line.split("\t")[0] for line in log.read_text().splitlines()] if log.exists() else []
    return Run(done.returncode, done.stderr, opened)


def fifo(target: str) -> Callable[[Path], None]:
    return lambda root: os.mkfifo(root / target)


def sparse(target: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / target).unlink(missing_ok=True)
        with open(root / target, "wb") as fh:
            fh.truncate(SPARSE)
    return change


def link(target: str, to: str) -> Callable[[Path], None]:
    """``target`` (relative to the case folder) becomes a link to ``to``, which may name the
    case's ``outside/`` folder as ``{outside}``."""
    def change(root: Path) -> None:
        (root / target).unlink(missing_ok=True)
        os.symlink(to.format(outside=root / "outside"), root / target)
    return change


def edit(target: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        text = (root / target).read_text()
        assert old in text, old
        (root / target).write_text(text.replace(old, new, 1))
    return change


IMAGE_BLOCK = ("  - type: figure\n", "  - {type: image, src: pic.png, alt: x}\n  - type: figure\n")
CHART_BLOCK = ("  - type: figure\n", "  - {type: chart, kind: bar, title: x, from_table: "
               "{table: cases, columns: [active]}}\n  - type: figure\n")
PRESS = "press:\n  standard: PDF/X-4\n  icc_profile: printer.icc\n"


def press(block: str) -> Callable[[Path], None]:
    """The copy's templates.yaml with ``block`` as its press: settings."""
    return lambda root: set_press(root / "layout/templates.yaml", block)


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Path], None]   # applied to the case folder: edition/, layout/, fonts/, outside/
    code: int
    where: str = ""                  # "file:line" the message must name
    message: str = ""
    profile: str = "screen"


E = "edition/"
CASES = [
    # Page files named in the manifest.
    Case("page file links out", link(E + "01-page.yaml", "{outside}/page.yaml"), 1, "manifest.yaml:5",
         "page file '01-page.yaml' is a link that leads outside"),
    Case("page file links to /dev/zero", link(E + "01-page.yaml", "/dev/zero"), 1, "manifest.yaml:5",
         "is a link that leads outside"),
    Case("page file links to a FIFO outside", both(fifo("outside/pipe"), link(E + "01-page.yaml", "{outside}/pipe")),
         1, "manifest.yaml:5", "is a link that leads outside"),
    Case("page file is a FIFO", both(lambda r: (r / E / "01-page.yaml").unlink(), fifo(E + "01-page.yaml")), 1,
         "manifest.yaml:5", "page file '01-page.yaml' is not a regular file"),
    Case("page file is a sparse 1.5 GB file", sparse(E + "01-page.yaml"), 1, "01-page.yaml:1",
         "file is 1,610,612,736 bytes; content files are limited to 1,000,000"),
    Case("page file is a loop of links",
         both(link(E + "01-page.yaml", "loop.yaml"), link(E + "loop.yaml", "01-page.yaml")),
         1, "manifest.yaml:5", "page file '01-page.yaml' is a link that leads nowhere"),
    # Files in the edition folder that the manifest does not name are never read.
    Case("unnamed yaml links out", link(E + "notes.yaml", "{outside}/page.yaml"), 0),
    Case("unnamed yaml links to /dev/zero", link(E + "zero.yaml", "/dev/zero"), 0),
    Case("unnamed yaml is a FIFO", fifo(E + "pipe.yaml"), 0),
    Case("unnamed yaml links to a FIFO outside",
         both(fifo("outside/pipe"), link(E + "pipe.yaml", "{outside}/pipe")), 0),
    Case("unnamed sparse 1.5 GB yaml", sparse(E + "big.yaml"), 0),
    # The manifest.
    Case("manifest links out", link(E + "manifest.yaml", "{outside}/manifest.yaml"), 1, "manifest.yaml:1",
         "manifest 'manifest.yaml' is a link that leads outside"),
    Case("manifest links to /dev/zero", link(E + "manifest.yaml", "/dev/zero"), 1, "manifest.yaml:1",
         "is a link that leads outside"),
    Case("manifest is a FIFO", both(lambda r: (r / E / "manifest.yaml").unlink(), fifo(E + "manifest.yaml")), 1,
         "manifest.yaml:1", "manifest 'manifest.yaml' is not a regular file"),
    # Pictures.
    Case("picture links out", both(edit(E + "01-page.yaml", *IMAGE_BLOCK), link(E + "pic.png", "{outside}/pic.png")),
         1, "01-page.yaml:20", "image 'pic.png' is a link that leads outside"),
    Case("picture is a FIFO", both(edit(E + "01-page.yaml", *IMAGE_BLOCK), fifo(E + "pic.png")), 1,
         "01-page.yaml:20", "image 'pic.png' is not a regular file"),
    Case("picture is a sparse 1.5 GB file", both(edit(E + "01-page.yaml", *IMAGE_BLOCK), sparse(E + "pic.png")), 1,
         "01-page.yaml:20", "image 'pic.png' is 1,610,612,736 bytes"),
    # Layout files, fonts and the printer's profile.
    Case("layout file links out", link("layout/theme.yaml", "{outside}/theme.yaml"), 1, "theme.yaml:1",
         "layout file 'theme.yaml' is a link that leads outside"),
    Case("layout file links to /dev/zero", link("layout/templates.yaml", "/dev/zero"), 1, "templates.yaml:1",
         "layout file 'templates.yaml' is a link that leads outside"),
    Case("layout file is a FIFO", both(lambda r: (r / "layout/theme.yaml").unlink(), fifo("layout/theme.yaml")), 1,
         "theme.yaml:1", "layout file 'theme.yaml' is not a regular file"),
    Case("font links out", link("fonts/Lato-Regular.ttf", "{outside}/Lato-Regular.ttf"), 1, "theme.yaml:6",
         "font file 'Lato-Regular.ttf' is a link that leads outside"),
    Case("font is a FIFO", both(lambda r: (r / "fonts/Lato-Bold.ttf").unlink(), fifo("fonts/Lato-Bold.ttf")), 1,
         "theme.yaml:6", "font file 'Lato-Bold.ttf' is not a regular file"),
    Case("font is a sparse 1.5 GB file", sparse("fonts/Lato-Black.ttf"), 1, "theme.yaml:6",
         "font file 'Lato-Black.ttf' is 1,610,612,736 bytes"),
    Case("printer profile links out", both(press(PRESS),
         link("layout/printer.icc", "{outside}/printer.icc")), 1, "templates.yaml:", "ICC profile 'printer.icc' is "
         "a link that leads outside", "press"),
    Case("printer profile is a sparse 1.5 GB file", both(press(PRESS), sparse("layout/printer.icc")), 1,
         "templates.yaml:", "ICC profile 'printer.icc' is 1,610,612,736 bytes", "press"),
]


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good edition with its own layout and fonts, and an ``outside/`` folder holding a copy
    of each kind of file (which no case may open)."""
    root = tmp_path_factory.mktemp("gate")
    (root / "edition").mkdir()
    (root / "edition/manifest.yaml").write_text(MANIFEST)
    (root / "edition/01-page.yaml").write_text(PAGE)
    shutil.copytree(LAYOUT, root / "layout")
    shutil.copytree(FONTS, root / "fonts")
    outside = root / "outside"
    outside.mkdir()
    (outside / "manifest.yaml").write_text(MANIFEST)
    (outside / "page.yaml").write_text(PAGE)
    shutil.copy(LAYOUT / "theme.yaml", outside)
    shutil.copy(FONTS / "Lato-Regular.ttf", outside)
    from PIL import Image
    Image.new("RGB", (8, 8), "navy").save(outside / "pic.png")
    (outside / "printer.icc").write_bytes(b"\0" * 200)
    return root


def _case_folder(fixture_root: Path, tmp_path: Path) -> Path:
    root = tmp_path / "case"
    shutil.copytree(fixture_root, root, symlinks=True)
    return root


def _build(root: Path, tmp_path: Path, profile: str = "screen") -> Run:
    out = tmp_path / "out" / "report.pdf"
    return audited(["build", str(root / "edition"), "-o", str(out), "--layout", str(root / "layout"),
                    "--fonts", str(root / "fonts"), "--profile", profile], tmp_path / "opened.log")


def _never_opened(run: Run, outside: Path) -> None:
    read = sorted({p for p in run.opened if Path(p) == outside or outside in Path(p).parents or p.startswith("/dev/")
                   and p != "/dev/null" and not p.startswith("/dev/shm")})
    assert read == [], read


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_file_is_refused_before_it_is_opened(case: Case, fixture_root: Path, tmp_path: Path) -> None:
    root = _case_folder(fixture_root, tmp_path)
    case.change(root)
    run = _build(root, tmp_path, case.profile)
    assert "Traceback" not in run.err, run.err
    assert run.code == case.code, run.err
    assert f"{case.where}" in run.err and case.message in run.err, run.err
    _never_opened(run, (root / "outside").resolve())


def test_a_chart_cache_entry_that_is_not_a_regular_file_is_a_miss(fixture_root: Path, tmp_path: Path) -> None:
    """The cache beside the PDF is drawn again, not read, when an entry is a FIFO or a link
    out (``build/.chart-cache`` is as writable as the content)."""
    root = _case_folder(fixture_root, tmp_path)
    edit("edition/01-page.yaml", *CHART_BLOCK)(root)
    first = _build(root, tmp_path)
    assert first.code == 0, first.err
    entries = sorted((tmp_path / "out" / ".chart-cache").glob("*.json"))
    assert entries
    for i, entry in enumerate(entries):
        entry.unlink()
        os.mkfifo(entry) if i % 2 else os.symlink("/dev/zero", entry)
    again = _build(root, tmp_path)
    assert again.code == 0 and "Traceback" not in again.err, again.err
    assert "1 drawn" in again.err, again.err
    _never_opened(again, (root / "outside").resolve())


# diff REV:EDITION: a link committed at a revision is refused, never followed out of the repository.

def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args], check=True,
                   capture_output=True)


REV_CASES = [
    ("layout file", "layout/theme.yaml", "{outside}/theme.yaml"),
    ("manifest", "content/e/manifest.yaml", "{outside}/manifest.yaml"),
    ("page file", "content/e/01-page.yaml", "../../../outside/page.yaml"),
    ("font", "fonts/Lato-Regular.ttf", "{outside}/Lato-Regular.ttf"),
]


@pytest.mark.parametrize("what, path, to", REV_CASES, ids=[c[0] for c in REV_CASES])
def test_a_link_committed_at_a_revision_is_refused(what: str, path: str, to: str, fixture_root: Path,
                                                   tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    shutil.copytree(fixture_root / "edition", repo / "content/e")
    shutil.copytree(fixture_root / "layout", repo / "layout")
    shutil.copytree(fixture_root / "fonts", repo / "fonts")
    outside = tmp_path / "outside"
    shutil.copytree(fixture_root / "outside", outside)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "good")
    (repo / path).unlink()
    os.symlink(to.format(outside=outside), repo / path)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "link")
    run = audited(["diff", "HEAD:content/e", "HEAD~1:content/e"], tmp_path / "opened.log", cwd=repo, project=repo)
    assert "Traceback" not in run.err, run.err
    assert run.code == 2, run.err
    assert f"'{path}' is a symbolic link at HEAD" in run.err, run.err
    _never_opened(run, outside.resolve())


def test_a_revision_without_links_still_renders(fixture_root: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    shutil.copytree(fixture_root / "edition", repo / "content/e")
    shutil.copytree(fixture_root / "layout", repo / "layout")
    shutil.copytree(fixture_root / "fonts", repo / "fonts")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "good")
    run = audited(["diff", "HEAD:content/e", str(repo / "content/e")], tmp_path / "opened.log", cwd=repo,
                  project=repo)
    assert run.code == 0, run.err


# The whole build of the 2022 edition reads only the project, the Python installation and temp files.

def _allowed(path: str) -> bool:
    paths = sysconfig.get_paths()
    roots = {ROOT, Path(sys.prefix), Path(tempfile.gettempdir()),
             *(Path(paths[k]) for k in ("stdlib", "platstdlib", "purelib", "platlib"))}
    real = Path(path)
    if any(real == r or r in real.parents for r in (r.resolve() for r in roots)):
        return True
    stdlib_zip = Path(paths["stdlib"]).parent / f"python{sys.version_info.major}{sys.version_info.minor}.zip"
    return real == stdlib_zip.resolve() or path == "/dev/null" or _matplotlib_font_list(real)


def _matplotlib_font_list(path: Path) -> bool:
    """Known and left as it is: importing matplotlib (in the chart workers of a first build)
    reads its list of the machine's fonts from its cache folder in the home directory. The
    charts name only the bundled faces, by file, and draw with matplotlib's defaults."""
    import matplotlib
    return path.parent == Path(matplotlib.get_cachedir()).resolve() and path.name.startswith("fontlist-")


def test_a_whole_build_opens_nothing_outside_the_project(tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.pdf"  # an empty chart cache: the chart workers run too
    run = audited(["build", str(EDITION_2022), "-o", str(out), "-q"], tmp_path / "opened.log")
    assert run.code == 0, run.err
    outside = sorted({p for p in run.opened if not _allowed(p)})
    assert outside == [], outside
    assert any(p.endswith("01-our-2022-impact.yaml") for p in run.opened)  # the hook did see the build
