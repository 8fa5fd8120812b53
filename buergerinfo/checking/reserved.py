"""Keys that the site's addresses already use, so a data file must not take them.

A Körperschaft's key is a folder under `vorlagen/`, next to the lists the site
offers there (`vorlagen/jahr/2019/`, `vorlagen/seite-2/`); a key `index` becomes a
file `index.md`, which MkDocs publishes as its folder's own page. The check refuses
these keys with the file, line and field, so the build never meets them.
"""

from __future__ import annotations

import re

# The lists of Vorlagen by filter: vorlagen/<kind>/<value>/ (hooks/site_pages.py builds them).
FACET_KINDS = ("koerperschaft", "gremium", "jahr", "art", "status")
# Pages of a long list: vorlagen/seite-2/.
PAGE_OF_LIST = re.compile(r"^seite-[0-9]+$")
# Any key that becomes a file name of a page.
INDEX_KEY = "index"


def reserved_key_problem(key: str, what: str) -> str | None:
    """Why `key` cannot name a Gremium, Vorlage, Dossier or Thema (German), or None."""
    if key == INDEX_KEY:
        return f"„{INDEX_KEY}“ ist als Schlüssel {what} nicht möglich: die Website braucht diesen Namen selbst"
    return None


def reserved_body_key_problem(key: str) -> str | None:
    """Why `key` cannot name a Körperschaft (its file name in data/koerperschaften/), or None."""
    if key == INDEX_KEY or key in FACET_KINDS or PAGE_OF_LIST.match(key):
        return (
            f"eine Körperschaft kann nicht „{key}“ heißen: unter vorlagen/{key}/ steht auf der Website schon eine "
            f"Liste (nicht möglich sind {', '.join(FACET_KINDS)}, {INDEX_KEY} und seite-<Zahl>) – bitte die Datei "
            "umbenennen, z. B. in landkreis-<name>.yml"
        )
    return None
