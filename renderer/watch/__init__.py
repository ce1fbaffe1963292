"""``impact-report watch``: the designer's loop. One warm process builds the edition, rebuilds
it on every save of the edition, ``layout/`` or ``fonts/``, writes the PDF and its layout map
exactly as ``build`` does, and shows the pages on a preview page served on 127.0.0.1.

``loop.py`` the rebuilds and the file events; ``pages.py`` the pages as PNGs and which of them
changed; ``server.py`` the preview's HTTP server (loopback only) and its events;
``page.html`` the preview page itself.
"""

from __future__ import annotations

from .loop import Builder, Outcome, watch

__all__ = ["Builder", "Outcome", "watch"]
