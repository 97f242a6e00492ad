"""``congkhai serve``: MkDocs' live-reload server, with our pages regenerated before each rebuild.

The generator writes only the Markdown files whose text changed, so a YAML edit triggers exactly one
rebuild and no loop.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator import mkdocs_hook, site


def serve(content: Path, config_file: Path, work: Path, dev_addr: str) -> None:
    """Serve a live preview of ``content`` until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    catalog, _ = site.prepare(content, work)
    os.environ[mkdocs_hook.CONTENT_VAR] = str(content)
    os.environ[mkdocs_hook.WORK_VAR] = str(work)
    options = site.mkdocs_options(catalog, work / site.DOCS, Path(tempfile.mkdtemp(prefix="congkhai-")))
    del options["site_dir"]
    mkdocs_serve(
        config_file=str(config_file),
        dev_addr=dev_addr,
        livereload=True,
        watch=[str(content)],
        hooks=[mkdocs_hook.__file__],
        **options,
    )
