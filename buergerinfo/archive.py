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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from . import confidential
from .discovery import scan_folder, stray_data_files, unread_top_level_files
from .errors import DataInvalid, DataProblem, field_path, problems_from_validation_error, unknown
from .model import SLUG_PATTERN, Body, Dossier, MeetingFacts, MeetingFactsFile, Paper, Topic, TopicsFile
from .numbers import unusual_numbers
from .patterns import matches_number_format
from .plausibility import far_future_dates
from .reserved import reserved_body_key_problem, reserved_key_problem
from .settings import Settings, SettingsInvalid, read_settings
from .vocabulary import Vocabulary
from .yamlsource import Path_, Position, YamlDocument, YamlSyntaxError, load_yaml, load_yaml_file

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
        """An Anlage of a public Vorlage or a dossier (Anlagen of nicht öffentliche Vorlagen are never published)."""
        return self.data_dir / ATTACHMENTS_DIR / relative


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
    def __init__(self, root: Path, settings: Settings | None = None, today: dt.date | None = None) -> None:
        self.root = root
        self.settings = settings or Settings()
        self.today = today or dt.date.today()
        self.archive = Archive(root=root)
        self.problems: list[DataProblem] = []
        # Numbers that may be those of nicht öffentliche Vorlagen which this checkout does not have.
        self.confidential_missing = False
        # Files that exist but failed their own checks: references to them are not reported again.
        self.broken_bodies: set[str] = set()
        self.broken_dossiers: set[str] = set()
        self.broken_papers: set[tuple[str, str]] = set()  # (Körperschaft, Vorlagen-Nr.) as far as readable
        self.broken_paper_files: set[tuple[str, str]] = set()  # (folder, file name without .yml)
        self.topics_broken = False

    # -- helpers ------------------------------------------------------------------

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:  # the folder of nicht öffentliche Vorlagen may lie outside the repository
            return path.as_posix()

    @property
    def confidential_label(self) -> str:
        folder = self.settings.confidential_dir
        return self.relative(folder) if folder else "nicht-oeffentlich"

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
            self.problem(source, exc.position, exc.path, exc.message)
            return None
        for issue in document.issues:
            self.problem(source, issue.position, issue.path, issue.message)
        if not isinstance(document.data, dict):
            self.problem(
                source,
                document.position_of(()),
                (),
                "die Datei muss aus „Feld: Wert“-Zeilen bestehen (eine Zuordnung), gefunden: "
                + _describe_root(document.data),
            )
            return None
        try:
            instance = model.model_validate(document.data)
        except ValidationError as exc:
            problems = problems_from_validation_error(
                exc, source, document.position_of, lambda loc: allowed_fields(model, loc), document.written
            )
            self.problems.extend(_pinpoint_duplicate_ids(problems, document))
            self.check_numbers_as_written(source, document, {p.field for p in problems})
            return None
        self.check_numbers_as_written(source, document, set())
        for path, message in far_future_dates(instance, self.today):
            self.problem(source, document.position_of(path + ("__value__",)), path, message, severity="Warnung")
        # A duplicated key is already an error; the rest of the file is still checked against the others.
        return instance, document

    def check_numbers_as_written(self, source: str, document: YamlDocument, reported: set[str]) -> None:
        for path, message in unusual_numbers(document):
            if field_path(path) not in reported:
                self.problem(source, document.position_of(path + ("__value__",)), path, message)

    # -- passes -------------------------------------------------------------------

    def scan(self, directory: Path, kind: str) -> list[Path]:
        """The data files of a folder; the other files in it are reported, never skipped silently."""
        scan = scan_folder(directory, self.relative(directory), kind)
        self.problems.extend(scan.problems)
        return scan.files

    def paper_files(self) -> list[tuple[Path, bool]]:
        """(file, confidential) for every Vorlage: data/vorlagen/ and the folder of nicht öffentliche Vorlagen."""
        files = [(path, False) for path in self.scan(self.root / "data" / PAPERS_DIR, "Vorlagen")]
        folder = self.settings.confidential_dir
        if folder is not None and folder.is_dir():
            files += [(path, True) for path in self.scan(folder / PAPERS_DIR, "nicht öffentliche Vorlagen")]
            self.problems += stray_data_files(folder, self.confidential_label, (PAPERS_DIR,), (ATTACHMENTS_DIR,))
        elif folder is not None and self.settings.confidential_declared:
            self.confidential_missing = True
            self.problems.append(confidential.missing_folder_warning(self.confidential_label))
        return files

    def load(self) -> Archive:
        data = self.root / "data"
        if not (data / PAPERS_DIR).is_dir():
            self.problems.append(DataProblem("data/vorlagen", 1, 1, "", "Ordner mit den Vorlagen fehlt"))
            raise DataInvalid(self.problems)
        self.problems += unread_top_level_files(data, (BODIES_DIR, PAPERS_DIR, DOSSIERS_DIR, MEETINGS_DIR), TOPICS_FILE)
        self.load_topics(data / TOPICS_FILE)
        for path in self.scan(data / BODIES_DIR, "Körperschaften"):
            self.load_body(path)
        dossier_documents = {}
        for path in self.scan(data / DOSSIERS_DIR, "Dossiers"):
            loaded = self.read(path, Dossier)
            if loaded:
                dossier, document = loaded
                record = DossierRecord(path.stem, self.relative(path), dossier)
                if self.reserved_id(record.source, record.id, "eines Dossiers"):
                    self.broken_dossiers.add(path.stem)
                    continue
                self.archive.dossiers[record.id] = record
                dossier_documents[record.id] = document
            else:
                self.broken_dossiers.add(path.stem)
        references: dict[tuple[str, str], list[tuple[PaperRecord, Position]]] = {}
        pending_links: list[tuple[PaperRecord, int, str, Position]] = []
        for path, is_confidential in self.paper_files():
            record, link_positions = self.load_paper(path, is_confidential)
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
        for path in self.scan(data / MEETINGS_DIR, "Sitzungsangaben"):
            self.load_meeting_facts(path)
        errors = [p for p in self.problems if p.severity == "Fehler"]
        self.archive.warnings = [p for p in self.problems if p.severity != "Fehler"]
        if errors:
            raise DataInvalid(self.problems)
        return self.archive

    def reserved_id(self, source: str, key: str, what: str) -> bool:
        problem = reserved_key_problem(key, what)
        if problem:
            self.problem(source, (1, 1), (), f"Dateiname „{key}“: {problem} – bitte die Datei umbenennen")
        return problem is not None

    def reserved_keys(self, source: str, document: YamlDocument, keys: list[str], list_key: str, what: str) -> bool:
        """Whether one of the keys (`id` of the entries of `list_key`) is one the site needs; reports each."""
        found = False
        for index, key in enumerate(keys):
            problem = reserved_key_problem(key, what)
            if problem:
                where = (list_key, index, "id")
                self.problem(source, document.position_of(where + ("__value__",)), where, problem)
                found = True
        return found

    def load_topics(self, path: Path) -> None:
        if not path.is_file():
            return
        loaded = self.read(path, TopicsFile)
        ids = [topic.id for topic in loaded[0].topics] if loaded else []
        if loaded and not self.reserved_keys(self.relative(path), loaded[1], ids, "themen", "eines Themas"):
            for topic in loaded[0].topics:
                self.archive.topics[topic.id] = topic
        else:
            self.topics_broken = True

    def load_body(self, path: Path) -> None:
        loaded = self.read(path, Body)
        source = self.relative(path)
        reserved = reserved_body_key_problem(path.stem)
        if reserved:
            self.problem(source, (1, 1), (), f"Dateiname „{path.name}“: {reserved}")
        ids = [organization.id for organization in loaded[0].organizations] if loaded else []
        if loaded and not reserved and not self.reserved_keys(source, loaded[1], ids, "gremien", "eines Gremiums"):
            body, document = loaded
            vocabulary = Vocabulary(body)
            self.archive.bodies[path.stem] = BodyRecord(path.stem, source, body, vocabulary)
            for wording, result in body.result_mapping.items():
                if result is not None and vocabulary.result(result) is None:
                    where = ("ergebnis_zuordnung", wording)
                    self.problem(
                        source,
                        document.position_of(where + ("__value__",)),
                        where,
                        unknown("unbekanntes Ergebnis", result, list(vocabulary.result_kinds),
                                note="die Zuordnung muss auf eine Beschlussart des Vokabulars zeigen"),
                    )
        else:
            self.broken_bodies.add(path.stem)

    def body_or_problem(self, source: str, document: YamlDocument, body_id: str, path: Path_) -> BodyRecord | None:
        record = self.archive.bodies.get(body_id)
        if record is None and body_id not in self.broken_bodies:
            self.problem(
                source,
                document.position_of(path + ("__value__",)),
                path,
                unknown(
                    "unbekannte Körperschaft",
                    body_id,
                    sorted(self.archive.bodies),
                    listing="bekannt",
                    note=f"jede Körperschaft hat eine Datei in data/{BODIES_DIR}/",
                ),
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
                organization_problem(body, org_id),
            )

    def load_paper(self, path: Path, is_confidential: bool = False) -> tuple[PaperRecord | None, dict[Path_, Position]]:
        loaded = self.read(path, Paper)
        source = self.relative(path)
        if loaded and self.reserved_id(source, path.stem, "einer Vorlage"):
            loaded = None
        if loaded and not self.check_confidentiality(source, loaded[1], is_confidential):
            loaded = None
        if not loaded:
            self.note_broken_paper(path)
            return None, {}
        paper, document = loaded
        record = PaperRecord(path.stem, source, paper)
        body = self.body_or_problem(source, document, paper.body, ("koerperschaft",))
        tree = self.settings.confidential_dir if is_confidential else self.root / "data"
        folder = path.parent.relative_to(tree / PAPERS_DIR).parts
        if body and folder[:1] != (paper.body,):
            # The folder is what editors see; a file in another Körperschaft's folder is a mix-up.
            papers_label = f"{self.relative(tree)}/{PAPERS_DIR}"
            self.problem(
                source,
                document.position_of(("koerperschaft", "__value__")),
                ("koerperschaft",),
                f"die Datei liegt im Ordner „{papers_label}/{'/'.join(folder)}“, gehört laut diesem Feld aber zu "
                f"„{paper.body}“; erwartet: Ablage unter {papers_label}/{paper.body}/",
            )
        if body:
            self.check_paper_against_body(record, document, body)
        elif paper.reference:
            # References to this Vorlage from its folder's Körperschaft are not reported on top.
            self.broken_papers.add((path.parent.name, paper.reference))
        for index, topic in enumerate(paper.topics):
            if topic not in self.archive.dossiers and topic not in self.broken_dossiers:
                self.problem(
                    source,
                    document.position_of(("themen", index, "__value__")),
                    ("themen", index),
                    unknown(
                        "unbekanntes Dossier",
                        topic,
                        sorted(self.archive.dossiers),
                        listing="bekannt",
                        note=f"Dossiers stehen in data/{DOSSIERS_DIR}/",
                    ),
                )
        for index, attachment in enumerate(paper.auxiliary_files):
            if attachment.path:
                self.check_attachment(source, document, attachment.path, ("anlagen", index, "datei"), tree)
        positions = {("nummer",): document.position_of(("nummer", "__value__"))}
        for index in range(len(paper.related_papers)):
            positions[("bezuege", index)] = document.position_of(("bezuege", index))
        return record, positions

    def note_broken_paper(self, path: Path) -> None:
        """Remember which number a Vorlage that failed its own checks would have had.

        References to it are then not reported on top of its own problems.
        """
        folder = path.parent.name
        # Unreadable or not: the file name tells the number by convention (0042/2019 -> 0042-2019.yml).
        self.broken_paper_files.add((folder, path.stem))
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            return
        bodies, number = {folder}, None
        try:
            document = load_yaml(text)
        except YamlSyntaxError:
            match = re.search(r"^nummer:[ \t]*(['\"]?)(.*?)\1[ \t]*(?:#.*)?$", text, re.MULTILINE)
            number = match.group(2) if match else None
        else:
            if isinstance(document.data, dict):
                number = document.written.get(("nummer",), document.data.get("nummer"))
                if isinstance(document.data.get("koerperschaft"), str):
                    bodies.add(document.data["koerperschaft"])
                self.check_raw_consultations(self.relative(path), document)
        if number is not None:
            self.broken_papers.update((body_id, str(number)) for body_id in bodies)

    def check_raw_consultations(self, source: str, document: YamlDocument) -> None:
        """Gremien and results of a Vorlage that failed its own checks, so one run reports them too.

        Without this, an editor who fixes a typo in `betreff` learns only on the next run
        that a Gremium in the same file is misspelt as well.
        """
        body = self.archive.bodies.get(document.data.get("koerperschaft"))
        consultations = document.data.get("beratungsfolge")
        if body is None or not isinstance(consultations, list):
            return
        reported = {p.field for p in self.problems if p.file == source}
        for index, entry in enumerate(consultations):
            if not isinstance(entry, dict):
                continue
            path: Path_ = ("beratungsfolge", index)
            organization, result = entry.get("gremium"), entry.get("ergebnis")
            if isinstance(organization, str) and field_path(path + ("gremium",)) not in reported:
                self.check_organization(source, document, body, organization, path + ("gremium",))
            if (
                isinstance(result, str)
                and body.vocabulary.result(result) is None
                and field_path(path + ("ergebnis",)) not in reported
            ):
                self.problem(
                    source,
                    document.position_of(path + ("ergebnis", "__value__")),
                    path + ("ergebnis",),
                    result_problem(result, body),
                )

    def is_broken_paper(self, body_id: str, number: str) -> bool:
        return (body_id, number) in self.broken_papers or (body_id, reference_slug(number)) in self.broken_paper_files

    def check_paper_against_body(self, record: PaperRecord, document: YamlDocument, body: BodyRecord) -> None:
        paper, source, vocabulary = record.paper, record.source, body.vocabulary
        if paper.paper_type not in vocabulary.paper_types:
            self.problem(
                source,
                document.position_of(("art", "__value__")),
                ("art",),
                unknown(
                    "unbekannte Vorlagenart",
                    paper.paper_type,
                    vocabulary.paper_types,
                    note=f"erweiterbar mit `vorlagenarten` in {body.source}",
                ),
            )
        problem = reference_problem(body.body, paper.reference)
        if problem:
            self.problem(source, document.position_of(("nummer", "__value__")), ("nummer",), problem)
        latest_preliminary: tuple[dt.date, int] | None = None
        for index, consultation in enumerate(paper.consultations):
            path = ("beratungsfolge", index)
            self.check_organization(source, document, body, consultation.organization, path + ("gremium",))
            if consultation.result is not None and vocabulary.result(consultation.result) is None:
                self.problem(
                    source,
                    document.position_of(path + ("ergebnis", "__value__")),
                    path + ("ergebnis",),
                    result_problem(consultation.result, body),
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

    def check_confidentiality(self, source: str, document: YamlDocument, is_confidential: bool) -> bool:
        """Whether the Vorlage may stand where it stands (see confidential.py); reports what may not."""
        if is_confidential:
            found = confidential.confidential_tree_problem(document, "data")
            problems = [found] if found else []
        elif self.settings.repository_public:
            problems = list(confidential.public_tree_problems(document, "vorlage", self.confidential_label))
        else:
            problems = []
        for path, message in problems:
            self.problem(source, document.position_of(path), path, message)
        return not problems

    def check_attachment(
        self, source: str, document: YamlDocument, relative: str, path: Path_, tree: Path | None = None
    ) -> None:
        tree = tree or self.root / "data"
        label = f"{self.relative(tree)}/{ATTACHMENTS_DIR}"
        base = (tree / ATTACHMENTS_DIR).resolve()
        position = document.position_of(path + ("__value__",))
        try:
            target = (base / relative).resolve()
        except (OSError, ValueError):  # a loop of links, a NUL byte
            self.problem(source, position, path, f"Pfad „{relative}“ lässt sich nicht auflösen")
            return
        if not target.is_relative_to(base):
            self.problem(source, position, path, f"Pfad „{relative}“ verlässt den Ordner {label}/")
        elif not target.is_file():
            self.problem(source, position, path, f"Datei „{label}/{relative}“ nicht gefunden")

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
            elif record.body_id not in self.archive.bodies:
                continue  # the unknown Körperschaft is reported; its numbers cannot be checked
            elif (record.body_id, target) not in references and not self.is_broken_paper(record.body_id, target):
                self.problem(
                    record.source,
                    position,
                    ("bezuege", index),
                    self.unknown_paper(record.body_id, target, references),
                    severity=self.unknown_paper_severity,
                )

    @property
    def unknown_paper_severity(self) -> str:
        # Without the folder of nicht öffentliche Vorlagen an unknown number may be one of them.
        return "Warnung" if self.confidential_missing else "Fehler"

    def unknown_paper(self, body_id: str, number: str, references) -> str:
        known = sorted(n for (b, n) in references if b == body_id)
        name = self.archive.bodies[body_id].body.name
        if len(known) <= 20:
            return unknown(
                "unbekannte Vorlage", number, known, listing=f"Vorlagen-Nummern von {name}", list_when_close=False
            )
        # A large archive: look for the typo among numbers of about the same length only.
        similar = [n for n in known if abs(len(n) - len(number)) <= 1]
        return unknown("unbekannte Vorlage", number, similar, listing="", note=f"keine Vorlage von {name} hat diese Nummer")

    def check_dossier(self, record: DossierRecord, document: YamlDocument, references) -> None:
        dossier, source = record.dossier, record.source
        body = self.body_or_problem(source, document, dossier.body, ("koerperschaft",))
        if dossier.topic not in self.archive.topics and not self.topics_broken:
            self.problem(
                source,
                document.position_of(("thema", "__value__")),
                ("thema",),
                unknown(
                    "unbekanntes Thema",
                    dossier.topic,
                    sorted(self.archive.topics),
                    listing="bekannt",
                    note=f"Themen stehen in data/{TOPICS_FILE}",
                ),
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
        if body_id not in self.archive.bodies:
            return  # reported once as unknown Körperschaft
        if (body_id, number) not in references and not self.is_broken_paper(body_id, number):
            self.problem(
                source,
                document.position_of(path + ("__value__",)),
                path,
                self.unknown_paper(body_id, number, references),
                severity=self.unknown_paper_severity,
            )

    def load_meeting_facts(self, path: Path) -> None:
        loaded = self.read(path, MeetingFactsFile)
        if not loaded:
            return
        facts_file, document = loaded
        source = self.relative(path)
        if self.settings.repository_public:
            for where, message in confidential.public_tree_problems(document, "sitzungen", self.confidential_label):
                self.problem(source, document.position_of(where), where, message)
        body = self.body_or_problem(source, document, facts_file.body, ("koerperschaft",))
        for index, facts in enumerate(facts_file.meetings):
            item_path: Path_ = ("sitzungen", index)
            if body:
                self.check_organization(source, document, body, facts.organization, item_path + ("gremium",))
            key = (facts_file.body, facts.organization, facts.date)
            if key in self.archive.meeting_facts:
                self.problem(source, document.position_of(item_path), item_path, "diese Sitzung ist doppelt eingetragen")
            self.archive.meeting_facts[key] = facts


def _describe_root(data: Any) -> str:
    if data is None:
        return "eine leere Datei"
    if isinstance(data, list):
        return "eine Liste (Zeilen mit „- “)"
    text = str(data)
    return f"nur der Wert „{text if len(text) <= 40 else text[:39] + '…'}“"


_DUPLICATE_ID = re.compile(r"^Gremium-Schlüssel „(.+)“ kommt doppelt vor$")


def _pinpoint_duplicate_ids(problems: list[DataProblem], document: YamlDocument) -> list[DataProblem]:
    """Point a duplicated Gremium-Schlüssel at its second occurrence instead of at `gremien`."""
    result = []
    for problem in problems:
        match = _DUPLICATE_ID.match(problem.message)
        entries = document.data.get("gremien") if isinstance(document.data, dict) else None
        if match and problem.field == "gremien" and isinstance(entries, list):
            indexes = [i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("id") == match.group(1)]
            if len(indexes) > 1:
                first, second = indexes[0], indexes[1]
                line, column = document.position_of(("gremien", second, "id", "__value__"))
                problem = DataProblem(
                    problem.file,
                    line,
                    column,
                    field_path(("gremien", second, "id")),
                    f"Gremium-Schlüssel „{match.group(1)}“ kommt doppelt vor (schon bei gremien[{first + 1}], "
                    f"Zeile {document.position_of(('gremien', first, 'id'))[0]}); jeder Schlüssel nur einmal",
                )
        result.append(problem)
    return result


def reference_slug(reference: str) -> str:
    """The file name a Vorlage gets by convention: `0043/2019` -> `0043-2019`, `2018/33/0590` -> `2018-33-0590`."""
    return re.sub(r"[^a-z0-9]+", "-", reference.lower().translate(_UMLAUTS)).strip("-")


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def number_fits_format(body: Body, reference: str) -> bool:
    """Whether a Vorlagen-Nr. fits the Körperschaft's number format (always, when it has none).

    The format is a regular expression from a data file: it runs in RE2 (buergerinfo/patterns.py),
    in time linear in the number's length, and must match the whole number.
    """
    return not body.reference_pattern or matches_number_format(body.reference_pattern, reference)


def reference_problem(body: Body, reference: str | None) -> str | None:
    """Why a Vorlagen-Nr. does not fit the Körperschaft's number format, or None."""
    pattern = body.reference_pattern
    if not reference or number_fits_format(body, reference):
        return None
    example = f", z. B. „{body.reference_example}“" if body.reference_example else ""
    return (
        f"Vorlagen-Nr. „{reference}“ passt nicht zum Nummernformat von {body.name} "
        f"(`{pattern}`{example})"
    )


def organization_problem(body: BodyRecord, org_id: str) -> str:
    """The German message for a Gremium key the Körperschaft does not have (as `buergerinfo check` prints it)."""
    known = [o.id for o in body.body.organizations]
    return unknown("unbekanntes Gremium", org_id, known, listing=f"Gremien von {body.body.name}") + (
        f" (eingetragen in {body.source})"
    )


def result_problem(result: str, body: BodyRecord) -> str:
    """The German message for a result word outside the Körperschaft's vocabulary."""
    return unknown(
        "unbekanntes Ergebnis",
        result,
        list(body.vocabulary.result_kinds),
        note=f"erweiterbar mit `beschlussarten` in {body.source}",
    )


def load_archive(root: Path, settings: Settings | None = None, today: dt.date | None = None) -> Archive:
    """Load and check everything under root/data; raise DataInvalid listing every problem.

    `settings` default to those in root/mkdocs.yml (the build passes the ones MkDocs read from it);
    `today` (for warnings about dates far in the future) defaults to the real date.
    """
    root = Path(root)
    if settings is None:
        try:
            settings = read_settings(root)
        except SettingsInvalid as exc:
            raise DataInvalid([DataProblem("mkdocs.yml", 1, 1, "", str(exc).removeprefix("mkdocs.yml: "))]) from None
    return _Loader(root, settings, today or dt.date.today()).load()
