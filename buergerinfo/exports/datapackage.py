"""The Frictionless Data Package (`daten/datapackage.json`) that describes the bulk downloads.

Each CSV and JSON file is a resource with its Table Schema (column types, primary key, and the
Beratungen's foreign key to their Vorlage), its compression (gzip, `compression: gz`), and for CSV
its size and SHA-256 as published (compressed), so a re-user's tool can check what it downloaded
and load it with the right types.
"""

from __future__ import annotations

import json
from typing import Any

from buergerinfo.exports.license import License
from buergerinfo.exports.links import DATA_FOLDER, DATAPACKAGE
from buergerinfo.exports.output import OutputFolder
from buergerinfo.exports.tables import COMPRESSION, CONSULTATIONS, PAPERS, Table, TableFile

_MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


def write_datapackage(
    tables: list[TableFile],
    out: OutputFolder,
    *,
    title: str,
    license: License,
    homepage: str | None = None,
    absolute_urls: bool = False,
) -> str:
    """Write the descriptor beside the files; return its site-relative path."""
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "buergerinfo",
        "title": title,
        "description": "Vorlagen und Beratungen der Kreistage und ihrer Gremien: alle öffentlichen Vorlagen, "
        "je eine Zeile pro Vorlage und pro Beratung, für die ganze Website und je Körperschaft, als CSV und JSON, "
        "mit gzip komprimiert. Der aus den Anlagen gelesene Text steht als Textdatei neben jeder Anlage "
        "(Spalte anlagen_text der Vorlagen).",
        "licenses": [{"name": license.identifier, "title": license.title, "path": license.url}],
        "resources": [_resource(table, absolute_urls) for table in tables],
    }
    if homepage:
        descriptor["homepage"] = homepage
    out.write_text(DATAPACKAGE, json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
    return DATAPACKAGE


def resource_name(file: TableFile) -> str:
    return "-".join(part for part in (file.body_id, file.table.name, file.format) if part)


def _resource(file: TableFile, absolute_urls: bool) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": resource_name(file),
        "title": file.table.title + (f" – {file.body_id}" if file.body_id else " – alle Körperschaften"),
        "description": file.table.description,
        "path": file.path[len(DATA_FOLDER) + 1 :],
        "profile": "tabular-data-resource",
        "format": file.format,
        "mediatype": _MEDIA_TYPES[file.format],
        "compression": COMPRESSION,
        "encoding": "utf-8",
        "schema": _schema(file, absolute_urls),
    }
    if file.format == "csv":
        resource["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True}
        # frictionless checks both (of the compressed file) while it reads a CSV file; of a JSON file it sees
        # only the parsed rows, and would report a mismatch, so JSON resources go without them.
        resource["bytes"] = file.bytes
        resource["hash"] = f"sha256:{file.sha256}"
    return resource


def _schema(file: TableFile, absolute_urls: bool) -> dict[str, Any]:
    table: Table = file.table
    fields = []
    for column in table.columns:
        field = {"name": column.name, "type": column.type, "title": column.title}
        if column.description:
            field["description"] = column.description
        if column.url and absolute_urls:
            field["format"] = "uri"
        if column.name in table.primary_key:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}
    if table is CONSULTATIONS:
        papers = TableFile(file.path, PAPERS, file.format, file.body_id, 0, 0, "")
        schema["foreignKeys"] = [
            {
                "fields": ["koerperschaft", "vorlage"],
                "reference": {"resource": resource_name(papers), "fields": ["koerperschaft", "vorlage"]},
            }
        ]
    return schema
