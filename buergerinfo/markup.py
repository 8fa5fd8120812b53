"""Markdown from data files to HTML that cannot carry markup the editor did not ask for.

Editors write Markdown. markdown-it-py parses it with raw HTML switched off, so
`<script>` or `<b>` in a data file is shown as text, and it refuses link
targets such as `javascript:`. nh3 (the Ammonia sanitizer) cleans the result as
a second line of defence. markdown-it-py is also about a third faster than
Python-Markdown here, which counts with 100,000 Vorlagen.
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

_ALLOWED_TAGS = {
    "p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "hr",
}
# `start` keeps a list that begins at 21 from being renumbered from 1.
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")
    return parser


def render_markdown(text: str | None) -> str:
    """Safe HTML for a Markdown field; '' for None."""
    if not text:
        return ""
    html = _parser().render(text)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )
