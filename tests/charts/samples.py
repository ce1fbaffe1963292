"""Sample charts for the tests and the previews: one spec per kind, with real-world labels."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from renderer.charts import ChartJob, ChartLook, ChartSpec, Series
from renderer.charts.spec import Format
from renderer.numerals import number_style

FONTS = Path(__file__).resolve().parents[2] / "fonts"
FACES = {"regular": ("Lato", "Lato-Regular.ttf"), "bold": ("Lato-Bold", "Lato-Bold.ttf"),
         "black": ("Lato-Black", "Lato-Black.ttf")}
LOOK = ChartLook(
    font_files=tuple((face, str(FONTS / file)) for face, (_, file) in FACES.items()),
    font_names=tuple((face, name) for face, (name, _) in FACES.items()),
    series_colors=("#1F5FA8", "#D9641E", "#9CC7EA", "#0E2A53", "#F2B33D", "#6E7F95", "#B5542A", "#5E9BD6"),
    text="#1E2532", muted="#5A6373", grid="#C5D0DE", background="#FFFFFF",
    ramp=("#E3EEF9", "#9CC7EA", "#4F8FD0", "#1F5FA8", "#0E2A53"), font_size=8, title_size=9.5)
FULL, HALF = 470.0, 225.0
#: Each kind's height as the report's layout sets it (180 pt for a kind it leaves out, as in
#: the engine).
HEIGHTS: dict[str, float] = yaml.safe_load((FONTS.parent / "layout" / "theme.yaml").read_text())["charts"]["heights"]

STATES = {
    "AL": 412, "AK": 61, "AZ": 655, "AR": 270, "CA": 2990, "CO": 488, "CT": 201, "DE": 77, "DC": 95,
    "FL": 2101, "GA": 1010, "HI": 88, "ID": 120, "IL": 1105, "IN": 598, "IA": 215, "KS": 241,
    "KY": 388, "LA": 420, "ME": 74, "MD": 530, "MA": 402, "MI": 860, "MN": 377, "MS": 260,
    "MO": 590, "MT": 70, "NE": 150, "NV": 402, "NH": 69, "NJ": 702, "NM": 233, "NY": 1620,
    "NC": 980, "ND": 40, "OH": 1140, "OK": 380, "OR": 350, "PA": 1200, "RI": 58, "SC": 499,
    "SD": 55, "TN": 640, "TX": 3144, "UT": 290, "VT": 31, "VA": 820, "WA": 720, "WV": 150,
    "WI": 470, "WY": 12, "PR": 140, "Unknown": 310, "VI": 3,
}


def decimals(*values: str | int) -> tuple[Decimal, ...]:
    return tuple(Decimal(str(v)) for v in values)


def spec(kind: str, labels: tuple[str, ...], *series: Series, fmt: Format = "number",
         sort: str = "none", width: float = FULL, height: float | None = None) -> ChartSpec:
    return ChartSpec(kind, labels, series, fmt, sort, width, height or HEIGHTS.get(kind, 180.0), number_style("en"))


def samples(width: float = FULL) -> dict[str, ChartSpec]:
    """One spec per kind; the bar has the long labels and the "$5 and $10" label."""
    cases = ("Online enticement, including \"sextortion\"", "Lost, Injured, or Otherwise Missing",
             "Endangered runaway", "Family abduction", "$5 and $10 gift card scams", "Nonfamily abduction")
    years = ("2018", "2019", "2020", "2021", "2022")
    return {
        "bar": spec("bar", cases, Series("Reports", decimals(27644, 3144, 18501, 1226, 482, 96)),
                    sort="descending", width=width),
        "column": spec("column", years, Series("Cases", decimals(23500, 25980, 27644, 29310, 31102)), width=width),
        "stacked_bar": spec("stacked_bar", ("Endangered runaway", "Family abduction",
                                            "Lost, Injured, or Otherwise Missing", "Nonfamily abduction"),
                            Series("Resolved", decimals(17920, 1011, 820, 61)),
                            Series("Active", decimals(581, 215, 96, 35)), sort="descending", width=width),
        "donut": spec("donut", ("Endangered runaway", "Family abduction", "Lost, Injured, or Otherwise Missing",
                                "Nonfamily abduction", "Critically missing young adult"),
                      Series("Cases", decimals(18501, 1226, 916, 96, 410)), sort="descending", width=width),
        "pie": spec("pie", ("Recovered", "Located deceased", "Still missing"),
                    Series("Outcome", decimals("94.60", "1.25", "4.15")), fmt="percent", width=width),
        "share_bar": spec("share_bar", ("Law enforcement", "Parents and guardians", "Public", "Other"),
                          Series("Source", decimals("20.93", "54.10", "18.47", "6.50")), fmt="percent", width=width),
        "waffle": spec("waffle", ("Recovered", "Located deceased", "Still missing"),
                       Series("Outcome", decimals(17460, 231, 810)), width=width),
        "state_map": spec("state_map", tuple(STATES), Series("Reports", decimals(*STATES.values())), width=width),
    }


def register_fonts() -> None:
    for name, file in FACES.values():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))


def jobs(specs: dict[str, ChartSpec], prefix: str = "chart") -> list[ChartJob]:
    return [ChartJob(f"{prefix}-{name}", s, LOOK) for name, s in specs.items()]


def stress(width: float = HALF) -> dict[str, ChartSpec]:
    """Crowded and awkward cases, for the previews and the layout tests."""
    long = ("Online enticement, including \"sextortion\"", "Lost, Injured, or Otherwise Missing",
            "Unaccompanied minors at the border", "Child sex trafficking", "Critically missing young adult",
            "Endangered runaway", "Family abduction", "Nonfamily abduction")
    values = decimals(27644, 3144, 1520, 1226, 410, 18501, 1226, 96)
    return {
        "bar-crowded": spec("bar", long, Series("Reports", values), sort="ascending", width=width),
        "column-long": spec("column", long[:6], Series("Reports", values[:6]), width=width),
        "stacked-percent": spec("stacked_bar", ("2020", "2021", "2022"),
                                Series("Resolved", decimals("91.2", "93.5", "95.1")),
                                Series("Active", decimals("8.8", "6.5", "4.9")), fmt="percent", width=width),
        "waffle-single": spec("waffle", ("of missing children were recovered",), Series("Share", decimals("94.6")),
                              fmt="percent", width=width),
        "donut-many": spec("donut", long, Series("Cases", values), sort="descending", width=width),
        "share-many": spec("share_bar", long[:6], Series("Cases", values[:6]), width=width),
    }
