"""Upload to S3-compatible object storage with rclone, in the order of `transfer`.

Object storage sends back the Content-Type and Cache-Control an object was stored with, so each kind of
file goes up in its own pass with its headers (`--header-upload`): rclone guesses a type only from the
machine's /etc/mime.types, which a CI runner may lack (then .atom, .ics and .csv would go up as
application/octet-stream). The objects are the files as built, without Content-Encoding: object storage
cannot choose by Accept-Encoding, and the CDN in front compresses; the tables (`.csv.gz`, `.json.gz`) stay
`application/gzip` downloads, as on GitHub Pages.

`rclone copy --checksum` compares size and MD5 (the ETag), so an identical rebuilt file is not sent.
The deletions come last with `rclone sync`, which then finds nothing else to copy.
"""

from __future__ import annotations

import json

from buergerinfo.publishing.transfer import Pass, Totals, run_pass

SHORT = "public, max-age=300"  # pages and data: a change is seen within five minutes
MEDIUM = "public, max-age=3600"  # assets without a hash in their name
LONG = "public, max-age=31536000, immutable"  # Material's assets carry their content hash in the name
HASHED = "*.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].min.{js,css}"

# (patterns, Content-Type or None for rclone's own guess, Cache-Control), as deploy/nginx/buergerinfo.conf sends
# them; pages first, see PAGE_KINDS.
KINDS: list[tuple[tuple[str, ...], str | None, str]] = [
    (("*.html",), "text/html; charset=utf-8", SHORT),
    (("*.atom",), "application/atom+xml; charset=utf-8", SHORT),
    (("*.ics",), "text/calendar; charset=utf-8", SHORT),
    (("*.json",), "application/json", SHORT),
    (("*.csv",), "text/csv; charset=utf-8", SHORT),
    (("*.txt",), "text/plain; charset=utf-8", SHORT),
    (("*.xml",), "text/xml; charset=utf-8", SHORT),
    (("*.gz",), "application/gzip", SHORT),
    ((HASHED,), None, LONG),
]
PAGE_KINDS = 1  # the first entries of KINDS are the pages


def _filters(kind: int) -> list[str]:
    """rclone filters selecting the files of KINDS[kind], or with kind == len(KINDS) everything else."""
    if kind < len(KINDS):
        # Earlier kinds take precedence: a hashed .js is not also in a later pass.
        before = [f"--filter=- {p}" for patterns, _, _ in KINDS[:kind] for p in patterns]
        return [*before, *(f"--filter=+ {p}" for p in KINDS[kind][0]), "--filter=- **"]
    return [f"--filter=- {p}" for patterns, _, _ in KINDS for p in patterns]


def _headers(kind: int) -> list[str]:
    content_type, cache = (KINDS[kind][1], KINDS[kind][2]) if kind < len(KINDS) else (None, MEDIUM)
    headers = [f"--header-upload=Cache-Control: {cache}"]
    if content_type:
        headers.append(f"--header-upload=Content-Type: {content_type}")
    return headers


# --fast-list: one recursive listing of the bucket per pass (fewer requests, which object storage bills).
BASE = ["--checksum", "--fast-list", "--use-json-log", "--stats-log-level=NOTICE", "--stats=24h",
        "--stats-one-line=false"]


def _copy(label: str, kind: int, site: str, target: str, *options: str) -> Pass:
    return Pass(f"{label} ({_label(kind)})",
                ["rclone", "copy", *BASE, *options, *_filters(kind), *_headers(kind), site, target])


def passes(site: str, target: str) -> list[Pass]:
    everything = range(len(KINDS) + 1)
    pages, others = range(PAGE_KINDS), range(PAGE_KINDS, len(KINDS) + 1)
    return [
        *(_copy("neue Dateien", kind, site, target, "--ignore-existing") for kind in everything),
        *(_copy("geänderte Dateien", kind, site, target) for kind in others),
        *(_copy("geänderte Seiten", kind, site, target) for kind in pages),
        # Nothing is left to copy: `sync` only deletes what the site no longer has.
        Pass("gelöschte Dateien", ["rclone", "sync", *BASE, *_headers(len(KINDS)), site, target]),
    ]


def _label(kind: int) -> str:
    return ", ".join(KINDS[kind][0]).replace(HASHED, "Dateien mit Hash") if kind < len(KINDS) else "übrige"


def _stats(output: str) -> dict:
    """The last stats record of rclone's JSON log."""
    stats: dict = {}
    for line in output.splitlines():
        if line.startswith("{") and '"stats"' in line:
            try:
                stats = json.loads(line)["stats"]
            except (ValueError, KeyError):
                continue
    return stats


def upload(site: str, target: str, timeout: float | None = None) -> Totals:
    totals = Totals()
    for step in passes(site, target):
        stats = _stats(run_pass(step, timeout))
        totals.add(step.name, int(stats.get("bytes", 0)), int(stats.get("transfers", 0)), int(stats.get("deletes", 0)))
    return totals

