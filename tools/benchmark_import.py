"""The OParl import's share of the benchmark: the built site's own OParl export, imported back.

The site the benchmark has just built carries an OParl interface (oparl/v1/). A server on
127.0.0.1 serves it, its public address (SITE_URL) rewritten to the server's own, the way
a council system's endpoint would answer; `buergerinfo import-oparl` then walks it into an
empty project, one Körperschaft after another, and `buergerinfo check` reads the result.

Measured: wall and CPU time of all import runs together, the peak memory of the largest
import process, and for comparison the peak memory of the check over the imported data.
The import streams page by page; its memory should stay below what the check needs to hold
the whole archive, at every size.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

OPARL_SYSTEM = "oparl/v1/system.json"


class _ExportHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; in JSON files the public address becomes this server's address."""

    public: str
    local: str

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass

    def do_GET(self):  # noqa: N802 - name fixed by the base class
        path = Path(self.translate_path(self.path))
        if path.suffix != ".json" or not path.is_file():
            return super().do_GET()
        body = path.read_bytes().replace(self.public.encode(), self.local.encode())
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def measure_import(
    site_project: Path, target: Path, public_url: str, env: dict[str, str], run_measured: Callable[..., Any]
) -> dict[str, Any]:
    """Import every Körperschaft of the built site's OParl export into `target`; figures as a dict.

    `run_measured` is the benchmark's own runner (wall, CPU, peak memory of a process and its children).
    """
    site = site_project / "site"
    if not (site / OPARL_SYSTEM).is_file():
        raise SystemExit(f"{site / OPARL_SYSTEM} missing: the site was built without its OParl export (SITE_URL?)")
    handler_class = type("Handler", (_ExportHandler,), {"public": public_url})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(site)))
    handler_class.local = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    bodies = sorted(p.stem for p in (site_project / "data" / "koerperschaften").glob("*.yml"))
    target.mkdir(parents=True, exist_ok=True)
    wall = cpu = 0.0
    peak = 0
    try:
        for body in bodies:
            command = [sys.executable, "-m", "buergerinfo", "--root", str(target), "import-oparl",
                       handler_class.local + OPARL_SYSTEM, "--koerperschaft", body, "--rate", "0", "--ohne-pruefung"]
            log = target.parent / f"import-{body}.log"
            run = run_measured(command, target, env, log)
            if run.returncode != 0:
                tail = log.read_text(errors="replace")[-3000:]
                raise SystemExit(f"import of {body} failed (exit {run.returncode}), log {log}:\n{tail}")
            wall += run.wall_s
            cpu += run.cpu_s
            peak = max(peak, run.rss_largest_bytes)
    finally:
        server.shutdown()
        server.server_close()
    check_log = target.parent / "import-check.log"
    check = run_measured([sys.executable, "-m", "buergerinfo", "--root", str(target), "check"], target, env, check_log)
    if check.returncode != 0:
        raise SystemExit(f"check of the imported data failed, log {check_log}:\n{check_log.read_text()[-3000:]}")
    papers = sum(1 for _ in (target / "data" / "vorlagen").rglob("*.yml"))
    return {
        "import_papers": papers,
        "import_wall_s": wall,
        "import_cpu_s": cpu,
        "import_rss_mb": peak / 1e6,
        "import_check_rss_mb": check.rss_largest_bytes / 1e6,
        "import_check_s": check.wall_s,
    }

