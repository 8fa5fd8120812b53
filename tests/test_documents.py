"""Text of Anlagen (buergerinfo.documents): every file made here at test time, none committed."""

from __future__ import annotations

import json
import os
import time
import zipfile

import pytest

import document_samples as samples
from buergerinfo import documents
from buergerinfo.documents import Limits, classify, extract, extract_many, is_active_content, name_problem
from buergerinfo.documents import runner as extract_module
from buergerinfo.documents.normalize import clean

NO_OCR = Limits(ocr=False)


def words(text: str) -> list[str]:
    return text.split()


# --- PDF ----------------------------------------------------------------------------------------


def test_born_digital_pdf_gives_text_per_page(tmp_path):
    path = samples.born_digital_pdf(
        tmp_path / "vorlage.pdf",
        [["Beschlussvorlage 0042/2019", "Der Kreistag beschließt"], ["Sozialausschuss 13.05.2019"], [""]],
    )
    result = extract(path, limits=NO_OCR)
    assert result.kind == "pdf" and result.page_count == 3 and len(result.pages) == 3
    assert words(result.page(1)) == ["Beschlussvorlage", "0042/2019", "Der", "Kreistag", "beschließt"]
    assert words(result.page(2)) == ["Sozialausschuss", "13.05.2019"]
    assert result.page(3) == ""
    # An empty page without an image is no scan.
    assert result.scanned_pages == [] and result.ocr_pages == [] and result.warnings == []


def test_two_column_pdf_reads_column_after_column(tmp_path):
    page = extract(samples.two_column_pdf(tmp_path / "spalten.pdf"), limits=NO_OCR).page(1)
    lines = page.splitlines()
    assert lines[0].startswith("Integrationskonzept des Landkreises Börde")
    left = [n for n, line in enumerate(lines) if line.startswith("Links")]
    right = [n for n, line in enumerate(lines) if line.startswith("Rechts")]
    assert len(left) == len(right) == 23 and max(left) < min(right)
    assert "Links Zeile 8 beschließt den Haushaltsplan für das Jahr 2019 einstimmig" in lines
    assert "Rechts Zeile 8 berät der Kultur- und Sozialausschuss am 17.10.2018" in lines


def test_labels_and_tables_keep_their_rows(tmp_path):
    lines = extract(samples.form_and_table_pdf(tmp_path / "deckblatt.pdf"), limits=NO_OCR).page(1).splitlines()
    assert lines == [
        "Vorlagen-Nr.: 0042/2019",
        "Federführendes Amt: Ordnungsamt",
        "Aktenzeichen: 32.5.1",
        "Datum: 02.05.2019",
        "Beratungsfolge: Sozialausschuss",
        "Koordinierungsstelle Integration 10.000 € 20.000 €",
        "Sprachkoordinierung 0 € 1 Stelle",
        "Integrationsstelle 5.000 € 5.000 €",
        "Dolmetscherpool 2.000 € 3.000 €",
    ]


def test_hyphens_at_line_ends_and_ligatures(tmp_path):
    text = " ".join(words(extract(samples.hyphenated_pdf(tmp_path / "silben.pdf"), limits=NO_OCR).page(1)))
    assert "den Haushaltsplan und die finanzielle Ausstattung" in text
    assert "der Kultur- und Sozialausschuss und die CDU-Fraktion stimmen zu" in text
    assert "Die Mittel sind flexibel." in text
    assert not set(text) & set("\ufb00\ufb01\ufb02\ufb03\ufb04\u00ad\x02")


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Haushalts-\nplan", "Haushaltsplan"),
        ("Kultur-\nund Sozialausschuss", "Kultur- und Sozialausschuss"),
        ("Ein-\nbzw. Ausgaben", "Ein- bzw. Ausgaben"),
        ("CDU-\nFraktion", "CDU-Fraktion"),
        ("E-\nMail", "E-Mail"),
        ("2018-\n2019", "2018-2019"),
        ("Kreis\u00ad\ntag und Kreis\u00adtag", "Kreistag und Kreistag"),
        ("ﬁnanziell, ﬂach, Staﬀel, Eﬃzienz, Pﬄicht", "finanziell, flach, Staffel, Effizienz, Pfflicht"),
        ("Bu\u0308rger", "Bürger"),
        ("100\u00a0m² für ½ Jahr", "100 m² für ½ Jahr"),  # superscripts and fractions stay
        ("  viel \t Raum  \n\n\n\n zwischen  ", "viel Raum\n\nzwischen"),
        ("Kultur\x02und", "Kultur- und"),  # pdfium's mark for a line-end hyphen
        ("Zeile\x0beins\u2028zwei\x0cdrei\x00", "Zeile\neins\nzwei\ndrei"),
    ],
)
def test_clean(raw, cleaned):
    assert clean(raw) == cleaned


