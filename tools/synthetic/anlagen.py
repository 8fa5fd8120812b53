"""Real PDF Anlagen for a synthetic archive, made at benchmark time with reportlab (a dev dependency).

`add_pdf_anlagen(project, per_paper)` gives every Vorlage of `project/data/vorlagen/` `per_paper`
born-digital PDFs of one to four A4 pages under `data/anlagen/<körperschaft>/`, entered in its
`anlagen` after the entries it has. The text is German council prose built from the Vorlage's own
Betreff and Sachverhalt and the generator's word lists, different in every file (the extraction
cache keys by content, so identical files would be read once and flatter the figures). Files are
written by two processes; nothing is committed.
"""

from __future__ import annotations

import os
import random
import textwrap
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import yaml

from synthetic import ACTIVITIES, ADVERBS, ATTACHMENT_TITLES, DOCUMENTS, PROGRAMS, STAKEHOLDERS, dump_yaml

LINES_PER_PAGE = 46
LINE_CHARS = 92
MAX_PAGES = 4


def add_pdf_anlagen(project: Path, per_paper: int, seed: int = 1, processes: int = 2) -> dict[str, Any]:
    """Write the PDFs and enter them; returns {"files": n, "pages": n, "bytes": n}."""
    papers = sorted((Path(project) / "data" / "vorlagen").rglob("*.yml"))
    jobs = [(str(path), str(project), per_paper, seed) for path in papers]
    if processes > 1 and len(jobs) > 50:
        with get_context("fork").Pool(processes) as pool:
            results = pool.map(_one_paper, jobs, chunksize=32)
    else:
        results = [_one_paper(job) for job in jobs]
    return {
        "files": sum(r[0] for r in results),
        "pages": sum(r[1] for r in results),
        "bytes": sum(r[2] for r in results),
    }


def _one_paper(job: tuple[str, str, int, int]) -> tuple[int, int, int]:
    path_text, project_text, per_paper, seed = job
    path, project = Path(path_text), Path(project_text)
    text = path.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    data = yaml.safe_load(text)
    rng = random.Random(f"{seed}-{path.stem}-{path.parent.name}")
    body_id = data["koerperschaft"]
    folder = project / "data" / "anlagen" / body_id
    folder.mkdir(parents=True, exist_ok=True)
    entries = list(data.get("anlagen") or [])
    files = pages = size = 0
    for number in range(1, per_paper + 1):
        name = f"{path.stem}-anlage-{number}.pdf"
        title = f"Anlage {len(entries) + 1} – {rng.choice(ATTACHMENT_TITLES)}"
        page_count = rng.randint(1, MAX_PAGES)
        _write_pdf(folder / name, title, _pages(rng, data, title, page_count))
        entries.append({"titel": title, "datei": f"{body_id}/{name}"})
        files += 1
        pages += page_count
        size += (folder / name).stat().st_size
    data["anlagen"] = entries
    path.write_text(header + dump_yaml(data), encoding="utf-8")
    return files, pages, size


def _pages(rng: random.Random, data: dict, title: str, count: int) -> list[list[str]]:
    """Lines of text per page: the Vorlage's words in new sentences, so a search finds them in the Anlage."""
    words = [w.strip(".,;:()„“") for w in f"{data.get('betreff', '')} {data.get('sachverhalt', '')}".split()]
    nouns = [w for w in words if len(w) > 6 and w[:1].isupper()] or ["Verwaltung"]
    pages = []
    for page in range(1, count + 1):
        sentences = [f"{title} zur Vorlage {data.get('nummer') or data.get('betreff', '')}, Seite {page}."]
        while sum(len(s) + 1 for s in sentences) < LINES_PER_PAGE * LINE_CHARS * 0.9:
            sentences.append(
                f"{rng.choice(ADVERBS)} wurde für den Bereich {rng.choice(nouns)} {rng.choice(ACTIVITIES)} "
                f"durchgeführt; {rng.choice(STAKEHOLDERS)} haben sich mit {rng.choice(DOCUMENTS)} beteiligt, "
                f"die Finanzierung erfolgt aus {rng.choice(PROGRAMS)} (Kennziffer {rng.randint(1000, 99999)})."
            )
        lines = textwrap.wrap(" ".join(sentences), LINE_CHARS)[:LINES_PER_PAGE]
        pages.append(lines)
    return pages


def _write_pdf(path: Path, title: str, pages: list[list[str]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    sheet = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)
    sheet.setTitle(title)
    height = A4[1]
    for lines in pages:
        sheet.setFont("Helvetica", 9.5)
        for number, line in enumerate(lines):
            sheet.drawString(56, height - 56 - number * 15.5, line)
        sheet.showPage()
    sheet.save()


if __name__ == "__main__":  # a quick look: python tools/synthetic/anlagen.py PROJECT N
    import sys

    print(add_pdf_anlagen(Path(sys.argv[1]), int(sys.argv[2]), processes=os.cpu_count() or 1))
