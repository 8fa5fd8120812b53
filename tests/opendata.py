"""Shared by the open-data tests: a sample project with the facts the exports must carry, and checkers.

The seeds state no meeting times or places, a vote count or a published attachment file, so the
shipped sample data has none; this project adds fictional ones (and a nicht öffentliche Vorlage
and Sitzung full of words that must never be published) to a copy of the sample data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator
from referencing import Registry, Resource

from buergerinfo.checking.archive import load_archive
from buergerinfo.views.views import Views, public_view

REPO = Path(__file__).resolve().parent.parent
OPARL_SCHEMAS = REPO.parent / "shared" / "oparl-1.1" / "schema"
SITE_URL = "https://buergerinfo.test/"
TODAY = dt.date(2026, 11, 21)

BOERDE_FACTS = """\
koerperschaft: landkreis-boerde
sitzungen:
  - gremium: kreistag
    datum: 2018-11-28
    beginn: "15:00"
    ende: "17:30"
    ort: Kreishaus Haldensleben, Großer Sitzungssaal
  - gremium: kreisausschuss
    datum: 2018-11-21
    beginn: "16:00"
    ort: Kreishaus Haldensleben, Raum 101
"""

# The Kreisausschuss of 14.03.2019 met nicht öffentlich; its time and place must not be published.
FRIESLAND_SECRET_FACTS = """\
  - gremium: kreisausschuss
    datum: 2019-03-14
    beginn: "09:00"
    ort: Kellerraum Zauberkiste
    name: Geheimsitzung Quittengelee
    hinweis: Beratung über den Ankauf Mondscheinacker
"""

SECRET_PAPER = """\
nummer: 0998/2019
betreff: Vertragsverhandlung Pflaumenmus geheim
art: Beschlussvorlage
koerperschaft: landkreis-wittmund
datum: 2019-05-02
oeffentlich: false
bearbeiter: Quastenflosser, Heimlich
beratungsfolge:
  - gremium: kreisausschuss
    datum: 2019-05-23
    oeffentlich: false
    ergebnis: abgelehnt
sachverhalt: Vertraulicher Kaufpreis Pfefferminzbetrag.
"""

SECRETS = ("0998/2019", "0998-2019", "Pflaumenmus", "Quastenflosser", "Pfefferminzbetrag", "Zauberkiste",
           "Quittengelee", "Mondscheinacker", "09:00")


@dataclass(frozen=True)
class BuiltProject:
    project: Path
    site: Path
    log: str


def enrich(project: Path) -> Path:
    """Add times, places, votes, Anlagen and secrets to a copy of the sample data.

    The secrets stand in data/ itself, as only a wholly private data repository may keep them
    (repository_oeffentlich: false; tests/test_confidential.py has the public arrangement): the
    exports must leave them out even where the data has them.
    """
    config = project / "mkdocs.yml"
    if config.is_file():
        text = config.read_text(encoding="utf-8")
        assert "repository_oeffentlich: true" in text
        config.write_text(text.replace("repository_oeffentlich: true", "repository_oeffentlich: false"), "utf-8")
    data = project / "data"
    (data / "sitzungen" / "landkreis-boerde.yml").write_text(BOERDE_FACTS, encoding="utf-8")
    friesland = data / "sitzungen" / "landkreis-friesland.yml"
    friesland.write_text(friesland.read_text(encoding="utf-8") + FRIESLAND_SECRET_FACTS, encoding="utf-8")
    (data / "vorlagen" / "landkreis-wittmund" / "0998-2019.yml").write_text(SECRET_PAPER, encoding="utf-8")
    attachment = data / "anlagen" / "landkreis-wittmund" / "0042-2019-beschluss.pdf"
    attachment.parent.mkdir(parents=True)
    attachment.write_bytes(b"%PDF-1.4\n" + b"0" * 3000)
    paper = data / "vorlagen" / "landkreis-wittmund" / "0042-2019.yml"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace(
            "anlagen:\n",
            "anlagen:\n  - titel: Beschluss als PDF\n    datei: landkreis-wittmund/0042-2019-beschluss.pdf\n"
            "  - titel: Integrationskonzept (Entwurf)\n    url: https://www.landkreis-wittmund.example/konzept.pdf\n",
        ),
        encoding="utf-8",
    )
    earlier = data / "vorlagen" / "landkreis-wittmund" / "0121-2018.yml"
    earlier.write_text(
        earlier.read_text(encoding="utf-8").replace(
            "    ergebnis: beschlossen\n",
            "    ergebnis: beschlossen\n    top: Ö 7\n    abstimmung:\n      ja: 40\n      nein: 2\n      enthaltung: 1\n",
        ),
        encoding="utf-8",
    )
    return project


def public_views(project: Path) -> Views:
    return Views(public_view(load_archive(project)), TODAY)


# --- OParl ---------------------------------------------------------------------------------------


@cache
def oparl_validators() -> dict[str, Draft7Validator]:
    """A draft 7 validator per OParl type; the schemas' $refs resolve locally, under both $id spellings."""
    schemas = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in OPARL_SCHEMAS.glob("*.json")}
    resources = []
    for schema in schemas.values():
        resource = Resource.from_contents(schema)
        resources += [(schema["$id"], resource), (schema["$id"] + ".json", resource)]
    registry = Registry().with_resources(resources)
    return {name: Draft7Validator(schema, registry=registry) for name, schema in schemas.items()}


def url_fields(kind: str) -> dict[str, bool]:
    """The properties the schema of `kind` declares as URLs: name -> whether it is a list of them."""
    schema = json.loads((OPARL_SCHEMAS / f"{kind}.json").read_text(encoding="utf-8"))
    found = {}
    for name, spec in schema["properties"].items():
        if spec.get("format") == "url":
            found[name] = False
        elif spec.get("type") == "array" and spec.get("items", {}).get("format") == "url":
            found[name] = True
    return found


def oparl_objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every OParl object in a document, embedded ones included."""
    if isinstance(value, dict):
        if isinstance(value.get("type"), str) and value["type"].startswith("https://schema.oparl.org/1.1/"):
            yield value
        for inner in value.values():
            yield from oparl_objects(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from oparl_objects(inner)


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings(inner)


def local_file(site_dir: Path, url: str, base: str = SITE_URL) -> Path:
    """The built file a URL of the site stands for ('…/' is its index.html)."""
    assert url.startswith(base), url
    relative = url[len(base):]
    return site_dir / relative / "index.html" if relative.endswith("/") or not relative else site_dir / relative
