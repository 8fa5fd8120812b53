"""The built sample site, page kind by page kind, read as a citizen would read it."""

from __future__ import annotations

import gzip
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, copy_project, page, run_build


class _ArticleText(HTMLParser):
    """Visible text of the main article, as a reader sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if self.depth:
            self.depth += tag not in {"br", "img", "input", "meta", "link", "hr"}
        elif tag == "article" and "md-content__inner" in classes:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in {"br", "img", "input", "meta", "link", "hr"}:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(document: str) -> str:
    parser = _ArticleText()
    parser.feed(document)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


BOERDE = "vorlagen/landkreis-boerde/2018-33-0590/"
WITTMUND_0042 = "vorlagen/landkreis-wittmund/0042-2019/"
WITTMUND_0121 = "vorlagen/landkreis-wittmund/0121-2018/"
FRIESLAND = "vorlagen/landkreis-friesland/vorstellung-integrationskonzept-2019/"


def test_strict_build_has_no_warning(tmp_path):
    result = run_build(REPO, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    log = result.stdout + result.stderr
    assert "WARNING" not in log, log
    assert "Traceback" not in log


def test_vorlage_page_shows_status_first_then_every_part(site):
    text = text_of(page(site, BOERDE))
    assert text.startswith("2018/33/0590: Integrationskonzept für den Landkreis Börde Stand: ungeändert beschlossen")
    for heading in ("Beratungsfolge", "Beschlussvorschlag", "Sachverhalt / Begründung", "Anlagen", "Themen", "Datenquelle"):
        assert heading in text
    assert "Einreicher Sladky (FDLin Migration); Herzig (Fachbereichsleiterin 3)" in text
    assert "Bearbeiter/in Sladky, Corinna" in text
    assert "data/vorlagen/landkreis-boerde/2018-33-0590.yml" in text


@pytest.mark.parametrize(
    ("url", "tab"),
    [
        ("vorlagen/landkreis-boerde/2018-33-0590/", "Vorlagen"),
        ("gremien/landkreis-boerde/kreistag/", "Gremien"),
        ("sitzungen/landkreis-boerde/kreistag/2018-11-28/", "Sitzungen"),
        ("dossiers/integrationskonzept-wittmund/", "Themen"),
        ("koerperschaften/landkreis-wittmund/", "Körperschaften"),
    ],
)
def test_a_generated_page_highlights_the_tab_of_its_section(site, url, tab):
    document = page(site, url)
    active = re.findall(r'md-tabs__item--active">\s*<a [^>]*>\s*([^<]*?)\s*</a>', document)
    assert active == [tab]


def test_beratungsfolge_has_a_result_badge_per_entry(site):
    document = page(site, BOERDE)
    table = document.split('bi-consultations"')[1].split("</table>")[0]
    rows = re.findall(r"<tr>.*?</tr>", table.split("<tbody>")[1], re.S)
    assert len(rows) == 4
    assert all('class="bi-badge' in row for row in rows)
    assert "ungeändert beschlossen" in rows[-1] and "Entscheidung" in rows[-1]
    assert "kein Ergebnis erfasst" in rows[0], "a past Beratung without result must say so, not invent one"


def test_badges_carry_their_meaning_in_words(site):
    for match in re.finditer(r'<span class="bi-badge bi-badge--(\w+)"[^>]*>([^<]*)</span>', page(site, BOERDE)):
        assert match.group(2).strip(), f"badge of colour {match.group(1)} has no words"


def test_related_vorlagen_link_both_ways(site):
    newer = page(site, WITTMUND_0042)
    older = page(site, WITTMUND_0121)
    assert 'href="../0121-2018/"' in newer and "verweist auf" in text_of(newer)
    assert 'href="../0042-2019/"' in older and "wird erwähnt in" in text_of(older)


def test_missing_attachment_is_shown_as_missing_never_faked(site):
    text = text_of(page(site, BOERDE))
    assert "Integrationskonzept – Dateityp nicht angegeben, 2143 KB (Angabe der Quelle) – Datei liegt diesem Archiv nicht vor" in text
    assert not (site / "anlagen").exists(), "no attachment file is shipped, so none may be published"


def test_non_public_beratung_shows_only_gremium_date_and_not_public(site):
    document = page(site, FRIESLAND)
    row = [r for r in re.findall(r"<tr[^>]*>.*?</tr>", document, re.S) if "14.03.2019" in r]
    assert len(row) == 1
    cells = re.sub(r"<[^>]+>", " ", row[0])
    assert re.sub(r"\s+", " ", cells).strip() == (
        "14.03.2019 Kreisausschuss des Landkreises Friesland nicht öffentlich Ergebnis nicht öffentlich"
    )
    assert "nicht öffentlich beraten" in text_of(document)


def test_sitzung_page_builds_agenda_from_beratungsfolge(site):
    text = text_of(page(site, "sitzungen/landkreis-boerde/kreistag/2018-11-28/"))
    assert "Gremium Kreistag Landkreis Börde" in text
    assert "Mittwoch, 28. November 2018" in text
    assert "21. ordentliche Sitzung des Kreistages des Landkreises Börde" in text
    assert "öffentlich" in text
    assert "2018/33/0590 Integrationskonzept für den Landkreis Börde Entscheidung ungeändert beschlossen" in text


def test_non_public_sitzung_page_publishes_no_agenda(site):
    text = text_of(page(site, "sitzungen/landkreis-friesland/kreisausschuss/2019-03-14/"))
    assert "nicht öffentlich" in text
    assert "Tagesordnung und Ergebnisse werden nicht veröffentlicht" in text


# The Vorlage page of the public Friesland Vorlage names its Beratung in the nicht öffentliche Kreisausschuss
# (Gremium and date). Its Gremium and Sitzung pages say the same, and no more.
FRIESLAND_CLOSED = [
    FRIESLAND,
    "sitzungen/landkreis-friesland/kreisausschuss/2019-03-14/",
    "gremien/landkreis-friesland/kreisausschuss/",
]


@pytest.mark.parametrize("address", FRIESLAND_CLOSED)
def test_a_non_public_beratung_of_a_public_vorlage_reads_the_same_on_all_three_pages(site, address):
    document = page(site, address)
    text = text_of(document)
    assert "14.03.2019" in text and "Ergebnis nicht öffentlich" in text
    assert "Vorstellung des Integrationskonzeptes des Landkreises Friesland" in text
    assert 'href="' in document and "vorstellung-integrationskonzept-2019/" in document
    assert "noch keine öffentliche Vorlage beraten" not in text
    # Nothing of the Beratung itself: no result word, role or agenda item of that day.
    closed = re.findall(r"<(?:tr|li)[^>]*>(?:(?!</(?:tr|li)>).)*14\.03\.2019.*?</(?:tr|li)>", document, re.S)
    closed += re.findall(r"<li>(?:(?!</li>).)*Ergebnis nicht öffentlich.*?</li>", document, re.S)
    for row in closed:
        for word in ("beschlossen", "Entscheidung", "Vorberatung", "Ö ", "N "):
            assert word not in re.sub(r"<[^>]+>", " ", row), (address, word, row)


def test_gremium_page_lists_sitzungen_vorlagen_results_and_calendar(site):
    document = page(site, "gremien/landkreis-wittmund/kreistag/")
    text = text_of(document)
    assert "17.12.2018" in text and "27.06.2019" in text
    assert "0121/2018" in text and "beschlossen" in text
    calendar = (site / "gremien/landkreis-wittmund/kreistag/sitzungen.ics").read_text()
    assert 'href="sitzungen.ics"' in document
    assert calendar.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20181217" in calendar and "DTSTART;VALUE=DATE:20190627" in calendar


def test_koerperschaft_page_lists_gremien_vorlagen_dossiers(site):
    text = text_of(page(site, "koerperschaften/landkreis-wittmund/"))
    for expected in ("Kreistag", "Kreisausschuss", "Sozialausschuss", "0042/2019", "0121/2018",
                     "Integrationskonzept des Landkreises Wittmund"):
        assert expected in text


def test_dossier_tells_the_story_in_date_order(site):
    text = text_of(page(site, "dossiers/integrationskonzept-wittmund/"))
    story = ["23.08.2017", "25.01.2018", "09.11.2018", "17.12.2018", "26.04.2019"]
    positions = [text.index(date) for date in story]
    assert positions == sorted(positions)
    budget_row = [r for r in re.findall(r"<tr>.*?</tr>", page(site, "dossiers/integrationskonzept-wittmund/"), re.S)
                  if "Budget der Koordinierungsstelle" in r]
    assert len(budget_row) == 1
    row_text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", budget_row[0]))
    assert "Koordinierungsstelle 2019 von 10.000 € auf 20.000 € beschlossen 0121/2018" in row_text
    for heading in ("Verlauf", "Handlungsfelder", "Maßnahmen", "Vorlagen zu diesem Dossier", "Dokumente"):
        assert heading in text


def test_topic_page_sets_the_counties_side_by_side(site):
    text = text_of(page(site, "themen/integrationskonzept/"))
    for county in ("Landkreis Börde", "Landkreis Friesland", "Landkreis Wittmund"):
        assert county in text
    assert "Spracherwerb" in text and "17.05.2017" in text and "18.10.2017" in text and "23.08.2017" in text


def test_start_page_has_latest_vorlagen_gremien_dossiers_search(site):
    document = page(site, "")
    text = text_of(document)
    for expected in ("Neueste Vorlagen", "Nächste Sitzungen", "Gremien", "Themen-Dossiers", "0042/2019"):
        assert expected in text
    assert 'role="search"' in document and 'name="q"' in document


@pytest.mark.parametrize(
    ("address", "present", "absent"),
    [
        ("vorlagen/koerperschaft/landkreis-wittmund/", ["0042/2019", "0121/2018"], ["2018/33/0590"]),
        ("vorlagen/jahr/2018/", ["2018/33/0590", "0121/2018"], ["0042/2019"]),
        ("vorlagen/status/ungeaendert-beschlossen/", ["2018/33/0590"], ["0121/2018", "0042/2019"]),
        ("vorlagen/gremium/landkreis-boerde--kreisausschuss/", ["2018/33/0590"], ["0042/2019"]),
        ("vorlagen/art/beschlussvorlage/", ["2018/33/0590", "0042/2019", "0121/2018"], []),
    ],
)
def test_lists_narrow_without_javascript(site, address, present, absent):
    table = page(site, address).split('class="bi-table')[1].split("</table>")[0]
    for number in present:
        assert number in table
    for number in absent:
        assert number not in table


def test_search_index_is_german_and_holds_the_content_pages(site):
    import Stemmer

    from buergerinfo.search.index import decode_shard, display_file

    index = site / "suche-index"
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    content_pages = len(list(site.glob("vorlagen/landkreis-*/*/index.html"))) + len(
        [p for kind in ("sitzungen/*/*/*", "gremien/*/*", "koerperschaften/*", "dossiers/*", "themen/*",
                        "personen/*/*", "fraktionen/*/*")
         for p in site.glob(f"{kind}/index.html")]
    )
    assert manifest["documents"] == content_pages, "only the content pages are searchable, not lists or legal pages"
    urls = [json.loads((index / display_file(doc)).read_text("utf-8"))[0] for doc in range(manifest["documents"])]
    assert len(urls) == len(set(urls)) == content_pages
    assert all((site / url / "index.html").is_file() for url in urls)
    assert not any(url.startswith(("vorlagen/koerperschaft/", "impressum", "suche")) for url in urls)
    terms = {}
    for shard in (index / "i").glob("*.bin"):
        terms.update(decode_shard(shard.read_bytes()))
    german = Stemmer.Stemmer("german")
    # German stems, as the browser's stemmer-de.js computes them: "Integrationskonzepte" -> "integrationskonzept".
    stem = german.stemWord("integrationskonzepte")
    assert stem == "integrationskonzept" and stem in terms
    assert german.stemWord("spracherwerbs") in terms
    assert "_2018-33-0590" in terms, "a Vorlagen-Nr. is one token as well"
    boerde = urls.index("vorlagen/landkreis-boerde/2018-33-0590/")
    assert boerde in [doc for doc, _ in terms["_2018-33-0590"]]
    assert "und" not in terms and "der" not in terms, "German stop words are not indexed"


def _all_output_text(site_dir: Path) -> str:
    texts = []
    for path in site_dir.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            if raw[:2] == b"\x1f\x8b":  # gzip: sitemaps
                raw = gzip.decompress(raw)
            texts.append(raw.decode("utf-8", errors="ignore"))
    return "\n".join(texts)


def test_no_page_loads_anything_from_another_host(site):
    # rel=canonical names the page's own public address; these rel values make a browser fetch something.
    loading_rels = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest"}
    sources = re.compile(r'<(?:script|img|iframe|source|video|audio|embed|object)\b[^>]+(?:src|data)="(?:https?:)?//', re.I)
    for path in site.rglob("*.html"):
        document = path.read_text(encoding="utf-8")
        match = sources.search(document)
        assert match is None, f"{path.relative_to(site)} loads from another host: {match.group(0)}"
        for link in re.findall(r"<link\b[^>]*>", document, re.I):
            rel_match = re.search(r'rel="([^"]*)"', link)
            rel = set(rel_match.group(1).split()) if rel_match else set()
            if rel & loading_rels:
                assert not re.search(r'href="(?:https?:)?//', link), f"{path.relative_to(site)}: {link}"
    for path in site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", path.read_text(encoding="utf-8")), path
    assert "fonts.googleapis" not in _all_output_text(site)


SECRET_PAPER = """\
nummer: 0999/2019
betreff: Grundstücksankauf Zauberwaldweg geheim
art: Beschlussvorlage
koerperschaft: landkreis-wittmund
datum: 2019-05-02
oeffentlich: false
bearbeiter: Quastenflosser, Heimlich
beratungsfolge:
  - gremium: kreisausschuss
    datum: 2019-05-23
    oeffentlich: false
    sitzung: Sondersitzung Verschwiegenheit
    ergebnis: abgelehnt
