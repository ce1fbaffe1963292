"""Output profiles: each variant a tiny module exporting ``PROFILE``, looked up here once.

To add one, write its module beside these, list it in :data:`PROFILES`, and allow its name
for ``profile:`` in ``theme/model.py`` (a test holds the three lists equal).
"""

from __future__ import annotations

from . import press, screen
from .base import EDGE_BLEED, MARKS_AREA, Geometry, OutputProfile, PressSettings

__all__ = ["EDGE_BLEED", "MARKS_AREA", "PROFILES", "Geometry", "OutputProfile", "PressSettings", "choose"]

#: Every profile by name, in the order the command line lists them.
PROFILES: dict[str, OutputProfile] = {p.name: p for p in (screen.PROFILE, press.PROFILE)}


def choose(name: str) -> OutputProfile:
    """The profile called ``name``; a name no module defines is a caller's bug."""
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"no output profile '{name}' (known: {', '.join(PROFILES)})") from None
