"""Upload order and accounting shared by the rsync and the S3 upload.

Order, so that the site stays whole while an upload runs: first every new file (nothing links to
it yet, or only the changed pages that follow), then changed files other than pages (assets, feeds,
search, open data), then changed pages, last the deletions (nothing links to a deleted file any more).
Changed means a different checksum: a rebuilt but identical file is never sent.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field

PAGES = ("*.html", "*.html.gz")


class UploadFailed(Exception):
    """A pass of the upload failed; the message is German and names the pass."""


@dataclass
class Pass:
    name: str  # German, for the progress line
    command: list[str]
    env: dict[str, str] | None = None


@dataclass
class Totals:
    sent: int = 0
    files: int = 0
    deleted: int = 0
    per_pass: list[tuple[str, int, int]] = field(default_factory=list)

    def add(self, name: str, sent: int, files: int, deleted: int = 0) -> None:
        self.sent += sent
        self.files += files
        self.deleted += deleted
        self.per_pass.append((name, sent, files))


def run_pass(step: Pass, timeout: float | None = None, ok: tuple[int, ...] = (0,)) -> str:
    """Run one pass; its output for the caller's accounting. A failure raises UploadFailed in German."""
    print(f"  {step.name} …", flush=True)
    try:
        result = subprocess.run(step.command, capture_output=True, encoding="utf-8", errors="surrogateescape",
                                env=step.env, timeout=timeout)
    except FileNotFoundError:
        program = step.command[0]
        raise UploadFailed(f"Fehler: {program} ist nicht installiert (apt-get install {program}).") from None
    except subprocess.TimeoutExpired:
        raise UploadFailed(f"Fehler: „{step.name}“ hat nach {timeout:.0f} s nicht geendet; abgebrochen.") from None
    if result.returncode not in ok:
        print(result.stderr, file=sys.stderr, end="")
        raise UploadFailed(
            f"Fehler: „{step.name}“ ist fehlgeschlagen ({step.command[0]}, Rückgabewert {result.returncode}; "
            "Meldung oben, englisch). Was schon hochgeladen war, bleibt gültig; der nächste Aufruf macht weiter."
        )
    return result.stdout + result.stderr
