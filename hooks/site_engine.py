"""Which engine builds the site: MkDocs 1.6, or ProperDocs, its maintained fork, where MkDocs is not installed.

The hooks and Material import `mkdocs…`. The `properdocs` command answers those imports itself; a
script run with plain Python (`make site`, `make serve`) has to ask for it, by importing ProperDocs'
`replacement` module before the first `import mkdocs`. The entry scripts import this module first.
"""

from __future__ import annotations

import importlib.util

ENGINE = "mkdocs"
if importlib.util.find_spec("mkdocs") is None and importlib.util.find_spec("properdocs") is not None:
    import properdocs.replacement  # noqa: F401  (from here on, `import mkdocs.x` gives `properdocs.x`)

    ENGINE = "properdocs"
