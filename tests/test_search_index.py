"""The static search index (buergerinfo.search): small files, correct postings, only public content."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from conftest import REPO

from buergerinfo.search import index as search
from buergerinfo.checking.archive import load_archive
from buergerinfo.search.analyzer import Analyzer, number_token
from buergerinfo.search.documents import Document, document_order, dump_document, load_document
from buergerinfo.search.facet_blocks import NO_PARENT, decode_facet_block
from buergerinfo.search.index import (
    build_search_index,
    decode_shard,
    display_file,
    posting_value,
    shard_file,
    split_posting_value,
)
from synthetic import DEFAULT_TODAY, generate
from buergerinfo.search.verb_forms import stem_aliases
from buergerinfo.views.views import Views, public_view

sys.path.insert(0, str(REPO / "hooks"))
from site_pages import SitePlan  # noqa: E402
from site_search import documents  # noqa: E402

COUNT = 2000


def _terms(index: Path) -> dict[str, list[tuple[int, int]]]:
    """All shards merged as the browser merges them: parts of one term concatenate in order."""
    terms: dict[str, list[tuple[int, int]]] = {}
    for path in sorted((index / "i").glob("*.bin"), key=lambda p: (p.name.split(".")[0], len(p.name), p.name)):
        for term, postings in decode_shard(path.read_bytes()).items():
            terms.setdefault(term, []).extend(postings)
    return terms


def _owner(prefixes: list[str], term: str) -> str:
    """The shard the browser opens for a term: the longest listed prefix (suche/index.js, Index.owner)."""
    return max((p for p in prefixes if term.startswith(p)), key=len)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic")
    generate(root, COUNT, seed=1)
    archive = load_archive(root)
    views = Views(public_view(archive), DEFAULT_TODAY)
    docs = list(documents(SitePlan(views)))
    out = tmp_path_factory.mktemp("index") / "suche-index"
    stats = build_search_index(docs, out)
    return archive, docs, out, stats


def test_every_file_stays_small_on_a_synthetic_archive(synthetic):
    _, docs, index, stats = synthetic
    manifest = json.loads((index / "manifest.json").read_text("utf-8"))
    assert manifest["documents"] == len(docs) == stats.documents
    shard_sizes = [p.stat().st_size for p in (index / "i").glob("*.bin")]
    assert len(shard_sizes) == sum(manifest["shards"].values()) and len(shard_sizes) > 1
    assert max(shard_sizes) <= search.SHARD_LIMIT
    assert (index / "manifest.json").stat().st_size < 20_000
    displays = [p.stat().st_size for p in (index / "d").rglob("*.json")]
    # One display file per document; with the excerpt text a few kilobytes at most (ten make a result page).
    assert len(displays) == len(docs) and max(displays) < 8_000
    facets = [p.stat().st_size for p in (index / "f").glob("*.bin")]
    assert len(facets) == -(-len(docs) // search.FACET_BLOCK)
    assert sum(facets) < 6 * len(docs), "a few bytes of facet codes per document"
    for prefix, parts in manifest["shards"].items():
        for part in range(parts):
            assert (index / "i" / shard_file(prefix, part)).is_file()


def test_the_browser_finds_every_term_in_the_shard_it_opens(synthetic):
    _, _, index, _ = synthetic
    manifest = json.loads((index / "manifest.json").read_text("utf-8"))
    prefixes = list(manifest["shards"])
    for prefix, parts in manifest["shards"].items():
        for part in range(parts):
            for term in decode_shard((index / "i" / shard_file(prefix, part)).read_bytes()):
                assert _owner(prefixes, term) == prefix, term


def test_small_shards_split_by_prefix_and_parts_hold_the_same_postings(synthetic, tmp_path, monkeypatch):
    _, docs, index, _ = synthetic
    monkeypatch.setattr(search, "SHARD_LIMIT", 2_000)
    small = tmp_path / "small"
    build_search_index(docs, small)
    manifest = json.loads((small / "manifest.json").read_text("utf-8"))
    assert any(parts > 1 for parts in manifest["shards"].values()), "a term larger than a shard is cut into parts"
    assert max(len(p) for p in manifest["shards"]) >= 3, "shards split into longer prefixes"
    assert max(p.stat().st_size for p in (small / "i").glob("*.bin")) <= 2_000
    assert _terms(small) == _terms(index)


def test_postings_decode_to_documents_and_weights(tmp_path):
    docs = [
        Document("a", "vorlagen/x/a/", "Neubau der Kindertagesstätte", "Vorlage", {"Körperschaft": ["Stadt X"]},
                 dt.date(2020, 1, 1),
                 {"title": ["Neubau der Kindertagesstätte"], "body": ["Die Schule bekommt Räume."]},
                 number="0042/2019", badge="erfolg"),
        Document("b", "vorlagen/x/b/", "Schulweg", "Vorlage", {"Körperschaft": ["Stadt Y"], "Gremium": ["Rat", "Bau"]},
                 dt.date(2021, 1, 1),
                 {"title": ["Schulweg"], "body": ["Kindertagesstätten und Schulen, siehe 0042/2019"]}),
        Document("c", "gremien/x/rat/", "Rat", "Gremium", {"Körperschaft": ["Stadt X"], "Gremium": ["Rat"]}, None,
                 {"title": ["Rat"]}),
    ]
    build_search_index(docs, tmp_path)
    terms = _terms(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    display = [json.loads((tmp_path / display_file(doc)).read_text("utf-8")) for doc in range(3)]
    # Undated pages first, then the newest: c, b, a.
    assert [row[0] for row in display] == ["gremien/x/rat/", "vorlagen/x/b/", "vorlagen/x/a/"]
    assert display[2][:4] == ["vorlagen/x/a/", "Neubau der Kindertagesstätte", "0042/2019", ""], (
        "a Vorlage shows only a date it was given to show"
    )
    kita = {doc: split_posting_value(value) for doc, value in terms["kindertagesstatt"]}
    assert set(kita) == {1, 2} and kita[2][0] > kita[1][0], "a word in the title weighs more than in the text"
    assert kita[2][1] == search.TITLE_FLAG and kita[1][1] == 0, "the title flag marks a word of the title"
    assert terms["schulweg"] == [(1, posting_value(search.WEIGHTS["title"], search.TITLE_FLAG))]
    assert terms["schul"] == [(1, posting_value(search.WEIGHTS["body"])), (2, posting_value(search.WEIGHTS["body"]))]
    number = {doc: split_posting_value(value) for doc, value in terms["_0042-2019"]}
    assert number[2][0] >= search.WEIGHTS["number"] and number[2][1] & search.NUMBER_FLAG
    assert number[1] == (search.WEIGHTS["body"], 0), "a number mentioned in a text is not the document's own"
    facets = decode_facet_block((tmp_path / "f" / "0.bin").read_bytes(), 3)
    names = [f["name"] for f in manifest["facets"]]
    values = {f["name"]: f["values"] for f in manifest["facets"]}
    label = lambda name, doc: sorted(values[name][c] for c in facets.columns[names.index(name)][doc])  # noqa: E731
    assert [label("Typ", d) for d in range(3)] == [["Gremium"], ["Vorlage"], ["Vorlage"]]
    assert label("Gremium", 1) == ["Bau", "Rat"] and label("Gremium", 2) == []
    assert label("Körperschaft", 2) == ["Stadt X"]


def test_a_vorlagen_nummer_is_one_token():
    assert number_token("2018/33/0590") == "_2018-33-0590"
    assert number_token("VO/2019/0042") == "_vo-2019-0042"
    assert number_token("Kreistag") is None and number_token("und/oder") is None
    terms = Analyzer().terms("Bezug: Vorlage 0042/2019 und 2018/33/0590 vom 28.11.2018")
    assert "_0042-2019" in terms and "_2018-33-0590" in terms
    assert "0042" in terms and "2019" in terms, "numbers are kept as words too"


def test_german_stop_words_are_dropped_and_words_stemmed():
    terms = Analyzer().terms("Der Kreistag und die Verwaltung über das Integrationskonzept für Kindertagesstätten")
    assert not {"der", "und", "die", "das", "über", "für", "uber"} & set(terms)
    assert {"kreistag", "verwalt", "integrationskonzept", "kindertagesstatt"} <= set(terms)


def test_verb_forms_meet_at_their_infinitive(tmp_path):
    analyzer = Analyzer()
    beschliessen = analyzer.terms("beschließen")
    for form in ("beschließt", "beschloss", "beschlossen", "beschlossene", "Beschlossenen"):
        assert analyzer.terms(form) == beschliessen, form
    assert analyzer.terms("genehmigt") == analyzer.terms("genehmigten") == analyzer.terms("genehmigen")
    assert analyzer.terms("empfohlen") == analyzer.terms("empfiehlt") == analyzer.terms("empfehlen")
    assert analyzer.terms("Beschluss") != beschliessen, "the noun is not a verb form"
    # The search page maps query stems with the manifest's copy of the same table.
    document = Document("a", "vorlagen/x/a/", "Satzung", "Vorlage", {}, None, {"body": ["Der Rat hat beschlossen."]})
    build_search_index([document], tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["stemAliases"] == analyzer.stem_aliases
    assert manifest["stemAliases"]["beschliesst"] == beschliessen[0]
    assert beschliessen[0] in _terms(tmp_path)


def test_a_verb_table_that_joins_two_verbs_in_one_stem_is_refused():
    stemmer = Analyzer()._stemmer.stemWord
    with pytest.raises(ValueError, match="two verbs"):
        stem_aliases(stemmer, {"beschließen": "beschlossen", "schließen": "beschlossen"})
    assert stem_aliases(stemmer, {"vertagen": "vertagt"}) == {"vertagt": "vertag"}


def test_no_nicht_oeffentliche_vorlage_reaches_any_index_file(synthetic):
    archive, _, index, _ = synthetic
    secret = [r for r in archive.papers if not r.paper.public]
    assert secret, "the synthetic archive has nicht öffentliche Vorlagen"
    public_numbers = {r.paper.reference for r in archive.papers if r.paper.public}
    text = "\n".join(p.read_bytes().decode("utf-8", "ignore") for p in index.rglob("*") if p.is_file())
    terms = _terms(index)
    for record in secret:
        assert f"vorlagen/{record.body_id}/{record.id}/" not in text
        if record.paper.reference and record.paper.reference not in public_numbers:
            assert record.paper.reference not in text
            assert number_token(record.paper.reference) not in terms
    titles = [json.loads(path.read_text("utf-8"))[1] for path in (index / "d").rglob("*.json")]
    public_titles = {r.paper.name for r in archive.papers if r.paper.public}
    assert not [r.paper.name for r in secret if r.paper.name not in public_titles and r.paper.name in titles]


def test_documents_handed_to_the_child_process_as_json_lines_give_the_same_index(synthetic, tmp_path):
    _, docs, index, _ = synthetic
    lines = [dump_document(d) for d in document_order(docs)]
    build_search_index((load_document(line) for line in lines), tmp_path, ordered=True)
    files = sorted(p.relative_to(index).as_posix() for p in index.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert all((index / f).read_bytes() == (tmp_path / f).read_bytes() for f in files)


def test_facets_are_listed_in_the_order_asked_for(tmp_path):
    docs = [Document("a", "a/", "A", "Vorlage", {"Status": ["offen"], "Jahr": ["2020"], "Körperschaft": ["X"]})]
    build_search_index(docs, tmp_path, facet_order=("Körperschaft", "Jahr"))
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert [f["name"] for f in manifest["facets"]] == ["Typ", "Körperschaft", "Jahr", "Status"]


def test_pages_of_an_anlage_share_their_vorlage_s_filter_values_without_repeating_them(tmp_path):
    """A page of an Anlage names its Vorlage's document in the facet file; the values read back are the same."""
    vorlage_facets = {"Körperschaft": ["Stadt X"], "Gremium": ["Rat"], "Jahr": ["2020"]}
    docs = [
        Document("v", "vorlagen/x/v/", "Neubau", "Vorlage", vorlage_facets, dt.date(2020, 1, 1), {"title": ["Neubau"]}),
        Document("w", "vorlagen/x/w/", "Umbau", "Vorlage", {"Körperschaft": ["Stadt Y"]}, dt.date(2019, 1, 1),
                 {"title": ["Umbau"]}),
    ]
    for page in (1, 2, 3):
        docs.append(Document(f"a#{page}", f"anlagen/plan.pdf#page={page}", "Plan", "Anlage", vorlage_facets,
                             dt.date(2020, 1, 1), {"anlage": ["Baugrund"]}, parent=["vorlagen/x/v/", "Neubau"]))
    # A page whose values differ from its Vorlage's keeps its own (never the parent's by mistake).
    docs.append(Document("b#1", "anlagen/b.pdf", "B", "Anlage", {"Körperschaft": ["Stadt Z"]}, dt.date(2019, 1, 1),
                         {"anlage": ["Baugrund"]}, parent=["vorlagen/x/w/", "Umbau"]))
    build_search_index(docs, tmp_path, ordered=True)
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    block = decode_facet_block((tmp_path / "f" / "0.bin").read_bytes(), len(docs))
    assert block.parents == [NO_PARENT, NO_PARENT, 0, 0, 0, NO_PARENT]

    def labels(doc: int) -> dict[str, list[str]]:
        found = {}
        for number, facet in enumerate(manifest["facets"]):
            codes = block.codes(doc, number)
            if codes is None:
                codes = block.codes(block.parents[doc], number)
            found[facet["name"]] = sorted(facet["values"][c] for c in codes)
        return found

    for doc in (2, 3, 4):
        assert labels(doc) == {**labels(0), "Typ": ["Anlage"]}
    assert labels(5)["Körperschaft"] == ["Stadt Z"] and labels(5)["Typ"] == ["Anlage"]
