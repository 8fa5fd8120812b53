"""Personen, Fraktionen and Mitgliedschaften of a Körperschaft (OParl Person, Organization, Membership).

One file per Körperschaft, `data/personen/<körperschaft>.yml`: its Wahlperioden, its Fraktionen
(also Gruppen and Parteien) and its Personen, each with their Mitgliedschaften. One file, because
a council's roster is edited as one list (after an election, when someone changes Fraktion), and
every Mitgliedschaft points at a Fraktion or Gremium of the same Körperschaft, so the references
are checked inside one file; a city with 300 Mandatsträger and sachkundige Bürger keeps a file of
a few thousand lines, as its Körperschaft file is one.

Only facts of the mandate are data here. Contact data and photos are published only with a
recorded consent (`einwilligung` with its date); `buergerinfo.checking.people` refuses them
otherwise, and `buergerinfo.views.people` drops them once a person has no current mandate.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, model_validator

from buergerinfo.model.base import (
    SCHEMA_LINE,
    AttachmentPath,
    Count,
    DataModel,
    Date,
    Markdown,
    NonEmptyText,
    Slug,
    Url,
)

GroupKind = Literal["Fraktion", "Gruppe", "Partei"]
MembershipRole = Literal["Vorsitz", "stellv. Vorsitz", "Mitglied", "sachkundige/r Bürger/in", "beratend"]
GroupVoting = Literal["ja", "nein", "enthaltung", "uneinheitlich"]
PersonalVote = Literal["ja", "nein", "enthaltung", "abwesend"]
# Fields of `kontakt` that are personal data beyond the mandate: published only with consent.
CONTACT_FIELDS = ("email", "telefon", "anschrift", "website")


def _after(start, end, what: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"{what}: das Ende ({end:%d.%m.%Y}) liegt vor dem Beginn ({start:%d.%m.%Y})")


class Consent(DataModel):
    """A recorded consent to publish personal data beyond the mandate (DSGVO Art. 6 (1) a)."""

    date: Date = Field(alias="datum", description="Tag, an dem die Person schriftlich eingewilligt hat, JJJJ-MM-TT")
    note: str | None = Field(
        None, alias="vermerk", description="Wo die Einwilligung abgelegt ist, z. B. „Akte Kreistagsbüro 2021/17“"
    )


class Contact(DataModel):
    """Kontaktdaten: nur mit Einwilligung, und nur solange die Person ein Mandat hat."""

    email: str | None = Field(None, description="E-Mail-Adresse, nur mit `einwilligung`")
    phone: str | None = Field(None, alias="telefon", description="Telefonnummer, nur mit `einwilligung`")
    address: str | None = Field(None, alias="anschrift", description="Postanschrift, nur mit `einwilligung`")
    website: Url | None = Field(None, description="Eigene Website, nur mit `einwilligung`")
    consent: Consent | None = Field(
        None, alias="einwilligung", description="Einwilligung der Person in die Veröffentlichung (mit Datum)"
    )


class Photo(DataModel):
    """A portrait: only with the person's consent and a licence that allows publishing it."""

    path: AttachmentPath = Field(alias="datei", description="Pfad zur Bilddatei, relativ zum Ordner `data/anlagen/`")
    licence: NonEmptyText | None = Field(None, alias="lizenz", description="Lizenz, z. B. „CC BY 4.0“")
    author: str | None = Field(None, alias="urheber", description="Wer das Foto gemacht hat")
    consent: Consent | None = Field(None, alias="einwilligung", description="Einwilligung der Person (mit Datum)")


class LegislativeTerm(DataModel):
    """Eine Wahlperiode (OParl LegislativeTerm)."""

    id: Slug = Field(description="Schlüssel, z. B. `wp-2021`")
    name: NonEmptyText = Field(description="z. B. „6. Wahlperiode“")
    start: Date = Field(alias="beginn", description="Erster Tag, JJJJ-MM-TT")
    end: Date | None = Field(None, alias="ende", description="Letzter Tag, JJJJ-MM-TT; leer, solange sie läuft")

    @model_validator(mode="after")
    def _ordered(self) -> LegislativeTerm:
        _after(self.start, self.end, "Wahlperiode")
        return self


class Group(DataModel):
    """Eine Fraktion, Gruppe oder Partei (OParl Organization)."""

    id: Slug = Field(description="Schlüssel, z. B. `gruene`; steht in der Adresse der Seite")
    name: NonEmptyText = Field(description="z. B. „Fraktion Bündnis 90/Die Grünen im Kreistag“")
    short_name: str | None = Field(None, alias="kurzname", description="z. B. „Grüne“")
    classification: GroupKind = Field("Fraktion", alias="art", description="Fraktion, Gruppe oder Partei")
    start: Date | None = Field(None, alias="beginn", description="Gegründet am, JJJJ-MM-TT")
    end: Date | None = Field(None, alias="ende", description="Aufgelöst am, JJJJ-MM-TT")
    website: Url | None = Field(None, description="Website der Fraktion")
    description: Markdown | None = Field(None, alias="beschreibung", description="Text zur Fraktion (Markdown)")

    @model_validator(mode="after")
    def _ordered(self) -> Group:
        _after(self.start, self.end, "Fraktion")
        return self