def test_encrypted_pdf_is_a_warning(tmp_path):
    result = extract(samples.encrypted_pdf(tmp_path / "geheim.pdf"), limits=NO_OCR)
    assert result.pages == [] and result.problem_codes() == ["encrypted"]
    assert result.warnings[0].startswith("„geheim.pdf“: Die PDF-Datei ist mit einem Passwort geschützt")


def test_damaged_pdf_is_a_warning(tmp_path):
    whole = samples.born_digital_pdf(tmp_path / "ganz.pdf", [["Text"]])
    result = extract(samples.damaged_pdf(tmp_path / "kaputt.pdf", whole), limits=NO_OCR)
    assert result.problem_codes() == ["damaged"] and result.pages == []
    assert "„kaputt.pdf“" in result.warnings[0] and "beschädigt" in result.warnings[0]
    # pdfium rebuilds a file cut off after its last object; the editor still hears of it.
    cut = extract(whole.read_bytes().rstrip()[: -len(b"%%EOF")], ".pdf", NO_OCR, name="halb.pdf")
    assert cut.pages == ["Text"] and cut.problem_codes() == ["truncated"] and "„halb.pdf“" in cut.warnings[0]
    garbage = extract(b"\x00" * 5000, "application/pdf", NO_OCR, name="leer.pdf")
    assert garbage.problem_codes() == ["damaged"] and "„leer.pdf“" in garbage.warnings[0]


def test_page_and_character_limits(tmp_path):
    path = samples.born_digital_pdf(tmp_path / "lang.pdf", [[f"Seite {n} mit Text"] for n in range(1, 6)])
    result = extract(path, limits=Limits(ocr=False, max_pages=2))
    assert result.page_count == 5 and len(result.pages) == 2 and result.problem_codes() == ["too_many_pages"]
    assert result.warnings == ["„lang.pdf“: Die Datei hat 5 Seiten; gelesen werden nur die ersten 2."]
    short = extract(path, limits=Limits(ocr=False, max_chars=25))
    assert sum(map(len, short.pages)) == 25 and short.problem_codes() == ["too_many_chars"]


# --- scans and OCR --------------------------------------------------------------------------------


def test_scanned_page_with_ocr(tmp_path):
    if not documents.ocr_available():
        reason = "tesseract mit deutschen Sprachdaten fehlt (Debian: tesseract-ocr tesseract-ocr-deu)"
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true, aber " + reason)
        pytest.skip(reason)
    path = samples.scanned_pdf(tmp_path / "scan.pdf", "Integrationskonzept Landkreis Wittmund")
    started = time.perf_counter()
    result = extract(path, limits=Limits(ocr=True))
    print(f"OCR einer Seite: {time.perf_counter() - started:.2f} s")
    assert result.scanned_pages == [1] and result.ocr_pages == [1]
    assert "Integrationskonzept" in words(result.page(1)) and "Wittmund" in words(result.page(1))
    assert result.warnings == []
    # OCR stops between pages when its time is up; what the text layer gave stays.
    hurried = extract(path, limits=Limits(ocr=True, ocr_time_limit=0.5))
    assert hurried.scanned_pages == [1] and hurried.ocr_pages == [] and hurried.problem_codes() == ["ocr_timeout"]


