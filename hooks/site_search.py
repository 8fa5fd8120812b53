"""Full-text search with Pagefind: German stemming, facets, and a small download per query.

Material's built-in search ships one index that every visitor downloads whole
(tens of MB for a city's archive) and, because it appends a wildcard to every
term, never stems German queries. Pagefind splits the index into chunks a query
fetches on demand and stems with Snowball's German rules.

The bodies of all searchable pages are rendered first and written as small
documents to a scratch folder; Pagefind indexes that folder in a background
process on the second core while MkDocs renders and writes the full pages.
Pagefind never parses the theme's chrome, which is most of every page's bytes.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

INDEX_TIMEOUT_SECONDS = 3600


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


class BackgroundIndex:
    """Search documents in a scratch folder, indexed by the Pagefind command while the site is written."""

    def __init__(self) -> None:
        self.documents = Path(tempfile.mkdtemp(prefix="buergerinfo-suche-"))
        self._process: subprocess.Popen[bytes] | None = None
        self._log = self.documents.parent / (self.documents.name + ".log")

    def document_path(self, url: str) -> Path:
        return self.documents / url / "index.html"

    def write(self, url: str, title: str, body: str) -> None:
        path = self.document_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<html lang="de"><head><title>{title}</title></head><body>{body}</body></html>', "utf-8")

    def start(self, output_path: str) -> None:
        command = [
            sys.executable, "-m", "pagefind", "--site", str(self.documents),
            "--output-path", output_path, "--force-language", "de", "--silent",
        ]
        with open(self._log, "wb") as log:
            self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)

    def finish(self) -> None:
        try:
            if self._process is None:
                return
            try:
                code = self._process.wait(timeout=INDEX_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self._process.kill()
                raise PluginError("Suchindex: Pagefind ist nicht rechtzeitig fertig geworden") from None
            if code != 0:
                raise PluginError(f"Suchindex konnte nicht erstellt werden (Pagefind):\n{self._log.read_text()}")
        finally:
            self.discard()

    def discard(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        shutil.rmtree(self.documents, ignore_errors=True)
        self._log.unlink(missing_ok=True)
