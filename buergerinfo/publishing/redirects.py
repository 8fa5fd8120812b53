"""The redirects of the built site, as real HTTP 301 answers for nginx.

The build writes a small page at every old address (hooks/site_redirects.py, template
overrides/buergerinfo/weiterleitung.html: a meta refresh to the new address), because GitHub Pages
cannot redirect. On a server of one's own these pages are read back from the built site, so the
301s are always the redirects that were published, from data/weiterleitungen.yml and the site's own
moved pages alike. tests/test_deploy.py checks both answers on a real nginx.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

# Written into the upload beside the site; the nginx configuration includes it (deploy/nginx/).
REDIRECTS_FILE = ".weiterleitungen.nginx"
# A redirect page is a few hundred bytes; a real page is never this small.
MAX_REDIRECT_PAGE = 4096
REFRESH = re.compile(rb'<meta http-equiv="refresh" content="0; url=([^"]*)">')
# Addresses as the site writes them (lower case, digits, hyphens, slashes): nothing nginx would read as syntax.
SAFE_ADDRESS = re.compile(r"^/(?:[a-z0-9._-]+/)*$")


def redirect_pages(site: Path) -> dict[str, str]:
    """Old address → new address (both absolute paths ending in /) for each redirect page of the site."""
    found = {}
    for folder, folders, names in os.walk(site):
        folders.sort()
        if "index.html" not in names:
            continue
        page = Path(folder, "index.html")
        if page.stat().st_size > MAX_REDIRECT_PAGE:
            continue
        match = REFRESH.search(page.read_bytes())
        if not match:
            continue
        old = "/" + Path(folder).relative_to(site).as_posix().strip(".") + "/"
        old = old.replace("//", "/")
        new = posixpath.normpath(posixpath.join(old, match.group(1).decode("utf-8"))) + "/"
        new = new.replace("//", "/")
        if SAFE_ADDRESS.match(old) and SAFE_ADDRESS.match(new):
            found[old] = new
    return found


def nginx_redirects(pairs: dict[str, str]) -> str:
    lines = [
        "# Written by `./bi veroeffentlichen rsync` from the redirect pages of the built site; do not edit.",
        "# Included by deploy/nginx/buergerinfo.conf's server block; `nginx -s reload` after a deploy that adds one.",
    ]
    lines += [f"location = {old} {{ return 301 {new}; }}" for old, new in sorted(pairs.items())]
    return "\n".join(lines) + "\n"