def test_scanned_page_without_ocr_is_counted(tmp_path, monkeypatch):
    path = samples.scanned_pdf(tmp_path / "scan.pdf", "Integrationskonzept")
    for limits in (NO_OCR, Limits()):
        monkeypatch.setenv("BUERGERINFO_OCR", "0" if limits.ocr is None else "1")
        result = extract(path, limits=limits)
        assert result.scanned_pages == [1] and result.ocr_pages == [] and result.page(1) == ""
        assert result.problem_codes() == ["scanned"] and "Seite 1" in result.warnings[0]


# --- Office, OpenDocument, text ---------------------------------------------------------------------


def test_docx_in_document_order_with_pages_and_table(tmp_path):
    result = extract(samples.docx(tmp_path / "vorlage.docx"))
    assert result.kind == "docx" and result.page_count == 2 and result.warnings == []
    assert result.page(1).splitlines() == [
        "Beschlussvorschlag: Der Kreistag beschließt das Integrationskonzept.",
        "Koordinierungsstelle 20.000 €",
    ]
    assert result.page(2) == "Sprachkoordinierungsstelle auf Seite zwei"
    assert "gestrichener" not in result.text


def test_odt_in_document_order(tmp_path):
    result = extract(samples.odt(tmp_path / "handout.odt"))
    assert result.pages == [
        "Handlungskonzept Integration\nDer Anteil stieg von 2,5 % auf fast 5 %.\nBestandsanalyse Bedarfsanalyse",
        "Umsetzungsphase auf Seite zwei",
    ]
    assert "Notiz" not in result.text


def test_xlsx_sheet_per_page(tmp_path):
    result = extract(samples.xlsx(tmp_path / "haushalt.xlsx"))
    assert result.page_labels == ["Haushalt", "Stellen"] and result.page_count == 2
    assert result.page(1).splitlines() == ["Koordinierungsstelle 20000", "Integrationsstelle neu"]
    assert result.page(2) == "Sprachkoordinierung 1"


def test_ods_repeated_cells_are_capped(tmp_path):
    result = extract(samples.ods(tmp_path / "massnahmen.ods"))
    assert result.page_labels == ["Maßnahmen"]
    lines = result.page(1).splitlines()
    assert lines[0] == "Integrationsstelle 2019" and lines[1:] == ["x"] * 100


def test_zip_bomb_and_entities_are_refused(tmp_path):
    started = time.perf_counter()
    bomb = extract(samples.zip_bomb_docx(tmp_path / "bombe.docx", 300))
    assert bomb.problem_codes() == ["zip_bomb"] and "„bombe.docx“" in bomb.warnings[0]
    laughs = extract(samples.entity_docx(tmp_path / "lachen.docx"))
    assert laughs.problem_codes() == ["damaged"] and "DTD" in laughs.warnings[0]
    assert time.perf_counter() - started < 60  # against a hang (inflating 300 MB), not a speed target


def test_zip_bomb_is_stopped_while_inflating(tmp_path, monkeypatch):
    # 4 MB of spaces: within the ratio for one part, so only the bytes counted while inflating stop it.
    monkeypatch.setattr(documents.limits, "MAX_ZIP_TOTAL_BYTES", 1024 * 1024)
    result = extract(samples.zip_bomb_docx(tmp_path / "bombe.docx", 4))
    assert result.problem_codes() == ["zip_bomb"] and "1 MB" in result.warnings[0]


