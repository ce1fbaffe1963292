"""impact-report: YAML content → a print-ready annual report PDF, and the tools to review it.

The pipeline, one package per stage: ``load`` (YAML with source positions) → ``model``
(frozen dataclasses) → ``theme`` (``layout/``) → ``blocks`` (flowables) → ``paginate``
(templates, contents, outline, layout map) → ``pdf`` (the file). ``review`` reads PDFs and
layout maps only.
"""

from .version import VERSION

__all__ = ["VERSION"]
