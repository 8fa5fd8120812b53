"""Reading order of the text lines on a PDF page.

pdfium gives the text in the order the page's content stream draws it. Word and LibreOffice draw
in reading order, column after column; some layout programs and report generators draw a
two-column page line across line ("left line 1, right line 1, left line 2 …"), which would glue
the columns together and join "Haushalts-" with a word of the other column. So the lines (pdfium's
text rectangles) are cut into blocks at white space, recursively (the classic X-Y cut): a page
with a column gutter is read column by column, each block top to bottom. A page without such
columns keeps pdfium's order exactly.

A table with long text in its cells is read column by column too; its words all stay on the page,
only phrases across cells are lost. Columns of short entries (numbers, labels) are not split, so
a budget table keeps its rows.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """One line piece of text on the page, in PDF units (y grows upwards)."""

    left: float
    bottom: float
    right: float
    top: float
    index: int  # its place in pdfium's order
    text: str = ""  # filled in only where the order changes


# A gutter between columns is at least this wide (points). Word's default is 1.25 cm (35 pt);
# word spaces are 2-4 pt, so tables with tight columns stay whole.
MIN_GUTTER = 12.0
# A column has at least this many lines, on average this many times as wide as high (about 20
# characters: a letter is about half as wide as the line is high). Labels ("Datum:", "Amt:") and
# numbers in a table are narrower; lines of a text column on an A4 page hold 30-60 characters.
# Measured on the boxes alone, so a page without columns never needs its text cut into boxes.
MIN_COLUMN_LINES = 3
MIN_COLUMN_LINE_SHAPE = 10.0
# A row gap counts as a block boundary when it is this close to the widest one, so a column of
# evenly spaced lines is cut into its lines in one step.
ROW_GAP_SHARE = 0.8
# Pages with more pieces (a dense table, a map with labels) keep pdfium's order: the cuts cost
# time growing with the square of the pieces.
MAX_BOXES = 3000
MAX_DEPTH = 40


def reading_order(boxes: list[Box]) -> list[Box] | None:
    """The boxes in reading order, or None where the page has no columns (pdfium's order stands)."""
    if len(boxes) < 2 * MIN_COLUMN_LINES or len(boxes) > MAX_BOXES:
        return None
    found = [False]
    ordered = _visit(boxes, 0, found)
    return ordered if found[0] else None


def join_lines(boxes: list[Box]) -> str:
    """The boxes' text: a space between pieces of one line, a line break between lines."""
    parts: list[str] = []
    previous: Box | None = None
    for box in boxes:
        if previous is not None:
            parts.append(" " if _same_line(previous, box) else "\n")
        parts.append(box.text.rstrip(" \r\n"))
        previous = box
    return "".join(parts)


def _same_line(first: Box, second: Box) -> bool:
    overlap = min(first.top, second.top) - max(first.bottom, second.bottom)
    height = min(first.top - first.bottom, second.top - second.bottom)
    return second.left >= first.right - 1 and height > 0 and overlap > height / 2


def _visit(group: list[Box], depth: int, found: list[bool]) -> list[Box]:
    if len(group) < 2 or depth > MAX_DEPTH:
        return sorted(group, key=lambda box: box.index)
    columns = _column_split(group)
    if columns:
        found[0] = True
        return [box for column in columns for box in _visit(column, depth + 1, found)]
    bands = _row_split(group)
    if bands is None:
        return sorted(group, key=lambda box: box.index)
    return [box for band in bands for box in _visit(band, depth + 1, found)]


def _gaps(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The empty stretches between the merged intervals, as (start, end)."""
    gaps = []
    intervals = sorted(intervals)
    reach = intervals[0][1]
    for start, end in intervals[1:]:
        if start > reach:
            gaps.append((reach, start))
        reach = max(reach, end)
    return gaps


def _column_split(group: list[Box]) -> list[list[Box]] | None:
    gaps = [gap for gap in _gaps([(box.left, box.right) for box in group]) if gap[1] - gap[0] >= MIN_GUTTER]
    if not gaps:
        return None
    # All gutters at once (three columns), else only the widest one.
    for chosen in (gaps, [max(gaps, key=lambda gap: gap[1] - gap[0])]):
        cuts = [(start + end) / 2 for start, end in chosen]
        parts: list[list[Box]] = [[] for _ in range(len(cuts) + 1)]
        for box in group:
            parts[sum(1 for cut in cuts if box.left > cut)].append(box)
        if all(_is_text_column(part) for part in parts):
            return parts
    return None


def _is_text_column(part: list[Box]) -> bool:
    if len(part) < MIN_COLUMN_LINES:
        return False
    shape = sum((box.right - box.left) / max(box.top - box.bottom, 1.0) for box in part) / len(part)
    return shape >= MIN_COLUMN_LINE_SHAPE


def _row_split(group: list[Box]) -> list[list[Box]] | None:
    gaps = _gaps([(-box.top, -box.bottom) for box in group])  # top of the page first
    if not gaps:
        return None
    widest = max(end - start for start, end in gaps)
    cuts = [(start + end) / 2 for start, end in gaps if end - start >= widest * ROW_GAP_SHARE]
    bands: list[list[Box]] = [[] for _ in range(len(cuts) + 1)]
    for box in group:
        middle = -(box.top + box.bottom) / 2
        bands[sum(1 for cut in cuts if middle > cut)].append(box)
    return [band for band in bands if band]
