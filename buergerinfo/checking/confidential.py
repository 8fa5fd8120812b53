"""Confidential records: what may stand where.

Two places hold Vorlagen:

- the public tree `data/`, in the repository that every page links to
  ("Datei ansehen", "Änderungsverlauf") and that is often public on GitHub or GitLab;
- the folder of nicht öffentliche Vorlagen (settings.Settings.confidential_dir), a
  separate private repository with the same layout (`vorlagen/<körperschaft>/…`,
  `anlagen/…`) that CI checks out next to the public one.

When the data repository is public, the public tree must hold nothing confidential:
no Vorlage marked `oeffentlich: false`, and of a nicht öffentliche Beratung only the
facts the site shows (Gremium, date, which Sitzung of that day, role and that it was
not public) — its result,
the council system's words for it (`ergebnis_wortlaut`) and whether it was derived
(`ergebnis_abgeleitet`), votes, TOP, meeting name and note never. The same holds for a nicht öffentliche
Sitzung in `data/sitzungen/`. The confidential folder in turn holds only Vorlagen
marked `oeffentlich: false`: a public Vorlage there would be published from a file
nobody can open.

The build reads both; `views.public_view` keeps everything confidential off the site.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from buergerinfo.reading.problems import DataProblem
from buergerinfo.reading.yamldocument import Path_, YamlDocument

# What the site shows of a nicht öffentliche Beratung or Sitzung (views._redacted, views._redacted_facts);
# every other field of it is confidential, including fields the model gains later.
# `sitzung_am_tag` names which Sitzung of the day it was, as the date does: no detail of its content.
PUBLIC_FACTS_OF_A_CONSULTATION = ("gremium", "datum", "sitzung_am_tag", "rolle", "oeffentlich")
PUBLIC_FACTS_OF_A_MEETING = ("gremium", "datum", "sitzung_am_tag", "oeffentlich")

GUIDE = "siehe die Seite „Mitmachen“, Abschnitt „Nicht öffentliche Vorlagen“"


def public_tree_problems(document: YamlDocument, kind: str, confidential_label: str) -> Iterator[tuple[Path_, str]]:
    """(path, message) for confidential content in a file of the public tree of a public repository.

    `kind` is 'vorlage' or 'sitzungen'; the document has passed its model's validation.
    """
    data: dict[str, Any] = document.data
    if kind == "vorlage":
        if data.get("oeffentlich") is False:
            body = data.get("koerperschaft", "<körperschaft>")
            yield ("oeffentlich",), (
                "eine nicht öffentliche Vorlage darf nicht im öffentlichen Repository stehen: alles in data/ ist "
                f"für jeden lesbar, auch über „Datei ansehen“ und den Änderungsverlauf – bitte die Datei (und ihre "
                f"Anlagen) nach {confidential_label}/vorlagen/{body}/ verschieben ({GUIDE})"
            )
            return
        yield from _details(data.get("beratungsfolge"), "beratungsfolge", PUBLIC_FACTS_OF_A_CONSULTATION, "Beratung")
    elif kind == "sitzungen":
        yield from _details(data.get("sitzungen"), "sitzungen", PUBLIC_FACTS_OF_A_MEETING, "Sitzung")


def _details(entries: Any, list_key: str, allowed: tuple[str, ...], what: str) -> Iterator[tuple[Path_, str]]:
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or entry.get("oeffentlich") is not False:
            continue
        for key in entry:
            if key not in allowed:
                yield (list_key, index, key), (
                    f"Einzelheiten einer nicht öffentlichen {what} gehören nicht in das öffentliche Repository "
                    f"(alles in data/ ist für jeden lesbar); hier stehen nur {', '.join(allowed[:-1])} und "
                    f"oeffentlich: false – bitte „{key}“ entfernen"
                )


def confidential_tree_problem(document: YamlDocument, public_label: str) -> tuple[Path_, str] | None:
    """A Vorlage in the confidential folder that is not marked `oeffentlich: false`, or None."""
    data: dict[str, Any] = document.data
    if data.get("oeffentlich") is False:
        return None
    path: Path_ = ("oeffentlich",) if "oeffentlich" in data else ()
    body = data.get("koerperschaft", "<körperschaft>")
    return path, (
        "im Ordner für nicht öffentliche Vorlagen steht nur, was nicht veröffentlicht wird: bitte "
        f"„oeffentlich: false“ eintragen – oder, wenn die Vorlage öffentlich ist, die Datei nach "
        f"{public_label}/vorlagen/{body}/ verschieben"
    )


def missing_folder_warning(label: str) -> DataProblem:
    """The folder is declared (mkdocs.yml) but not here: an editor without access to the private repository."""
    return DataProblem(
        label,
        1,
        1,
        "",
        "der Ordner mit den nicht öffentlichen Vorlagen (mkdocs.yml: extra.buergerinfo.nicht_oeffentlich) liegt "
        "hier nicht vor; Bezüge auf Vorlagen-Nummern, die in data/ fehlen, werden deshalb nur als Warnung gemeldet",
        "Warnung",
    )
