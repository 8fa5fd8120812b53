"""Markdown from data files to HTML that cannot carry markup the editor did not ask for.

Editors write Markdown. Raw HTML in a data file is shown as text, never passed
through, and the result is cleaned by nh3 (the Ammonia sanitizer) as a second
line of defence, so no script, style or event handler can reach a page.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3

_ALLOWED_TAGS = {
    "p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "hr",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    # Without these, <script> and <b> written in YAML would be passed through as HTML.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def render_markdown(text: str | None) -> str:
    """Safe HTML for a Markdown field; '' for None."""
    if not text:
        return ""
    converter = _converter()
    converter.reset()
    html = converter.convert(text)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
