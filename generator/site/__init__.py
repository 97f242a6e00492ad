"""The site itself: agency, sectors, synonyms, hand-written pages, the catalog and the dataset interface."""

from pathlib import Path

from generator.core.render import add_templates

add_templates("site", Path(__file__).parent / "templates")
