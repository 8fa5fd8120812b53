"""Checks while typing, as an editor sees them: the real yaml-language-server (VS Code's YAML extension) over stdio.

The server is installed with npm from tools/yaml-ls/package-lock.json into a folder of the
test run. It gets the workspace settings of .vscode/settings.json, opens a Vorlage that
names its Körperschaft's schema in its first line, and must flag a Gremium typo, an
unknown result word, a number and a date in the wrong format with our German messages,
and offer the Gremien as completions.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from queue import Empty, Queue

import pytest

REPO = Path(__file__).resolve().parent.parent
LOCK_FOLDER = REPO / "tools" / "yaml-ls"
TIMEOUT = 60

pytestmark = pytest.mark.slow

DOCUMENT = """\
# yaml-language-server: $schema=../../../schemas/vorlage.landkreis-wittmund.schema.json
nummer: 77/2019
betreff: Fortschreibung des Integrationskonzepts
art: Beschlussvorlage
koerperschaft: landkreis-wittmund
datum: 02.09.2019
beratungsfolge:
  - gremium: sozialauschuss
    datum: 2019-09-16
    rolle: Vorberatung
    ergebnis: angenommen
  - gremium: kreistag
    datum: 2019-10-10
"""


@pytest.fixture(scope="module")
def server_command(tmp_path_factory) -> list[str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but node/npm are missing: .ci/run installs them (apt-get install nodejs npm)")
        pytest.skip("yaml-language-server test skipped: node and npm are missing")
    folder = tmp_path_factory.mktemp("yaml-ls")
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(LOCK_FOLDER / name, folder / name)
    result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=folder,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return [node, str(folder / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"), "--stdio"]


class LanguageServer:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's stdin/stdout."""

    def __init__(self, command: list[str], settings: dict) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.settings = settings
        self.messages: Queue = Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            if message.get("method") == "workspace/configuration":  # the server asks for its settings
                items = message["params"]["items"]
                self._send({"jsonrpc": "2.0", "id": message["id"],
                            "result": [self.settings.get(item.get("section", ""), None) for item in items]})
                continue
            if "id" in message and "method" in message:  # any other request of the server: say yes, nothing
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                continue
            self.messages.put(message)

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id)["result"]

    def wait(self, matches, timeout: float = TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
            except Empty:
                break
            if matches(message):
                return message
        raise AssertionError("no answer from yaml-language-server")

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()


@pytest.fixture(scope="module")
def opened(server_command, tmp_path_factory):
    """The workspace (a copy of data/ and schemas/) with one Vorlage open in the server."""
    workspace = tmp_path_factory.mktemp("workspace")
    for part in ("data", "schemas"):
        shutil.copytree(REPO / part, workspace / part)
    vscode = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    yaml_settings = {key.removeprefix("yaml."): value for key, value in vscode.items() if key.startswith("yaml.")}
    schemas = {(workspace / name).resolve().as_uri(): globs for name, globs in yaml_settings.pop("schemas").items()}
    settings = {"yaml": {**yaml_settings, "schemas": schemas, "schemaStore": {"enable": False}}}
    server = LanguageServer(server_command, settings)
    path = workspace / "data" / "vorlagen" / "landkreis-wittmund" / "0199-2019.yml"
    path.write_text(DOCUMENT, encoding="utf-8")
    uri = path.resolve().as_uri()
    try:
        server.request("initialize", {
            "processId": os.getpid(),
            "rootUri": workspace.resolve().as_uri(),
            "capabilities": {"textDocument": {"completion": {"completionItem": {"documentationFormat": ["markdown"]}},
                                              "publishDiagnostics": {}},
                             "workspace": {"configuration": True}},
        })
        server.notify("initialized", {})
        server.notify("workspace/didChangeConfiguration", {"settings": settings})
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                                "text": DOCUMENT}})
        published = server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri and m["params"]["diagnostics"])
        yield server, uri, published["params"]["diagnostics"]
    finally:
        server.close()


def _on_line(diagnostics: list[dict], line: int) -> list[str]:
    """Messages of the diagnostics that start on a 1-based line."""
    return [d["message"] for d in diagnostics if d["range"]["start"]["line"] == line - 1]


def test_gremium_typo_is_flagged_with_the_gremien_of_the_koerperschaft(opened):
    _, _, diagnostics = opened
    messages = _on_line(diagnostics, 8)
    assert any("Gremium von Landkreis Wittmund" in m and "sozialausschuss (Sozialausschuss)" in m for m in messages), \
        diagnostics


def test_unknown_result_word_is_flagged(opened):
    _, _, diagnostics = opened
    messages = _on_line(diagnostics, 11)
    assert any("Ergebnis aus dem Wortschatz von Landkreis Wittmund" in m and "ungeändert beschlossen" in m
               for m in messages), diagnostics


def test_number_and_date_in_the_wrong_format_get_german_messages(opened):
    _, _, diagnostics = opened
    assert any("Nummernformat von Landkreis Wittmund" in m and "„0042/2019“" in m for m in _on_line(diagnostics, 2)), \
        diagnostics
    assert any(m.startswith("Datum im Format JJJJ-MM-TT") for m in _on_line(diagnostics, 6)), diagnostics
    everything = " ".join(d["message"] for d in diagnostics)
    assert "\\d" not in everything and "RFC3339" not in everything and "pattern" not in everything.lower()


def test_the_correct_lines_are_not_flagged(opened):
    _, _, diagnostics = opened
    flagged = {d["range"]["start"]["line"] + 1 for d in diagnostics}
    assert flagged == {2, 6, 8, 11}, diagnostics


def test_gremien_are_offered_as_completions(opened):
    server, uri, _ = opened
    line = DOCUMENT.splitlines()[11]  # "  - gremium: kreistag"
    result = server.request("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": {"line": 11, "character": line.index("kreistag")},
    })
    items = result["items"] if isinstance(result, dict) else result
    labels = {item["label"] for item in items}
    assert {"kreistag", "kreisausschuss", "sozialausschuss"} <= labels, labels
