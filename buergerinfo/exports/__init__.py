"""6. Exports: open data out: every format in its own module, each written from the public view only.

- `oparl`: OParl 1.1 as static JSON files (System, Body, Organization, Meeting, Paper …)
- `atom`: Atom feeds (RFC 4287) of new and changed Vorlagen and of one Vorlage's Beratungen
- `ical`: calendars of Sitzungen (RFC 5545)
- `tables`: all Vorlagen and all Beratungen as CSV and JSON, described by `datapackage`

Each module has one small public function taking the public `Views`, the site's addresses and
an `OutputFolder`, and writes its files one object at a time, so a city's archive is never held
as one big document in memory. Nothing here knows about MkDocs.
May import: reading, model, views, parallel (never importers or search).
"""
