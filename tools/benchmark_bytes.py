"""Where the bytes of a built site go: bytes and files by kind, for tools/benchmark.py.

GitHub Pages publishes at most 1 GB a site, GitLab Pages 1 GB and 200,000 files, and both upload
the whole site on every deploy; so what a kind of file costs per Vorlage decides how large an
archive such a host can carry. Every file of the site falls into exactly one kind (the last,
"other", catches what no rule names), so the kinds add up to the site's total.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

# (key, label) in the order they are printed. Tests look for these keys.
KINDS = (
    ("vorlage_pages", "Vorlage pages"),
    ("sitzung_pages", "Sitzung pages"),
    ("list_pages", "list pages (Vorlagen, Sitzungen)"),
    ("other_pages", "Gremium and other pages"),
    ("search_shards", "search index: shards"),
    ("search_facets", "search index: facets"),
    ("search_display", "search index: display"),
    ("search_other", "search index: manifest"),
    ("oparl_paper", "OParl: Paper files"),
    ("oparl_meeting", "OParl: Meeting files"),
    ("oparl_organization", "OParl: Organization files"),
    ("oparl_person", "OParl: Person files"),
    ("oparl_body", "OParl: System and Body files"),
    ("oparl_lists", "OParl: lists"),
    ("feeds_vorlage", "feeds: one per Vorlage"),
    ("feeds_other", "feeds: others"),
    ("calendars", "calendars"),
    ("tables", "tables (CSV, JSON, Data Package)"),
    ("attachments", "attachments"),
    ("assets", "assets (CSS, JavaScript, images)"),
    ("other", "other (sitemap, 404 …)"),
)
_LIST_FOLDERS = {"art", "gremium", "jahr", "koerperschaft", "status"}
# OParl's external lists (bodies, and per Body or Gremium organizations, people, meetings, papers), page by page.
_OPARL_LIST = re.compile(r"(bodies|organizations|people|meetings|papers)(-page-\d+)?\.json")


def kind_of(parts: tuple[str, ...], vorlage_pages: set[tuple[str, str]]) -> str:
    """The kind of one file, from its path in the site split at '/'."""
    top, name = parts[0], parts[-1]
    if name.endswith(".html"):
        if top == "vorlagen":
            if len(parts) == 4 and (parts[1], parts[2]) in vorlage_pages:
                return "vorlage_pages"
            if len(parts) == 2 or parts[1] in _LIST_FOLDERS or parts[1].startswith("seite-"):
                return "list_pages"
        if top == "sitzungen":
            return "sitzung_pages" if len(parts) == 5 else "list_pages"
        if top not in {"assets", "anlagen"}:
            return "other_pages"
    if top == "suche-index":
        folder = parts[1] if len(parts) > 2 else ""
        return {"i": "search_shards", "f": "search_facets", "d": "search_display"}.get(folder, "search_other")
    if top == "oparl":
        inner = parts[2:]  # after oparl/v1/
        if _OPARL_LIST.fullmatch(name):
            return "oparl_lists"
        if inner and inner[0] in {"paper", "meeting", "organization", "person"}:
            return "oparl_" + inner[0]
        return "oparl_body"  # system.json, body/<id>.json
    if name.endswith(".atom"):
        return "feeds_vorlage" if top == "vorlagen" and len(parts) == 4 else "feeds_other"
    if name.endswith(".ics"):
        return "calendars"
    if top == "daten":
        return "tables"
    if top == "anlagen":
        return "attachments"
    if top == "assets":
        return "assets"
    return "other"


def bytes_by_kind(site: Path, papers: list[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """{kind: {"bytes": …, "files": …}} for every kind, zero where the site has none."""
    wanted = set(papers)
    found = {key: {"bytes": 0, "files": 0} for key, _ in KINDS}
    for root, _, names in os.walk(site):
        relative = Path(root).relative_to(site).parts
        for name in names:
            kind = kind_of((*relative, name), wanted)
            found[kind]["bytes"] += os.path.getsize(os.path.join(root, name))
            found[kind]["files"] += 1
    return found


def print_bytes(measurements: list) -> None:
    """One table per site build: bytes, files, share and bytes per Vorlage of every kind."""
    for m in measurements:
        if not m.bytes_by_kind:
            continue
        total = sum(v["bytes"] for v in m.bytes_by_kind.values())
        files = sum(v["files"] for v in m.bytes_by_kind.values())
        width = max(len(label) for _, label in KINDS)
        print(f"bytes by kind, N={m.count} {m.kind} (per Vorlage: of N={m.count}):")
        print(f"  {'kind'.ljust(width)}  {'MB':>9}  {'%':>5}  {'files':>8}  {'KB/Vorlage':>10}")
        for key, label in KINDS:
            entry = m.bytes_by_kind[key]
            if not entry["files"]:
                continue
            share = 100 * entry["bytes"] / total if total else 0.0
            print(
                f"  {label.ljust(width)}  {entry['bytes'] / 1e6:9.2f}  {share:5.1f}  {entry['files']:8,}  "
                f"{entry['bytes'] / 1e3 / m.count:10.2f}"
            )
        print(
            f"  {'total'.ljust(width)}  {total / 1e6:9.2f}  {100.0:5.1f}  {files:8,}  {total / 1e3 / m.count:10.2f}"
        )
        print()
