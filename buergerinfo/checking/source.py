"""An archive kept in memory while files change: the preview of `make serve` re-reads only what was edited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from buergerinfo.checking.archive import _Loader, settings_of
from buergerinfo.model.structure import PAPERS_DIR, Archive
from buergerinfo.reading.problems import DataInvalid
from buergerinfo.reading.settings import Settings


class ArchiveSource:
    """An archive that stays loaded while files change: a preview re-reads only what was edited.

    An edited Vorlage is read and checked on its own, then every check across files runs
    again; a change to any other data file (Körperschaft, Dossier, Themen, Sitzungen,
    Weiterleitungen), on which the Vorlagen' own checks depend, reads everything again.
    `load` and `reload` raise DataInvalid exactly as load_archive does.
    """

    def __init__(self, root: Path, settings: Settings | None = None, today: dt.date | None = None) -> None:
        self.root = Path(root)
        self.settings = settings
        self.today = today
        self._loader: _Loader | None = None

    def load(self) -> Archive:
        self._loader = _Loader(self.root, settings_of(self.root, self.settings), self.today or dt.date.today())
        try:
            return self._loader.load()
        except DataInvalid:
            if not self._loader.paper_results:
                self._loader = None  # stopped before the Vorlagen: nothing to build on
            raise

    def reload(self, changed: list[Path]) -> Archive:
        loader = self._loader
        resolved = [Path(path).resolve() for path in changed]
        trees = [(self.root / "data" / PAPERS_DIR).resolve()]
        if loader is not None and loader.settings.confidential_dir is not None:
            trees.append((loader.settings.confidential_dir / PAPERS_DIR).resolve())
        if loader is None or not all(any(p.is_relative_to(tree) for tree in trees) for p in resolved):
            return self.load()
        # Back to the loader's own spelling of the paths (its root and folders as given, not resolved).
        return loader.reload_papers([_as_loaded(path, loader) for path in resolved])


def _as_loaded(path: Path, loader: _Loader) -> Path:
    for base in (loader.root, loader.settings.confidential_dir):
        if base is not None and path.is_relative_to(Path(base).resolve()):
            return Path(base) / path.relative_to(Path(base).resolve())
    return path
