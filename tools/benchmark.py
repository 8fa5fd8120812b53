#!/usr/bin/env python3
"""Build benchmark: the real site over N synthetic Vorlagen against a plain-MkDocs floor.

For every N in --counts:

* site:  synthetic data (tools/synthetic) plus this repository's mkdocs.yml, docs/,
         hooks/ and overrides/, built with `python -m mkdocs build --strict`;
* floor: plain MkDocs with the same theme section, no hooks, no plugins, only the start
         page in the nav, over one Markdown page per Vorlage with the same text
         (Betreff, Beschlussvorschlag, Sachverhalt).

Both builds are measured the same way: wall time, CPU time and peak memory of the build
process and everything it starts. The search payload is what a visitor downloads for a
first query: Material's search_index.json if the site has one, else (the site's own
sharded index in suche-index/) every response after a query is typed on the start page in
Debian's Chromium, counted by the local server that serves the site.

Figures are printed, never judged: the machine may be shared and noisy.

    .venv/bin/python tools/benchmark.py --counts 1000,10000
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import benchmark_anlagen  # noqa: E402
from benchmark_bytes import bytes_by_kind, print_bytes  # noqa: E402
from benchmark_import import measure_import  # noqa: E402

from synthetic import DEFAULT_TODAY, generate  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
SITE_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides")
SITE_URL = "https://buergerinfo.test/"
DEFAULT_QUERY = "Kindertagesstätte"
INDEX_DIR = "suche-index"
# The search page's scripts, as glob patterns: the stemmer and the ES modules of the search (a query loads them all).
SEARCH_SCRIPTS = ("assets/javascripts/suche/*.js", "assets/javascripts/stemmer-de.js")
PAGE_SAMPLE = 101  # Vorlage pages whose HTML size gives the median
TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics", "/")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

# The rows of the printed table, in order: (key in Measurement, label). Tests look for these labels.
ROWS = (
    ("papers", "Vorlage pages"),
    ("generate_s", "generate data [s]"),
    ("wall_s", "build wall time [s]"),
    ("rebuild_s", "  after one edited Vorlage [s]"),
    ("cpu_s", "build CPU user+sys [s]"),
    ("rss_largest_mb", "peak RSS, largest process [MB]"),
    ("rss_largest_name", "  largest process (sampled)"),
    ("rss_total_mb", "peak RSS, all processes [MB]"),
    ("pages", "pages (HTML files)"),
    ("output_mb", "output size [MB]"),
    ("output_files", "output files"),
    ("output_kb_per_paper", "output per Vorlage [KB]"),
    ("paper_html_kb", "Vorlage page HTML, median [KB]"),
    ("search_kind", "search"),
    ("search_kb", "search payload, first query [KB]"),
    ("search_gzip_kb", "search payload, gzip est. [KB]"),
    ("search_index_kb", "  of which index data [KB]"),
    ("search_requests", "  requests after typing"),
    ("preview_ready_s", "preview: ready to serve [s]"),
    ("preview_edit_s", "preview: edit → page shows it [s]"),
    ("preview_edit_max_s", "  slowest of the edits [s]"),
    ("exports_s", "open-data exports [s]"),
    ("exports_mode", "  run"),
    ("exports_waited_s", "  build waited for them [s]"),
    ("exports_share", "  share of build wall time [%]"),
    ("exports_files", "  export files"),
    ("exports_mb", "  export size [MB]"),
    ("exports_detail", "  by format [s]"),
    ("import_papers", "OParl import: Vorlagen imported"),
    ("import_wall_s", "OParl import wall time [s]"),
    ("import_cpu_s", "OParl import CPU user+sys [s]"),
    ("import_rss_mb", "OParl import peak RSS [MB]"),
    ("import_check_rss_mb", "  check of imported data, peak RSS [MB]"),
)
# hooks/site_exports.py logs one line per build: "Bürgerinfo-Exporte: N Dateien, X MB in S s (OParl 1.2 s, …);
# parallel zum Seitenbau, der Seitenbau wartete W s". The share is W (the time the build spent on them) of the wall.
EXPORTS_LINE = re.compile(
    r"Bürgerinfo-Exporte: (\d+) Dateien, ([\d.]+) MB in ([\d.]+) s \(([^)]*)\); ([^,]+), der Seitenbau wartete ([\d.]+) s"
)
PREVIEW_EDITS = 5


@dataclass
class Measurement:
    kind: str  # "site" or "floor"
    count: int
    papers: int = 0
    generate_s: float | None = None
    wall_s: float = 0.0
    cpu_s: float = 0.0
    rss_largest_mb: float = 0.0
    rss_total_mb: float = 0.0
    rss_largest_name: str = ""
    rss_by_process_mb: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    output_mb: float = 0.0
    output_files: int = 0
    output_kb_per_paper: float = 0.0  # output size / N, all Vorlagen of the archive (the hosts' limits are per site)
    bytes_by_kind: dict[str, dict[str, int]] = field(default_factory=dict)  # tools/benchmark_bytes.py
    paper_html_kb: float = 0.0
    search_kind: str = "none"
    search_kb: float | None = None
    search_gzip_kb: float | None = None
    search_index_kb: float | None = None
    search_requests: int | None = None
    search_note: str = ""
    search_files: dict[str, int] = field(default_factory=dict)
    preview_ready_s: float | None = None
    preview_edit_s: float | None = None  # median over PREVIEW_EDITS edits of one Vorlage
    preview_edit_max_s: float | None = None
    exports_s: float | None = None
    exports_mode: str = ""
    exports_waited_s: float | None = None
    exports_share: float | None = None
    exports_files: int | None = None
    exports_mb: float | None = None
    exports_detail: str = ""
    import_papers: int | None = None
    import_wall_s: float | None = None
    import_cpu_s: float | None = None
    import_rss_mb: float | None = None
    import_check_rss_mb: float | None = None
    import_check_s: float | None = None
    anlagen: dict[str, Any] = field(default_factory=dict)  # --anlagen: see tools/benchmark_anlagen.py
    # The build again after one Vorlage's Sachverhalt changed: what a push of a typo fix costs. There is no
    # incremental build yet (tracker #18), so today this is a full build; the row shows when that changes.
    rebuild_s: float | None = None
    returncode: int = 0
    log: str = ""


# --- running a build and measuring it ---------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
    except OSError:
        pass
    return found


def _tree_rss(root: int) -> dict[tuple[int, str], int]:
    """Resident bytes of a process and each of its descendants, by (pid, name), from /proc."""
    found, pending = {}, [root]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                rss = int(handle.read().split()[1]) * PAGE_SIZE
            with open(f"/proc/{pid}/comm") as handle:
                name = handle.read().strip()
        except (OSError, IndexError, ValueError):
            continue
        found[(pid, name)] = rss
        pending.extend(_children(pid))
    return found


@dataclass
class RunResult:
    returncode: int
    wall_s: float
    cpu_s: float
    rss_largest_bytes: int
    rss_total_bytes: int
    rss_by_process: dict[str, int]  # sampled peak per process name


def run_measured(command: list[str], cwd: Path, env: dict[str, str], log_path: Path) -> RunResult:
    """Run a command; wall time, CPU time and peak RSS of it and its descendants.

    The largest single process comes from wait4's rusage (the kernel's high-water mark of the
    process and its waited-for children); the sum over all processes is sampled from /proc.
    """
    peak = 0
    by_process: dict[str, int] = {}
    done = threading.Event()
    with open(log_path, "w") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                sample = _tree_rss(process.pid)
                peak = max(peak, sum(sample.values()))
                for (_, name), rss in sample.items():
                    by_process[name] = max(by_process.get(name, 0), rss)
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return RunResult(
        process.returncode,
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss * 1024,
        max(peak, usage.ru_maxrss * 1024),
        by_process,
    )


def build_env() -> dict[str, str]:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "BUERGERINFO_TODAY": DEFAULT_TODAY.isoformat(),
        "SITE_URL": SITE_URL,
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def mkdocs_build(project: Path, repeat: int, *, keep_cache: bool = False, site_name: str = "site",
                 extra_env: dict[str, str] | None = None) -> tuple[RunResult, Path]:
    site = project / site_name
    log = project / ("build.log" if site_name == "site" else f"build-{site_name}.log")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    best: RunResult | None = None
    for _ in range(repeat):
        if not keep_cache:
            benchmark_anlagen.clear_cache(project)  # each measured build reads its Anlagen anew
        result = run_measured(command, project, {**build_env(), **(extra_env or {})}, log)
        if result.returncode != 0:
            return result, log
        if best is None or result.wall_s < best.wall_s:
            best = RunResult(
                0,
                result.wall_s,
                result.cpu_s,
                max(result.rss_largest_bytes, best.rss_largest_bytes if best else 0),
                max(result.rss_total_bytes, best.rss_total_bytes if best else 0),
                result.rss_by_process,
            )
            best_log = log.read_text(errors="replace")  # the figures printed from the log belong to this run
    assert best is not None
    log.write_text(best_log)
    return best, log


# --- the two projects ---------------------------------------------------------------------------


def copy_site_sources(target: Path, parts: tuple[str, ...] = SITE_PARTS) -> Path:
    """A copy of this repository's site sources (without data/ unless asked); tests use it too."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; `!ENV [NAME, default]` becomes the default."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if len(values) > 1 else None
    return None


