// The search page (tim-kiem/): Pagefind with Vietnamese query handling, facets with counts, keyboard use.
//
// One query runs as up to MAX_QUERIES Pagefind searches, whose rankings are fused (see merge):
//   1. as typed, in NFC; with exact tone marks when it has any (Pagefind otherwise weighs «hộ» as if
//      it were «hồ» or «họ», found on every page);
//   2. its words joined into one and quoted ("dangkykhaisinh"), which matches only the page whose
//      «ten_lien» field is exactly that: the procedure named by what was typed comes first;
//   3. its neighbouring word pairs, folded ("dangky khaisinh"), against each page's «cum_tu» field:
//      this ranks the procedures whose name is what was typed first, with or without tone marks;
//   4. folded (đ → d), when it has marks: matches the folded fields of pages typed partly unaccented;
//   5. with a synonym or abbreviation swapped for the other terms of its group (tim-kiem/cau-hinh.json).
// generator/search.py builds the fields and explains why synonyms are applied here and in the index.

const PAGE_SIZE = 10;
const MAX_QUERIES = 5;
const DEBOUNCE_MS = 150;
const FUSION_K = 5;
const JOINED_WORDS = 8;
const MARKED = /[^\u0000-\u007f]/;

/** A query as searched: NFC, whitespace collapsed. */
export function normalise(text) {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Lower case, no tone marks, đ → d (the same folding as generator.fields.fold). */
export function fold(text) {
  return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "");
}

/** The folded words of a text, as generator.synonyms.words splits them. */
export function words(text) {
  return fold(text).match(/[0-9a-z]+/g) || [];
}

/** Neighbouring folded words joined, as generator.search.pairs makes them: "dangky kykhai khaitu". */
export function pairs(text) {
  const folded = words(text);
  return folded.slice(1).map((word, i) => folded[i] + word);
}

/** The name joined into one word as generator.search.joined makes it: "dangkykhaisinh". */
export function joined(text) {
  let folded = words(text);
  if (folded[0] === "thu" && folded[1] === "tuc") folded = folded.slice(2);
  return folded.slice(0, JOINED_WORDS).join("");
}

/** The searches to run for what was typed: [{query, exact, weight}], most telling first. */
export function variants(query, groups) {
  const typed = normalise(query);
  if (!typed) return [];
  const out = [];
  const add = (text, exact, weight) => {
    const known = out.some((v) => v.query === text && v.exact === exact);
    if (text && !known && out.length < MAX_QUERIES) out.push({ query: text, exact, weight });
  };
  const marked = MARKED.test(typed);
  add(typed, marked, 1);
  if (words(typed).length > 1) add(`"${joined(typed)}"`, false, 2);
  add(pairs(typed).join(" "), false, 1);
  if (marked) add(fold(typed), false, 0.5);
  for (const swap of synonymSwaps(typed, groups)) add(swap, MARKED.test(swap), 0.5);
  return out;
}

/** The query with each synonym or abbreviation in it replaced by the other terms of its group. */
export function synonymSwaps(typed, groups) {
  const tokens = typed.split(" ");
  const folded = tokens.map((token) => words(token).join(" "));
  const used = new Set();
  const out = [];
  for (const group of groups) {
    const terms = group.map((term) => ({ term, parts: words(term) })).filter((t) => t.parts.length);
    terms.sort((a, b) => b.parts.length - a.parts.length);
    const hit = findTerm(folded, terms, used);
    if (!hit) continue;
    for (let i = hit.start; i < hit.end; i++) used.add(i);
    for (const other of group) {
      if (other !== hit.term) out.push([...tokens.slice(0, hit.start), other, ...tokens.slice(hit.end)].join(" "));
    }
  }
  return out;
}

function findTerm(folded, terms, used) {
  for (const { term, parts } of terms) {
    for (let start = 0; start + parts.length <= folded.length; start++) {
      const span = folded.slice(start, start + parts.length);
      const free = span.every((_, k) => !used.has(start + k));
      if (free && span.join(" ") === parts.join(" ")) return { term, start, end: start + parts.length };
    }
  }
  return null;
}

