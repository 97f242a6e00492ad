"""The web editor at ``/admin/``: Decap CMS, its configuration generated from the datasets' models.

Staff who do not use git edit records in a form. Decap CMS (pinned in ``cms/package.json``) is copied
from ``cms/node_modules`` into the built site, never loaded from a CDN. Its ``config.yml`` is made here
from each dataset's pydantic model through its JSON Schema, so the form cannot drift from the rules
``congkhai check`` applies:

- one folder collection per dataset, one file per record (the unit registry, a single file, is a file
  collection; feedback, ``pakn/<năm>/<mã>.yml``, is one collection whose ``path`` keeps the year folder);
- ``select`` for closed lists (``Literal`` values), ``string`` with ``pattern`` and a Vietnamese hint for
  codes, addresses and slugs, ``number``, ``tien`` for sums of money (:data:`MONEY_WIDGET`), ``boolean``,
  ``ngay`` for dates (:data:`DATE_WIDGET`), ``list`` and
  ``object`` for nested models, ``text`` for free text;
- labels, hints and the closed lists' options (``{label, value}``) in Vietnamese, from the models
  (:mod:`generator.core.labels`, through the schema's ``title``, ``description`` and
  ``enumDescriptions``);
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
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.build.editor import (
    Path_,
    editor_rules,
    money_fields,
    placeholder_record,
    references,
    rules_script,
)
from generator.build.security import admin_csp
from generator.core.fields import PATTERN_MESSAGES, Refers
from generator.core.labels import ENUM_LABELS
from generator.core.privacy import AllowList
from generator.core.yamllayout import form_order
from generator.site.dataset import AnyDataset

ADMIN = "admin"
"""The editor's folder in the built site."""

CMS_DIST = Path(__file__).resolve().parents[2] / "cms" / "node_modules" / "decap-cms" / "dist"
"""Where ``npm ci --prefix cms`` puts Decap CMS's browser bundle."""

CMS_SOURCE = CMS_DIST.parents[2]
"""The ``cms/`` folder: the editor's own script (``congkhai.js``) and its ``node_modules``."""

PHONES = CMS_SOURCE / "node_modules" / "libphonenumber-js" / "bundle" / "libphonenumber-max.js"
"""libphonenumber-js for the browser, with the metadata that tells mobile from landline numbers."""

BEFORE_CMS = ("congkhai-rules.js", "libphonenumber-max.js")
"""The scripts loaded before Decap CMS: the rules of ``check`` (which also stop Decap from starting by
itself, ``CMS_MANUAL_INIT``), phone numbers."""

AFTER_CMS = ("congkhai.js",)
"""The script loaded after Decap CMS: it applies the rules, then starts the editor (``CMS.init()``), so
that a cached configuration cannot make the editor's backend before the rules wrap it."""

SCRIPT = "decap-cms.js"
"""The bundle's entry point; it loads its numbered chunks and WebAssembly files from beside itself."""

LOCALE = Path(__file__).resolve().parents[2] / "cms" / "vi.js"
"""The editor's interface in Vietnamese: Decap CMS's «vi» locale completed and the date widget, loaded
first; both are registered when the page has loaded, just before ``congkhai.js`` starts the editor."""

YAML_BROWSER = CMS_SOURCE / "node_modules" / "yaml" / "browser"
"""npm ``yaml``'s browser build (ES modules), copied to ``admin/yaml/``."""

LAYOUT_SCRIPT = "congkhai-yaml.js"
"""The editor's YAML writer (``cms/congkhai-yaml.js``): saves a record in the content layout
(:mod:`generator.core.yamllayout`), changing only the lines of the values that changed."""

FORMATS_SCRIPT = "congkhai-formats.js"
"""Registers one Decap format per collection (its model's key order); a module, so it runs before the
page's load event, on which ``congkhai.js`` starts Decap CMS."""


