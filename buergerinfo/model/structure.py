"""The loaded archive and its records: what the check hands to views, site, exports and commands.

A record pairs a data object of `buergerinfo.model` with where it came from (its file)
and the key that gives its page address; the Archive holds all of them. Loading and
checking live in `buergerinfo.checking.archive`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from buergerinfo.model.body import Body
from buergerinfo.model.dossier import Dossier, Topic
from buergerinfo.model.meeting import MeetingFacts
from buergerinfo.model.paper import Paper
from buergerinfo.model.people import PeopleFile
from buergerinfo.model.redirect import Redirect
from buergerinfo.model.vocabulary import Vocabulary
from buergerinfo.model.stored_files import StoredLocation
from buergerinfo.reading.problems import DataProblem
from buergerinfo.reading.settings import AttachmentStore

BODIES_DIR = "koerperschaften"
PAPERS_DIR = "vorlagen"
DOSSIERS_DIR = "dossiers"
MEETINGS_DIR = "sitzungen"
PEOPLE_DIR = "personen"
ATTACHMENTS_DIR = "anlagen"
TOPICS_FILE = "themen.yml"
REDIRECTS_FILE = "weiterleitungen.yml"


def paper_address(body_id: str, file_id: str) -> str:
    """The address of a Vorlage's page: it stays the same wherever in data/vorlagen/<körperschaft>/ the file lies."""
    return f"vorlagen/{body_id}/{file_id}/"


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
class PeopleRecord:
    """data/personen/<körperschaft>.yml: the Körperschaft's Wahlperioden, Fraktionen and Personen."""

    id: str  # the Körperschaft's key, which is also the file name
    source: str
    people: PeopleFile


@dataclass
class Archive:
    root: Path  # the repository root; data lives in root / "data"
    bodies: dict[str, BodyRecord] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    papers: list[PaperRecord] = field(default_factory=list)
    dossiers: dict[str, DossierRecord] = field(default_factory=dict)
    # (Körperschaft, Gremium, day, which Sitzung of that day) -> the entry of data/sitzungen/
    meeting_facts: dict[tuple[str, str, dt.date, int], MeetingFacts] = field(default_factory=dict)
    redirects: list[Redirect] = field(default_factory=list)
    people: dict[str, PeopleRecord] = field(default_factory=dict)  # by Körperschaft
    warnings: list[DataProblem] = field(default_factory=list)
    store: AttachmentStore | None = None  # the Anlagen-Ablage, when mkdocs.yml names one

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def attachment_path(self, relative: str) -> Path:
        """An Anlage of a public Vorlage or a dossier (Anlagen of nicht öffentliche Vorlagen are never published)."""
        return self.data_dir / ATTACHMENTS_DIR / relative

    def attachment_file(self, entry: StoredLocation) -> Path | None:
        """An entry's file on this machine: below data/anlagen/, or in the Anlagen-Ablage; None for `url`."""
        if entry.path:
            return self.attachment_path(entry.path)
        stored = entry.store_object
        return self.store.file(stored) if stored and self.store else None

    def attachment_public_url(self, entry: StoredLocation) -> str | None:
        """The address on another host where visitors get a file of the Ablage (`adresse`); None: on the site."""
        stored = entry.store_object
        return self.store.public_url(stored) if stored and self.store else None
