"""The regions of the state map and the names content may give them: a leaf that imports
no drawing library, so that the check stage can ask it (a warm build never imports matplotlib)."""

from __future__ import annotations

import difflib

# (column, row) with row 0 at the top: 11 columns by 8 rows.
TILES: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (10, 0),
    "VT": (9, 1), "NH": (10, 1),
    **{s: (c, 2) for c, s in enumerate(("WA", "ID", "MT", "ND", "MN", "IL", "WI", "MI", "NY", "RI", "MA"))},
    **{s: (c, 3) for c, s in enumerate(("OR", "NV", "WY", "SD", "IA", "IN", "OH", "PA", "NJ", "CT"))},
    **{s: (c, 4) for c, s in enumerate(("CA", "UT", "CO", "NE", "MO", "KY", "WV", "VA", "MD", "DE"))},
    **{s: (c + 1, 5) for c, s in enumerate(("AZ", "NM", "KS", "AR", "TN", "NC", "SC", "DC"))},
    **{s: (c + 3, 6) for c, s in enumerate(("OK", "LA", "MS", "AL", "GA"))},
    "HI": (0, 7), "TX": (3, 7), "FL": (8, 7), "PR": (10, 7),
}
COLS, ROWS = 11, 8

#: The names of the regions, so that a label written out ("Texas") gets its code as a hint.
NAMES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico",
}
#: Places and answers that are not tiles but that the map knows: listed in the note under it.
OFF_GRID = frozenset({"VI", "GU", "AS", "MP", "UM", "AA", "AE", "AP", "FM", "MH", "PW", "UNKNOWN", "OTHER",
                      "NOT KNOWN", "NOT REPORTED", "OUTSIDE THE U.S.", "INTERNATIONAL", "FOREIGN"})


def known_region(label: str) -> bool:
    """Whether a label is a tile's code or a place the map lists under it."""
    code = label.strip().upper()
    return code in TILES or code in OFF_GRID


def region_hints(label: str) -> tuple[str, ...]:
    """A did-you-mean for a label the map does not know: the code of a region written out
    ("Texas" → TX), or the nearest codes and names."""
    text = label.strip().lower()
    by_name = {name.lower(): code for code, name in NAMES.items()}
    if text in by_name:
        return (f"did you mean '{by_name[text]}' ({NAMES[by_name[text]]})?",)
    near = difflib.get_close_matches(text, [*by_name, *(c.lower() for c in TILES)], n=1, cutoff=0.6)
    if not near:
        return ("a state map takes two-letter USPS codes: TX, NY, DC, PR",)
    code = by_name.get(near[0], near[0].upper())
    return (f"did you mean '{code}' ({NAMES.get(code, code)})?",)
