"""OParl 1.1 as static JSON files under `oparl/v1/`, written object by object from the public view.

Every object that OParl lists on its own (System, Body, Organization, Person, Meeting, Paper) is a
file whose address is its `id`. Objects OParl embeds in them (Consultation and File in a Paper,
AgendaItem and Location in a Meeting, LegislativeTerm in a Body) have a hash URI as id: the address
of the document that holds them plus a fragment, e.g. `…/paper/landkreis-boerde/2018-33-0590.json#
beratung-kreistag-2018-11-28`. Fetching it gives that document, which contains the object with
exactly this id (the W3C's "hash URI" pattern for things described inside a document). A file for
each of them would have meant about seven files per Vorlage; creating files is what a static build
spends most on. External object lists hold at most 100 objects a page, in a stable order, with
`pagination` and `links`.

What OParl has no field for goes into fields named `buergerinfo:<key of the data file>`, so a
Vorlage comes back from the export field by field (see `VENDOR_FIELDS` in the README):
status, vote counts, Beschlussvorschlag, Sachverhalt, Aktenzeichen, notes, the Anlagen without a file.

A Meeting without a known time starts at 00:00 Berlin time and says so with
`buergerinfo:ganztaegig: true` (OParl wants a date-time). A nicht öffentliche Beratung of a public
Vorlage appears only with Gremium and day, as on the pages; its Sitzung has no agenda items.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from buergerinfo.exports.dates import ExportDates, Stamps, combine
from buergerinfo.exports.links import DATAPACKAGE, SITE_FEED, PageAddresses, SiteUrls
from buergerinfo.exports.oparl_urls import ADMINISTRATIVE_UNIT, ListWriter, OParlIds, consultation_suffixes, dumps
from buergerinfo.exports.oparl_values import (
    Named,
    collect_names,
    drop_empty,
    dump_model,
    embedded,
    legislative_terms,
    meeting_times,
    mime_type,
    named,
    result_source,
    vendor_fields,
)
from buergerinfo.exports.oparl_people import PeopleExport
from buergerinfo.exports.output import OutputFolder
from buergerinfo.model.paper import AuxiliaryFile, Consultation
from buergerinfo.model.structure import BodyRecord, PaperRecord
from buergerinfo.views.views import Meeting, Views

SCHEMA = "https://schema.oparl.org/1.1/"
HARVEST_NOTE = (
    "Statische Dateien: Filter wie modified_since und created_since werden nicht ausgewertet, jede Liste "
    "enthält alle Objekte. Neue und geänderte Vorlagen nennt der Atom-Feed (buergerinfo:feed) mit ihrem "
    "Änderungsdatum; jedes Objekt trägt created und modified aus der Versionsgeschichte seiner Datendatei."
)


@dataclass(frozen=True)
class OParlSummary:
    system_url: str
    objects: int
    files: int
    bytes: int


def write_oparl(
    views: Views,
    base_url: str,
    out: OutputFolder,
    pages: PageAddresses,
    *,
    dates: ExportDates | None = None,
    name: str = "Bürgerinfo",
    license_url: str | None = None,
) -> OParlSummary:
    """Write the OParl interface of the public view into `out`; `base_url` is the site's public address.

    `pages` gives the addresses of the site's pages (the objects' `web`) and of published Anlagen.
    OParl ids must be absolute URLs, so `base_url` is required.
    """
    if not base_url or "://" not in base_url:
        raise ValueError("OParl needs the site's absolute public address (SITE_URL)")
    files_before, bytes_before = out.files, out.bytes
    writer = _OParlWriter(views, SiteUrls(base_url), out, pages, dates or ExportDates(views.archive), name, license_url)
    writer.write()
    return OParlSummary(writer.ids.system(), writer.objects, out.files - files_before, out.bytes - bytes_before)


class _OParlWriter:
    def __init__(
        self,
        views: Views,
        urls: SiteUrls,
        out: OutputFolder,
        pages: PageAddresses,
        dates: ExportDates,
        name: str,
        license_url: str | None,
    ) -> None:
        self.views, self.urls, self.out, self.pages, self.dates = views, urls, out, pages, dates
        self.ids = OParlIds(urls)
        self.name, self.license_url = name, license_url
        self.objects = 0
        # Personen, Fraktionen and Mitgliedschaften of data/personen/ (oparl_people.py).
        self.people = PeopleExport(views, self.ids, pages, dates, self._web)

    # -- plumbing --

    def _type(self, kind: str) -> str:
        return SCHEMA + kind

    def _web(self, page_path: str) -> str:
        return self.urls.absolute(page_path)

    def _write_object(self, obj: dict[str, Any]) -> str:
        """Write an object to the file of its id; return it serialized for a list."""
        serialized = dumps(obj)
        self.out.write_text(self.ids.path_of(obj["id"]), serialized)
        self.objects += 1 + sum(1 for _ in embedded(obj))
        return serialized

    @staticmethod
    def _stamps(stamps: Stamps) -> dict[str, str]:
        created, modified = stamps.iso()
        return {"created": created, "modified": modified}

    # -- the whole interface --

    def write(self) -> None:
        bodies = [self.views.archive.bodies[key] for key in sorted(self.views.archive.bodies)]
        papers_by_body: dict[str, list[PaperRecord]] = defaultdict(list)
        for record in self.views.archive.papers:
            papers_by_body[record.body_id].append(record)
        all_stamps: list[Stamps] = []
        body_list = ListWriter(self.out, self.ids, self.ids.bodies(), len(bodies))
        for body in bodies:
            papers = papers_by_body.get(body.id, [])
            body_stamps = self.dates.body(body)
            stamps = combine([body_stamps, *(self.dates.paper(r) for r in papers)]) or body_stamps
            all_stamps.append(stamps)
            body_list.add(self._write_object(self._body(body, body_stamps)))
            self._write_body_content(body, papers)
        body_list.close()
        system = {
            "id": self.ids.system(),
            "type": self._type("System"),
            "oparlVersion": SCHEMA,
            "body": self.ids.bodies(),
            "name": self.name,
            "website": self.urls.absolute(""),
            "license": self.license_url,
            **(self._stamps(combine(all_stamps)) if all_stamps else {}),
            **vendor_fields(
                {
                    "feed": self.urls.absolute(SITE_FEED),
                    "datenpaket": self.urls.absolute(DATAPACKAGE),
                    "hinweis": HARVEST_NOTE,
                }
            ),
        }
        self._write_object(drop_empty(system))

    def _body(self, body: BodyRecord, stamps: Stamps) -> dict[str, Any]:
        data = body.body
        return drop_empty(
            {
                "id": self.ids.body(body.id),
                "type": self._type("Body"),
                "system": self.ids.system(),
                "shortName": data.short_name,
                "name": data.name,
                "website": data.website,
                "license": self.license_url,
                "classification": data.classification,
                "organization": self.ids.body_list(body.id, "organizations"),
                "person": self.ids.body_list(body.id, "people"),
                "meeting": self.ids.body_list(body.id, "meetings"),
                "paper": self.ids.body_list(body.id, "papers"),
                "web": self._web(self.pages.body(body.id)),
                **self._stamps(stamps),
                **vendor_fields({"beschreibung": data.description}),
            }
        ) | {"legislativeTerm": [self._legislative_term(body, term, stamps) for term in legislative_terms(body)]
             + self.people.legislative_terms(body)}

    def _legislative_term(self, body: BodyRecord, term: str, stamps: Stamps) -> dict[str, Any]:
        return {
            "id": self.ids.legislative_term(body.id, term),
            "type": self._type("LegislativeTerm"),
            "body": self.ids.body(body.id),
            "name": term,
            **self._stamps(stamps),
        }

    def _write_body_content(self, body: BodyRecord, papers: list[PaperRecord]) -> None:
        units = named(collect_names(papers, lambda p: [p.under_direction_of] if p.under_direction_of else [], self.dates))
        people = named(collect_names(
            papers, lambda p: [person.name for person in p.originators if not self.people.keyed(person)], self.dates
        ))
        self._write_organizations(body, units)
        self._write_people(body, people)
        self._write_meetings(body)
        ordered = sorted(papers, key=lambda r: (self.dates.paper(r).created, r.id))
        paper_list = ListWriter(self.out, self.ids, self.ids.body_list(body.id, "papers"), len(ordered))
        for record in ordered:
            paper_list.add(self._write_paper(record, units, people))
        paper_list.close()

    # -- Gremien, Verwaltungsbereiche, Personen --

    def _write_organizations(self, body: BodyRecord, units: dict[str, Named]) -> None:
        organizations = body.body.organizations
        groups = self.people.groups(body)
        members = self.people.membership_ids(body)
        listing = ListWriter(
            self.out, self.ids, self.ids.body_list(body.id, "organizations"), len(organizations) + len(units) + len(groups)
        )
        stamps = self._stamps(self.dates.body(body))
        for organization in organizations:
            term = organization.legislative_term
            obj = {
                "id": self.ids.organization(body.id, organization.id),
                "type": self._type("Organization"),
                "body": self.ids.body(body.id),
                "name": organization.name,
                "shortName": organization.short_name,
                "organizationType": "Gremium",
                "classification": organization.classification,
                "membership": members.get(self.ids.organization(body.id, organization.id), []),
                "meeting": self.ids.organization_meetings(body.id, organization.id),
                "web": self._web(self.pages.organization(body.id, organization.id)),
                **stamps,
                **vendor_fields(
                    {
                        "id": organization.id,
                        "wahlperiode": term,
                        "legislativeTerm": self.ids.legislative_term(body.id, term) if term else None,
                        "beschreibung": organization.description,
                    }
                ),
            }
            listing.add(self._write_object(drop_empty(obj)))
        for unit in units.values():
            obj = {
                "id": self.ids.unit(body.id, unit.slug),
                "type": self._type("Organization"),
                "body": self.ids.body(body.id),
                "name": unit.name,
                "organizationType": ADMINISTRATIVE_UNIT,
                **self._stamps(unit.stamps),
            }
            listing.add(self._write_object(obj))
        for group in groups:
            listing.add(self._write_object(group))
        listing.close()

    def _write_people(self, body: BodyRecord, people: dict[str, Named]) -> None:
        persons = self.people.persons(body)
        listing = ListWriter(self.out, self.ids, self.ids.body_list(body.id, "people"), len(people) + len(persons))
        for person in persons:
            listing.add(self._write_object(person))
        for person in people.values():
            obj = {
                "id": self.ids.person(body.id, person.slug),
                "type": self._type("Person"),
                "body": self.ids.body(body.id),
                "name": person.name,
                **self._stamps(person.stamps),
                # Only the name of a free-text Einreicher, no entry of data/personen/: an import knows it by this.
                **vendor_fields({"nurName": True}),
            }
            listing.add(self._write_object(obj))
        listing.close()

    # -- Sitzungen with their Tagesordnungspunkte --

    def _write_meetings(self, body: BodyRecord) -> None:
        meetings = [m for m in self.views.meetings.values() if m.body.id == body.id]
        listing = ListWriter(self.out, self.ids, self.ids.body_list(body.id, "meetings"), len(meetings))
        by_organization = {
            org.id: ListWriter(
                self.out,
                self.ids,
                self.ids.organization_meetings(body.id, org.id),
                len(self.views.meetings_by_organization.get((body.id, org.id), [])),
            )
            for org in body.body.organizations
        }
        for meeting in meetings:
            serialized = self._write_meeting(meeting)
            listing.add(serialized)
            by_organization[meeting.organization.id].add(serialized)
        listing.close()
        for organization_list in by_organization.values():
            organization_list.close()

    def _write_meeting(self, meeting: Meeting) -> str:
        facts = meeting.facts
        public = meeting.public
        stamps = self.dates.meeting(meeting)
        start, end, all_day = meeting_times(meeting)
        meeting_id = self.ids.meeting(meeting)
        agenda = [
            self._agenda_item(order, entry.paper, entry.consultation)
            for order, entry in enumerate(meeting.public_entries, start=1)
        ]
        location = facts.location if facts and public is not False else None
        obj = {
            "id": meeting_id,
            "type": self._type("Meeting"),
            "name": meeting.name if public is not False else None,
            "start": start,
            "end": end,
            "location": (
                {"id": self.ids.location(meeting), "type": self._type("Location"), "description": location}
                if location
                else None
            ),
            "organization": [self.ids.organization(meeting.body.id, meeting.organization.id)],
            "agendaItem": agenda,
            "web": self._web(self.pages.meeting(meeting)),
            **self._stamps(stamps),
            **vendor_fields(
                {
                    "oeffentlich": public,
                    "sitzung_am_tag": meeting.number if meeting.number > 1 else None,
                    "ganztaegig": all_day,
                    "hinweis": facts.note if facts and public is not False else None,
                    # The entry of data/sitzungen/ as written, so an import gets it back unchanged.
                    "sitzungsangaben": dump_model(facts) if facts and public is not False else None,
                }
            ),
        }
        return self._write_object(drop_empty(obj))

    def _agenda_suffix(self, record: PaperRecord, consultation: Consultation) -> str:
        index = next(i for i, c in enumerate(record.paper.consultations) if c is consultation)
        return consultation_suffixes(record.paper.consultations)[index]

    def _agenda_item(self, order: int, record: PaperRecord, consultation: Consultation) -> dict[str, Any]:
        suffix = self._agenda_suffix(record, consultation)
        return drop_empty(
            {
                "id": self.ids.agenda_item(record, consultation, suffix),
                "type": self._type("AgendaItem"),
                "number": consultation.agenda_item,
                "order": order,
                "name": record.paper.name,
                "public": True,
                "consultation": self.ids.consultation(record, consultation, suffix),
                "result": consultation.result,
                **self._stamps(self.dates.paper(record)),
                **vendor_fields(
                    {
                        "abstimmung": dump_model(consultation.vote),
                        # Beside `result`, where it came from: the source's words, and whether it was only
                        # counted. An AgendaItem exists for public Beratungen only.
                        **result_source(consultation),
                        **self.people.votes(record, consultation),
                    }
                ),
            }
        )

    # -- Vorlagen with their Beratungen and Anlagen --

    def _write_paper(self, record: PaperRecord, units: dict[str, Named], people: dict[str, Named]) -> str:
        paper = record.paper
        body_id = record.body_id
        paper_id = self.ids.paper(record)
        stamps = self._stamps(self.dates.paper(record))
        related = [self.views.paper(body_id, number) for number in paper.related_papers]
        files, missing = [], []
        for position, attachment in enumerate(paper.auxiliary_files, start=1):
            if attachment.site_relative or attachment.url:
                files.append(self._file(record, position, attachment, stamps))
            else:
                missing.append({"position": position, **dump_model(attachment)})
        consultations = [
            self._consultation(record, consultation, suffix, stamps)
            for consultation, suffix in zip(paper.consultations, consultation_suffixes(paper.consultations))
        ]
        obj = {
            "id": paper_id,
            "type": self._type("Paper"),
            "body": self.ids.body(body_id),
            "name": paper.name,
            "reference": paper.reference,
            "date": paper.date.isoformat() if paper.date else None,
            "paperType": paper.paper_type,
            "relatedPaper": [self.ids.paper(r) for r in related if r is not None],
            "auxiliaryFile": files,
            "originatorPerson": [
                *(self.ids.person(body_id, people[p.name].slug) for p in paper.originators if not self.people.keyed(p)),
                *self.people.originators(record)[0],
            ],
            "originatorOrganization": self.people.originators(record)[1],
            "underDirectionOf": (
                [self.ids.unit(body_id, units[paper.under_direction_of].slug)] if paper.under_direction_of else []
            ),
            "consultation": consultations,
            "keyword": [self.views.archive.dossiers[t].dossier.title for t in paper.topics if t in self.views.archive.dossiers],
            "web": self._web(self.pages.paper(record)),
            **stamps,
            **vendor_fields(
                {
                    "id": record.id,
                    "status": self.views.status(record).badge.label,
                    "oeffentlich": paper.public,
                    "aktenzeichen": paper.file_number,
                    "einreicher": [
                        self.people.einreicher(record, p) if self.people.keyed(p)
                        else {**dump_model(p), "person": self.ids.person(body_id, people[p.name].slug)}
                        for p in paper.originators
                    ],
                    "federfuehrend": paper.under_direction_of,
                    "bearbeiter": paper.clerk,
                    "unterzeichnung": dump_model(paper.signature),
                    "beschlussvorschlag": paper.resolution_proposal,
                    "sachverhalt": paper.reasoning,
                    "hinweise": paper.remarks,
                    "finanzen": dump_model(paper.financial_effects),
                    "personal": dump_model(paper.staffing_effects),
                    "bezuege": list(paper.related_papers),
                    "themen": list(paper.topics),
                    "anlagenOhneDatei": missing,
                }
            ),
        }
        return self._write_object(drop_empty(obj))

    def _consultation(
        self, record: PaperRecord, consultation: Consultation, suffix: str, stamps: dict[str, str]
    ) -> dict[str, Any]:
        body_id = record.body_id
        role = consultation.role
        return drop_empty(
            {
                "id": self.ids.consultation(record, consultation, suffix),
                "type": self._type("Consultation"),
                "meeting": self.ids.meeting_at(
                    body_id, consultation.organization, consultation.date, consultation.meeting_number
                ),
                # A nicht öffentliche Beratung has no published agenda item, only Gremium and day.
                "agendaItem": self.ids.agenda_item(record, consultation, suffix) if consultation.public else None,
                "organization": [self.ids.organization(body_id, consultation.organization)],
                "authoritative": (role == "Entscheidung") if role else None,
                "role": role,
                **stamps,
                **vendor_fields(
                    {
                        "gremium": consultation.organization,
                        "datum": consultation.date.isoformat(),
                        "oeffentlich": consultation.public,
                        # Written only for a second Sitzung of the day: absent means the first, as in the data.
                        "sitzung_am_tag": consultation.meeting_number if consultation.meeting_number > 1 else None,
                        "sitzung": consultation.meeting_name,
                        "bemerkung": consultation.note,
                    }
                ),
            }
        )

    def _file(
        self, record: PaperRecord, position: int, attachment: AuxiliaryFile, stamps: dict[str, str]
    ) -> dict[str, Any]:
        if attachment.site_relative:
            # An Anlagen-Ablage file may be at its `adresse`; its SHA-256 is a vendor field (OParl has SHA-1/512).
            archive, on_site = self.views.archive, self.pages.attachment(attachment.site_relative)
            location = archive.attachment_public_url(attachment) or self.urls.absolute(on_site)
            file_name = attachment.shown_name
            size = attachment.size if attachment.store else archive.attachment_path(attachment.path).stat().st_size
            download = location
        else:
            location = attachment.url
            file_name = attachment.url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or None
            size, download = None, None
        return drop_empty(
            {
                "id": self.ids.file(record, position),
                "type": self._type("File"),
                "name": attachment.name,
                "fileName": file_name,
                "mimeType": mime_type(file_name) if file_name else None,
                "size": size,
                "accessUrl": location,
                "downloadUrl": download,
                **stamps,
                **vendor_fields(
                    {
                        "position": position,
                        "datei": attachment.path,
                        "ablage": attachment.store,
                        "groesse_laut_quelle": attachment.stated_size,
                        "hinweis": attachment.note,
                    }
                ),
            }
        )
