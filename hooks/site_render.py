"""Rendering a PageSpec through the theme's Jinja templates.

The page bodies are Jinja templates in `overrides/buergerinfo/`, so a county can
restyle them without touching Python. They are rendered with autoescaping on:
MkDocs' own environment has it off, and text from YAML must never become markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.utils import normalize_url

from buergerinfo.views.markup import render_markdown, render_text

GERMAN_MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)
GERMAN_WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def date_de(value: dt.date | str | None, style: str = "short") -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value  # not a date after all: shown as written
    if style == "long":
        return f"{GERMAN_WEEKDAYS[value.weekday()]}, {value.day}. {GERMAN_MONTHS[value.month - 1]} {value.year}"
    return value.strftime("%d.%m.%Y")


class PaperHrefs(Mapping[str, str]):
    """Vorlagen-Nummern of one Körperschaft -> links from the page being rendered; built per call, looked up lazily.

    The numbers come from the public view, so a link never leads to a nicht öffentliche Vorlage;
    a page does not link to itself.
    """

    def __init__(self, context: Mapping[str, Any], body_id: str) -> None:
        self._views = context["views"]
        self._addresses = context["addresses"]
        self._base = context["base_url"]
        self._page = context.get("page")
        self._own = self._page.url if self._page is not None else None
        self._body_id = body_id

    def __getitem__(self, number: str) -> str:
        record = self._views.paper(self._body_id, number)
        if record is None:
            raise KeyError(number)
        address = self._addresses.paper(record)
        if address == self._own:
            raise KeyError(number)
        return normalize_url(address, page=self._page, base=self._base)

    def __contains__(self, number: object) -> bool:
        # A quick yes/no without an address or a KeyError (a page's own number counts as known here).
        return isinstance(number, str) and self._views.paper(self._body_id, number) is not None

    def __iter__(self) -> Iterator[str]:
        return (number for body_id, number in self._views.papers_by_number if body_id == self._body_id)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@jinja2.pass_context
def markdown_filter(context: Mapping[str, Any], text: str | None, body_id: str | None = None) -> Markup:
    """Markdown of a data file; with the Körperschaft's key, its Vorlagen-Nummern become links."""
    return Markup(render_markdown(text, PaperHrefs(context, body_id) if body_id else None))


@jinja2.pass_context
def linked_filter(context: Mapping[str, Any], text: str | None, body_id: str) -> Markup:
    """Plain text of a data file (not Markdown) with the Körperschaft's Vorlagen-Nummern as links."""
    return Markup(render_text(text, PaperHrefs(context, body_id)))


def count_de(number: int, one: str, many: str) -> str:
    """'1 Vorlage', '2 Vorlagen', '1.234 Vorlagen'."""
    return f"{number:,}".replace(",", ".") + " " + (one if number == 1 else many)


_TERM_ABBREVIATION = re.compile(r"\bWP\b\.?")


def legislative_term_de(text: str | None) -> str:
    """"6. WP" as a citizen reads it: "6. Wahlperiode"."""
    return _TERM_ABBREVIATION.sub("Wahlperiode", text or "")


def file_size_de(size: int) -> str:
    if size < 1024:
        return f"{size} Byte"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB".replace(".", ",")
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def make_environment(theme_env: jinja2.Environment) -> jinja2.Environment:
    environment = theme_env.overlay(autoescape=True)
    environment.filters = dict(theme_env.filters)
    environment.filters.update(
        {
            "date_de": date_de,
            "markdown": markdown_filter,
            "linked": linked_filter,
            "file_size_de": file_size_de,
            "anzahl": count_de,
            "wahlperiode": legislative_term_de,
        }
    )
    return environment


def render(environment: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    return environment.get_template(f"buergerinfo/{template}").render(context)