def test_zip_that_lies_about_its_sizes_is_damaged(tmp_path):
    path = samples.zip_bomb_docx(tmp_path / "luege.docx", 4)
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo("word/document.xml")
    data = bytearray(path.read_bytes())
    real = member.file_size.to_bytes(4, "little")
    lies = 0
    second_entry = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)
    for field in (member.header_offset + 22, second_entry + 24):  # local header, central directory
        if data[field : field + 4] == real:
            data[field : field + 4] = (1000).to_bytes(4, "little")  # "document.xml has 1,000 bytes"
            lies += 1
    assert lies == 2
    path.write_bytes(data)
    result = extract(path)
    assert result.problem_codes() == ["damaged"] and "„luege.docx“" in result.warnings[0]


def test_not_a_zip_or_no_body_is_damaged(tmp_path):
    (tmp_path / "falsch.docx").write_bytes(b"%PDF-1.4 kein Zip")
    assert extract(tmp_path / "falsch.docx").problem_codes() == ["damaged"]
    empty = samples._zip(tmp_path / "leer.docx", {"[Content_Types].xml": samples._CONTENT_TYPES})
    assert extract(empty).warnings == [
        "„leer.docx“: Die Datei ist beschädigt oder keine gültige Word-Datei (Teil „word/document.xml“ fehlt); "
        "ihr Text kann nicht gelesen werden. Erwartet wird eine vollständige, unveränderte Word-Datei."
    ]


def test_plain_text_utf8_and_cp1252(tmp_path):
    assert extract("Gebühren für Straßen\fSeite zwei\f".encode(), ".txt").pages == ["Gebühren für Straßen", "Seite zwei"]
    assert extract("Gebühren;Straße\n".encode("cp1252"), "text/csv").pages == ["Gebühren;Straße"]
    assert extract("\ufeffÄnderung".encode(), "txt").pages == ["Änderung"]


def test_missing_file_is_a_warning(tmp_path):
    assert extract(tmp_path / "fehlt.pdf").warnings == ["„fehlt.pdf“: Die Datei kann nicht gelesen werden (Datei nicht gefunden)."]


def test_unknown_type_is_a_warning():
    result = extract(b"GIF89a....", "image/gif", name="karte.gif")
    assert result.pages == [] and result.warnings == ["„karte.gif“: Aus Dateien der Art „image/gif“ wird kein Text gelesen."]


# --- isolation, batches, cache ----------------------------------------------------------------------


def test_a_hanging_reader_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(extract_module, "read_here", lambda job, deadline: time.sleep(3600))
    monkeypatch.setattr(extract_module, "GRACE_SECONDS", 0.2)
    started = time.perf_counter()
    result = extract(b"Text", ".txt", Limits(time_limit=0.5), name="haengt.txt")
    assert time.perf_counter() - started < 60  # the reader sleeps an hour: ended by the limit, not waited for
    assert result.problem_codes() == ["timeout"] and result.warnings[0].startswith("„haengt.txt“: Das Lesen")


def test_a_crashing_reader_costs_only_its_file(monkeypatch):
    monkeypatch.setattr(extract_module, "read_here", lambda job, deadline: os.abort())
    result = extract(b"Text", ".txt", name="absturz.txt")
    assert result.problem_codes() == ["damaged"] and "abgestürzt" in result.warnings[0]


def test_many_files_in_input_order(tmp_path):
    files = [
        samples.docx(tmp_path / "a.docx"),
        samples.born_digital_pdf(tmp_path / "b.pdf", [["Zweite Datei"]]),
        samples.xlsx(tmp_path / "c.xlsx"),
        samples.encrypted_pdf(tmp_path / "d.pdf"),
        samples.odt(tmp_path / "e.odt"),
        samples.born_digital_pdf(tmp_path / "f.pdf", [["Sechste Datei"]]),
    ]
    results = extract_many(files, NO_OCR, processes=2)
    assert [result.name for result in results] == ["a.docx", "b.pdf", "c.xlsx", "d.pdf", "e.odt", "f.pdf"]
    assert results[1].pages == ["Zweite Datei"] and results[5].pages == ["Sechste Datei"]
    assert results[3].problem_codes() == ["encrypted"]


