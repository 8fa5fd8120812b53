"""Synthetic council archives for load tests: plausible, fictional, deterministic.

`generate(out_dir, count, seed)` writes a complete `data/` tree (Körperschaften,
Vorlagen, Themen, one dossier and one Sitzungen file per Körperschaft) that
passes `buergerinfo.archive.load_archive`, and the nicht öffentliche Vorlagen
into `nicht-oeffentlich/vorlagen/` beside it, as a county with a public
repository keeps them (buergerinfo.confidential). Everything comes from one
`random.Random(seed)`, so the same arguments give byte-identical files.

The Körperschaften, places and people are invented; every Körperschaft says in
its description that it is synthetic, and its website is under `.example`.
Sitzungen follow a calendar per Gremium (summer break, Wahlperioden), so their
number grows with the years covered, not with the number of Vorlagen, as in a
real archive. Attachments carry only a title and a stated size: no files.

Plain Python, no MkDocs import: this is part of the core layer.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from buergerinfo.checking.confidential import PUBLIC_FACTS_OF_A_CONSULTATION
from buergerinfo.reading.settings import DEFAULT_CONFIDENTIAL_DIR
from buergerinfo.model.vocabulary import DEFAULT_PAPER_TYPES

# The "today" the generated archive is built around. Beratungen after it have no result yet.
# Same day as the tests' BUERGERINFO_TODAY, so the generated data has Sitzungen ahead of it.
DEFAULT_TODAY = dt.date(2026, 11, 21)
YEARS_COVERED = 10
TOPIC_ID = "klimaschutz"

try:  # libyaml's emitter is several times faster; the output is the same YAML.
    _BaseDumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseDumper = yaml.SafeDumper


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """yaml.safe_dump, but multi-line text as a literal block, as an editor would write it."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # a date used twice is written twice, never as an anchor


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """Same as yaml.safe_dump(data, allow_unicode=True, sort_keys=False), with block text."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


# --- the fictional Körperschaften ------------------------------------------------------------


@dataclass(frozen=True)
class BodySpec:
    id: str
    name: str
    short_name: str
    kind: str  # Landkreis or Stadt
    genitive: str  # "des Landkreises Hohenmoor"
    seat: str  # where papers are signed
    head: str  # "Der Landrat"
    head_name: str
    council: tuple[str, str, str, str]  # id, name, genitive, art
    main_committee: tuple[str, str, str]  # id, name, genitive
    main_committee_public: bool  # in Niedersachsen the Kreisausschuss meets in private
    number_style: str  # see _format_number
    weight: float  # share of all Vorlagen
    extra_types: tuple[str, ...] = ()
    extra_results: tuple[dict[str, Any], ...] = ()
    # A city's archive outgrows one folder (GitHub lists 1,000 entries): one folder per year.
    year_folders: bool = False
    numbers_optional: bool = False  # some papers of this body carry no printed number


BODIES: tuple[BodySpec, ...] = (
    BodySpec(
        "landkreis-hohenmoor", "Landkreis Hohenmoor", "Hohenmoor", "Landkreis", "des Landkreises Hohenmoor",
        "Hohenmoor", "Der Landrat", "Albers, Henning",
        ("kreistag", "Kreistag", "des Kreistages", "Kreistag"),
        ("kreisausschuss", "Kreisausschuss", "des Kreisausschusses"), False, "seq/year", 0.30,
    ),
    BodySpec(
        "stadt-lindenhagen", "Stadt Lindenhagen", "Lindenhagen", "Stadt", "der Stadt Lindenhagen",
        "Lindenhagen", "Die Oberbürgermeisterin", "Brinkmann, Dörte",
        ("rat", "Rat der Stadt Lindenhagen", "des Rates", "Rat"),
        ("verwaltungsausschuss", "Verwaltungsausschuss", "des Verwaltungsausschusses"), False, "VO/year/seq", 0.25,
        extra_types=("Dringlichkeitsvorlage",),
        year_folders=True,
    ),
    BodySpec(
        "landkreis-talbrueck", "Landkreis Talbrück", "Talbrück", "Landkreis", "des Landkreises Talbrück",
        "Talbrück", "Der Landrat", "Wendt, Matthias",
        ("kreistag", "Kreistag Landkreis Talbrück", "des Kreistages", "Kreistag"),
        ("kreisausschuss", "Kreisausschuss", "des Kreisausschusses"), True, "year/office/seq", 0.20,
        extra_results=(
            {
                "bezeichnung": "zurückgestellt",
                "farbe": "warnung",
                "abschliessend": False,
                "erlaeuterung": "Die Beratung wurde bis zur Klärung offener Fragen zurückgestellt.",
            },
        ),
    ),
    BodySpec(
        "stadt-erlenbuettel", "Stadt Erlenbüttel", "Erlenbüttel", "Stadt", "der Stadt Erlenbüttel",
        "Erlenbüttel", "Der Bürgermeister", "Janssen, Frerk",
        ("rat", "Rat der Stadt Erlenbüttel", "des Rates", "Rat"),
        ("hauptausschuss", "Hauptausschuss", "des Hauptausschusses"), True, "seq/yy", 0.15,
    ),
    BodySpec(
        "landkreis-kranichsee", "Landkreis Kranichsee", "Kranichsee", "Landkreis", "des Landkreises Kranichsee",
        "Kranichsee", "Die Landrätin", "Oltmanns, Gesa",
        ("kreistag", "Kreistag", "des Kreistages", "Kreistag"),
        ("kreisausschuss", "Kreisausschuss", "des Kreisausschusses"), True, "BV/seq/year", 0.10,
        numbers_optional=True,
    ),
)


@dataclass(frozen=True)
class Area:
    """A field of municipal work: its committee, its office and its words."""

    key: str
    committee: tuple[str, str, str]  # id, name, genitive
    office: str
    code: int  # office number in file numbers
    nouns: tuple[str, ...]
    subjects: tuple[str, ...]
    items: tuple[str, ...]
    laws: tuple[str, ...]


AREAS: tuple[Area, ...] = (
    Area(
        "schule",
        ("schulausschuss", "Ausschuss für Schule, Bildung und Sport", "des Ausschusses für Schule, Bildung und Sport"),
        "Fachdienst Schule und Sport", 40,
        ("Schulentwicklungsplanung", "Ganztagsbetreuung", "Schülerbeförderung", "Schulsozialarbeit",
         "Digitalausstattung der Schulen", "Inklusion an Schulen", "Schulbaurichtlinie", "Sportstättenförderung"),
        ("Sanierung der Turnhalle der Oberschule {place}", "Schulentwicklungsplanung {year} bis {year5}",
         "Erweiterung der Grundschule {place} um eine Mensa", "Schülerbeförderung: Anpassung der Satzung ab {year}",
         "Digitalpakt Schule: Beschaffung von Endgeräten für die Schulen in {place}",
         "Einrichtung einer Ganztagsschule in {place}", "Neubau einer Dreifeldsporthalle in {place}",
         "Zuschuss an den Sportverein {place} für die Sanierung des Kunstrasenplatzes"),
        ("Anmeldezahlen der Jahrgänge 1 und 5", "Raumbedarf für Ganztagsangebote", "Barrierefreiheit der Gebäude",
         "Ausstattung der Fachräume", "Kosten der Schülerbeförderung", "Sanierungsstau an den Schulgebäuden"),
        ("§ 106 NSchG", "Schulgesetz", "Ganztagsförderungsgesetz", "Sportförderrichtlinie"),
    ),
    Area(
        "soziales",
        ("sozialausschuss", "Ausschuss für Soziales, Gesundheit und Senioren",
         "des Ausschusses für Soziales, Gesundheit und Senioren"),
        "Fachdienst Soziales", 50,
        ("Pflegeplanung", "Eingliederungshilfe", "Wohngeld", "Seniorenberatung", "Integrationsarbeit",
         "Gesundheitsförderung", "Schuldnerberatung", "Teilhabe von Menschen mit Behinderungen"),
        ("Örtliche Pflegeplanung {year}", "Fortschreibung des Integrationskonzepts {body}",
         "Förderung der Schuldnerberatung ab {year}", "Einrichtung eines Pflegestützpunkts in {place}",
         "Bericht über die Eingliederungshilfe im Jahr {year}", "Seniorenbeirat: Neufassung der Geschäftsordnung",
         "Zuschuss an die Tafel {place} e. V.", "Kosten der Unterkunft: Anpassung der Richtwerte ab {year}"),
        ("Beratungsangebote im ländlichen Raum", "Zahl der Leistungsberechtigten", "Pflegeplätze und Wartelisten",
         "Zusammenarbeit mit den Wohlfahrtsverbänden", "Angemessenheit der Unterkunftskosten",
         "Ehrenamtliche Unterstützung in den Gemeinden"),
        ("SGB XII", "SGB IX", "Niedersächsisches Pflegegesetz", "Wohngeldgesetz"),
    ),
    Area(
        "jugend",
        ("jugendhilfeausschuss", "Jugendhilfeausschuss", "des Jugendhilfeausschusses"),
        "Fachdienst Jugend und Familie", 51,
        ("Kindertagesstätte", "Kindertagespflege", "Jugendarbeit", "Hilfen zur Erziehung", "Frühe Hilfen",
         "Jugendberufsagentur", "Kinderschutz", "Familienzentren"),
        ("Bedarfsplanung Kindertagesstätten {year}/{year1}", "Neubau einer Kindertagesstätte in {place}",
         "Richtlinie zur Förderung der Kindertagespflege", "Jugendförderplan {year} bis {year5}",
         "Zuschuss für das Jugendzentrum {place}", "Bericht über die Hilfen zur Erziehung {year}",
         "Elternbeiträge für Kindertagesstätten ab {year1}", "Einrichtung eines Familienzentrums in {place}"),
        ("Rechtsanspruch auf einen Betreuungsplatz", "Fachkräftegewinnung in den Kindertagesstätten",
         "Platzbedarf für Kinder unter drei Jahren", "Angebote der offenen Jugendarbeit",
         "Zusammenarbeit mit freien Trägern", "Entwicklung der Fallzahlen"),
        ("SGB VIII", "Kindertagesstättengesetz", "Kinder- und Jugendstärkungsgesetz"),
    ),
    Area(
        "bau",
        ("bauausschuss", "Ausschuss für Bauen, Planung und Verkehr", "des Ausschusses für Bauen, Planung und Verkehr"),
        "Fachdienst Bauen und Planen", 61,
        ("Bebauungsplan", "Radverkehrskonzept", "Kreisstraßenbau", "Öffentlicher Personennahverkehr",
         "Brückensanierung", "Flächennutzungsplan", "Wohnraumförderung", "Straßenbeleuchtung"),
        ("Bebauungsplan Nr. {num} „{street}“ in {place}: Aufstellungsbeschluss",
         "Sanierung der Kreisstraße {num} zwischen {place} und {place2}", "Radverkehrskonzept {body}",
         "Nahverkehrsplan {year} bis {year5}", "Ersatzneubau der Brücke über die {river} bei {place}",
         "Flächennutzungsplan: {num}. Änderung im Bereich {street}", "Förderung des sozialen Wohnungsbaus ab {year}",
         "Ausbau des Radweges an der {street} in {place}"),
        ("Verkehrsbelastung der Ortsdurchfahrt", "Zustand der Fahrbahn und der Nebenanlagen",
         "Anbindung an das Radwegenetz", "Ergebnis der frühzeitigen Öffentlichkeitsbeteiligung",
         "Stellungnahmen der Träger öffentlicher Belange", "Abstimmung mit den Versorgungsträgern"),
        ("§ 2 BauGB", "Baugesetzbuch", "Niedersächsisches Straßengesetz", "Nahverkehrsgesetz"),
    ),
    Area(
        "umwelt",
        ("umweltausschuss", "Ausschuss für Umwelt, Klima und Abfallwirtschaft",
         "des Ausschusses für Umwelt, Klima und Abfallwirtschaft"),
        "Fachdienst Umwelt und Klimaschutz", 70,
        ("Klimaschutzkonzept", "Abfallwirtschaft", "Hochwasserschutz", "Naturschutz", "Photovoltaik",
         "Gewässerunterhaltung", "Wärmeplanung", "Landschaftsschutzgebiet"),
        ("Abfallgebühren ab {year1}", "Photovoltaik auf den Dächern der Liegenschaften {body}",
         "Verordnung über das Landschaftsschutzgebiet „{street}“", "Kommunale Wärmeplanung für {place}",
         "Hochwasserschutz an der {river}: Deichertüchtigung bei {place}", "Förderprogramm Dachbegrünung {year}",
         "Bericht über die Abfallbilanz {year}", "Renaturierung der {river} im Bereich {place}"),
        ("Entwicklung der Treibhausgasemissionen", "Ausbau der erneuerbaren Energien", "Kosten der Entsorgung",
         "Schutz von Mooren und Feuchtgebieten", "Beteiligung der Naturschutzverbände", "Starkregenvorsorge"),
        ("Bundesnaturschutzgesetz", "Kreislaufwirtschaftsgesetz", "Wärmeplanungsgesetz", "Klimaschutzgesetz"),
    ),
    Area(
        "finanzen",
        ("finanzausschuss", "Finanzausschuss", "des Finanzausschusses"),
        "Fachdienst Finanzen", 20,
        ("Haushaltssatzung", "Jahresabschluss", "Beteiligungsbericht", "Investitionsprogramm", "Kreisumlage",
         "Haushaltssicherungskonzept", "Kassenkredite", "Gebührenkalkulation"),
        ("Haushaltssatzung und Haushaltsplan {year1}", "Jahresabschluss {year}", "Beteiligungsbericht {year}",
         "Überplanmäßige Aufwendung im Produkt {product}", "Investitionsprogramm {year1} bis {year5}",
         "Festsetzung der Kreisumlage für {year1}", "Annahme von Spenden im {quarter}. Quartal {year}",
         "Haushaltssicherungskonzept {year1}"),
        ("Entwicklung der ordentlichen Erträge", "Personal- und Versorgungsaufwendungen", "Investitionsauszahlungen",
         "Verschuldung und Zinsentwicklung", "Ergebnis der Jahresrechnung", "Risiken aus Beteiligungen"),
        ("§ 112 NKomVG", "Kommunalhaushalts- und -kassenverordnung", "§ 117 NKomVG"),
    ),
    Area(
        "wirtschaft",
        ("wirtschaftsausschuss", "Ausschuss für Wirtschaft, Tourismus und Kreisentwicklung",
         "des Ausschusses für Wirtschaft, Tourismus und Kreisentwicklung"),
        "Stabsstelle Wirtschaftsförderung", 80,
        ("Wirtschaftsförderung", "Breitbandausbau", "Tourismuskonzept", "Gewerbegebiet", "Fachkräftesicherung",
         "Regionalmarketing", "LEADER-Region", "Innenstadtentwicklung"),
        ("Breitbandausbau im Cluster {num}", "Erschließung des Gewerbegebietes „{street}“ in {place}",
         "Tourismuskonzept {year} bis {year5}", "Beteiligung an der Regionalmarketing GmbH",
         "LEADER-Förderperiode: regionales Entwicklungskonzept", "Förderung des Radtourismus an der {river}",
         "Sofortprogramm Innenstadt {place}", "Fachkräfteinitiative {body}"),
        ("Nachfrage nach Gewerbeflächen", "Versorgung mit Glasfaseranschlüssen", "Übernachtungszahlen",
         "Leerstände in den Ortskernen", "Kooperation mit der Industrie- und Handelskammer",
         "Förderquote des Landes"),
        ("Gigabitrichtlinie des Bundes", "GRW-Förderrichtlinie", "EU-Strukturfondsverordnung"),
    ),
    Area(
        "ordnung",
        ("ordnungsausschuss", "Ausschuss für Feuerwehr, Rettungsdienst und Ordnung",
         "des Ausschusses für Feuerwehr, Rettungsdienst und Ordnung"),
        "Fachdienst Ordnung und Brandschutz", 32,
        ("Brandschutzbedarfsplan", "Rettungsdienst", "Katastrophenschutz", "Feuerwehrtechnische Zentrale",
         "Bevölkerungsschutz", "Verkehrsüberwachung", "Leitstelle", "Tierseuchenvorsorge"),
        ("Fortschreibung des Rettungsdienstbedarfsplans {year}", "Neubau der Rettungswache {place}",
         "Beschaffung eines Einsatzleitwagens für den Katastrophenschutz",
         "Feuerwehrtechnische Zentrale: Erweiterung der Atemschutzwerkstatt", "Sirenenförderprogramm {year}",
         "Gebührensatzung für den Rettungsdienst ab {year1}", "Stationäre Geschwindigkeitsüberwachung in {place}",
         "Kooperative Regionalleitstelle: Vertrag ab {year1}"),
        ("Einhaltung der Hilfsfrist", "Zahl der Einsätze", "Ausstattung der Einheiten",
         "Alarmierung der Bevölkerung", "Gewinnung von Einsatzkräften", "Zusammenarbeit mit den Nachbarkreisen"),
        ("Niedersächsisches Rettungsdienstgesetz", "Brandschutzgesetz", "Katastrophenschutzgesetz"),
    ),
    Area(
        "kultur",
        ("kulturausschuss", "Ausschuss für Kultur und Ehrenamt", "des Ausschusses für Kultur und Ehrenamt"),
        "Fachdienst Kultur und Ehrenamt", 41,
        ("Kulturförderung", "Kreismuseum", "Musikschule", "Ehrenamtskarte", "Bibliothek", "Heimatpflege",
         "Denkmalpflege", "Kreisarchiv"),
        ("Zuschuss an den Heimatverein {place}", "Neukonzeption des Kreismuseums in {place}",
         "Entgeltordnung der Musikschule ab {year1}", "Einführung der Ehrenamtskarte",
         "Sanierung der Stadtbibliothek {place}", "Kulturentwicklungsplan {year} bis {year5}",
         "Denkmalpflegerische Maßnahmen an der Kirche {place}", "Digitalisierung der Bestände des Kreisarchivs"),
        ("Besucherzahlen", "Förderung kleiner Vereine", "Zustand der Gebäude", "Digitale Angebote",
         "Gewinnung Ehrenamtlicher", "Kooperation mit den Schulen"),
        ("Niedersächsisches Denkmalschutzgesetz", "Kulturförderrichtlinie", "Archivgesetz"),
    ),
    Area(
        "digital",
        ("ausschuss-fuer-digitalisierung-und-personal", "Ausschuss für Digitalisierung und Personal",
         "des Ausschusses für Digitalisierung und Personal"),
        "Fachdienst Organisation und IT", 10,
        ("Onlinezugangsgesetz", "Stellenplan", "Informationssicherheit", "E-Akte", "Personalentwicklung",
         "Bürgerservice", "Open Data", "Arbeitgeberattraktivität"),
        ("Stellenplan {year1}", "Einführung der E-Akte in der Verwaltung", "Umsetzung des Onlinezugangsgesetzes",
         "Informationssicherheitsleitlinie {body}", "Personalentwicklungskonzept {year}",
         "Open-Data-Portal: Veröffentlichung von Verwaltungsdaten", "Neuorganisation des Bürgerservice in {place}",
         "Dienstvereinbarung mobiles Arbeiten"),
        ("Stand der Digitalisierung", "Zahl der Onlinedienste", "Stellenbesetzungen und Fluktuation",
         "Schutz vor Cyberangriffen", "Schulung der Beschäftigten", "Zusammenarbeit mit dem IT-Dienstleister"),
        ("Onlinezugangsgesetz", "Datenschutz-Grundverordnung", "Tarifvertrag für den öffentlichen Dienst"),
    ),
)

PLACE_ROOTS = ("Erlen", "Birken", "Linden", "Eichen", "Buchen", "Weiden", "Tannen", "Hasel", "Moor", "Heide",
               "Wiesen", "Kranich", "Stein", "Mühlen", "Brunn", "Rosen", "Fichten", "Lerchen", "Schwanen", "Kiefern")
PLACE_SUFFIXES = ("bach", "dorf", "feld", "hausen", "heim", "hagen", "rode", "stedt", "au", "brück", "wald",
                  "beck", "horst", "büttel", "siel", "fehn")
PLACE_PREFIXES = ("", "", "", "", "Alt-", "Neu-", "Ober-", "Nieder-", "Groß ", "Klein ")
RIVERS = ("Aller", "Ilmenau", "Hunte", "Wümme", "Leine", "Oste", "Ems", "Jade", "Lune", "Ecker")
STREETS = ("Am Mühlenteich", "Hauptstraße", "Kirchweg", "Auf dem Esch", "Lindenallee", "Moorweg", "Am Sportplatz",
           "Bahnhofstraße", "Dorfstraße", "Schulstraße", "Am Gewerbepark", "Heideweg", "Deichstraße", "Zum Hafen")
SURNAMES = ("Meyer", "Schulz", "Hinrichs", "Janssen", "Peters", "Wilkens", "Brandt", "Gerdes", "Lüders", "Kruse",
            "Ahlers", "Tammen", "Freese", "Harms", "Eilers", "Bruns", "Rademacher", "Oltmanns", "Sievers", "Wübbena")
FIRST_NAMES = ("Anna", "Jan", "Sabine", "Thomas", "Maren", "Holger", "Insa", "Frank", "Heike", "Stefan", "Wiebke",
               "Dirk", "Katrin", "Hauke", "Silke", "Torben", "Birte", "Lars", "Imke", "Olaf")
GROUPS = ("Fraktion Bürgerforum", "Fraktion Grüne Liste", "Fraktion Soziale Mitte", "Gruppe Unabhängige Wähler",
          "Fraktion Liberale Bürger", "Fraktion Heimat und Zukunft")
STAKEHOLDERS = ("die kreisangehörigen Gemeinden", "die Wohlfahrtsverbände", "die Elternvertretungen", "die Ortsräte",
                "die Mitglieder des Seniorenbeirats", "die Naturschutzverbände", "die Kammern",
                "die Personalvertretungen", "die Freiwilligen Feuerwehren", "die Mitglieder des Behindertenbeirats",
                "die Kirchengemeinden", "die Nachbarkommunen", "die Sportvereine", "die Träger der freien Jugendhilfe")
PROGRAMS = ("dem Förderprogramm des Landes", "Mitteln der Städtebauförderung", "dem Bundesprogramm",
            "dem Europäischen Fonds für regionale Entwicklung", "der Richtlinie zur Förderung kommunaler Investitionen",
            "dem Sonderprogramm Ländlicher Raum")
DOCUMENTS = ("einem Bericht", "einer Stellungnahme", "einem Gutachten", "einer Machbarkeitsstudie",
             "einer Kostenschätzung", "einem Konzeptentwurf")
ACTIVITIES = ("eine Bestandsaufnahme", "eine Bürgerbefragung", "mehrere Fachgespräche", "eine Markterkundung",
              "eine öffentliche Informationsveranstaltung", "eine Wirtschaftlichkeitsuntersuchung")
ADVERBS = ("Im Vorfeld", "Im weiteren Verfahren", "Darüber hinaus", "Zudem", "Ergänzend", "Im Rahmen des Verfahrens")
SEASONS = ("Frühjahr", "Sommer", "Herbst", "Winter")
DURATIONS = ("sechs Monate", "ein Jahr", "achtzehn Monate", "zwei Jahre", "drei Jahre")
ATTACHMENT_TITLES = ("Lageplan", "Kostenschätzung", "Stellungnahme der Verwaltung", "Präsentation", "Entwurf",
                     "Satzung (Entwurf)", "Gutachten", "Übersicht der Maßnahmen", "Protokollauszug",
                     "Finanzierungsplan", "Karte", "Vertragsentwurf", "Bericht")

# Sentences of a Sachverhalt. Slots never follow an article, so any noun fits.
SENTENCES = (
    "Der {committee} hat sich in seiner Sitzung am {date} mit dem Thema {noun} befasst und die Verwaltung um eine "
    "Vorlage gebeten.",
    "Mit dieser Vorlage wird über den aktuellen Stand im Bereich {noun} berichtet und ein Vorschlag für das weitere "
    "Vorgehen unterbreitet.",
    "Die Verwaltung hat hierzu {activity} durchgeführt und die Ergebnisse in {document} zusammengefasst; die "
    "Unterlagen sind dieser Vorlage als Anlage beigefügt.",
    "Rechtsgrundlage: {law}. Danach ist {body_subject} verpflichtet, die Aufgaben im Bereich {noun} in eigener "
    "Verantwortung wahrzunehmen.",
    "Die Kosten belaufen sich nach derzeitiger Schätzung auf rund {amount} €; Fördermittel aus {program} in Höhe von "
    "{percent} % der förderfähigen Kosten sind beantragt.",
    "{adverb} wurden {stakeholder} beteiligt, deren Hinweise in die Planung eingeflossen sind.",
    "Die Maßnahme soll im {season} {year1} beginnen und wird voraussichtlich {duration} in Anspruch nehmen.",
    "Im Ergebnis zeigt sich, dass beim Thema {noun} in {place} weiterhin erheblicher Handlungsbedarf besteht.",
    "Eine Umsetzung ohne zusätzliches Personal ist nach Einschätzung der Fachverwaltung ({office}) nicht möglich.",
    "Die erforderlichen Haushaltsmittel stehen im Produkt {product} zur Verfügung; eine Deckung durch "
    "Minderaufwendungen an anderer Stelle ist nicht erforderlich.",
    "Bereits im Jahr {year_before} wurden erste Schritte unternommen, die sich nach Auffassung der Verwaltung bewährt "
    "haben.",
    "Der Vergleich mit benachbarten Landkreisen und Städten zeigt, dass {body_subject} beim Thema {noun} im "
    "Mittelfeld liegt.",
    "Zu berücksichtigen ist insbesondere der Punkt „{item}“, der in den Fachgesprächen wiederholt angesprochen wurde.",
    "Die Auswirkungen auf das Klima wurden geprüft; nennenswerte zusätzliche Emissionen sind nicht zu erwarten.",
    "Ein Verzicht auf die Maßnahme hätte zur Folge, dass Zuschüsse in Höhe von {amount} € nicht in Anspruch genommen "
    "werden könnten.",
    "Die Gleichstellungsbeauftragte und der Personalrat wurden frühzeitig informiert und haben keine Bedenken "
    "geäußert.",
    "Das Vorhaben steht im Einklang mit den Zielen der Kreisentwicklung und der Leitlinie zum Thema {noun2}.",
    "Für die Bürgerinnen und Bürger in {place} und {place2} bedeutet dies kürzere Wege und eine verlässliche "
    "Versorgung.",
    "Nach Abschluss der Maßnahme wird die Verwaltung dem {committee} über die Ergebnisse berichten.",
    "Die Zahl der betroffenen Fälle ist seit {year_before} um {percent} % auf zuletzt {count} gestiegen.",
    "Die Ausschreibung erfolgt nach den Vorschriften der Unterschwellenvergabeordnung; der Zuschlag soll bis zum "
    "{date} erteilt werden.",
    "Alternativ käme eine Lösung im Bereich {noun2} in Betracht, die jedoch nach überschlägiger Berechnung um etwa "
    "{percent} % teurer wäre.",
    "Der Entwurf wurde mit den Fachdiensten abgestimmt und berücksichtigt die Stellungnahmen aus der Beteiligung.",
    "Die Verwaltung empfiehlt daher, dem Beschlussvorschlag zu folgen.",
    "In {place} fand am {date} eine gut besuchte Informationsveranstaltung statt, an der rund {count} Personen "
    "teilnahmen.",
    "Die bisherigen Erfahrungen im Bereich {noun} zeigen, dass eine enge Abstimmung mit den Gemeinden "
    "unerlässlich ist.",
    "Eine erste Auswertung liegt vor; der ausführliche Abschlussbericht folgt im {season} {year1}.",
    "Die Förderquote beträgt voraussichtlich {percent} %, der verbleibende Eigenanteil von {amount} € ist im "
    "Finanzplan berücksichtigt.",
    "Ohne eine Entscheidung bis zum {date} kann der Zeitplan nicht eingehalten werden.",
    "Eine interkommunale Zusammenarbeit mit {place2} wird geprüft; Gespräche auf Arbeitsebene haben bereits "
    "stattgefunden.",
    "Zur Frage „{item}“ wurde ein externes Gutachten eingeholt, dessen Empfehlungen in diese Vorlage eingeflossen "
    "sind.",
    "Auf Grundlage der Ergebnisse aus {place} soll das Vorgehen schrittweise auf weitere Orte übertragen werden.",
    "Die Folgekosten für Betrieb und Unterhaltung werden auf jährlich {amount} € geschätzt.",
    "Die Belange von Menschen mit Behinderungen wurden geprüft; die Planung entspricht den Anforderungen an die "
    "Barrierefreiheit.",
    "Die Zuständigkeit für das Thema {noun2} liegt nach der Hauptsatzung beim {committee}.",
    "Über das Ergebnis der Prüfung wird die Verwaltung in einer der nächsten Sitzungen berichten.",
    "Nach Rücksprache mit der Kommunalaufsicht bestehen gegen das Vorgehen keine rechtlichen Bedenken.",
    "Die Daten beruhen auf der Statistik des Landesamtes und den eigenen Erhebungen der Verwaltung zum {date}.",
)

LIST_INTROS = (
    "Im Einzelnen sind folgende Punkte zu nennen:",
    "Die Verwaltung schlägt folgende Schritte vor:",
    "In der Beteiligung wurden vor allem diese Themen angesprochen:",
)

NOT_PUBLIC_SUBJECTS = (
    "Grundstücksangelegenheit: Verkauf einer Teilfläche in der Gemarkung {place}",
    "Personalangelegenheit: Besetzung der Leitung des {office}",
    "Vergabe der Bauleistungen für die {noun} in {place}",
    "Grundstücksangelegenheit: Erwerb von Flächen an der {street} in {place}",
    "Vertragsangelegenheit: Verlängerung des Pachtvertrages mit der {place} GmbH",
)

DOSSIER_STEPS = (
    ("Auftrag", "Erstellung eines integrierten Klimaschutzkonzepts für {body_accusative}"),
    ("Beteiligung", "Klimaschutzkonzept: Ergebnisse der Öffentlichkeitsbeteiligung"),
    ("Entwurf", "Klimaschutzkonzept: Vorstellung des Entwurfs"),
    ("Beschluss", "Beschluss des integrierten Klimaschutzkonzepts {body_genitive}"),
    ("Umsetzung", "Klimaschutzkonzept: Einrichtung eines Klimaschutzmanagements"),
    ("Überprüfung", "Klimaschutzkonzept: erster Umsetzungsbericht"),
)

# Results of a Beratung that took place, with weights per role.
DECISION_RESULTS = (
    ("ungeändert beschlossen", 62), ("geändert beschlossen", 14), ("beschlossen", 10), ("abgelehnt", 6),
    ("vertagt", 4), ("zurückgezogen", 1), ("verwiesen", 1),
)
PRELIMINARY_RESULTS = (("ungeändert beschlossen", 72), ("geändert beschlossen", 14), ("vertagt", 5), ("abgelehnt", 4),
                       ("beschlossen", 5))
MOTION_RESULTS = (("abgelehnt", 35), ("ungeändert beschlossen", 30), ("geändert beschlossen", 20), ("verwiesen", 5),
                  ("vertagt", 5), ("zurückgezogen", 5))
PAPER_TYPES = (("Beschlussvorlage", 54), ("Mitteilungsvorlage", 14), ("Informationsvorlage", 6), ("Antrag", 10),
               ("Anfrage", 7), ("Bericht", 5), ("Stellungnahme", 4))

assert all(kind in DEFAULT_PAPER_TYPES for kind, _ in PAPER_TYPES)


def _weighted(options: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    labels = [label for label, _ in options]
    cumulative, total = [], 0
    for _, weight in options:
        total += weight
        cumulative.append(total)
    return labels, cumulative


class _Slots(dict):
    """Values for str.format_map; missing keys are drawn from `factories` on every use."""

    factories: dict[str, Any]

    def __missing__(self, key: str) -> Any:
        return self.factories[key]()


def _wrap(text: str, width: int = 100) -> str:
    """Break a paragraph into lines as an editor would; a cheap textwrap.fill."""
    if len(text) <= width:
        return text
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _date_de(value: dt.date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def slug(text: str) -> str:
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# --- Gremien and their Sitzungen --------------------------------------------------------------


@dataclass
class Org:
    id: str
    name: str
    genitive: str
    art: str
    public: bool
    members: int
    meetings: list[dt.date] = field(default_factory=list)
    # Meeting number within its Wahlperiode, by date.
    numbers: dict[dt.date, int] = field(default_factory=dict)
    agenda_public: dict[dt.date, int] = field(default_factory=dict)
    agenda_private: dict[dt.date, int] = field(default_factory=dict)

    def next_meeting(self, after: dt.date) -> dt.date | None:
        index = bisect.bisect_right(self.meetings, after)
        return self.meetings[index] if index < len(self.meetings) else None

    def meeting_name(self, date: dt.date) -> str:
        return f"{self.numbers[date]}. Sitzung {self.genitive}"

    def agenda_item(self, date: dt.date, public: bool) -> str:
        counter = self.agenda_public if public else self.agenda_private
        number = counter.get(date, 4) + 1  # items 1-4: opening, agenda, minutes, reports
        counter[date] = number
        return f"{'Ö' if public else 'N'} {number}"


def _election_starts(end: dt.date) -> list[dt.date]:
    # Local elections every five years; the new councils meet from November (as in Niedersachsen 2016/2021/2026).
    return [dt.date(year, 11, 1) for year in range(2001, end.year + 6, 5)]


def _calendar(rng: random.Random, org: Org, interval: int, start: dt.date, end: dt.date, terms: list[dt.date]) -> None:
    day = start + dt.timedelta(days=rng.randrange(interval))
    while day <= end:
        meeting = day + dt.timedelta(days=(rng.randrange(4) - day.weekday()) % 7)  # Monday to Thursday
        summer = dt.date(meeting.year, 7, 5) <= meeting <= dt.date(meeting.year, 8, 25)
        christmas = meeting.month == 12 and meeting.day >= 20 or meeting.month == 1 and meeting.day <= 7
        if not summer and not christmas and (not org.meetings or meeting > org.meetings[-1]):
            org.meetings.append(meeting)
        day += dt.timedelta(days=interval + rng.randrange(-7, 8))
    term_index, number = -1, 0
    for meeting in org.meetings:
        current = bisect.bisect_right(terms, meeting) - 1
        if current != term_index:
            term_index, number = current, 0
        number += 1
        org.numbers[meeting] = number


# --- the generator -----------------------------------------------------------------------------


class _BodyGenerator:
    def __init__(self, rng: random.Random, spec: BodySpec, start: dt.date, today: dt.date) -> None:
        self.rng = rng
        self.spec = spec
        self.start = start
        self.today = today
        end = today + dt.timedelta(days=400)
        terms = _election_starts(end)
        self.places = self._places()
        council_id, council_name, council_genitive, council_art = spec.council
        self.council = Org(council_id, council_name, council_genitive, council_art, True, rng.randrange(42, 62))
        main_id, main_name, main_genitive = spec.main_committee
        self.main = Org(
            main_id, main_name, main_genitive, "Ausschuss", spec.main_committee_public, rng.randrange(9, 14)
        )
        chosen = sorted(rng.sample(range(len(AREAS)), rng.randint(3, 8)))
        self.committees: dict[str, Org] = {}
        for index in chosen:
            area = AREAS[index]
            org_id, name, genitive = area.committee
            self.committees[area.key] = Org(org_id, name, genitive, "Ausschuss", True, rng.randrange(11, 16))
        _calendar(rng, self.council, 49, start, end, terms)
        _calendar(rng, self.main, 24, start, end, terms)
        for org in self.committees.values():
            _calendar(rng, org, rng.randrange(35, 56), start, end, terms)
        self.orgs = [self.council, self.main, *self.committees.values()]
        self.numbers_by_area: dict[str, list[str]] = {area.key: [] for area in AREAS}
        self.all_numbers: list[str] = []
        self.council_meetings_used: set[dt.date] = set()
        self.dossier_entries: list[dict[str, Any]] = []
        self.no_number_counter = 0
        self.width = 4

    def _places(self) -> list[str]:
        rng = self.rng
        names = {self.spec.seat}
        while len(names) < 14:
            names.add(rng.choice(PLACE_PREFIXES) + rng.choice(PLACE_ROOTS) + rng.choice(PLACE_SUFFIXES))
        return sorted(names)

    # -- the Körperschaft file --

    def body_data(self) -> dict[str, Any]:
        spec = self.spec
        organizations = []
        for org in self.orgs:
            entry: dict[str, Any] = {"id": org.id, "name": org.name, "art": org.art}
            if org is self.council:
                entry["wahlperiode"] = self._term_label()
            entry["beschreibung"] = (
                f"{org.members} Mitglieder. Tagt {'öffentlich' if org.public else 'nicht öffentlich'}."
            )
            organizations.append(entry)
        data: dict[str, Any] = {
            "name": spec.name,
            "kurzname": spec.short_name,
            "art": spec.kind,
            "beschreibung": (
                f"Fiktive Körperschaft: synthetische Testdaten für Last- und Leistungstests von Bürgerinfo. "
                f"Orte, Personen und Vorlagen {spec.genitive} sind erfunden."
            ),
            "website": f"https://www.{spec.short_name.lower().replace('ü', 'ue')}.example/",
        }
        pattern, example = self._pattern()
        if pattern:
            data["nummernformat"] = pattern
            data["nummernbeispiel"] = example
        data["gremien"] = organizations
        if spec.extra_results:
            data["beschlussarten"] = [dict(kind) for kind in spec.extra_results]
        if spec.extra_types:
            data["vorlagenarten"] = list(spec.extra_types)
        if spec.year_folders:
            data["ablage"] = "jahresordner"
        return data

    def _term_label(self) -> str:
        first = self.today.year if self.today.month >= 11 else self.today.year - 1
        first -= (first - 2001) % 5
        return f"{first}–{first + 5}"

    def _pattern(self) -> tuple[str | None, str]:
        digits = r"\d{4}" if self.width == 4 else rf"\d{{{self.width}}}"
        example_seq = "1".zfill(self.width)
        style = self.spec.number_style
        if style == "seq/year":
            return rf"{digits}/\d{{4}}", f"{example_seq}/2019"
        if style == "VO/year/seq":
            return rf"VO/\d{{4}}/{digits}", f"VO/2019/{example_seq}"
        if style == "year/office/seq":
            return rf"\d{{4}}/\d{{2}}/{digits}", f"2019/61/{example_seq}"
        if style == "seq/yy":
            return rf"{digits}/\d{{2}}", f"{example_seq}/19"
        return None, ""

    def _format_number(self, year: int, seq: int, area: Area) -> str:
        style = self.spec.number_style
        number = str(seq).zfill(self.width)
        if style == "seq/year":
            return f"{number}/{year}"
        if style == "VO/year/seq":
            return f"VO/{year}/{number}"
        if style == "year/office/seq":
            return f"{year}/{area.code:02d}/{number}"
        if style == "seq/yy":
            return f"{number}/{year % 100:02d}"
        return f"BV/{seq}/{year}"

    # -- Vorlagen --

    def plan(self, count: int) -> list[dt.date]:
        """The dates of this body's Vorlagen, oldest first; fixes the width of the numbers."""
        rng = self.rng
        span = (self.today - self.start).days
        dates = sorted(self.start + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(count))
        per_year: dict[int, int] = {}
        for date in dates:
            per_year[date.year] = per_year.get(date.year, 0) + 1
        self.width = max(4, len(str(max(per_year.values(), default=1))))
        return dates

    def papers(self, dates: list[dt.date]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Each Vorlage as (file stem, data), oldest first; also collects the dossier's story."""
        count = len(dates)
        # A handful of papers tell the story of the dossier; they are spread over the years.
        steps = min(len(DOSSIER_STEPS), count)
        dossier_at = {round((count - 1) * (0.08 + 0.84 * i / max(1, steps - 1))): i for i in range(steps)}
        seq_by_year: dict[int, int] = {}
        for index, date in enumerate(dates):
            seq_by_year[date.year] = seq = seq_by_year.get(date.year, 0) + 1
            yield self.paper(date, seq, dossier_at.get(index))

    def paper(self, date: dt.date, seq: int, dossier_step: int | None) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        spec = self.spec
        public = dossier_step is not None or rng.random() >= 0.02
        if dossier_step is not None:
            area = next(a for a in AREAS if a.key == "umwelt")
        else:
            area = AREAS[rng.randrange(len(AREAS))]
        committee = self.committees.get(area.key, self.main)
        paper_type = "Beschlussvorlage" if dossier_step is not None or not public else self._paper_type()
        if spec.extra_types and paper_type == "Beschlussvorlage" and rng.random() < 0.02:
            paper_type = spec.extra_types[0]
        slots = self._slots(area, date)
        if dossier_step is not None:
            subject = DOSSIER_STEPS[dossier_step][1].format(
                body_accusative=("den " if spec.kind == "Landkreis" else "die ") + spec.name,
                body_genitive=spec.genitive,
            )
        elif not public:
            subject = rng.choice(NOT_PUBLIC_SUBJECTS).format(**slots)
        else:
            subject = rng.choice(area.subjects).format(**slots)
            if paper_type == "Antrag":
                subject = f"Antrag der {rng.choice(GROUPS)}: {subject}"
            elif paper_type == "Anfrage":
                subject = f"Anfrage zum Thema {slots['noun']}"
        number: str | None = self._format_number(date.year, seq, area)
        if spec.numbers_optional and dossier_step is None and rng.random() < 0.03:
            number = None
        if number:
            stem = slug(number)
        else:
            self.no_number_counter += 1
            stem = f"ohne-nummer-{date.year}-{self.no_number_counter:04d}"

        data: dict[str, Any] = {}
        if number:
            data["nummer"] = number
        data["betreff"] = subject
        data["art"] = paper_type
        data["koerperschaft"] = spec.id
        data["datum"] = date
        data["oeffentlich"] = public
        data["aktenzeichen"] = f"{area.code}.{rng.randint(1, 9)}.{rng.randint(1, 20)}"
        if paper_type == "Antrag":
            data["einreicher"] = [{"name": rng.choice(GROUPS)}]
        else:
            data["einreicher"] = [{"name": spec.head}]
            data["federfuehrend"] = area.office
            data["bearbeiter"] = f"{rng.choice(SURNAMES)}, {rng.choice(FIRST_NAMES)}"
            data["unterzeichnung"] = {"ort": spec.seat, "datum": date, "vermerk": "gez.", "name": spec.head_name}
        consultations = self._consultations(date, paper_type, committee, public)
        if consultations:
            data["beratungsfolge"] = consultations
        decider = self._org(consultations[-1]["gremium"]) if consultations else committee
        data["beschlussvorschlag"] = self._proposal(paper_type, decider, area, slots)
        data["sachverhalt"] = self._reasoning(area, slots)
        if rng.random() < 0.08:
            data["hinweise"] = f"Die Anlage {rng.randint(1, 3)} wird bis zur Sitzung nachgereicht."
        if paper_type in ("Beschlussvorlage", "Dringlichkeitsvorlage"):
            data["finanzen"] = self._finances(area)
            if rng.random() < 0.15:
                data["personal"] = {
                    "auswirkungen": True,
                    "erlaeuterung": f"{rng.choice(('Eine', 'Eine halbe', 'Zwei'))} Stelle(n) im {area.office}, "
                    f"auszuweisen im Stellenplan {date.year + 1}.",
                }
        attachments = [
            {
                "titel": f"Anlage {i + 1} – {rng.choice(ATTACHMENT_TITLES)}",
                "groesse_laut_quelle": f"{rng.randint(40, 4800)} KB",
            }
            for i in range(rng.choice((0, 0, 1, 1, 1, 2, 2, 3)))
        ]
        if attachments:
            data["anlagen"] = attachments
        related = self._related(area)
        if related:
            data["bezuege"] = related
        if dossier_step is not None:
            data["themen"] = [self.dossier_id]
            self._dossier_milestone(dossier_step, data, decider)
        if number:
            self.numbers_by_area[area.key].append(number)
            self.all_numbers.append(number)
        return stem, data

    @property
    def body_subject(self) -> str:
        """The body as the subject of a sentence: "der Landkreis Hohenmoor"."""
        return ("der " if self.spec.kind == "Landkreis" else "die ") + self.spec.name

    @property
    def dossier_id(self) -> str:
        return f"{TOPIC_ID}-{self.spec.id}"

    def _org(self, org_id: str) -> Org:
        return next(org for org in self.orgs if org.id == org_id)

    def _paper_type(self) -> str:
        labels, cumulative = _PAPER_TYPES
        return self.rng.choices(labels, cum_weights=cumulative)[0]

    def _slots(self, area: Area, date: dt.date) -> dict[str, Any]:
        rng = self.rng
        place, place2 = rng.sample(self.places, 2)
        year = date.year
        return {
            "place": place,
            "place2": place2,
            "year": year,
            "year1": year + 1,
            "year5": year + 5,
            "year_before": year - rng.randint(1, 6),
            "num": rng.randint(1, 180),
            "street": rng.choice(STREETS),
            "river": rng.choice(RIVERS),
            "product": f"{area.code // 10}.{area.code % 10}.{rng.randint(1, 9):02d}",
            "quarter": rng.randint(1, 4),
            "body": self.spec.name,
            "noun": rng.choice(area.nouns),
            "office": area.office,
        }

    def _consultations(self, date: dt.date, paper_type: str, committee: Org, public: bool) -> list[dict[str, Any]]:
        rng = self.rng
        if date > self.today - dt.timedelta(days=30) and rng.random() < 0.25:
            return []  # not yet scheduled
        if not public:
            plan = [(self.main, "Entscheidung")]
        elif paper_type in ("Mitteilungsvorlage", "Informationsvorlage", "Bericht"):
            plan = [(committee, "Kenntnisnahme")]
            if rng.random() < 0.3 and committee is not self.main:
                plan.append((self.main, "Kenntnisnahme"))
        elif paper_type == "Anfrage":
            plan = [(committee, rng.choice(("Beratung", "Kenntnisnahme")))]
        elif paper_type == "Stellungnahme":
            plan = [(committee, "Anhörung")]
        else:
            shape = rng.random()
            if shape < 0.45:
                plan = [(committee, "Vorberatung"), (self.main, "Vorberatung"), (self.council, "Entscheidung")]
            elif shape < 0.7:
                plan = [(committee, "Vorberatung"), (self.main, "Entscheidung")]
            elif shape < 0.85:
                plan = [(committee, "Entscheidung")]
            else:
                plan = [(self.main, "Vorberatung"), (self.council, "Entscheidung")]
            plan = [step for i, step in enumerate(plan) if i == 0 or step[0] is not plan[i - 1][0]]
        consultations: list[dict[str, Any]] = []
        previous = date + dt.timedelta(days=rng.randint(3, 20))
        queue = list(plan)
        while queue and len(consultations) < 4:
            org, role = queue.pop(0)
            meeting = org.next_meeting(previous)
            if meeting is None:
                break
            step_public = org.public and public and rng.random() >= 0.03
            entry: dict[str, Any] = {"gremium": org.id, "datum": meeting, "rolle": role}
            if not step_public:
                entry["oeffentlich"] = False
            entry["top"] = org.agenda_item(meeting, step_public)
            entry["sitzung"] = org.meeting_name(meeting)
            if org is self.council:
                self.council_meetings_used.add(meeting)
            result = None
            if meeting < self.today and rng.random() >= 0.03:
                result = self._result(role, paper_type)
                entry["ergebnis"] = result
                vote = self._vote(org, result)
                if vote:
                    entry["abstimmung"] = vote
                if result in ("vertagt", "zurückgestellt") and len(consultations) + 1 + len(queue) < 4:
                    queue.insert(0, (org, role))  # on the agenda again at the next Sitzung
            consultations.append(entry)
            if result in ("zurückgezogen",) or (result == "abgelehnt" and role == "Entscheidung"):
                break
            previous = meeting + dt.timedelta(days=rng.randint(2, 10))
        return consultations

    def _result(self, role: str, paper_type: str) -> str:
        rng = self.rng
        if role in ("Kenntnisnahme", "Anhörung", "Beratung"):
            return "zur Kenntnis genommen"
        if paper_type == "Antrag":
            labels, cumulative = _MOTION_RESULTS
        elif role == "Vorberatung":
            labels, cumulative = _PRELIMINARY_RESULTS
        else:
            labels, cumulative = _DECISION_RESULTS
        result = rng.choices(labels, cum_weights=cumulative)[0]
        if self.spec.extra_results and result == "vertagt" and rng.random() < 0.5:
            result = self.spec.extra_results[0]["bezeichnung"]
        return result

    def _vote(self, org: Org, result: str) -> dict[str, Any] | None:
        rng = self.rng
        if result not in ("ungeändert beschlossen", "geändert beschlossen", "beschlossen", "abgelehnt"):
            return None
        if result != "abgelehnt" and rng.random() < 0.55:
            return {"einstimmig": True}
        present = org.members - rng.randint(0, max(1, org.members // 6))
        if result == "abgelehnt":
            yes = rng.randint(0, present // 2 - 1)
            rest = present - yes
            no = rng.randint(min(rest, yes + 1), rest)  # more no than yes
        else:
            yes = rng.randint(present // 2 + 1, present)
            rest = present - yes
            no = rng.randint(0, rest)
        return {"ja": yes, "nein": no, "enthaltung": rest - no}

    def _proposal(self, paper_type: str, decider: Org, area: Area, slots: dict[str, Any]) -> str:
        rng = self.rng
        if paper_type == "Anfrage":
            return f"Der {decider.name} nimmt die Antwort der Verwaltung zur Kenntnis."
        if paper_type in ("Mitteilungsvorlage", "Informationsvorlage", "Bericht", "Stellungnahme"):
            return f"Der {decider.name} nimmt den Bericht der Verwaltung zur Kenntnis."
        sentences = [
            f"Der {decider.name} beschließt die Maßnahmen im Bereich {slots['noun']} wie in der Vorlage dargestellt.",
            f"Die Verwaltung wird beauftragt, die Umsetzung in {slots['place']} vorzubereiten und dem "
            f"{self.committees.get(area.key, self.main).name} bis zum {_date_de(dt.date(slots['year1'], 6, 30))} "
            "zu berichten.",
        ]
        if rng.random() < 0.6:
            sentences.append(
                f"Die erforderlichen Mittel in Höhe von {self._amount()} € werden im Haushalt {slots['year1']} "
                f"im Produkt {slots['product']} bereitgestellt."
            )
        if rng.random() < 0.3:
            sentences.append(f"Über den Stand der Umsetzung ist jährlich im {decider.name} zu berichten.")
        return "\n".join(sentences) + "\n" if rng.random() < 0.3 else " ".join(sentences)

    def _amount(self) -> str:
        return f"{self.rng.randrange(5, 2500) * 1000:,}".replace(",", ".")

    def _reasoning(self, area: Area, slots: dict[str, Any]) -> str:
        """Sachverhalt of about 2–3 KB: paragraphs of sentences from SENTENCES, sometimes a list."""
        rng = self.rng
        choice = rng.choice
        randint = rng.randint
        year = slots["year"]
        committee = self.committees.get(area.key, self.main)
        values = _Slots(slots)
        values.update(committee=committee.name, office=area.office, body_subject=self.body_subject)
        # Drawn afresh for every slot a sentence uses, so only what is used costs a random number.
        values.factories = {
            "noun": lambda: choice(area.nouns),
            "noun2": lambda: choice(area.nouns),
            "date": lambda: _date_de(dt.date(year, randint(1, 12), randint(1, 28))),
            "activity": lambda: choice(ACTIVITIES),
            "document": lambda: choice(DOCUMENTS),
            "law": lambda: choice(area.laws),
            "amount": self._amount,
            "program": lambda: choice(PROGRAMS),
            "percent": lambda: randint(10, 90),
            "adverb": lambda: choice(ADVERBS),
            "stakeholder": lambda: choice(STAKEHOLDERS),
            "season": lambda: choice(SEASONS),
            "duration": lambda: choice(DURATIONS),
            "item": lambda: choice(area.items),
            "count": lambda: randint(20, 900),
        }
        del values["noun"]  # one topic per paper in the subject, varied in the text
        pool: list[str] = []
        paragraphs = []
        length = 0
        target = randint(2000, 3000)
        while length < target:
            take = randint(3, 5)
            if len(pool) < take:
                pool = rng.sample(SENTENCES, len(SENTENCES))  # no sentence twice in a row of the pool
            paragraph = " ".join(pool.pop().format_map(values) for _ in range(take))
            paragraphs.append(_wrap(paragraph))
            length += len(paragraph) + 2
            if len(paragraphs) == 2 and rng.random() < 0.35:
                items = rng.sample(area.items, randint(3, 5))
                listing = choice(LIST_INTROS) + "\n\n" + "\n".join(f"- {item}" for item in items)
                paragraphs.append(listing)
                length += len(listing) + 2
        return "\n\n".join(paragraphs) + "\n"

    def _finances(self, area: Area) -> dict[str, Any]:
        rng = self.rng
        if rng.random() < 0.35:
            return {"auswirkungen": False}
        data: dict[str, Any] = {"auswirkungen": True, "gesamtkosten": f"{self._amount()} €"}
        if rng.random() < 0.5:
            data["jaehrliche_folgekosten"] = f"{self._amount()} €"
        if rng.random() < 0.4:
            data["eigenanteil"] = f"{rng.randint(10, 100)} %"
        data["einnahmen"] = "keine" if rng.random() < 0.6 else f"{self._amount()} € Fördermittel"
        data["haushaltskonto"] = f"Produkt {area.code // 10}.{area.code % 10}.{rng.randint(1, 9):02d}"
        return data

    def _related(self, area: Area) -> list[str]:
        rng = self.rng
        if rng.random() >= 0.15 or not self.all_numbers:
            return []
        pool = self.numbers_by_area[area.key][-200:] or self.all_numbers[-200:]
        return sorted(set(rng.sample(pool, min(len(pool), rng.randint(1, 2)))), key=pool.index)

    # -- dossier and Sitzungen --

    def _dossier_milestone(self, step: int, data: dict[str, Any], decider: Org) -> None:
        phase, _ = DOSSIER_STEPS[step]
        milestone: dict[str, Any] = {"datum": data["datum"], "phase": phase, "titel": data["betreff"]}
        if "beratungsfolge" in data:
            milestone["gremium"] = decider.id
        milestone["vorlage"] = data["nummer"]
        self.dossier_entries.append(milestone)

    def dossier_data(self) -> dict[str, Any]:
        spec = self.spec
        data: dict[str, Any] = {
            "titel": f"Klimaschutzkonzept {spec.genitive}",
            "thema": TOPIC_ID,
            "koerperschaft": spec.id,
            "zusammenfassung": (
                f"Wie {self.body_subject} ein integriertes Klimaschutzkonzept erarbeitet, beschließt und umsetzt "
                "(synthetische Testdaten)."
            ),
            "ziele": [
                "Treibhausgasemissionen der eigenen Liegenschaften bis 2035 halbieren",
                "Photovoltaik auf allen geeigneten Dächern",
                "Radverkehrsanteil verdoppeln",
            ],
            "verlauf": self.dossier_entries,
        }
        if self.dossier_entries:
            data["massnahmen"] = [
                {"titel": "Klimaschutzmanagement einrichten", "stand": "beschlossen",
                 "vorlage": self.dossier_entries[-1]["vorlage"]},
                {"titel": "Photovoltaik auf Schuldächern", "stand": "in Umsetzung"},
                {"titel": "Energieberatung für Haushalte", "stand": "vorgeschlagen"},
            ]
        return data

    def meeting_facts(self) -> dict[str, Any] | None:
        if not self.council_meetings_used:
            return None
        place = "Kreishaus" if self.spec.kind == "Landkreis" else "Rathaus"
        return {
            "koerperschaft": self.spec.id,
            "sitzungen": [
                {"gremium": self.council.id, "datum": date, "beginn": "16:00", "ende": "19:30",
                 "ort": f"{place} {self.spec.seat}, Großer Sitzungssaal"}
                for date in sorted(self.council_meetings_used)
            ],
        }


_PAPER_TYPES = _weighted(PAPER_TYPES)
_DECISION_RESULTS = _weighted(DECISION_RESULTS)
_PRELIMINARY_RESULTS = _weighted(PRELIMINARY_RESULTS)
_MOTION_RESULTS = _weighted(MOTION_RESULTS)


# --- cases for the layout tests: a very long word and long tables (the first Körperschaft only) ------

# Real German builds words like this; no phone is wide enough for it on one line.
LONG_WORD = "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnungsänderungsentwurf"
LAYOUT_CONSULTATIONS = 30
LAYOUT_MEASURES = 24


def _is_layout_candidate(data: dict[str, Any], today: dt.date) -> bool:
    # Old enough that 30 weekly Beratungen all lie in the past; not part of the dossier's story.
    return (
        "nummer" in data and data["oeffentlich"] and "themen" not in data
        and data["datum"] <= today - dt.timedelta(days=7 * LAYOUT_CONSULTATIONS + 60)
    )


def _stretch_for_layout(data: dict[str, Any], orgs: list[Org]) -> None:
    """One Vorlage with a very long word in its Betreff and text, a wide Markdown table and 30 Beratungen."""
    data["betreff"] = f"{data['betreff']} ({LONG_WORD})"
    data["sachverhalt"] += (
        f"\n\nDer {LONG_WORD} und die Sprachkoordinierungsstellenausschreibungsunterlagen liegen vor.\n\n"
        "| Haushaltsjahr | Ansatz bisher | Veränderung | Ansatz neu | Deckungsvorschlag |\n"
        "|---|--:|--:|--:|---|\n"
        + "".join(
            f"| {2020 + i} | {100_000 + 5_000 * i:,} € | +{2_500 * i:,} € | {100_000 + 7_500 * i:,} € | "
            f"Mehrerträge aus der Kreisumlage und {LONG_WORD} |\n".replace(",", ".")
            for i in range(4)
        )
    )
    consultations = []
    for i in range(LAYOUT_CONSULTATIONS):
        org = orgs[i % len(orgs)]
        last = i == LAYOUT_CONSULTATIONS - 1
        public = i % 9 != 4
        entry: dict[str, Any] = {
            "gremium": org.id,
            "datum": data["datum"] + dt.timedelta(days=7 * (i + 1)),
            "rolle": "Entscheidung" if last else "Vorberatung",
        }
        if not public:
            entry["oeffentlich"] = False
        entry["top"] = f"{'Ö' if public else 'N'} {i + 5}.{i % 3 + 1}"
        entry["sitzung"] = f"{i + 11}. ordentliche Sitzung {org.genitive}"
        entry["ergebnis"] = (
            "ungeändert beschlossen" if last else "vertagt" if i % 4 == 1 else "zur Kenntnis genommen"
        )
        if last:
            entry["abstimmung"] = {"ja": 31, "nein": 12, "enthaltung": 3}
        if i % 5 == 2:
            entry["bemerkung"] = f"Mit dem Hinweis auf den {LONG_WORD} und die Stellungnahme des Personalrats."
        consultations.append(entry)
    data["beratungsfolge"] = consultations


def _many_measures(dossier: dict[str, Any]) -> None:
    """A dossier with a long table of measures, long words and all columns filled."""
    paper = dossier["massnahmen"][0].get("vorlage") if dossier.get("massnahmen") else None
    states = ("vorgeschlagen", "angeregt", "Fortführung empfohlen", "beschlossen", "in Umsetzung", "umgesetzt")
    dossier["massnahmen"] = [
        {
            "titel": f"Maßnahme {i + 1}: Energetische Sanierung der Kreisberufsschulzentrumsturnhalle Nr. {i + 1}",
            "beschreibung": (
                f"Austausch der Fenster, Dämmung der Gebäudehülle und Einbau einer Photovoltaikanlage; "
                f"Grundlage ist der {LONG_WORD}." if i % 3 == 0 else "Fortführung der bisherigen Arbeit."
            ),
            "handlungsfeld": "Klimafreundliche Liegenschaften und Energieeinsparung",
            "verantwortlich": "Fachdienst Hochbau und Liegenschaftsmanagement",
            "budget": f"{120_000 + 10_000 * i:,} € (Haushalt {2025 + i % 3})".replace(",", "."),
            "stand": states[i % len(states)],
            **({"vorlage": paper} if paper else {}),
        }
        for i in range(LAYOUT_MEASURES)
    ]


def _shares(count: int) -> list[int]:
    shares = [int(count * spec.weight) for spec in BODIES]
    shares[0] += count - sum(shares)
    return shares


def _as_in_a_public_repository(paper: dict[str, Any]) -> dict[str, Any]:
    """A public Vorlage without the details of its nicht öffentliche Beratungen (see buergerinfo.confidential)."""
    consultations = paper.get("beratungsfolge")
    if not consultations:
        return paper
    kept = [
        entry
        if entry.get("oeffentlich", True)
        else {key: value for key, value in entry.items() if key in PUBLIC_FACTS_OF_A_CONSULTATION}
        for entry in consultations
    ]
    return {**paper, "beratungsfolge": kept}


def _write(path: Path, data: Any, header: str = "") -> None:
    path.write_text(header + dump_yaml(data), encoding="utf-8")


def generate(out_dir: Path, count: int, seed: int = 1, *, today: dt.date = DEFAULT_TODAY) -> None:
    """Write a synthetic `data/` tree with `count` Vorlagen into out_dir.

    The Vorlagen cover the ten years up to `today`; Beratungen after `today` have no
    result yet. Refuses to write into an existing, non-empty data folder.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    data_dir = Path(out_dir) / "data"
    if data_dir.exists() and any(data_dir.iterdir()):
        raise FileExistsError(f"{data_dir} exists and is not empty")
    rng = random.Random(seed)
    start = dt.date(today.year - YEARS_COVERED + 1, 1, 1)
    for sub in ("koerperschaften", "vorlagen", "dossiers", "sitzungen"):
        (data_dir / sub).mkdir(parents=True, exist_ok=True)
    _write(
        data_dir / "themen.yml",
        {
            "themen": [
                {
                    "id": TOPIC_ID,
                    "titel": "Klimaschutzkonzepte",
                    "beschreibung": "Wie die (fiktiven) Körperschaften ihren Klimaschutz planen, beschließen "
                    "und umsetzen.\n",
                }
            ]
        },
        "# Synthetic test data (buergerinfo.synthetic).\n",
    )
    header = f"# Synthetic test data (buergerinfo.synthetic, seed {seed}); a fictional Körperschaft.\n"
    for position, (spec, share) in enumerate(zip(BODIES, _shares(count))):
        generator = _BodyGenerator(rng, spec, start, today)
        dates = generator.plan(share)  # before the body file: the width of the numbers depends on the count
        _write(data_dir / "koerperschaften" / f"{spec.id}.yml", generator.body_data(), header)
        papers_dir = data_dir / "vorlagen" / spec.id
        papers_dir.mkdir(parents=True, exist_ok=True)
        confidential_dir = Path(out_dir) / DEFAULT_CONFIDENTIAL_DIR / "vorlagen" / spec.id
        # The layout cases change data after it is drawn, so every other file stays as it was.
        stretch = position == 0
        for (stem, paper), date in zip(generator.papers(dates), dates):
            if stretch and _is_layout_candidate(paper, today):
                _stretch_for_layout(paper, [generator.main, *generator.committees.values(), generator.council])
                stretch = False
            if paper["oeffentlich"]:
                folder = papers_dir / str(date.year) if spec.year_folders else papers_dir
                folder.mkdir(exist_ok=True)
                _write(folder / f"{stem}.yml", _as_in_a_public_repository(paper))
            else:
                # As a county with a public repository keeps them: in the private folder beside data/.
                confidential_dir.mkdir(parents=True, exist_ok=True)
                _write(confidential_dir / f"{stem}.yml", paper)
        dossier = generator.dossier_data()
        if position == 0:
            _many_measures(dossier)
        _write(data_dir / "dossiers" / f"{generator.dossier_id}.yml", dossier)
        facts = generator.meeting_facts()
        if facts:
            _write(data_dir / "sitzungen" / f"{spec.id}.yml", facts)
