"""4. Views: what the data means for a reader, from the public view only.

`views.public_view` is the only way the site, the search and the exports get at the data: status,
Sitzungen built from the Beratungsfolgen, backlinks, dossier stages, Markdown made safe.
May import: reading, model.
"""
