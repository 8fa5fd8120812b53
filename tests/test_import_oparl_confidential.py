"""Vorlagen discussed only behind closed doors, imported: never into data/, never into a built file.

A Paper whose every Consultation sits in a nicht öffentlicher Tagesordnungspunkt (or a Sitzung
without public part) is a nicht öffentliche Vorlage: its Betreff was never public either.
`--nicht-oeffentliche auslassen` (the default) leaves it out; `ablegen` files it in the
confidential folder (`nicht_oeffentlich` in mkdocs.yml, else nicht-oeffentlich/) with
`oeffentlich: false`. The leak test builds the site from such an import (the pattern of
test_confidential.py): the confidential Betreff is in no output file.
"""

from __future__ import annotations

import gzip

from conftest import copy_project, run_build
from oparl_server import OParlServer
from test_import_oparl_rules import FAST, SECRET, council, imported_text

from buergerinfo.importers import ImportOptions, import_oparl
from buergerinfo.reading.yamlsource import load_yaml_file

TITLE = f"{SECRET} Ankauf Mondscheinacker"
FILE = "vorlagen/beispielhausen/bv-0013-2024.yml"  # Paper p/2: both Beratungen nicht öffentlich


def served_with_secret_title(server: OParlServer) -> str:
    url = council(server)
    server.objects["/p/2"]["name"] = TITLE
    return url


def test_left_out_by_default_and_nothing_of_it_is_written(tmp_path):
    with OParlServer() as server:
        url = served_with_secret_title(server)
        report = import_oparl(url, tmp_path, "beispielhausen", ImportOptions(client=FAST))
    assert report.check_passed, report.text()
    assert SECRET not in imported_text(tmp_path) and SECRET not in report.text()
    assert not (tmp_path / "data" / FILE).exists() and not (tmp_path / "nicht-oeffentlich").exists()
    assert "Nicht öffentliche Vorlagen (nur in nicht öffentlicher Sitzung beraten): ausgelassen" in report.text()
    # A public Vorlage is still there, and the nicht öffentliche Sitzung only with Gremium and day.
    assert (tmp_path / "data/vorlagen/beispielhausen/bv-0012-2024.yml").exists()


def test_filed_in_the_confidential_folder_and_no_built_file_shows_it(tmp_path):
    project = copy_project(tmp_path / "projekt", with_data=False)
    with OParlServer() as server:
        url = served_with_secret_title(server)
        report = import_oparl(url, project, "beispielhausen", ImportOptions(client=FAST, confidential="ablegen"))
        assert report.check_passed, report.text()
        again = import_oparl(url, project, "beispielhausen",
                             ImportOptions(client=FAST, confidential="ablegen", full=True))
    assert again.check_passed and not any(o in ("angelegt", "geändert") for (k, o) in again.files if k == "Vorlage")
    filed = load_yaml_file(project / "nicht-oeffentlich" / FILE).data
    assert filed["betreff"] == TITLE and filed["oeffentlich"] is False
    assert filed["beratungsfolge"] == [
        {"gremium": "bauausschuss", "datum": "2024-02-05", "oeffentlich": False},
        {"gremium": "rat", "datum": "2024-02-12", "oeffentlich": False},
    ]
    assert "abgelegt in nicht-oeffentlich/" in report.text() and SECRET not in report.text()
    for folder in ("data", ".import"):
        for path in (project / folder).rglob("*"):
            assert not path.is_file() or SECRET not in path.read_text(encoding="utf-8", errors="replace"), path
    # Nor its number and file name: .import/ is committed with the public data. What the import must
    # know of the filed Vorlage is in the confidential folder's own state, and the second run above
    # found it there (it changed nothing).
    public_state = (project / ".import/beispielhausen.json").read_text(encoding="utf-8")
    assert "0013" not in public_state and "nicht-oeffentlich" not in public_state and "/p/2" not in public_state
    private_state = (project / "nicht-oeffentlich/.import/beispielhausen.json").read_text(encoding="utf-8")
    assert f"nicht-oeffentlich/{FILE}" in private_state and "/p/2" in private_state
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    leaks = []
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            if path.suffix == ".gz":
                content = gzip.decompress(content)
            if SECRET.encode() in content or "Mondscheinacker".encode() in content:
                leaks.append(path)
    assert leaks == []
