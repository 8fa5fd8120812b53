"""Text of Office Open XML (.docx, .xlsx) and OpenDocument (.odt, .ods) files, from their XML.

Text comes in document order; table cells are separated by a tab, rows end a line. A word
processor file is split into pages where the authoring program wrote its last layout's page
breaks (Word's lastRenderedPageBreak, LibreOffice's soft-page-break) or a manual page break; a
spreadsheet has one page per sheet, labelled with the sheet's name.
"""

from __future__ import annotations

from pathlib import Path

from . import limits as L
from .model import TYPE_NAMES, Extraction, Limits
from .normalize import clean, fold_spaces
from .safezip import Archive, Refused, ZipBomb, local, parse


class _Full(Exception):
    """MAX_CHARS reached: reading stops, what was read stays."""


class _Pages:
    """Collects text into pages with the character limit."""

    def __init__(self, limit: int) -> None:
        self.pages: list[str] = []
        self.labels: list[str] = []
        self._parts: list[str] = []
        self._count = 0
        self._limit = limit
        self.full = False

    def add(self, text: str) -> None:
        self._count += len(text)
        if self._count > self._limit:
            self._parts.append(text[: len(text) - (self._count - self._limit)])
            self.full = True
            raise _Full
        self._parts.append(text)

    def break_page(self, label: str | None = None, keep_empty: bool = False) -> None:
        """Ends the current page; a page with no text yet is kept only if `keep_empty` (a sheet)."""
        text = "".join(self._parts)
        self._parts = []
        if text.strip() or keep_empty:
            self.pages.append(text)
            if label is not None:
                self.labels.append(label)


def extract_office(source: Path | bytes, kind: str, name: str, limits: Limits) -> Extraction:
    result = Extraction(name=name, kind=kind)
    collected = _Pages(limits.max_chars)
    try:
        with Archive(source) as archive:
            {"docx": _docx, "xlsx": _xlsx, "odt": _odt, "ods": _ods}[kind](archive, collected)
    except _Full:
        collected.break_page(keep_empty=True)
    except ZipBomb as error:
        result.add("zip_bomb", grenze=str(error))
        return result
    except Refused as error:
        result.add("damaged", art=TYPE_NAMES[kind], grund=str(error))
        return result
    spreadsheet = kind in ("xlsx", "ods")
    result.pages = [clean(page, dehyphenate=False) for page in collected.pages]
    result.page_labels = collected.labels if spreadsheet else []
    if len(result.pages) > limits.max_pages:
        result.add("too_many_pages", gesamt=len(result.pages), grenze=limits.max_pages)
        del result.pages[limits.max_pages :]
        del result.page_labels[limits.max_pages :]
    result.page_count = max(len(collected.pages), 1 if not spreadsheet else 0)
    if not result.pages and not spreadsheet:
        result.pages = [""]
    if collected.full:
        result.add("too_many_chars", grenze=f"{limits.max_chars:,}".replace(",", "."))
    return result


def _docx(archive: Archive, pages: _Pages) -> None:
    main = archive.relationships("").get("type:officeDocument", "word/document.xml")
    related = archive.relationships(main)
    _word_part(archive, main, pages)  # Refused if the body is missing: then it is no Word file
    for key in ("type:footnotes", "type:endnotes"):
        if related.get(key) and archive.has(related[key]):
            _word_part(archive, related[key], pages)
    pages.break_page()


def _word_part(archive: Archive, part: str, pages: _Pages) -> None:
    stack: list[str] = []
    skip = [0]  # depth inside a subtree left out (the fallback copy of a text box)

    def start(tag: str, attributes: dict[str, str]) -> None:
        name = local(tag)
        parent = stack[-1] if stack else ""
        stack.append(name)
        if skip[0] or name == "Fallback":
            skip[0] += 1
        elif name == "lastRenderedPageBreak":
            pages.break_page()
        elif name == "br":
            if _attribute(attributes, "type") == "page":
                pages.break_page()
            else:
                pages.add("\n")
        elif name == "cr":
            pages.add("\n")
        elif name == "tab" and parent == "r":  # a tab character, not a tab stop definition (w:tabs)
            pages.add("\t")

    def end(tag: str) -> None:
        name = stack.pop()
        if skip[0]:
            skip[0] -= 1
        else:
            _close(name, stack, pages, paragraphs=("p",), cell="tc", row="tr")

    def text(data: str) -> None:
        if not skip[0] and stack and stack[-1] == "t":  # w:t; w:delText and w:instrText are no text
            pages.add(data)

    parse(archive.chunks(part), start, end, text)


def _xlsx(archive: Archive, pages: _Pages) -> None:
    workbook = archive.relationships("").get("type:officeDocument", "xl/workbook.xml")
    related = archive.relationships(workbook)
    shared: list[str] = []
    if related.get("type:sharedStrings") and archive.has(related["type:sharedStrings"]):
        shared = _shared_strings(archive, related["type:sharedStrings"])
    sheets: list[tuple[str, str]] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        if local(tag) == "sheet":
            target = related.get(_attribute(attributes, "id"))
            if target:
                sheets.append((attributes.get("name", ""), target))

    parse(archive.chunks(workbook), start=start)
    for label, part in sheets:
        if archive.has(part):
            _sheet(archive, part, shared, pages)
        pages.break_page(label, keep_empty=True)


