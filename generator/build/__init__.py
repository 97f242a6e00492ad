"""Turning a valid catalog into the published site: the docs folder, MkDocs, the search index, publishing
and the preview."""
