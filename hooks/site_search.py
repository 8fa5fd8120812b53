"""Full-text search: the site's searchable pages as documents for buergerinfo.search, indexed beside MkDocs.

Material's built-in search ships one index that every visitor downloads whole and
never stems German. buergerinfo.search writes a sharded index the browser fetches
piece by piece (overrides/assets/javascripts/suche/ reads it).

When MkDocs starts writing pages, the documents are taken from the public view the site
already holds (the text from the data objects, never from rendered HTML) and written as
JSON lines to a scratch file; this file, run as a command in a child process, indexes
them on the second core while the main process renders, and is awaited after the last
page. The child reads the documents one by one and never loads the archive itself, so
the two processes together hold the archive once.

    python hooks/site_search.py --documents DOCUMENTS.jsonl --out SITE_DIR/suche-index
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

HOOKS = Path(__file__).resolve().parent
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))

from site_anlagen import AnlagenJobs, AnlagenStatus, read_anlagen, read_pages, sources_of  # noqa: E402
from site_pages import Addresses, PageSpec, SitePlan  # noqa: E402
from site_people import people_texts  # noqa: E402

from buergerinfo.model.paper import Paper  # noqa: E402
from buergerinfo.search.documents import Document, document_order, dump_document, load_document  # noqa: E402
from buergerinfo.search.index import build_search_index  # noqa: E402
from buergerinfo.views.views import Views, paper_date, sort_date  # noqa: E402

log = logging.getLogger("mkdocs.hooks.buergerinfo")
INDEX_FOLDER = "suche-index"
# BUERGERINFO_ANLAGEN_TEXT=0: the build reads no Anlagen (to compare builds, or while the cache is cold).
ANLAGEN_VARIABLE = "BUERGERINFO_ANLAGEN_TEXT"
INDEX_TIMEOUT_SECONDS = 3600
# The facet groups of the search page, in this order after Typ.
FACET_ORDER = ("Körperschaft", "Gremium", "Fraktion", "Jahr", "Art", "Status", "eingereicht von")
# Among results of equal relevance: what a citizen most likely looks for first.
# A name searched finds the person's page first, then what they submitted.
KIND_ORDER = ("Person", "Fraktion", "Gruppe", "Partei", "Vorlage", "Dossier", "Thema", "Körperschaft", "Gremium", "Sitzung", "Anlage")


def documents(plan: SitePlan, anlagen: AnlagenJobs | None = None) -> Iterator[Document]:
    """One document per searchable page (the pages whose PageSpec has search filters).

    With `anlagen`, the readable Anlagen of each public Vorlage and the documents of each dossier are
    added to it on the way.
    """
    for spec in plan.content_pages():
        if spec.search_filters is not None:
            document = _document(spec, plan.views, plan.addresses)
            if anlagen is not None:
                for relative, source in _files_of(spec, document, plan):
                    anlagen.add(relative, source)
            yield document


def _files_of(spec: PageSpec, document: Document, plan: SitePlan) -> Iterator:
    archive, addresses = plan.views.archive, plan.addresses
    if "record" in spec.context:
        yield from sources_of(spec.context["record"].paper.auxiliary_files, document, archive, addresses)
    elif "dossier_record" in spec.context:
        files = spec.context["dossier_record"].dossier.documents
        yield from sources_of(files, document, archive, addresses, parent_kind="Dossier")


def _document(spec: PageSpec, views: Views, addresses: Addresses) -> Document:
    url = addresses.src_to_url(spec.src_uri)
    context = spec.context
    kind = spec.search_filters["Typ"][0]
    facets = {name: values for name, values in spec.search_filters.items() if name != "Typ"}
    document = Document(id=spec.src_uri, url=url, title=spec.title, kind=kind, facets=facets)
    meta = [kind, *[value for values in facets.values() for value in values]]
    if "record" in context:
        record = context["record"]
        paper = record.paper
        status = views.status(record).badge
        document.title = paper.name
        document.number = paper.reference
        document.date = sort_date(record)
        document.shown_date = paper_date(record)
        document.status = status.label
        document.badge = status.colour
        people, facts = _people(paper)
        body = [paper.reasoning, paper.remarks]
        for consultation in paper.consultations:
            # The public view has already reduced a nicht öffentliche Beratung to Gremium and date.
            body += [consultation.meeting_name, consultation.result, consultation.note, consultation.role]
        if paper.financial_effects:
            effects = paper.financial_effects
            body += [effects.explanation, effects.total_cost, effects.yearly_cost, effects.budget_account]
        if paper.staffing_effects:
            body.append(paper.staffing_effects.explanation)
        body += [attachment.name for attachment in paper.auxiliary_files]
        body += list(paper.related_papers)
        body += [d.dossier.title for d in views.dossiers_of_paper(record)]
        # The council system's own result words (public Beratungen only: public_view dropped the others'),
        # so „mehrheitlich zugestimmt“ finds the Vorlage whether or not it maps to a result word.
        wordings = [c.result_wording for c in paper.consultations if c.public and c.result_wording]
        document.texts = {"title": [paper.name], "meta": [paper.paper_type, *meta, *people, *wordings],
                          "proposal": [paper.resolution_proposal], "body": body}
        document.excerpt = [paper.resolution_proposal, paper.reasoning, paper.remarks]
        document.facts = facts
    elif "meeting" in context:
        meeting = context["meeting"]
        document.date = document.shown_date = meeting.date
        body = []
        agenda = []
        if meeting.public is not False:
            body.append(meeting.title)
            if meeting.facts:
                body += [meeting.facts.location, meeting.facts.note]
                document.excerpt.append(meeting.facts.note)
            for entry in meeting.public_entries:
                body += [entry.paper.paper.reference, entry.paper.paper.name, entry.consultation.result]
                agenda.append(" – ".join(filter(None, [entry.paper.paper.reference, entry.paper.paper.name,
                                                       entry.consultation.result])))
        # As the Sitzung page says: which public Vorlagen were beraten in private, and nothing more.
        for entry in meeting.closed_entries:
            body += [entry.paper.paper.reference, entry.paper.paper.name]
            agenda.append(" – ".join(filter(None, [entry.paper.paper.reference, entry.paper.paper.name,
                                                   "nicht öffentlich beraten"])))
        document.texts = {"title": [spec.title], "meta": meta, "body": body}
        document.facts = agenda
    elif "dossier_record" in context:
        dossier = context["dossier_record"].dossier
        body = [dossier.summary, dossier.occasion, dossier.fields_of_action_note]
        body += [*dossier.goals, *dossier.process_steps]
        for group in dossier.participants:
            body += [group.name, *group.members]
        body += [f"{figure.label} {figure.value}" for figure in dossier.key_figures]
        for milestone in dossier.milestones:
            body += [milestone.title, milestone.text, milestone.paper]
        for action in dossier.fields_of_action:
            body += [action.name, action.description]
        for measure in dossier.measures:
            body += [measure.title, measure.description, measure.field_of_action, measure.owner, measure.paper]
        body += [d.name for d in dossier.documents] + [d.description for d in dossier.documents]
        document.texts = {"title": [dossier.title], "meta": meta, "body": body}
        document.excerpt = [dossier.summary, dossier.occasion, *(m.text for m in dossier.milestones)]
    elif "person" in context or "group" in context:
        document.texts, document.excerpt = people_texts(context, meta)
    elif "organization" in context:
        organization = context["organization"]
        body = [organization.description, organization.classification, organization.short_name,
                organization.legislative_term]
        document.texts = {"title": [organization.name], "meta": meta, "body": body}
        document.excerpt = [organization.description]
    elif "topic" in context:
        topic = context["topic"]
        body = [topic.description] + [d.dossier.title for d in views.dossiers_of_topic(topic.id)]
        document.texts = {"title": [topic.title], "meta": meta, "body": body}
        document.excerpt = [topic.description]
    elif "body" in context:
        body_record = context["body"]
        body = [body_record.body.description, body_record.body.short_name, body_record.body.classification]
        body += [o.name for o in body_record.body.organizations]
        document.texts = {"title": [body_record.body.name], "meta": meta, "body": body}
        document.excerpt = [body_record.body.description]
    document.texts = {name: [t for t in texts if t] for name, texts in document.texts.items()}
    document.excerpt = [text for text in document.excerpt if text]
    return document


def _people(paper: Paper) -> tuple[list[str], list[str]]:
    """Who a Vorlage names: the names to index, and short lines to show when a name was searched."""
    people = [paper.under_direction_of, paper.clerk, paper.file_number]
    people += [text for person in paper.originators for text in (person.name, person.role)]
    if paper.signature:
        people += [paper.signature.name, paper.signature.place]
    facts = []
    if paper.originators:
        names = "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in paper.originators)
        facts.append(f"Einreicher: {names}")
    if paper.under_direction_of:
        facts.append(f"Federführend: {paper.under_direction_of}")
    if paper.clerk:
        facts.append(f"Bearbeiter/in: {paper.clerk}")
    if paper.signature:
        signature = paper.signature
        where = ", ".join(filter(None, [signature.place, signature.date and signature.date.strftime("%d.%m.%Y")]))
        facts.append(f"Unterzeichnung: {' '.join(filter(None, [signature.mark, signature.name]))}"
                     + (f" ({where})" if where else ""))
    if paper.file_number:
        facts.append(f"Aktenzeichen: {paper.file_number}")
    return [text for text in people if text], facts


class BackgroundIndex:
    """The index command in a child process, so the index is built while MkDocs writes the pages.

    With `anlagen` (a cache folder) the child also reads the public Anlagen first (site_anlagen.py);
    `status` then tells the Vorlage pages which Anlagen are scans without text.
    """

    def __init__(self, plan: SitePlan, out: Path, anlagen: Path | None = None) -> None:
        handle, name = tempfile.mkstemp(prefix="buergerinfo-suche-", suffix=".jsonl")
        self._documents = Path(name)
        self._log = tempfile.TemporaryFile()
        self._process: subprocess.Popen[bytes] | None = None
        self._stopped = False
        wanted = anlagen is not None and os.environ.get(ANLAGEN_VARIABLE) != "0"
        self.jobs = AnlagenJobs(anlagen) if wanted else None
        self.status: AnlagenStatus | None = None
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            for document in document_order(documents(plan, self.jobs)):
                file.write(dump_document(document) + "\n")
        command = [sys.executable, str(Path(__file__).resolve()), "--documents", name, "--out", str(out)]
        if self.jobs is None:
            self._process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)
            return
        self.jobs.close()
        # The child closes its end of this pipe when the status is written; pages wait for that.
        read_end, write_end = os.pipe()
        try:
            command += ["--site", str(out.parent), *self.jobs.arguments(write_end)]
            self._process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, pass_fds=(write_end,))
        except BaseException:
            os.close(read_end)
            raise
        finally:
            os.close(write_end)
        self.status = AnlagenStatus(read_end, self.jobs.status_path, self._process.pid)

    def finish(self) -> str | None:
        """None when the index is complete, else what went wrong (in German)."""
        assert self._process is not None
        try:
            code = self._process.wait(timeout=INDEX_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.discard()
            return "Suchindex: nicht rechtzeitig fertig geworden"
        if self._stopped:
            self.discard()
            return "Suchindex: abgebrochen"
        if code != 0:
            self._log.seek(0)
            problem = "Suchindex konnte nicht erstellt werden:\n" + self._log.read().decode("utf-8", "replace")
            self.discard()
            return problem
        if self.jobs is not None:
            # Printed, not logged as warnings: a bad Anlage must never fail `mkdocs build --strict`.
            for warning in self.jobs.warnings():
                print(f"HINWEIS Anlage {warning}")
            figures = self.jobs.figures()
            if figures:
                log.info(figures)
        self.discard()
        return None

    def stop(self) -> None:
        """End the child now and remove its documents (from another thread: its finish() then says so)."""
        self._stopped = True
        self._end_child()

    def discard(self) -> None:
        self._end_child()
        self._log.close()
        if self.status is not None:
            # The child has ended (or was ended just now), so this never waits. The status stays known
            # after its file is gone: the preview renders pages long after its first build.
            self.status.load()
        if self.jobs is not None:
            self.jobs.discard()

    def _end_child(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._documents.unlink(missing_ok=True)


def _read(path: Path) -> Iterator[Document]:
    with path.open(encoding="utf-8") as file:
        for line in file:
            yield load_document(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Suchindex aus Suchdokumenten (JSON-Zeilen) schreiben")
    parser.add_argument("--documents", type=Path, required=True, help="JSON-Zeilen, in der Reihenfolge der Dokumente")
    parser.add_argument("--out", type=Path, required=True, help="Zielordner, z. B. site/suche-index")
    parser.add_argument("--site", type=Path, help="der Site-Ordner (für den Text der Anlagen)")
    parser.add_argument("--anlagen", type=Path, help="die zu lesenden Anlagen (JSON-Zeilen, site_anlagen.py)")
    parser.add_argument("--anlagen-cache", type=Path)
    parser.add_argument("--anlagen-status", type=Path)
    parser.add_argument("--anlagen-hinweise", type=Path)
    parser.add_argument("--anlagen-seiten", type=Path)
    parser.add_argument("--anlagen-zahlen", type=Path)
    parser.add_argument("--anlagen-signal", type=int)
    args = parser.parse_args(argv)
    stream: Iterator[Document] = _read(args.documents)
    if args.anlagen:
        # The parent removes these files (AnlagenJobs.discard), also after killing this process.
        read_anlagen(args.anlagen, args.site, args.anlagen_cache, args.anlagen_status, args.anlagen_hinweise,
                     args.anlagen_seiten, args.anlagen_signal, args.anlagen_zahlen)
        # The pages of the Anlagen after every other document: see buergerinfo.search.attachments.
        stream = itertools.chain(stream, read_pages(args.anlagen_seiten))
    build_search_index(stream, args.out, ordered=True, facet_order=FACET_ORDER, kind_order=KIND_ORDER)
    return 0


if __name__ == "__main__":
    sys.exit(main())