class Membership(DataModel):
    """Eine Mitgliedschaft in einer Fraktion oder einem Gremium (OParl Membership)."""

    organization: Slug | None = Field(None, alias="gremium", description="Schlüssel des Gremiums der Körperschaft")
    group: Slug | None = Field(None, alias="fraktion", description="Schlüssel der Fraktion, Gruppe oder Partei")
    role: MembershipRole = Field("Mitglied", alias="rolle", description="Rolle in Gremium oder Fraktion")
    voting_right: StrictBool | None = Field(
        None, alias="stimmrecht", description="true oder false; leer: mit Stimmrecht, außer bei `rolle: beratend`"
    )
    start: Date | None = Field(None, alias="beginn", description="Beginn der Mitgliedschaft, JJJJ-MM-TT")
    end: Date | None = Field(None, alias="ende", description="Ende der Mitgliedschaft, JJJJ-MM-TT; leer, solange sie besteht")
    on_behalf_of: Slug | None = Field(
        None, alias="fuer_fraktion", description="Für welche Fraktion die Person im Gremium sitzt (OParl onBehalfOf)"
    )
    legislative_term: Slug | None = Field(
        None, alias="wahlperiode", description="Schlüssel der Wahlperiode; leer: die Wahlperiode, in der sie beginnt"
    )

    @model_validator(mode="after")
    def _one_target(self) -> Membership:
        if (self.organization is None) == (self.group is None):
            raise ValueError("genau eines angeben: `gremium` oder `fraktion`")
        if self.on_behalf_of and not self.organization:
            raise ValueError("`fuer_fraktion` gilt nur für die Mitgliedschaft in einem Gremium")
        _after(self.start, self.end, "Mitgliedschaft")
        return self

    @property
    def votes(self) -> bool:
        return self.voting_right if self.voting_right is not None else self.role != "beratend"


class PersonEntry(DataModel):
    """Eine Person (OParl Person): Mandatsträger/in, sachkundige/r Bürger/in."""

    id: Slug = Field(description="Schlüssel, z. B. `anna-beispiel`; steht in der Adresse der Seite")
    name: NonEmptyText | None = Field(
        None, description="Name, wie er angezeigt wird; nur nötig, wenn Vor- und Familienname nicht getrennt vorliegen"
    )
    given_name: NonEmptyText | None = Field(None, alias="vorname", description="Vorname")
    family_name: NonEmptyText | None = Field(None, alias="familienname", description="Familienname")
    form_of_address: str | None = Field(None, alias="anrede", description="z. B. „Frau“, „Herr“")
    title: str | None = Field(None, alias="titel", description="Akademischer Titel, z. B. „Dr.“")
    publish: StrictBool = Field(
        True,
        alias="veroeffentlichen",
        description="false: die Person bekommt keine Seite und wird nirgends verlinkt; Vorlagen nennen ihren Namen "
        "nur als Text",
    )
    contact: Contact | None = Field(None, alias="kontakt", description="Kontaktdaten, nur mit Einwilligung")
    photo: Photo | None = Field(None, alias="foto", description="Foto, nur mit Einwilligung und Lizenz")
    memberships: list[Membership] = Field(
        default_factory=list, alias="mitgliedschaften", description="Mitgliedschaften in Fraktionen und Gremien"
    )

    @model_validator(mode="after")
    def _named(self) -> PersonEntry:
        if not self.name and not self.family_name:
            raise ValueError("`familienname` (mit `vorname`) oder `name` angeben")
        return self

    @property
    def display_name(self) -> str:
        """'Dr. Anna Beispiel': title, given and family name; the form of address stays out of lists."""
        if self.name:
            return self.name
        return " ".join(part for part in (self.title, self.given_name, self.family_name) if part)

    @property
    def sort_name(self) -> str:
        return f"{self.family_name or self.name or ''} {self.given_name or ''}".lower()


class PeopleFile(DataModel):
    """data/personen/<körperschaft>.yml"""

    schema_ref: str | None = Field(None, alias="$schema", description=SCHEMA_LINE)
    body: Slug = Field(alias="koerperschaft", description="Schlüssel der Körperschaft (Dateiname in data/koerperschaften/)")
    legislative_terms: list[LegislativeTerm] = Field(
        default_factory=list, alias="wahlperioden", description="Die Wahlperioden, die ältesten zuerst"
    )
    groups: list[Group] = Field(default_factory=list, alias="fraktionen", description="Fraktionen, Gruppen und Parteien")
    persons: list[PersonEntry] = Field(default_factory=list, alias="personen", description="Die Personen")


# --- what a Beratung records about the vote, by Fraktion and by name ----------------------------


class GroupVote(DataModel):
    """How a Fraktion voted in one Beratung: as a whole (`votum`) or with counts."""

    group: Slug = Field(alias="fraktion", description="Schlüssel der Fraktion")
    voting: GroupVoting | None = Field(
        None, alias="votum", description="ja, nein, enthaltung (die ganze Fraktion) oder uneinheitlich"
    )
    yes: Count | None = Field(None, alias="ja", description="Ja-Stimmen der Fraktion")
    no: Count | None = Field(None, alias="nein", description="Nein-Stimmen der Fraktion")
    abstention: Count | None = Field(None, alias="enthaltung", description="Enthaltungen der Fraktion")

    @model_validator(mode="after")
    def _something_given(self) -> GroupVote:
        counts = (self.yes, self.no, self.abstention)
        if self.voting is None and all(c is None for c in counts):
            raise ValueError("`votum` (ja, nein, enthaltung, uneinheitlich) oder Stimmen (ja/nein/enthaltung) angeben")
        if self.voting in ("ja", "nein", "enthaltung"):
            others = {"ja": (self.no, self.abstention), "nein": (self.yes, self.abstention),
                      "enthaltung": (self.yes, self.no)}[self.voting]
            if any(others):
                raise ValueError(f"`votum: {self.voting}` heißt geschlossen; andere Stimmen passen nicht dazu")
        return self


class NamedVote(DataModel):
    """One person's vote in a namentliche Abstimmung."""

    person: Slug = Field(description="Schlüssel der Person in data/personen/<körperschaft>.yml")
    vote: PersonalVote = Field(alias="stimme", description="ja, nein, enthaltung oder abwesend")