beschlussvorschlag: Der Kreisausschuss kauft das Flurstück Mondscheinacker.
sachverhalt: Vertraulicher Kaufpreis Pfefferminzbetrag.
bezuege:
  - 0121/2018
"""

NON_PUBLIC_BERATUNG = """\
  - gremium: kreisausschuss
    datum: 2019-07-04
    oeffentlich: false
    rolle: Entscheidung
    top: N 17.4
    sitzung: Klausurtagung Pflaumenbaum
    ergebnis: geändert beschlossen
    ergebnis_wortlaut: mit Änderungen zugestimmt (Walrossgesang)
    ergebnis_abgeleitet: true
    abstimmung:
      ja: 7
      nein: 4
    bemerkung: Vertrauliche Änderung Haselnussklausel
"""


# Time, place, name and note of the nicht öffentliche Sitzung of 04.07.2019 (NON_PUBLIC_BERATUNG).
NON_PUBLIC_MEETING_FACTS = """\
koerperschaft: landkreis-wittmund
sitzungen:
  - gremium: kreisausschuss
    datum: 2019-07-04
    beginn: "07:45"
    ende: "08:15"
    ort: Tresorraum Walnussknacker
    name: Sondersitzung Kirschkern
    hinweis: Es geht um die Liegenschaft Brombeerhecke.
