"""Composing plain Python values from libyaml's events, iteratively and within the limits.

PyYAML's own composer recurses once per nesting level (in C for libyaml, so a deeply nested
file crashed the interpreter with a segmentation fault) and expands aliases without bound
(an "alias bomb" of a few lines stands for billions of values). Here the events come from
libyaml's parser, which keeps its own stack on the heap, and this module keeps the open lists
and mappings in a Python list: nesting costs no recursion anywhere, and a file is refused as
soon as it goes past limits.MAX_DEPTH, MAX_VALUES or MAX_ALIASES, or holds a text past
MAX_TEXT_CHARS. Tags other than the plain core ones, merge keys and several documents are
refused by name; every value keeps its line and column (yamlsource.YamlDocument).
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

from buergerinfo.reading.characters import (
    CONTROL_CHARACTERS,
    INVISIBLE_CHARACTERS,
    character_name,
    control_character_message,
)
from buergerinfo.reading.limits import MAX_ALIASES, MAX_DEPTH, MAX_NUMBER_CHARS, MAX_TEXT_CHARS, MAX_VALUES
from buergerinfo.reading.yamldocument import Path_, Position, SourceIssue, YamlDocument, YamlSyntaxError

_CORE = "tag:yaml.org,2002:"
# Timestamps stay strings: the model parses dates and says in German what is wrong.
_SCALAR_TAGS_KEPT_AS_TEXT = {_CORE + "timestamp"}
# The explicit tags a data file may carry (`!!str 0042`); every other tag is refused by name.
_EXPLICIT_SCALAR_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null")}
_EXPLICIT_COLLECTION_TAGS = {yaml.SequenceStartEvent: _CORE + "seq", yaml.MappingStartEvent: _CORE + "map"}
_NON_SPECIFIC = "!"


def _position(mark: Any) -> Position:
    return mark.line + 1, mark.column + 1


def _shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _tag_message(tag: str) -> str:
    shown = _shown_tag(tag)
    if tag == _CORE + "binary":
        return (
            f"Binärdaten ({shown}) sind in Datendateien nicht erlaubt; eine Datei gehört als Anlage nach "
            "data/anlagen/ und wird unter `anlagen` mit `datei:` eingetragen"
        )
    if tag.startswith(_CORE + "python/"):
        what = "Python-Objekte"
    elif shown.lstrip("!").split(" ")[0] in {"include", "import", "ref", "file", "env", "ENV"}:
        what = "Verweise auf andere Dateien oder Umgebungsvariablen"
    else:
        what = "YAML-Tags"
    return (
        f"der YAML-Tag „{shown}“ wird nicht unterstützt ({what} werden nie ausgewertet); Datendateien enthalten "
        "nur Text, Zahlen, true/false, Listen und Zuordnungen – bitte den Tag entfernen"
    )


class _OpenCollection:
    """A list or mapping whose end event has not come yet."""

    __slots__ = ("value", "path", "anchor", "size", "key", "key_path", "key_mark", "expecting_key")

    def __init__(self, value: list[Any] | dict[Any, Any], path: Path_ | None, anchor: str | None) -> None:
        self.value = value
        self.path = path  # None: the value of a duplicated key, composed only to be skipped
        self.anchor = anchor
        self.size = 1  # values in this collection, aliases counted as what they repeat
        self.key: Any = None
        self.key_path: Path_ | None = None
        self.key_mark: Position = (1, 1)
        self.expecting_key = isinstance(value, dict)


class Composer:
    """Builds plain Python values from libyaml's event stream, iteratively and within the limits.

    PyYAML's own composer recurses once per nesting level (in C for libyaml, so a deep file
    crashes the interpreter) and expands aliases without bound. Events come from libyaml's
    parser, which keeps its own stack on the heap; this loop keeps the open lists and
    mappings in a Python list, so nesting costs no recursion anywhere, and refuses a file
    as soon as it goes past MAX_DEPTH, MAX_VALUES or MAX_ALIASES.
    """

    def __init__(self, loader: Any, document: YamlDocument) -> None:
        self.loader = loader
        self.document = document
        self.scalar_constructor = yaml.SafeLoader("")
        self.anchors: dict[str, tuple[Any, int]] = {}  # name -> (value, size)
        self.open_anchors: set[str] = set()
        self.values = 0
        self.aliases = 0

    # -- the document ----------------------------------------------------------------

    def compose(self) -> Any:
        self.loader.get_event()  # stream start
        if self.loader.check_event(yaml.StreamEndEvent):
            return None
        self.loader.get_event()  # document start
        root = self._node()
        self.loader.get_event()  # document end
        if self.loader.check_event(yaml.DocumentStartEvent):
            second = self.loader.get_event()
            line = second.start_mark.line + 1
            raise YamlSyntaxError(
                f"die Datei enthält mehrere YAML-Dokumente (in Zeile {line} beginnt mit „---“ ein weiteres); "
                "je Datei ist nur eines erlaubt – bitte „---“ und den Teil danach in eine eigene Datei verschieben",
                _position(second.start_mark),
            )
        return root

    # -- nodes -------------------------------------------------------------------------

    def _node(self) -> Any:
        stack: list[_OpenCollection] = []
        while True:
            event = self.loader.get_event()
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = stack.pop()
                value, size, mark = done.value, done.size, None
                if done.anchor is not None:
                    self.open_anchors.discard(done.anchor)
                    self.anchors[done.anchor] = (value, size)
            else:
                parent = stack[-1] if stack else None
                if parent is not None and parent.expecting_key:
                    self._key(parent, event)
                    continue
                path = self._child_path(parent)
                mark = _position(event.start_mark)
                if path is not None:
                    self.document.positions[path] = mark
                if isinstance(event, yaml.AliasEvent):
                    value, size = self._alias(event, path)
                elif isinstance(event, yaml.ScalarEvent):
                    self._count(1, path, event)
                    value, size = self._scalar(event, path), 1
                    if event.anchor is not None:
                        self.anchors[event.anchor] = (value, 1)
                else:
                    self._count(1, path, event)
                    self._check_collection_tag(event, path)
                    container: list[Any] | dict[Any, Any] = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                    if len(stack) >= MAX_DEPTH:
                        raise YamlSyntaxError(
                            f"zu tief verschachtelt: mehr als {MAX_DEPTH} Ebenen von Listen und Zuordnungen "
                            "ineinander (Datendateien brauchen höchstens 5) – ist die Einrückung verrutscht?",
                            mark,
                            _outer_field(path),
                        )
                    if event.anchor is not None:
                        self.open_anchors.add(event.anchor)
                    stack.append(_OpenCollection(container, path, event.anchor))
                    continue
            if not stack:
                return value
            self._attach(stack[-1], value, size, mark)

    def _child_path(self, parent: _OpenCollection | None) -> Path_ | None:
        if parent is None:
            return ()
        if parent.path is None:
            return None
        if isinstance(parent.value, list):
            return parent.path + (len(parent.value),)
        return parent.key_path

    def _attach(self, parent: _OpenCollection, value: Any, size: int, mark: Position | None) -> None:
        parent.size += size
        if isinstance(parent.value, list):
            parent.value.append(value)
            return
        if parent.key_path is not None:
            parent.value[parent.key] = value
            # The key's own position is the better place to point an editor to.
            value_mark = self.document.positions.get(parent.key_path, mark or parent.key_mark)
            self.document.positions[parent.key_path + ("__value__",)] = value_mark
            self.document.positions[parent.key_path] = parent.key_mark
        parent.expecting_key = True

    def _key(self, parent: _OpenCollection, event: Any) -> None:
        mark = _position(event.start_mark)
        if isinstance(event, yaml.ScalarEvent) and self._resolved_tag(event) == _CORE + "merge":
            raise YamlSyntaxError(
                "YAML-Zusammenführungen mit „<<“ werden nicht unterstützt; bitte die Felder hier ausschreiben",
                mark,
                (parent.path or ()) + ("<<",),
            )
        if isinstance(event, yaml.AliasEvent):
            key = self.anchors.get(event.anchor, (None, 0))[0]
        elif isinstance(event, yaml.ScalarEvent):
            key = self._scalar(event, None)
            if event.anchor is not None:
                self.anchors[event.anchor] = (key, 1)
        else:
            key = None
        if not isinstance(key, str):
            raise YamlSyntaxError("Feldnamen müssen Text sein", mark, parent.path or ())
        parent.expecting_key = False
        invisible = INVISIBLE_CHARACTERS.search(key) or CONTROL_CHARACTERS.search(key)
        if invisible:
            # Reported once here; checked further without the character, so `betreff` + U+200B is not
            # also an unknown field next to a missing `betreff`.
            key = CONTROL_CHARACTERS.sub("", INVISIBLE_CHARACTERS.sub("", key))
        parent.key, parent.key_mark = key, mark
        if parent.path is None:
            parent.key_path = None
            return
        key_path = parent.path + (key,)
        if invisible:
            self.document.issues.append(
                SourceIssue(
                    key_path,
                    mark,
                    f"der Feldname enthält {character_name(invisible.group())} an Stelle {invisible.start() + 1}; "
                    "bitte den Feldnamen löschen und neu tippen",
                )
            )
        if key in parent.value:
            first = self.document.positions.get(key_path, (0, 0))
            self.document.issues.append(
                SourceIssue(
                    key_path,
                    mark,
                    f"steht doppelt in derselben Zuordnung (zuerst in Zeile {first[0]}); jedes Feld darf "
                    "nur einmal vorkommen – YAML würde sonst einen der Werte stillschweigend verwerfen",
                )
            )
            parent.key_path = None  # the value is composed (to read past it) but not kept
            return
        parent.key_path = key_path

    # -- aliases, counting ---------------------------------------------------------------

    def _count(self, size: int, path: Path_ | None, event: Any) -> None:
        self.values += size
        if self.values > MAX_VALUES:
            raise YamlSyntaxError(
                f"zu viele Werte: die Datei steht für mehr als {MAX_VALUES:,} Werte".replace(",", ".")
                + " (YAML-Verweise mit „*“ zählen so oft, wie sie Werte wiederholen)",
                _position(event.start_mark),
                _outer_field(path),
            )

    def _alias(self, event: Any, path: Path_ | None) -> tuple[Any, int]:
        mark = _position(event.start_mark)
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise YamlSyntaxError(
                f"zu viele YAML-Verweise („*{event.anchor}“): höchstens {MAX_ALIASES} je Datei",
                mark,
                _outer_field(path),
            )
        if event.anchor in self.open_anchors:
            raise YamlSyntaxError(
                f"der YAML-Verweis „*{event.anchor}“ verweist auf den Wert, in dem er selbst steht", mark, path or ()
            )
        if event.anchor not in self.anchors:
            raise YamlSyntaxError(
                f"unbekannter YAML-Verweis „*{event.anchor}“: davor steht kein Anker „&{event.anchor}“",
                mark,
                path or (),
            )
        value, size = self.anchors[event.anchor]
        self._count(size, path, event)  # before copying: the copy costs what the alias repeats
        return copy.deepcopy(value), size

    # -- scalars and tags ----------------------------------------------------------------

    def _resolved_tag(self, event: Any) -> str:
        tag = event.tag
        if tag is None:
            return self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _NON_SPECIFIC:
            return _CORE + "str"
        return tag

    def _scalar(self, event: Any, path: Path_ | None) -> Any:
        mark = _position(event.start_mark)
        text = event.value
        if len(text) > MAX_TEXT_CHARS:
            raise YamlSyntaxError(
                f"der Text ist zu lang: {len(text):,} Zeichen, erlaubt sind höchstens {MAX_TEXT_CHARS:,}".replace(",", ".")
                + " (längere Texte gehören als Anlage nach data/anlagen/)",
                mark,
                path or (),
            )
        tag = self._resolved_tag(event)
        if event.tag not in (None, _NON_SPECIFIC) and tag not in _EXPLICIT_SCALAR_TAGS:
            raise YamlSyntaxError(_tag_message(tag), mark, path or ())
        if event.style == '"' and path is not None:
            # Escapes (`"\0"`, `"\u200b"`) put characters into a text that the file itself does not show.
            control = CONTROL_CHARACTERS.search(text)
            if control:
                self.document.issues.append(SourceIssue(path, mark, control_character_message(control.group())))
        if tag in _SCALAR_TAGS_KEPT_AS_TEXT or tag == _CORE + "str":
            return text
        if len(text) > MAX_NUMBER_CHARS:
            raise YamlSyntaxError(
                f"„{text[:20]}…“ ist zu lang für eine Zahl oder einen Wahrheitswert (höchstens {MAX_NUMBER_CHARS} "
                'Zeichen); ist Text gemeint, bitte in Anführungszeichen setzen: "…"',
                mark,
                path or (),
            )
        node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
        try:
            value = self.scalar_constructor.construct_object(node, deep=True)
        except (ValueError, ArithmeticError, yaml.YAMLError):
            raise YamlSyntaxError(
                f"„{text}“ lässt sich nicht als {_shown_tag(tag)} lesen; bitte den Tag entfernen oder den Wert "
                "korrigieren",
                mark,
                path or (),
            ) from None
        if not isinstance(value, str) and path is not None:
            self.document.written[path] = text
        return value

    def _check_collection_tag(self, event: Any, path: Path_ | None) -> None:
        if event.tag is not None and event.tag != _NON_SPECIFIC and event.tag != _EXPLICIT_COLLECTION_TAGS[type(event)]:
            raise YamlSyntaxError(_tag_message(event.tag), _position(event.start_mark), path or ())


def _outer_field(path: Path_ | None) -> Path_:
    """The outermost field of a path, to name where a runaway structure starts."""
    if not path:
        return ()
    return path[:1] if isinstance(path[0], str) else ()
