"""Loading the data folder into an Archive, checking everything before anything is published.

The order matters: Körperschaften and Themen first (everything refers to them), then each Vorlage on
its own (schema, Gremien, results), then the checks that need all Vorlagen at once (numbers, references,
an Anlagen-Ablage that is not there), then the dossiers that point to Vorlagen. Only the positions needed
by those later checks are kept: a city's archive of 100,000 files holds no file's whole position table.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from buergerinfo.checking import confidential
from buergerinfo.checking.cross_checks import CrossChecks
from buergerinfo.checking.fields import allowed_fields, field_description
from buergerinfo.checking.messages import (
    describe_root,
    field_path,
    pinpoint_duplicate_ids,
    problems_from_validation_error,
    unknown,
)
from buergerinfo.checking.paper_checks import PaperChecks, unmounted_store_problems
from buergerinfo.checking.people import PeopleChecks
from buergerinfo.checking.plausibility import far_future_dates
from buergerinfo.checking.reserved import reserved_body_key_problem, reserved_key_problem
from buergerinfo.model.base import SLUG_PATTERN
from buergerinfo.model.body import Body
from buergerinfo.model.dossier import Dossier, TopicsFile
from buergerinfo.model.meeting import MeetingFactsFile
from buergerinfo.model.paper import Paper
from buergerinfo.model.placement import is_paper_folder
from buergerinfo.model.redirect import Redirect, RedirectsFile
from buergerinfo.model.structure import (
    ATTACHMENTS_DIR,
    BODIES_DIR,
    DOSSIERS_DIR,
    MEETINGS_DIR,
    PAPERS_DIR,
    PEOPLE_DIR,
    REDIRECTS_FILE,
    TOPICS_FILE,
    Archive,
    BodyRecord,
    DossierRecord,
    PaperRecord,
)
from buergerinfo.model.vocabulary import Vocabulary
from buergerinfo.parallel import map_in_forks
from buergerinfo.reading.discovery import scan_folder, stray_data_files, unread_top_level_files
from buergerinfo.reading.numbers import unusual_numbers
from buergerinfo.reading.problems import DataInvalid, DataProblem
from buergerinfo.reading.settings import Settings, SettingsInvalid, read_settings
from buergerinfo.reading.yamldocument import Path_, Position, YamlDocument, YamlSyntaxError
from buergerinfo.reading.yamlsource import load_yaml_file

M = TypeVar("M", bound=BaseModel)


@dataclass
class _PaperResult:
    """What reading one Vorlage file gave: kept while serving, so an edit re-reads only that file."""

    record: PaperRecord | None
    positions: dict[Path_, Position]  # of `nummer` and `bezuege`, for the checks across files
    problems: list[DataProblem]
    broken_numbers: set[tuple[str, str]]
    broken_files: set[tuple[str, str]]


class _Loader(PaperChecks, CrossChecks, PeopleChecks):
    def __init__(self, root: Path, settings: Settings | None = None, today: dt.date | None = None) -> None:
        self.root = root
        # Problems of the files other than Vorlagen; kept for incremental reloads.
        self.fixed_problems: list[DataProblem] = []
        self.paper_results: dict[Path, _PaperResult] = {}
        self.confidential_files: set[Path] = set()
        self._order: list[Path] | None = None  # the files in path order, kept while none is added or removed
        self.dossier_documents: dict[str, YamlDocument] = {}
        self._attachment_files: dict[Path, list[str]] = {}
        self.duplicate_files: set[str] = set()
        self.redirects_list: list[Redirect] = []
        self.redirects_document: YamlDocument | None = None
        self.redirects_source = f"data/{REDIRECTS_FILE}"
        self.settings = settings or Settings()
        self.today = today or dt.date.today()
        self.archive = Archive(root=root, store=self.settings.attachment_store)
        self.problems: list[DataProblem] = []
        # Numbers that may be those of nicht öffentliche Vorlagen which this checkout does not have.
        self.confidential_missing = False
        # Files that exist but failed their own checks: references to them are not reported again.
        self.broken_bodies: set[str] = set()
        self.broken_people: set[str] = set()  # Körperschaften whose data/personen/ file failed its own checks
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
                + describe_root(document.data),
            )
            return None
        try:
            instance = model.model_validate(document.data)
        except ValidationError as exc:
            problems = problems_from_validation_error(
                exc,
                source,
                document.position_of,
                lambda loc: allowed_fields(model, loc),
                document.written,
                lambda loc: field_description(model, loc),
            )
            self.problems.extend(pinpoint_duplicate_ids(problems, document))
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
        self.problems += unread_top_level_files(
            data, (BODIES_DIR, PAPERS_DIR, DOSSIERS_DIR, MEETINGS_DIR, PEOPLE_DIR), TOPICS_FILE, REDIRECTS_FILE
        )
        self.load_topics(data / TOPICS_FILE)
        for path in self.scan(data / BODIES_DIR, "Körperschaften"):
            self.load_body(path)
        for path in self.scan(data / PEOPLE_DIR, "Personen und Fraktionen"):
            self.load_people(path)
        dossier_documents = self.dossier_documents
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
        for path in self.scan(data / MEETINGS_DIR, "Sitzungsangaben"):
            self.load_meeting_facts(path)
        self.load_redirects(data / REDIRECTS_FILE)
        files = self.paper_files()
        self.fixed_problems = self.problems
        self.confidential_files = {path for path, is_confidential in files if is_confidential}
        # Each file on its own, on every core: the results are the same as one after the other.
        results = map_in_forks(self._load_paper_entry, files)
        self.paper_results.update(zip((path for path, _ in files), results))
        return self.assemble()

    def _load_paper_entry(self, entry: tuple[Path, bool]) -> _PaperResult:
        return self.load_paper_result(*entry)

    def reload_papers(self, changed: list[Path]) -> Archive:
        """Re-read the changed Vorlage files (created, edited or deleted); check across files again.

        A changed folder (moved, deleted, a branch checked out) makes it look at every file again.
        """
        if any(path.suffix not in {".yml", ".yaml"} for path in changed):
            outer, self.problems = self.problems, []
            current = dict(self.paper_files())  # its problems with stray files stay those of the full load
            self.problems = outer
            self.confidential_files = {path for path, is_confidential in current.items() if is_confidential}
            changed = [*changed, *(current.keys() - self.paper_results.keys()), *(self.paper_results.keys() - current)]
        for path in changed:
            if path.suffix not in {".yml", ".yaml"}:
                continue
            if path.is_file():
                if path not in self.paper_results:
                    self._order = None
                self.paper_results[path] = self.load_paper_result(path, self.is_confidential_file(path))
            elif self.paper_results.pop(path, None) is not None:
                self._order = None
        self._attachment_files = {}
        return self.assemble()

    def is_confidential_file(self, path: Path) -> bool:
        folder = self.settings.confidential_dir
        return path in self.confidential_files or (folder is not None and path.is_relative_to(folder / PAPERS_DIR))

    def load_paper_result(self, path: Path, is_confidential: bool) -> _PaperResult:
        outer = self.problems
        self.problems, self.broken_papers, self.broken_paper_files = [], set(), set()
        try:
            record, positions = self.load_paper(path, is_confidential)
            return _PaperResult(record, positions, self.problems, self.broken_papers, self.broken_paper_files)
        finally:
            self.problems = outer

    def assemble(self) -> Archive:
        """The archive from what each file gave, with every check that needs all Vorlagen at once."""
        self.archive = Archive(
            root=self.root,
            bodies=self.archive.bodies,
            topics=self.archive.topics,
            dossiers=self.archive.dossiers,
            meeting_facts=self.archive.meeting_facts,
            people=self.archive.people,
            store=self.settings.attachment_store,
        )
        self.problems = list(self.fixed_problems)
        self.broken_papers, self.broken_paper_files = set(), set()
        self.duplicate_files = set()
        references: dict[tuple[str, str], list[tuple[PaperRecord, Position]]] = {}
        pending_links: list[tuple[PaperRecord, int, str, Position]] = []
        if self._order is None:
            self._order = sorted(self.paper_results)
        for path in self._order:
            result = self.paper_results[path]
            self.problems.extend(result.problems)
            self.broken_papers |= result.broken_numbers
            self.broken_paper_files |= result.broken_files
            record = result.record
            if record is None:
                continue
            self.archive.papers.append(record)
            if record.paper.reference:
                references.setdefault((record.body_id, record.paper.reference), []).append(
                    (record, result.positions[("nummer",)])
                )
            for index, target in enumerate(record.paper.related_papers):
                pending_links.append((record, index, target, result.positions[("bezuege", index)]))
        self.check_unique_ids()
        self.check_numbers(references)
        self.check_related(pending_links, references)
        for dossier_id, document in self.dossier_documents.items():
            self.check_dossier(self.archive.dossiers[dossier_id], document, references)
        self.check_redirects()
        self.problems += unmounted_store_problems(self.settings, self.archive.papers, self.archive.dossiers.values())
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
        papers_label = f"{self.relative(tree)}/{PAPERS_DIR}"
        if body and folder[:1] != (paper.body,):
            # The folder is what editors see; a file in another Körperschaft's folder is a mix-up.
            self.problem(
                source,
                document.position_of(("koerperschaft", "__value__")),
                ("koerperschaft",),
                f"die Datei liegt im Ordner „{papers_label}/{'/'.join(folder)}“, gehört laut diesem Feld aber zu "
                f"„{paper.body}“; erwartet: Ablage unter {papers_label}/{paper.body}/",
            )
        elif body and not is_paper_folder(folder):
            self.problem(
                source,
                (1, 1),
                (),
                f"der Ordner „{papers_label}/{'/'.join(folder)}/“ ist kein Jahresordner; Vorlagen liegen in "
                f"{papers_label}/{paper.body}/ oder in einem Jahresordner wie {papers_label}/{paper.body}/2019/",
            )
        if body:
            self.check_paper_against_body(record, document, body)
            self.check_people_references(source, document, paper)
        elif paper.reference:
            # References to this Vorlage from its folder's Körperschaft are not reported on top.
            self.broken_papers.add((self.body_folder(path), paper.reference))
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
            elif attachment.store:
                self.check_stored(source, document, attachment, ("anlagen", index))
        positions = {("nummer",): document.position_of(("nummer", "__value__"))}
        for index in range(len(paper.related_papers)):
            positions[("bezuege", index)] = document.position_of(("bezuege", index))
        return record, positions


    def load_redirects(self, path: Path) -> None:
        self.redirects_source = self.relative(path)
        if path.is_file():
            loaded = self.read(path, RedirectsFile)
            if loaded:
                self.redirects_list, self.redirects_document = loaded[0].redirects, loaded[1]


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
            key = (facts_file.body, facts.organization, facts.date, facts.meeting_number)
            if key in self.archive.meeting_facts:
                self.problem(
                    source,
                    document.position_of(item_path),
                    item_path,
                    "diese Sitzung ist doppelt eingetragen (gleiches Gremium, gleicher Tag"
                    + (f", sitzung_am_tag: {facts.meeting_number}" if facts.meeting_of_day else "")
                    + "); eine zweite Sitzung desselben Gremiums am selben Tag bekommt „sitzung_am_tag: 2“",
                )
            self.archive.meeting_facts[key] = facts


def load_archive(root: Path, settings: Settings | None = None, today: dt.date | None = None) -> Archive:
    """Load and check everything under root/data; raise DataInvalid listing every problem.

    `settings` default to those in root/mkdocs.yml (the build passes the ones MkDocs read from it);
    `today` (for warnings about dates far in the future) defaults to the real date.
    """
    root = Path(root)
    return _Loader(root, settings_of(root, settings), today or dt.date.today()).load()


def settings_of(root: Path, settings: Settings | None) -> Settings:
    if settings is not None:
        return settings
    try:
        return read_settings(root)
    except SettingsInvalid as exc:
        raise DataInvalid([DataProblem("mkdocs.yml", 1, 1, "", str(exc).removeprefix("mkdocs.yml: "))]) from None
