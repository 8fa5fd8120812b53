"""2. Model: what the data is. One class per concept, named after OParl 1.1, and the JSON Schemas.

The classes validate the YAML and generate the schemas that give editors autocompletion, so the
two cannot drift apart; `structure` holds the loaded Archive and its records.
May import: reading. Nothing here knows about MkDocs.
"""