def format_name(dataset: AnyDataset) -> str:
    """The Decap format of a dataset's files: the content layout with its model's key order."""
    return f"congkhai-{dataset.name}"


_BUNDLE_FILE = re.compile(r"^(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$")
"""The bundle's files copied into the site (not the source maps: 25 MB no visitor needs)."""

DATE_WIDGET = "ngay"
"""The widget of a date (``cms/vi.js``): typed and shown DD/MM/YYYY, written YYYY-MM-DD."""

MONEY_WIDGET = "tien"
"""The widget of a sum of money (``cms/vi.js``): typed and shown with dots between thousands
(``1.200.000``, ``1.200.000 đồng``, ``1 200 000`` are read alike), written as a whole number."""

LOCAL_API = "http://127.0.0.1:8081/api/v1"
"""Where a local build's editor finds ``decap-server`` (``make cms`` binds it to this machine alone)."""

PLACEHOLDER_REPO = "chua-cau-hinh/kho-noi-dung"
"""The GitHub repository written when none is given: the editor then works only with ``decap-server``."""

OTHER_PATTERN_HINT = "giá trị không đúng dạng quy định"
"""The hint for a pattern that :data:`~generator.core.fields.PATTERN_MESSAGES` does not describe."""


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
    choices: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    next_keys: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Decap CMS's configuration for ``datasets``, whose content folder is ``content_dir`` (relative to
    the repository's root); with ``local``, for a build on one's own machine that edits through
    ``decap-server`` (:data:`LOCAL_API`); ``choices``: the items of the registries and settings the
    pickers offer, by file (:func:`generator.build.editor.choices`); ``next_keys``: the code a new
    record's form starts with, by dataset (:meth:`~generator.site.dataset.Dataset.next_key`)."""
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
        "collections": [
            collection(d, content_dir, choices or {}, (next_keys or {}).get(d.name)) for d in datasets
        ],
    }
    if local:
        config["local_backend"] = {"url": LOCAL_API}
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    return config


def collection(
    dataset: AnyDataset,
    content_dir: str,
    choices: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    next_key: str | None = None,
) -> dict[str, Any]:
    """One dataset's collection: a folder of records, or the one file it keeps; ``next_key``: the code a
    new record starts with, when the file is named by that one field."""
    schema = dataset.model.model_json_schema()
    refs, money = dict(references(dataset.model)), set(money_fields(dataset.model))
    form = _Form(schema.get("$defs", {}), refs, choices or {}, money)
    fields = form.object_fields(schema, ())
    label = f"{dataset.noun[:1].upper()}{dataset.noun[1:]}"
    base: dict[str, Any] = {"name": dataset.name, "label": label, "label_singular": dataset.noun}
    single = single_file(dataset)
    if single is not None:  # one file in the content folder itself (don-vi.yml)
        entry = {"name": dataset.name, "label": label, "file": f"{content_dir}/{single}", "fields": fields}
        return {**base, "format": format_name(dataset), "files": [entry]}
    patterns = (dataset.pattern,) if isinstance(dataset.pattern, str) else dataset.pattern
    depth = max(p.count("/") for p in patterns)
    slug = slug_template(dataset)
    named_by = re.fullmatch(r"\{\{(\w+)\}\}", slug)
    if next_key is not None and named_by:  # the next free code (PAKN-2026-047), as the form's start
        code = next(f for f in fields if f["name"] == named_by[1])
        code["default"] = next_key
    result: dict[str, Any] = {
        **base,
        "folder": f"{content_dir}/{getattr(dataset, 'folder', dataset.name)}",
        "extension": "yml",
        "format": format_name(dataset),
        "create": True,
        "delete": False,
        "identifier_field": re.findall(r"\{\{(\w+)\}\}", slug)[0],
        "slug": slug,
        "summary": summary_template(dataset, slug),
        "fields": fields,
    }
    if depth:  # records in year folders: <năm>/<mã>.yml, a new one filed under the current year
        # (the folder's settings file, pakn/cau-hinh.yml, is left out of the list by cms/congkhai.js)
        result["path"] = "/".join(["{{year}}"] * depth + ["{{slug}}"])
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
    try:
        return str(dataset.key(placeholder_record(dataset, _field_slot)))
    except Exception:
        required = [n for n, f in names.items() if f.is_required()]
        return "{{" + (required or list(names))[0] + "}}"


