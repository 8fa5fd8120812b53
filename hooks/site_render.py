"""Rendering a PageSpec through the theme's Jinja templates.

The page bodies are Jinja templates in `overrides/buergerinfo/`, so a county can
restyle them without touching Python. They are rendered with autoescaping on:
MkDocs' own environment has it off, and text from YAML must never become markup.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jinja2
from markupsafe import Markup

from buergerinfo.markup import render_markdown

GERMAN_MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)
GERMAN_WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def date_de(value: dt.date | None, style: str = "short") -> str:
    if value is None:
        return ""
    if style == "long":
        return f"{GERMAN_WEEKDAYS[value.weekday()]}, {value.day}. {GERMAN_MONTHS[value.month - 1]} {value.year}"
    return value.strftime("%d.%m.%Y")


def markdown_filter(text: str | None) -> Markup:
    return Markup(render_markdown(text))


def file_size_de(size: int) -> str:
    if size < 1024:
        return f"{size} Byte"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB".replace(".", ",")
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def make_environment(theme_env: jinja2.Environment) -> jinja2.Environment:
    environment = theme_env.overlay(autoescape=True)
    environment.filters = dict(theme_env.filters)
    environment.filters.update({"date_de": date_de, "markdown": markdown_filter, "file_size_de": file_size_de})
    return environment


def render(environment: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    return environment.get_template(f"buergerinfo/{template}").render(context)
