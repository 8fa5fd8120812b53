"""Anlagen made at test time for tests/test_documents.py: PDFs (reportlab, BSD), Office and OpenDocument
files (zipfile with hand-written XML), a scan, a password, a truncated file, a zip bomb."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = A4
# Bitstream Vera ships with reportlab and has the ﬁ and ﬂ ligature glyphs.
VERA = os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")


def born_digital_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with a text layer: each page a list of lines."""
    sheet = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        sheet.setFont("Helvetica", 11)
        for number, line in enumerate(lines):
            sheet.drawString(72, HEIGHT - 72 - number * 15, line)
        sheet.showPage()
    sheet.save()
    return path


def two_column_pdf(path: Path) -> Path:
    """Two columns drawn line across line (left 1, right 1, left 2 …), as some generators do."""
    left = [f"Links Zeile {n} über den Haushalt der Gemeinde" for n in range(24)]
    right = [f"Rechts Zeile {n} über die Schulen im Kreisgebiet" for n in range(24)]
    left[8], left[9] = "Links Zeile 8 beschließt den Haushalts-", "plan für das Jahr 2019 einstimmig"
    right[8], right[9] = "Rechts Zeile 8 berät der Kultur-", "und Sozialausschuss am 17.10.2018"
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.setFont("Helvetica", 10)
    sheet.drawString(60, HEIGHT - 60, "Integrationskonzept des Landkreises Börde (über beide Spalten)")
    for number, (one, two) in enumerate(zip(left, right)):
        y = HEIGHT - 100 - number * 13
        sheet.drawString(60, y, one)
        sheet.drawString(310, y, two)
    sheet.save()
    return path


def form_and_table_pdf(path: Path) -> Path:
    """A cover sheet of labels and values and a budget table: columns of short entries, read by rows."""
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.setFont("Helvetica", 10)
    labels = [("Vorlagen-Nr.:", "0042/2019"), ("Federführendes Amt:", "Ordnungsamt"), ("Aktenzeichen:", "32.5.1"),
              ("Datum:", "02.05.2019"), ("Beratungsfolge:", "Sozialausschuss")]
    for number, (label, value) in enumerate(labels):
        sheet.drawString(72, HEIGHT - 72 - number * 14, label)
        sheet.drawString(250, HEIGHT - 72 - number * 14, value)
    table = [("Koordinierungsstelle Integration", "10.000 €", "20.000 €"), ("Sprachkoordinierung", "0 €", "1 Stelle"),
             ("Integrationsstelle", "5.000 €", "5.000 €"), ("Dolmetscherpool", "2.000 €", "3.000 €")]
    for number, (name, before, after) in enumerate(table):
        y = HEIGHT - 200 - number * 14
        sheet.drawString(72, y, name)
        sheet.drawRightString(400, y, before)
        sheet.drawRightString(500, y, after)
    sheet.save()
    return path


def hyphenated_pdf(path: Path) -> Path:
    """Line-end hyphens of all kinds and ligature glyphs (ﬁ ﬂ) in an embedded TrueType font."""
    pdfmetrics.registerFont(TTFont("Vera", VERA))
    lines = [
        "Der Kreistag beschließt den Haushalts-",
        "plan und die ﬁnanzielle Ausstattung der",
        "Koordinierungsstelle; der Kultur-",
        "und Sozialausschuss und die CDU-",
        "Fraktion stimmen zu. Die Mittel sind ﬂexibel.",
    ]
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.setFont("Vera", 11)
    for number, line in enumerate(lines):
        sheet.drawString(72, HEIGHT - 72 - number * 15, line)
    sheet.save()
    return path


def scanned_pdf(path: Path, words: str) -> Path:
    """A page that is only an image of text: the text is drawn, rendered to pixels, and only the pixels kept."""
    drawn = io.BytesIO()
    sheet = canvas.Canvas(drawn, pagesize=A4)
    sheet.setFont("Helvetica", 26)
    sheet.drawString(72, HEIGHT - 150, words)
    sheet.drawString(72, HEIGHT - 200, "Kreistag 27.06.2019")
    sheet.save()
    document = pdfium.PdfDocument(drawn.getvalue())
    image = document[0].render(scale=200 / 72, grayscale=True).to_pil()
    document.close()
    scan = canvas.Canvas(str(path), pagesize=A4)
    scan.drawImage(ImageReader(image), 0, 0, width=WIDTH, height=HEIGHT)
    scan.save()
    return path


def encrypted_pdf(path: Path) -> Path:
    sheet = canvas.Canvas(str(path), pagesize=A4, encrypt="geheim")  # user password: needed to open it
    sheet.drawString(72, HEIGHT - 72, "Vertraulicher Text")
    sheet.save()
    return path


