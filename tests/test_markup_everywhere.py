"""Nothing a record says becomes markup: a marker in every text field of every model, a whole site built,
every published file parsed for a live marker.

The fields are found from the models (:mod:`tests.schema_walk`), not listed: a new field of any dataset,
registry or settings file is planted and looked for the day it is added. The marker tries every way out:
closing quotes and the elements whose text is not parsed as markup, a tag, and Markdown emphasis. A live
marker is an element ``ck-m`` (or the emphasis of its text) in any HTML page, SVG chart, Atom feed or
sitemap, or inside the HTML an Atom feed carries as text; open data must parse.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .browser import chromium, serve_directory
from .conftest import build_site
from .schema_walk import Planted, every_model, plant, sample_content, text_fields

LIVE_TAG = "ck-m"


class Markers:
    """Makes one marker per planted field, numbered, and remembers which field each number is."""

    def __init__(self) -> None:
        self.fields: list[str] = []

    def __call__(self, field: str) -> str:
        self.fields.append(field)
        n = len(self.fields)
        return f'"\'></title></textarea></script><{LIVE_TAG} n="{n}"></{LIVE_TAG}>*ckem{n}*'

    def field_of(self, number: str) -> str:
        """The field the marker ``number`` was planted in."""
        return self.fields[int(number) - 1]


@dataclass(frozen=True)
class Planting:
    site: Path
    planted: Planted
    markers: Markers


@pytest.fixture(scope="module")
def planting(tmp_path_factory: pytest.TempPathFactory) -> Planting:
    root = tmp_path_factory.mktemp("markup")
    content = sample_content(root)
    markers = Markers()
    # A hand page is Markdown (its emphasis is wanted), and its HTML goes through the sanitiser: no tag.
    hand = [markers("trang").partition("*")[0] for _ in range(3)]
    title = markers("trang").partition("<")[2].partition("*")[0]  # a link's title, as the theme shows it
    link = f"[liên kết](https://example.gov.vn/ '<{title}')"
    (content / "trang/moc.md").write_text(
        f"# Trang {hand[0]}\n\n{hand[1]}\n\n<div>{hand[2]}</div>\n\n{link}\n", encoding="utf-8"
    )
    planted = plant(content, markers)
    return Planting(build_site(content, root), planted, markers)


def test_every_text_field_of_every_model_was_planted(planting: Planting) -> None:
    untried = {
        model.__name__: missing
        for model in every_model()
        if (missing := sorted(set(text_fields(model)) - planting.planted.tried(model)))
    }
    assert untried == {}


def test_free_text_fields_hold_the_marker(planting: Planting) -> None:
    """The fields that carry what people write (not codes or addresses) take the marker: the test reaches
    them, and the model does not refuse text that looks like markup but is only text."""
    held = {model.__name__: planting.planted.held_by(model) for model in every_model()}
    assert {"tieu_de", "tom_tat", "tra_loi"} <= held["Feedback"]
    assert {"ten_thu_tuc", "cach_thuc[].phi_le_phi[].mo_ta"} <= held["Procedure"]
    assert {"linh_vuc[].ten", "linh_vuc[].mo_ta"} <= held["SectorRegistry"]
    assert {"ten_co_quan", "gioi_thieu"} <= held["Agency"]


def test_no_marker_is_live_in_any_published_file(planting: Planting) -> None:
    live = sorted({(path, planting.markers.field_of(n)) for path, n in live_markers(planting.site)})
    assert live == []


def test_the_markers_are_published_as_text(planting: Planting) -> None:
    """The test looks where the markers are: the pages show them as the text staff typed (a hand page's
    link title too; its tags are removed by the sanitiser)."""
    shown = {planting.markers.field_of(n) for n in shown_markers(planting.site)}
    assert {"tieu_de", "linh_vuc[].ten", "ten_thu_tuc", "ten_co_quan", "trang"} <= shown


def test_no_marker_is_escaped_twice(planting: Planting) -> None:
    """Escaped once: a reader sees ``<ck-m``, not ``&lt;ck-m`` (text and attributes alike)."""
    twice = sorted(
        str(path.relative_to(planting.site))
        for path in planting.site.rglob("*.html")
        if re.search(rf"&(lt|amp|#60);(lt;)?{LIVE_TAG}", _text_of(path))
    )
    assert twice == []


def _text_of(path: Path) -> str:
    parser = _MarkerParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.text


def live_markers(site: Path) -> Iterator[tuple[str, str]]:
    """``(file, marker number)`` of every live marker in the built site."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = str(path.relative_to(site))
        if path.suffix == ".html":
            yield from ((name, n) for n in _live_in_html(path.read_text(encoding="utf-8")))
        elif path.suffix in (".xml", ".svg"):
            yield from ((name, n) for n in _live_in_xml(path.read_bytes()))
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".csv":
            list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def shown_markers(site: Path) -> set[str]:
    """The marker numbers that appear as text in the built HTML pages."""
    found: set[str] = set()
    for path in site.rglob("*.html"):
        found.update(re.findall(rf'<{LIVE_TAG} n="(\d+)">', _text_of(path)))
    return found


