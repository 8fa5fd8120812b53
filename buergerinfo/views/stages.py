"""How far a dossier's story has come, in words that cannot be taken for a result.

A dossier's steps (Verlauf) each belong to a phase (Auftrag … Überprüfung). Its stage is the
furthest phase reached by a dated step up to today; undated steps may be plans and do not count.
The decision phase is "beschlossen" only when the step's Vorlage has a recorded result of the
family "beschlossen" on that day; until then the concept is "zur Entscheidung vorgelegt".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from buergerinfo.model.dossier import DOSSIER_PHASES, Milestone
from buergerinfo.model.paper import Consultation
from buergerinfo.model.body import Organization
from buergerinfo.model.structure import BodyRecord, DossierRecord, PaperRecord


class Lookup(Protocol):
    """What a stage needs to know of the archive; `views.Views` provides it (and passes itself)."""

    today: dt.date

    def paper(self, body_id: str, number: str | None) -> PaperRecord | None: ...

    def body(self, body_id: str) -> BodyRecord: ...

    def organization(self, body_id: str, org_id: str) -> Organization: ...

# How the timeline names each phase: process words, none of which reads like a result.
PHASE_WORDS = {
    "Auftrag": "Auftrag",
    "Beteiligung": "Beteiligung",
    "Entwurf": "Entwurf",
    "Beschluss": "Beschlussfassung",
    "Umsetzung": "Umsetzung",
    "Überprüfung": "Überprüfung",
}
_STAGES = {
    "Auftrag": ("Auftrag erteilt", "Die Politik hat den Auftrag erteilt; weitere Schritte sind noch nicht erfasst."),
    "Beteiligung": ("in der Beteiligung", "Beteiligte arbeiten am Vorhaben mit; ein Entwurf ist noch nicht erfasst."),
    "Entwurf": (
        "Entwurf in Arbeit",
        "Ein Entwurf wird erarbeitet oder liegt vor; eine Entscheidung ist noch nicht erfasst.",
    ),
    "Umsetzung": ("in Umsetzung", "Das Vorhaben wird umgesetzt."),
    "Überprüfung": ("in Überprüfung", "Das Erreichte wird überprüft und fortgeschrieben."),
}


@dataclass(frozen=True)
class DossierStage:
    label: str
    description: str
    milestone: Milestone
    decision: tuple[PaperRecord, Consultation] | None = None  # the recorded decision behind "beschlossen"


def dossier_stage(views: Lookup, record: DossierRecord) -> DossierStage | None:
    """Where the story stands: the latest dated step of the furthest phase reached; None without one."""
    reached = [m for m in record.dossier.milestones if m.date and m.date <= views.today]
    if not reached:
        return None
    phase = max((m.phase for m in reached), key=DOSSIER_PHASES.index)
    milestone = max((m for m in reached if m.phase == phase), key=lambda m: m.date)
    if phase != "Beschluss":
        label, description = _STAGES[phase]
        return DossierStage(label, description, milestone)
    decision = milestone_decision(views, record, milestone)
    if decision is None:
        return DossierStage("zur Entscheidung vorgelegt", "Ein Beschluss ist in diesen Daten nicht erfasst.", milestone)
    paper, consultation = decision
    organization = views.organization(paper.body_id, consultation.organization)
    return DossierStage(
        f"beschlossen am {consultation.date:%d.%m.%Y}",
        f"{organization.name}: {consultation.result} (Vorlage {paper.paper.reference or paper.paper.name})",
        milestone,
        decision,
    )


def milestone_decision(
    views: Lookup, record: DossierRecord, milestone: Milestone
) -> tuple[PaperRecord, Consultation] | None:
    """The recorded "beschlossen" result of a step: its Vorlage's Beratung on the step's day (by its Gremium)."""
    paper = views.paper(record.dossier.body, milestone.paper)
    if paper is None or milestone.date is None:
        return None
    vocabulary = views.body(paper.body_id).vocabulary
    decided = [
        c
        for c in paper.paper.consultations
        if c.result
        and vocabulary.family(c.result) == "beschlossen"
        and c.date == milestone.date
        and (milestone.organization is None or c.organization == milestone.organization)
    ]
    return (paper, decided[-1]) if decided else None