def _field_slot(name: str) -> str:
    """A field's place in a Decap template: ``{{name}}``."""
    return "{{" + name + "}}"


def summary_template(dataset: AnyDataset, slug: str) -> str:
    """What the collection's list shows of each record: its title when the dataset gives records one
    from their fields (:meth:`title_of`: «Tên thủ tục (1.000080)»), else its code and its name or
    title field (``ten…``, ``tieu_de``) when it has one («PAKN-2025-001 — Tiêu đề»)."""
    names = dataset.model.model_fields
    try:
        title = str(dataset.title_of(placeholder_record(dataset, _field_slot)))
    except Exception:
        title = slug
    if title != slug and "{{" in title:
        return title if slug in title else f"{slug} — {title}"
    named = [n for n, f in names.items() if f.is_required() and (n.startswith("ten") or n == "tieu_de")]
    return f"{slug} — {{{{{named[0]}}}}}" if named and "{{" in slug else slug


class _Form:
    """The form fields of one dataset's model: its schema's definitions, the fields that name registry
    items or other records (:func:`generator.build.editor.references`) and the items offered."""

    def __init__(
        self,
        defs: dict[str, Any],
        refs: Mapping[Path_, Refers],
        choices: Mapping[str, Sequence[tuple[str, str]]],
        money: set[Path_] | None = None,
    ) -> None:
        self.defs, self.refs, self.choices, self.money = defs, refs, choices, money or set()

    def object_fields(
        self, schema: dict[str, Any], path: Path_, optional: bool = False
    ) -> list[dict[str, Any]]:
        """The form fields of an object schema, in the model's order; in an ``optional`` group none is
        required by the form (the editor's script requires them once the group is filled)."""
        required = set(schema.get("required", [])) if not optional else set()
        return [
            self.field_config(name, node, (*path, name), name in required)
            for name, node in schema.get("properties", {}).items()
        ]

    def field_config(self, name: str, node: dict[str, Any], path: Path_, required: bool) -> dict[str, Any]:
        """One form field: its widget from the schema's type, its label and hint from the model's
        (:mod:`generator.core.labels`: the schema's ``title`` and ``description``)."""
        hint = str(node.get("description", "")).strip()
        field: dict[str, Any] = {"name": name, "label": str(node.get("title") or name)}
        if hint:
            field["hint"] = hint
        if not required:
            field["required"] = False
        field.update(self.widget(node, path, optional=not required))
        if field["widget"] == "list":  # «Thêm bước xử lý», «2 bước xử lý», not «2 các bước xử lý»
            field["label_singular"] = _singular(field["label"])
            field["label"] = field["label_singular"][:1].upper() + field["label_singular"][1:]
        default = node.get("default")
        plain = field["widget"] in ("select", "boolean", "number", "string")
        if isinstance(default, (str, int, float, bool)) and plain and not required:
            field["default"] = default
        return field

    def widget(self, node: dict[str, Any], path: Path_, optional: bool = False) -> dict[str, Any]:
        """The widget settings of one schema node (``$ref`` followed, ``X | None`` read as ``X``)."""
        node = _resolve(node, self.defs)
        ref = self.refs.get(path)
        if ref is not None:
            picker = self.picker(ref, many=node.get("type") == "array")
            if picker is not None:
                return {**picker, **({"min": node["minItems"]} if "minItems" in node else {})}
        options = [n for n in node.get("anyOf", []) if n.get("type") != "null"]
        if options:
            kinds = [_resolve(n, self.defs) for n in options]
            number = next((n for n in kinds if n.get("type") in ("number", "integer")), None)
            node = number if number is not None else kinds[0]  # a Decimal is «number or numeric string»
        if "enum" in node:
            return {"widget": "select", "options": select_options(node)}
        if path in self.money:
            return {"widget": MONEY_WIDGET}
        kind = node.get("type")
        if kind == "object" or "properties" in node:
            return {
                "widget": "object",
                "collapsed": False,
                "fields": self.object_fields(node, path, optional),
            }
        if kind == "array":
            at_least = {"min": node["minItems"]} if "minItems" in node else {}
            # starts empty: Decap would otherwise add an item holding its fields' defaults, whose
            # required fields then block saving a record that has none
            return {**self.list_widget(node.get("items", {}), path), **at_least, "default": []}
        if kind in ("number", "integer"):
            result: dict[str, Any] = {
                "widget": "number",
                "value_type": "int" if kind == "integer" else "float",
            }
            for key, setting in (("minimum", "min"), ("maximum", "max")):
                if key in node:
                    result[setting] = node[key]
            return result
        if kind == "boolean":
            return {"widget": "boolean"}
        if node.get("format") == "date":
            return {"widget": DATE_WIDGET}
        if node.get("format") == "date-time":
            return {"widget": "datetime"}
        if "pattern" in node:
            hint = PATTERN_MESSAGES.get(node["pattern"], OTHER_PATTERN_HINT)
            return {"widget": "string", "pattern": [node["pattern"], f"Không hợp lệ: {hint}"]}
        return {"widget": "text"}

    def picker(self, ref: Refers, many: bool) -> dict[str, Any] | None:
        """A field naming registry items or records: a choice that shows names and stores codes (a
        relation to another collection; a select over a content file's items, when they are known)."""
        if ref.collection:
            if ref.items:  # a list kept in one file (don-vi.yml)
                value, label = f"{ref.items}.*.{ref.value}", f"{ref.items}.*.{ref.label}"
                where = {"collection": ref.collection, "file": ref.collection}
            else:
                value, label = ref.value, ref.label
                where = {"collection": ref.collection}
            return {
                "widget": "relation",
                **where,
                "value_field": value,
                "search_fields": [label, value],
                "display_fields": [value, label],
                "options_length": 50,
                **({"multiple": True} if many else {}),
            }
        items = self.choices.get(ref.file)
        if items is None:
            return None
        return {
            "widget": "select",
            "options": item_options(items),
            **({"multiple": True} if many else {}),
        }

    def list_widget(self, items: dict[str, Any], path: Path_) -> dict[str, Any]:
        """A list: of objects (one sub-form per item), or of plain values (one field per item)."""
        resolved = _resolve(items, self.defs)
        if resolved.get("type") == "object" or "properties" in resolved:
            return {"widget": "list", "collapsed": False, "fields": self.object_fields(resolved, path)}
        item = {"name": "muc", "label": "Mục", **self.widget(items, path)}
        if item["widget"] == "text":
            item["widget"] = "string"
        return {"widget": "list", "field": item}


