"""The project's settings that the check and the build must read the same way.

They live in one place, `extra.buergerinfo` in `mkdocs.yml`, next to the site's other
settings. `mkdocs build` hands that mapping over (hooks/buergerinfo_site.py);
`buergerinfo check` reads the same file with `read_settings`. Both go through
`settings_from_mapping`, so a setting cannot mean one thing to the check and another
to the build. Reading the file needs no MkDocs: its `!ENV` tags are resolved here the
way MkDocs resolves them, other tags (e.g. `!!python/name:` of Markdown extensions) are
not executed and read as empty.

    extra:
      buergerinfo:
        repository_oeffentlich: true          # default
        nicht_oeffentlich: nicht-oeffentlich  # folder of the nicht öffentliche Vorlagen
        anlagen_ablage:                       # Anlagen outside git (buergerinfo/model/stored_files.py)
          ordner: /mnt/anlagen                # the store: <ordner>/<aa>/<sha256>.<ext>
          adresse: https://anlagen.example.de/  # where visitors get them; without it the site carries them
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = "mkdocs.yml"
# The folder of the nicht öffentliche Vorlagen when mkdocs.yml does not name one; .gitignore keeps it
# out of the public repository.
DEFAULT_CONFIDENTIAL_DIR = "nicht-oeffentlich"


class SettingsInvalid(ValueError):
    """A setting that cannot be used; the message is German and names the setting."""


@dataclass(frozen=True)
class AttachmentStore:
    """The Anlagen-Ablage: a folder of files named by their content, and where visitors get them."""

    folder: Path  # absolute
    address: str | None = None  # https base address, ending in "/"; None: the site publishes the files itself

    def file(self, name: str) -> Path:
        """The file of an object name `<aa>/<hex>.<ext>` (model.stored_files.object_name)."""
        return self.folder / name

    def public_url(self, name: str) -> str | None:
        """The object's address on another host, or None when the site itself carries it."""
        return self.address + name if self.address else None


@dataclass(frozen=True)
class Settings:
    # The data repository is public (GitHub, GitLab): pages link to its files, and the check refuses
    # confidential content in data/. False for a wholly private data repository: no links.
    repository_public: bool = True
    # Where nicht öffentliche Vorlagen and their Anlagen live (vorlagen/<körperschaft>/…, anlagen/…).
    confidential_dir: Path | None = None
    # The project says it keeps nicht öffentliche Vorlagen there (mkdocs.yml names the folder). When the
    # folder is then missing (an editor without access to it), references to them cannot be checked.
    confidential_declared: bool = False
    # Anlagen outside git (`anlagen_ablage`); None: only data/anlagen/, as a small Körperschaft has it.
    attachment_store: AttachmentStore | None = None

    @property
    def source_links(self) -> bool:
        """Whether pages show "Datei ansehen / bearbeiten / Änderungsverlauf" links."""
        return self.repository_public


def settings_from_mapping(mapping: Any, root: Path) -> Settings:
    """Settings from the `extra.buergerinfo` mapping of mkdocs.yml (None or missing keys: defaults)."""
    mapping = mapping if isinstance(mapping, dict) else {}
    public = mapping.get("repository_oeffentlich", True)
    if not isinstance(public, bool):
        raise SettingsInvalid(
            f"{CONFIG_FILE}: Einstellung „extra.buergerinfo.repository_oeffentlich“: true oder false erwartet, "
            f"gefunden: {public!r}"
        )
    configured = mapping.get("nicht_oeffentlich")
    if configured is not None and not isinstance(configured, str):
        raise SettingsInvalid(
            f"{CONFIG_FILE}: Einstellung „extra.buergerinfo.nicht_oeffentlich“: Pfad eines Ordners erwartet, "
            f"gefunden: {configured!r}"
        )
    declared = bool(configured and configured.strip())
    folder = Path(configured.strip()) if declared else Path(DEFAULT_CONFIDENTIAL_DIR)
    folder = (root / folder).resolve() if not folder.is_absolute() else folder.resolve()
    data = (root / "data").resolve()
    if folder == data or folder.is_relative_to(data):
        raise SettingsInvalid(
            f"{CONFIG_FILE}: Einstellung „extra.buergerinfo.nicht_oeffentlich“: der Ordner {folder} liegt in data/ "
            "und damit im öffentlichen Repository; nicht öffentliche Vorlagen gehören in einen eigenen Ordner "
            f"außerhalb von data/, z. B. {DEFAULT_CONFIDENTIAL_DIR}/"
        )
    return Settings(repository_public=public, confidential_dir=folder, confidential_declared=declared,
                    attachment_store=_attachment_store(mapping.get("anlagen_ablage"), root))


