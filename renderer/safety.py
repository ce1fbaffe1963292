"""Settings the build relies on, set by the build itself rather than by the machine.

reportlab reads ``RL_*`` environment variables, a ``reportlab_settings`` module anywhere on
``sys.path`` (the working folder, under ``python -m``) and ``~/.reportlab_settings``; any of
them can loosen its guards or change the PDF's bytes. On import it also runs a
``reportlab_mods`` module from ``sys.path`` or, failing that, ``~/.reportlab_mods``, as Python.
:func:`guard_reportlab` runs before reportlab is first imported, ignores all of them, and puts
back reportlab's own defaults plus the few values the renderer depends on.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from typing import Any

#: What the renderer relies on, over reportlab's defaults.
REQUIRED: dict[str, Any] = {
    "invariant": 1,            # no wall-clock time or random ids in the PDF
    "trustedHosts": [],        # reportlab fetches nothing from any host
    "trustedSchemes": ["file"],
    "allowTableBoundsErrors": 1,  # the paginator measures overflow itself and reports it
    "useA85": 0,               # binary streams as they are: ASCII85 makes them a quarter larger
}


def guard_reportlab() -> None:
    """Ignore the machine's reportlab settings; call before anything imports reportlab."""
    for name in [k for k in os.environ if k.startswith("RL_")]:
        del os.environ[name]
    # reportlab imports this module if it exists; an empty one means neither a stray file in
    # the working folder nor ~/.reportlab_settings is read.
    sys.modules.setdefault("reportlab_settings", types.ModuleType("reportlab_settings"))
    sys.modules.setdefault("reportlab_mods", types.ModuleType("reportlab_mods"))  # never run from ~ or cwd
    defer_pillow()
    imported = "reportlab.rl_config" in sys.modules
    from reportlab import rl_config

    if imported:  # imported before the guard: recompute the settings without RL_* variables
        rl_config._reset()
    for name, value in REQUIRED.items():
        setattr(rl_config, name, value)


def defer_pillow() -> None:
    """Make ``PIL.Image`` load when it is first used, not when reportlab imports it.

    reportlab imports Pillow's ``Image`` as it starts (10 ms, most of it Pillow's tables of
    EXIF and TIFF tags), and uses it only to read a picture; a report without pictures never
    does. The module is the real one, run by the standard library's ``LazyLoader`` on its first
    attribute access: what reads a picture gets all of Pillow, as before."""
    if "PIL.Image" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec("PIL.Image")  # imports the small ``PIL`` package only
    except ImportError:
        spec = None
    if spec is None or spec.loader is None:
        return  # no Pillow: reportlab says so itself when it needs it
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    loader.exec_module(module)
    setattr(sys.modules["PIL"], "Image", module)  # noqa: B010 (as the import system sets a submodule)


def reportlab_problems() -> list[str]:
    """Settings that differ from what the build relies on (empty when all is well)."""
    from reportlab import rl_config

    return [f"reportlab setting {name} is {getattr(rl_config, name)!r}, expected {value!r}"
            for name, value in REQUIRED.items() if getattr(rl_config, name, None) != value]
