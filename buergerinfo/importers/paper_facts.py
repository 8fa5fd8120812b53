"""What a Vorlage needs beyond its Paper, gathered from the run: the one step of a Paper that looks things up.

For each Consultation its AgendaItem, Meeting and Gremium (from the run's index, else fetched);
the names of the originators and of the Organizations under whose direction it is; the numbers
of the related Vorlagen (from the state: which Paper became which number); the downloaded
Anlagen. All of it goes into one `mapping.PaperFacts`, with what the report is to count.
"""

from __future__ import annotations

from typing import Any

from buergerinfo.importers.downloads import AttachmentDownloads
from buergerinfo.importers.mapping import ConsultationFacts, PaperFacts, closed_doors
from buergerinfo.importers.notes import Notes
from buergerinfo.importers.paper_names import stem_of
from buergerinfo.importers.quirks import VENDOR
from buergerinfo.importers.run_context import RunContext


class PaperFactFinder:
    def __init__(self, run: RunContext) -> None:
        self.run = run
        self.downloads = AttachmentDownloads(run)
        self.done_consultations: set[str] = set()  # seen in a Paper of this run
        self.people = run.state.people_keys  # the Personen file is written before the first Paper

    def gather(self, paper: dict[str, Any], reference: str | None, relative: str, hints: list[str], notes: Notes,
               final: bool) -> PaperFacts:
        """The facts of a Paper whose number and file are chosen; `final`: the last time for this Paper in this run."""
        run, paper_id = self.run, paper["id"]
        facts = PaperFacts(reference, relative, hints, files=paper_files(paper), notes=notes, people=self.people)
        for index, consultation in enumerate(paper["consultation"]):
            found = self.consultation(consultation, consultation.get("id") or f"{paper_id}#{index}", notes)
            if found is not None:
                facts.consultations.append(found)
        # Decided before anything is downloaded: the Anlagen of a nicht öffentliche Vorlage never go to data/anlagen/.
        said = paper[VENDOR]["oeffentlich"]  # another Bürgerinfo says it outright
        facts.confidential = said is False or (said is None and closed_doors(facts.consultations))
        facts.related, unresolved = self.related(paper, facts.reference, final, notes)
        if unresolved and not final:
            run.state.record({"offen": paper_id})
        if not paper[VENDOR]["felder"].get("einreicher"):  # the exporting Bürgerinfo's own list wins
            facts.originators = self.originators(paper)
        facts.under_direction_of = [n for n in map(run.lookups.organization_name, paper["underDirectionOf"]) if n]
        if run.options.files and facts.confidential:
            notes.note("Anlagen nicht öffentlicher Vorlagen (nicht geladen, nur ihre Adresse übernommen)", paper_id)
        elif run.options.files:
            used: set[str | None] = set()
            for index, file in facts.files:
                local = self.downloads.download(file, stem_of(facts.relative), used, notes)
                if not isinstance(local, dict):  # a file of the Anlagen-Ablage takes no name in data/anlagen/
                    used.add(local)
                if local is not None:
                    facts.downloads[index] = local
        return facts

    def consultation(self, consultation: dict[str, Any], key: str, notes: Notes) -> ConsultationFacts | None:
        lookups = self.run.lookups
        if consultation.get("deleted"):
            return None
        if consultation.get("id"):
            self.done_consultations.add(consultation["id"])
        agenda = lookups.agenda_of(consultation)
        meeting = lookups.meeting(consultation.get("meeting") or (agenda.meeting if agenda else None))
        if meeting is None or meeting.date is None:
            notes.note("Beratungen ohne erreichbare Sitzung oder ohne Datum (nicht übernommen)", key)
            return None
        organizations = consultation["organization"] or list(meeting.organizations)
        # The Consultation's Gremium, else its Meeting's: some servers name an Organization that answers 404.
        candidates = dict.fromkeys([*organizations, *meeting.organizations])
        organization = next((k for k in map(lookups.organization_key, candidates) if k), None)
        if organization is None:
            notes.note("Beratungen ohne erreichbares Gremium (nicht übernommen)", key)
            return None
        if len(organizations) > 1:
            notes.note("Beratungen mehrerer Gremien (dem ersten zugeordnet)", key)
        extras = consultation[VENDOR]
        if extras is not None:  # another Bürgerinfo's word
            day = extras["sitzung_am_tag"] or 1
        else:
            day = lookups.meeting_of_day(meeting, organization)
        return ConsultationFacts(consultation, key, meeting, agenda, organization, day, self.people)

    def originators(self, paper: dict[str, Any]) -> list[dict[str, Any]]:
        """Einreicher from originatorPerson and originatorOrganization: by name, and by key where the Person or
        Fraktion is in the Personen file this run wrote (the Vorlage then links their page)."""
        state, entries = self.run.state, {}
        for url in paper["originatorPerson"]:
            person = self.run.source.get(url, "Person")
            if person:
                name = person.get("name") or " ".join(
                    p for p in (person.get("givenName"), person.get("familyName")) if p
                )
                if name:
                    known = state.persons.get(url)
                    entries.setdefault(name, {"name": name, "person": known[0] if known else None})
        for url in paper["originatorOrganization"]:
            name = self.run.lookups.organization_name(url)
            if name:
                known = state.groups.get(url)
                entries.setdefault(name, {"name": name, "fraktion": known[0] if known else None})
        # Named by key, the Vorlage shows the name the Personen file gives (the server's may carry "Frau", "Herr").
        return [{"person": e["person"]} if e.get("person") else {"fraktion": e["fraktion"]} if e.get("fraktion")
                else {"name": e["name"]} for e in entries.values()]

    def related(self, paper: dict[str, Any], own: str | None, final: bool, notes: Notes) -> tuple[list[str], bool]:
        """Numbers of the related Vorlagen, and whether some are not known yet (they may come later in the list)."""
        numbers, unresolved = [], False
        urls = [*paper["relatedPaper"], *paper["superordinatedPaper"], *paper["subordinatedPaper"]]
        for url in dict.fromkeys(urls):
            known = self.run.state.papers.get(url)
            if known is None:
                unresolved = True
                if final:
                    label = "Bezüge auf Vorlagen, die der Server nicht liefert (weggelassen)"
                    notes.note(label, f"{paper['id']} {url}")
                continue
            if known[1] is None:
                notes.note("Bezüge auf Vorlagen ohne Nummer (weggelassen)", f"{paper['id']} {url}")
            elif known[1] != own and known[1] not in numbers:
                numbers.append(known[1])
        return numbers, unresolved


def paper_files(paper: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """The Paper's Files with their index (main file first), without deleted and repeated ones."""
    seen = set()
    found = []
    for index, file in enumerate([paper.get("mainFile"), *paper["auxiliaryFile"]]):
        if not file or file.get("deleted") or file.get("id") in seen:
            continue
        seen.add(file.get("id"))
        found.append((index, file))
    return found
