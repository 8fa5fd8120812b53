"""Loading the data folder into an Archive, checking everything before anything is published.

The order matters: Körperschaften and Themen first (everything refers to them),
then each Vorlage on its own (schema, Gremien, results), then the checks that need
all Vorlagen at once (numbers, references), then the dossiers that point to Vorlagen.
Only the positions needed by those later checks are kept, so a city's archive
of 100,000 files does not hold every file's position table in memory.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import DataInvalid, DataProblem, field_path, problems_from_validation_error, suggestion
from .model import SLUG_PATTERN, Body, Dossier, MeetingFacts, MeetingFactsFile, Paper, Topic, TopicsFile
from .vocabulary import Vocabulary
from .yamlsource import Path_, Position, YamlDocument, YamlSyntaxError, load_yaml_file

M = TypeVar("M", bound=BaseModel)

BODIES_DIR = "koerperschaften"
PAPERS_DIR = "vorlagen"
DOSSIERS_DIR = "dossiers"
MEETINGS_DIR = "sitzungen"
ATTACHMENTS_DIR = "anlagen"
TOPICS_FILE = "themen.yml"


@dataclass
class PaperRecord:
    """A Vorlage as loaded: its stable id (the file name), where it came from, and the data."""

    id: str
    source: str  # path relative to the repository root, with forward slashes
    paper: Paper

    @property
    def body_id(self) -> str:
        return self.paper.body

    @property
    def key(self) -> tuple[str, str]:
        return (self.paper.body, self.id)


@dataclass
class DossierRecord:
    id: str
    source: str
    dossier: Dossier


@dataclass
class BodyRecord:
    id: str
    source: str
    body: Body
    vocabulary: Vocabulary


@dataclass
class Archive:
    root: Path  # the repository root; data lives in root / "data"
    bodies: dict[str, BodyRecord] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    papers: list[PaperRecord] = field(default_factory=list)
    dossiers: dict[str, DossierRecord] = field(default_factory=dict)
    meeting_facts: dict[tuple[str, str, dt.date], MeetingFacts] = field(default_factory=dict)
    warnings: list[DataProblem] = field(default_factory=list)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def attachment_path(self, relative: str) -> Path:
        return self.data_dir / ATTACHMENTS_DIR / relative


def _yaml_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob("*") if p.suffix in {".yml", ".yaml"} and p.is_file())


def allowed_fields(model: type[BaseModel], loc: Path_) -> list[str]:
    """The YAML keys allowed at `loc` inside `model`, to suggest a fix for a typo."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        target = None
        for name, info in current.model_fields.items():
            if (info.alias or name) == part:
                target = info.annotation
        current = _model_in(target)
        if current is None:
            return []
    return [info.alias or name for name, info in current.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation) if get_origin(annotation) is not None else ():
        found = _model_in(arg)
        if found:
            return found
    return None


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.archive = Archive(root=root)
        self.problems: list[DataProblem] = []
        # Files that exist but failed their own checks: references to them are not reported again.
        self.broken_bodies: set[str] = set()
        self.broken_dossiers: set[str] = set()

    # -- helpers ------------------------------------------------------------------

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def problem(self, source: str, position: Position, path: Path_, message: str, severity="Fehler") -> None:
        self.problems.append(DataProblem(source, position[0], position[1], field_path(path), message, severity))

    def read(self, path: Path, model: type[M]) -> tuple[M, YamlDocument] | None:
        source = self.relative(path)
        if not re.match(SLUG_PATTERN, path.stem):
            self.problem(
                source,
                (1, 1),
                (),
                f"Dateiname „{path.name}“ ungeeignet: nur Kleinbuchstaben, Ziffern und Bindestriche "
                "(er wird Teil der Adresse der Seite)",
            )
            return None
        try:
            document = load_yaml_file(path)
        except YamlSyntaxError as exc:
            self.problem(source, exc.position, (), exc.message)
            return None
        for issue in document.issues:
            self.problem(source, issue.position, issue.path, issue.message)
        if not isinstance(document.data, dict):
            found = "eine leere Datei" if document.data is None else "kein „Feld: Wert“-Aufbau"
            self.problem(source, (1, 1), (), f"Zuordnung mit „Feld: Wert“-Zeilen erwartet, gefunden: {found}")
            return None
        try:
            instance = model.model_validate(document.data)
        except ValidationError as exc:
            self.problems.extend(
                problems_from_validation_error(
                    exc, source, document.position_of, lambda loc: allowed_fields(model, loc)
                )
            )
            return None
        if document.issues:
            return None
        return instance, document

    # -- passes -------------------------------------------------------------------

    def load(self) -> Archive:
        data = self.root / "data"
        if not (data / PAPERS_DIR).is_dir():
            self.problems.append(DataProblem("data/vorlagen", 1, 1, "", "Ordner mit den Vorlagen fehlt"))
            raise DataInvalid(self.problems)
        self.load_topics(data / TOPICS_FILE)
        for path in _yaml_files(data / BODIES_DIR):
            self.load_body(path)
        dossier_documents = {}
        for path in _yaml_files(data / DOSSIERS_DIR):
            loaded = self.read(path, Dossier)
            if loaded:
                dossier, document = loaded
                record = DossierRecord(path.stem, self.relative(path), dossier)
                self.archive.dossiers[record.id] = record
                dossier_documents[record.id] = document
            else:
                self.broken_dossiers.add(path.stem)
        references: dict[tuple[str, str], list[tuple[PaperRecord, Position]]] = {}
        pending_links: list[tuple[PaperRecord, int, str, Position]] = []
        for path in _yaml_files(data / PAPERS_DIR):
            record, link_positions = self.load_paper(path)
            if record is None:
                continue
            self.archive.papers.append(record)
            if record.paper.reference:
                references.setdefault((record.body_id, record.paper.reference), []).append(
                    (record, link_positions[("nummer",)])
                )
            for index, target in enumerate(record.paper.related_papers):
                pending_links.append((record, index, target, link_positions[("bezuege", index)]))
        self.check_unique_ids()
        self.check_numbers(references)
        self.check_related(pending_links, references)
        for dossier_id, document in dossier_documents.items():
            self.check_dossier(self.archive.dossiers[dossier_id], document, references)
        for path in _yaml_files(data / MEETINGS_DIR):
            self.load_meeting_facts(path)
        errors = [p for p in self.problems if p.severity == "Fehler"]
        self.archive.warnings = [p for p in self.problems if p.severity != "Fehler"]
        if errors:
            raise DataInvalid(self.problems)
        return self.archive

    def load_topics(self, path: Path) -> None:
        if not path.is_file():
            return
        loaded = self.read(path, TopicsFile)
        if loaded:
            for topic in loaded[0].topics:
                self.archive.topics[topic.id] = topic

    def load_body(self, path: Path) -> None:
        loaded = self.read(path, Body)
        if loaded:
            body = loaded[0]
            vocabulary = Vocabulary(body)
            self.archive.bodies[path.stem] = BodyRecord(path.stem, self.relative(path), body, vocabulary)
        else:
            self.broken_bodies.add(path.stem)

    def body_or_problem(self, source: str, document: YamlDocument, body_id: str, path: Path_) -> BodyRecord | None:
        record = self.archive.bodies.get(body_id)
        if record is None and body_id not in self.broken_bodies:
            self.problem(
                source,
                document.position_of(path + ("__value__",)),
                path,
                f"unbekannte Körperschaft „{body_id}“{suggestion(body_id, self.archive.bodies)}; "
                f"bekannt: {', '.join(sorted(self.archive.bodies)) or 'keine (Ordner data/koerperschaften/)'}",
            )
        return record

    def check_organization(
        self, source: str, document: YamlDocument, body: BodyRecord, org_id: str, path: Path_
    ) -> None:
        known = [o.id for o in body.body.organizations]
        if org_id not in known:
            self.problem(
                source,
                document.position_of(path + ("__value__",)),
                path,
                f"unbekanntes Gremium „{org_id}“{suggestion(org_id, known)}; "
                f"Gremien von {body.body.name}: {', '.join(known)}",
            )

    def load_paper(self, path: Path) -> tuple[PaperRecord | None, dict[Path_, Position]]:
        loaded = self.read(path, Paper)
        if not loaded:
            return None, {}
        paper, document = loaded
        source = self.relative(path)
        record = PaperRecord(path.stem, source, paper)
        body = self.body_or_problem(source, document, paper.body, ("koerperschaft",))
        if body:
            self.check_paper_against_body(record, document, body)
        for index, topic in enumerate(paper.topics):
            if topic not in self.archive.dossiers and topic not in self.broken_dossiers:
                self.problem(
                    source,
                    document.position_of(("themen", index)),
                    ("themen", index),
                    f"unbekanntes Dossier „{topic}“{suggestion(topic, self.archive.dossiers)}; "
                    f"bekannt: {', '.join(sorted(self.archive.dossiers)) or 'keine'}",
                )
        for index, attachment in enumerate(paper.auxiliary_files):
            if attachment.path:
                self.check_attachment(source, document, attachment.path, ("anlagen", index, "datei"))
        positions = {("nummer",): document.position_of(("nummer", "__value__"))}
        for index in range(len(paper.related_papers)):
            positions[("bezuege", index)] = document.position_of(("bezuege", index))
        return record, positions

    def check_paper_against_body(self, record: PaperRecord, document: YamlDocument, body: BodyRecord) -> None:
        paper, source, vocabulary = record.paper, record.source, body.vocabulary
        if paper.paper_type not in vocabulary.paper_types:
            self.problem(
                source,
                document.position_of(("art", "__value__")),
                ("art",),
                f"unbekannte Vorlagenart „{paper.paper_type}“{suggestion(paper.paper_type, vocabulary.paper_types)}; "
                f"erlaubt: {', '.join(vocabulary.paper_types)} (erweiterbar mit `vorlagenarten` in {body.source})",
            )
        pattern = body.body.reference_pattern
        if paper.reference and pattern and not re.fullmatch(pattern, paper.reference):
            example = f" wie „{body.body.reference_example}“" if body.body.reference_example else ""
            self.problem(
                source,
                document.position_of(("nummer", "__value__")),
                ("nummer",),
                f"Vorlagen-Nr. „{paper.reference}“ passt nicht zum Nummernformat von {body.body.name}{example}",
            )
        latest_preliminary: tuple[dt.date, int] | None = None
        for index, consultation in enumerate(paper.consultations):
            path = ("beratungsfolge", index)
            self.check_organization(source, document, body, consultation.organization, path + ("gremium",))
            if consultation.result is not None and vocabulary.result(consultation.result) is None:
                allowed = list(vocabulary.result_kinds)
                self.problem(
                    source,
                    document.position_of(path + ("ergebnis", "__value__")),
                    path + ("ergebnis",),
                    f"unbekanntes Ergebnis „{consultation.result}“{suggestion(consultation.result, allowed)}; "
                    f"erlaubt: {', '.join(allowed)} (erweiterbar mit `beschlussarten` in {body.source})",
                )
            if consultation.role == "Vorberatung":
                if latest_preliminary is None or consultation.date > latest_preliminary[0]:
                    latest_preliminary = (consultation.date, index)
            elif consultation.role == "Entscheidung" and latest_preliminary:
                if consultation.date < latest_preliminary[0]:
                    self.problem(
                        source,
                        document.position_of(path + ("datum", "__value__")),
                        path + ("datum",),
                        f"die Entscheidung am {consultation.date:%d.%m.%Y} liegt vor der Vorberatung am "
                        f"{latest_preliminary[0]:%d.%m.%Y} (beratungsfolge[{latest_preliminary[1] + 1}])",
                        severity="Warnung",
                    )

    def check_attachment(self, source: str, document: YamlDocument, relative: str, path: Path_) -> None:
        base = (self.root / "data" / ATTACHMENTS_DIR).resolve()
        target = (base / relative).resolve()
        position = document.position_of(path + ("__value__",))
        if not target.is_relative_to(base):
            self.problem(source, position, path, f"Pfad „{relative}“ verlässt den Ordner data/anlagen/")
        elif not target.is_file():
            self.problem(source, position, path, f"Datei „data/anlagen/{relative}“ nicht gefunden")

    def check_unique_ids(self) -> None:
        seen: dict[tuple[str, str], PaperRecord] = {}
        for record in self.archive.papers:
            if record.key in seen:
                self.problem(
                    record.source,
                    (1, 1),
                    (),
                    f"Dateiname „{record.id}“ wird in {record.body_id} schon von {seen[record.key].source} "
                    "verwendet; er muss je Körperschaft eindeutig sein",
                )
            seen[record.key] = record

    def check_numbers(self, references: dict[tuple[str, str], list[tuple[PaperRecord, Position]]]) -> None:
        for (_, number), holders in references.items():
            for record, position in holders[1:]:
                self.problem(
                    record.source,
                    position,
                    ("nummer",),
                    f"Vorlagen-Nr. „{number}“ ist in dieser Körperschaft schon vergeben ({holders[0][0].source})",
                )

    def check_related(self, links, references) -> None:
        for record, index, target, position in links:
            if target == record.paper.reference:
                self.problem(record.source, position, ("bezuege", index), "eine Vorlage kann nicht auf sich selbst verweisen")
            elif (record.body_id, target) not in references:
                known = [number for (body, number) in references if body == record.body_id]
                self.problem(
                    record.source,
                    position,
                    ("bezuege", index),
                    f"unbekannte Vorlage „{target}“ in {record.body_id}{suggestion(target, known)}",
                )

    def check_dossier(self, record: DossierRecord, document: YamlDocument, references) -> None:
        dossier, source = record.dossier, record.source
        body = self.body_or_problem(source, document, dossier.body, ("koerperschaft",))
        if dossier.topic not in self.archive.topics:
            self.problem(
                source,
                document.position_of(("thema", "__value__")),
                ("thema",),
                f"unbekanntes Thema „{dossier.topic}“{suggestion(dossier.topic, self.archive.topics)}; "
                f"Themen stehen in data/{TOPICS_FILE}",
            )
        previous: dt.date | None = None
        for index, milestone in enumerate(dossier.milestones):
            path = ("verlauf", index)
            if milestone.date is None and milestone.period is None:
                self.problem(source, document.position_of(path), path, "`datum` oder `zeitraum` angeben")
            if milestone.date and previous and milestone.date < previous:
                self.problem(
                    source,
                    document.position_of(path + ("datum", "__value__")),
                    path + ("datum",),
                    f"der Verlauf muss zeitlich geordnet sein: {milestone.date:%d.%m.%Y} steht nach "
                    f"{previous:%d.%m.%Y}",
                )
            previous = milestone.date or previous
            if milestone.organization and body:
                self.check_organization(source, document, body, milestone.organization, path + ("gremium",))
            if milestone.paper:
                self.check_paper_reference(source, document, dossier.body, milestone.paper, path + ("vorlage",), references)
        for index, measure in enumerate(dossier.measures):
            if measure.paper:
                path = ("massnahmen", index, "vorlage")
                self.check_paper_reference(source, document, dossier.body, measure.paper, path, references)
        for index, item in enumerate(dossier.documents):
            path = ("dokumente", index)
            if item.path:
                self.check_attachment(source, document, item.path, path + ("datei",))
            if item.organization and body:
                self.check_organization(source, document, body, item.organization, path + ("gremium",))

    def check_paper_reference(self, source, document, body_id, number, path, references) -> None:
        if (body_id, number) not in references:
            known = [n for (b, n) in references if b == body_id]
            self.problem(
                source,
                document.position_of(path + ("__value__",)),
                path,
                f"unbekannte Vorlage „{number}“ in {body_id}{suggestion(number, known)}",
            )

    def load_meeting_facts(self, path: Path) -> None:
        loaded = self.read(path, MeetingFactsFile)
        if not loaded:
            return
        facts_file, document = loaded
        source = self.relative(path)
        body = self.body_or_problem(source, document, facts_file.body, ("koerperschaft",))
        for index, facts in enumerate(facts_file.meetings):
            item_path: Path_ = ("sitzungen", index)
            if body:
                self.check_organization(source, document, body, facts.organization, item_path + ("gremium",))
            key = (facts_file.body, facts.organization, facts.date)
            if key in self.archive.meeting_facts:
                self.problem(source, document.position_of(item_path), item_path, "diese Sitzung ist doppelt eingetragen")
            self.archive.meeting_facts[key] = facts


def load_archive(root: Path) -> Archive:
    """Load and check everything under root/data; raise DataInvalid listing every problem."""
    return _Loader(Path(root)).load()


def iter_papers(archive: Archive, body_id: str | None = None) -> Iterator[PaperRecord]:
    for record in archive.papers:
        if body_id is None or record.body_id == body_id:
            yield record


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
