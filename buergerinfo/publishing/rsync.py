"""Upload to a web server of one's own with rsync over SSH, in the order of `transfer`.

One comparison, then the transfers: a dry run with `--checksum --itemize-changes --delete` lists what
is new, changed and gone on the server (a rebuilt but identical file has the same checksum and is not
listed); then rsync passes in the order of `transfer`, each with `--files-from` (the file list that goes
over the wire holds only that group) and rsync's delta transfer for a changed file. The site's file list
costs about 40 bytes a file or folder, and after a small edit on a small site it is most of what an upload
sends; so it is sent
once, and without the `.gz` twins of the staging copy: a twin is a function of its file and always goes
up just before it (and is deleted just before it), so it is current whenever its file is, even after an
interrupted upload.

`--stats` of each run gives the bytes sent (rsync's own; SSH adds its handshake per run).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from buergerinfo.publishing.staging import TEXT_SUFFIXES
from buergerinfo.publishing.transfer import Pass, Totals, UploadFailed, run_pass

# -r recursive, -t times (an unchanged file keeps its time on the server), -z compress on the wire.
BASE = ["rsync", "--recursive", "--times", "--compress", "--chmod=D755,F644", "--stats"]
SENT = re.compile(r"^Total bytes sent: ([\d,.]+)", re.MULTILINE)
TRANSFERRED = re.compile(r"^Number of regular files transferred: ([\d,.]+)", re.MULTILINE)
# --itemize-changes: ">f+++++++++ path" new, ">fc…" changed, ".f..t…" only a new time, "*deleting   path" gone.
ITEM = re.compile(r"^(?P<code>\*deleting|[<>ch.][fdLDS][^ ]*) +(?P<path>.+)$")
TEXT_SUFFIXES_TUPLE = tuple(TEXT_SUFFIXES)
GROUPS = (  # key, German name; in upload order
    ("new", "neue Dateien"),
    ("changed", "geänderte Dateien außer Seiten"),
    ("pages", "geänderte Seiten"),
    ("deleted", "gelöschte Dateien"),
)


def twin_filters(staging: Path, twins: set[str]) -> list[str]:
    """rsync filters that leave the twins out of the comparison, in a few patterns.

    The receiver gets the filters too (they protect the twins from --delete), so they are patterns by
    suffix, not a list of every twin; the build's own `.gz` files with such a suffix (`sitemap.xml.gz`, the
    tables in `daten/`) are named one by one before them and stay in the comparison.
    """
    published = sorted(
        path.relative_to(staging).as_posix()
        for path in staging.rglob("*.gz")
        if path.relative_to(staging).as_posix() not in twins and Path(path.stem).suffix in TEXT_SUFFIXES
    )
    return [*(f"--filter=+ /{path}" for path in published),
            *(f"--filter=- *{suffix}.gz" for suffix in sorted(TEXT_SUFFIXES))]


# The comparison compares contents only (no times or modes: fewer bytes a file in its file list), by a
# 64-bit checksum (8 bytes a file less than rsync's default xxh128; rsync 3.2 or later on the server,
# else the comparison runs again with the default).
# --8-bit-output: names as they are (an Anlage may have an umlaut), never escaped, so they go back as --files-from.
COMPARE = ["rsync", "--recursive", "--checksum", "--delete", "--dry-run", "--itemize-changes", "--8-bit-output",
           "--stats"]
FAST_CHECKSUM = "--checksum-choice=xxh64"


def compare(source: str, target: str, ssh: list[str], filters: list[str]) -> tuple[str, dict[str, list[str]]]:
    """The dry run: its output, and the paths (twins left out) by group."""
    command = [*COMPARE, *ssh, *filters, source, target]
    try:
        output = run_pass(Pass("vergleichen (Prüfsummen)", [*command[:1], FAST_CHECKSUM, *command[1:]]))
    except UploadFailed:
        output = run_pass(Pass("vergleichen (Prüfsummen, ohne xxh64)", command))
    groups: dict[str, list[str]] = {key: [] for key, _ in GROUPS}
    for line in output.splitlines():
        match = ITEM.match(line)
        if not match:
            continue
        code, path = match["code"], match["path"]
        if code == "*deleting":
            groups["deleted"].append(path.rstrip("/"))  # a folder as a name: "alt/" would mean its contents
        elif code[1] != "f" or code[0] not in "<>":
            continue  # directories come with their files (--files-from implies --relative); "." is a new time only
        elif "+++++++" in code:
            groups["new"].append(path)
        elif path.endswith(".html"):
            groups["pages"].append(path)
        else:
            groups["changed"].append(path)
    return output, groups


def upload(staging: str, target: str, twins: list[str], ssh: str | None = None, timeout: float | None = None) -> Totals:
    source = staging.rstrip("/") + "/"
    target = target.rstrip("/") + "/"
    rsh = ["--rsh", ssh] if ssh else []
    base = BASE + rsh
    twin_set = set(twins)
    totals = Totals()
    with tempfile.TemporaryDirectory(prefix="buergerinfo-rsync-") as work:
        output, groups = compare(source, target, rsh, twin_filters(Path(staging), twin_set))
        totals.add("vergleichen", _count(SENT, output), 0)
        for key, name in GROUPS:
            paths = groups[key]
            if key == "deleted":
                # With each file its twin, and the folders that only twins kept from the comparison; deepest
                # first, so a folder is empty when its turn comes; a twin ("x.html.gz") sorts after its file,
                # so it goes first.
                doomed = set(paths) | {f"{path}.gz" for path in paths if path.endswith(TEXT_SUFFIXES_TUPLE)}
                doomed |= {parent.as_posix() for path in paths for parent in Path(path).parents
                           if parent.name and not (Path(staging) / parent).exists()}
                batches = [(name, sorted(doomed, reverse=True), ["--delete-missing-args", "--force"])]
            else:
                # The twins first: a file on the server is never newer than its twin.
                with_twin = [f"{path}.gz" for path in paths if f"{path}.gz" in twin_set]
                batches = [(f"{name}: komprimierte Fassungen", with_twin, ["--ignore-times"]),
                           (name, paths, ["--ignore-times"])]
            for label, batch, options in batches:
                if not batch:
                    continue
                listing = Path(work, "files.txt")
                listing.write_text("".join(f"{path}\n" for path in batch), encoding="utf-8", errors="surrogateescape")
                # rsync calls each deleted name a vanished file (24) as it deletes it on the server.
                output = run_pass(Pass(label, [*base, *options, f"--files-from={listing}", source, target]), timeout,
                                  ok=(0, 24) if key == "deleted" else (0,))
                totals.add(label, _count(SENT, output), _count(TRANSFERRED, output),
                           len(batch) if key == "deleted" else 0)
    return totals


def _count(pattern: re.Pattern, output: str) -> int:
    match = pattern.search(output)
    return int(re.sub(r"[,.]", "", match.group(1))) if match else 0
