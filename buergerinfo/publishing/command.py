"""`buergerinfo veroeffentlichen …`: check a built site against a host, or upload it to a server or S3.

    buergerinfo veroeffentlichen pruefen --ziel github-pages [--site site]
    buergerinfo veroeffentlichen rsync BENUTZER@SERVER:/var/www/buergerinfo [--ssh "ssh -p 2222"] [--site site]
    buergerinfo veroeffentlichen s3 REMOTE:BUCKET[/PFAD] [--site site]
    buergerinfo veroeffentlichen ablage rsync|s3 ZIEL [--ordner ABLAGE]   (store.py: the Anlagen-Ablage)
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from buergerinfo.publishing import rsync, s3
from buergerinfo.publishing.limits import HOSTS, measure, megabytes, number, report
from buergerinfo.publishing.staging import SiteNotReady, check_site, stage
from buergerinfo.publishing.store import add_store_command
from buergerinfo.publishing.transfer import Totals, UploadFailed


def command_check_host(args: argparse.Namespace) -> int:
    site = Path(args.site)
    try:
        check_site(site)
    except SiteNotReady as exc:
        print(exc, file=sys.stderr)
        return 1
    fits, text = report(site, args.ziel)
    print(text, file=sys.stdout if fits else sys.stderr)
    return 0 if fits else 1


def command_rsync(args: argparse.Namespace) -> int:
    site = Path(args.site)
    staging = Path(args.staging) if args.staging else site.resolve().parent / ".cache" / "veroeffentlichen"
    try:
        check_site(site)
        print(f"Bereite {site} zum Hochladen vor (komprimierte Fassungen, Weiterleitungen) in {staging} …",
              flush=True)
        twins = stage(site, staging)
        print(f"Lade nach {args.ziel} hoch ({len(twins)} komprimierte Fassungen für gzip_static):", flush=True)
        totals = rsync.upload(str(staging), args.ziel, twins, args.ssh)
    except (SiteNotReady, UploadFailed) as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _summary(totals, site)
    return 0


def command_s3(args: argparse.Namespace) -> int:
    site = Path(args.site)
    try:
        check_site(site)
        print(f"Lade {site} nach {args.ziel} hoch:", flush=True)
        totals = s3.upload(str(site), args.ziel)
    except (SiteNotReady, UploadFailed) as exc:
        print(exc, file=sys.stderr)
        return 1
    _summary(totals, site)
    return 0


def _summary(totals: Totals, site: Path) -> None:
    for name, sent, files in totals.per_pass:
        print(f"  {name}: {number(sent)} Bytes gesendet" + (f", {number(files)} Dateien" if files else ""))
    size = measure(site)
    share = totals.sent / size.bytes * 100 if size.bytes else 0.0
    print(
        f"Fertig: {number(totals.files)} Dateien übertragen, {number(totals.deleted)} gelöscht; "
        f"gesendet: {totals.sent} Bytes ({share:.2f} % der Website mit {megabytes(size.bytes)})."
    )


def add_publish_command(commands, store_folder=None) -> None:
    publish = commands.add_parser(
        "veroeffentlichen",
        help="die gebaute Website prüfen oder hochladen (eigener Server über rsync, S3-Objektspeicher)",
        description="Prüft die gebaute Website (site/) vor dem Veröffentlichen und lädt sie hoch: erst neue "
        "Dateien, dann geänderte (Seiten zuletzt), dann Löschungen; nur was sich geändert hat, geht über die "
        "Leitung.",
    )
    targets = publish.add_subparsers(dest="ziel_art", required=True, metavar="ZIEL", title="Ziele")

    check = targets.add_parser("pruefen", help="passt die Website zu GitHub Pages oder GitLab Pages?")
    check.add_argument("--ziel", required=True, choices=sorted(HOSTS), help="der Anbieter")
    check.set_defaults(handler=command_check_host)

    server = targets.add_parser(
        "rsync", help="auf den eigenen Webserver (rsync über SSH; nginx-Konfiguration in deploy/nginx/)"
    )
    server.add_argument("ziel", metavar="BENUTZER@SERVER:/ORDNER",
                        help="z. B. web@server.example.de:/var/www/buergerinfo")
    server.add_argument("--ssh", help="SSH-Aufruf, z. B. \"ssh -p 2222 -i ~/.ssh/buergerinfo\" (Standard: ssh)")
    server.add_argument("--staging", help="Arbeitsordner für die Vorbereitung (Standard: .cache/veroeffentlichen/)")
    server.set_defaults(handler=command_rsync)

    bucket = targets.add_parser("s3", help="in einen S3-kompatiblen Objektspeicher (rclone)")
    bucket.add_argument("ziel", metavar="REMOTE:BUCKET", help="ein rclone-Ziel, z. B. buergerinfo:mein-bucket")
    bucket.set_defaults(handler=command_s3)

    add_store_command(targets, store_folder)

    for parser in (check, server, bucket):
        parser.add_argument("--site", default="site", help="der Ordner der gebauten Website (Standard: site)")
