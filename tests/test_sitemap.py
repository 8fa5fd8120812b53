"""Sitemaps list every public page and split into an index above 50,000 addresses."""

from __future__ import annotations

import gzip
import sys
import xml.etree.ElementTree as ElementTree

from conftest import REPO

sys.path.insert(0, str(REPO / "hooks"))
from site_sitemap import write_sitemaps  # noqa: E402

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sample_sitemap_lists_every_page(site):
    tree = ElementTree.parse(site / "sitemap.xml")
    locations = [loc.text for loc in tree.findall("s:url/s:loc", NS)]
    # Redirect pages at old addresses (e.g. /mitmachen/) are no pages of their own: search engines follow them.
    redirects = {p for p in site.rglob("index.html") if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")}
    pages = [p for p in site.rglob("index.html") if p not in redirects]
    assert redirects and len(locations) == len(pages)
    assert not any("/mitmachen/" in location for location in locations)
    assert "https://buergerinfo.test/vorlagen/landkreis-boerde/2018-33-0590/" in locations
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_large_sitemap_becomes_an_index_of_parts(tmp_path):
    urls = [f"https://example.test/vorlagen/{n}/" for n in range(7)]
    written = write_sitemaps(tmp_path, "https://example.test/", urls, limit=3)
    assert sorted(p.name for p in written) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = ElementTree.parse(tmp_path / "sitemap.xml").getroot()
    assert index.tag.endswith("sitemapindex")
    assert [loc.text for loc in index.findall("s:sitemap/s:loc", NS)] == [
        "https://example.test/sitemap-1.xml", "https://example.test/sitemap-2.xml", "https://example.test/sitemap-3.xml"
    ]
    parts = [[loc.text for loc in ElementTree.parse(tmp_path / f"sitemap-{n}.xml").findall("s:url/s:loc", NS)]
             for n in (1, 2, 3)]
    assert [len(p) for p in parts] == [3, 3, 1] and sum(parts, []) == urls
