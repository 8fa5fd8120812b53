"""The words the site uses for results and states, and what each one means.

A Körperschaft extends the result vocabulary in its own data file
(`beschlussarten`), so a county with its own Beschlussarten needs no code change.
"""

from __future__ import annotations

from dataclasses import dataclass

from buergerinfo.model.base import RESULT_FAMILIES
from buergerinfo.model.body import Body, ResultKind


@dataclass(frozen=True)
class Badge:
    label: str
    colour: str  # one of model.BadgeColour; CSS class `bi-badge--<colour>`
    description: str = ""


def _kind(label: str, colour: str, final: bool, description: str, family: str) -> ResultKind:
    return ResultKind.model_validate(
        {"bezeichnung": label, "farbe": colour, "abschliessend": final, "erlaeuterung": description, "familie": family}
    )


DEFAULT_RESULT_KINDS: tuple[ResultKind, ...] = (
    _kind(
        "ungeändert beschlossen",
        "erfolg",
        True,
        "Das Gremium hat den Beschlussvorschlag unverändert angenommen.",
        "beschlossen",
    ),
    _kind(
        "geändert beschlossen",
        "erfolg",
        True,
        "Das Gremium hat den Beschlussvorschlag mit Änderungen angenommen.",
        "beschlossen",
    ),
    _kind(
        "beschlossen",
        "erfolg",
        True,
        "Das Gremium hat einen Beschluss gefasst; ob mit Änderungen, ist nicht überliefert.",
        "beschlossen",
    ),
    _kind("abgelehnt", "negativ", True, "Das Gremium hat den Beschlussvorschlag abgelehnt.", "abgelehnt"),
    _kind(
        "zur Kenntnis genommen",
        "hinweis",
        True,
        "Das Gremium hat die Vorlage zur Kenntnis genommen.",
        "zur Kenntnis genommen",
    ),
    _kind("vertagt", "warnung", False, "Die Beratung wurde auf eine spätere Sitzung verschoben.", "vertagt"),
    _kind("verwiesen", "warnung", False, "Die Vorlage wurde an ein anderes Gremium verwiesen.", "verwiesen"),
    _kind("zurückgezogen", "neutral", True, "Die Vorlage wurde zurückgezogen.", "zurückgezogen"),
    _kind(
        "erledigt",
        "neutral",
        True,
        "Die Vorlage hat sich erledigt, ohne dass das Gremium in der Sache entschieden hat, z. B. durch einen "
        "anderen Beschluss oder weil sie gegenstandslos geworden ist.",
        "erledigt",
    ),
)

IN_CONSULTATION = Badge("in Beratung", "hinweis", "Die Beratung ist noch nicht abgeschlossen.")
RESULT_NOT_RECORDED = Badge(
    "Ergebnis nicht erfasst",
    "neutral",
    "Die Beratung hat stattgefunden; ein Ergebnis ist in diesen Daten nicht erfasst.",
)
NOT_SCHEDULED = Badge("noch nicht terminiert", "neutral", "Für diese Vorlage ist noch keine Beratung angesetzt.")
UPCOMING = Badge("anstehend", "hinweis", "Die Sitzung liegt in der Zukunft.")
NOT_PUBLIC = Badge(
    "Ergebnis nicht öffentlich", "neutral", "Die Beratung fand in nicht öffentlicher Sitzung statt; Einzelheiten werden nicht veröffentlicht."
)

DERIVED_STATES: tuple[Badge, ...] = (IN_CONSULTATION, RESULT_NOT_RECORDED, NOT_SCHEDULED)

DEFAULT_PAPER_TYPES: tuple[str, ...] = (
    "Beschlussvorlage",
    "Mitteilungsvorlage",
    "Informationsvorlage",
    "Antrag",
    "Anfrage",
    "Bericht",
    "Stellungnahme",
)


class Vocabulary:
    """Result kinds and paper types valid for one Körperschaft."""

    def __init__(self, body: Body | None = None) -> None:
        kinds = list(DEFAULT_RESULT_KINDS) + (list(body.extra_result_kinds) if body else [])
        self.result_kinds: dict[str, ResultKind] = {kind.label: kind for kind in kinds}
        self.paper_types: tuple[str, ...] = DEFAULT_PAPER_TYPES + tuple(body.extra_paper_types if body else ())

    def result(self, label: str) -> ResultKind | None:
        return self.result_kinds.get(label)

    def family(self, label: str) -> str:
        """The family a result word counts in for lists and filters (see model.RESULT_FAMILIES).

        A word without a stated family that ends in "beschlossen" ("mehrheitlich beschlossen")
        counts as beschlossen; any other word, and any derived state, stands for itself.
        """
        kind = self.result_kinds.get(label)
        if kind is not None and kind.family:
            return kind.family
        return "beschlossen" if label == "beschlossen" or label.endswith(" beschlossen") else label

    def family_badge(self, family: str) -> Badge:
        """The badge of a family as lists show it: the colour of the family's own word."""
        kind = self.result_kinds.get(family)
        if family in RESULT_FAMILIES and kind is not None:
            words = [label for label in self.result_kinds if self.family(label) == family]
            return Badge(family, kind.colour, "Alle Ergebnisse dieser Art: " + ", ".join(words) + ".")
        return Badge(family, kind.colour if kind else "neutral", kind.description or "" if kind else "")

    def badge(self, label: str) -> Badge:
        kind = self.result_kinds[label]
        return Badge(kind.label, kind.colour, kind.description or "")
