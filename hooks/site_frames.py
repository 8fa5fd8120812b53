"""Material's page frame, rendered once per kind of generated page and filled in for every page.

Material's templates (head, header, tabs, sidebars, footer, configuration) were a fifth of
the build at 10,000 Vorlagen, yet for generated pages outside the nav two pages of the same
section at the same folder depth differ only in seven values: title, description, canonical
address, extra head content (the page's feed links, `page.meta.bi_head` in overrides/main.html),
body, and the address and data date of the print footer. So the frame is rendered once with markers in those places (a stencil),
and every further page of the kind is the stencil with its own values put in.

A stencil is trusted only after it has matched a normal render of a second page twice: with
that page's values and with values full of markup characters. A theme change that filters
one of the values, or that prints anything else of the page, therefore makes that kind of
page render normally (slower, never wrong); tests compare whole sites built both ways.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from mkdocs.structure.pages import Page

# Private-use characters: they pass every escape and filter unchanged and mean nothing in text.
_MARK = "\ue000bi-frame-{}\ue001"
# A markup-laden addition for the check: escaping, stripping or quoting of a value shows up as a mismatch.
_HOSTILE = " <b class=\"x\">&amp; 'Ä' & \\ </b>"
_DISABLED = "disabled"


@dataclass(frozen=True)
class FrameValues:
    """What Material's frame shows of a generated page; everything else is the same for its kind."""

    title: str
    description: str
    canonical_url: str
    head: str  # extra <head> content: the page's own <link rel="alternate"> feeds
    content: str
    address: str  # the page's address and the date of its data, for the print footer (druckangaben.html)
    data_date: str

    @classmethod
    def of(cls, page: Page) -> FrameValues | None:
        title = page.meta.get("title")
        if title != page.title:
            return None  # the frame would show two different titles; no stencil covers that
        return cls(
            title or "",
            page.meta.get("description") or "",
            page.canonical_url or "",
            page.meta.get("bi_head") or "",
            page.content or "",
            page.meta.get("bi_address") or "",
            page.meta.get("bi_data_date") or "",
        )

    def put_into(self, page: Page) -> None:
        page.title = self.title
        page.meta["title"] = self.title
        page.meta["description"] = self.description
        page.canonical_url = self.canonical_url
        page.meta["bi_head"] = self.head
        page.content = self.content
        page.meta["bi_address"] = self.address
        page.meta["bi_data_date"] = self.data_date

    def variant(self) -> tuple[bool, ...]:
        """The template's own branches: which values are empty, and whether the body brings its <h1>."""
        return (*(bool(getattr(self, f.name)) for f in fields(self)), "<h1" in self.content)

    def markers(self) -> FrameValues:
        def marker(name: str) -> str:
            value = getattr(self, name)
            if not value:
                return ""
            # Material adds its own <h1> unless the body has one, so the marker keeps that trait.
            return _MARK.format(name) + ("<h1" if name == "content" and "<h1" in value else "")

        return FrameValues(**{f.name: marker(f.name) for f in fields(self)})

    def hostile(self) -> FrameValues:
        return FrameValues(
            **{f.name: getattr(self, f.name) + _HOSTILE if getattr(self, f.name) else "" for f in fields(self)}
        )


class Stencil:
    """A rendered frame cut at its markers: static text and value names, alternating."""

    def __init__(self, rendered: str, markers: FrameValues) -> None:
        by_marker = {getattr(markers, f.name): f.name for f in fields(markers) if getattr(markers, f.name)}
        pattern = re.compile("|".join(re.escape(marker) for marker in by_marker)) if by_marker else None
        self._parts: list[tuple[str, str | None]] = []
        position = 0
        for match in pattern.finditer(rendered) if pattern else ():
            self._parts.append((rendered[position : match.start()], by_marker[match.group()]))
            position = match.end()
        self._parts.append((rendered[position:], None))

    def fill(self, values: FrameValues) -> str:
        pieces: list[str] = []
        for text, name in self._parts:
            pieces.append(text)
            if name is not None:
                pieces.append(getattr(values, name))
        return "".join(pieces)


@dataclass
class _Pending:
    stencil: Stencil


class FrameStencils:
    """Whole-page HTML for generated pages, from one stencil per kind (section, depth, variant)."""

    def __init__(self, render_frame: Callable[[dict[str, Any]], str], enabled: bool = True) -> None:
        self._render_frame = render_frame
        self._enabled = enabled
        self._kinds: dict[tuple[Any, ...], Stencil | _Pending | str] = {}

    def page_html(self, kind: str, page: Page, context: dict[str, Any]) -> str:
        values = FrameValues.of(page) if self._enabled else None
        if values is None:
            return self._render_frame(context)
        key = (kind, values.variant())
        known = self._kinds.get(key)
        if isinstance(known, Stencil):
            return known.fill(values)
        if known is None:
            markers = values.markers()
            self._kinds[key] = _Pending(Stencil(self._render_with(page, context, markers, values), markers))
            return self._render_frame(context)
        rendered = self._render_frame(context)
        if isinstance(known, _Pending):
            self._kinds[key] = (
                known.stencil if self._matches(known.stencil, page, context, values, rendered) else _DISABLED
            )
        return rendered

    def _matches(
        self, stencil: Stencil, page: Page, context: dict[str, Any], values: FrameValues, rendered: str
    ) -> bool:
        if stencil.fill(values) != rendered:
            return False
        hostile = values.hostile()
        return stencil.fill(hostile) == self._render_with(page, context, hostile, values)

    def _render_with(self, page: Page, context: dict[str, Any], shown: FrameValues, actual: FrameValues) -> str:
        shown.put_into(page)
        try:
            return self._render_frame(context)
        finally:
            actual.put_into(page)

    def statistics(self) -> dict[str, int]:
        kinds = list(self._kinds.values())
        return {
            "stencils": sum(isinstance(kind, Stencil) for kind in kinds),
            "unverified": sum(isinstance(kind, _Pending) for kind in kinds),
            "disabled": sum(kind == _DISABLED for kind in kinds),
        }