def damaged_pdf(path: Path, source: Path) -> Path:
    """The first 300 bytes of a real PDF: header and part of the first object, nothing more."""
    path.write_bytes(source.read_bytes()[:300])
    return path


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _rels(*relations: tuple[str, str, str]) -> str:
    items = "".join(
        f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
        f'Target="{target}"/>'
        for rid, kind, target in relations
    )
    return f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def docx(path: Path, body: str | None = None) -> Path:
    """A Word file: paragraphs, a table, a manual page break, tracked deleted text and a tab stop definition."""
    body = body or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
        "<w:r><w:t>Beschlussvorschlag:</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">Der Kreistag </w:t></w:r>"
        "<w:r><w:t>beschließt das Integrationskonzept.</w:t></w:r>"
        "<w:del><w:r><w:delText>gestrichener Entwurf</w:delText></w:r></w:del></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Koordinierungsstelle</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>20.000 €</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        "<w:p><w:r><w:lastRenderedPageBreak/><w:t>Sprachkoordinierungsstelle auf Seite zwei</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    return _zip(
        path,
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _rels(
                ("rId1", "officeDocument", "word/document.xml"),
            ),
            "word/document.xml": body,
        },
    )


def odt(path: Path) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>'
        "<text:h>Handlungskonzept Integration</text:h>"
        "<text:p>Der Anteil stieg von 2,5<text:s/>% auf<text:s text:c=\"3\"/>fast 5 %."
        "<office:annotation><text:p>interne Notiz</text:p></office:annotation></text:p>"
        "<table:table><table:table-row><table:table-cell><text:p>Bestandsanalyse</text:p></table:table-cell>"
        "<table:table-cell><text:p>Bedarfsanalyse</text:p></table:table-cell></table:table-row></table:table>"
        "<text:p><text:soft-page-break/>Umsetzungsphase auf Seite zwei</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    return _zip(path, {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content})


def xlsx(path: Path) -> Path:
    """Two sheets; text as shared strings and inline, numbers, an error value."""
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    relns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    return _zip(
        path,
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _rels(("rId1", "officeDocument", "xl/workbook.xml")),
            "xl/workbook.xml": f'<?xml version="1.0"?><workbook {main} {relns}><sheets>'
            '<sheet name="Haushalt" sheetId="1" r:id="rId1"/><sheet name="Stellen" sheetId="2" r:id="rId2"/>'
            "</sheets></workbook>",
            "xl/_rels/workbook.xml.rels": _rels(
                ("rId1", "worksheet", "worksheets/sheet1.xml"),
                ("rId2", "worksheet", "/xl/worksheets/sheet2.xml"),
                ("rId3", "sharedStrings", "sharedStrings.xml"),
            ),
            "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst {main}><si><t>Koordinierungsstelle</t></si>'
            "<si><r><t>Integrations</t></r><r><t>stelle</t></r></si></sst>",
            "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {main}><sheetData>'
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>20000</v></c><c r="C1" t="e"><v>#DIV/0!</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><t>neu</t></is></c></row>'
            "</sheetData></worksheet>",
            "xl/worksheets/sheet2.xml": f'<?xml version="1.0"?><worksheet {main}><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Sprachkoordinierung</t></is></c><c r="B1"><v>1</v></c></row>'
            "</sheetData></worksheet>",
        },
    )


def ods(path: Path) -> Path:
    """A sheet with a filled row repeated a million times (capped) and empty cells repeated."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="Maßnahmen"><table:table-row><table:table-cell><text:p>Integrationsstelle</text:p>'
        '</table:table-cell><table:table-cell table:number-columns-repeated="16000"/>'
        "<table:table-cell><text:p>2019</text:p></table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="1048576"><table:table-cell><text:p>x</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    return _zip(path, {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content})


def zip_bomb_docx(path: Path, megabytes: int) -> Path:
    """A .docx whose document.xml inflates to `megabytes` MB of spaces (about 1,000:1)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("_rels/.rels", _rels(("rId1", "officeDocument", "word/document.xml")))
        with archive.open("word/document.xml", "w") as member:
            member.write(f'<?xml version="1.0"?><w:document {_W}><w:body><w:p><w:r><w:t>'.encode())
            block = b" " * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def entity_docx(path: Path) -> Path:
    """A .docx whose XML declares nested entities (the "billion laughs")."""
    laughs = "".join(f'<!ENTITY l{n} "{"&l%d;" % (n - 1) * 10}">' for n in range(1, 10))
    body = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "ha">{laughs}]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return docx(path, body)