"""
SECRETS = ("0999/2019", "0999-2019", "Zauberwaldweg", "Mondscheinacker", "Pfefferminzbetrag", "Quastenflosser",
           "Verschwiegenheit", "Klausurtagung Pflaumenbaum", "Haselnussklausel", "N 17.4", "Walnussknacker",
           "Kirschkern", "Brombeerhecke", "07:45", "0745", "Walrossgesang")


def _json_strings(value):
    """Every string in a JSON document, unescaped: a \\u escape must not hide a secret."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _json_strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _json_strings(inner)


def test_nothing_non_public_reaches_any_output_file(tmp_path):
    """A wholly private data repository may keep confidential records in data/: the site still publishes none.

    (A public repository keeps them apart: tests/test_confidential.py.)
    """
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("repository_oeffentlich: true", "repository_oeffentlich: false"),
        encoding="utf-8",
    )
    (project / "data/vorlagen/landkreis-wittmund/0999-2019.yml").write_text(SECRET_PAPER, encoding="utf-8")
    (project / "data/sitzungen/landkreis-wittmund.yml").write_text(NON_PUBLIC_MEETING_FACTS, encoding="utf-8")
    public_paper = project / "data/vorlagen/landkreis-wittmund/0042-2019.yml"
    text = public_paper.read_text(encoding="utf-8")
    text = text.replace("    rolle: Entscheidung\nsachverhalt:", "    rolle: Entscheidung\n" + NON_PUBLIC_BERATUNG + "sachverhalt:")
    public_paper.write_text(text, encoding="utf-8")
    site_dir = tmp_path / "site"
    result = run_build(project, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    output = _all_output_text(site_dir)
    assert "Beschluss des Integrationskonzepts" in output, "the public Vorlage must still be published"
    for secret in SECRETS:
        assert secret not in output, f"{secret!r} from a nicht öffentliche Vorlage/Beratung was published"
    # Every kind of open-data file is there, holds the public Vorlage, and none holds a secret.
    for suffix in (".json", ".atom", ".ics", ".csv.gz", ".json.gz"):
        files = list(site_dir.rglob(f"*{suffix}"))
        assert files, f"no {suffix} file in the output"
        texts = (gzip.decompress(path.read_bytes()).decode("utf-8") if suffix.endswith(".gz")
                 else path.read_text(encoding="utf-8") for path in files)
        assert any("0042" in text for text in texts), suffix
    assert (site_dir / "oparl/v1/paper/landkreis-wittmund/0042-2019.json").is_file()
    assert not list(site_dir.rglob("*0999*")), "no file is named after the nicht öffentliche Vorlage"
    for path in site_dir.rglob("*.json"):
        for value in _json_strings(json.loads(path.read_text(encoding="utf-8"))):
            assert not [s for s in SECRETS if s in value], f"{path.relative_to(site_dir)}: {value[:200]}"
    # The search index holds lowercase stems, which the plain-text check above would not see.
    import Stemmer

    from buergerinfo.search.index import decode_shard

    terms = set()
    for shard in (site_dir / "suche-index" / "i").glob("*.bin"):
        terms |= set(decode_shard(shard.read_bytes()))
    assert Stemmer.Stemmer("german").stemWord("integrationskonzepts") in terms
    for word in ("zauberwaldweg", "mondscheinacker", "pfefferminzbetrag", "quastenflosser", "verschwiegenheit",
                 "pflaumenbaum", "haselnussklausel"):
        assert Stemmer.Stemmer("german").stemWord(word) not in terms, word
    assert "_0999-2019" not in terms and "_0042-2019" in terms
    row = [r for r in re.findall(r"<tr[^>]*>.*?</tr>", page(site_dir, WITTMUND_0042), re.S) if "04.07.2019" in r]
    assert len(row) == 1 and "nicht öffentlich" in row[0] and "geändert beschlossen" not in row[0]
    sitemap = (site_dir / "sitemap.xml").read_text()
    assert "0042-2019" in sitemap and "0999" not in sitemap


HOSTILE_PAPER = """\
nummer: 0666/2019
betreff: "<script>alert('betreff')</script> Straßenbau"
art: Beschlussvorlage
koerperschaft: landkreis-wittmund
datum: 2019-05-02
bearbeiter: "<img src=x onerror=alert(1)>"
beschlussvorschlag: "Klick [hier](javascript:alert(2)) und <b>fett</b>"
sachverhalt: |
  <script>alert('sachverhalt')</script>

  <iframe src="https://example.org/"></iframe> **wirklich fett**
"""


def test_text_from_yaml_never_becomes_markup(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data/vorlagen/landkreis-wittmund/0666-2019.yml").write_text(HOSTILE_PAPER, encoding="utf-8")
    site_dir = tmp_path / "site"
    result = run_build(project, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    document = page(site_dir, "vorlagen/landkreis-wittmund/0666-2019/")
    for markup in ("<script>alert", "<img src=x", "<iframe", 'href="javascript:', "<b>fett"):
        assert markup not in document
    assert "[hier](javascript:alert(2))" in html.unescape(text_of(document)), "a refused link stays visible text"
    assert "<strong>wirklich fett</strong>" in document, "Markdown the editor asked for still works"
    text = html.unescape(text_of(document))
    assert "<script>alert('betreff')</script> Straßenbau" in text, "the text is shown as written"
    for listing in site_dir.rglob("*.html"):
        assert "<script>alert" not in listing.read_text(encoding="utf-8"), listing


def test_local_attachment_is_published_with_type_size_and_link(tmp_path):
    project = copy_project(tmp_path / "project")
    attachment = project / "data/anlagen/landkreis-wittmund/0042-2019-beschluss.pdf"
    attachment.parent.mkdir(parents=True)
    attachment.write_bytes(b"%PDF-1.4\n" + b"0" * 3000)
    paper = project / "data/vorlagen/landkreis-wittmund/0042-2019.yml"
    text = paper.read_text(encoding="utf-8").replace(
        "  - titel: 20181217 Kreistagsbeschluss", "  - titel: Beschluss als PDF\n    datei: landkreis-wittmund/0042-2019-beschluss.pdf\n"
        "  - titel: 20181217 Kreistagsbeschluss"
    )
    paper.write_text(text, encoding="utf-8")
    site_dir = tmp_path / "site"
    result = run_build(project, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    document = page(site_dir, WITTMUND_0042)
    assert 'href="../../../anlagen/landkreis-wittmund/0042-2019-beschluss.pdf"' in document
    assert "Beschluss als PDF – PDF, 3 KB" in text_of(document)
    assert (site_dir / "anlagen/landkreis-wittmund/0042-2019-beschluss.pdf").read_bytes() == attachment.read_bytes()