/**
 * Merge several Pagefind searches ([{search, weight}]) by reciprocal rank fusion: a page earns
 * weight / (FUSION_K + rank) from each search that finds it. Pagefind's scores depend on the query and
 * cannot be compared across queries; ranks can. Filter counts are the largest any search reports.
 */
export function merge(runs) {
  const fused = new Map();
  runs.forEach(({ search, weight }, which) => {
    search.results.forEach((result, rank) => {
      const entry = fused.get(result.id) || { result, score: 0, order: which * 1e6 + rank };
      entry.score += weight / (FUSION_K + rank + 1);
      fused.set(result.id, entry);
    });
  });
  const results = [...fused.values()].sort((a, b) => b.score - a.score || a.order - b.order);
  const counts = {};
  for (const { search } of runs) {
    for (const [key, values] of Object.entries(search.filters || {})) {
      counts[key] = counts[key] || {};
      for (const [value, count] of Object.entries(values)) {
        counts[key][value] = Math.max(counts[key][value] || 0, count);
      }
    }
  }
  return { results: results.map((entry) => entry.result), counts };
}

/** Excerpt HTML from Pagefind as DOM: text and <mark> only, whatever the page text contained. */
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const fragment = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      fragment.append(mark);
    } else {
      fragment.append(document.createTextNode(node.textContent));
    }
  }
  return fragment;
}