def _attachment_store(configured: Any, root: Path) -> AttachmentStore | None:
    setting = "extra.buergerinfo.anlagen_ablage"
    if configured is None:
        return None
    if not isinstance(configured, dict) or set(configured) - {"ordner", "adresse"}:
        raise SettingsInvalid(
            f"{CONFIG_FILE}: Einstellung „{setting}“: erwartet „ordner:“ (Pfad der Ablage) und optional „adresse:“ "
            f"(https-Adresse, unter der die Dateien abrufbar sind), gefunden: {configured!r}"
        )
    folder, address = configured.get("ordner"), configured.get("adresse")
    if not isinstance(folder, str) or not folder.strip():
        raise SettingsInvalid(
            f"{CONFIG_FILE}: Einstellung „{setting}.ordner“: Pfad eines Ordners erwartet (relativ zum Projekt oder "
            f"absolut, z. B. ein eingehängter Bucket), gefunden: {folder!r}"
        )
    path = Path(folder.strip())
    path = (root / path).resolve() if not path.is_absolute() else path.resolve()
    data = (root / "data").resolve()
    if path == data or path.is_relative_to(data):
        raise SettingsInvalid(
            f"{CONFIG_FILE}: Einstellung „{setting}.ordner“: der Ordner {path} liegt in data/; die Anlagen-Ablage "
            "gehört außerhalb des Repositorys (Dateien, die im Repository bleiben sollen, liegen in data/anlagen/)"
        )
    if address is not None and (
        not isinstance(address, str) or not address.startswith("https://") or any(c in address for c in " \"'<>?#")
    ):
        raise SettingsInvalid(
            f"{CONFIG_FILE}: Einstellung „{setting}.adresse“: Adresse mit https:// erwartet, unter der die Dateien "
            f"der Ablage abrufbar sind (z. B. https://anlagen.landkreis-beispiel.de/), gefunden: {address!r}"
        )
    return AttachmentStore(path, address if address is None or address.endswith("/") else address + "/")


def read_settings(root: Path) -> Settings:
    """The settings as `mkdocs build` would see them, read from root/mkdocs.yml."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return settings_from_mapping(None, root)
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - safe subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SettingsInvalid(f"{CONFIG_FILE} lässt sich nicht lesen: {exc}") from None
    extra = config.get("extra") if isinstance(config, dict) else None
    return settings_from_mapping(extra.get("buergerinfo") if isinstance(extra, dict) else None, root)


def confidential_folder(root: Path) -> str:
    """The folder of the nicht öffentliche Vorlagen as seen from the project's root, e.g. "nicht-oeffentlich"."""
    try:
        folder = read_settings(root).confidential_dir
    except SettingsInvalid:
        folder = None
    if folder is None:
        return DEFAULT_CONFIDENTIAL_DIR
    return Path(os.path.relpath(folder, root.resolve())).as_posix()


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that knows MkDocs' `!ENV` and reads any other tag as None."""


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # As pyyaml_env_tag, which MkDocs uses: `!ENV NAME` or `!ENV [NAME, OTHER, default]`; a variable's
    # value and the default are read with YAML's implicit types (`false` is False).
    default = None
    if isinstance(node, yaml.SequenceNode):
        children = node.value
        if len(children) > 1:
            default = loader.construct_object(children[-1])
            children = children[:-1]
        names = [loader.construct_scalar(child) for child in children]
    else:
        names = [loader.construct_scalar(node)]
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


def _ignored(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_constructor("!ENV", _environment)
_ConfigLoader.add_multi_constructor("!", _ignored)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignored)