_ConfigLoader.add_constructor("!ENV", _env_tag)


def _papers(project: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(body id, file stem, data) of every Vorlage, the nicht öffentliche ones (in their own folder) too."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found = []
    for folder in (project / "data" / "vorlagen", project / "nicht-oeffentlich" / "vorlagen"):
        # also in year folders: data/vorlagen/<körperschaft>/<jahr>/
        found += [(path.relative_to(folder).parts[0], path) for path in folder.rglob("*.yml")] if folder.is_dir() else []
    for body_id, path in sorted(found, key=lambda item: (item[0], item[1].name)):
        yield body_id, path.stem, yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def make_floor(site_project: Path, floor_project: Path) -> list[tuple[str, str, bool]]:
    """Plain MkDocs, same theme section, one page per Vorlage with the same text.

    Every Vorlage gets a page, also the few nicht öffentliche ones the site leaves out:
    the floor is N pages, which if anything flatters the site. Returns (body id, file
    stem, public) of every Vorlage.
    """
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    floor_config = {
        "site_name": "Floor",
        "site_url": SITE_URL,
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": config.get("use_directory_urls", True),
        "theme": config["theme"],
        "extra_css": config.get("extra_css", []),
        "markdown_extensions": config.get("markdown_extensions", []),
        "extra": {"generator": False},
        "plugins": [],
        "nav": [{"Start": "index.md"}],
        "not_in_nav": "/vorlagen/*\n",
    }
    floor_project.mkdir(parents=True, exist_ok=True)
    (floor_project / "mkdocs.yml").write_text(
        yaml.safe_dump(floor_config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    custom_dir = config["theme"].get("custom_dir")
    if custom_dir:
        shutil.copytree(REPO / custom_dir, floor_project / custom_dir, ignore=shutil.ignore_patterns("__pycache__"))
    docs = floor_project / "docs"
    docs.mkdir()
    shutil.copy2(REPO / "docs" / "index.md", docs / "index.md")
    papers = []
    for body_id, stem, data in _papers(site_project):
        papers.append((body_id, stem, data.get("oeffentlich", True)))
        target = docs / "vorlagen" / body_id
        target.mkdir(parents=True, exist_ok=True)
        parts = [f"# {data['betreff']}"]
        if data.get("beschlussvorschlag"):
            parts.append("## Beschlussvorschlag\n\n" + data["beschlussvorschlag"].strip())
        if data.get("sachverhalt"):
            parts.append("## Sachverhalt\n\n" + data["sachverhalt"].strip())
        (target / f"{stem}.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return papers


# --- what the build wrote -------------------------------------------------------------------------


def output_facts(site: Path, papers: list[tuple[str, str]], count: int) -> dict[str, Any]:
    total = files = pages = 0
    for root, _, names in os.walk(site):
        for name in names:
            files += 1
            total += os.path.getsize(os.path.join(root, name))
            if name.endswith(".html"):
                pages += 1
    sizes = []
    if papers:
        step = max(1, len(papers) // PAGE_SAMPLE)
        for body_id, stem in papers[::step][:PAGE_SAMPLE]:
            page = site / "vorlagen" / body_id / stem / "index.html"
            if page.is_file():
                sizes.append(page.stat().st_size)
    return {
        "pages": pages,
        "output_files": files,
        "output_mb": total / 1e6,
        "output_kb_per_paper": total / 1e3 / count,
        "bytes_by_kind": bytes_by_kind(site, papers),
        "paper_html_kb": statistics.median(sizes) / 1e3 if sizes else 0.0,
    }


def exports_facts(build_log: str, wall_s: float) -> dict[str, Any]:
    """The export step's own time, measured inside the build (the floor has none)."""
    match = EXPORTS_LINE.search(build_log)
    if match is None:
        return {}
    waited = float(match.group(6))
    return {
        "exports_files": int(match.group(1)),
        "exports_mb": float(match.group(2)),
        "exports_s": float(match.group(3)),
        "exports_mode": "in parallel" if match.group(5).startswith("parallel") else "in the build process",
        "exports_waited_s": waited,
        "exports_share": 100 * waited / wall_s if wall_s else None,
        "exports_detail": match.group(4).replace(" s", ""),
    }


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def search_payload(site: Path, query: str, use_browser: bool) -> dict[str, Any]:
    """What a visitor downloads for the first search, for whichever search the site has."""
    material = site / "search" / "search_index.json"
    if material.is_file():
        raw = material.read_bytes()
        return {
            "search_kind": "Material search_index.json",
            "search_kb": len(raw) / 1e3,
            "search_gzip_kb": _gzip_size(raw) / 1e3,
            "search_index_kb": len(raw) / 1e3,
            "search_requests": 1,
            "search_note": "loaded whole by every visitor who opens the search",
        }
    index = site / INDEX_DIR
    if index.is_dir():
        if use_browser:
            return _index_in_browser(site, query)
        return _index_fixed_part(site)
    return {"search_kind": "none"}


def _index_fixed_part(site: Path) -> dict[str, Any]:
    """Without a browser: only the files every query needs (manifest and the scripts)."""
    names = [f"{INDEX_DIR}/manifest.json"]
    for pattern in SEARCH_SCRIPTS:
        names += sorted(path.relative_to(site).as_posix() for path in site.glob(pattern))
    files = {name: (site / name).stat().st_size for name in names if (site / name).is_file()}
    raw = sum(files.values())
    gz = sum(_gzip_size((site / name).read_bytes()) for name in files)
    return {
        "search_kind": "suche-index (fixed part only)",
        "search_kb": raw / 1e3,
        "search_gzip_kb": gz / 1e3,
        "search_index_kb": sum(size for name, size in files.items() if name.startswith(INDEX_DIR)) / 1e3,
        "search_requests": len(files),
        "search_note": "no browser: index shards, facet blocks and display files of the query not included",
        "search_files": files,
    }


@dataclass
class Served:
    path: str
    status: int
    body_bytes: int
    gzip_bytes: int  # what a server compressing text types would send


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site quietly and records every response body it sends, as the visitor receives it."""

    served: list[Served]  # set on a subclass per server

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        path = self.path.split("?")[0]
        gz = _gzip_size(data) if path.endswith(TEXT_SUFFIXES) else len(data)
        self.served.append(Served(path, self._status, len(data), gz))

    def send_head(self):
        result = super().send_head()
        if result is None:  # 304 Not Modified, 404 …: no file body
            self.served.append(Served(self.path.split("?")[0], getattr(self, "_status", 0), 0, 0))
        return result


def _index_in_browser(site: Path, query: str) -> dict[str, Any]:
    """Serve the site on 127.0.0.1, type a query on the start page, add up every response after that.

    Counted on the server side, including the search page itself; 304 answers (the theme's
    CSS and JS are already in the browser's cache) count as 0 bytes.
    """
    from playwright.sync_api import sync_playwright

    served: list[Served] = []
    handler_class = type("Handler", (_CountingHandler,), {"served": served})
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            try:
                context = browser.new_context(locale="de-DE")
                page = context.new_page()
                page.goto(base, wait_until="networkidle")
                mark = len(served)
                if page.locator("#bi-start-search").count():
                    page.fill("#bi-start-search", query)
                    page.press("#bi-start-search", "Enter")
                else:  # no search box on the start page: the search page with the query
                    page.goto(base + "suche/?q=" + query)
                page.wait_for_selector('[data-bi-suche][data-state="done"]', timeout=60_000)
                page.wait_for_load_state("networkidle")
                results = page.locator(".bi-suche__result").count()
                status = page.locator(".bi-suche__status").inner_text()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    after = served[mark:]
    files: dict[str, int] = {}
    for item in after:
        name = item.path + ("" if item.status == 200 else f" ({item.status})")
        files[name] = files.get(name, 0) + item.body_bytes
    index = sum(i.body_bytes for i in after if f"/{INDEX_DIR}/" in i.path)
    return {
        "search_kind": "suche-index (Chromium)",
        "search_kb": sum(i.body_bytes for i in after) / 1e3,
        "search_gzip_kb": sum(i.gzip_bytes for i in after) / 1e3,
        "search_index_kb": index / 1e3,
        "search_requests": len(after),
        "search_note": f"query {query!r}, {results} results shown ({status}); bytes counted by the server "
        "(uncompressed; gzip est. compresses text types only)",
        "search_files": files,
    }


# --- the preview behind `make serve` --------------------------------------------------------------


def _get(url: str, timeout: float = 30) -> tuple[int, str]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def preview_latency(project: Path, edits: int = PREVIEW_EDITS) -> dict[str, Any]:
    """Start `make serve`'s preview on the project, edit one Vorlage several times, time until its page shows it.

    The clock starts when the file is written and stops when the page contains the new Betreff.
    As the open page in a browser does, the status address is asked every 20 ms and the page is
    fetched again whenever the status says the preview has changed.
    """
    import re
    import urllib.error

    command = [sys.executable, str(project / "hooks" / "site_preview.py"), "--port", "0",
               "--config-file", str(project / "mkdocs.yml")]
    log = open(project / "preview.log", "w+")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=build_env(), stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        first = process.stdout.readline()
        match = re.search(r"http://[0-9.]+:\d+/", first)
        if not match:
            raise SystemExit(f"preview did not start: {first}")
        base = match.group(0)
        def drain() -> None:  # the preview's own lines ("Aktualisiert: … ihre Seite nach 0,4 s") go to the log
            for line in process.stdout:
                log.write(line)
                log.flush()

        threading.Thread(target=drain, daemon=True).start()
        while True:
            try:
                status = json.loads(_get(base + "__vorschau/status", 5)[1])
            except (urllib.error.URLError, ValueError, OSError):
                status = {"version": 0}
            if status.get("version", 0) >= 1:
                break
            if process.poll() is not None or time.perf_counter() - started > 1800:
                raise SystemExit("preview ended or did not get ready; see preview.log")
            time.sleep(0.1)
        ready = time.perf_counter() - started
        papers = sorted((project / "data" / "vorlagen").rglob("*.yml"))
        paper = papers[len(papers) // 2]
        body_id = paper.relative_to(project / "data" / "vorlagen").parts[0]
        url = f"{base}vorlagen/{body_id}/{paper.stem}/"
        code, page = _get(url)
        if code != 200:
            raise SystemExit(f"preview answered {code} for {url}")
        original = paper.read_text(encoding="utf-8")
        latencies = []
        for number in range(edits):
            marker = f"Vorschau-Messung {number} {time.time_ns()}"
            subject = json.dumps(f"{marker} – {yaml.safe_load(original)['betreff']}", ensure_ascii=False)
            paper.write_text(re.sub(r"^betreff: .*$", lambda _: f"betreff: {subject}", original, count=1, flags=re.M),
                             "utf-8")
            written = time.perf_counter()
            seen = None
            while True:
                version = json.loads(_get(base + "__vorschau/status", 30)[1])["version"]
                if version != seen:
                    seen = version
                    if marker in _get(url)[1]:
                        break
                if time.perf_counter() - written > 600:
                    raise SystemExit("the edit did not show in the preview within 10 minutes")
                time.sleep(0.02)
            latencies.append(time.perf_counter() - written)
            time.sleep(0.3)
        paper.write_text(original, encoding="utf-8")
        return {
            "preview_ready_s": ready,
            "preview_edit_s": statistics.median(latencies),
            "preview_edit_max_s": max(latencies),
        }
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


# --- one size, both builds -------------------------------------------------------------------------


def rebuild_after_edit(project: Path) -> float:
    """Wall time of the build after a sentence is added to one Vorlage's Sachverhalt (a typo fix's push)."""
    marker = "\nsachverhalt: |\n  "
    paper = next((path for path in sorted((project / "data" / "vorlagen").rglob("*.yml"))
                  if marker in path.read_text(encoding="utf-8")), None)
    if paper is None:
        raise SystemExit("no Vorlage with a block Sachverhalt to edit")
    text = paper.read_text(encoding="utf-8")
    paper.write_text(text.replace(marker, marker + "Ergänzt nach der Sitzung. ", 1), encoding="utf-8")
    run, log = mkdocs_build(project, 1, keep_cache=True, site_name="site-edited")
    if run.returncode != 0:
        raise SystemExit(f"build after an edit failed, log {log}:\n{log.read_text(errors='replace')[-3000:]}")
    return run.wall_s


def measure(
    count: int, work: Path, seed: int, query: str, use_browser: bool, repeat: int, with_import: bool = True,
    preview: bool = True, anlagen: int = 0,
) -> list[Measurement]:
    site_project = work / f"n{count}" / "site-project"
    floor_project = work / f"n{count}" / "floor-project"
    copy_site_sources(site_project)
    started = time.perf_counter()
    generate(site_project, count, seed, today=DEFAULT_TODAY)
    generate_s = time.perf_counter() - started
    pdfs: dict[str, Any] = {}
    if anlagen:
        from synthetic.anlagen import add_pdf_anlagen

        print(f"  N={count}: writing {anlagen} PDF Anlagen per Vorlage …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        made = add_pdf_anlagen(site_project, anlagen, seed)
        pdfs = {"pdf_files": made["files"], "pdf_pages": made["pages"], "pdf_mb": made["bytes"] / 1e6,
                "pdf_generate_s": time.perf_counter() - started}
    papers = make_floor(site_project, floor_project)
    public = [(body_id, stem) for body_id, stem, is_public in papers if is_public]
    paper_pages = {"site": len(public), "floor": len(papers)}
    page_of = {"site": public, "floor": [(body_id, stem) for body_id, stem, _ in papers]}  # the floor has all

    results = []
    for kind, project in (("site", site_project), ("floor", floor_project)):
        print(f"  N={count}: building {kind} …", file=sys.stderr, flush=True)
        run, log = mkdocs_build(project, repeat)
        measurement = Measurement(kind, count, papers=paper_pages[kind], log=str(log), returncode=run.returncode)
        if kind == "site":
            measurement.generate_s = generate_s
        if run.returncode != 0:
            tail = log.read_text(errors="replace")[-3000:]
            raise SystemExit(f"{kind} build for N={count} failed (exit {run.returncode}), log {log}:\n{tail}")
        measurement.wall_s = run.wall_s
        measurement.cpu_s = run.cpu_s
        measurement.rss_largest_mb = run.rss_largest_bytes / 1e6
        measurement.rss_total_mb = run.rss_total_bytes / 1e6
        measurement.rss_by_process_mb = {name: rss / 1e6 for name, rss in run.rss_by_process.items()}
        if run.rss_by_process:
            measurement.rss_largest_name = max(run.rss_by_process, key=run.rss_by_process.__getitem__)
        for key, value in output_facts(project / "site", page_of[kind], count).items():
            setattr(measurement, key, value)
        for key, value in exports_facts(log.read_text(errors="replace"), run.wall_s).items():
            setattr(measurement, key, value)
        for key, value in search_payload(project / "site", query, use_browser).items():
            setattr(measurement, key, value)
        if kind == "site" and anlagen:
            print(f"  N={count}: building again with the Anlagen cache, and without Anlagen text …", file=sys.stderr,
                  flush=True)
            measurement.anlagen = {**pdfs, **benchmark_anlagen.measure_more(
                project, log.read_text(errors="replace"), mkdocs_build,
                lambda site: search_payload(site, query, use_browser))}
        if kind == "site" and with_import:
            print(f"  N={count}: importing the site's OParl export …", file=sys.stderr, flush=True)
            figures = measure_import(project, work / f"n{count}" / "import-target", SITE_URL, build_env(), run_measured)
            for key, value in figures.items():
                setattr(measurement, key, value)
        if kind == "site" and preview:
            print(f"  N={count}: timing the preview …", file=sys.stderr, flush=True)
            for key, value in preview_latency(project).items():
                setattr(measurement, key, value)
        if kind == "site":
            print(f"  N={count}: building again after one edited Vorlage …", file=sys.stderr, flush=True)
            measurement.rebuild_s = rebuild_after_edit(project)
        results.append(measurement)
    return results


# --- printing ---------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def print_table(measurements: list[Measurement]) -> None:
    headers = [f"N={m.count} {m.kind}" for m in measurements]
    label_width = max(len(label) for _, label in ROWS + (("", "site time / floor time"),))
    widths = [max(len(h), 12) for h in headers]
    for m, i in zip(measurements, range(len(widths))):
        widths[i] = max(widths[i], len(_cell(m.search_kind)))
    print("metric".ljust(label_width) + "  " + "  ".join(h.rjust(w) for h, w in zip(headers, widths)))
    print("-" * (label_width + 2 + sum(widths) + 2 * (len(widths) - 1)))
    for key, label in ROWS:
        cells = [_cell(getattr(m, key)) for m in measurements]
        print(label.ljust(label_width) + "  " + "  ".join(c.rjust(w) for c, w in zip(cells, widths)))
    ratios = []
    for m in measurements:
        if m.kind == "site":
            floor = next(f for f in measurements if f.kind == "floor" and f.count == m.count)
            ratios.append(f"{m.wall_s / floor.wall_s:.2f}" if floor.wall_s else "–")
        else:
            ratios.append("")
    print("site time / floor time".ljust(label_width) + "  " + "  ".join(r.rjust(w) for r, w in zip(ratios, widths)))
    print()
    counts = sorted({m.count for m in measurements})
    if len(counts) > 1:
        small, large = counts[0], counts[-1]
        print(f"scaling N={small} → N={large} (N × {large / small:.1f}):")
        for kind in ("site", "floor"):
            a = next(m for m in measurements if m.kind == kind and m.count == small)
            b = next(m for m in measurements if m.kind == kind and m.count == large)
            print(
                f"  {kind:5}  t(N={large})/t(N={small}) = {b.wall_s / a.wall_s:.2f} (wall), "
                f"{b.cpu_s / a.cpu_s:.2f} (CPU); pages × {b.pages / a.pages:.2f}"
            )
        print()
    for m in measurements:
        if m.search_note:
            print(f"search N={m.count} {m.kind}: {m.search_kind}; {m.search_note}")
    print()
    print_bytes(measurements)
    print_import(measurements)
    benchmark_anlagen.print_rows(measurements)


def print_import(measurements: list[Measurement]) -> None:
    """The OParl import's figures: time per Vorlage, and its memory against the check's over the same data."""
    imported = [m for m in measurements if m.import_wall_s is not None]
    for m in imported:
        per_paper = 1000 * m.import_wall_s / m.import_papers if m.import_papers else 0.0
        print(
            f"OParl import N={m.count}: {m.import_papers} Vorlagen in {m.import_wall_s:.1f} s ({per_paper:.1f} ms each); "
            f"peak RSS import {m.import_rss_mb:.0f} MB, check of the same data {m.import_check_rss_mb:.0f} MB "
            f"(import/check = {m.import_rss_mb / m.import_check_rss_mb:.2f})"
        )
    if len(imported) > 1:
        a, b = imported[0], imported[-1]
        print(
            f"OParl import scaling N={a.count} → N={b.count}: time × {b.import_wall_s / a.import_wall_s:.2f}, "
            f"peak RSS import × {b.import_rss_mb / a.import_rss_mb:.2f}, check × "
            f"{b.import_check_rss_mb / a.import_check_rss_mb:.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build the site over synthetic data and compare with plain MkDocs.",
    )
    parser.add_argument("--count", type=int, default=1000, help="number of Vorlagen (default 1000)")
    parser.add_argument("--counts", help="several sizes, comma-separated, e.g. 1000,10000 (overrides --count)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep projects and built sites in this folder")
    parser.add_argument("--query", default=DEFAULT_QUERY, help=f"search query (default {DEFAULT_QUERY!r})")
    parser.add_argument("--no-browser", action="store_true", help="do not drive Chromium for the search payload")
    parser.add_argument("--no-import", action="store_true", help="do not import the site's OParl export back")
    parser.add_argument("--repeat", type=int, default=1, help="build each project R times, report the fastest")
    parser.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    parser.add_argument("--no-preview", action="store_true", help="do not time the preview of `make serve`")
    parser.add_argument("--anlagen", type=int, default=0,
                        help="N generated PDF Anlagen per Vorlage; prints reading speed, index size with and without")
    args = parser.parse_args(argv)

    counts = [int(c) for c in args.counts.split(",")] if args.counts else [args.count]
    use_browser = not args.no_browser and CHROMIUM.exists()
    if not args.no_browser and not use_browser:
        print(f"note: {CHROMIUM} missing, search payload without a browser (fixed part only)", file=sys.stderr)

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for count in counts:
            if (args.keep / f"n{count}").exists():
                raise SystemExit(f"{args.keep / f'n{count}'} exists; remove it or choose another --keep folder")
        work = args.keep
    else:
        work = Path(tempfile.mkdtemp(prefix="buergerinfo-bench-"))
    try:
        measurements: list[Measurement] = []
        for count in counts:
            measurements.extend(
                measure(count, work, args.seed, args.query, use_browser, args.repeat, with_import=not args.no_import,
                        preview=not args.no_preview, anlagen=args.anlagen)
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    import material
    import mkdocs

    print(
        f"Bürgerinfo build benchmark — Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
        f"Material {material.__version__}, {os.cpu_count()} CPUs, today={DEFAULT_TODAY}, seed={args.seed}"
    )
    print()
    print_table(measurements)
    if args.keep:
        print(f"\noutputs kept in {work}")
    if args.json:
        args.json.write_text(json.dumps([asdict(m) for m in measurements], indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
