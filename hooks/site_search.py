"""Full-text search with Pagefind: German stemming, facets, and a small download per query.

Material's built-in search ships one index that every visitor downloads whole
(tens of MB for a city's archive) and, because it appends a wildcard to every
term, never stems German queries. Pagefind splits the index into chunks a query
fetches on demand and stems with Snowball's German rules.
"""

from __future__ import annotations

import html
import subprocess
import sys

from mkdocs.exceptions import PluginError

PAGEFIND_TIMEOUT_SECONDS = 3600


def search_wrapper(body: str, filters: dict[str, list[str]], sort: dict[str, str]) -> str:
    """Marks a page's content for indexing and attaches its facet values."""
    attributes = "".join(
        f'<span data-pagefind-filter="{html.escape(name)}:{html.escape(value)}"></span>'
        for name, values in filters.items()
        for value in values
    )
    sorting = "".join(
        f'<span data-pagefind-sort="{html.escape(name)}:{html.escape(value)}"></span>' for name, value in sort.items()
    )
    return f"<div data-pagefind-body>{attributes}{sorting}{body}</div>"


def index_site(site_dir: str) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", site_dir, "--force-language", "de", "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PluginError(f"Suchindex konnte nicht erstellt werden: {exc}") from None
    if result.returncode != 0:
        raise PluginError(f"Suchindex konnte nicht erstellt werden (Pagefind):\n{result.stdout}{result.stderr}")
