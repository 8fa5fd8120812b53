"""A YAML file changed in place to hold new data, with its comments and layout kept where the data stays.

For a data file that editors and the import both write (the Personen file): what the import
changes is changed, every other line stays as the editor wrote it, comments included. Lists of
entries with an `id` are matched by `id`; any other list is replaced whole when it differs. The
result must read back as exactly the new data, or `update_yaml` gives None and the caller writes
the file afresh.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from buergerinfo.reading.yamlsource import load_yaml
from buergerinfo.importers.writer import plain


def round_trip_yaml(original: str, key: str = r"[a-z_]+") -> YAML:
    """ruamel.yaml set up to write `original` back as it is: its quotes, no line wrapping, and the indentation
    of its lists (of the first list under a top-level key matching `key`)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100_000
    mapping, sequence, offset = indentation(original, key)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def dumped(yaml: YAML, document: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


def update_yaml(original: str, expected: dict[str, Any]) -> str | None:
    """`original` changed to hold `expected` (keys with empty values left out); None if that cannot be done safely."""
    yaml = round_trip_yaml(original)
    try:
        document = yaml.load(original)
        if not isinstance(document, CommentedMap):
            return None
        _update_map(document, _compact(expected))
        text = dumped(yaml, document)
        reread = load_yaml(text)
    except Exception:  # anything ruamel.yaml cannot keep as it was: the caller writes the file afresh
        return None
    return text if reread.data == plain(expected) and not reread.issues else None


def _update_map(node: CommentedMap, new: dict[str, Any]) -> None:
    for key in [k for k in node if k not in new]:
        del node[key]
    previous = -1
    for key, value in new.items():
        if key in node:
            node[key] = _updated(node[key], value)
        else:
            node.insert(previous + 1, key, _node(value))
        previous = list(node).index(key)


def _updated(old: Any, new: Any) -> Any:
    if isinstance(new, dict) and isinstance(old, CommentedMap):
        _update_map(old, new)
        return old
    if isinstance(new, list) and isinstance(old, CommentedSeq):
        if plain(_plain_of(old)) == plain(new):
            return old
        if all(isinstance(item, dict) and "id" in item for item in new):
            _update_entries(old, new)
            return old
        return _node(new)
    if _scalar_equal(old, new):
        return old  # keeps the editor's quoting
    return _node(new)


def _update_entries(old: CommentedSeq, new: list[dict[str, Any]]) -> None:
    """Entries matched by `id`: kept in place (with their comments) and changed, inserted, or removed."""
    index = 0
    for item in new:
        found = next((j for j in range(index, len(old))
                      if isinstance(old[j], CommentedMap) and old[j].get("id") == item["id"]), None)
        if found is None:
            old.insert(index, _node(item))
        else:
            for _ in range(found - index):
                del old[index]
            _update_map(old[index], item)
        index += 1
    while len(old) > index:
        del old[index]


def _compact(value: Any) -> Any:
    """`value` without keys whose value is empty (as the files are written), dates kept as dates."""
    if isinstance(value, dict):
        items = {key: _compact(item) for key, item in value.items()}
        return {key: item for key, item in items.items() if item is not None and item != [] and item != {}}
    if isinstance(value, list):
        return [_compact(item) for item in value]
    return value


def _node(value: Any) -> Any:
    if isinstance(value, dict):
        return CommentedMap((key, _node(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_node(item) for item in value)
    return value


def _plain_of(value: Any) -> Any:
    """A ruamel.yaml node as plain Python data, dates as text (as `plain` gives them)."""
    if isinstance(value, dict):
        return {str(key): _plain_of(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_of(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value


def _scalar_equal(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, str) and isinstance(new, str):
        return str(old) == new
    return plain(old) == plain(new) and type(old) is type(new)


def indentation(text: str, key: str = r"[a-z_]+") -> tuple[int, int, int]:
    """(mapping, sequence, offset) as the file indents the first list under a top-level key matching `key`."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if re.match(rf"^{key}:\s*(#.*)?$", line):
            for following in lines[index + 1:]:
                if following.strip() and not following.lstrip().startswith("#"):
                    if following.lstrip().startswith("- "):
                        dash = len(following) - len(following.lstrip(" "))
                        return 2, dash + 2, dash
                    break
    return 2, 4, 2
