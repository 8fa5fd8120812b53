"""Redirect pages at old addresses, so links to a renamed Vorlage or page keep working for years.

GitHub Pages cannot answer with an HTTP redirect, so each old address gets a small
static page: a meta refresh and a canonical link to the new address (search engines
move their entry), and a visible German link for browsers that do not follow the
refresh. The redirects come from data/weiterleitungen.yml (written by
`./bi umbenennen`, validated by the check) plus the site's own moved pages.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from buergerinfo.model.redirect import Redirect

# Pages of the site itself that moved: old address -> new address.
SITE_REDIRECTS = {"mitmachen/": "redaktion/"}
TEMPLATE = "buergerinfo/weiterleitung.html"


def relative_url(old: str, new: str) -> str:
    """The address of `new` as seen from the page at `old` (both site-relative, ending in /)."""
    return posixpath.relpath(new, old.rstrip("/") or ".").rstrip("/") + "/" if new else "./"


def redirect_files(config: MkDocsConfig, environment: jinja2.Environment, redirects: Iterable[Redirect]) -> list[File]:
    pairs = dict(SITE_REDIRECTS)
    pairs.update({redirect.old: redirect.new for redirect in redirects})
    template = environment.get_template(TEMPLATE)
    base = (config.site_url or "").rstrip("/")
    files = []
    for old, new in sorted(pairs.items()):
        html = template.render(
            target=relative_url(old, new),
            canonical=f"{base}/{new}" if base else relative_url(old, new),
            site_name=config.site_name,
        )
        files.append(File.generated(config, f"{old}index.html", content=html))
    return files
