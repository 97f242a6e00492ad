"""The web editor at ``/admin/``: Decap CMS, its configuration generated from the datasets' models.

Staff who do not use git edit records in a form. Decap CMS (pinned in ``cms/package.json``) is copied
from ``cms/node_modules`` into the built site, never loaded from a CDN. Its ``config.yml`` is made here
from each dataset's pydantic model through its JSON Schema, so the form cannot drift from the rules
``congkhai check`` applies:

- one folder collection per dataset, one file per record (the unit registry, a single file, is a file
  collection; feedback, ``pakn/<năm>/<mã>.yml``, is one collection whose ``path`` keeps the year folder);
- ``select`` for closed lists (``Literal`` values), ``string`` with ``pattern`` and a Vietnamese hint for
  codes, addresses and slugs, ``number``, ``boolean``, ``datetime`` (date only) for dates, ``list`` and
  ``object`` for nested models, ``text`` for free text;
- labels and hints from the fields' docstrings (``use_attribute_docstrings``);
- ``publish_mode: editorial_workflow``: a change is a draft, then a pull request to review, then merged;
- backend ``github`` (``congkhai build --cms-repo OWNER/NAME``, or ``$GITHUB_REPOSITORY`` in GitHub
  Actions); ``local_backend`` (:data:`LOCAL_API`, the ``decap-server`` of ``make cms`` editing a working
  copy on one's own machine) only in a local build (``congkhai build --cms-local``), never in the
  published ``admin/config.yml``, which every visitor reads.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.build.security import admin_csp
from generator.core.fields import PATTERN_MESSAGES
from generator.core.yamllayout import model_order
from generator.site.dataset import AnyDataset

ADMIN = "admin"
"""The editor's folder in the built site."""

CMS_DIST = Path(__file__).resolve().parents[2] / "cms" / "node_modules" / "decap-cms" / "dist"
"""Where ``npm ci --prefix cms`` puts Decap CMS's browser bundle."""

SCRIPT = "decap-cms.js"
"""The bundle's entry point; it loads its numbered chunks and WebAssembly files from beside itself."""

CMS_FOLDER = Path(__file__).resolve().parents[2] / "cms"
"""``cms/``: the editor's own scripts, and the packages ``npm ci --prefix cms`` installs."""

YAML_BROWSER = CMS_FOLDER / "node_modules" / "yaml" / "browser"
"""npm ``yaml``'s browser build (ES modules), copied to ``admin/yaml/``."""

LAYOUT_SCRIPT = "congkhai-yaml.js"
"""The editor's YAML writer (``cms/congkhai-yaml.js``): saves a record in the content layout
(:mod:`generator.core.yamllayout`), changing only the lines of the values that changed."""

FORMATS_SCRIPT = "congkhai-formats.js"
"""Registers one Decap format per collection (its model's key order), then starts Decap CMS."""

INIT_SCRIPT = "congkhai-init.js"
"""Run before Decap CMS: it must wait for the formats (``CMS_MANUAL_INIT``)."""


def format_name(dataset: AnyDataset) -> str:
    """The Decap format of a dataset's files: the content layout with its model's key order."""
    return f"congkhai-{dataset.name}"


_BUNDLE_FILE = re.compile(r"^(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$")
"""The bundle's files copied into the site (not the source maps: 25 MB no visitor needs)."""

LOCAL_API = "http://127.0.0.1:8081/api/v1"
"""Where a local build's editor finds ``decap-server`` (``make cms`` binds it to this machine alone)."""

PLACEHOLDER_REPO = "chua-cau-hinh/kho-noi-dung"
"""The GitHub repository written when none is given: the editor then works only with ``decap-server``."""

OTHER_PATTERN_HINT = "giá trị không đúng dạng quy định"
"""The hint for a pattern that :data:`~generator.core.fields.PATTERN_MESSAGES` does not describe."""

