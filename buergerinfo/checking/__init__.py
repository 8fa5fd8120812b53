"""3. Checking: every data file read and validated by the model, then the checks across files.

`archive.load_archive` is the one entry: it returns the Archive (model.structure) or raises
DataInvalid with every problem as a German message (file:line:column, field, what was expected).
May import: reading, model, parallel.
"""
