"""Every fact of the five seed documents, checked where a citizen would look for it on the built site.

The seeds are in the shared folder beside the project (000…004, see PRODUCT.md). Each fact is
(page address, expected text): the text must appear in the visible text of the page's main
article (``<article class="md-content__inner …">``): tags dropped, entities unescaped,
whitespace collapsed. Dates are written as on the pages, DD.MM.YYYY.

An expected text is either
- a string: it occurs somewhere in the article's text;
- a regular expression: it matches somewhere in the article's text;
- ``Row(...)``: all its parts occur together in one table row, list item or section of the
  article, e.g. a Beratung's date with its role and result, or a measure with its state.

A second list holds texts that must NOT appear: the OCR damage of seed 002 and results the
seeds never report.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import page

# --- pages ------------------------------------------------------------------------------------

# Vorlagen
BOERDE = "vorlagen/landkreis-boerde/2018-33-0590/"
WITT_0042 = "vorlagen/landkreis-wittmund/0042-2019/"
WITT_0121 = "vorlagen/landkreis-wittmund/0121-2018/"
FRIES = "vorlagen/landkreis-friesland/vorstellung-integrationskonzept-2019/"

# Dossiers and the topic page
D_BOERDE = "dossiers/integrationskonzept-boerde/"
D_FRIES = "dossiers/integrationskonzept-friesland/"
D_WITT = "dossiers/integrationskonzept-wittmund/"
THEMA = "themen/integrationskonzept/"

# Körperschaften
K_BOERDE = "koerperschaften/landkreis-boerde/"
K_FRIES = "koerperschaften/landkreis-friesland/"
K_WITT = "koerperschaften/landkreis-wittmund/"

# Gremien
G_B_KT = "gremien/landkreis-boerde/kreistag/"
G_B_KA = "gremien/landkreis-boerde/kreisausschuss/"
G_B_KSA = "gremien/landkreis-boerde/kultur-und-sozialausschuss/"
G_F_AAS = "gremien/landkreis-friesland/ausschuss-fuer-arbeit-und-soziales/"
G_F_KA = "gremien/landkreis-friesland/kreisausschuss/"
G_W_KT = "gremien/landkreis-wittmund/kreistag/"
G_W_KA = "gremien/landkreis-wittmund/kreisausschuss/"
G_W_SA = "gremien/landkreis-wittmund/sozialausschuss/"

# Sitzungen
S_B_KSA_1017 = "sitzungen/landkreis-boerde/kultur-und-sozialausschuss/2018-10-17/"
S_B_KSA_1114 = "sitzungen/landkreis-boerde/kultur-und-sozialausschuss/2018-11-14/"
S_B_KA_1121 = "sitzungen/landkreis-boerde/kreisausschuss/2018-11-21/"
S_B_KT_1128 = "sitzungen/landkreis-boerde/kreistag/2018-11-28/"
S_F_AAS_0912 = "sitzungen/landkreis-friesland/ausschuss-fuer-arbeit-und-soziales/2018-09-12/"
S_F_AAS_0227 = "sitzungen/landkreis-friesland/ausschuss-fuer-arbeit-und-soziales/2019-02-27/"
S_F_KA_0314 = "sitzungen/landkreis-friesland/kreisausschuss/2019-03-14/"
S_W_SA_1122 = "sitzungen/landkreis-wittmund/sozialausschuss/2018-11-22/"
S_W_KA_1129 = "sitzungen/landkreis-wittmund/kreisausschuss/2018-11-29/"
S_W_KT_1217 = "sitzungen/landkreis-wittmund/kreistag/2018-12-17/"
S_W_SA_0513 = "sitzungen/landkreis-wittmund/sozialausschuss/2019-05-13/"
S_W_KA_0523 = "sitzungen/landkreis-wittmund/kreisausschuss/2019-05-23/"
S_W_KT_0627 = "sitzungen/landkreis-wittmund/kreistag/2019-06-27/"

# Vorlagen lists, narrowed by Körperschaft, Gremium or status
L_K_WITT = "vorlagen/koerperschaft/landkreis-wittmund/"
L_G_B_KT = "vorlagen/gremium/landkreis-boerde--kreistag/"
L_G_F_AAS = "vorlagen/gremium/landkreis-friesland--ausschuss-fuer-arbeit-und-soziales/"
L_G_W_SA = "vorlagen/gremium/landkreis-wittmund--sozialausschuss/"
L_S_UNGEAENDERT = "vorlagen/status/ungeaendert-beschlossen/"

# "öffentlich" as a statement of its own, not the tail of "nicht öffentlich".
PUBLIC = re.compile(r"(?<!nicht )öffentlich")


class Row(tuple):
    """Texts that must occur together in one table row, list item or section."""

    def __new__(cls, *parts):
        return super().__new__(cls, parts)


def fact(id: str, url: str, expected) -> pytest.param:  # noqa: A002 - pytest's own word
    return pytest.param(url, expected, id=id)


FACTS = [
    # ==========================================================================================
    # 004 — Landkreis Börde, Vorlage 2018/33/0590 (ALLRIS Bürgerinfo)
    # ==========================================================================================
    fact("boerde-nummer", BOERDE, "Vorlagen-Nr. 2018/33/0590"),
    fact("boerde-betreff", BOERDE, "Betreff Integrationskonzept für den Landkreis Börde"),
    fact("boerde-art", BOERDE, "Art Beschlussvorlage"),
    fact("boerde-koerperschaft", BOERDE, "Körperschaft Landkreis Börde"),
    fact("boerde-status-oeffentlich", BOERDE, "Öffentlichkeit öffentlich"),
    fact("boerde-einreicher-sladky", BOERDE, "Sladky (FDLin Migration)"),
    fact("boerde-einreicher-herzig", BOERDE, "Herzig (Fachbereichsleiterin 3)"),
    fact("boerde-federfuehrend", BOERDE, "Federführend FD Migration"),
    fact("boerde-bearbeiterin", BOERDE, "Sladky, Corinna"),
    fact("boerde-stand-badge", BOERDE, "Stand: ungeändert beschlossen"),
    fact(
        "boerde-beratung-ksa-1017",
        BOERDE,
        Row("17.10.2018", "Kultur- und Sozialausschuss", "ordentliche Sitzung des Kultur- und Sozialausschusses",
            "Vorberatung"),
    ),
    fact(
        "boerde-beratung-ksa-1114",
        BOERDE,
        Row("14.11.2018", "Kultur- und Sozialausschuss", "ordentliche Sitzung des Kultur- und Sozialausschusses",
            "Vorberatung"),
    ),
    fact(
        "boerde-beratung-ka-1121",
        BOERDE,
        Row("21.11.2018", "Kreisausschuss", "43. ordentliche Sitzung des Kreisausschusses", "Vorberatung"),
    ),
    fact(
        "boerde-beratung-kreistag-1128",
        BOERDE,
        Row("28.11.2018", "Kreistag Landkreis Börde", "21. ordentliche Sitzung des Kreistages des Landkreises Börde",
            "Entscheidung", "ungeändert beschlossen"),
    ),
    fact("boerde-kreistag-result", BOERDE, "ungeändert beschlossen"),
    fact(
        "boerde-beschlussvorschlag",
        BOERDE,
        "Der Kreistag beschließt das Integrationskonzept für den Landkreis Börde.",
    ),
    fact("boerde-auftrag-17-mai-2017", BOERDE, "mit einstimmigem Beschluss vom 17. Mai 2017"),
    fact("boerde-federfuehrung-fachdienst", BOERDE, "in Federführung des Fachdienstes Migration"),
    fact("boerde-einjaehriger-prozess", BOERDE, "Im Verlauf eines einjährigen Diskussionsprozesses"),
    fact("boerde-netzwerk-migration", BOERDE, "im Rahmen des Netzwerkes Migration"),
    fact(
        "boerde-beteiligte",
        BOERDE,
        "Vertreter von verschiedenen Fachdiensten, Wohlfahrtsverbänden, Vereinen, Kirchen und engagierte "
        "Bürger*innen der verschiedenen Willkommensinitiativen bzw. des Lotsenprojektes",
    ),
    fact("boerde-stabsstelle", BOERDE, "Stabsstelle ‚Strategische Entwicklungsplanung und integrierte Sozialplanung‘"),
    fact(
        "boerde-handlungsfelder-vorlage",
        BOERDE,
        "Frühkindliche und (außer-)schulische Bildung, Spracherwerb, Ausbildung und Erwerbsleben, Soziale "
        "Integration, Bürgerschaftliches Engagement und Gesundheit",
    ),
    fact("boerde-fuersorgepflicht", BOERDE, "unabhängig vom Status des Einzelnen die Fürsorgepflicht hat"),
    fact(
        "boerde-auswirkungen-nicht-angegeben",
        BOERDE,
        "Finanzielle und personelle Auswirkungen In der Vorlage nicht angegeben",
    ),
    fact("boerde-gesamtstrategie", BOERDE, "erstmals eine integrationspolitische Gesamtstrategie"),
    fact("boerde-evaluation", BOERDE, "Eine Evaluation und Fortschreibung dieses Konzept ist erforderlich"),
    fact("boerde-anlage", BOERDE, Row("Integrationskonzept", "2143 KB")),
    fact("boerde-anlage-1-titel", BOERDE, "Anlage 1 der Vorlage („Integrationskonzept für den Landkreis Börde“)"),
    fact("boerde-anlage-datei-fehlt", BOERDE, "Datei liegt diesem Archiv nicht vor"),
    fact("boerde-dossier-link", BOERDE, "Dossier: Integrationskonzept für den Landkreis Börde"),
    # Sitzungen of the Beratungsfolge
    fact("boerde-sitzung-ksa-1017-name", S_B_KSA_1017, "ordentliche Sitzung des Kultur- und Sozialausschusses"),
    fact("boerde-sitzung-ksa-1017-top", S_B_KSA_1017, Row("2018/33/0590", "Vorberatung")),
    fact("boerde-sitzung-ksa-1114-name", S_B_KSA_1114, "ordentliche Sitzung des Kultur- und Sozialausschusses"),
    fact("boerde-sitzung-ksa-1114-top", S_B_KSA_1114, Row("2018/33/0590", "Vorberatung")),
    fact("boerde-sitzung-ka-1121-name", S_B_KA_1121, "43. ordentliche Sitzung des Kreisausschusses"),
    fact("boerde-sitzung-ka-1121-top", S_B_KA_1121, Row("2018/33/0590", "Vorberatung")),
    fact("boerde-sitzung-kreistag-name", S_B_KT_1128, "21. ordentliche Sitzung des Kreistages des Landkreises Börde"),
    fact("boerde-sitzung-kreistag-datum", S_B_KT_1128, "28.11.2018"),
    fact(
        "boerde-sitzung-kreistag-result",
        S_B_KT_1128,
        Row("2018/33/0590", "Integrationskonzept für den Landkreis Börde", "Entscheidung", "ungeändert beschlossen"),
    ),
    # Gremien
    fact("boerde-gremium-kreistag-wp", G_B_KT, "6. Wahlperiode"),
    fact("boerde-gremium-kreistag-name", G_B_KT, "Kreistag Landkreis Börde"),
    fact(
        "boerde-gremium-kreistag-vorlage",
        G_B_KT,
        Row("28.11.2018", "2018/33/0590", "Entscheidung", "ungeändert beschlossen"),
    ),
    fact("boerde-gremium-ka-sitzung", G_B_KA, Row("21.11.2018", "43. ordentliche Sitzung des Kreisausschusses")),
    fact("boerde-gremium-ka-vorlage", G_B_KA, Row("21.11.2018", "2018/33/0590", "Vorberatung")),
    fact("boerde-gremium-ksa-vorlage-1017", G_B_KSA, Row("17.10.2018", "2018/33/0590", "Vorberatung")),
    fact("boerde-gremium-ksa-vorlage-1114", G_B_KSA, Row("14.11.2018", "2018/33/0590", "Vorberatung")),
    # Körperschaft
    fact("boerde-koerperschaft-kreistag", K_BOERDE, Row("Kreistag Landkreis Börde")),
    fact("boerde-koerperschaft-ka", K_BOERDE, Row("Kreisausschuss")),
    fact("boerde-koerperschaft-ksa", K_BOERDE, Row("Kultur- und Sozialausschuss")),
    # Lists narrowed by Gremium and by status
    fact("boerde-liste-kreistag", L_G_B_KT, Row("2018/33/0590", "ungeändert beschlossen")),
    fact("boerde-liste-status", L_S_UNGEAENDERT, Row("2018/33/0590", "Integrationskonzept für den Landkreis Börde")),
    fact("boerde-koerperschaft-vorlage", K_BOERDE, Row("2018/33/0590", "ungeändert beschlossen")),
    # Dossier
    fact("boerde-dossier-auftrag", D_BOERDE, Row("17.05.2017", "Kreistag", "einstimmig")),
    fact("boerde-dossier-beschluss", D_BOERDE, Row("28.11.2018", "ungeändert")),
    fact(
        "boerde-dossier-beschluss-sitzung",
        D_BOERDE,
        Row("28.11.2018", "21. ordentliche Sitzung des Kreistages des Landkreises Börde"),
    ),
    fact("boerde-dossier-vorberatung", D_BOERDE, "Kultur- und Sozialausschuss am 17.10.2018 und am 14.11.2018"),
    fact("boerde-dossier-vorberatung-ka", D_BOERDE, "Kreisausschuss am 21.11.2018 (43. ordentliche Sitzung)"),
    fact("boerde-dossier-federfuehrung", D_BOERDE, "Fachdienst Migration"),
    fact("boerde-dossier-netzwerk", D_BOERDE, "Netzwerk Migration"),
    fact("boerde-dossier-lotsenprojekt", D_BOERDE, "Willkommensinitiativen bzw. des Lotsenprojektes"),
    fact("boerde-dossier-hf-anzahl", D_BOERDE, "Handlungsfelder 6"),
    fact("boerde-dossier-hf-bildung", D_BOERDE, Row("Frühkindliche und (außer-)schulische Bildung")),
    fact("boerde-dossier-hf-sprache", D_BOERDE, Row("Spracherwerb")),
    fact("boerde-dossier-hf-ausbildung", D_BOERDE, Row("Ausbildung und Erwerbsleben")),
    fact("boerde-dossier-hf-soziale-integration", D_BOERDE, Row("Soziale Integration")),
    fact("boerde-dossier-hf-engagement", D_BOERDE, Row("Bürgerschaftliches Engagement")),
    fact("boerde-dossier-hf-gesundheit", D_BOERDE, Row("Gesundheit")),
    fact("boerde-dossier-anlage", D_BOERDE, Row("Integrationskonzept für den Landkreis Börde", "2143 KB")),
    fact("boerde-dossier-anlage-datei-fehlt", D_BOERDE, "Datei liegt diesem Archiv nicht vor"),
    # The counties side by side: when Börde decided
    fact("boerde-thema-beschluss", THEMA, Row("Landkreis Börde", "28.11.2018")),
    fact(
        "boerde-thema-handlungsfelder",
        THEMA,
        Row("Landkreis Börde", "Frühkindliche und (außer-)schulische Bildung", "Spracherwerb",
            "Ausbildung und Erwerbsleben", "Soziale Integration", "Bürgerschaftliches Engagement", "Gesundheit"),
    ),
    # ==========================================================================================
    # 000 — Landkreis Friesland, Vorlage "Vorstellung des Integrationskonzeptes"
    # ==========================================================================================
    fact("friesland-betreff", FRIES, "Vorstellung des Integrationskonzeptes des Landkreises Friesland"),
    fact("friesland-koerperschaft", FRIES, "Körperschaft Landkreis Friesland"),
    fact("friesland-federfuehrend", FRIES, "Fachbereich Soziales und Senioren"),
    fact("friesland-beratung-aas-0227", FRIES, Row("27.02.2019", "Ausschuss für Arbeit und Soziales")),
    # The seed marks this Beratung "öffentlich"; the Beratungsfolge should say so, as it says "nicht öffentlich".
    fact(
        "friesland-beratung-aas-0227-oeffentlich",
        FRIES,
        Row("27.02.2019", "Ausschuss für Arbeit und Soziales", PUBLIC),
    ),
    fact(
        "friesland-beratung-ka-0314-nicht-oeffentlich",
        FRIES,
        Row("14.03.2019", "Kreisausschuss des Landkreises Friesland", "nicht öffentlich"),
    ),
    fact("friesland-stand-nicht-oeffentlich", FRIES, "Stand: nicht öffentlich beraten"),
    fact(
        "friesland-beschlussvorschlag",
        FRIES,
        "Dem Integrationskonzept des Landkreises Friesland mit den darin enthaltenen Maßnahmen wird zugestimmt.",
    ),
    fact("friesland-finanzielle-auswirkungen-ja", FRIES, "Finanzielle Auswirkungen ja"),
    fact("friesland-auftrag-181017", FRIES, "in seiner Sitzung vom 18.10.2017 beschlossen"),
    fact(
        "friesland-auftrag-inhalt",
        FRIES,
        "Konzeptes zur langfristigen Verbesserung der Partizipation und Teilhabe von Menschen mit "
        "Migrationshintergrund und zur Stärkung der interkulturellen Öffnung des Landkreises Friesland",
    ),
    fact("friesland-vertragsverhandlungen", FRIES, "mit dem günstigsten Anbieter auf Basis des eingereichten Angebots"),
    fact("friesland-imap-vorgespraech", FRIES, "Nach einem Vorgespräch mit der Firma IMAP"),
    fact("friesland-kickoff-datum", FRIES, "Kickoff-Veranstaltung am 07.12.2017"),
    fact("friesland-kickoff-teilnehmer", FRIES, "über 60 Teilnehmer/innen"),
    fact("friesland-kickoff-drei-themen", FRIES, "zu drei vorgegebenen Themen"),
    fact("friesland-experteninterviews", FRIES, "fünf ausgewählte Experten der Integrationsarbeit"),
    fact("friesland-online-umfrage", FRIES, "Diese Möglichkeit nutzten 130 Personen, Vereine und Institutionen."),
    fact("friesland-kickoff-bewertung", FRIES, "bewerteten im Positiven wie Negativen die Integrationsarbeit"),
    fact(
        "friesland-workshops",
        FRIES,
        "unter Beteiligung diverser Fachbereiche und der Städte und Gemeinden Workshops",
    ),
    fact(
        "friesland-vorstellung-imap-fachbereich",
        FRIES,
        "durch die Firma IMAP und den zuständigen Fachbereich Soziales",
    ),
    fact("friesland-fuenf-handlungsfelder", FRIES, "konkrete Maßnahmen in fünf Handlungsfeldern"),
    fact("friesland-handout-120918", FRIES, "Ausschuss für Arbeit und Soziales vom 12.09.2018"),
    fact("friesland-abschlusskonferenz", FRIES, "am 27.02.2019 in einer Abschlusskonferenz"),
    fact("friesland-keine-anlagen", FRIES, "Keine Anlagen."),
    fact(
        "friesland-gedrucktes-exemplar",
        FRIES,
        "Ein gedrucktes Exemplar des Konzeptes wird rechtzeitig vor der Sitzung",
    ),
    # Sitzungen and Gremien
    fact("friesland-sitzung-aas-0227-oeffentlich", S_F_AAS_0227, "Öffentlichkeit öffentlich"),
    fact(
        "friesland-sitzung-aas-0227-top",
        S_F_AAS_0227,
        Row("Vorstellung des Integrationskonzeptes des Landkreises Friesland"),
    ),
    fact("friesland-sitzung-ka-0314-nicht-oeffentlich", S_F_KA_0314, "Öffentlichkeit nicht öffentlich"),
    fact("friesland-sitzung-ka-0314-gremium", S_F_KA_0314, "Kreisausschuss des Landkreises Friesland"),
    fact("friesland-sitzung-aas-0912-handout", S_F_AAS_0912, "„Handlungskonzept Integration“"),
    fact("friesland-gremium-aas-sitzung-0227", G_F_AAS, Row("27.02.2019", PUBLIC)),
    fact("friesland-gremium-aas-sitzung-0912", G_F_AAS, Row("12.09.2018")),
    fact(
        "friesland-gremium-aas-vorlage",
        G_F_AAS,
        Row("27.02.2019", "Vorstellung des Integrationskonzeptes des Landkreises Friesland"),
    ),
    fact("friesland-gremium-ka-sitzung-0314", G_F_KA, Row("14.03.2019", "nicht öffentlich")),
    fact("friesland-koerperschaft-ka", K_FRIES, Row("Kreisausschuss des Landkreises Friesland")),
    fact("friesland-koerperschaft-aas", K_FRIES, Row("Ausschuss für Arbeit und Soziales")),
    fact("friesland-liste-aas", L_G_F_AAS, Row("Vorstellung des Integrationskonzeptes des Landkreises Friesland")),
    # Dossier: the process
    fact("friesland-dossier-auftrag", D_FRIES, Row("18.10.2017", "Kreisausschuss")),
    fact("friesland-dossier-kickoff", D_FRIES, Row("07.12.2017", "Kickoff-Veranstaltung", "über 60")),
    fact("friesland-dossier-interviews", D_FRIES, "Experteninterviews 5"),
    fact("friesland-dossier-umfrage", D_FRIES, "Online-Umfrage 130 Personen, Vereine und Institutionen"),
    fact("friesland-dossier-workshops", D_FRIES, Row("Workshops", "fünf Handlungsfeldern")),
    fact("friesland-dossier-handlungsfelder-5", D_FRIES, "Handlungsfelder 5"),
    fact("friesland-dossier-handout", D_FRIES, Row("12.09.2018", "Handout", "Ausschuss für Arbeit und Soziales")),
    fact("friesland-dossier-abschlusskonferenz", D_FRIES, Row("27.02.2019", "Abschlusskonferenz")),
    fact("friesland-dossier-ka-0314", D_FRIES, Row("14.03.2019", "Kreisausschuss", "nicht öffentlich")),
    fact("friesland-dossier-imap", D_FRIES, "Firma IMAP"),
    fact("friesland-dossier-konzept-datei-fehlt", D_FRIES, "Datei liegt diesem Archiv nicht vor"),
    fact("friesland-thema-auftrag", THEMA, Row("Landkreis Friesland", "18.10.2017")),
    fact("friesland-thema-beteiligung", THEMA, Row("Landkreis Friesland", "über 60", "130")),
    fact("friesland-thema-beschluss", THEMA, Row("Landkreis Friesland", "14.03.2019", "nicht öffentlich")),
    # ==========================================================================================
    # 001 — Landkreis Friesland, handout "Handlungskonzept Integration"
    # ==========================================================================================
    fact("handout-titel", D_FRIES, "„Handlungskonzept Integration“"),
    fact("handout-fachbereich", D_FRIES, "Fachbereich Soziales und Senioren"),
    fact("handout-anteil-prozent", D_FRIES, "von 2,5 % auf fast 5 % angestiegen"),
    fact("handout-fuenf-jahre", D_FRIES, "in den letzten fünf Jahren"),
    fact(
        "handout-handlungskonzept",
        D_FRIES,
        "ein Handlungskonzept erarbeiten, das die strategischen Handlungsfelder aufzeigt",
    ),
    fact("handout-2015-2016", D_FRIES, "geflüchteter Menschen in den Jahren 2015 und 2016"),
    fact("handout-akutphase", D_FRIES, "Nach der ersten „Akutphase“"),
    fact("handout-ziel-bedarfe", D_FRIES, Row("Ermittlung von Bedarfen der Flüchtlinge und Asylbewerber")),
    fact("handout-ziel-transparenz", D_FRIES, Row("Transparenz über vorhandene Integrationsangebote")),
    fact(
        "handout-ziel-leitlinien",
        D_FRIES,
        Row("Leitlinien und strategische Ausrichtung der Integrationsarbeit benennen"),
    ),
    fact(
        "handout-ziel-handlungsfelder",
        D_FRIES,
        Row("Festlegung strategischer Handlungsfelder, Erarbeitung von Handlungsempfehlungen und "
            "umsetzungsorientierten Maßnahmen"),
    ),
    fact("handout-ziel-beschlussfassung", D_FRIES, Row("Beschlussfassung zur Umsetzung durch politische Gremien")),
    fact(
        "handout-ziel-messbar",
        D_FRIES,
        Row("Erstellung eines umsetzungsorientierten, messbaren Integrationskonzeptes"),
    ),
    fact(
        "handout-ziel-ueberpruefung",
        D_FRIES,
        Row("Maßnahmen zur Überprüfung des Erreichten, Nachsteuerung und Weiterentwicklung zu einem "
            "fortlaufenden Prozess"),
    ),
    fact("handout-intern-gruppe", D_FRIES, "Vertreter der Kreisverwaltung intern"),
    fact(
        "handout-intern-fachbereiche",
        D_FRIES,
        Row("Vertreter der Fachbereiche, die mit Integrationsarbeit befasst sind"),
    ),
    fact("handout-intern-koordinatoren", D_FRIES, Row("Koordinatoren")),
    fact("handout-extern-gruppe", D_FRIES, "Externe Vertreter der Integrationsarbeit außerhalb der Verwaltung"),
    fact("handout-extern-politik", D_FRIES, Row("Politik")),
    fact("handout-extern-integrationslotsen", D_FRIES, Row("Integrationslotsen")),
    fact("handout-extern-wohlfahrtsverbaende", D_FRIES, Row("Wohlfahrtsverbände")),
    fact("handout-extern-staedte-gemeinden", D_FRIES, Row("Städte und Gemeinden im Landkreis")),
    fact("handout-extern-schulen", D_FRIES, Row("Schulen/Bildungsregion")),
    fact("handout-extern-erwachsenenbildung", D_FRIES, Row("Erwachsenenbildung")),
    fact("handout-extern-hwk", D_FRIES, Row("Handwerkskammer/IHK")),
    fact("handout-extern-ihk", D_FRIES, Row("Industrie- und Handelskammer")),
    fact("handout-extern-glaubensgemeinschaften", D_FRIES, Row("Glaubensgemeinschaften, Kirchen")),
    fact("handout-extern-sportvereine", D_FRIES, Row("Sportvereine u.v.a.m.")),
    fact("handout-schritt-1", D_FRIES, Row("Schritt 1", "Bestands- und Bedarfsanalyse")),
    fact("handout-schritt-2", D_FRIES, Row("Schritt 2", "Bündelung der Kompetenzen")),
    fact("handout-schritt-3", D_FRIES, Row("Schritt 3", "Handlungsempfehlung und Leitbildentwicklung")),
    fact("handout-schritt-4", D_FRIES, Row("Schritt 4", "Umsetzungsphase")),
    # ==========================================================================================
    # 002 — Landkreis Wittmund, Vorlage 0042/2019 (OCR text, repaired from 003)
    # ==========================================================================================
    fact("wittmund-0042-nummer", WITT_0042, "Vorlagen-Nr. 0042/2019"),
    fact("wittmund-0042-betreff", WITT_0042, "Beschluss des Integrationskonzepts des Landkreises Wittmund"),
    fact("wittmund-0042-art", WITT_0042, "Art Beschlussvorlage"),
    fact("wittmund-0042-oeffentlich", WITT_0042, "Öffentlichkeit öffentlich"),
    fact("wittmund-0042-einreicher-landrat", WITT_0042, "Der Landrat"),
    fact("wittmund-0042-ordnungsamt", WITT_0042, "Federführend Ordnungsamt"),
    fact("wittmund-0042-aktenzeichen", WITT_0042, "Aktenzeichen 32.5.1"),
    fact("wittmund-0042-datum", WITT_0042, "Datum 26.04.2019"),
    fact("wittmund-0042-beratung-sa", WITT_0042, Row("13.05.2019", "Sozialausschuss")),
    fact("wittmund-0042-beratung-ka", WITT_0042, Row("23.05.2019", "Kreisausschuss")),
    fact("wittmund-0042-beratung-kt", WITT_0042, Row("27.06.2019", "Kreistag")),
    fact("wittmund-0042-auftrag-230817", WITT_0042, "in seiner Sitzung am 23.08.2017 beschlossen"),
    fact("wittmund-0042-ka-250118", WITT_0042, "Kreisausschussbeschluss vom 25.01.2018"),
    fact("wittmund-0042-imap", WITT_0042, "IMAP GmbH, Düsseldorf"),
    fact(
        "wittmund-0042-dezember-2018",
        WITT_0042,
        "Im Dezember 2018 erfolgte nach Vorberatung und Erörterung in den Ausschüssen",
    ),
    fact("wittmund-0042-erste-massnahmen", WITT_0042, "Kreistagsbeschluss über erste Umsetzungsmaßnahmen"),
    fact("wittmund-0042-verweis-0121", WITT_0042, "Insoweit wird auf die Vorlage 0121/2018 verwiesen."),
    fact("wittmund-0042-beschluss-als-anlage", WITT_0042, "Der Beschluss ist als Anlage beigefügt."),
    fact("wittmund-0042-arbeitspapier", WITT_0042, "Ein kommunales Integrationskonzept ist als Arbeitspapier zu sehen"),
    fact("wittmund-0042-endgueltige-fassung", WITT_0042, "Nunmehr wurde die endgültige Fassung"),
    fact(
        "wittmund-0042-nachgereicht",
        WITT_0042,
        "Das Konzept wird rechtzeitig vor der Sitzung des Sozialausschusses nachgereicht.",
    ),
    fact(
        "wittmund-0042-beschlussvorschlag",
        WITT_0042,
        "Der Kreistag beschließt das Integrationskonzept des Landkreises Wittmund in der vorliegenden Fassung.",
    ),
    fact("wittmund-0042-gesamtkosten", WITT_0042, "Gesamtkosten keine"),
    fact("wittmund-0042-folgekosten", WITT_0042, "Jährliche Folgekosten keine"),
    fact("wittmund-0042-einnahmen", WITT_0042, "Objektbezogene Einnahmen keine"),
    fact("wittmund-0042-unterzeichnung", WITT_0042, "Wittmund, den 26.04.2019 gez. Hinrichs, Uwe"),
    fact(
        "wittmund-0042-anlage",
        WITT_0042,
        Row("20181217 Kreistagsbeschluss Erste Maßnahmen Umsetzung Integrationskonzept",
            "Datei liegt diesem Archiv nicht vor"),
    ),
    fact(
        "wittmund-0042-anlage-kreistag-171218",
        WITT_0042,
        "Beschluss des Kreistages vom 17.12.2018 zu Vorlage 0121/2018",
    ),
    fact("wittmund-0042-bezug-0121", WITT_0042, Row("0121/2018", "Integrationskonzept für den Landkreis Wittmund")),
    # OCR repairs
    fact("wittmund-0042-ocr-fuer-den", WITT_0042, "für den Landkreis Wittmund"),
    fact("wittmund-0042-ocr-duesseldorf", WITT_0042, "Düsseldorf"),
    fact("wittmund-0042-ocr-eroerterung", WITT_0042, "Erörterung"),
    fact("wittmund-0042-ocr-beschliesst", WITT_0042, "beschließt"),
    fact("wittmund-0042-ocr-ausschuessen", WITT_0042, "in den Ausschüssen"),
    fact("wittmund-0042-ocr-umsetzungsmassnahmen", WITT_0042, "Umsetzungsmaßnahmen"),
    # Honesty: results after the paper's date are not reported
    fact("wittmund-0042-stand-nicht-erfasst", WITT_0042, "Stand: Ergebnis nicht erfasst"),
    fact("wittmund-0042-sa-kein-ergebnis", WITT_0042, Row("13.05.2019", "kein Ergebnis erfasst")),
    fact("wittmund-0042-ka-kein-ergebnis", WITT_0042, Row("23.05.2019", "kein Ergebnis erfasst")),
    fact("wittmund-0042-kt-kein-ergebnis", WITT_0042, Row("27.06.2019", "kein Ergebnis erfasst")),
    # Sitzungen and Gremien
    fact("wittmund-0042-sitzung-sa-0513", S_W_SA_0513, Row("0042/2019", "kein Ergebnis erfasst")),
    fact("wittmund-0042-sitzung-ka-0523", S_W_KA_0523, Row("0042/2019", "kein Ergebnis erfasst")),
    fact("wittmund-0042-sitzung-kt-0627", S_W_KT_0627, Row("0042/2019", "kein Ergebnis erfasst")),
    fact("wittmund-0042-gremium-sa", G_W_SA, Row("13.05.2019", "0042/2019")),
    fact("wittmund-0042-gremium-ka", G_W_KA, Row("23.05.2019", "0042/2019")),
    fact("wittmund-0042-gremium-kt", G_W_KT, Row("27.06.2019", "0042/2019", "kein Ergebnis erfasst")),
    fact("wittmund-0042-koerperschaft", K_WITT, Row("0042/2019", "26.04.2019", "Ergebnis nicht erfasst")),
    fact("wittmund-koerperschaft-kreistag", K_WITT, Row("Kreistag")),
    fact("wittmund-koerperschaft-kreisausschuss", K_WITT, Row("Kreisausschuss")),
    fact("wittmund-koerperschaft-sozialausschuss", K_WITT, Row("Sozialausschuss")),
    fact("wittmund-liste-koerperschaft-0042", L_K_WITT, Row("0042/2019", "Ergebnis nicht erfasst")),
    fact("wittmund-liste-koerperschaft-0121", L_K_WITT, Row("0121/2018", "beschlossen")),
    fact("wittmund-liste-sozialausschuss-0042", L_G_W_SA, Row("0042/2019")),
    fact("wittmund-liste-sozialausschuss-0121", L_G_W_SA, Row("0121/2018")),
    # ==========================================================================================
    # 003 — Landkreis Wittmund, Vorlage 0121/2018 (status report and first measures)
    # ==========================================================================================
    fact("wittmund-0121-nummer", WITT_0121, "Vorlagen-Nr. 0121/2018"),
    fact(
        "wittmund-0121-betreff",
        WITT_0121,
        "Integrationskonzept für den Landkreis Wittmund; Bericht über den aktuellen Sachstand",
    ),
    fact("wittmund-0121-art", WITT_0121, "Art Beschlussvorlage"),
    fact("wittmund-0121-oeffentlich", WITT_0121, "Öffentlichkeit öffentlich"),
    fact("wittmund-0121-datum", WITT_0121, "Datum 09.11.2018"),
    fact("wittmund-0121-beratung-sa", WITT_0121, Row("22.11.2018", "Sozialausschuss")),
    fact("wittmund-0121-beratung-ka", WITT_0121, Row("29.11.2018", "Kreisausschuss")),
    fact("wittmund-0121-beratung-kt", WITT_0121, Row("17.12.2018", "Kreistag", "beschlossen")),
    fact("wittmund-0121-auftrag-230817", WITT_0121, "in seiner Sitzung am 23.08.2017 beschlossen"),
    fact("wittmund-0121-ka-250118", WITT_0121, "Kreisausschussbeschluss vom 25.01.2018"),
    fact("wittmund-0121-imap", WITT_0121, "IMAP GmbH, Düsseldorf"),
    fact(
        "wittmund-0121-weitestgehend-fertig",
        WITT_0121,
        "Das Integrationskonzept ist nunmehr weitestgehend fertiggestellt.",
    ),
    fact("wittmund-0121-schnober", WITT_0121, "Frau Schnober wird als Vertreterin des beauftragten Unternehmens IMAP"),
    fact("wittmund-0121-steuerungsgruppe", WITT_0121, "Steuerungsgruppe, bestehend aus Mitarbeitern der Verwaltung"),
    fact(
        "wittmund-0121-integrationsstelle",
        WITT_0121,
        "zentrale Anlauf- bzw. Integrationsstelle mit Ansprechpartner für alle Migrantengruppen",
    ),
    fact("wittmund-0121-integrationsstelle-aufgaben", WITT_0121,
         "(z.B. Einzelfallhilfe, Vermittlung an Fachberatungsstellen, evtl. mobile Beratung)"),
    fact("wittmund-0121-sprachkoordinierungsstelle", WITT_0121, "Sprachkoordinierungsstelle"),
    fact("wittmund-0121-sprachkoordinierung-aufgaben", WITT_0121,
         "Bildungsberatung, Netzwerkarbeit, Bedarfsermittlung sowie Erfassung und Ausbau von Informationsmaterialien"),
    fact("wittmund-0121-sprachkurse", WITT_0121, "niederschwelligen Sprachkurse in den Kommunen"),
    fact("wittmund-0121-pilotprojekte", WITT_0121, "kurz- bis mittelfristiger Pilotprojekte (z.B. Sprach-Café)"),
    fact("wittmund-0121-dolmetscherpool", WITT_0121, "den Ausbau des Dolmetscherpools"),
    fact(
        "wittmund-0121-informationsveranstaltungen",
        WITT_0121,
        "niederschwelliger Informationsveranstaltungen für Migranten",
    ),
    fact("wittmund-0121-mama-lernt-deutsch", WITT_0121, "„Mama lernt Deutsch“"),
    fact("wittmund-0121-gemeinden", WITT_0121, "Verstärkung der Zusammenarbeit mit kreisangehörigen Gemeinden"),
    fact("wittmund-0121-beratungsstellen", WITT_0121, "Erweiterung der Kooperation mit den Beratungsstellen"),
    fact("wittmund-0121-lokale-projekte", WITT_0121, "Förderung lokaler Integrationsprojekte und Veranstaltungen"),
    fact("wittmund-0121-budget-10000-20000", WITT_0121, "das aktuell 10.000 € beträgt, auf 20.000 € aufzustocken"),
    fact(
        "wittmund-0121-vollzeitstelle",
        WITT_0121,
        "Es ist eine Vollzeitstelle für beide Aufgabenbereiche einzuplanen",
    ),
    fact("wittmund-0121-stellenplan-2019", WITT_0121, "im Stellenplan 2019 auszuweisen"),
    fact(
        "wittmund-0121-beschluss-budget",
        WITT_0121,
        "wird das Budget der Koordinierungsstelle zunächst in 2019 auf 20.000 € aufgestockt",
    ),
    fact("wittmund-0121-folgejahre", WITT_0121, "der finanzielle Rahmen in den Folgejahren anzupassen"),
    fact("wittmund-0121-arbeitspapier", WITT_0121, "Ein kommunales Integrationskonzept ist als Arbeitspapier zu sehen"),
    fact("wittmund-0121-personelle-auswirkungen", WITT_0121, "Personelle Auswirkungen ja"),
    fact("wittmund-0121-gesamtkosten", WITT_0121, "Personalkosten für eine Stelle + 10.000 €"),
    fact("wittmund-0121-folgekosten", WITT_0121, "Jährliche Folgekosten keine"),
    fact("wittmund-0121-einnahmen", WITT_0121, "Objektbezogene Einnahmen keine"),
    fact("wittmund-0121-produktkonto", WITT_0121, "Aufwendung für Koordinierungsstelle"),
    fact("wittmund-0121-unterzeichnung", WITT_0121, "Wittmund, den 09.11.2018 gez. Hinrichs, Uwe"),
    fact("wittmund-0121-keine-anlagen", WITT_0121, "Keine Anlagen."),
    fact("wittmund-0121-erwaehnt-in-0042", WITT_0121, Row("0042/2019", "Beschluss des Integrationskonzepts")),
    # Sitzungen and Gremien
    fact("wittmund-0121-sitzung-sa-1122", S_W_SA_1122, Row("0121/2018", "Vorberatung")),
    fact("wittmund-0121-sitzung-ka-1129", S_W_KA_1129, Row("0121/2018", "Vorberatung")),
    fact("wittmund-0121-sitzung-kt-1217", S_W_KT_1217, Row("0121/2018", "Entscheidung", "beschlossen")),
    fact("wittmund-0121-gremium-sa", G_W_SA, Row("22.11.2018", "0121/2018")),
    fact("wittmund-0121-gremium-ka", G_W_KA, Row("29.11.2018", "0121/2018")),
    fact("wittmund-0121-gremium-kt", G_W_KT, Row("17.12.2018", "0121/2018", "beschlossen")),
    # Dossier: process, measures with state and budget
    fact("wittmund-dossier-auftrag", D_WITT, Row("23.08.2017", "Kreisausschuss")),
    fact("wittmund-dossier-imap-auftrag", D_WITT, Row("25.01.2018", "IMAP GmbH, Düsseldorf")),
    fact("wittmund-dossier-schnober", D_WITT, "Frau Schnober"),
    fact("wittmund-dossier-steuerungsgruppe", D_WITT, Row("Steuerungsgruppe", "Mitarbeiter")),
    fact("wittmund-dossier-sozialausschuss-1122", D_WITT, Row("09.11.2018", "22.11.2018")),
    fact("wittmund-dossier-kreistag-1217", D_WITT, Row("17.12.2018", "Kreistag", "erste Umsetzungsmaßnahmen")),
    fact("wittmund-dossier-0042", D_WITT, Row("26.04.2019", "13.05.2019", "23.05.2019", "27.06.2019", "nicht erfasst")),
    fact("wittmund-dossier-budget", D_WITT, "Budget der Koordinierungsstelle 2019 20.000 € (bisher 10.000 €)"),
    fact(
        "wittmund-dossier-stelle",
        D_WITT,
        "eine Vollzeitstelle für Integrationsstelle und Sprachkoordinierung (Stellenplan 2019)",
    ),
    fact(
        "wittmund-massnahme-integrationsstelle",
        D_WITT,
        Row("Zentrale Anlauf- bzw. Integrationsstelle", "Vollzeitstelle", "beschlossen"),
    ),
    fact(
        "wittmund-massnahme-sprachkoordinierung",
        D_WITT,
        Row("Sprachkoordinierungsstelle", "Vollzeitstelle", "beschlossen"),
    ),
    fact(
        "wittmund-massnahme-budget",
        D_WITT,
        Row("Budget der Koordinierungsstelle aufstocken", "2019 von 10.000 € auf 20.000 €", "beschlossen"),
    ),
    fact("wittmund-massnahme-sprachkurse", D_WITT, Row("niederschwellige Sprachkurse", "Fortführung empfohlen")),
    fact("wittmund-massnahme-pilotprojekte", D_WITT, Row("Pilotprojekte", "Sprach-Café", "Fortführung empfohlen")),
    fact("wittmund-massnahme-dolmetscherpool", D_WITT, Row("Dolmetscherpool", "Fortführung empfohlen")),
    fact(
        "wittmund-massnahme-infoveranstaltungen",
        D_WITT,
        Row("Informationsveranstaltungen für Migranten", "Fortführung empfohlen"),
    ),
    fact("wittmund-massnahme-mama-lernt-deutsch", D_WITT, Row("„Mama lernt Deutsch“", "Fortführung empfohlen")),
    fact("wittmund-massnahme-gemeinden", D_WITT, Row("kreisangehörigen Gemeinden", "angeregt")),
    fact("wittmund-massnahme-beratungsstellen", D_WITT, Row("Kooperation mit den Beratungsstellen", "angeregt")),
    fact(
        "wittmund-massnahme-lokale-projekte",
        D_WITT,
        Row("Lokale Integrationsprojekte und Veranstaltungen", "angeregt"),
    ),
    fact(
        "wittmund-dossier-anlage-datei-fehlt",
        D_WITT,
        Row("20181217 Kreistagsbeschluss Erste Maßnahmen Umsetzung Integrationskonzept",
            "Datei liegt diesem Archiv nicht vor"),
    ),
    fact("wittmund-thema-auftrag", THEMA, Row("Landkreis Wittmund", "23.08.2017")),
    fact("wittmund-thema-beschluss", THEMA, Row("Landkreis Wittmund", "17.12.2018")),
    fact("wittmund-thema-massnahmen", THEMA, Row("Landkreis Wittmund", "11 Maßnahmen erfasst")),
]

# Texts that must not appear: OCR damage of seed 002, and results or votes the seeds never report.
ABSENT = [
    pytest.param(WITT_0042, text, id=f"wittmund-0042-no-ocr-{slug}")
    for slug, text in [
        ("fur-den", "fur den"),
        ("disseldorf", "Disseldorf"),
        ("erdrterung", "Erdrterung"),
        ("beschlie3t", "beschlie3t"),
        ("ausschiissen", "Ausschiissen"),
        ("umsetzungsmalrnahmen", "UmsetzungsmalRnahmen"),
        ("mal3hahmen", "Mal3hahmen"),
        ("fir-die", "Fir die"),
        ("fuer-die-prozessbegleitung", "fUr die"),
        ("geman", "geman "),
        ("uber-erste", "Uber erste"),
        ("beigeflgt", "beigeflgt"),
        ("endglltige", "endglltige"),
        ("handlungsansatze", "Handlungsansatze"),
        ("bewaltigung", "Bewaltigung"),
        ("jahrliche", "jahrliche"),
    ]
] + [
    # 0042/2019 predates its Beratungen: no result, no vote is invented.
    pytest.param(WITT_0042, "ungeändert beschlossen", id="wittmund-0042-no-invented-result"),
    pytest.param(WITT_0042, "einstimmig", id="wittmund-0042-no-invented-vote"),
    pytest.param(S_W_KT_0627, "ungeändert beschlossen", id="wittmund-kreistag-0627-no-invented-result"),
    # 0121/2018: the seeds say a Beschluss was taken, not whether unchanged, nor how the vote went.
    pytest.param(WITT_0121, "ungeändert beschlossen", id="wittmund-0121-no-invented-unchanged"),
    pytest.param(WITT_0121, "einstimmig", id="wittmund-0121-no-invented-vote"),
    # Friesland's form lists "einstimmig" as a box to tick, not as a result.
    pytest.param(FRIES, "einstimmig", id="friesland-no-invented-vote"),
    # Friesland: the Kreisausschuss met nicht öffentlich; its result is not published.
    pytest.param(FRIES, "Stand: beschlossen", id="friesland-no-invented-result"),
]


# --- visible text -----------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp",
    "small", "span", "strong", "sub", "sup", "time", "u", "var", "del", "ins",
}
_INVISIBLE = {"script", "style", "template"}
_ROWS = {"tr", "li", "section"}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _ArticleText(HTMLParser):
    """Collects the text of the main article, and separately of every row, list item and section in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # the parser unescapes entities
        self.article_depth = 0  # inside <article class="md-content__inner"> (and articles nested in it)
        self.invisible: list[str] = []  # open script/style/template/[hidden] elements
        self.parts: list[str] = []
        self.open_rows: list[tuple[str, list[str]]] = []
        self.rows: list[str] = []

    def _text(self, data: str) -> None:
        self.parts.append(data)
        for _, row in self.open_rows:
            row.append(data)

    def _boundary(self, tag: str) -> None:
        # Block elements separate words ("Datum</dt><dd>26.04.2019"); inline ones do not.
        if tag not in _INLINE and not self.invisible:
            self._text(" ")

    def handle_starttag(self, tag, attrs):
        if tag == "article" and (self.article_depth or "md-content__inner" in (dict(attrs).get("class") or "").split()):
            self.article_depth += 1
            return
        if not self.article_depth:
            return
        if tag in _VOID:
            self._boundary(tag)
            return
        if self.invisible or tag in _INVISIBLE or "hidden" in dict(attrs):
            self.invisible.append(tag)
            return
        self._boundary(tag)
        if tag in _ROWS:
            self.open_rows.append((tag, []))

    def handle_startendtag(self, tag, attrs):
        if self.article_depth:
            self._boundary(tag)

    def handle_endtag(self, tag):
        if tag == "article":
            self.article_depth = max(0, self.article_depth - 1)
            return
        if not self.article_depth:
            return
        if self.invisible:
            if tag in self.invisible:
                del self.invisible[len(self.invisible) - 1 - self.invisible[::-1].index(tag) :]
            return
        self._boundary(tag)
        if tag in _ROWS:
            for index in range(len(self.open_rows) - 1, -1, -1):
                if self.open_rows[index][0] == tag:
                    self.rows.extend(normalise("".join(row)) for _, row in reversed(self.open_rows[index:]))
                    del self.open_rows[index:]
                    break

    def handle_data(self, data):
        if self.article_depth and not self.invisible:
            self._text(data)


