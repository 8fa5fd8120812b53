"""Which pages the site has, at which address, with which template and data.

This is the site's map: every generated page is one PageSpec. Addresses are
derived from file names and keys that editors choose once, so links stay
stable for years. No business rules here; those live in buergerinfo.views.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from buergerinfo.reading.problems import DataProblem
from buergerinfo.model.body import Organization
from buergerinfo.checking.paper_checks import organization_problem
from buergerinfo.checking.reserved import FACET_KINDS  # the core refuses Körperschaften named like these lists
from buergerinfo.model.structure import BodyRecord, DossierRecord, PaperRecord
from buergerinfo.views.people import PeopleViews
from buergerinfo.views.views import Meeting, Views, paper_year
from site_people import group_address, people_list_pages, people_pages, person_address

ITEMS_PER_LIST_PAGE = 50


@dataclass
class PageSpec:
    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    # Pages with search filters are the ones the full-text search indexes (facet name -> values).
    search_filters: dict[str, list[str]] | None = None


def gremium_label(body: BodyRecord, organization: Organization) -> str:
    """A Gremium as lists and search facets name it: Körperschaften often have Gremien of the same name."""
    return f"{organization.name} ({body.body.short_name or body.body.name})"


def slugify(text: str) -> str:
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


class Addresses:
    """Site-root-relative URLs (as MkDocs' `url` filter expects) for every kind of object."""

    @staticmethod
    def src_to_url(src_uri: str) -> str:
        if src_uri.endswith("index.md"):
            return src_uri[: -len("index.md")]
        return src_uri[: -len(".md")] + "/"

    @staticmethod
    def source(url: str) -> str:
        """The generated file behind a page address: 'gremien/a/b/' -> 'gremien/a/b.md'."""
        return url[:-1] + ".md"

    def paper(self, record: PaperRecord) -> str:
        return f"vorlagen/{record.body_id}/{record.id}/"

    def body(self, body_id: str) -> str:
        return f"koerperschaften/{body_id}/"

    def organization(self, body_id: str, org_id: str) -> str:
        return f"gremien/{body_id}/{org_id}/"

    def organization_calendar(self, body_id: str, org_id: str) -> str:
        return f"gremien/{body_id}/{org_id}/sitzungen.ics"

    def meeting(self, meeting: Meeting) -> str:
        return f"sitzungen/{meeting.body.id}/{meeting.organization.id}/{meeting.id}/"


    def dossier(self, record: DossierRecord) -> str:
        return f"dossiers/{record.id}/"

    def topic(self, topic_id: str) -> str:
        return f"themen/{topic_id}/"

    def facet(self, kind: str, value: str, page: int = 1) -> str:
        base = f"vorlagen/{kind}/{value}/"
        return base if page == 1 else f"{base}seite-{page}/"

    def all_papers(self, page: int = 1) -> str:
        return "vorlagen/" if page == 1 else f"vorlagen/seite-{page}/"

    def attachment(self, relative: str) -> str:
        return f"anlagen/{relative}"

    person = staticmethod(person_address)  # personen/<körperschaft>/<key>/ (site_people.py)
    group = staticmethod(group_address)  # fraktionen/<körperschaft>/<key>/


@dataclass
class Facet:
    kind: str  # one of FACET_KINDS
    value: str  # slug in the address
    label: str
    papers: list[PaperRecord]
    # A status family ("beschlossen") lists its words ("ungeändert beschlossen", …) as narrower facets.
    children: list[Facet] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return {"koerperschaft": "Körperschaft", "gremium": "Gremium", "jahr": "Jahr", "art": "Art", "status": "Status"}[
            self.kind
        ]


class SitePlan:
    def __init__(self, views: Views) -> None:
        self.views = views
        self.addresses = Addresses()
        self.people = PeopleViews(views)

    # -- facets for the lists that work without JavaScript --

    def facets(self) -> dict[str, list[Facet]]:
        views = self.views
        grouped: dict[tuple[str, str], Facet] = {}
        narrower: dict[tuple[str, str], str] = {}  # (kind, word value) -> family value

        def add(kind: str, value: str, label: str, record: PaperRecord) -> None:
            facet = grouped.get((kind, value))
            if facet is None:
                facet = grouped[(kind, value)] = Facet(kind, value, label, [])
            if not facet.papers or facet.papers[-1] is not record:
                facet.papers.append(record)

        for record in views.papers_newest_first:
            body = views.body(record.body_id)
            add("koerperschaft", record.body_id, body.body.name, record)
            for consultation in record.paper.consultations:
                organization = views.organization(record.body_id, consultation.organization)
                add("gremium", f"{record.body_id}--{organization.id}", gremium_label(body, organization), record)
            year = paper_year(record)
            if year:
                add("jahr", str(year), str(year), record)
            add("art", slugify(record.paper.paper_type), record.paper.paper_type, record)
            # Every "… beschlossen" counts as beschlossen; the exact word narrows further.
            status = views.status(record).badge.label
            family = views.status_family(record).label
            add("status", slugify(family), family, record)
            if status != family:
                add("status", slugify(status), status, record)
                narrower[("status", slugify(status))] = slugify(family)
        by_kind: dict[str, list[Facet]] = defaultdict(list)
        for key, facet in grouped.items():
            if key in narrower:
                grouped[(facet.kind, narrower[key])].children.append(facet)
            else:
                by_kind[facet.kind].append(facet)
        for kind, facets in by_kind.items():
            reverse = kind == "jahr"
            facets.sort(key=lambda f: f.label.lower(), reverse=reverse)
            for facet in facets:
                facet.children.sort(key=lambda f: f.label.lower())
        return {kind: by_kind.get(kind, []) for kind in FACET_KINDS}

    # -- pages --

    def pages(self) -> Iterator[PageSpec]:
        yield from self.content_pages()
        yield from self.other_pages()

    def content_pages(self) -> Iterator[PageSpec]:
        """The pages the full-text search indexes: each has search filters."""
        views, addresses = self.views, self.addresses
        yield from self.paper_pages()
        for body in views.archive.bodies.values():
            yield PageSpec(
                addresses.source(addresses.body(body.id)),
                body.body.name,
                "koerperschaft.html",
                {"body": body},
                f"Gremien, Vorlagen und Themen: {body.body.name}",
                search_filters={"Typ": ["Körperschaft"], "Körperschaft": [body.body.name]},
            )
            for organization in body.body.organizations:
                yield PageSpec(
                    addresses.source(addresses.organization(body.id, organization.id)),
                    f"{organization.name} – {body.body.name}",
                    "gremium.html",
                    {"body": body, "organization": organization},
                    f"Sitzungen und Vorlagen: {organization.name}, {body.body.name}",
                    search_filters={
                        "Typ": ["Gremium"],
                        "Körperschaft": [body.body.name],
                        "Gremium": [gremium_label(body, organization)],
                    },
                )
        for meeting in views.meetings.values():
            which = f" ({meeting.day_label})" if meeting.day_label else ""
            yield PageSpec(
                addresses.source(addresses.meeting(meeting)),
                f"{meeting.organization.name}, {meeting.date:%d.%m.%Y}{which}",
                "sitzung.html",
                {"meeting": meeting},
                f"Sitzung {meeting.organization.name} am {meeting.date:%d.%m.%Y}{which} ({meeting.body.body.name})",
                search_filters={
                    "Typ": ["Sitzung"],
                    "Körperschaft": [meeting.body.body.name],
                    "Gremium": [gremium_label(meeting.body, meeting.organization)],
                    "Jahr": [str(meeting.date.year)],
                },
            )
        for record in views.archive.dossiers.values():
            yield PageSpec(
                addresses.source(addresses.dossier(record)),
                record.dossier.title,
                "dossier.html",
                {"dossier_record": record},
                record.dossier.summary or record.dossier.title,
                search_filters={
                    "Typ": ["Dossier"],
                    "Körperschaft": [views.body(record.dossier.body).body.name],
                },
            )
        yield from people_pages(self.people, PageSpec)
        for topic in views.archive.topics.values():
            yield PageSpec(
                addresses.source(addresses.topic(topic.id)),
                topic.title,
                "thema.html",
                {"topic": topic},
                topic.description or "",
                search_filters={"Typ": ["Thema"]},
            )

    def other_pages(self) -> Iterator[PageSpec]:
        yield PageSpec("themen/index.md", "Themen", "themen.html", {}, "Themen-Dossiers")
        yield PageSpec("suche.md", "Suche", "suche.html", {}, "Volltextsuche in Vorlagen, Sitzungen und Dossiers")
        guide = self.editor_guide_example()
        if guide is not None:
            yield PageSpec(
                "redaktion.md",
                "Für die Redaktion",
                "redaktion.html",
                {"example": guide},
                "Anleitung für die Redaktion: Vorschau einrichten, Vorlagen anlegen, Ergebnisse eintragen",
            )
        else:  # a young or freshly imported archive: the page in the nav still exists
            yield PageSpec(
                "redaktion.md", "Für die Redaktion", "redaktion-ohne-beispiel.html", {}, "Anleitung für die Redaktion"
            )
        yield PageSpec("gremien/index.md", "Gremien", "gremien.html", {}, "Alle Gremien")
        yield PageSpec("koerperschaften/index.md", "Körperschaften", "koerperschaften.html", {}, "Alle Körperschaften")
        yield PageSpec("impressum.md", "Impressum", "impressum.html", {}, "Impressum")
        yield PageSpec("datenschutz.md", "Datenschutzerklärung", "datenschutz.html", {}, "Datenschutzerklärung")
        yield PageSpec(
            "barrierefreiheit.md", "Erklärung zur Barrierefreiheit", "barrierefreiheit.html", {}, "Barrierefreiheit"
        )
        yield from self.meeting_index_pages()
        yield from people_list_pages(self.people, PageSpec)
        yield from self.list_pages()

    def editor_guide_example(self) -> EditorGuideExample | None:
        return _editor_guide_example(self.views)

    def paper_pages(self) -> Iterator[PageSpec]:
        for record in self.views.archive.papers:
            yield self.paper_page(record)

    def paper_page(self, record: PaperRecord) -> PageSpec:
        views = self.views
        number = record.paper.reference
        title = f"{number}: {record.paper.name}" if number else record.paper.name
        year = paper_year(record)
        body = views.body(record.body_id)
        organizations = {
            gremium_label(body, views.organization(record.body_id, c.organization)) for c in record.paper.consultations
        }
        return PageSpec(
            self.addresses.source(self.addresses.paper(record)),
            title,
            "vorlage.html",
            {"record": record},
            f"{record.paper.paper_type} {number or ''} – {record.paper.name}".replace("  ", " "),
            search_filters={
                "Typ": ["Vorlage"],
                "Körperschaft": [body.body.name],
                "Gremium": sorted(organizations),
                "Jahr": [str(year)] if year else [],
                "Art": [record.paper.paper_type],
                "Status": [views.status_family(record).label],
                "eingereicht von": self.people.submitted_by(record),
            },
        )

    def meeting_index_pages(self) -> Iterator[PageSpec]:
        by_year: dict[int, list[Meeting]] = defaultdict(list)
        for meeting in self.views.meetings.values():
            by_year[meeting.date.year].append(meeting)
        years = sorted(by_year, reverse=True)
        yield PageSpec(
            "sitzungen/index.md", "Sitzungen", "sitzungen.html", {"years": years}, "Kommende und vergangene Sitzungen"
        )
        for year in years:
            yield PageSpec(
                f"sitzungen/{year}.md",
                f"Sitzungen {year}",
                "sitzungen-jahr.html",
                {"year": year, "meetings": by_year[year], "years": years},
                f"Sitzungen im Jahr {year}",
            )

    def list_pages(self) -> Iterator[PageSpec]:
        facets = self.facets()
        everything = self.views.papers_newest_first
        yield from self._paged("vorlagen", "Vorlagen", everything, facets, None)
        for kind, kind_facets in facets.items():
            for facet in [f for top in kind_facets for f in (top, *top.children)]:
                title = f"Vorlagen – {facet.kind_label}: {facet.label}"
                yield from self._paged(f"vorlagen/{kind}/{facet.value}", title, facet.papers, facets, facet)

    def _paged(self, base: str, title: str, papers: list[PaperRecord], facets, current) -> Iterator[PageSpec]:
        page_count = max(1, -(-len(papers) // ITEMS_PER_LIST_PAGE))
        for number in range(1, page_count + 1):
            chunk = papers[(number - 1) * ITEMS_PER_LIST_PAGE : number * ITEMS_PER_LIST_PAGE]
            src = f"{base}/index.md" if number == 1 else f"{base}/seite-{number}.md"
            page_base = base + "/"
            yield PageSpec(
                src,
                title if number == 1 else f"{title} (Seite {number})",
                "liste.html",
                {
                    "papers": chunk,
                    "total": len(papers),
                    "facets": facets,
                    "current_facet": current,
                    "page_number": number,
                    "page_count": page_count,
                    "page_url": lambda n, b=page_base: b if n == 1 else f"{b}seite-{n}/",
                },
                title,
            )


# -- the editor guide shows a real file of the archive, not a made-up one --

EXAMPLE_EXCERPT_LINES = 40


@dataclass
class GuideField:
    name: str
    required: bool
    description: str


@dataclass
class GuideSection:
    """One table of the guide: the fields of a Vorlage or of a part of it (e.g. a Beratung)."""

    title: str
    where: str  # under which field these are written, e.g. "beratungsfolge → abstimmung"; "" for the file itself
    fields: list[GuideField]


def guide_sections(model: type, where: str = "") -> list[GuideSection]:
    """The fields of `model` and of every model nested in it, each with the meaning the model gives."""
    from buergerinfo.checking.fields import model_in
    from buergerinfo.model.schema import MODEL_TEXTS

    sections: list[GuideSection] = []
    fields = []
    nested = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key == "$schema":
            continue
        fields.append(GuideField(key, info.is_required(), info.description or ""))
        inner = model_in(info.annotation)
        if inner is not None:
            nested.append((inner, f"{where} → {key}" if where else key))
    title = MODEL_TEXTS.get(model.__name__, (model.__name__, ""))[0]
    sections.append(GuideSection(title, where, fields))
    for inner, inner_where in nested:
        sections += guide_sections(inner, inner_where)
    return sections


@dataclass
class EditorGuideExample:
    record: PaperRecord
    source: str
    body_id: str
    excerpt: str
    fields: list[GuideField]
    sections: list[GuideSection]
    result_kinds: list[str]
    consultation: Any
    consultation_name: str
    error_message: str


def _editor_guide_example(views: Views) -> EditorGuideExample | None:
    # The excerpt is the raw file, so only a file without any nicht öffentliche Beratung may serve.
    candidates = [
        r
        for r in views.papers_newest_first
        if r.paper.reference and r.paper.consultations and all(c.public for c in r.paper.consultations)
    ]
    for record in candidates:
        text = (views.archive.root / record.source).read_text(encoding="utf-8")
        lines = text.splitlines()
        consultation = record.paper.consultations[-1]
        # The guide quotes the file's own line; a file that writes it otherwise (quoted, in brackets) is skipped.
        line = next(
            (
                number
                for number, content in enumerate(lines, start=1)
                if content.strip() in (f"- gremium: {consultation.organization}", f"gremium: {consultation.organization}")
            ),
            None,
        )
        if line is not None:
            break
    else:
        return None
    excerpt = "\n".join(lines[:EXAMPLE_EXCERPT_LINES]) + ("\n…" if len(lines) > EXAMPLE_EXCERPT_LINES else "")
    organization = views.organization(record.body_id, consultation.organization)
    body = views.body(record.body_id)
    typo = consultation.organization[:-2] + consultation.organization[-1]
    column = lines[line - 1].index("gremium:") + len("gremium: ") + 1
    index = record.paper.consultations.index(consultation) + 1
    problem = DataProblem(
        record.source, line, column, f"beratungsfolge[{index}].gremium", organization_problem(body, typo)
    )
    error = str(problem)
    sections = guide_sections(type(record.paper))
    fields = sections[0].fields
    return EditorGuideExample(
        record=record,
        source=record.source,
        body_id=record.body_id,
        excerpt=excerpt,
        fields=fields,
        sections=sections,
        result_kinds=list(body.vocabulary.result_kinds),
        consultation=consultation,
        consultation_name=organization.name,
        error_message=error,
    )
