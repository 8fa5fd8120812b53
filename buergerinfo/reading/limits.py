"""Limits that keep every data file within bounded memory and time.

A data file comes from an editor, an import or a pull request; whatever it holds,
the check and the build must answer within seconds with a German message. Each
limit is far above what a real council paper needs (noted beside it) and is
checked before the expensive step it protects: the file size before the file is
read, the nesting depth and the number of values while the node tree is composed,
the length of a text before it is converted.
"""

from __future__ import annotations

# A file's size in bytes, checked before it is read. The longest Vorlage of the
# sample data has 9 KB; a synthetic Sitzungen file of a large city about 500 KB.
MAX_FILE_BYTES = 4 * 1024 * 1024

# Characters in one text value. About 500 printed pages: a Sachverhalt is rarely above 50,000.
MAX_TEXT_CHARS = 1_000_000

# Lists and mappings inside each other. The data files need at most 5
# (beratungsfolge → entry → abstimmung → ja); libyaml and Python recurse per level.
MAX_DEPTH = 20

# Values in one file, counting a YAML alias (`*name`) as the values it repeats.
# This is what stops an "alias bomb", whose few lines stand for billions of values.
MAX_VALUES = 250_000

# YAML aliases (`*name`) in one file. Data files rarely need one.
MAX_ALIASES = 100

# Lists and quotes (`- `, `1. `, `>`) opened at the start of one line of a Markdown text. The Markdown
# parser recurses per level (50,000 crash the interpreter) and the HTML sanitizer takes quadratic time
# (20,000: 18 s). Real texts nest 3 or 4. Nesting by indentation alone is bounded by MAX_TEXT_CHARS.
MAX_MARKDOWN_NESTING = 16

# Characters of a value YAML reads as a number or a yes/no. Longer "numbers" are
# typos or attacks: Python refuses integers of more than 4,300 digits with an exception,
# and YAML 1.1's base-60 numbers (`1:30:00`) cost quadratic time.
MAX_NUMBER_CHARS = 40

# Characters of a Körperschaft's number format (`nummernformat`), a regular expression.
MAX_PATTERN_CHARS = 200

# Characters of a result as a council system wrote it (`ergebnis_wortlaut`). Real wordings are a few
# words („einstimmig, 0 Enthaltungen“), rarely a sentence of 200; a longer one is a protocol excerpt
# that the Vorlage page would show in a table cell, and belongs in the Anlagen.
MAX_RESULT_WORDING_CHARS = 1_000

# Sitzungen of one Gremium on one day (`sitzung_am_tag`). Real councils hold two (a regular and a special
# meeting, or a morning and an afternoon part); the number becomes part of a page address.
MAX_MEETINGS_PER_DAY = 9

# Characters of a key that becomes part of a page address (a Gremium, a Vorlagenart, a Beschlussart).
# File systems refuse path components longer than 255 bytes.
MAX_KEY_CHARS = 80

# Years of a date. Councils as they are today were (re)constituted from 1946 on; an
# earlier or later year is a typo (0219 for 2019) that would otherwise sort a Vorlage
# to the end of every list. Fixed years, so the JSON Schema says the same as the check.
EARLIEST_YEAR = 1946
LATEST_YEAR = 2099

# A date more than this many years after today is reported as a warning (2091 for 2019):
# planned Sitzungen are rarely set more than a term ahead.
FUTURE_WARNING_YEARS = 5