class _MarkerParser(HTMLParser):
    """The live markers of one HTML document, and its text (script and style contents included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.emphasis = 0
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.text += "".join(f"\n{value}\n" for _, value in attrs if value)
        if tag == LIVE_TAG:
            self.live.append(dict(attrs).get("n") or "?")
        if tag in ("em", "strong"):
            self.emphasis += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("em", "strong"):
            self.emphasis = max(0, self.emphasis - 1)

    def handle_data(self, data: str) -> None:
        self.text += data
        if self.emphasis:
            self.live += re.findall(r"^ckem(\d+)$", data.strip())


def _live_in_html(text: str) -> list[str]:
    parser = _MarkerParser()
    parser.feed(text)
    parser.close()
    return parser.live


def _live_in_xml(data: bytes) -> list[str]:
    live: list[str] = []
    for element in ET.fromstring(data).iter():
        if element.tag.rsplit("}", 1)[-1] == LIVE_TAG:
            live.append(element.get("n") or "?")
        if element.get("type") == "html" and element.text:  # Atom text that readers render as HTML
            live += _live_in_html(element.text)
    return live


def test_the_marker_test_finds_a_live_marker() -> None:
    """The parsers see a marker in each kind of file when it is live."""
    assert _live_in_html(f'<p><{LIVE_TAG} n="3"></{LIVE_TAG}></p>') == ["3"]
    assert _live_in_html("<p><em>ckem4</em></p>") == ["4"]
    assert _live_in_html(f'<p>&lt;{LIVE_TAG} n="5"&gt;</p><script>"<{LIVE_TAG} n=6>"</script>') == []
    atom = "http://www.w3.org/2005/Atom"
    feed = f'<feed xmlns="{atom}"><summary type="html">&lt;{LIVE_TAG} n="7"&gt;</summary></feed>'
    assert _live_in_xml(feed.encode()) == ["7"]


LIVE_IN_PAGE = f"document.querySelectorAll('{LIVE_TAG}').length"


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("tim-kiem/?q=khai+sinh", "a.ck-result__link"),
        ("pakn/?trang_thai=da_xu_ly", "#ck-pakn-found a"),
    ],
)
def test_no_marker_is_live_where_scripts_show_records(planting: Planting, path: str, shown: str) -> None:
    """The search page and the feedback filters write what the names index and Pagefind hold into the page:
    as text, never as markup."""
    with serve_directory(planting.site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + path)
        page.locator(shown).first.wait_for()
        page.wait_for_load_state("networkidle")
        assert (page.locator(shown).count() > 0, page.evaluate(LIVE_IN_PAGE)) == (True, 0)
        assert "ck-m n=" in page.locator(shown).first.inner_text()


def test_no_marker_is_live_in_the_header_results(planting: Planting) -> None:
    with serve_directory(planting.site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base)
        page.locator("#ck-header-q").fill("khai sinh")
        page.locator("#ck-header-results li").first.wait_for()
        assert page.evaluate(LIVE_IN_PAGE) == 0
        assert "ck-m n=" in page.locator("#ck-header-results").inner_text()


def one_page_of_each_kind(site: Path) -> list[str]:
    """The address of one page of each kind: the first page of each folder depth of each top folder."""
    kinds: dict[tuple[str, int], str] = {}
    for path in sorted(site.rglob("index.html")):
        parts = path.relative_to(site).parent.parts
        if parts[:1] != ("admin",):
            kinds.setdefault((parts[0] if parts else "", len(parts)), "/".join(parts) + "/" if parts else "")
    return sorted(kinds.values())


def test_no_marker_is_live_once_the_theme_scripts_ran(planting: Planting) -> None:
    """The theme's scripts (tooltips, navigation) read titles and attributes when a page loads or a link
    is hovered: nothing they write is markup, on a page of every kind."""
    pages = one_page_of_each_kind(planting.site)
    live = {}
    with serve_directory(planting.site) as base, chromium() as browser:
        page = browser.new_page()
        for path in pages:
            page.goto(base + path, wait_until="load")
            for link in page.locator("a[title]:visible").all()[:3]:
                link.hover(timeout=2000)
            live[path] = page.evaluate(LIVE_IN_PAGE)
    assert len(pages) > 15
    assert {path: n for path, n in live.items() if n} == {}