def _shared_strings(archive: Archive, part: str) -> list[str]:
    strings: list[str] = []
    current: list[str] = []
    stack: list[str] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        stack.append(local(tag))

    def end(tag: str) -> None:
        if stack.pop() == "si":
            strings.append("".join(current))
            current.clear()

    def text(data: str) -> None:
        if stack and stack[-1] == "t" and "rPh" not in stack:  # rPh: phonetic reading (Japanese)
            current.append(data)

    parse(archive.chunks(part), start, end, text)
    return strings


def _sheet(archive: Archive, part: str, shared: list[str], pages: _Pages) -> None:
    row: list[str] = []
    cell: dict[str, object] = {}
    stack: list[str] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        name = local(tag)
        stack.append(name)
        if name == "c":
            cell.clear()
            cell.update(type=attributes.get("t", "n"), value=[])

    def end(tag: str) -> None:
        name = stack.pop()
        if name == "c":
            value = "".join(cell["value"])  # type: ignore[arg-type]
            if cell["type"] == "s":
                index = int(value) if value.isdigit() and len(value) < 10 else -1
                value = shared[index] if 0 <= index < len(shared) else ""
            elif cell["type"] == "e":
                value = ""  # #DIV/0! and the like
            if value.strip():
                row.append(fold_spaces(value))
        elif name == "row":
            if row:
                pages.add("\t".join(row) + "\n")
            row.clear()

    def text(data: str) -> None:
        if cell and stack and (stack[-1] == "v" or (stack[-1] == "t" and "is" in stack)):
            cell["value"].append(data)  # type: ignore[union-attr]

    parse(archive.chunks(part), start, end, text)


def _odt(archive: Archive, pages: _Pages) -> None:
    stack: list[str] = []
    skip = [0]
    leave_out = {"annotation", "tracked-changes", "note-citation"}  # comments, deleted text, footnote marks

    def start(tag: str, attributes: dict[str, str]) -> None:
        name = local(tag)
        stack.append(name)
        if skip[0] or name in leave_out:
            skip[0] += 1
        elif name == "soft-page-break":
            pages.break_page()
        elif name == "s":
            pages.add(" ")
        elif name == "tab":
            pages.add("\t")
        elif name == "line-break":
            pages.add("\n")

    def end(tag: str) -> None:
        name = stack.pop()
        if skip[0]:
            skip[0] -= 1
        else:
            _close(name, stack, pages, paragraphs=("p", "h"), cell="table-cell", row="table-row")

    def text(data: str) -> None:
        if not skip[0] and "body" in stack:
            pages.add(data)

    parse(archive.chunks("content.xml"), start, end, text)
    pages.break_page()


def _ods(archive: Archive, pages: _Pages) -> None:
    stack: list[str] = []
    state: dict[str, object] = {"table": None, "cells": [], "cell": [], "row_repeat": 1, "cell_repeat": 1}

    def start(tag: str, attributes: dict[str, str]) -> None:
        name = local(tag)
        stack.append(name)
        if name == "table" and len(stack) >= 2 and stack[-2] == "spreadsheet":
            state["table"] = _attribute(attributes, "name")
        elif name == "table-row":
            state["cells"] = []
            state["row_repeat"] = _repeat(_attribute(attributes, "number-rows-repeated"))
        elif name in ("table-cell", "covered-table-cell"):
            state["cell"] = []
            state["cell_repeat"] = _repeat(_attribute(attributes, "number-columns-repeated"))
        elif name == "p" and state["cell"]:
            state["cell"].append(" ")  # type: ignore[union-attr]

    def end(tag: str) -> None:
        name = stack.pop()
        if name in ("table-cell", "covered-table-cell"):
            value = fold_spaces("".join(state["cell"]))  # type: ignore[arg-type]
            if value:
                state["cells"].extend([value] * state["cell_repeat"])  # type: ignore[union-attr, operator]
        elif name == "table-row":
            if state["cells"]:
                line = "\t".join(state["cells"]) + "\n"  # type: ignore[arg-type]
                for _ in range(state["row_repeat"]):  # type: ignore[call-overload]
                    pages.add(line)
        elif name == "table" and state["table"] is not None and "spreadsheet" in stack:
            pages.break_page(str(state["table"]), keep_empty=True)
            state["table"] = None

    def text(data: str) -> None:
        if "table-cell" in stack or "covered-table-cell" in stack:
            if "annotation" not in stack:
                state["cell"].append(data)  # type: ignore[union-attr]

    parse(archive.chunks("content.xml"), start, end, text)


def _close(name: str, stack: list[str], pages: _Pages, *, paragraphs: tuple[str, ...], cell: str, row: str) -> None:
    """The end of a text document's element (Word and OpenDocument name them differently): a paragraph ends
    its line, except inside a table cell, whose paragraphs stay on the cell's row; cells are tab-separated."""
    if name in paragraphs:
        pages.add(" " if cell in stack else "\n")
    elif name == cell:
        pages.add("\t")
    elif name == row:
        pages.add("\n")


def _repeat(value: str) -> int:
    """A repetition count, capped: huge counts of filled cells are a bomb, of empty ones normal."""
    if not value.isdigit() or int(value[:9]) == 0:
        return 1
    return L.MAX_CELL_REPEAT if len(value) > 9 else min(int(value), L.MAX_CELL_REPEAT)


def _attribute(attributes: dict[str, str], name: str) -> str:
    """An attribute by its local name, whatever its namespace."""
    for key, value in attributes.items():
        if local(key) == name:
            return value
    return ""