_SHORT_LABEL = re.compile(r"^([^:.;(«]{2,48})[:.;(]")
"""A docstring's leading words, when short, make the field's label («Cơ quan thực hiện: who …»)."""


def cms_repo(option: str | None) -> str:
    """The GitHub repository the editor commits to: the option, else ``$GITHUB_REPOSITORY``, else a
    placeholder (only the local backend then works)."""
    return option or os.environ.get("GITHUB_REPOSITORY") or PLACEHOLDER_REPO


def cms_config(
    datasets: Sequence[AnyDataset],
    content_dir: str = "content",
    repo: str = PLACEHOLDER_REPO,
    branch: str = "main",
    site_url: str | None = None,
    local: bool = False,
) -> dict[str, Any]:
    """Decap CMS's configuration for ``datasets``, whose content folder is ``content_dir`` (relative to
    the repository's root); with ``local``, for a build on one's own machine that edits through
    ``decap-server`` (:data:`LOCAL_API`)."""
    config: dict[str, Any] = {
        "backend": {
            "name": "github",
            "repo": repo,
            "branch": branch,
            "commit_messages": {
                "create": "Thêm {{collection}} «{{slug}}»",
                "update": "Sửa {{collection}} «{{slug}}»",
                "delete": "Xóa {{collection}} «{{slug}}»",
                "uploadMedia": "Tải lên «{{path}}»",
                "deleteMedia": "Xóa «{{path}}»",
            },
        },
        "publish_mode": "editorial_workflow",
        "locale": "vi",
        "media_folder": f"{content_dir}/mau",
        "public_folder": "/mau",
        "omit_empty_optional_fields": True,
        "collections": [collection(d, content_dir) for d in datasets],
    }
    if local:
        config["local_backend"] = {"url": LOCAL_API}
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    return config


def collection(dataset: AnyDataset, content_dir: str) -> dict[str, Any]:
    """One dataset's collection: a folder of records, or the one file it keeps."""
    schema = dataset.model.model_json_schema()
    fields = object_fields(schema, schema.get("$defs", {}))
    label = f"{dataset.noun[:1].upper()}{dataset.noun[1:]} ({dataset.name})"
    base: dict[str, Any] = {"name": dataset.name, "label": label, "label_singular": dataset.noun}
    single = single_file(dataset)
    if single is not None:  # one file in the content folder itself (don-vi.yml)
        entry = {"name": dataset.name, "label": label, "file": f"{content_dir}/{single}", "fields": fields}
        return {**base, "format": format_name(dataset), "files": [entry]}
    patterns = (dataset.pattern,) if isinstance(dataset.pattern, str) else dataset.pattern
    depth = max(p.count("/") for p in patterns)
    slug = slug_template(dataset)
    result: dict[str, Any] = {
        **base,
        "folder": f"{content_dir}/{getattr(dataset, 'folder', dataset.name)}",
        "extension": "yml",
        "format": format_name(dataset),
        "create": True,
        "delete": False,
        "identifier_field": re.findall(r"\{\{(\w+)\}\}", slug)[0],
        "slug": slug,
        "summary": slug,
        "fields": fields,
    }
    if depth:  # records in year folders: <năm>/<mã>.yml, a new one filed under the current year
        result["path"] = "/".join(["{{year}}"] * depth + ["{{slug}}"])
        # the folder's settings file (cau-hinh.yml) has no such field: not a record
        result["filter"] = {"field": result["identifier_field"], "pattern": "."}
    return result


def single_file(dataset: AnyDataset) -> str | None:
    """The file name of a dataset kept in one file of the content folder (``don-vi.yml``), else ``None``.

    Asked of the dataset itself: its :meth:`files` finds ``<name>.yml`` in an otherwise empty folder.
    """
    with tempfile.TemporaryDirectory() as probe:
        root = Path(probe)
        for name in (f"{dataset.name}.yml", f"{dataset.name}.yaml"):
            (root / name).touch()
        found = dataset.files(root)
    return found[0].name if len(found) == 1 and found[0].parent == root else None


