"""What a static host accepts, and whether a built site stays within it.

GitHub Pages publishes at most 1 GB a site; GitLab Pages (gitlab.com, openCode.de) 1 GB and 200,000
files. "1 GB" is read as 10^9 bytes, the smaller reading, so a site that passes here passes there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Host:
    name: str
    max_bytes: int
    max_files: int | None = None


HOSTS = {
    "github-pages": Host("GitHub Pages", 1_000_000_000),
    "gitlab-pages": Host("GitLab Pages", 1_000_000_000, 200_000),
}

ALTERNATIVES = (
    "Alternativen (README, Abschnitt „Publishing“): der eigene Webserver der Körperschaft "
    "(`make veroeffentlichen-rsync ZIEL=benutzer@server:/var/www/buergerinfo`, rsync über SSH, nginx-Konfiguration "
    "in deploy/nginx/) oder ein S3-kompatibler Objektspeicher hinter einem CDN "
    "(`make veroeffentlichen-s3 ZIEL=remote:bucket`); oder ein Teil der Website (etwa OParl) als zweite Website."
)


@dataclass(frozen=True)
class SiteSize:
    bytes: int
    files: int


def measure(site: Path) -> SiteSize:
    """Bytes and files of every regular file below `site`, as the host counts them."""
    total = files = 0
    for folder, _, names in os.walk(site):
        for name in names:
            info = os.lstat(os.path.join(folder, name))
            total += info.st_size
            files += 1
    return SiteSize(total, files)


def megabytes(count: int) -> str:
    return f"{count / 1_000_000:,.0f}".replace(",", ".") + " MB"


def number(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def problems(size: SiteSize, host: Host) -> list[str]:
    """German sentences, one per limit the site breaks; empty if it fits."""
    found = []
    if size.bytes > host.max_bytes:
        found.append(
            f"{megabytes(size.bytes)} – {host.name} veröffentlicht höchstens {megabytes(host.max_bytes)} (1 GB) "
            "je Website"
        )
    if host.max_files is not None and size.files > host.max_files:
        found.append(
            f"{number(size.files)} Dateien – {host.name} veröffentlicht höchstens {number(host.max_files)} Dateien"
        )
    return found


def report(site: Path, host_key: str) -> tuple[bool, str]:
    """(fits, German text) for the site folder and the host named by its key."""
    host = HOSTS[host_key]
    size = measure(site)
    broken = problems(size, host)
    if not broken:
        return True, (
            f"Die Website passt zu {host.name}: {megabytes(size.bytes)} in {number(size.files)} Dateien "
            f"(höchstens {megabytes(host.max_bytes)}"
            + (f" und {number(host.max_files)} Dateien" if host.max_files else "")
            + ")."
        )
    return False, (
        f"Fehler: Die Website in {site} ist zu groß für {host.name}: "
        + "; ".join(broken)
        + ". Es wurde nichts veröffentlicht.\n"
        + ALTERNATIVES
    )
