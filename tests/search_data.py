"""Content for the search tests: the real national records in ``../shared``, imported with the importer."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.importer.run import import_records

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"


def make_content(sources: Path, out: Path) -> Path:
    """A content folder at ``out``: the project's site, sectors and synonyms, plus every national record."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "thu-tuc").mkdir(parents=True)
    for name in ("site.yml", "linh-vuc.yml", "tu-dong-nghia.yml"):
        shutil.copy(CONTENT / name, out / name)
    import_records([sources], out / "thu-tuc", register=True)  # every record, sectors added as needed
    return out
