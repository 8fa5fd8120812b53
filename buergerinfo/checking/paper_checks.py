"""The checks of one Vorlage against its Körperschaft: Gremien, results, Vorlagenart, number, Anlagen, place.

A part of the loader (`buergerinfo.checking.archive`), kept apart by job: these checks need the
Körperschaften but no other Vorlage, so an edited file can be checked on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from buergerinfo.checking import confidential
from buergerinfo.checking.messages import closest_path, field_path, unknown
from buergerinfo.documents.kinds import classify, is_active_content, stored_name_problem
from buergerinfo.model.references import reference_problem, reference_slug
from buergerinfo.model.stored_files import StoredLocation
from buergerinfo.model.structure import ATTACHMENTS_DIR, PAPERS_DIR, BodyRecord, PaperRecord
from buergerinfo.reading.problems import DataProblem
from buergerinfo.reading.settings import CONFIG_FILE, Settings
from buergerinfo.reading.yamldocument import Path_, YamlDocument, YamlSyntaxError
from buergerinfo.reading.yamlsource import load_yaml

STORE_FOLDER_SETTING = "extra.buergerinfo.anlagen_ablage.ordner"


class PaperChecks:
    """Mixed into the loader, whose `problem`, `archive`, `settings` and broken-file sets these use."""

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

    def body_folder(self, path: Path) -> str:
        """The Körperschaft folder a Vorlage file lies in, also inside a year folder."""
        for tree in (self.root / "data", self.settings.confidential_dir):
            if tree is not None and path.is_relative_to(tree / PAPERS_DIR):
                parts = path.relative_to(tree / PAPERS_DIR).parts
                return parts[0] if len(parts) > 1 else ""
        return path.parent.name

    def note_broken_paper(self, path: Path) -> None:
        """Remember which number a Vorlage that failed its own checks would have had.

        References to it are then not reported on top of its own problems.
        """
        folder = self.body_folder(path)
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
        prefix = f"{label}/"
        written = relative.replace("\\", "/").lstrip("./")
        if written.startswith(prefix):
            # The path is written from the repository root; `datei` counts from the attachments folder.
            shortened = written[len(prefix) :]
            found = "; die Datei gibt es" if (base / shortened).is_file() else ""
            self.problem(
                source,
                position,
                path,
                f"der Pfad wird ab dem Ordner {prefix} angegeben, ohne „{prefix}“ davor: bitte „{shortened}“ "
                f"schreiben{found}",
            )
        elif not target.is_relative_to(base):
            self.problem(source, position, path, f"Pfad „{relative}“ verlässt den Ordner {label}/")
        elif not target.is_file():
            near = closest_path(relative, self.attachment_files(base))
            hint = f" – meinten Sie „{near}“?" if near else f" (der Ordner {prefix} enthält keine ähnliche Datei)"
            self.problem(source, position, path, f"Datei „{label}/{relative}“ nicht gefunden{hint}")
        elif is_active_content(target):
            # The site serves Anlagen from its own origin: a page with script there could read and
            # rewrite every page of the site. classify() words why and what is expected instead.
            verdict = classify(target)
            self.problem(source, position, path, f"Anlage „{label}/{relative}“: {verdict.message}")

    def check_stored(self, source: str, document: YamlDocument, entry: StoredLocation, path: Path_) -> None:
        """An entry with `ablage`: the store is configured, holds the object, with the size `groesse` says.

        Only `stat`: no file of the store is read or hashed here, so the check stays fast at any size (the
        import hashes while it writes; the name is the content's hash, so a file cannot change unnoticed
        without its size changing or the next import noticing).
        """
        store = self.settings.attachment_store
        where = path + ("ablage",)
        if store is None:
            self.problem(
                source, document.position_of(where + ("__value__",)), where,
                "eine Anlage in der Anlagen-Ablage, aber mkdocs.yml nennt keine: bitte unter "
                "„extra.buergerinfo.anlagen_ablage“ den Ordner angeben (`ordner:`, optional `adresse:`) oder die "
                "Datei nach data/anlagen/ legen und mit `datei:` eintragen",
            )
            return
        refused = stored_name_problem(entry.file_name)
        if refused:
            name_path = path + ("dateiname",)
            self.problem(source, document.position_of(name_path + ("__value__",)), name_path,
                         f"Anlage „{entry.file_name}“: {refused}")
            return
        name = entry.store_object
        try:
            size = store.file(name).stat().st_size
        except OSError:
            if store.folder.is_dir():
                self.problem(source, document.position_of(where + ("__value__",)), where,
                             f"die Datei „{name}“ fehlt in der Anlagen-Ablage (mit `./bi anlage` oder "
                             "`./bi import-oparl … --dateien` ablegen)")
            # A folder that is not there at all is said once for the archive (`unmounted_store_problems`).
            return
        if size != entry.size:
            size_path = path + ("groesse",)
            self.problem(
                source, document.position_of(size_path + ("__value__",)), size_path,
                f"die Datei „{name}“ der Anlagen-Ablage hat {size} Bytes, eingetragen sind {entry.size}; erwartet: "
                f"groesse: {size} (oder die Prüfsumme unter `ablage` stimmt nicht)",
            )

    def attachment_files(self, base: Path) -> list[str]:
        """Every file below an attachments folder, relative to it; read once per load."""
        if base not in self._attachment_files:
            self._attachment_files[base] = sorted(
                p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()
            ) if base.is_dir() else []
        return self._attachment_files[base]


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


def unmounted_store_problems(settings: Settings, papers, dossiers) -> list[DataProblem]:
    """One problem, for the whole archive, when its Anlagen-Ablage is not on this machine but entries use it.

    Said once, not for each of thousands of Anlagen, and made anew on every load (the preview reloads).
    With an `adresse` the pages link the files there and need none of them: a warning, so an editor's
    laptop or a build that does not mount the store can go on; without one the site must carry the files.
    """
    store = settings.attachment_store
    if store is None or store.folder.is_dir():
        return []
    used = any(entry.store for record in papers for entry in record.paper.auxiliary_files) or any(
        entry.store for record in dossiers for entry in record.dossier.documents)
    if not used:
        return []
    missing = f"den Ordner der Anlagen-Ablage {store.folder} gibt es auf diesem Rechner nicht (nicht eingehängt?)"
    if store.address:
        return [DataProblem(CONFIG_FILE, 1, 1, STORE_FOLDER_SETTING,
                            f"{missing}; Anlagen mit `ablage` werden deshalb nicht geprüft, die Seiten verlinken sie "
                            f"unter {store.address}, und ihr Text kommt nicht in die Suche", "Warnung")]
    return [DataProblem(CONFIG_FILE, 1, 1, STORE_FOLDER_SETTING,
                        f"{missing}; ohne `adresse:` bringt die Website die Dateien selbst mit und braucht sie deshalb "
                        "beim Bauen")]

