"""The 2022 edition, built once for the tests of this folder."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from renderer.paginate import Rendering
from tests.conftest import EDITION_2022, errors_of, render_edition


@pytest.fixture(scope="session")
def report_2022(tmp_path_factory: pytest.TempPathFactory) -> Rendering:
    cache = tmp_path_factory.mktemp("chart-cache")
    rendering, sink = render_edition(EDITION_2022, cache=cache)
    assert rendering is not None, errors_of(sink)
    return rendering


@pytest.fixture(scope="session")
def reader_2022(report_2022: Rendering) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(report_2022.pdf))


@pytest.fixture(scope="session")
def texts_2022(reader_2022: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() for page in reader_2022.pages]


def seed_2022() -> str:
    return (Path(__file__).resolve().parents[3] / "shared" / "seeds" / "004_ac858400ae9f5157.txt").read_text()