def _singular(label: str) -> str:
    """One item of a list labelled ``label``: «Các bước xử lý» → «bước xử lý»."""
    words = label.split(" ", 1)
    one = words[1] if len(words) == 2 and words[0].lower() in ("các", "những") else label
    return one[:1].lower() + one[1:]


def select_options(node: dict[str, Any]) -> list[dict[str, Any]]:
    """A closed list's options: each value with its Vietnamese label (the value itself when it has none)."""
    values = list(node["enum"])
    labels = list(node.get(ENUM_LABELS, values))
    return [{"label": str(label), "value": value} for label, value in zip(labels, values, strict=True)]


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
    model's key order and what a new record leaves out, :func:`~generator.core.yamllayout.form_order`)."""
    target = folder / "yaml"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(YAML_BROWSER, target)
    shutil.copyfile(CMS_SOURCE / LAYOUT_SCRIPT, folder / LAYOUT_SCRIPT)
    orders = {format_name(d): form_order(d.model) for d in datasets}
    (folder / FORMATS_SCRIPT).write_text(
        "// Tạo tự động (generator/build/admin.py): đừng sửa tay.\n"
        f"import {{ format }} from './{LAYOUT_SCRIPT}';\n\n"
        f"const ORDERS = {json.dumps(orders, ensure_ascii=False, sort_keys=True)};\n\n"
        "for (const [name, order] of Object.entries(ORDERS)) {\n"
        "  window.CMS.registerCustomFormat(name, 'yml', format(order));\n"
        "}\n",
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


def site_styles(site: Path) -> list[Path]:
    """The built site's style sheets (Material's, then the theme's), which the editor's preview uses."""
    return sorted(site.glob("assets/stylesheets/*.min.css")) + sorted(site.glob("assets/congkhai*.css"))


def write_admin(
    site: Path,
    datasets: Sequence[AnyDataset],
    title: str,
    content_dir: str = "content",
    repo: str = PLACEHOLDER_REPO,
    site_url: str | None = None,
    dist: Path = CMS_DIST,
    local: bool = False,
    choices: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    allowed: AllowList | None = None,
    next_keys: Mapping[str, str] | None = None,
) -> Path:
    """Write ``admin/`` into the built ``site``: the page, the generated configuration (``local``: for
    ``decap-server`` on this machine, :func:`cms_config`) and Decap CMS's bundle (only a notice when the
    bundle is not installed)."""
    folder = site / ADMIN
    folder.mkdir(parents=True, exist_ok=True)
    config = cms_config(
        datasets, content_dir, repo, site_url=site_url, local=local, choices=choices, next_keys=next_keys
    )
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
    header = "# Tạo tự động từ các mô hình dữ liệu (generator/build/admin.py): đừng sửa tay.\n"
    (folder / "config.yml").write_text(header + text, encoding="utf-8")
    bundle = sorted(p for p in dist.iterdir() if _BUNDLE_FILE.match(p.name)) if dist.is_dir() else []
    for path in bundle:
        shutil.copyfile(path, folder / path.name)
    body = MISSING
    if bundle:
        rules = editor_rules(datasets, content_dir, allowed or AllowList())
        for item in config["collections"]:  # the preview's heading: what the list shows of a record
            summary = item.get("summary", "")
            rules["collections"][item["name"]]["title"] = re.findall(r"\{\{(\w+)\}\}", summary)
            rules["collections"][item["name"]]["folderCollection"] = "folder" in item
        rules["styles"] = [f"../{p.relative_to(site).as_posix()}" for p in site_styles(site)]
        (folder / "congkhai-rules.js").write_text(rules_script(rules), encoding="utf-8")
        shutil.copyfile(PHONES, folder / "libphonenumber-max.js")
        shutil.copyfile(CMS_SOURCE / "congkhai.js", folder / "congkhai.js")
        shutil.copyfile(LOCALE, folder / LOCALE.name)
        write_layout_scripts(folder, datasets)
        scripts = "\n".join(
            f'<script src="{name}"></script>' for name in (LOCALE.name, *BEFORE_CMS, SCRIPT, *AFTER_CMS)
        )
        body = f'{scripts}\n<script type="module" src="{FORMATS_SCRIPT}"></script>'
    page = INDEX_HTML.format(
        title=html.escape(title), body=body, csp=html.escape(admin_csp(local), quote=False)
    )
    (folder / "index.html").write_text(page, encoding="utf-8")
    return folder


def item_options(items: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    """A closed list's choices as staff read them: the name alone, stored as its code; a name that two
    items share is told apart by the code in brackets."""
    names = Counter(name for _, name in items)
    return [
        {"label": name if names[name] == 1 else f"{name} ({code})", "value": code} for code, name in items
    ]
