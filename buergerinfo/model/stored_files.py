"""Anlagen outside git: entries that name a file of the Anlagen-Ablage by its content.

A city's archive holds tens of thousands of PDFs, too many bytes for a git repository and for a
Pages host. Such a project keeps them in the Anlagen-Ablage (`extra.buergerinfo.anlagen_ablage` in
mkdocs.yml: a folder, perhaps a mounted bucket, and the address where visitors get the files), one
file per content: `<ordner>/<aa>/<sha256>.<extension>`, `aa` the first two hex digits. An entry says

    ablage: sha256:<64 hex digits>
    dateiname: lageplan.pdf      # the name shown and downloaded; gives the extension and the type
    groesse: 183204              # bytes: the check compares it with the file, without reading it

Objects never change (a new content is a new name), so a deploy uploads each one once.
The field helpers below are shared by an Anlage of a Vorlage and a document of a dossier.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints

DIGEST_PREFIX = "sha256:"
DIGEST_PATTERN = r"^sha256:[0-9a-f]{64}$"
# A plain file name with an extension: no folder, nothing a link would read as its end or an escape.
FILE_NAME_PATTERN = r"^[^/\\#?%\u0000-\u001f]*[^/\\#?%\u0000-\u001f.]\.[A-Za-z0-9]{1,10}$"
# The store's files on the site, when it publishes them itself: anlagen/ablage/<aa>/<hex>.<ext>.
SITE_FOLDER = "ablage"

StoreDigest = Annotated[str, StringConstraints(pattern=DIGEST_PATTERN)]
StoreFileName = Annotated[str, StringConstraints(pattern=FILE_NAME_PATTERN, max_length=255)]


def digest_field() -> Any:
    return Field(
        None,
        alias="ablage",
        description="Die Datei liegt in der Anlagen-Ablage (statt `datei`): `sha256:` und die 64 Hex-Ziffern der "
        "SHA-256-Prüfsumme ihres Inhalts; dazu `dateiname` und `groesse`",
    )


def file_name_field() -> Any:
    return Field(
        None,
        alias="dateiname",
        description="Zu `ablage`: der Name der Datei, wie er angezeigt und heruntergeladen wird, z. B. `lageplan.pdf` "
        "(die Endung nennt die Art)",
    )


def size_field() -> Any:
    return Field(None, alias="groesse", description="Zu `ablage`: die Größe der Datei in Bytes")


def object_name(digest: str, file_name: str) -> str:
    """The file's name in the store: `<aa>/<hex>.<extension>` (extension in lower case)."""
    hex_digest = digest.removeprefix(DIGEST_PREFIX)
    return f"{hex_digest[:2]}/{hex_digest}.{file_name.rsplit('.', 1)[-1].lower()}"


def location_problem(entry: Any) -> str | None:
    """Why an entry's `datei`, `url` and `ablage` do not fit together (German), or None."""
    given = [key for key, value in (("datei", entry.path), ("url", entry.url), ("ablage", entry.store)) if value]
    if len(given) > 1:
        return f"nur eines von `datei`, `url` und `ablage` angeben, nicht {' und '.join(f'`{k}`' for k in given)}"
    if entry.store and (entry.file_name is None or entry.size is None):
        pairs = (("dateiname", entry.file_name), ("groesse", entry.size))
        missing = " und ".join(f"`{key}`" for key, value in pairs if value is None)
        verb = "gehören" if " und " in missing else "gehört"
        return f"zu `ablage` {verb} {missing} (z. B. `dateiname: lageplan.pdf`, `groesse: 183204` in Bytes)"
    if not entry.store and (entry.file_name is not None or entry.size is not None):
        return (
            "`dateiname` und `groesse` gehören zu einer Datei in der Anlagen-Ablage: bitte `ablage: sha256:…` angeben"
        )
    return None


class StoredLocation:
    """What an Anlage's entry says about where its file is; mixed into AuxiliaryFile and DossierDocument."""

    path: str | None
    url: str | None
    store: str | None
    file_name: str | None
    size: int | None

    @property
    def store_object(self) -> str | None:
        """`<aa>/<hex>.<ext>` in the Anlagen-Ablage, or None for an entry with `datei` or `url`."""
        return object_name(self.store, self.file_name) if self.store and self.file_name else None

    @property
    def site_relative(self) -> str | None:
        """Where the file stands below `anlagen/` of the site (and the key of its text): `datei`, or ablage/<aa>/…"""
        stored = self.store_object
        return f"{SITE_FOLDER}/{stored}" if stored else self.path

    @property
    def shown_name(self) -> str | None:
        """The file's own name: `dateiname`, else the last part of `datei`."""
        return self.file_name or (self.path.rsplit("/", 1)[-1] if self.path else None)


# The JSON Schema says what location_problem says about `ablage`, so an editor sees it while typing.
SCHEMA_EXTRA = {
    "dependentRequired": {"ablage": ["dateiname", "groesse"], "dateiname": ["ablage"], "groesse": ["ablage"]}
}
