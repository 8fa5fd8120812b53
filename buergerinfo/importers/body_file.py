"""The Körperschaft file: created by the first import, afterwards only added to.

The file belongs to the editors as much as to the import (number format,
description, extra Beschlussarten, `ergebnis_zuordnung`). So the import never
rewrites what is there: it adds the Gremien and Vorlagenarten it needs, and
nothing else, with ruamel.yaml's round trip, so comments and formatting stay;
the result must read back as exactly the old data plus the additions.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from buergerinfo.checking.messages import problems_from_validation_error
from buergerinfo.model.body import Body
from buergerinfo.model.structure import BODIES_DIR
from buergerinfo.model.vocabulary import Vocabulary
from buergerinfo.reading.yamldocument import YamlSyntaxError
from buergerinfo.reading.yamlsource import load_yaml, load_yaml_file
from buergerinfo.importers.names import id_tail, slugify, unique
from buergerinfo.importers.quirks import VENDOR
from buergerinfo.importers.report import ImportReport
from buergerinfo.importers.results import ResultTable
from buergerinfo.importers.state import ImportState
from buergerinfo.importers.writer import comment_safe, render_yaml, schema_comment, write_owned
from buergerinfo.importers.yaml_update import dumped, round_trip_yaml

KIND = "Körperschaft"


class BodyFileError(Exception):
    """The Körperschaft file cannot be used or extended; German, names the file."""


class BodyFile:
    def __init__(self, state: ImportState, report: ImportReport, body_id: str) -> None:
        self.state = state
        self.report = report
        self.body_id = body_id
        self.relative = f"data/{BODIES_DIR}/{body_id}.yml"
        self.path = state.root / self.relative
        self.data: dict[str, Any] = {}
        self.added_organizations: list[dict[str, Any]] = []
        self.added_paper_types: list[str] = []
        self.exists = self.path.is_file()
        self.dirty = False
        if self.exists:
            self.data = self._read()

    # -- reading --

    def _read(self) -> dict[str, Any]:
        try:
            document = load_yaml_file(self.path)
        except YamlSyntaxError as exc:
            raise BodyFileError(f"{self.relative}:{exc.position[0]}: {exc.message} – bitte zuerst beheben") from None
        data = document.data
        try:
            Body.model_validate(data)
        except ValidationError as exc:
            problems = problems_from_validation_error(exc, self.relative, document.position_of, lambda loc: [],
                                                      document.written)
            raise BodyFileError(
                "Die Datei der Körperschaft hat Fehler; bitte zuerst beheben:\n" + "\n".join(str(p) for p in problems)
            ) from None
        return data

    def create(self, body: dict[str, Any]) -> None:
        """The data of a new Körperschaft file from the OParl Body (written on the first `flush`)."""
        if self.exists:
            return
        name = body.get("name") or body.get("shortName") or self.body_id
        self.data = {
            "name": name,
            "kurzname": body.get("shortName") if body.get("shortName") != name else None,
            "art": body.get("classification"),
            "beschreibung": body[VENDOR]["beschreibung"],
            "website": body.get("website"),
            "gremien": [],
        }
        self.dirty = True

    # -- what the mapping asks for --

    def vocabulary(self) -> Vocabulary:
        """The vocabulary with the file's own Beschlussarten and Vorlagenarten, additions included."""
        data = self._with_additions()
        placeholder = [{"id": "gremium", "name": "Gremium"}]  # a new file may have no Gremium yet
        return Vocabulary(Body.model_validate({**data, "gremien": data.get("gremien") or placeholder}))

    def result_table(self) -> ResultTable:
        """The Körperschaft's result words and `ergebnis_zuordnung`, with its Gremien for "verwiesen an …"."""
        gremien = {
            entry["id"]: [name for name in (entry.get("name"), entry.get("kurzname")) if name]
            for entry in self._organizations()
        }
        return ResultTable(self.vocabulary(), self.data.get("ergebnis_zuordnung") or {}, gremien)

    def mapping_hash(self) -> str:
        """What decides the results of a run besides the server: `ergebnis_zuordnung` and `beschlussarten`."""
        own = {"zuordnung": self.data.get("ergebnis_zuordnung"), "beschlussarten": self.data.get("beschlussarten")}
        return hashlib.sha256(json.dumps(own, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:16]

    def organization_keys(self) -> set[str]:
        return {entry["id"] for entry in self._organizations()}

    def _organizations(self) -> list[dict[str, Any]]:
        return list(self.data.get("gremien") or []) + self.added_organizations

    def ensure_organization(self, organization: dict[str, Any]) -> str:
        """The Gremium key for an OParl Organization; added to the file if it is not there yet."""
        org_id = organization["id"]
        known = self.state.organizations.get(org_id)
        entries = self._organizations()
        if known and any(entry["id"] == known for entry in entries):
            return known
        name = organization.get("name") or organization.get("shortName")
        short = organization.get("shortName")
        wanted = {n.casefold() for n in (name, short) if n}
        mapped = set(self.state.organizations.values())  # Gremien that already stand for another Organization
        for entry in entries:
            if entry["id"] in mapped:
                continue
            if {str(entry.get("name", "")).casefold(), str(entry.get("kurzname") or "").casefold()} & wanted:
                self.state.record({"gremium": org_id, "schluessel": entry["id"]})
                return entry["id"]
        extras = organization[VENDOR]
        wanted = extras["id"] or slugify(short or name or "") or f"gremium-{id_tail(org_id)}"
        key = unique(wanted, {entry["id"] for entry in entries})
        entry = {
            "id": key,
            "name": name or f"Gremium {key}",
            "kurzname": short if short and short != name else None,
            "art": organization.get("classification"),
            "wahlperiode": extras["wahlperiode"],
            "beschreibung": extras["beschreibung"],
        }
        self.added_organizations.append({k: v for k, v in entry.items() if v is not None})
        self.state.record({"gremium": org_id, "schluessel": key})
        self.dirty = True
        return key

    def ensure_paper_type(self, paper_type: str) -> None:
        known = Vocabulary().paper_types + tuple(self.data.get("vorlagenarten") or ()) + tuple(self.added_paper_types)
        if paper_type not in known:
            self.added_paper_types.append(paper_type)
            self.dirty = True

    def _with_additions(self) -> dict[str, Any]:
        data = copy.deepcopy(self.data)
        if self.added_organizations:
            data["gremien"] = list(data.get("gremien") or []) + copy.deepcopy(self.added_organizations)
        if self.added_paper_types:
            data["vorlagenarten"] = list(data.get("vorlagenarten") or []) + self.added_paper_types
        return {k: v for k, v in data.items() if v is not None}

    # -- writing --

    def flush(self) -> None:
        """Write the additions (or the new file), before any Vorlage that needs them is written.

        An existing file, whether the import or an editor wrote it, is only added to, by a round trip
        that keeps every comment and line as it was.
        """
        if not self.dirty:
            return
        data = self._with_additions()
        if not data.get("gremien"):
            return  # a Körperschaft needs a Gremium; written once the first one is known
        try:
            Body.model_validate(data)
        except ValidationError as exc:
            raise BodyFileError(f"{self.relative}: die Angaben des Servers ergeben keine gültige Körperschaft ({exc})")
        if self.path.exists():
            text = self._round_trip(self.path.read_text(encoding="utf-8"), data)
        else:
            text = render_yaml(data, self._header())
        created = not self.path.exists()
        outcome = write_owned(self.state, self.report, KIND, self.relative, text, overwrite=True)
        if outcome != "unverändert" and not created:
            self.report.note(f"Gremien oder Vorlagenarten ergänzt in {self.relative} (übrige Angaben unverändert)", self.relative)
        self.data, self.added_organizations, self.added_paper_types = data, [], []
        self.exists, self.dirty = True, False

    def _header(self) -> list[str]:
        return [
            schema_comment(self.relative, "koerperschaft.schema.json"),
            f"Angelegt von `buergerinfo import-oparl` aus {comment_safe(self.state.run.get('quelle', '') if self.state.run else '')}.",
            "Der Import ergänzt hier nur Gremien und Vorlagenarten; alles andere bleibt, wie es hier steht.",
            "Kein nummernformat: die Nummern des alten Systems folgen nicht unbedingt einem Muster.",
            "Wortlaute von Ergebnissen des alten Systems ordnet `ergebnis_zuordnung` einer Beschlussart zu.",
        ]

    def _round_trip(self, original: str, expected: dict[str, Any]) -> str:
        yaml = round_trip_yaml(original, "gremien")
        try:
            data = yaml.load(original)
            organizations = data.setdefault("gremien", CommentedSeq())
            for entry in expected["gremien"][len(organizations):]:
                organizations.append(CommentedMap(entry))
            if expected.get("vorlagenarten"):
                types = data.setdefault("vorlagenarten", CommentedSeq())
                for paper_type in expected["vorlagenarten"][len(types):]:
                    types.append(paper_type)
            text = dumped(yaml, data)
            if load_yaml(text).data != expected:
                raise ValueError
        except Exception:  # anything ruamel.yaml cannot keep as it was: say what to add by hand
            missing = [e["id"] for e in self.added_organizations] + self.added_paper_types
            raise BodyFileError(
                f"{self.relative}: lässt sich nicht sicher ergänzen; bitte von Hand eintragen: {', '.join(missing)}"
            ) from None
        return text


def known_body_ids(root: Path) -> list[str]:
    directory = root / "data" / BODIES_DIR
    return sorted(p.stem for p in directory.glob("*.yml")) if directory.is_dir() else []