def test_cache_reads_each_content_once(tmp_path, monkeypatch):
    jobs: list[str] = []
    run_jobs = extract_module._run_jobs

    def counting(batch, processes):
        jobs.extend(job.name for job in batch)
        return run_jobs(batch, processes)

    monkeypatch.setattr(extract_module, "_run_jobs", counting)
    one = samples.born_digital_pdf(tmp_path / "eins.pdf", [["Erste Anlage"]])
    two = samples.docx(tmp_path / "zwei.docx")
    copy = tmp_path / "kopie.pdf"
    copy.write_bytes(one.read_bytes())
    cache = tmp_path / "cache"

    first = extract_many([one, two, copy], NO_OCR, cache=cache)
    assert sorted(jobs) == ["eins.pdf", "zwei.docx"]  # the copy has the same content
    assert [result.name for result in first] == ["eins.pdf", "zwei.docx", "kopie.pdf"]

    jobs.clear()
    second = extract_many([one, two, copy], NO_OCR, cache=cache)
    assert jobs == [] and [result.pages for result in second] == [result.pages for result in first]
    assert second[2].name == "kopie.pdf"

    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 2 and not list(cache.rglob("*.tmp"))
    entries[0].write_text('{"pages": ["halb')  # damaged: read again and written anew
    third = extract_many([one, two], NO_OCR, cache=cache)
    assert len(jobs) == 1 and [result.pages for result in third] == [result.pages for result in first[:2]]
    assert json.loads(entries[0].read_text())["pages"]

    store = documents.ExtractionCache(cache)
    assert store.prune({documents.content_digest(one)}) == 1
    assert [entry.name.split("-")[1] for entry in cache.rglob("*.json")] == ["pdf"]


def test_cache_keeps_no_timeouts(tmp_path, monkeypatch):
    monkeypatch.setattr(extract_module, "read_here", lambda job, deadline: time.sleep(3600))
    monkeypatch.setattr(extract_module, "GRACE_SECONDS", 0.1)
    extract(b"Text", ".txt", Limits(time_limit=0.2), cache=tmp_path)
    assert not list(tmp_path.rglob("*.json"))


# --- what may be published ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("seite.html", b"<p>hallo</p>"),
        ("bild.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("daten.xml", b"<?xml version='1.0'?><x/>"),
        ("anlage.pdf", b"\n  <!DOCTYPE html><script>alert(1)</script>"),
        ("liste.csv", b"<?xml-stylesheet href='x.xsl'?><a/>"),
        ("bild.png", b"<svg onload=alert(1)>"),
        ("text.txt", "<html>".encode("utf-16")),
    ],
)
def test_active_content_is_refused(tmp_path, name, head):
    path = tmp_path / name
    path.write_bytes(head)
    verdict = classify(path)
    assert not verdict.allowed and is_active_content(path)
    assert "nicht veröffentlicht" in verdict.message and "Erwartet wird PDF" in verdict.message


def test_published_types_are_allowed(tmp_path):
    pdf = samples.born_digital_pdf(tmp_path / "a.pdf", [["Text"]])
    assert classify(pdf) == documents.Verdict(True, "pdf")
    assert classify(samples.docx(tmp_path / "b.docx")).kind == "docx"
    assert classify("c.png", b"\x89PNG\r\n\x1a\n....").allowed
    assert classify("d.csv", "Straße;Betrag\n".encode("cp1252")).allowed
    assert not is_active_content(pdf) and name_problem("https://example.org/a.pdf?x=1") is None


def test_content_not_matching_its_suffix_is_refused():
    verdict = classify("plan.pdf", b"PK\x03\x04")
    assert not verdict.allowed and verdict.message == (
        "Der Inhalt der Datei passt nicht zur Endung „.pdf“: Erwartet wird eine PDF-Datei."
    )
    assert "„.exe“" in classify("tool.exe", b"MZ").message
    assert "„.svg“" in name_problem("https://example.org/karte.svg#x")
