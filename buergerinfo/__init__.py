"""Bürgerinfo core: data model, loading, validation, derived views and exports. No MkDocs imports here."""