@functools.lru_cache(maxsize=None)
def visible(site_dir: Path, url: str) -> tuple[str, tuple[str, ...]]:
    """The article's visible text, and the visible text of each of its rows, list items and sections."""
    parser = _ArticleText()
    parser.feed(page(site_dir, url))
    parser.close()
    text = normalise("".join(parser.parts))
    assert text, f"{url}: no <article class='md-content__inner'> with text found"
    return text, tuple(parser.rows)


def _found(haystack: str, needle) -> bool:
    if isinstance(needle, re.Pattern):
        return needle.search(haystack) is not None
    return normalise(needle) in haystack


def _show(needle) -> str:
    return f"/{needle.pattern}/" if isinstance(needle, re.Pattern) else repr(normalise(needle))


# --- tests ------------------------------------------------------------------------------------


def test_the_list_of_facts_is_long_and_ids_are_unique():
    ids = [param.id for param in FACTS + ABSENT]
    assert len(FACTS) >= 80
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.parametrize(("url", "expected"), FACTS)
def test_seed_fact_is_on_the_page(site, url, expected):
    text, rows = visible(site, url)
    if isinstance(expected, Row):
        matching = [row for row in rows if all(_found(row, part) for part in expected)]
        if not matching:
            near = [row for row in rows if _found(row, expected[0])]
            pytest.fail(
                f"{url}: no table row, list item or section holds all of "
                f"{', '.join(_show(part) for part in expected)}.\n"
                f"Rows holding {_show(expected[0])}: {near[:5] or 'none'}"
            )
    else:
        assert _found(text, expected), f"{url}: {_show(expected)} not in the visible text:\n{text[:3000]}"


@pytest.mark.parametrize(("url", "unexpected"), ABSENT)
def test_damaged_or_invented_text_is_not_on_the_page(site, url, unexpected):
    text, _ = visible(site, url)
    assert unexpected not in text, f"{url}: {unexpected!r} must not appear; context: " + text[
        max(0, text.find(unexpected) - 150) : text.find(unexpected) + 150
    ]
