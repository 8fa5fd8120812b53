"""The schema files in schemas/: in step with the model and with each Körperschaft's file.

`buergerinfo schema` writes them and `buergerinfo check --schemas` finds stale ones. The
Vorlage schema of a Körperschaft needs its file read and checked first, so this lives here in
checking, above the model that defines the schemas themselves (model.schema, model.body_schema).
"""

from __future__ import annotations

from pathlib import Path

from buergerinfo.checking.archive import _Loader
from buergerinfo.model.body_schema import body_schemas
from buergerinfo.model.schema import SCHEMA_DIR, generic_schema_texts, schema_text
from buergerinfo.model.structure import BODIES_DIR, BodyRecord


def valid_bodies(root: Path) -> list[BodyRecord]:
    """The Körperschaften whose files pass their own check (a broken one gets no schema until fixed)."""
    loader = _Loader(root)
    for path in loader.scan(root / "data" / BODIES_DIR, "Körperschaften"):
        loader.load_body(path)
    return sorted(loader.archive.bodies.values(), key=lambda body: body.id)



def schema_texts(root: Path | None = None) -> dict[str, str]:
    """File name -> file content for every schema, exactly as committed.

    With `root`, also the Vorlage schema of each Körperschaft in root/data/koerperschaften/.
    """
    texts, generic_paper = generic_schema_texts()
    if root is not None:
        schemas = body_schemas(valid_bodies(root), generic_paper)
        texts.update({name: schema_text(schema) for name, schema in schemas.items()})
    return texts


def _generated_by_body(name: str) -> bool:
    return name.startswith("vorlage.") and name.count(".") == 3  # vorlage.<körperschaft>.schema.json


def outdated(root: Path) -> list[str]:
    """Schema files under root/schemas/ that are missing, differ from the model or belong to no Körperschaft."""
    texts = schema_texts(root)
    stale = []
    for name, text in texts.items():
        path = root / SCHEMA_DIR / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(f"{SCHEMA_DIR}/{name}")
    folder = root / SCHEMA_DIR
    for path in sorted(folder.glob("*.schema.json")) if folder.is_dir() else []:
        if _generated_by_body(path.name) and path.name not in texts:
            stale.append(f"{SCHEMA_DIR}/{path.name}")
    return stale


def write_schemas(root: Path) -> list[str]:
    """Write the schemas; return the files that changed. Unchanged files are not touched."""
    changed = []
    (root / SCHEMA_DIR).mkdir(exist_ok=True)
    texts = schema_texts(root)
    for name, text in texts.items():
        path = root / SCHEMA_DIR / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(f"{SCHEMA_DIR}/{name}")
    for path in sorted((root / SCHEMA_DIR).glob("*.schema.json")):
        if _generated_by_body(path.name) and path.name not in texts:
            path.unlink()  # its Körperschaft is gone (or its file broken)
            changed.append(f"{SCHEMA_DIR}/{path.name} (entfernt)")
    return changed
