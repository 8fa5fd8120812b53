"""`make serve`: a preview that renders each page when it is asked for, from data kept in memory.

`mkdocs serve` rebuilds the whole site after every change: over a minute for 10,000
Vorlagen, during which pages are missing, and with broken data the browser's request
hangs while the message goes to the terminal. This preview instead

* loads the configuration, the theme and the archive once and keeps the core's
  objects (Archive, Views, SitePlan) in memory;
* renders a page only when the browser asks for it, through MkDocs' own page
  machinery (`_populate_page`, `_build_page`) with the same hooks, templates and
  stencils as `make site`, so it looks exactly like the published site;
* watches data/, overrides/, docs/, hooks/ and mkdocs.yml. An edited Vorlage is
  re-read and re-checked on its own, plus the checks across files
  (buergerinfo.checking.source.ArchiveSource); the derived views and the page list are
  recomputed off the request path and swapped in at once. Any other data file
  reloads the archive; a template change drops the cached page frames; a change to
  hooks/, mkdocs.yml or the set of docs/ files restarts the preview process;
* answers every HTML request at once: with the page, with a German page that lists
  the data errors (file:line:column, escaped), or with a short "wird vorbereitet"
  page. Each of them polls /__vorschau/status and reloads itself when the data has
  changed, so an open page follows every edit, and an error page turns back into the
  page once the file is fixed;
* rebuilds the search index in the background after a change; until it is done the
  search answers from the previous index (the guide says so).

    python hooks/site_preview.py [--port 8000] [--config-file mkdocs.yml]
"""

from __future__ import annotations

import argparse
import http.server
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

HOOKS = Path(__file__).resolve().parent
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))

import site_engine  # noqa: E402, F401  (first: it decides which engine answers `import mkdocs`)
import site_console  # noqa: E402

from site_preview_state import Preview  # noqa: E402
from site_preview_watch import watch  # noqa: E402




# --- the server ---------------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    preview: Preview
    server_version = "Buergerinfo-Vorschau"

    def do_GET(self) -> None:  # noqa: N802 - name fixed by the base class
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        status, kind, body = self.preview.respond(self.path)
        self.send_response(status)
        if status == 301:
            self.send_header("Location", body.decode())
            body = b""
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def log_message(self, format, *args):  # noqa: A002 - quiet: editors read the terminal
        pass


_TERMINAL_OWNER = "BUERGERINFO_VORSCHAU_TERMINAL"  # the process group to give the terminal back to, across restarts


def take_terminal() -> tuple[int, int] | None:
    """Make this process the terminal's foreground process group, so Ctrl+C reaches only the preview.

    Under `make serve`, make would get the Ctrl+C as well and add an English line of its own
    ("make: *** [serve] Interrupt"). Shells hand the terminal to a job the same way.
    """
    if not sys.stdin.isatty():
        return None
    descriptor = sys.stdin.fileno()
    try:
        previous = int(os.environ.get(_TERMINAL_OWNER) or os.tcgetpgrp(descriptor))
        if os.getpgrp() != os.getpid():
            os.setpgid(0, 0)
        _set_foreground(descriptor, os.getpgrp())
    except OSError:
        return None
    os.environ[_TERMINAL_OWNER] = str(previous)
    return descriptor, previous


def give_terminal_back(owner: tuple[int, int] | None) -> None:
    if owner is not None:
        try:
            _set_foreground(*owner)
        except OSError:
            pass


def _set_foreground(descriptor: int, group: int) -> None:
    previous = signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # a background group may not change it otherwise
    try:
        os.tcsetpgrp(descriptor, group)
    finally:
        signal.signal(signal.SIGTTOU, previous)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vorschau der Website mit sofortiger Aktualisierung")
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", help="Konfiguration (Standard: mkdocs.yml)")
    parser.add_argument("--host", default="127.0.0.1", help="Adresse (Standard: 127.0.0.1, nur dieser Rechner)")
    parser.add_argument("--port", "-p", type=int, default=8000, help="Port (Standard: 8000)")
    args = parser.parse_args(argv)
    site_console.install()
    config_file = str(Path(args.config_file).resolve())
    root = Path(config_file).parent
    preview = Preview(config_file)
    handler = type("Handler", (_Handler,), {"preview": preview})
    try:
        server = _Server((args.host, args.port), handler)
    except OSError as exc:
        print(f"Fehler: Port {args.port} ist nicht frei ({exc.strerror}); läuft die Vorschau schon? "
              "Ein anderer Port: python hooks/site_preview.py --port 8001", file=sys.stderr)
        return 1
    address = f"http://{args.host}:{server.server_address[1]}/"
    print(f"Vorschau: {address} – Änderungen erscheinen von selbst; beenden mit Strg+C.", flush=True)
    stop = threading.Event()
    terminal = take_terminal()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=watch, args=(preview, root, stop), daemon=True).start()
    # Ended by a closed terminal or `kill` as by Strg+C: the preview's folder (with the exports of a big
    # archive hundreds of MB) is removed and a running export child ended.
    for ending in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(ending, _interrupt)
    try:
        preview.start()
        while not preview.restart_requested.wait(0.5):
            pass
        print("Konfiguration oder Hooks geändert: die Vorschau startet neu …", flush=True)
    except KeyboardInterrupt:
        print("\nVorschau beendet.", flush=True)
        give_terminal_back(terminal)
        return 0
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        preview.close()
    os.execv(sys.executable, [sys.executable, str(Path(__file__).resolve()), *(argv if argv is not None else sys.argv[1:])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