function siteRoot() {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base : ".";
  return new URL(base.replace(/\/?$/, "/"), location.href);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

class SearchPage {
  constructor(root, pagefind, settings) {
    this.root = root;
    this.pagefind = pagefind;
    this.settings = settings;
    this.input = root.querySelector("#ck-search-input");
    this.status = root.querySelector("#ck-search-status");
    this.list = root.querySelector("#ck-search-results");
    this.more = root.querySelector("#ck-search-more");
    this.filterBox = root.querySelector("#ck-search-filters");
    this.selected = {};
    this.results = [];
    this.shown = 0;
    this.sequence = 0;
    this.timer = 0;
    this.lock = Promise.resolve();
  }

  async start() {
    const all = await this.pagefind.filters();
    this.renderFilters(all);
    this.root.hidden = false;
    this.root.querySelector("form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.search();
    });
    this.input.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.search(), DEBOUNCE_MS);
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && this.links().length) {
        event.preventDefault();
        this.links()[0].focus();
      }
    });
    this.list.addEventListener("keydown", (event) => this.moveFocus(event));
    this.more.addEventListener("click", () => this.showMore(true));
    const query = new URLSearchParams(location.search).get("q") || "";
    this.input.value = query;
    const header = document.getElementById("ck-header-q");
    if (header) header.value = query;
    if (query) {
      this.input.focus();
      await this.search();
    }
  }

  links() {
    return [...this.list.querySelectorAll("a.ck-result__link")];
  }

  moveFocus(event) {
    const links = this.links();
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    let next = null;
    if (event.key === "ArrowDown") next = links[Math.min(at + 1, links.length - 1)];
    else if (event.key === "ArrowUp") next = at === 0 ? this.input : links[at - 1];
    else if (event.key === "Home") next = links[0];
    else if (event.key === "End") next = links[links.length - 1];
    else if (event.key === "Escape") next = this.input;
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  renderFilters(all) {
    this.filterBoxes = {};
    for (const { key, label } of this.settings.filters) {
      const values = Object.keys(all[key] || {});
      if (values.length < 2 && key === "loai_trang") continue;
      if (!values.length) continue;
      values.sort((a, b) => all[key][b] - all[key][a] || a.localeCompare(b, "vi"));
      const details = element("details", "ck-facet");
      const summary = element("summary", "ck-facet__title", label);
      const list = element("ul", "ck-facet__values");
      details.append(summary, list);
      this.filterBoxes[key] = {};
      for (const value of values) {
        const item = element("li");
        const labelNode = element("label", "ck-facet__value");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = value;
        box.addEventListener("change", () => this.toggle(key, value, box.checked));
        const count = element("span", "ck-facet__count", `${all[key][value]}`);
        labelNode.append(box, ` ${value} `, count);
        item.append(labelNode);
        list.append(item);
        this.filterBoxes[key][value] = { box, count, item };
      }
      this.filterBox.append(details);
    }
  }

  toggle(key, value, on) {
    const values = new Set(this.selected[key] || []);
    if (on) values.add(value);
    else values.delete(value);
    if (values.size) this.selected[key] = [...values];
    else delete this.selected[key];
    this.search();
  }

  filters() {
    const filters = {};
    for (const [key, values] of Object.entries(this.selected)) filters[key] = { any: values };
    return filters;
  }

  async search() {
    const sequence = ++this.sequence;
    const typed = normalise(this.input.value);
    const url = new URL(location.href);
    if (typed) url.searchParams.set("q", typed);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    const filtering = Object.keys(this.selected).length > 0;
    if (!typed && !filtering) {
      this.results = [];
      this.list.replaceChildren();
      this.more.hidden = true;
      this.status.textContent = "";
      return;
    }
    this.status.textContent = "Đang tìm…";
    const list = typed ? variants(typed, this.settings.synonyms) : [{ query: null, exact: false, weight: 1 }];
    const run = this.lock.then(() => this.runSearches(list, this.filters()));
    this.lock = run.catch(() => undefined);
    const runs = await run;
    if (sequence !== this.sequence) return;
    const { results, counts } = merge(runs);
    this.results = results;
    this.shown = 0;
    this.list.replaceChildren();
    this.updateCounts(counts);
    await this.showMore(false);
    if (sequence !== this.sequence) return;
    const what = typed ? ` cho «${typed}»` : "";
    this.status.textContent = results.length
      ? `Tìm thấy ${results.length} thủ tục${what}.`
      : `Không tìm thấy thủ tục nào${what}. Hãy thử từ khác, bỏ bớt bộ lọc hoặc xem danh mục theo lĩnh vực.`;
  }

  /** One search after the other: «exactDiacritics» is a Pagefind-wide option, read when a search runs. */
  async runSearches(list, filters) {
    const runs = [];
    for (const { query, exact, weight } of list) {
      await this.pagefind.options({ exactDiacritics: exact });
      const search = await this.pagefind.search(query, { filters });
      if (search) runs.push({ search, weight });
    }
    return runs;
  }

  updateCounts(counts) {
    for (const [key, boxes] of Object.entries(this.filterBoxes)) {
      for (const [value, { count, item, box }] of Object.entries(boxes)) {
        const n = (counts[key] || {})[value] || 0;
        count.textContent = `${n}`;
        item.classList.toggle("ck-facet__empty", n === 0 && !box.checked);
      }
    }
  }

  async showMore(focusFirstNew) {
    const sequence = this.sequence;
    const batch = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (sequence !== this.sequence) return;
    const items = data.map((page) => this.renderResult(page));
    this.list.append(...items);
    this.shown += batch.length;
    this.more.hidden = this.shown >= this.results.length;
    if (focusFirstNew && items.length) items[0].querySelector("a").focus();
  }

  renderResult(page) {
    const meta = page.meta || {};
    const item = element("li", "ck-result");
    const link = element("a", "ck-result__link", meta.title || page.url);
    link.href = page.url;
    const facts = element("p", "ck-result__meta");
    if (meta.ma) facts.append(element("span", "ck-result__code", `Mã ${meta.ma}`));
    if (meta.linh_vuc) facts.append(element("span", "ck-result__sector", meta.linh_vuc));
    const excerpt = element("p", "ck-result__excerpt");
    excerpt.append(excerptNodes(page.excerpt || ""));
    item.append(link, facts, excerpt);
    return item;
  }
}

async function main() {
  const root = document.getElementById("ck-search");
  if (!root) return;
  const site = siteRoot();
  const pagefind = await import(new URL("pagefind/pagefind.js", site).href);
  const response = await fetch(new URL("tim-kiem/cau-hinh.json", site));
  const settings = response.ok ? await response.json() : { filters: [], synonyms: [] };
  await pagefind.options({ baseUrl: site.pathname, excerptLength: 24, ranking: settings.ranking });
  await new SearchPage(root, pagefind, settings).start();
}

main();
