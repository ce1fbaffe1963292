"""Setting text without reportlab's paragraph parser.

A text is a sequence of :class:`Run` (one font, size and colour, maybe a link). It is cut into
words (:mod:`.words`), broken into lines greedily (:mod:`.lines`), and each line is written
straight into the page's content stream (:mod:`.write`). Reportlab's ``Paragraph`` does the
same job through an XML parser, fragment objects and a text object per line; for a report of a
thousand pages that was most of the build time.

Caches make repeated text cheap: word widths (a table per font, at unit size), the show
operators of texts in the embedded subset fonts (per document, since subsets are per
document), coordinates as written into the content stream, and the soft hyphens of words
that end lines (per hyphenator, so per build and language). Each holds only what its key
decides: the output is the same bytes as without them. Content never reaches any markup
here: runs are plain strings.
"""

from .lines import Line, break_lines, line_text, line_width, runs_of
from .words import SHY, Piece, Run, Word, width_of, words
from .write import TextWriter, draw_lines

__all__ = ["SHY", "Line", "Piece", "Run", "TextWriter", "Word", "break_lines", "draw_lines", "line_text",
           "line_width", "runs_of", "width_of", "words"]
