"""1. Reading: data files → plain Python values, each with its file, line and column.

YAML loading within limits (size, depth, aliases), German syntax errors, characters and
numbers as editors meant them, which files are data files, and the project's settings.
May import: nothing else of the core (it is the bottom of the pipeline).
"""
