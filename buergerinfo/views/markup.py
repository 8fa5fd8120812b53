"""Markdown from data files to HTML that cannot carry markup the editor did not ask for.

Editors write CommonMark with tables. The parser is markdown-it-pyrs, the Rust port of
markdown-it by the maintainers of markdown-it-py: the same rules, about twelve times
faster, which matters when a city's archive renders 200,000 text fields per build.
Its HTML rules are left out, so `<script>` or `<b>` in a data file is shown as text, and
it refuses link targets such as `javascript:` (the link stays visible as text). nh3 (the
Ammonia sanitizer) then keeps only the tags below and only http, https and mailto links,
as a second line of defence.

A Vorlagen-Nr. of the same Körperschaft in a text becomes a link to that Vorlage when the
caller hands over the known numbers (`links`: number -> address); the caller's map holds only
public Vorlagen. Numbers inside links, code and preformatted text stay as they are.

For the search index the same Markdown becomes plain text (`markdown_paragraphs`, `plain_text`):
no tags and no entities, and nothing that looks like a tag, even where an editor typed one as text.
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Mapping
from functools import lru_cache

import markdown_it_pyrs
import nh3

# CommonMark without `html_block` and `html_inline`, plus GitHub-style tables.
_RULES = (
    "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
    "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline", "table",
)
_ALLOWED_TAGS = {
    "p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "hr",
}
# `start` keeps a list that begins at 21 from being renumbered from 1.
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}


@lru_cache(maxsize=1)
def _parser() -> markdown_it_pyrs.MarkdownIt:
    return markdown_it_pyrs.MarkdownIt("zero").enable_many(list(_RULES))


def render_markdown(text: str | None, links: Mapping[str, str] | None = None) -> str:
    """Safe HTML for a Markdown field; '' for None. With `links`, known Vorlagen-Nummern become links."""
    if not text:
        return ""
    html = _clean_html(text)
    return link_paper_numbers(html, links) if links is not None else html


def render_text(text: str | None, links: Mapping[str, str] | None = None) -> str:
    """Plain text (not Markdown) as safe HTML; with `links`, known Vorlagen-Nummern become links."""
    if not text:
        return ""
    escaped = html_module.escape(text, quote=False)
    return link_paper_numbers(escaped, links) if links is not None else escaped


def _clean_html(text: str) -> str:
    # The parser reads the text as UTF-8, and CPython keeps that UTF-8 copy on the str object for
    # its lifetime: on the archive's own strings that would be 300 MB more at 100,000 Vorlagen.
    # A short-lived copy takes the cache with it.
    html = _parser().render(text.encode("utf-8").decode("utf-8"))
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )


# --- Vorlagen-Nummern as links ------------------------------------------------------------

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
_NO_LINKS_INSIDE = frozenset({"a", "code", "pre"})
# A token with a digit, its parts joined by / . or - ("0042/2019", "VO/2019/0042", "17.12.2018").
_CANDIDATE = re.compile(r"(?<![\w/.\-])\w*\d\w*(?:[/.\-]\w+)*")
# A number that is only digits ("4711") is taken for a Vorlagen-Nr. only after one of these words.
_BARE_NUMBER_AFTER = re.compile(r"(?:Vorlage|Vorlagen-Nr\.|Vorlagennummer|Drucksache|Nr\.)\s*$")


def link_paper_numbers(html: str, links: Mapping[str, str]) -> str:
    """Safe HTML with every known Vorlagen-Nr. in its text (not in links or code) turned into a link."""
    # Most texts name no other Vorlage: one scan over the whole HTML (tags too, which can only add
    # candidates) finds that out without splitting it. Dates and amounts are candidates as well.
    if not any(candidate in links for candidate in _CANDIDATE.findall(html)):
        return html
    parts = _TAG.split(html)
    depth = 0
    for position, part in enumerate(parts):
        if position % 2:
            name = _TAG_NAME.match(part)
            if name and name.group(1).lower() in _NO_LINKS_INSIDE and not part.endswith("/>"):
                depth += -1 if part.startswith("</") else 1
        elif part and not depth:
            parts[position] = _CANDIDATE.sub(lambda match, text=part: _link(match, text, links), part)
    return "".join(parts)


def _link(match: re.Match[str], text: str, links: Mapping[str, str]) -> str:
    number = match.group()
    href = links.get(number)
    if href is None or (number.isdigit() and not _BARE_NUMBER_AFTER.search(text, 0, match.start())):
        return number
    return f'<a href="{html_module.escape(href)}">{number}</a>'


# --- plain text for the search index --------------------------------------------------------

# Something shaped like an HTML tag or comment. Data may hold one as text; the index keeps none.
_TAG_LIKE = re.compile(r"<\s*[/!?]?\s*[a-zA-Z][^<>]*>|<!--.*?-->", re.S)
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|tr|blockquote|pre)>|<br\s*/?>|<hr\s*/?>", re.I)
_WHITESPACE = re.compile(r"\s+")


def plain_text(text: str | None) -> str:
    """One line of text: whitespace collapsed, anything shaped like a tag dropped; '' for None."""
    if not text:
        return ""
    return _WHITESPACE.sub(" ", _TAG_LIKE.sub(" ", text)).strip()


def markdown_paragraphs(text: str | None, enough: int | None = None) -> list[str]:
    """A Markdown field as plain-text paragraphs (list items and table rows count as paragraphs).

    With `enough`, only about the first `enough` characters of text are wanted: a long source is
    cut (at a paragraph end where there is one) before it is parsed. No sanitizer runs: every tag
    is dropped anyway.
    """
    if not text:
        return []
    if enough is not None and len(text) > 2 * enough:
        end = text.rfind("\n\n", enough, 2 * enough)
        text = text[: end if end != -1 else 2 * enough]
    html = _parser().render(text.encode("utf-8").decode("utf-8"))  # a short-lived copy, see _clean_html
    paragraphs = (html_module.unescape(_TAG.sub(" ", block)) for block in _BLOCK_END.split(html))
    return [line for line in map(plain_text, paragraphs) if line]
