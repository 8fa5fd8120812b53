"""`make site`: the real `mkdocs build --strict`, with German progress and errors.

Exactly what MkDocs' command line does for `mkdocs build --strict` (load the
configuration strictly, start the plugins, build, shut them down), so the output
is the same; only the lines printed differ. The deploy workflow runs `make site`.

    python hooks/site_build.py [--config-file mkdocs.yml] [--site-dir site]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# Material prints an English end-of-life banner when run as `mkdocs`; not from here, but be sure.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import site_engine  # noqa: E402, F401  (first: it decides which engine answers `import mkdocs`)
import site_console  # noqa: E402  (hooks/ is on sys.path when this file runs)
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, ConfigurationError, PluginError  # noqa: E402


def count_pages(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("index.html"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Die Website bauen (wie mkdocs build --strict).")
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", help="Konfiguration (Standard: mkdocs.yml)")
    parser.add_argument("--site-dir", "-d", help="Zielordner (Standard: site_dir aus der Konfiguration)")
    args = parser.parse_args(argv)
    handler = site_console.install()
    started = time.monotonic()
    try:
        config = load_config(config_file=args.config_file, strict=True, site_dir=args.site_dir)
    except (ConfigurationError, Abort) as exc:
        print(f"Die Konfiguration {args.config_file} ist fehlerhaft: {site_console.german(str(exc))}", file=sys.stderr)
        return 1
    print(f"Baue die Website nach {config.site_dir} …", flush=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config, dirty=False)
    except (Abort, PluginError) as exc:
        if not handler.counts["ERROR"]:
            print(site_console.german(str(exc)), file=sys.stderr)
        warnings = handler.counts["WARNING"]
        if warnings and not handler.counts["ERROR"]:
            print(
                f"{warnings} Warnung(en) im strengen Modus – die Website wurde nicht fertig gebaut.", file=sys.stderr
            )
        print("Abgebrochen: die Website wurde nicht gebaut, es wurde nichts veröffentlicht.", file=sys.stderr)
        return 1
    finally:
        config.plugins.on_shutdown()
    seconds = time.monotonic() - started
    print(f"Fertig: {count_pages(Path(config.site_dir))} Seiten in {seconds:.1f} s nach {config.site_dir} gebaut.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
