"""Sitemaps that stay within the protocol's limit of 50,000 addresses per file.

MkDocs writes one sitemap.xml for every page; a city's archive has more pages
than one sitemap may list, so above the limit sitemap.xml becomes an index of
numbered sitemap files.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

URLS_PER_SITEMAP = 50_000
_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _urlset(urls: Sequence[str]) -> str:
    entries = "".join(f"<url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return f'{_HEADER}<urlset xmlns="{_NAMESPACE}">\n{entries}</urlset>\n'


def _index(locations: Sequence[str]) -> str:
    entries = "".join(f"<sitemap><loc>{escape(loc)}</loc></sitemap>\n" for loc in locations)
    return f'{_HEADER}<sitemapindex xmlns="{_NAMESPACE}">\n{entries}</sitemapindex>\n'


def write_sitemaps(site_dir: Path, site_url: str, urls: Sequence[str], limit: int = URLS_PER_SITEMAP) -> list[Path]:
    """Write sitemap.xml (and, above `limit`, sitemap-N.xml parts); return the files written."""
    for old in site_dir.glob("sitemap-*.xml"):
        old.unlink()
    if len(urls) <= limit:
        written = {site_dir / "sitemap.xml": _urlset(urls)}
    else:
        written = {}
        for number, start in enumerate(range(0, len(urls), limit), start=1):
            written[site_dir / f"sitemap-{number}.xml"] = _urlset(urls[start : start + limit])
        base = site_url.rstrip("/") + "/"
        written[site_dir / "sitemap.xml"] = _index([base + path.name for path in written])
    for path, content in written.items():
        path.write_text(content, encoding="utf-8")
    # MkDocs also publishes a gzipped copy; keep it identical to the new sitemap.xml.
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(written[site_dir / "sitemap.xml"].encode(), mtime=0))
    return list(written)
