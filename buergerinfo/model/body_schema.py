"""A Vorlage schema per Körperschaft: checks while typing that know its Gremien and words.

The generic `vorlage.schema.json` can only offer examples; a Vorlage file names the
schema of its Körperschaft in its first line (`vorlage.<körperschaft>.schema.json`),
which lists the Körperschaft's Gremien (offered as completions, with their names),
its result words and Vorlagenarten as the only values allowed, and its number
format with the Körperschaft's example as the message. yaml-language-server and VS
Code show `errorMessage` / `patternErrorMessage` instead of their English defaults.

Generated from data/koerperschaften/ by `buergerinfo schema`, like the other schemas.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from buergerinfo.model.placement import paper_schema_name
from buergerinfo.model.structure import BodyRecord

# Python-only regular expression syntax that a JSON Schema (ECMAScript) pattern cannot carry.
_NOT_ECMASCRIPT = re.compile(r"\(\?P|\(\?#|\\[AZz]|\(\?[aiLmsux]+\)|\(\?[aiLmsux-]+:")


def _nullable(schema: dict[str, Any], replacement: dict[str, Any]) -> None:
    """Replace the text branch of `anyOf: [text, null]` (an optional field), keeping the field's texts."""
    branches = schema.get("anyOf")
    if branches:
        schema["anyOf"] = [replacement if branch.get("type") == "string" else branch for branch in branches]
    else:
        schema.update(replacement)


def paper_schema_for(generic: dict[str, Any], record: BodyRecord) -> dict[str, Any]:
    schema = copy.deepcopy(generic)
    body = record.body
    name = body.name
    schema["title"] = f"Vorlage – {name}"
    schema["description"] = (
        f"{schema.get('description', '')} Dieses Schema kennt die Gremien, Ergebnisse, Vorlagenarten und das "
        f"Nummernformat von {name} (aus {record.source})."
    ).strip()
    properties = schema["properties"]
    properties["koerperschaft"] = {
        "description": f"Schlüssel der Körperschaft: `{record.id}` ({name})",
        "const": record.id,
        "errorMessage": f"Diese Datei gehört zu {name}: `koerperschaft: {record.id}` (Schema aus der ersten Zeile)",
    }
    types = list(record.vocabulary.paper_types)
    properties["art"] = {
        "description": properties["art"].get("description", ""),
        "type": "string",
        "enum": types,
        "errorMessage": f"Vorlagenart von {name}: {', '.join(types)}",
    }
    if body.reference_pattern and not _NOT_ECMASCRIPT.search(body.reference_pattern):
        example = f" z. B. „{body.reference_example}“" if body.reference_example else ""
        message = f"Vorlagen-Nr. im Nummernformat von {name},{example}".rstrip(",")
        _nullable(
            properties["nummer"],
            {
                "type": "string",
                "pattern": f"^(?:{body.reference_pattern})$",
                "patternErrorMessage": message,
                "errorMessage": message,
            },
        )
        if body.reference_example:
            properties["nummer"]["examples"] = [body.reference_example]
    consultation = schema["$defs"]["Consultation"]["properties"]
    organizations = body.organizations
    consultation["gremium"] = {
        "description": f"Schlüssel des Gremiums von {name}",
        "type": "string",
        "enum": [o.id for o in organizations],
        "enumDescriptions": [o.name for o in organizations],
        "markdownEnumDescriptions": [o.name for o in organizations],
        "errorMessage": "Gremium von " + name + ": " + ", ".join(f"{o.id} ({o.name})" for o in organizations),
    }
    results = list(record.vocabulary.result_kinds)
    result_field = consultation["ergebnis"]
    result_field.pop("examples", None)
    _nullable(
        result_field,
        {
            "type": "string",
            "enum": results,
            "enumDescriptions": [record.vocabulary.result_kinds[r].description or "" for r in results],
            "errorMessage": f"Ergebnis aus dem Wortschatz von {name}: {', '.join(results)} "
            f"(erweiterbar mit `beschlussarten` in {record.source})",
        },
    )
    return schema


def body_schemas(bodies: list[BodyRecord], generic: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """File name -> schema, one per Körperschaft."""
    return {paper_schema_name(record.id): paper_schema_for(generic, record) for record in bodies}
