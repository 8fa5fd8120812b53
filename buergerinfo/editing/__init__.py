"""Editor commands beside the pipeline: `neu`, `ergebnis`, `umbenennen`, `anlage`, and byte-exact text edits.

Each command plans a change, writes it and runs the full check (checking) before it keeps it.
The command line (`buergerinfo.cli`) parses arguments and calls them; nothing here imports it.
May import: reading, model, checking.
"""
