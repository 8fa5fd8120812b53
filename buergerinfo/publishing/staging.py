"""Before an upload to a server of one's own: is the built site complete and clean, and its staging copy.

The staging copy holds the site as hard links (no second copy of the bytes, and `site/` itself stays what
`make site` wrote, so a Pages upload never gets the extra files) plus, beside every text file, its
gzip-compressed twin for nginx's `gzip_static` and the nginx redirects (`redirects`). The twins are
deterministic (no name, time 0, level 9): a rebuilt but unchanged file gets a byte-identical twin, so
an upload by checksum does not send it again.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from buergerinfo.compression import synced_gzip
from buergerinfo.publishing.redirects import REDIRECTS_FILE, nginx_redirects, redirect_pages

# Files a web server sends as text: each gets a `.gz` twin (the tables are compressed already).
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".atom", ".ics", ".csv", ".svg", ".txt"})
GZIP_LEVEL = 9
# What a build never writes: editor backups, system files, version control, Python caches.
STRAY_SUFFIXES = ("~", ".swp", ".tmp", ".pyc", ".orig", ".rej")
STRAY_NAMES = frozenset({"Thumbs.db", "desktop.ini", "__pycache__"})
# Files every finished build has: the start page and the German 404 page the server sends.
REQUIRED = ("index.html", "404.html")


class SiteNotReady(Exception):
    """The folder is no complete, clean build; the message is German."""


def check_site(site: Path) -> None:
    """Refuse a missing or unfinished build and anything a build does not write."""
    if not site.is_dir():
        raise SiteNotReady(f"Fehler: {site} gibt es nicht – erst die Website bauen (`make site`).")
    missing = [name for name in REQUIRED if not (site / name).is_file()]
    if missing:
        raise SiteNotReady(
            f"Fehler: in {site} fehlt {', '.join(missing)} – der Bau ist nicht fertig geworden; erst `make site`."
        )
    stray = []
    for folder, folders, names in os.walk(site):
        for name in sorted(folders + names):
            path = Path(folder, name)
            relative = path.relative_to(site).as_posix()
            if name.startswith(".") or name in STRAY_NAMES or name.endswith(STRAY_SUFFIXES):
                stray.append(f"{relative} (gehört nicht zur gebauten Website)")
            elif path.is_symlink():
                stray.append(f"{relative} (symbolische Verknüpfung)")
        folders[:] = [name for name in folders if not name.startswith(".") and name not in STRAY_NAMES]
    if stray:
        listed = "\n".join(f"  {entry}" for entry in stray[:20]) + ("\n  …" if len(stray) > 20 else "")
        raise SiteNotReady(
            f"Fehler: {site} enthält {len(stray)} Datei(en), die kein Bau schreibt; hochgeladen wird nichts. "
            f"Bitte die Website neu bauen (`make site`):\n{listed}"
        )


def gzip_bytes(data: bytes) -> bytes:
    """Always the same bytes for the same input, and for an edited file mostly the same (buergerinfo.compression)."""
    return synced_gzip(data, GZIP_LEVEL)


def stage(site: Path, staging: Path) -> list[str]:
    """Fill `staging` (emptied first) with the site, the `.gz` twins and the nginx redirects.

    Returns the twins' paths (relative, with /): every text file has one, so a twin is up to date on the
    server whenever its file is, and the upload need not compare the twins (`rsync`).
    """
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    twins = []
    for folder, folders, names in os.walk(site):
        folders.sort()
        target = staging / Path(folder).relative_to(site)
        target.mkdir(exist_ok=True)
        present = set(names)
        for name in sorted(names):
            source = Path(folder, name)
            _link_or_copy(source, target / name)
            if Path(name).suffix not in TEXT_SUFFIXES or f"{name}.gz" in present:
                continue  # a published `.gz` of the same name (sitemap.xml.gz) stays as the build wrote it
            (target / f"{name}.gz").write_bytes(gzip_bytes(source.read_bytes()))
            twins.append((target / f"{name}.gz").relative_to(staging).as_posix())
    (staging / REDIRECTS_FILE).write_text(nginx_redirects(redirect_pages(site)), encoding="utf-8")
    return twins


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target)
