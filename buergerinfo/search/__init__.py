"""5. Search: the site's pages as documents → a static, sharded German full-text index.

`analyzer` turns text into stems, `documents` is what the site hands over, `index` writes the
shards and facets, `display` the plain-text result files. The browser side is search/*.js.
May import: reading, model, views.
"""
