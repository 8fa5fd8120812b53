"""JSON Schemas for the data files, generated from the model.

Editors get autocompletion, hover texts and red squiggles in their editor (VS Code
with the YAML extension reads `schemas/*.schema.json`, see `.vscode/settings.json`
and the `# yaml-language-server: $schema=…` line at the top of every data file).
The schemas are generated from the same pydantic classes that validate the data,
so they cannot drift apart; `buergerinfo schema --check` fails when the committed
files are older than the model.

What the schema cannot know (Gremien of a Körperschaft, numbers of other Vorlagen,
results a Körperschaft adds) stays with `buergerinfo check`; the schema offers the
default result words and paper types as examples for autocompletion.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from buergerinfo.model.base import DATE_PATTERN_IN_RANGE, SCHEMA_LINE, DataModel
from buergerinfo.model.body import Body
from buergerinfo.model.dossier import Dossier, TopicsFile
from buergerinfo.model.meeting import MeetingFactsFile
from buergerinfo.model.paper import Paper
from buergerinfo.model.people import PeopleFile
from buergerinfo.model.redirect import RedirectsFile
from buergerinfo.model.vocabulary import DEFAULT_PAPER_TYPES, DEFAULT_RESULT_KINDS

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# File name (without .schema.json) -> the model of one data file. The data files
# name these files in their first line; the names must not change.
SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "koerperschaft": Body,
    "vorlage": Paper,
    "dossier": Dossier,
    "sitzungen": MeetingFactsFile,
    "themen": TopicsFile,
    "weiterleitungen": RedirectsFile,
    "personen": PeopleFile,
}

# Titles and descriptions editors see when hovering; the classes' docstrings are for developers.
MODEL_TEXTS: dict[str, tuple[str, str]] = {
    "Body": (
        "Körperschaft",
        "Eine Körperschaft (z. B. ein Landkreis) mit ihren Gremien und Schreibweisen. "
        "Datei: data/koerperschaften/<schlüssel>.yml",
    ),
    "Organization": ("Gremium", "Ein Gremium der Körperschaft, z. B. Kreistag oder Ausschuss."),
    "ResultKind": ("Beschlussart", "Ein zusätzliches Wort für `ergebnis` in den Beratungsfolgen dieser Körperschaft."),
    "Paper": (
        "Vorlage",
        "Eine Vorlage (Beschlussvorlage, Mitteilung, Antrag …). "
        "Datei: data/vorlagen/<körperschaft>/<nummer>.yml, z. B. 0042-2019.yml",
    ),
    "Consultation": (
        "Beratung",
        "Ein Eintrag der Beratungsfolge: welches Gremium die Vorlage an welchem Tag berät, und mit welchem Ergebnis.",
    ),
    "VoteCount": ("Abstimmung", "Stimmen bei der Abstimmung: ja/nein/enthaltung oder einstimmig: true."),
    "Person": (
        "Einreicher",
        "Wer die Vorlage einreicht: ein Name als Text, oder eine Person (`person`) bzw. Fraktion (`fraktion`) aus "
        "data/personen/ über ihren Schlüssel.",
    ),
    "Signature": ("Unterzeichnung", "Die Zeile unter der Vorlage, z. B. „Wittmund, den 26.04.2019 – gez. Hinrichs, Uwe“."),
    "FinancialEffects": (
        "Finanzielle Auswirkungen",
        "Beträge bleiben Text, wie in der Vorlage geschrieben, z. B. „keine“ oder „Personalkosten + 10.000 €“.",
    ),
    "StaffingEffects": ("Personelle Auswirkungen", "Auswirkungen auf den Stellenplan."),
    "AuxiliaryFile": (
        "Anlage",
        "Eine Anlage der Vorlage: eine Datei in data/anlagen/, eine Adresse (url) oder keins von beiden – "
        "dann wird sie als „liegt nicht vor“ angezeigt.",
    ),
    "MeetingFactsFile": (
        "Sitzungen",
        "Zusätzliche Angaben zu Sitzungen einer Körperschaft (Uhrzeit, Ort). Die Sitzungen selbst "
        "entstehen aus den Beratungsfolgen der Vorlagen. Datei: data/sitzungen/<körperschaft>.yml",
    ),
    "MeetingFacts": (
        "Sitzung",
        "Angaben zu einer Sitzung, erkannt an Gremium und Datum (und `sitzung_am_tag`, wenn das Gremium an diesem Tag "
        "mehrmals tagte).",
    ),
    "Dossier": (
        "Dossier",
        "Die Geschichte eines Themas in einer Körperschaft, z. B. ihres Integrationskonzepts. "
        "Datei: data/dossiers/<schlüssel>.yml",
    ),
    "Milestone": ("Verlaufsschritt", "Ein Schritt im Verlauf des Themas, in zeitlicher Reihenfolge."),
    "FieldOfAction": ("Handlungsfeld", "Ein Handlungsfeld des Konzepts."),
    "Measure": ("Maßnahme", "Eine Maßnahme und ihr Stand."),
    "KeyFigure": ("Kennzahl", "Eine Kennzahl mit Bezeichnung und Wert, beides als Text."),
    "ParticipantGroup": ("Beteiligte", "Eine Gruppe von Beteiligten."),
    "DossierDocument": ("Dokument", "Ein Dokument zum Thema: eine Datei in data/anlagen/ oder eine Adresse."),
    "TopicsFile": (
        "Themen",
        "Themen, zu denen mehrere Körperschaften Dossiers führen; die Themenseite stellt sie nebeneinander. "
        "Datei: data/themen.yml",
    ),
    "Topic": ("Thema", "Ein Thema mit Schlüssel; Dossiers nennen den Schlüssel unter `thema`."),
    "RedirectsFile": (
        "Weiterleitungen",
        "Alte Adressen umbenannter Vorlagen und wohin sie führen; gepflegt von `./bi umbenennen`. "
        "Datei: data/weiterleitungen.yml",
    ),
    "Redirect": ("Weiterleitung", "Eine alte Adresse und die neue, zu der sie führt."),
    "PeopleFile": (
        "Personen und Fraktionen",
        "Wahlperioden, Fraktionen und Personen einer Körperschaft mit ihren Mitgliedschaften. Nur Angaben zum "
        "Mandat; Kontaktdaten und Fotos nur mit Einwilligung. Datei: data/personen/<körperschaft>.yml",
    ),
    "LegislativeTerm": ("Wahlperiode", "Eine Wahlperiode mit Beginn und Ende."),
    "Group": ("Fraktion", "Eine Fraktion, Gruppe oder Partei der Körperschaft."),
    "PersonEntry": ("Person", "Eine Person mit Mandat oder Sitz in einem Gremium (auch sachkundige Bürger/innen)."),
    "Membership": ("Mitgliedschaft", "Mitgliedschaft in einer Fraktion oder einem Gremium, mit Rolle und Zeitraum."),
    "Contact": ("Kontakt", "Kontaktdaten – nur mit Einwilligung der Person, und nur solange sie ein Mandat hat."),
    "Photo": ("Foto", "Ein Foto – nur mit Einwilligung der Person und einer Lizenz."),
    "Consent": ("Einwilligung", "Wann die Person in die Veröffentlichung eingewilligt hat."),
    "GroupVote": ("Abstimmung einer Fraktion", "Wie eine Fraktion abgestimmt hat: geschlossen (votum) oder mit Stimmen."),
    "NamedVote": ("Namentliche Stimme", "Die Stimme einer Person in einer namentlichen Abstimmung."),
}


# Descriptions for fields whose model field has none, or needs a word more for editors
# (keyed by class name and YAML key).
FIELD_TEXTS: dict[tuple[str, str], str] = {
    ("Body", "$schema"): SCHEMA_LINE,
    ("Body", "name"): "Amtlicher Name, z. B. „Landkreis Wittmund“",
    ("Body", "kurzname"): "Kurzform für Listen, z. B. „Wittmund“",
    ("Body", "beschreibung"): "Einleitender Text auf der Seite der Körperschaft (Markdown)",
    ("Body", "nummernbeispiel"): "Eine Vorlagen-Nr. im Nummernformat, z. B. `0042/2019`; erscheint in Fehlermeldungen",
    ("Body", "gremien"): "Die Gremien; in Beratungsfolgen steht ihr Schlüssel (`id`)",
    ("Organization", "name"): "Name des Gremiums, z. B. „Ausschuss für Arbeit und Soziales“",
    ("Organization", "kurzname"): "Kurzform, z. B. „Kreistag“",
    ("Organization", "beschreibung"): "Text zum Gremium (Markdown)",
    ("ResultKind", "erlaeuterung"): "Was das Ergebnis bedeutet; erscheint als Erklärung beim Badge",
    ("MeetingFactsFile", "$schema"): SCHEMA_LINE,
    ("MeetingFactsFile", "koerperschaft"): "Schlüssel der Körperschaft (Dateiname in data/koerperschaften/)",
    ("MeetingFactsFile", "sitzungen"): "Angaben zu einzelnen Sitzungen",
    ("MeetingFacts", "gremium"): "Schlüssel des Gremiums",
    ("MeetingFacts", "datum"): "Sitzungstag, JJJJ-MM-TT",
    ("MeetingFacts", "name"): "Bezeichnung der Sitzung, z. B. „21. ordentliche Sitzung“",
    ("MeetingFacts", "ort"): "Sitzungsort",
    ("MeetingFacts", "beginn"): 'Uhrzeit in Anführungszeichen, z. B. "15:00" (ohne Anführungszeichen liest YAML eine Zahl)',
    ("MeetingFacts", "hinweis"): "Hinweis zur Sitzung (Markdown)",
    ("Dossier", "$schema"): SCHEMA_LINE,
    ("Dossier", "titel"): "Titel des Dossiers",
    ("Dossier", "koerperschaft"): "Schlüssel der Körperschaft",
    ("Dossier", "zusammenfassung"): "Worum es geht, in wenigen Sätzen (Markdown)",
    ("Dossier", "anlass"): "Anlass (Markdown)",
    ("Dossier", "ziele"): "Ziele, je Eintrag ein Satz",
    ("Dossier", "beteiligte"): "Beteiligte Gruppen",
    ("Dossier", "prozessschritte"): "Schritte des Prozesses",
    ("Dossier", "kennzahlen"): "Kennzahlen",
    ("Dossier", "verlauf"): "Der Verlauf in zeitlicher Reihenfolge",
    ("Dossier", "handlungsfelder"): "Handlungsfelder",
    ("Dossier", "massnahmen"): "Maßnahmen und ihr Stand",
    ("Dossier", "dokumente"): "Dokumente zum Thema",
    ("Milestone", "datum"): "Tag, JJJJ-MM-TT; sonst `zeitraum` angeben",
    ("Milestone", "phase"): "Phase des Verlaufs",
    ("Milestone", "titel"): "Was geschah",
    ("Milestone", "text"): "Näheres (Markdown)",
    ("Milestone", "gremium"): "Schlüssel des Gremiums, wenn ein Gremium beteiligt war",
    ("FieldOfAction", "name"): "Name des Handlungsfelds",
    ("FieldOfAction", "beschreibung"): "Beschreibung (Markdown)",
    ("Measure", "titel"): "Die Maßnahme",
    ("Measure", "beschreibung"): "Beschreibung (Markdown)",
    ("Measure", "handlungsfeld"): "Name des Handlungsfelds",
    ("Measure", "verantwortlich"): "Wer verantwortlich ist",
    ("Measure", "budget"): "Budget, als Text",
    ("Measure", "stand"): "Stand der Maßnahme",
    ("KeyFigure", "bezeichnung"): "Bezeichnung, z. B. „Einwohnerinnen und Einwohner“",
    ("KeyFigure", "wert"): "Wert als Text, z. B. „57.000“",
    ("ParticipantGroup", "gruppe"): "Name der Gruppe",
    ("ParticipantGroup", "mitglieder"): "Mitglieder, je Eintrag eines",
    ("DossierDocument", "titel"): "Titel des Dokuments",
    ("DossierDocument", "beschreibung"): "Beschreibung (Markdown)",
    ("DossierDocument", "datei"): "Pfad zur Datei, relativ zum Ordner `data/anlagen/`",
    ("DossierDocument", "url"): "Adresse des Dokuments im Netz",
    ("DossierDocument", "datum"): "Datum, JJJJ-MM-TT",
    ("TopicsFile", "$schema"): SCHEMA_LINE,
    ("TopicsFile", "themen"): "Die Themen",
    ("Topic", "id"): "Schlüssel des Themas, z. B. `integrationskonzept`",
    ("Topic", "titel"): "Titel des Themas",
    ("Topic", "beschreibung"): "Beschreibung (Markdown)",
}

# Words offered while typing. Not enums: a Körperschaft may add its own (beschlussarten, vorlagenarten).
FIELD_EXAMPLES: dict[tuple[str, str], list[str]] = {
    ("Consultation", "ergebnis"): [kind.label for kind in DEFAULT_RESULT_KINDS],
    ("Paper", "art"): list(DEFAULT_PAPER_TYPES),
}


DATE_MESSAGE = "Datum im Format JJJJ-MM-TT erwartet, z. B. 2019-05-13 (ein Tag, den es im Kalender gibt)"


class _Generator(GenerateJsonSchema):
    def date_schema(self, schema):  # noqa: D102 - see class docstring of the module
        # The YAML loader keeps dates as text, so the schema sees what the editor wrote; the pattern
        # also holds the years the check allows (limits.EARLIEST_YEAR..LATEST_YEAR).
        return {
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN_IN_RANGE,
            # Shown instead of the editor's English "String is not a RFC3339 date" and the pattern.
            "patternErrorMessage": DATE_MESSAGE,
            "errorMessage": DATE_MESSAGE,
        }


def _models() -> dict[str, type[BaseModel]]:
    """Every data class of the model (the modules of buergerinfo.model are all imported above)."""
    found: dict[str, type[BaseModel]] = {}
    pending = list(DataModel.__subclasses__())
    while pending:
        cls = pending.pop()
        if cls.__module__.startswith("buergerinfo.model."):
            found[cls.__name__] = cls
        pending.extend(cls.__subclasses__())
    return found


def _check_tables() -> None:
    """Fail loudly when a text table names a class or key the model no longer has."""
    models = _models()
    for class_name in MODEL_TEXTS:
        if class_name not in models:
            raise RuntimeError(f"schema.MODEL_TEXTS: no model class {class_name}")
    for class_name, key in (*FIELD_TEXTS, *FIELD_EXAMPLES):
        cls = models.get(class_name)
        keys = {info.alias or name for name, info in cls.model_fields.items()} if cls else set()
        if key not in keys:
            raise RuntimeError(f"schema tables: {class_name} has no field `{key}`")


def _localise(object_schema: dict[str, Any], class_name: str) -> None:
    title, description = MODEL_TEXTS.get(class_name, (object_schema.get("title", class_name), ""))
    object_schema["title"] = title
    if description:
        object_schema["description"] = description
    else:
        object_schema.pop("description", None)
    for key, prop in object_schema.get("properties", {}).items():
        prop.pop("title", None)
        if prop.get("default", ...) is None:
            del prop["default"]
        text = FIELD_TEXTS.get((class_name, key))
        if text:
            prop["description"] = text
        examples = FIELD_EXAMPLES.get((class_name, key))
        if examples:
            prop["examples"] = examples


def _non_blank_text(node: Any) -> None:
    """A required text with minLength 1 must also contain something other than spaces, as the model strips them."""
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("minLength") == 1 and "pattern" not in node:
            node["pattern"] = r"\S"
        for value in node.values():
            _non_blank_text(value)
    elif isinstance(node, list):
        for value in node:
            _non_blank_text(value)


_TOP_ORDER = ("$schema", "title", "description", "type", "properties", "required", "additionalProperties", "$defs")


def json_schema(data_model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) for one kind of data file, keyed by the German YAML keys."""
    _check_tables()
    schema = data_model.model_json_schema(by_alias=True, mode="validation", schema_generator=_Generator)
    _localise(schema, data_model.__name__)
    for class_name, definition in schema.get("$defs", {}).items():
        _localise(definition, class_name)
    _non_blank_text(schema)
    schema["$schema"] = DIALECT
    ordered = {key: schema[key] for key in _TOP_ORDER if key in schema}
    ordered.update({key: value for key, value in schema.items() if key not in ordered})
    return ordered


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def generic_schema_texts() -> tuple[dict[str, str], dict[str, Any]]:
    """File name -> file content of every schema the model alone defines, and the generic Vorlage schema."""
    generic = {name: json_schema(data_model) for name, data_model in SCHEMA_FILES.items()}
    return {f"{name}.schema.json": schema_text(schema) for name, schema in generic.items()}, generic["vorlage"]
