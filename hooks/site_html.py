"""Whitespace of a written page: every run of blanks and line breaks becomes one line break.

Material's templates and ours indent for the template's reader, not the browser's: blank lines
and indentation were a sixth of every page's bytes, and pages are most of a site that must fit
into 1 GB on GitHub or GitLab Pages. A browser shows a run of white space containing a line
break exactly as one line break (CSS `white-space: normal` and `nowrap` collapse it), so what a
reader sees does not change. The contents of <pre> and <textarea>, where white space is shown
as written, of <code> and <kbd> (Material styles them `white-space: pre-wrap`), and of <script>
and <style> stay as they are. Applied to the finished page in on_post_page (compact_page, which also leaves
an inline <svg>'s namespace to the HTML parser, as the HTML standard allows), so a page rendered from a stencil
(site_frames.py) and one rendered normally come out the same.
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"(<(pre|textarea|code|kbd|script|style)\b.*?</\2\s*>)", re.S | re.I)
_RUN = re.compile(r"[ \t]*\n\s*")
# An <svg> inside an HTML page is in the SVG namespace by the HTML parser's rule; Material's icons still name it,
# six times in every page's frame (logo twice, menu, both palette toggles, back to top): 0.2 KB a page.
_SVG_NAMESPACE = '<svg xmlns="http://www.w3.org/2000/svg" '


def compact_whitespace(page: str) -> str:
    return _compact(page, svg_namespace=False)


def compact_page(page: str) -> str:
    """compact_whitespace, and the SVG namespace left to the parser: the same document, 0.2 KB smaller."""
    return _compact(page, svg_namespace=True)


def _compact(page: str, svg_namespace: bool) -> str:
    pieces = _VERBATIM.split(page)
    # split() with two groups gives: text, whole element, element name, text, …
    for position in range(0, len(pieces), 3):
        pieces[position] = _RUN.sub("\n", pieces[position])
        if svg_namespace:
            pieces[position] = pieces[position].replace(_SVG_NAMESPACE, "<svg ")
    return "".join(piece for position, piece in enumerate(pieces) if position % 3 != 2)
