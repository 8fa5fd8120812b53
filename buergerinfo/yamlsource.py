"""YAML loading that remembers where every value stands in the file.

PyYAML's constructors forget source positions, silently keep the last of two
equal keys, and turn `2018-02-30` into a crash. This loader composes the node
tree itself so that every value keeps its line and column, duplicate keys are
reported, and dates stay text until the model checks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml's composer is several times faster; the node tree is the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


@dataclass
class SourceIssue:
    path: Path_
    position: Position
    message: str


@dataclass
class YamlDocument:
    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)
    issues: list[SourceIssue] = field(default_factory=list)

    def position_of(self, path: Path_) -> Position:
        """The position of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class YamlSyntaxError(Exception):
    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


# Timestamps stay strings: the model parses dates and says in German what is wrong.
_SCALAR_TAGS_KEPT_AS_TEXT = {"tag:yaml.org,2002:timestamp"}


def _mark(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.scalar_constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.document.positions[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (index,)) for index, child in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlSyntaxError("YAML-Verweise mit `<<` werden nicht unterstützt", _mark(key_node))
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                raise YamlSyntaxError("Feldnamen müssen Text sein", _mark(key_node))
            key_path = path + (key,)
            if key in result:
                first = self.document.positions.get(key_path, (0, 0))
                self.document.issues.append(
                    SourceIssue(
                        key_path,
                        _mark(key_node),
                        f"Feld „{key}“ steht doppelt in derselben Zuordnung (zuerst in Zeile {first[0]}); "
                        "YAML würde den ersten Wert stillschweigend verwerfen",
                    )
                )
                continue
            result[key] = self.build(value_node, key_path)
            # The key's own position is the better place to point an editor to.
            self.document.positions[key_path] = _mark(key_node)
            self.document.positions[key_path + ("__value__",)] = _mark(value_node)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag in _SCALAR_TAGS_KEPT_AS_TEXT:
            return node.value
        if node.tag == "tag:yaml.org,2002:binary":
            raise YamlSyntaxError("Binärdaten sind in Datendateien nicht erlaubt", _mark(node))
        return self.scalar_constructor.construct_object(node, deep=True)


def load_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise YamlSyntaxError with a German message."""
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlSyntaxError(_german_syntax_message(exc), position) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML-Fehler: {exc}", (1, 1)) from None
    document = YamlDocument(data=None)
    if root is None:
        return document
    document.data = _Builder(document).build(root, ())
    return document


def load_yaml_file(path: Path) -> YamlDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlSyntaxError("Datei ist nicht in UTF-8 gespeichert", (1, exc.start + 1)) from None
    return load_yaml(text)


_PROBLEMS_IN_GERMAN = {
    "mapping values are not allowed": "an dieser Stelle ist kein „Feld: Wert“ erlaubt "
    "(fehlt ein Leerzeichen nach dem Doppelpunkt, oder muss der Text in Anführungszeichen?)",
    "could not find expected ':'": "erwartet „Feld: Wert“, aber der Doppelpunkt fehlt",
    "found character '\\t' that cannot start any token": "Tabulatoren sind in YAML nicht erlaubt; "
    "bitte mit Leerzeichen einrücken",
    "did not find expected key": "Einrückung stimmt nicht: ein Feld steht nicht bündig mit den anderen",
    "did not find expected '-' indicator": "Einrückung stimmt nicht: ein Listeneintrag („- “) steht nicht bündig",
    "found unexpected end of stream": "Datei endet unerwartet (fehlt ein schließendes Anführungszeichen?)",
    "found undefined alias": "unbekannter YAML-Verweis (*name)",
    "expected a single document in the stream": "nur ein YAML-Dokument pro Datei erlaubt (kein `---` dazwischen)",
}


def _german_syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    for english, german in _PROBLEMS_IN_GERMAN.items():
        if problem.startswith(english):
            return f"YAML-Syntaxfehler: {german}"
    return f"YAML-Syntaxfehler: {problem or exc}"
