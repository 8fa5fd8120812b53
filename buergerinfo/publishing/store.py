"""Upload the Anlagen-Ablage to its own target: each object once, nothing ever deleted.

    buergerinfo veroeffentlichen ablage rsync BENUTZER@SERVER:/ORDNER [--ssh …] [--ordner ABLAGE]
    buergerinfo veroeffentlichen ablage s3 REMOTE:BUCKET[/PFAD] [--ordner ABLAGE]

A file of the store is named by the SHA-256 of its content (`<aa>/<hex>.<ext>`), so an object that is
there is the right one: the upload compares names only (`rsync --ignore-existing`, `rclone copy
--ignore-existing`), never checksums, and never deletes (an older Vorlage, or another Körperschaft's,
may still name an object). The folder is the one mkdocs.yml names (`anlagen_ablage.ordner`), which
the command line hands over; temporary files of an import that runs at the same time are left out.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from buergerinfo.publishing import rsync
from buergerinfo.publishing.transfer import Pass, Totals, UploadFailed, run_pass

# Objects never change: a CDN and browsers may keep them for good.
CACHE = "public, max-age=31536000, immutable"
# The kinds of file the check lets into the store, with the type object storage answers with.
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
}
# Hidden files: an import's temporary downloads (".import-….part") and anything else not an object.
HIDDEN = "--filter=- .*"


def rsync_passes(folder: str, target: str, ssh: str | None) -> list[Pass]:
    rsh = ["--rsh", ssh] if ssh else []
    command = [*rsync.BASE, "--ignore-existing", HIDDEN, *rsh, folder.rstrip("/") + "/", target.rstrip("/") + "/"]
    return [Pass("neue Dateien der Anlagen-Ablage", command)]


def s3_passes(folder: Path, target: str) -> list[Pass]:
    """One `rclone copy --ignore-existing` per extension in the store, each with its Content-Type."""
    suffixes = Counter(p.suffix.lower() for p in folder.glob("[0-9a-f][0-9a-f]/*") if not p.name.startswith("."))
    passes = []
    for suffix in sorted(suffixes):
        content_type = CONTENT_TYPES.get(suffix)
        headers = [f"--header-upload=Cache-Control: {CACHE}"]
        if content_type:
            headers.append(f"--header-upload=Content-Type: {content_type}")
        # The names are lower case (model.stored_files.object_name); the filter matches only this extension.
        selection = [HIDDEN, f"--filter=+ /[0-9a-f][0-9a-f]/*{suffix}", "--filter=- **"]
        passes.append(Pass(f"neue Dateien der Anlagen-Ablage ({suffix})",
                           ["rclone", "copy", "--ignore-existing", "--fast-list", "--use-json-log",
                            "--stats-log-level=NOTICE", "--stats=24h", "--stats-one-line=false", *selection,
                            *headers, str(folder), target]))
    return passes


def command_store(args: argparse.Namespace) -> int:
    folder = args.ordner or (args.store_folder(args) if args.store_folder else None)
    if folder is None:
        print("Fehler: mkdocs.yml nennt keine Anlagen-Ablage („extra.buergerinfo.anlagen_ablage“ mit „ordner:“); "
              "bitte dort eintragen oder --ordner angeben.", file=sys.stderr)
        return 1
    folder = Path(folder)
    if not folder.is_dir():
        print(f"Fehler: den Ordner der Anlagen-Ablage {folder} gibt es nicht (nicht eingehängt?) – nichts "
              "hochgeladen.", file=sys.stderr)
        return 1
    print(f"Lade die Anlagen-Ablage {folder} nach {args.ziel} hoch (nur Dateien, die dort fehlen):", flush=True)
    totals = Totals()
    try:
        if args.art == "rsync":
            for step in rsync_passes(str(folder), args.ziel, args.ssh):
                output = run_pass(step)
                totals.add(step.name, rsync._count(rsync.SENT, output), rsync._count(rsync.TRANSFERRED, output))
        else:
            from buergerinfo.publishing.s3 import _stats

            for step in s3_passes(folder, args.ziel):
                stats = _stats(run_pass(step))
                totals.add(step.name, int(stats.get("bytes", 0)), int(stats.get("transfers", 0)))
    except UploadFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    for name, sent, files in totals.per_pass:
        print(f"  {name}: {sent} Bytes gesendet, {files} Dateien")
    print(f"Fertig: {totals.files} Dateien übertragen, keine gelöscht; gesendet: {totals.sent} Bytes.")
    return 0


def add_store_command(targets, store_folder) -> None:
    """`veroeffentlichen ablage rsync|s3 ZIEL`; `store_folder(args)` reads the folder from mkdocs.yml (cli.py)."""
    store = targets.add_parser(
        "ablage",
        help="die Anlagen-Ablage hochladen (jede Datei einmal; nichts wird gelöscht)",
        description="Lädt die Dateien der Anlagen-Ablage hoch, die am Ziel fehlen. Ihre Namen sind die Prüfsummen "
        "ihres Inhalts: eine Datei, die dort ist, ist die richtige, und wird nie wieder gesendet.",
    )
    store.add_argument("art", choices=("rsync", "s3"), help="rsync über SSH oder S3 mit rclone")
    store.add_argument("ziel", metavar="ZIEL", help="BENUTZER@SERVER:/ORDNER oder REMOTE:BUCKET[/PFAD]")
    store.add_argument("--ordner", help="der Ordner der Ablage (Standard: anlagen_ablage.ordner in mkdocs.yml)")
    store.add_argument("--ssh", help="für rsync: SSH-Aufruf, z. B. \"ssh -p 2222 -i ~/.ssh/buergerinfo\"")
    store.set_defaults(handler=command_store, store_folder=store_folder)