def slug_template(dataset: AnyDataset) -> str:
    """The file name of a new record as a Decap template, from the dataset's own :meth:`key`: the key
    of a record whose every field holds ``{{field}}`` (``{{nam}}-q{{quy}}`` for a quarter)."""
    names = dataset.model.model_fields
    values: dict[str, Any] = {name: "{{" + name + "}}" for name in names}
    probe = dataset.model.model_construct(None, **values)
    try:
        return str(dataset.key(probe))
    except Exception:
        required = [n for n, f in names.items() if f.is_required()]
        return "{{" + (required or list(names))[0] + "}}"


def object_fields(schema: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    """The form fields of an object schema, in the model's order."""
    required = set(schema.get("required", []))
    return [
        field_config(name, node, defs, name in required)
        for name, node in schema.get("properties", {}).items()
    ]


def field_config(name: str, node: dict[str, Any], defs: dict[str, Any], required: bool) -> dict[str, Any]:
    """One form field: its widget from the schema's type, its label and hint from the description."""
    description = str(node.get("description", "")).strip()
    field: dict[str, Any] = {"name": name, "label": label_of(name, description)}
    if description:
        field["hint"] = description
    if not required:
        field["required"] = False
    field.update(widget(node, defs))
    default = node.get("default")
    plain = field["widget"] in ("select", "boolean", "number", "string")
    if isinstance(default, (str, int, float, bool)) and plain and not required:
        field["default"] = default
    return field


def label_of(name: str, description: str) -> str:
    """The label: the description's leading words when short («Cơ quan thực hiện»), with the YAML key
    that ``congkhai check`` names in its messages."""
    match = _SHORT_LABEL.match(description)
    if match and not match.group(1).strip().isascii():
        return f"{match.group(1).strip()} ({name})"
    return name


def widget(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The widget settings of one schema node (``$ref`` followed, ``X | None`` read as ``X``)."""
    node = _resolve(node, defs)
    options = [n for n in node.get("anyOf", []) if n.get("type") != "null"]
    if options:
        kinds = [_resolve(n, defs) for n in options]
        number = next((n for n in kinds if n.get("type") in ("number", "integer")), None)
        node = number if number is not None else kinds[0]  # a Decimal is «number or numeric string»
    if "enum" in node:
        return {"widget": "select", "options": list(node["enum"])}
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        return {"widget": "object", "collapsed": False, "fields": object_fields(node, defs)}
    if kind == "array":
        return _list_widget(node.get("items", {}), defs)
    if kind in ("number", "integer"):
        result: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        for key, setting in (("minimum", "min"), ("maximum", "max")):
            if key in node:
                result[setting] = node[key]
        return result
    if kind == "boolean":
        return {"widget": "boolean"}
    if node.get("format") == "date":
        return {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "DD/MM/YYYY",
            "time_format": False,
        }
    if node.get("format") == "date-time":
        return {"widget": "datetime"}
    if "pattern" in node:
        hint = PATTERN_MESSAGES.get(node["pattern"], OTHER_PATTERN_HINT)
        return {"widget": "string", "pattern": [node["pattern"], f"Không hợp lệ: {hint}"]}
    return {"widget": "text"}


def _list_widget(items: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """A list: of objects (one sub-form per item), or of plain values (one field per item)."""
    resolved = _resolve(items, defs)
    if resolved.get("type") == "object" or "properties" in resolved:
        return {"widget": "list", "collapsed": False, "fields": object_fields(resolved, defs)}
    item = {"name": "muc", "label": "Mục", **widget(items, defs)}
    if item["widget"] == "text":
        item["widget"] = "string"
    return {"widget": "list", "field": item}


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` replaced by the definition (keeping the node's own description)."""
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return node
    target = dict(defs[ref.rsplit("/", 1)[-1]])
    target.update({k: v for k, v in node.items() if k != "$ref"})
    return target


def config_names(config: dict[str, Any]) -> Iterable[tuple[str, ...]]:
    """Every field path of a configuration (``thu-tuc/cach_thuc/phi_le_phi/so_tien``), for the tests."""

    def walk(fields: list[dict[str, Any]], prefix: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
        for field in fields:
            path = (*prefix, field["name"])
            yield path
            yield from walk(field.get("fields", []), path)

    for item in config["collections"]:
        for fields in [item.get("fields", [])] + [f["fields"] for f in item.get("files", [])]:
            yield from walk(fields, (item["name"],))


def write_layout_scripts(folder: Path, datasets: Sequence[AnyDataset]) -> None:
    """The editor's YAML writer, npm ``yaml`` beside it, and the formats of ``datasets`` (each with its
    model's key order, :func:`~generator.core.yamllayout.model_order`)."""
    target = folder / "yaml"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(YAML_BROWSER, target)
    shutil.copyfile(CMS_FOLDER / LAYOUT_SCRIPT, folder / LAYOUT_SCRIPT)
    orders = {format_name(d): model_order(d.model) for d in datasets}
    (folder / FORMATS_SCRIPT).write_text(
        "// Tạo tự động (generator/build/admin.py): đừng sửa tay.\n"
        f"import {{ format }} from './{LAYOUT_SCRIPT}';\n\n"
        f"const ORDERS = {json.dumps(orders, ensure_ascii=False, sort_keys=True)};\n\n"
        "for (const [name, order] of Object.entries(ORDERS)) {\n"
        "  window.CMS.registerCustomFormat(name, 'yml', format(order));\n"
        "}\n"
        "window.CMS.init();\n",
        encoding="utf-8",
    )
    (folder / INIT_SCRIPT).write_text(
        "// Decap CMS waits for congkhai-formats.js, which registers the formats, then starts it.\n"
        "window.CMS_MANUAL_INIT = true;\n",
        encoding="utf-8",
    )


INDEX_HTML = """<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta http-equiv="Content-Security-Policy" content="{csp}">
  <title>Soạn thảo nội dung — {title}</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
{body}
</body>
</html>
"""

MISSING = (
    "<p>Chưa cài trình soạn thảo: chạy <code>npm ci --prefix cms</code> (hoặc <code>make site</code>) "
    "rồi dựng lại trang.</p>"
)


def write_admin(
    site: Path,
    datasets: Sequence[AnyDataset],
    title: str,
    content_dir: str = "content",
    repo: str = PLACEHOLDER_REPO,
    site_url: str | None = None,
    dist: Path = CMS_DIST,
    local: bool = False,
) -> Path:
    """Write ``admin/`` into the built ``site``: the page, the generated configuration (``local``: for
    ``decap-server`` on this machine, :func:`cms_config`) and Decap CMS's bundle (only a notice when the
    bundle is not installed)."""
    folder = site / ADMIN
    folder.mkdir(parents=True, exist_ok=True)
    config = cms_config(datasets, content_dir, repo, site_url=site_url, local=local)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
    header = "# Tạo tự động từ các mô hình dữ liệu (generator/build/admin.py): đừng sửa tay.\n"
    (folder / "config.yml").write_text(header + text, encoding="utf-8")
    bundle = sorted(p for p in dist.iterdir() if _BUNDLE_FILE.match(p.name)) if dist.is_dir() else []
    for path in bundle:
        shutil.copyfile(path, folder / path.name)
    body = f'<script src="{SCRIPT}"></script>' if bundle else MISSING
    if bundle and YAML_BROWSER.is_dir():
        write_layout_scripts(folder, datasets)
        body = (
            f'<script src="{INIT_SCRIPT}"></script>\n{body}\n'
            f'<script type="module" src="{FORMATS_SCRIPT}"></script>'
        )
    page = INDEX_HTML.format(
        title=html.escape(title), body=body, csp=html.escape(admin_csp(local), quote=False)
    )
    (folder / "index.html").write_text(page, encoding="utf-8")
    return folder
