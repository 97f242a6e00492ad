// Search: Pagefind with Vietnamese query handling, for the header box (results as you type, on every
// page) and the search page (tim-kiem/: facets, "more" button, keyboard).
//
// A query is first read as a citizen writes it (analyse):
//   * filler words of the lexicon's stop list («làm», «cho», «ở đâu»…) and of its hint groups (places,
//     levels, agencies: «tỉnh», «UBND») are left out of its meaningful words (they still count when the
//     whole query is compared with a name); a one-word filler typed without its tone marks is kept
//     where the names write another word beside its neighbour («lan dau»: «lần đầu»);
//   * everyday terms and abbreviations of the lexicon and of the synonym file are found, longest first,
//     and also searched as the group's official term (the last of the group);
//   * a word that is in no name of the site is corrected: first through the common spelling pairs
//     (i/y, d/gi/r, s/x, ch/tr), then, for words of five letters or more, by one edit.
// Then it runs as a few Pagefind searches whose rankings are fused by reciprocal rank (merge):
//   1. the meaningful words (with exact tone marks when it has any: Pagefind otherwise weighs «hộ» as if
//      it were «hồ» or «họ», found on every page);
//   2. those words joined into one and quoted ("dangkykhaisinh"), which matches only the page whose
//      «ten_lien» field is exactly that;
//   3. their neighbouring word pairs, folded ("dangky khaisinh"), against each page's «cum_tu» field;
//   4. folded (đ → d), when it has marks;
//   5. with each lexicon or synonym term replaced by its group's official term.
// When the meaningful words never occur together, it searches again without the words found nowhere,
// then by parts of the query (relaxed), so a shorter form of the query that finds something is never
// hidden behind an empty list; the status line says which words were left out.
// Last, the first results are ranked by how they name what was asked (rank): the exact name, then all
// words in the name with their tone marks, then all words in the folded name, then part of the words,
// then the rest (results text, keywords). generator/site/search.py builds the fields; tim-kiem/cau-hinh.json
// carries the lexicon, the stop list and the vocabulary (generator/site/lexicon.py).
//
// The name tiers of that ranking (rank() ≥ NAME_TIER: every word of a form of the query in the name)
// need no index: tim-kiem/ten.json holds every procedure's name, code and sector (one request, ≈60 KB
// gzipped at 5,000 procedures), and Names ranks them in the page with the same rank(), a few ms after a
// key. A full search (the search page) ranks every name match first, in the names' order, then
// Pagefind's answer (body matches, keywords, relaxed matching): the header's first result is the
// search page's (withNames).
//
// The header answers from the names alone and never loads Pagefind (its start, ≈170 KB gzipped at
// 5,000 + 5,000 pages, and a few index chunks of ≈20 KB for each word would be most of a query's
// bytes): the name matches, then, when they are fewer than the rows, the nearest names (Names.near): the
// names holding the most of the query's words, the words in no name left out (and named in the status).
// Enter, or the last row, opens the search page, which also reads the pages' text and the feedback;
// the header's list goes with it (session storage) and is on that page as soon as its HTML is.

const PAGE_SIZE = 10;
const RANKED = 16;
const MAX_QUERIES = 10;
const SHORTEST = "do_dai_ten"; // generator.site.search.NAME_LENGTH: pages by name length
const DEBOUNCE_MS = 200;
// The offline copy (generator/build/offline.py) runs this file as a classic script with its files in
// window.CK_OFFLINE ({files: {path: JSON}}): the names, the settings and the term index's shards; no
// Pagefind, which cannot run from file://.
const OFFLINE = (typeof window !== "undefined" && window.CK_OFFLINE) || null;
const NO_INDEX = OFFLINE
  ? "Bản ngoại tuyến chỉ tìm trong các thủ tục; tìm trong phản ánh, kiến nghị và các trang khác cần mở trang trên mạng."
  : "Không tải được chỉ mục nội dung các trang: chỉ tìm được trong các thủ tục.";
const SEARCH_PAGE = OFFLINE ? "tim-kiem/index.html" : "tim-kiem/";
const FUSION_K = 5;
const JOINED_WORDS = 8;
const TYPO_MIN = 5;
const SWAP_MIN = 4; // shorter words are corrected only for two neighbouring letters swapped
const HEADER_ROWS = 6;
const MAX_QUERY = 200; // characters of a query (the boxes' maxlength; an address's q is cut to it)
const SEARCHING_ON = "; đang tìm thêm trong nội dung…"; // the status's end while the names' answer is shown
const CARRIED = "ck-header-answer"; // session storage: the header's answer, for the search page it opens
const MARKED = /[^\u0000-\u007f]/;
const CODE = /^\d[\d.]*$/;
const OTHER_MARK = /\p{M}/u;
const SUPERSEDED = new Error("superseded by a later search");
const PAGE_TYPE = "loai_trang"; // generator.site.search.PAGE_TYPE: the filter of every page, its kind
const NAME_TIER = 2; // rank() from here on: every word of a form of the query is in the name
const NEAR_CANDIDATES = 64; // Names.near ranks this many of the names holding the most words
const CODE_PREFIX = 4; // Names.find: a code being typed lists the codes that begin with it, from 4 digits on

/** A query as searched: NFC, whitespace collapsed. */
export function normalise(text) {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Lower case, no tone marks, đ → d (the same folding as generator.core.fields.fold). */
export function fold(text) {
  // Vietnamese marks first (a range is several times faster than \p{M} on a long text), then any other.
  const folded = text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return OTHER_MARK.test(folded) ? folded.replace(/\p{M}/gu, "") : folded;
}

/** The folded words of a text, as generator.site.synonyms.words splits them. */
export function words(text) {
  return fold(text).match(/[0-9a-z]+/g) || [];
}

/** Neighbouring folded words joined, as generator.site.search.pairs makes them: "dangky kykhai khaitu". */
export function pairs(text) {
  return pairsOf(words(text));
}

function pairsOf(folded) {
  return folded.slice(1).map((word, i) => folded[i] + word);
}

/** The name joined into one word as generator.site.search.joined makes it: "dangkykhaisinh". */
export function joined(text) {
  return joinedOf(words(text));
}

function joinedOf(folded, limit = JOINED_WORDS) {
  let list = folded;
  if (list[0] === "thu" && list[1] === "tuc") list = list.slice(2);
  return list.slice(0, limit).join("");
}

/** A whole name or query joined, for comparing names (not truncated like the index field). */
function whole(form) {
  return joinedOf(form.map((t) => t.f), Infinity);
}

/** The words of a text with and without marks: [{raw: "ký", f: "ky", marked: true}]. */
export function tokens(text) {
  const raw = normalise(text).match(/[\p{L}\p{N}]+/gu) || [];
  return raw
    .map((typed) => {
      const word = typed.toLowerCase();
      const upper = typed.length > 1 && typed !== word && typed === typed.toUpperCase();
      return { raw: word, f: words(word).join(""), marked: MARKED.test(word), upper };
    })
    .filter((token) => token.f);
}

// A Vietnamese syllable, folded: an onset, one to three vowels, a final. «tha», «ca» are words (thả, cá);
// «tthn», «gcn», «cty», «ubnd» are not: only those are read as initials.
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

/** Whether a folded word can be a Vietnamese syllable (then it is not read as an abbreviation). */
export function isSyllable(word) {
  return SYLLABLE.test(word);
}

/** Whether a query word is a term's word: with the same marks when both have marks, else folded; a
 * term written in capitals («THA», «CA») only for a word typed in capitals or that is no syllable. */
function same(query, term) {
  if (term.upper && !query.upper && isSyllable(query.f)) return false;
  return query.marked && term.marked ? query.raw === term.raw : query.f === term.f;
}

/** The key two spellings of one syllable share: i/y, d/gi/r, s/x, ch/tr, c/k folded together («kh» is
 * its own consonant: «khăn» is no «chăn»). */
export function spellingKey(word) {
  return word
    .replace(/y/g, "i")
    .replace(/^gi(?=[aeiou])/, "d")
    .replace(/^r/, "d")
    .replace(/^x/, "s")
    .replace(/^tr/, "ch")
    .replace(/^k(?!h)/, "c");
}

/** Whether two words of one length differ by two neighbouring letters swapped («sihn», «sinh»). */
function swapped(a, b) {
  const diff = [...a].map((c, i) => (c === b[i] ? -1 : i)).filter((i) => i >= 0);
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

/** Whether two words are one insertion, deletion, substitution or swap of neighbours apart. */
export function oneEdit(a, b) {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) return [...a].filter((c, i) => c !== b[i]).length === 1 || swapped(a, b);
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/** What the browser knows besides the index: term groups, the stop list and the vocabulary. A term in
 * a lexicon group and in a synonym group too is read as the lexicon's (its official term last). */
export class Lexicon {
  constructor(settings) {
    const groups = [...(settings.lexicon || []), ...(settings.synonyms || [])];
    this.terms = new Map();
    groups.forEach((group) => {
      const official = group[group.length - 1];
      for (const term of group) this.add(this.terms, { term, official, parts: tokens(term) });
    });
    this.stops = new Map();
    for (const term of settings.stop || []) this.add(this.stops, { term, parts: tokens(term) });
    const vocabulary = (settings.vocabulary || "").split(" ").filter(Boolean);
    this.known = new Set(vocabulary);
    this.byKey = new Map();
    for (const word of vocabulary) {
      const key = spellingKey(word);
      if (!this.byKey.has(key)) this.byKey.set(key, word);
    }
    this.vocabulary = vocabulary;
  }

  add(map, entry) {
    if (!entry.parts.length) return;
    const first = entry.parts[0].f;
    const list = map.get(first) || [];
    list.push(entry);
    list.sort((a, b) => b.parts.length - a.parts.length);
    map.set(first, list);
  }

  /** Whether a one-word filler written with tone marks («đâu», «cần»), typed without them at ``i`` of
   * ``words``, is rather another word that the names write beside its neighbour («lan dau»: «lần đầu»;
   * «can bo»: «cán bộ»; but «o viet nam» is «ở Việt Nam», the filler itself): then it is no filler.
   * ``pairs(a, b, at)`` (set by the engine from the names) gives how they write word ``at`` of a pair. */
  inPhrase(entry, words, i) {
    if (!this.pairs || entry.parts.length !== 1 || !entry.parts[0].marked || words[i].marked) return false;
    const own = entry.parts[0].raw;
    const other = (forms) => [...forms].some((form) => form !== own);
    const word = words[i].f;
    return (i > 0 && other(this.pairs(words[i - 1].f, word, 1))) || (i + 1 < words.length && other(this.pairs(word, words[i + 1].f, 0)));
  }

  /** The entries of ``map`` that start at ``start`` of ``words``, longest first. */
  matches(map, words, start) {
    return (map.get(words[start].f) || []).filter((entry) => {
      const span = words.slice(start, start + entry.parts.length);
      return span.length === entry.parts.length && span.every((w, k) => same(w, entry.parts[k]));
    });
  }

  /** A known word for ``word``, which is not known: same spelling key, else one edit (long words), or
   * two neighbouring letters swapped (shorter ones: «sihn» → «sinh»). */
  correct(word) {
    if (this.known.size === 0 || this.known.has(word) || /\d/.test(word)) return null;
    const key = this.byKey.get(spellingKey(word));
    if (key && key !== word) return key;
    if (word.length < SWAP_MIN) return null;
    if (word.length < TYPO_MIN) return this.vocabulary.find((known) => known.length === word.length && swapped(word, known)) || null;
    return this.vocabulary.find((known) => known.length >= TYPO_MIN - 1 && oneEdit(word, known)) || null;
  }
}

/**
 * How a query reads: its words, the filler words left out, the corrected words, the lexicon terms found.
 * ``core`` is the meaningful words (corrected); ``forms`` is core and core with each term swapped for its
 * group's official term, each a list of tokens.
 */
export function analyse(query, lexicon) {
  const typed = normalise(query);
  const all = unshortened(tokens(typed), lexicon);
  const out = { typed, all, core: [], stops: [], corrected: [], unknown: [], terms: [], forms: [], code: CODE.test(typed) };
  if (!all.length || out.code) {
    out.core = all;
    out.forms = all.length ? [all] : [];
    return out;
  }
  const role = all.map(() => "word");
  // Every term and filler phrase found, the longest first (terms before filler words of the same
  // length), each kept unless it overlaps one kept before.
  const found = [];
  all.forEach((_, i) => {
    for (const [map, kind] of [[lexicon.terms, "term"], [lexicon.stops, "stop"]]) {
      for (const entry of lexicon.matches(map, all, i)) {
        if (kind === "stop" && lexicon.inPhrase(entry, all, i)) continue;
        found.push({ start: i, end: i + entry.parts.length, entry, kind });
      }
    }
  });
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || (a.kind === "term" ? -1 : 1) + (b.kind === "term" ? 1 : -1) || a.start - b.start);
  const terms = [];
  const stopped = [];
  for (const match of found) {
    if (role.slice(match.start, match.end).some((r) => r !== "word")) continue;
    role.fill(match.kind, match.start, match.end);
    if (match.kind === "term") terms.push(match);
    else stopped.push(match);
  }
  terms.sort((a, b) => a.start - b.start);
  stopped.sort((a, b) => a.start - b.start).forEach((match, k) => (stopped[k] = match.entry.term));
  // Only filler words («làm thế nào»): searched as words (out.filler; most likely more is to come).
  out.filler = role.every((r) => r === "stop");
  if (out.filler) role.fill("word");
  else out.stops = stopped;
  const core = [];
  const position = [];
  all.forEach((token, i) => {
    position[i] = core.length;
    if (role[i] === "stop") return;
    const fixed = role[i] === "word" ? lexicon.correct(token.f) : null;
    if (fixed) out.corrected.push({ from: token.raw, to: fixed });
    else if (role[i] === "word" && lexicon.known.size && !lexicon.known.has(token.f) && !/\d/.test(token.f)) {
      out.unknown.push(token.raw);
    }
    core.push(fixed ? { raw: fixed, f: fixed, marked: false } : token);
  });
  out.core = core;
  out.forms = [core];
  const swaps = terms.filter(({ entry }) => words(entry.term).join(" ") !== words(entry.official).join(" "));
  const swap = (list) => {
    const form = [];
    let from = 0;
    for (const { start, end, entry } of list) {
      form.push(...core.slice(from, position[start]), ...tokens(entry.official));
      from = position[start] + (end - start);
    }
    return form.concat(core.slice(from));
  };
  if (swaps.length) out.forms.push(swap(swaps));
  if (swaps.length > 1) for (const one of swaps.slice(0, 3)) out.forms.push(swap([one]));
  out.terms = swaps.map(({ entry }) => ({ term: entry.term, official: entry.official }));
  return out;
}

/** ``all`` with each chat short form the records never write («cty», «dk») read as its words. */
function unshortened(all, lexicon) {
  return all.flatMap((token) =>
    SHORT_FORMS[token.f] && !lexicon.known.has(token.f) && !token.marked
      ? SHORT_FORMS[token.f].split(" ").map((word) => ({ raw: word, f: word, marked: false, upper: false }))
      : [token],
  );
}

function text(form) {
  return form.map((t) => t.raw).join(" ");
}

/** The searches for pages that are not records (feedback items): their text has none of the records'
 * joined names or word pairs, so only the query's words, as typed, and folded when it has marks. */
export function plainVariants(analysis) {
  if (!analysis.core.length) return [];
  if (analysis.code) return [{ query: analysis.typed, exact: false, weight: 1 }];
  const core = analysis.forms[0];
  const marked = core.some((t) => t.marked);
  const out = [{ query: text(core), exact: marked, weight: 1, all: true }];
  if (marked) out.push({ query: core.map((t) => t.f).join(" "), exact: false, weight: 0.5, all: true });
  return out;
}

/** The searches to run for an analysed query: [{query, exact, weight}], most telling first. */
export function variants(analysis) {
  const out = [];
  const add = (query, exact, weight, sort, all) => {
    const known = out.some((v) => v.query === query && v.exact === exact && v.sort === sort);
    if (!query || known || out.length >= MAX_QUERIES) return;
    const variant = { query, exact, weight };
    if (sort) variant.sort = sort;
    if (all) variant.all = true;
    out.push(variant);
  };
  if (!analysis.core.length) return out;
  if (analysis.code) {
    add(analysis.typed, false, 1);
    return out;
  }
  const [core, ...swaps] = analysis.forms;
  const folded = core.map((t) => t.f);
  const marked = core.some((t) => t.marked);
  add(text(core), marked, 1, null, true);
  add(folded.join(" "), false, 1, SHORTEST);
  for (const form of swaps.slice(0, 1)) add(form.map((t) => t.f).join(" "), false, 1, SHORTEST);
  if (analysis.all.length > 1) add(`"${joinedOf(analysis.all.map((t) => t.f))}"`, false, 2);
  if (folded.length > 1) add(`"${joinedOf(folded)}"`, false, 2);
  for (const form of swaps) {
    const f = form.map((t) => t.f);
    if (f.length > 1) add(`"${joinedOf(f)}"`, false, 2);
    add(text(form), form.some((t) => t.marked), 1, null, true);
  }
  add(pairsOf(folded).join(" "), false, 1);
  for (const form of swaps) {
    const f = form.map((t) => t.f);
    if (f.length > 1) add(pairsOf(f).join(" "), false, 1);
  }
  if (marked) add(folded.join(" "), false, 0.5);
  return out;
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

/**
 * How well a page's name answers the query, best of its forms: 4 the exact name (filler words or not),
 * 3.5 a name that starts with the words, 3 every word in the name (with its tone marks when typed with
 * them), 2 every word in the folded name, 1 to 2 part of the words, 0 to 0.5 none in the name
 * (keywords, results text). ``extra`` counts the name's other words: among equals, the closest first.
 */
export function rank(analysis, meta, form = nameForm(meta.title)) {
  const { name, joined: nameJoined, folded } = form;
  const keywords = () => new Set(words(`${meta.tu_khoa || ""} ${meta.linh_vuc || ""}`));
  if (whole(analysis.all) === nameJoined) return { score: 4, extra: 0 };
  let best = { score: 0, extra: name.length };
  for (const form of analysis.forms) {
    if (!form.length) continue;
    const asked = new Set(form.map((t) => t.f));
    const extra = name.filter((t) => !asked.has(t.f)).length;
    let score;
    if (whole(form) === nameJoined) score = 4;
    else {
      const exact = form.filter((t) => name.some((n) => same(t, n))).length;
      const loose = form.filter((t) => folded.has(t.f)).length;
      const starts = form.every((t, i) => name[i] && name[i].f === t.f);
      if (starts) score = 3.5;
      else if (exact === form.length) score = 3;
      else if (loose === form.length) score = 2;
      else if (loose > 0) score = 1 + loose / form.length;
      else score = (0.5 * form.filter((t) => keywords().has(t.f)).length) / form.length;
    }
    if (score > best.score || (score === best.score && extra < best.extra)) best = { score, extra };
  }
  return best;
}

/** A name's words as rank() compares them, «Thủ tục» left out: tokens, joined, the folded set. */
export function nameForm(title, folded = null) {
  const raw = folded && normalise(title).toLowerCase().match(/[\p{L}\p{N}]+/gu);
  const name =
    raw && raw.length === folded.length
      ? raw.map((word, i) => ({ raw: word, f: folded[i], marked: MARKED.test(word) }))
      : tokens(title || "");
  if (name.length >= 2 && name[0].f === "thu" && name[1].f === "tuc") name.splice(0, 2);
  return { name, joined: whole(name), folded: new Set(name.map((t) => t.f)) };
}

/**
 * Every procedure's name, code and sector (tim-kiem/ten.json.gz), ranked in the page by rank() without
 * waiting for Pagefind. When the file arrives, the names are folded in one pass (one string) into each
 * name's folded words, which pick the candidates of a query; a candidate's full form (words with their
 * marks) is made the first time it is ranked.
 */
export class Names {
  constructor(file, site) {
    this.entries = [];
    this.site = site;
    for (const set of file.sets || []) {
      for (const row of set.rows) this.entries.push({ row, set, title: row[1], form: null, item: null });
    }
    const lines = fold(this.entries.map((entry) => entry.title.replace(/\n/g, " ")).join("\n")).split("\n");
    this.entries.forEach((entry, i) => {
      entry.words = lines[i].match(/[0-9a-z]+/g) || [];
      const start = entry.words[0] === "thu" && entry.words[1] === "tuc" ? 2 : 0;
      entry.joined = entry.words.slice(start).join("");
      entry.code = digits(entry.row[0]);
    });
  }

  /**
   * The records whose name holds every word of a form of the query (or is the query), ranked like the
   * full search ranks them ([{result, data, rank, order}], best first; among equals, the file's order:
   * current records first, then by name); a code (dots or not), its record, else the records whose
   * code starts with it (from CODE_PREFIX digits: a code being typed).
   */
  find(analysis) {
    if (analysis.code) {
      const typed = digits(analysis.typed);
      const exact = this.entries.filter((entry) => entry.code === typed);
      const begun = typed.length < CODE_PREFIX ? [] : this.entries.filter((entry) => entry.code.startsWith(typed));
      const score = exact.length ? 4 : 3;
      return (exact.length ? exact : begun).map((entry, order) => ({ ...this.item(entry), rank: { score, extra: 0 }, order }));
    }
    const forms = analysis.forms.filter((form) => form.length);
    const all = whole(analysis.all);
    const found = [];
    this.entries.forEach((entry, order) => {
      if (entry.joined !== all && !forms.some((form) => form.every((t) => entry.words.includes(t.f)))) return;
      if (!entry.form) entry.form = nameForm(entry.title, entry.words);
      const score = rank(analysis, {}, entry.form);
      if (score.score >= NAME_TIER) found.push({ ...this.item(entry), rank: score, order });
    });
    return found.sort(compare);
  }

  /**
   * When no name holds every word: the names that hold the most of the query's meaningful words, best
   * first ([{result, data, rank, order}], at most RANKED), and the words no name has (``absent``, left
   * out). A word typed with tone marks counts only with the same marks («tử» is not «tư»). Each form of
   * the query is cut to the words some name has; a name must hold two of them and half (the one, when one
   * is left); the names holding the most are ranked by rank() on the cut forms, so a name with every word
   * left is a name match of them.
   */
  near(analysis, lexicon = null) {
    const held = (t) => this.postings(t.marked ? "raw" : "folded").get(t.marked ? t.raw : t.f);
    // A word no name has may be a term on its own inside a longer one («TPL» in «văn phòng TPL», whose
    // group's official term is itself): its own group's official term is tried in its place.
    const alone = (t) => (lexicon ? lexicon.matches(lexicon.terms, [t], 0) : []).filter((e) => e.parts.length === 1);
    const swapped = analysis.forms.flatMap((form) =>
      form.some((t) => !held(t) && alone(t).length)
        ? [form.flatMap((t) => (held(t) || !alone(t).length ? [t] : tokens(alone(t)[0].official)))]
        : [],
    );
    const forms = [...analysis.forms, ...swapped].map((form) => form.filter(held)).filter((form) => form.length);
    // A word of a lexicon term is understood through the term («toi» of «bố tôi mất»): not said absent.
    const understood = new Set(analysis.terms.flatMap((t) => words(t.term)));
    const absent = analysis.core.filter((t) => !held(t) && !understood.has(t.f)).map((t) => t.raw);
    const best = new Map();
    for (const form of forms) {
      const asked = new Map(form.map((t) => [t.marked ? t.raw : t.f, t]));
      const need = asked.size === 1 ? 1 : Math.max(2, Math.ceil(asked.size / 2));
      const count = new Map();
      for (const t of asked.values()) for (const i of held(t)) count.set(i, (count.get(i) || 0) + 1);
      for (const [i, n] of count) if (n >= need && n > (best.get(i) || 0)) best.set(i, n);
    }
    const candidates = [...best].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, NEAR_CANDIDATES);
    const cut = { ...analysis, forms };
    const ranked = candidates.map(([i]) => {
      const entry = this.entries[i];
      if (!entry.form) entry.form = nameForm(entry.title, entry.words);
      return { ...this.item(entry), rank: rank(cut, {}, entry.form), order: i };
    });
    return { ranked: ranked.sort(compare).slice(0, RANKED), absent };
  }

  /** Each word of the names, ``folded`` or ``raw`` (lower case, with its marks) → the entries whose name
   * has it; made on the first near(). */
  /** How the names write word ``at`` (0 or 1) of the folded pair ``a`` ``b`` where they have it side
   * by side: the set of its forms with tone marks, lower case. */
  pairForms(a, b, at) {
    const forms = new Set();
    const first = this.postings("folded").get(a);
    const second = this.postings("folded").get(b);
    if (!first || !second) return forms;
    const both = new Set(second);
    for (const i of first) {
      if (!both.has(i)) continue;
      const { words: folded, title } = this.entries[i];
      const raw = title.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
      if (raw.length !== folded.length) continue;
      folded.forEach((w, k) => {
        if (w === a && folded[k + 1] === b) forms.add(raw[k + at]);
      });
    }
    return forms;
  }

  postings(kind) {
    if (!this.index) {
      this.index = { folded: new Map(), raw: new Map() };
      const all = this.entries.map((entry) => entry.title.replace(/\n/g, " ")).join("\n");
      const raw = all.normalize("NFC").toLowerCase().split("\n");
      this.entries.forEach((entry, i) => {
        const add = (map, word) => {
          const list = map.get(word);
          if (!list) map.set(word, [i]);
          else if (list[list.length - 1] !== i) list.push(i);
        };
        for (const word of entry.words) add(this.index.folded, word);
        for (const word of raw[i].match(/[\p{L}\p{N}]+/gu) || []) add(this.index.raw, word);
      });
    }
    return this.index[kind];
  }

  /** An entry's filter values, [[key, value]…], as its page gives Pagefind (the names file's). */
  valuesOf(entry) {
    return (entry.row[3] || []).map((i) => entry.set.filters[i]);
  }

  /**
   * Which of ``entries`` have, for each key of ``filters`` ({key: {any: [values]}}), one of its values
   * (Pagefind's reading of the same filters): {kept, counts}. ``counts`` ({key: {value: count}}) says
   * for each value how many records ticking it would show: a key's values are counted among the
   * entries that the other keys' choices keep, as the values of one key add up (any of them).
   */
  filtered(entries, filters) {
    const keys = Object.keys(filters);
    const kept = [];
    const counts = {};
    for (const entry of entries) {
      const values = this.valuesOf(entry);
      const failed = keys.filter((key) => !values.some(([k, v]) => k === key && filters[key].any.includes(v)));
      if (!failed.length) kept.push(entry);
      if (failed.length > 1) continue;
      for (const [key, value] of values) {
        if (failed.length && key !== failed[0]) continue;
        counts[key] = counts[key] || {};
        counts[key][value] = (counts[key][value] || 0) + 1;
      }
    }
    return { kept, counts };
  }

  /** The row number of the record at ``url`` (a page address as item() makes it), or undefined. */
  numberOf(url) {
    if (!this.numbers) {
      this.numbers = new Map(this.entries.map((entry, i) => [this.urlOf(entry), i]));
    }
    return this.numbers.get(url);
  }

  urlOf(entry) {
    return `${this.site.pathname}${entry.set.page.replace("{}", entry.row[0])}`;
  }

  /** A record as a Pagefind result and its data: {result, data}, made once. */
  item(entry) {
    if (!entry.item) {
      const [key, title, group] = entry.row;
      const url = this.urlOf(entry);
      const data = { url, meta: { title, ma: key, linh_vuc: entry.set.groups[group] }, excerpt: "" };
      entry.item = { result: { id: `ck-name:${url}`, data: async () => data }, data };
    }
    return entry.item;
  }
}

// ---- The term index (generator/site/termindex.py): records by what they say, not only their names ----

const DIGIT_WORDS = ["khong", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi"];
const SHORT_FORMS = { cty: "cong ty", dk: "dang ky", dki: "dang ky", ng: "nguoi", vn: "viet nam", gd: "giay", xn: "xac nhan" };
// Abbreviations no record spells out (typed on phones; common Vietnamese chat shorthand): «cty», «dk»,
// «ng», «vn». Initials of multi-word terms («tnhh», «gcn», «tthn») are computed from the names instead.
const PAIR_FACTOR = 0.5; // a pair of the query's neighbouring words weighs half its IDF (its words count too)
const STOP_FACTOR = 0.3; // a filler word of the lexicon weighs this share of its IDF
const SWAP_FACTOR = 0.5; // a typed word of a lexicon term, whose official form is searched too
const EXTRA_PENALTY = 0.015; // per word of the name the query does not have: the general procedure first
const STRONG_MATCH = 0.55; // below this coverage (and without a name match), the matches are said to be weak
const TERM_ROWS = 16;
const STRONG_PART = 8; // a term's weight in a name or result (generator/site/termindex.py FIELD_WEIGHTS)
const TERM_WEIGHT = 1.5; // the term index's ranking against Pagefind's (weight 1) in the fusion
const LONG_NAME = 24; // words: a longer name's coverage is scaled down by sqrt(LONG_NAME / its words)
const NAME_START = 3.5; // rank(): the exact name (4) or a name that starts with the query (3.5)
const NAME_MARGIN = 0.1; // the term score by which a record goes before a name match (Engine.overtaking)
const OVERTAKE_ROWS = 6; // how far down after the name matches Engine.overtaking looks
const ANSWER_SHARE = 0.5; // Engine.answer: the records the term index scores this share of the best or more

/** The 32-bit FNV-1a hash of a folded term (generator/site/termindex.py's fnv1a). */
export function fnv1a(term) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(term)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

/** Split «1tv», «2lan» into the number and the letters. */
/** The term index's pairs of neighbouring words of ``list``: «a b», «b c». */
function termPairs(list) {
  return list.slice(1).map((word, i) => `${list[i]} ${word}`);
}

function splitDigits(word) {
  const m = word.match(/^(\d+)([a-z]+)$/) || word.match(/^([a-z]+)(\d+)$/);
  return m ? [m[1], m[2]] : [word];
}

/** The records' terms, loaded shard by shard (tim-kiem/tu/<n>.json.gz): each term → [df, record,
 * weight, record, weight, …]. */
export class Terms {
  constructor(config, fetchJson, names) {
    this.config = config;
    this.fetchJson = fetchJson;
    this.names = names;
    this.shards = new Map();
    this.loaded = new Map();
  }

  shardOf(term) {
    return fnv1a(term) % this.config.shards;
  }

  shardPath(i) {
    return this.config.path.replace("{}", String(i));
  }

  /** The paths of the shards that hold ``terms``. */
  pathsOf(terms) {
    return [...new Set(terms.map((t) => this.shardOf(t)))].map((i) => this.shardPath(i));
  }

  async load(terms) {
    const wanted = new Set(terms.map((t) => this.shardOf(t)));
    await Promise.all(
      [...wanted].map((i) => {
        if (!this.shards.has(i)) {
          this.shards.set(i, this.fetchJson(this.shardPath(i), {}).then((data) => this.loaded.set(i, data || {})));
        }
        return this.shards.get(i);
      }),
    );
  }

  /** A term's postings, null when no record has it, undefined when its shard is not loaded. */
  get(term) {
    const shard = this.loaded.get(this.shardOf(term));
    if (!shard) return undefined;
    return shard[term] || null;
  }

  idf(list) {
    return Math.log(1 + this.config.records / list[0]);
  }

  /** The words of names whose initials are ``short`` («tthn» → «tinh trang hon nhan»), the most
   * frequent phrase; null when none. */
  initials(short) {
    if (!this.names || short.length < 2 || short.length > 6 || !/^[a-z]+$/.test(short) || isSyllable(short)) return null;
    const seen = new Map();
    for (const entry of this.names.entries) {
      const w = entry.words;
      for (let i = 0; i + short.length <= w.length; i++) {
        let ok = true;
        for (let k = 0; k < short.length && ok; k++) ok = w[i + k][0] === short[k];
        if (ok) {
          const phrase = w.slice(i, i + short.length).join(" ");
          seen.set(phrase, (seen.get(phrase) || 0) + 1);
        }
      }
    }
    let best = null;
    for (const [phrase, n] of seen) if (!best || n > best[1]) best = [phrase, n];
    return best ? best[0] : null;
  }

  /** The query's concepts: [{alts: [[term words…]…], factor}] from the analysis (before loading). */
  concepts(analysis) {
    const stops = new Set(analysis.stops.flatMap((s) => tokens(s).map((t) => t.f)));
    const core = new Set(analysis.core.map((t) => t.f));
    const out = [];
    const seen = new Set();
    const add = (alts, factor, extra = {}) => {
      const key = alts.map((a) => a.join(" ")).join("|");
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ alts, factor, ...extra });
      }
    };
    const fixed = new Map(analysis.corrected.map((c) => [words(c.from).join(""), c.to]));
    // A lexicon term's everyday words weigh less than its official words, which records say.
    const everyday = new Set(analysis.terms.flatMap((t) => words(t.term)));
    const official = new Set(analysis.terms.flatMap((t) => words(t.official)));
    for (const token of analysis.all) {
      for (const part of splitDigits(token.f)) {
        const alts = [[part]];
        const fix = fixed.has(part) ? [fixed.get(part)] : null;
        if (fix) alts.push(fix);
        if (/^\d+$/.test(part) && Number(part) <= 10) alts.push([DIGIT_WORDS[Number(part)]]);
        const digit = DIGIT_WORDS.indexOf(part);
        if (digit >= 0) alts.push([String(digit)]);
        if (SHORT_FORMS[part]) alts.push(SHORT_FORMS[part].split(" "));
        const swapped = everyday.has(part) && !official.has(part);
        add(alts, stops.has(part) && !core.has(part) ? STOP_FACTOR : swapped ? SWAP_FACTOR : 1, { fix, swapped });
      }
    }
    for (const form of analysis.forms.slice(1)) for (const t of form) if (!core.has(t.f)) add([[t.f]], 1, { official: true });
    // The pairs of each lexicon term's official phrase («đê điều»): a record saying the phrase, not only
    // its words, each common alone («đê», «điều»).
    out.phrases = analysis.terms
      .map((t) => ({ term: t.term, pairs: termPairs(words(t.official)), factor: 1 }))
      .filter((phrase) => phrase.pairs.length);
    return out;
  }

  /** Every term a query's concepts need, and the pairs of neighbouring words. */
  termsOf(concepts) {
    const list = [];
    for (const c of concepts) {
      for (const alt of c.alts) {
        list.push(...alt);
        list.push(...termPairs(alt));
      }
    }
    for (let i = 0; i + 1 < concepts.length; i++) {
      for (const a of concepts[i].alts) for (const b of concepts[i + 1].alts) list.push(`${a[a.length - 1]} ${b[0]}`);
    }
    return list.concat(concepts.phrases.flatMap((phrase) => phrase.pairs));
  }

  /** Load what ``analysis`` needs; initials of absent short words are expanded from the names. */
  async prepare(analysis) {
    const concepts = this.concepts(analysis);
    await this.load(this.termsOf(concepts));
    // A correction only for a word no record has; an everyday word weighs less only when the records
    // say its official form.
    const said = concepts.some((c) => c.official && this.get(c.alts[0][0]));
    // An everyday phrase the records themselves say in a name or result («đăng ký tàu cá») is not
    // swapped: its words weigh fully and the lexicon's official words are only a hint.
    const typed = analysis.all.map((t) => t.f);
    const kept = analysis.terms.filter((t) => this.saysInQuery(words(t.term), typed));
    const own = new Set(kept.flatMap((t) => words(t.term)));
    const hinted = new Set(kept.flatMap((t) => words(t.official)));
    for (const phrase of concepts.phrases) if (kept.some((t) => t.term === phrase.term)) phrase.factor = SWAP_FACTOR;
    for (const c of concepts) {
      if (c.fix && this.get(c.alts[0][0])) c.alts = c.alts.filter((alt) => alt !== c.fix);
      if (c.swapped && (!said || own.has(c.alts[0][0]))) c.factor = 1;
      if (c.official && hinted.has(c.alts[0][0]) && !own.has(c.alts[0][0])) c.factor = SWAP_FACTOR;
    }
    for (const c of concepts) {
      const [first] = c.alts;
      if (first.length === 1 && c.alts.every((alt) => alt.every((t) => !this.get(t)))) {
        const phrase = this.initials(first[0]);
        if (phrase) c.alts.push(phrase.split(" "));
      }
    }
    await this.load(this.termsOf(concepts));
    return concepts;
  }

  /** Whether the records say the lexicon phrase ``folded`` as the query has it: the phrase itself (two
   * words or more), or a one-word term with a neighbour in the query («tôm bố mẹ»: «bố» is no father). */
  saysInQuery(folded, typed) {
    if (folded.length > 1) return this.says(folded);
    const at = typed.indexOf(folded[0]);
    if (at < 0) return false;
    return (at > 0 && this.says([typed[at - 1], folded[0]])) || (at + 1 < typed.length && this.says([folded[0], typed[at + 1]]));
  }

  /** Whether some record says the phrase ``folded`` (two words or more) in its name or results: one
   * record holds each of its pairs there. */
  says(folded) {
    if (folded.length < 2) return false;
    let common = null;
    for (const pair of termPairs(folded)) {
      const list = this.get(pair);
      if (!list) return false;
      const strong = new Set();
      for (let k = 1; k < list.length; k += 2) if (list[k + 1] >= STRONG_PART) strong.add(list[k]);
      common = common ? new Set([...common].filter((doc) => strong.has(doc))) : strong;
      if (!common.size) return false;
    }
    return true;
  }

  /** Records by IDF-weighted coverage of the concepts: [{index, score}], best first. */
  score(concepts) {
    const scores = new Map();
    let total = 0;
    const credit = (list, share) => {
      for (let k = 1; k < list.length; k += 2) {
        const doc = list[k];
        const row = scores.get(doc) || new Map();
        scores.set(doc, row);
        row.set(share.key, Math.max(row.get(share.key) || 0, share.weight * (list[k + 1] / 10)));
      }
    };
    const unit = (alt) => {
      // one word, or a phrase: its words and pairs, the phrase's weight their mean
      if (alt.length === 1) return [[this.get(alt[0]), 1]];
      const parts = alt.map((t) => [this.get(t), 1 / alt.length]);
      return parts;
    };
    concepts.forEach((c, i) => {
      let weight = 0;
      for (const alt of c.alts) {
        for (const [list] of unit(alt)) if (list) weight = Math.max(weight, this.idf(list));
      }
      if (!weight) return; // a word no record has: a typo or noise, not counted
      weight *= c.factor;
      total += weight;
      c.alts.forEach((alt) => {
        for (const [list, part] of unit(alt)) if (list) credit(list, { key: `c${i}`, weight: weight * part * (alt.length > 1 ? 1 : 1) });
      });
    });
    for (let i = 0; i + 1 < concepts.length; i++) {
      let best = null;
      for (const a of concepts[i].alts) {
        for (const b of concepts[i + 1].alts) {
          const list = this.get(`${a[a.length - 1]} ${b[0]}`);
          if (list && (!best || list[0] < best[0])) best = list;
        }
      }
      if (!best) continue;
      const weight = PAIR_FACTOR * this.idf(best) * Math.min(concepts[i].factor, concepts[i + 1].factor);
      total += weight;
      credit(best, { key: `p${i}`, weight });
    }
    // An official phrase weighs as one pair (the mean of its pairs'); a record, the share of them it holds.
    (concepts.phrases || []).forEach(({ pairs, factor }, k) => {
      const lists = pairs.map((pair) => this.get(pair)).filter(Boolean);
      if (!lists.length) return;
      const weight = (PAIR_FACTOR * factor * lists.reduce((sum, list) => sum + this.idf(list), 0)) / lists.length;
      total += weight;
      lists.forEach((list, i) => credit(list, { key: `o${k}.${i}`, weight: weight / pairs.length }));
    });
    if (!total) return [];
    const asked = new Set(concepts.flatMap((c) => c.alts.flat()));
    const out = [];
    for (const [doc, row] of scores) {
      let sum = 0;
      for (const v of row.values()) sum += v;
      const entry = this.names && this.names.entries[doc];
      const length = entry ? entry.words.length : 0;
      const extra = entry ? entry.words.filter((w) => !asked.has(w)).length : 0;
      // A name of a whole paragraph holds many words of any question: its words count less.
      const norm = length > LONG_NAME ? Math.sqrt(LONG_NAME / length) : 1;
      out.push({ index: doc, score: (sum / total) * norm - EXTRA_PENALTY * Math.min(extra, 10) });
    }
    return out.sort((a, b) => b.score - a.score || a.index - b.index);
  }
}

/** Whether the lexicon read most of the query as one term whose official phrase the name of ``top`` (a
 * ranked record) says whole: «không muốn nhận phần thừa kế» for «Chứng thực văn bản từ chối nhận di sản».
 * Its match is then no weak one, however little of the typed words the records say. */
function understood(analysis, top) {
  const name = ` ${words((top.data.meta && top.data.meta.title) || "").join(" ")} `;
  return analysis.terms.some((t) => {
    const official = words(t.official);
    return official.length > 1 && words(t.term).length * 2 >= analysis.core.length && name.includes(` ${official.join(" ")} `);
  });
}

/** The topic of another agency that the query names (settings.elsewhere), or null. */
export function elsewhereOf(analysis, topics) {
  const all = analysis.all;
  // A phrase of the topic in the query, word for word; a word typed with tone marks only as marked there
  // («thuê đất», a lease, is not «thuế đất», a tax).
  const says = (parts) =>
    parts.length > 0 &&
    all.some((_, i) => i + parts.length <= all.length && parts.every((part, k) => same(all[i + k], part)));
  for (const topic of topics || []) {
    if (topic.tu.some((term) => says(tokens(term)))) return topic;
  }
  return null;
}

// ---- Families: the variants of one procedure (levels, «lưu động», «toàn trình») shown as one row ----

const VARIANT = /\b(?:cap (?:tinh|huyen|xa|bo|trung uong|co so|quan|phuong)|luu dong|toan trinh|mot phan)\b/g;

/** A name's folded words without the leading «Thủ tục» and its bracketed remarks. */
function bareWords(title) {
  const all = words((title || "").replace(/\([^)]*\)/g, " "));
  return all[0] === "thu" && all[1] === "tuc" ? all.slice(2) : all;
}

/** What the variants of one procedure share: the folded name without brackets, level or channel. */
export function familyKey(title) {
  return bareWords(title).join(" ").replace(VARIANT, " ").replace(/\s+/g, " ").trim();
}

/**
 * ``ranked`` with the variants of one procedure gathered into the row of the first: each row's
 * ``data.family`` lists the others. The row shows the member whose name has the most of the query's words
 * (as typed or as the lexicon reads them), then the fewest others: the general procedure, unless the
 * query names the special case.
 */
export function families(ranked, analysis) {
  // The query's words as typed and as the lexicon reads them («tại nhà» is «lưu động»).
  const asked = new Set([...analysis.all, ...analysis.forms.flat()].map((t) => t.f));
  const named = (r) => words((r.data.meta && r.data.meta.title) || "");
  const said = (r) => new Set(named(r).filter((w) => asked.has(w))).size;
  const extra = (r) => named(r).filter((w) => !asked.has(w)).length;
  const better = (a, b) => said(b) > said(a) || (said(b) === said(a) && extra(b) < extra(a));
  const groups = new Map();
  const rows = [];
  for (const r of ranked) {
    const key = familyKey(r.data.meta && r.data.meta.title);
    const group = key && groups.get(key);
    if (group) group.push(r);
    else {
      const list = [r];
      if (key) groups.set(key, list);
      rows.push(list);
    }
  }
  const gathered = rows.map((list) => {
    if (list.length === 1) return list[0];
    const best = list.reduce((a, b) => (better(a, b) ? b : a));
    const others = list.filter((r) => r !== best);
    return { ...best, data: { ...best.data, family: others.map((r) => r.data) }, members: others };
  });
  return generalFirst(gathered, asked);
}

const GENERAL_ROWS = 12; // generalFirst looks this far down the list for a more general procedure

/** The words of a result's name, as bareWords reads them. */
function nameWords(r) {
  return bareWords(r.data.meta && r.data.meta.title);
}

/**
 * ``rows`` with a more general procedure moved up before its special cases: a name made of another's
 * words and more («… của Chi nhánh …», «Cấp lại …», «… trong trường hợp …»), the added words not in the
 * query (``asked``), is a special case of it, and the reader who did not name the case wants the general
 * one. Read from the names, not from a list of qualifiers.
 */
export function generalFirst(rows, asked) {
  const out = rows.slice();
  const named = out.map((r) => new Set(nameWords(r)));
  for (let i = 1; i < Math.min(out.length, GENERAL_ROWS); i++) {
    const general = named[i];
    if (!general.size) continue;
    const at = named.slice(0, i).findIndex((special) => {
      if (special.size <= general.size) return false;
      for (const w of general) if (!special.has(w)) return false;
      for (const w of special) if (!general.has(w) && asked.has(w)) return false;
      return true;
    });
    if (at < 0) continue;
    out.splice(at, 0, ...out.splice(i, 1));
    named.splice(at, 0, ...named.splice(i, 1));
  }
  return firstIssueFirst(out, asked);
}

// What is done again or undone to a thing first granted by another procedure: a reader who names none of
// these wants the first grant («chứng chỉ hành nghề» is «Cấp chứng chỉ…», not «Cấp lại…» or «Thu hồi…»).
const LATER_ACTIONS = ["cap lai", "cap doi", "thu hoi", "gia han", "cham dut", "giai the", "tam ngung", "dang ky lai", "huy", "xoa", "dieu chinh", "sua doi", "bo sung"].map((a) => a.split(" "));
const LATER_SPAN = 4; // words at the start of a name where its action is said
const LATER_MARGIN = 0.8; // a later row moves up past such a procedure when its term score is this close

/** The action of ``r``'s name done to something granted before, when the query names none of it. */
function laterAction(r, asked) {
  const name = nameWords(r).slice(0, LATER_SPAN);
  return LATER_ACTIONS.some((action) => {
    if (action.some((w) => asked.has(w))) return false;
    for (let i = 0; i + action.length <= name.length; i++) {
      if (action.every((w, k) => name[i + k] === w)) return true;
    }
    return false;
  });
}

/** Whether ``other`` answers the query about as well as ``later``: both names hold every word of the
 * query alike (the same rank() tier), or the term index scores ``other`` within LATER_MARGIN of it. */
function nearlyAsGood(other, later) {
  if (later.rank && later.rank.score >= NAME_TIER) return Boolean(other.rank) && other.rank.score >= later.rank.score;
  return typeof later.terms === "number" && typeof other.terms === "number" && other.terms >= LATER_MARGIN * later.terms;
}

/** ``rows`` with a procedure that renews, revokes or amends moved below the near-equal ones that grant. */
function firstIssueFirst(rows, asked) {
  const out = rows.slice();
  const window = Math.min(out.length, GENERAL_ROWS);
  for (let i = 0; i < window; i++) {
    const later = out[i];
    if (!laterAction(later, asked)) continue;
    const j = out.findIndex((r, k) => k > i && k < window && nearlyAsGood(r, later) && !laterAction(r, asked));
    if (j > i) out.splice(i, 0, ...out.splice(j, 1));
  }
  return out;
}

/** A procedure code without its dots («1.013859» → «1013859»): how codes are compared. */
function digits(code) {
  return code.replace(/\./g, "");
}

/** Order of two ranked results: the better name first; among names with every word, the closest. */
function compare(a, b) {
  if (b.rank.score !== a.rank.score) return b.rank.score - a.rank.score;
  if (a.rank.score >= 1 && a.rank.extra !== b.rank.extra) return a.rank.extra - b.rank.extra;
  return a.order - b.order;
}

/**
 * One search engine per page: runs the searches one after the other (exactDiacritics is global).
 * ``startPagefind`` starts Pagefind and resolves to it (called by the first start(); ``pagefind`` is
 * null until then); ``names`` is a Names or null. quick() needs only the settings and the names.
 */
export class Engine {
  constructor(startPagefind, settings, names = null, fetchJson = null) {
    this.starter = startPagefind;
    this.pagefind = null;
    this.settings = settings;
    this.lexicon = new Lexicon(settings);
    if (names) this.lexicon.pairs = (a, b, at) => names.pairForms(a, b, at);
    this.names = names;
    this.terms = settings.terms && names && fetchJson ? new Terms(settings.terms, fetchJson, names) : null;
    this.prepared = new Map();
    this.scoreMaps = new WeakMap(); // a prepared list → its scores by row number (Engine.termScores)
    this.lock = Promise.resolve();
  }

  /** Load the term index's shards ``query`` needs (quick() and search() then rank by it). */
  async prepare(query) {
    const typed = normalise(query);
    if (!this.terms || !typed || this.prepared.has(typed)) return this;
    const analysis = analyse(typed, this.lexicon);
    if (analysis.code) return this;
    const concepts = await this.terms.prepare(analysis).catch(() => null);
    if (concepts) {
      if (this.prepared.size > 50) this.prepared.clear();
      this.prepared.set(typed, this.terms.score(concepts));
    }
    return this;
  }

  /** The paths of the term index's shards ``query`` needs first (what prepare() downloads). */
  shardPaths(query) {
    const typed = normalise(query);
    if (!this.terms || !typed) return [];
    const analysis = analyse(typed, this.lexicon);
    return analysis.code ? [] : this.terms.pathsOf(this.terms.termsOf(this.terms.concepts(analysis)));
  }

  /** The term index's scores for ``analysis`` (prepared) by row number, made once per query; null when
   * not prepared. */
  termScores(analysis) {
    const scored = this.prepared.get(analysis.typed);
    if (!scored) return null;
    if (!this.scoreMaps.has(scored)) this.scoreMaps.set(scored, new Map(scored.map(({ index, score }) => [index, score])));
    return this.scoreMaps.get(scored);
  }

  /** The records the term index ranks for ``analysis`` (prepared), as results: [{result, data, rank,
   * order, terms}], best first: the first ``count``, and with ``share``, every other one scoring that
   * share of the best or more; null when not prepared. */
  termRanked(analysis, count = TERM_ROWS, share = 0) {
    const scored = this.prepared.get(analysis.typed);
    if (!scored) return null;
    const least = share && scored.length ? scored[0].score * share : Infinity;
    const kept = scored.filter(({ score }, i) => i < count || score >= least);
    return kept.map(({ index, score }, order) => ({
      ...this.names.item(this.names.entries[index]),
      rank: { score: 0, extra: 0 },
      order,
      terms: score,
    }));
  }

  /** What to say of the query's scope: another agency's topic ({kind: "khac", ...topic}), weak matches
   * ({kind: "yeu"}), or null. */
  verdict(analysis, named, scored) {
    if (!analysis.typed || analysis.code) return null;
    const topic = elsewhereOf(analysis, this.settings.elsewhere);
    if (topic) return { kind: "khac", ...topic };
    if (named || !scored) return null;
    if (!scored.length || (scored[0].terms < STRONG_MATCH && !understood(analysis, scored[0]))) return { kind: "yeu" };
    return null;
  }

  /**
   * The search page's answer to ``query`` with ``filters`` ({key: {any: [values]}}), from the names and
   * the term index alone (no Pagefind): {results, counts, ranked, info, total}, as search() gives it.
   * With a query: the name matches, then the TERM_ROWS records the term index ranks first and every
   * other one it scores ANSWER_SHARE of the best or more, in the header's order (overtaking, families);
   * without one, every record, in the names' order. Then the records with the filters; ``counts``: each
   * filter value's records among them (Names.filtered); ``unfiltered``: the records before the filters.
   */
  async answer(query, filters) {
    await this.prepare(query);
    const analysis = analyse(query, this.lexicon);
    const info = { analysis, dropped: [], partial: false };
    if (!this.names) return { results: [], counts: {}, ranked: [], info, total: 0 };
    const rows = analysis.typed ? this.answerRows(analysis, info) : this.everyRecord();
    const entryOf = (r) => this.names.entries[this.names.numberOf(r.data.url)];
    const { kept, counts } = this.names.filtered(rows.map(entryOf), filters);
    const chosen = new Set(kept);
    const ranked = families(rows.filter((r) => chosen.has(entryOf(r))), analysis);
    return { results: ranked.map((r) => r.result), counts, ranked, info, total: kept.length, unfiltered: rows.length };
  }

  /** Whether answer()'s ``own`` is the search page's whole answer: there is no query (filters only), it
   * has results and they are not weak matches, or it had some that the filters chosen leave out. Else the
   * page asks Pagefind (search()). */
  standsAlone(own) {
    if (!own.info.analysis.typed) return true;
    if (!own.results.length) return own.unfiltered > 0; // the filters chosen leave none of its records
    return !(own.info.verdict && own.info.verdict.kind === "yeu");
  }

  /** answer()'s records for a query, before the filters; ``info`` gets the verdict and the words no
   * name (``absent``) or no record (``dropped``) has. */
  answerRows(analysis, info) {
    const named = this.names.find(analysis);
    const scored = analysis.code ? [] : this.termRanked(analysis, TERM_ROWS, ANSWER_SHARE) || [];
    info.verdict = this.verdict(analysis, named.length, analysis.code ? null : this.termRanked(analysis));
    const near = named.length ? null : this.names.near(analysis, this.lexicon);
    if (near) info.absent = near.absent;
    if (this.terms) {
      const nowhere = (t) => this.terms.get(t.f) === null && !this.names.postings("folded").has(t.f);
      info.dropped = analysis.core.filter(nowhere).map((t) => t.raw);
    }
    if (!named.length && !scored.length) return near ? near.ranked : [];
    const urls = new Set(named.map((r) => r.data.url));
    return this.overtaking(named, scored.filter((r) => !urls.has(r.data.url)), analysis);
  }

  /** Every record, in the names' order, as results. */
  everyRecord() {
    return this.names.entries.map((entry, order) => ({ ...this.names.item(entry), rank: { score: 0, extra: 0 }, order }));
  }

  /** This engine once Pagefind has started (started on the first call). */
  async start() {
    if (!this.starting) this.starting = this.starter();
    if (!this.pagefind) this.pagefind = await this.starting;
    return this;
  }

  /**
   * The header's answer to ``query``, from the names alone (no Pagefind): {ranked, total, named, info,
   * near}. The name matches (``named`` of them; ``total`` counts every one), then, when they are fewer
   * than HEADER_ROWS, the names nearest to it that are not among them (Names.near; ``near``: there is
   * no name match, and ``info.absent`` names the words no name has).
   */
  quick(query) {
    const answer = this.quickRows(query);
    const ranked = families(answer.ranked, answer.info.analysis);
    if (ranked.length === answer.ranked.length) return { ...answer, ranked }; // reordered, none gathered
    const named = ranked.filter((r) => r.rank && r.rank.score >= NAME_TIER).length;
    return { ...answer, ranked, total: answer.total - (answer.ranked.length - ranked.length), named: Math.min(answer.named, named) };
  }

  /** quick() before the variants of one procedure are gathered into one row. */
  quickRows(query) {
    const analysis = analyse(query, this.lexicon);
    const ranked = this.named(analysis, {});
    const info = { analysis, dropped: [], partial: false };
    const answer = { ranked, total: ranked.length, named: ranked.length, info, near: false };
    const scored = analysis.code ? null : this.termRanked(analysis);
    info.verdict = this.verdict(analysis, ranked.length, scored);
    const rows = ranked.length >= HEADER_ROWS ? families(ranked, analysis).length : ranked.length;
    // The name matches fill the list (or there is nothing the term index could add): the answer, whatever
    // the term index says.
    // Once the term index is loaded, a record it scores clearly higher goes before the name matches it
    // beats, as on the search page (lifted).
    const head = scored && scored.length && ranked.length ? this.lifted(ranked, scored, analysis) : ranked;
    if (rows >= HEADER_ROWS && head !== ranked) return { ...answer, ranked: head };
    if (rows >= HEADER_ROWS || !this.names || !analysis.typed || analysis.code) return { ...answer, settled: true };
    if (scored && scored.length && !ranked.length) {
      // No name has every word: the records that say the most of the query, the words no name has named.
      const { absent } = this.names.near(analysis, this.lexicon);
      return { ...answer, ranked: scored, total: scored.length, info: { ...info, absent }, near: true };
    }
    const near = this.names.near(analysis, this.lexicon);
    const urls = new Set(ranked.map((r) => r.data.url));
    const more = near.ranked.filter((r) => !urls.has(r.data.url));
    const score = this.termScores(analysis);
    if (score) {
      // The nearest names in the order of what the records say (the term index), nearest first among equals.
      const at = new Map(more.map((r, i) => [r, i]));
      more.sort((a, b) => (score.get(b.order) || 0) - (score.get(a.order) || 0) || at.get(a) - at.get(b));
    }
    if (ranked.length) {
      const rest = more.filter((r) => !head.includes(r));
      return { ...answer, ranked: this.overtaking(head, rest, analysis), total: ranked.length + more.length };
    }
    return { ...answer, ranked: more, total: more.length, info: { ...info, absent: near.absent }, near: true };
  }

  named(analysis, filters) {
    if (!this.names || !analysis.typed || Object.keys(filters).length) return [];
    return this.names.find(analysis);
  }

  /**
   * ``own`` (Pagefind's merged results, the first ranked) with the name matches first, in the names'
   * order, each with Pagefind's data (its excerpt) when Pagefind ranked it too; then Pagefind's other
   * results. A result may come twice beyond the ranked ones (SearchPage skips a page shown before);
   * ``total`` counts Pagefind's results, or the name matches when they are more.
   */
  withNames(own, filters) {
    const named = this.named(own.info.analysis, filters);
    const total = Math.max(own.results.length, named.length);
    if (!named.length) return { ...own, own, total };
    const loaded = new Map(own.ranked.map((r) => [r.data.url, r]));
    const first = named.map((n) => (loaded.has(n.data.url) ? { ...loaded.get(n.data.url), rank: n.rank } : n));
    const urls = new Set(named.map((n) => n.data.url));
    const ranked = first.concat(own.ranked.filter((r) => !urls.has(r.data.url)));
    const ids = new Set(ranked.map((r) => r.result.id));
    const results = ranked.map((r) => r.result).concat(own.results.filter((r) => !ids.has(r.id)));
    return { ...own, results, ranked, own, total };
  }

  /**
   * Search ``query`` with ``filters``; the first ``ranked`` results ranked, their data loaded; with
   * ``counted``, the filter values counted (Pagefind then loads every filter's file first); ``plan``
   * makes the Pagefind searches of the analysed query (variants; plainVariants for other pages). A search
   * started later supersedes this one: it then resolves to null as soon as it notices, so that typing
   * never queues searches (and their downloads) for queries nobody waits for any more.
   */
  async search(query, filters, ranked = RANKED, counted = false, plan = variants) {
    const ticket = (this.ticket = (this.ticket || 0) + 1);
    const run = this.lock.then(() => (ticket === this.ticket ? this.run(query, filters, ranked, ticket, counted, plan) : null));
    this.lock = run.catch(() => undefined);
    try {
      return await run;
    } catch (error) {
      if (error === SUPERSEDED) return null;
      throw error;
    }
  }

  check(ticket) {
    if (ticket !== this.ticket) throw SUPERSEDED;
  }

  async run(query, filters, ranked, ticket, counted, plan) {
    const preparing = this.prepare(query); // the term shards download beside Pagefind's chunks
    await this.start();
    if (counted) await this.pagefind.filters(); // Pagefind counts the filter values once it holds them all
    const analysis = analyse(query, this.lexicon);
    const info = { analysis, dropped: [], partial: false };
    if (!analysis.typed) {
      const runs = await this.runAll([{ query: null, exact: false, weight: 1 }], filters, ticket);
      const { results, counts } = merge(runs);
      return { results, counts, ranked: [], info, total: results.length };
    }
    const list = plan(analysis);
    let runs = await this.runAll(list, filters, ticket);
    const whole = runs.filter((_, i) => list[i].all);
    const nothing = whole.length > 0 && whole.every((r) => r.search.results.length === 0);
    if (!analysis.code && nothing && analysis.core.length > 1) {
      runs = runs.concat(await this.relax(analysis, filters, info, ticket));
    }
    const { results, counts } = merge(runs);
    this.check(ticket);
    const first = await this.rankFirst(analysis, results, ranked);
    this.check(ticket);
    await preparing;
    this.check(ticket);
    return this.withTerms(this.withNames({ results, counts, ranked: first, info }, filters), analysis, filters);
  }

  /** The name matches first, then the records the term index ranks, then Pagefind's other results;
   * ``info.verdict`` says when the query is another agency's or its matches are weak. */
  withTerms(found, analysis, filters) {
    const named = this.named(analysis, filters).length;
    const scored = Object.keys(filters).length || analysis.code ? null : this.termRanked(analysis);
    found.info.verdict = this.verdict(analysis, named, scored);
    if (!scored || !scored.length) return found;
    const head = found.ranked.slice(0, named);
    const urls = new Set(head.map((r) => r.data.url));
    // After the name matches: the term index's ranking and Pagefind's fused by reciprocal rank.
    const fused = new Map();
    const add = (list, weight) =>
      list
        .filter((r) => !urls.has(r.data.url))
        .forEach((r, i) => {
          const entry = fused.get(r.data.url) || { r, score: 0, order: fused.size };
          if (r.result && !String(r.result.id).startsWith("ck-name:")) entry.r = { ...r, terms: entry.r.terms };
          entry.score += weight / (FUSION_K + i + 1);
          fused.set(r.data.url, entry);
        });
    add(scored, TERM_WEIGHT);
    add(found.ranked.slice(named), 1);
    const rest = [...fused.values()].sort((a, b) => b.score - a.score || a.order - b.order).map((e) => e.r);
    const ranked = families(this.overtaking(head, rest, analysis), analysis);
    const ids = new Set(ranked.flatMap((r) => [r.result.id, ...(r.members || []).map((m) => m.result.id)]));
    const gathered = new Set(ranked.flatMap((r) => (r.members || []).map((m) => m.data.url)));
    const shown = (r) => !ids.has(r.id) && !(r.data && gathered.has(r.data.url));
    const results = ranked.map((r) => r.result).concat(found.results.filter(shown));
    return { ...found, ranked, results, total: Math.max(found.total, ranked.length) };
  }

  /**
   * The name matches ``head`` first, then ``rest``; but one of the first OVERTAKE_ROWS of ``rest`` goes
   * before a name match (not the exact name, nor one that starts with the query) when the term index
   * scores it more than NAME_MARGIN higher: its record says more of the query, where the name match only
   * holds the words somewhere in a long name. The search page's order and the header's (its nearest
   * names after few name matches).
   */
  overtaking(head, rest, analysis) {
    const score = this.termScores(analysis);
    if (!score || !head.length) return head.concat(rest);
    const terms = (r) => score.get(this.names.numberOf(r.data.url)) || 0;
    const out = head.slice();
    const first = (r) => r.rank && r.rank.score >= NAME_START;
    for (const r of rest.slice(0, OVERTAKE_ROWS)) {
      // Before the first row it says more than; among the rows that went up, the higher score first.
      const at = out.findIndex((h) => !first(h) && terms(h) + NAME_MARGIN < terms(r));
      if (at >= 0 && at < head.length) out.splice(at, 0, r);
      else out.push(r);
    }
    return out.concat(rest.slice(OVERTAKE_ROWS));
  }

  /** ``head`` (name matches) with the records of ``scored`` (the term index's ranking) that it scores
   * clearly higher put before the rows they beat (overtaking); the other records it ranks left out. */
  lifted(head, scored, analysis) {
    const urls = new Set(head.map((r) => r.data.url));
    const out = this.overtaking(head, scored.filter((r) => !urls.has(r.data.url)).slice(0, OVERTAKE_ROWS), analysis);
    return out.slice(0, Math.max(...head.map((r) => out.indexOf(r))) + 1);
  }

  /** Searches without the words found nowhere, then by parts of the query. */
  async relax(analysis, filters, info, ticket) {
    const core = analysis.forms[1] || analysis.core;
    const alone = await this.runAll(
      core.map((t) => ({ query: t.f, exact: false, weight: 0 })),
      filters,
      ticket,
    );
    const live = core.filter((_, i) => alone[i].search.unfilteredResultCount > 0);
    const missing = core.filter((_, i) => alone[i].search.unfilteredResultCount === 0);
    // Said to the reader: the words they typed (a lexicon's official term may hold others).
    const typed = new Set(analysis.core.map((t) => t.f));
    info.dropped = missing.filter((t) => typed.has(t.f)).map((t) => t.raw);
    if (!live.length) return [];
    const list = [];
    if (missing.length) {
      list.push({ query: text(live), exact: live.some((t) => t.marked), weight: 1 });
      list.push({ query: live.map((t) => t.f).join(" "), exact: false, weight: 1, sort: SHORTEST });
      if (live.length > 1) list.push({ query: pairsOf(live.map((t) => t.f)).join(" "), exact: false, weight: 1 });
    }
    let runs = await this.runAll(list, filters, ticket);
    if (runs.some((r) => r.search.results.length)) return runs;
    info.partial = true;
    const parts = [];
    if (live.length > 2 && live.length <= 6) {
      live.forEach((_, i) => {
        const rest = live.filter((__, k) => k !== i);
        parts.push({ query: rest.map((t) => t.f).join(" "), exact: false, weight: 1 });
      });
    }
    pairsOf(live.map((t) => t.f)).forEach((pair) => parts.push({ query: pair, exact: false, weight: 0.7 }));
    live.forEach((t) => parts.push({ query: t.f, exact: false, weight: 0.4 }));
    runs = await this.runAll(parts, filters, ticket);
    return runs;
  }

  async runAll(list, filters, ticket) {
    // Every search's index chunks asked for at once (one wave of requests, not one per search); then
    // the searches, one after the other.
    await Promise.all(list.map(({ query }) => this.pagefind.preload(query, { filters })));
    const runs = [];
    for (const { query, exact, weight, sort } of list) {
      this.check(ticket);
      await this.pagefind.options({ exactDiacritics: exact });
      const search = await this.pagefind.search(query, sort ? { filters, sort: { [sort]: "asc" } } : { filters });
      runs.push({ search: search || { results: [], filters: {}, unfilteredResultCount: 0 }, weight });
    }
    return runs;
  }

  /** The first ``count`` results, their data loaded, ordered by rank() then by fused order; ``results``
   * is reordered in place. */
  async rankFirst(analysis, results, count) {
    const head = results.slice(0, count);
    const data = await Promise.all(head.map((result) => result.data()));
    const scored = head.map((result, i) => ({ result, data: data[i], rank: rank(analysis, data[i].meta || {}), order: i }));
    scored.sort(compare);
    const order = scored.map((s) => s.result);
    results.splice(0, head.length, ...order);
    return scored;
  }
}

/** ``total`` results (for ``what``, « cho «…»») said by what they are, from the page-type counts when
 * they add up to it: «6 kết quả cho «x»: 3 thủ tục hành chính; 3 phản ánh, kiến nghị», «3 thủ tục hành
 * chính cho «x»»; else «6 kết quả cho «x»». */
export function countSaid(total, counts, what = "") {
  const kinds = Object.entries((counts || {})[PAGE_TYPE] || {}).filter(([, n]) => n > 0);
  if (!kinds.length || kinds.reduce((sum, [, n]) => sum + n, 0) !== total) return `${total} kết quả${what}`;
  kinds.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "vi"));
  const said = kinds.map(([kind, n]) => `${n} ${kind.toLowerCase()}`);
  return kinds.length === 1 ? `${said[0]}${what}` : `${total} kết quả${what}: ${said.join("; ")}`;
}

/** The rows of the names' answer (Engine.quick) the search page shows first: its name matches, or its
 * nearest names when there are none, at most PAGE_SIZE. */
function namesFirst(found) {
  return found.ranked.slice(0, Math.min(found.named || found.total, PAGE_SIZE));
}

/** What the names' answer (Engine.quick) to ``typed`` holds, said: its code matches (a code was
 * typed), its name matches, or (none) its nearest names. */
function namesSaid(found, typed) {
  if (found.info.analysis.code) return `${found.named} thủ tục có mã khớp với «${typed}»`;
  return found.named
    ? `${found.named} thủ tục có tên khớp với «${typed}»`
    : `${found.total} thủ tục có tên gần khớp với «${typed}»`;
}

/** Whether the query was read differently from how it was typed (corrected, swapped, shortened). */
export function changed(info, top) {
  const { analysis } = info;
  if (analysis.corrected.length || info.dropped.length || info.partial) return true;
  return Boolean(top && analysis.terms.length && rank({ ...analysis, forms: [analysis.core] }, top.meta || {}).score < 3);
}

/** The sentence about what was left out or corrected, or "". */
export function notes(info) {
  const quote = (list) => list.map((w) => `«${w}»`).join(", ");
  const parts = [];
  const { analysis } = info;
  if (analysis.stops.length) parts.push(`Đã bỏ qua các từ không cần thiết: ${quote(analysis.stops)}.`);
  if (analysis.corrected.length) {
    parts.push(`Đã tìm ${analysis.corrected.map((c) => `«${c.to}» thay cho «${c.from}»`).join(", ")}.`);
  }
  if (info.dropped.length) parts.push(`Không thủ tục nào có từ ${quote(info.dropped)}: kết quả không tính các từ này.`);
  const absent = [...analysis.unknown, ...(info.absent || []).filter((w) => !analysis.unknown.includes(w))];
  const unknown = absent.filter((w) => !info.dropped.includes(w));
  if (unknown.length) parts.push(`Không tên thủ tục nào có từ ${quote(unknown)}.`);
  if (info.partial) parts.push("Không thủ tục nào có đủ các từ: kết quả có nhiều từ nhất được xếp trước.");
  return parts.join(" ");
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

function link(href, text, className) {
  const a = element("a", className, text);
  a.href = href;
  return a;
}

/** One result of the search page: its link, code and sector, excerpt and the other members of its family. */
function renderResult(page) {
  const meta = page.meta || {};
  const item = element("li", "ck-result");
  const anchor = link(page.url, meta.title || page.url, "ck-result__link");
  const facts = element("p", "ck-result__meta");
  if (meta.ma) facts.append(element("span", "ck-result__code", `Mã ${meta.ma}`));
  if (meta.linh_vuc) facts.append(element("span", "ck-result__sector", meta.linh_vuc));
  const excerpt = element("p", "ck-result__excerpt");
  excerpt.append(excerptNodes(page.excerpt || ""));
  item.append(anchor, facts);
  if (page.excerpt) item.append(excerpt);
  if (page.family && page.family.length) {
    const more = element("p", "ck-result__family", "Cùng thủ tục, cấp hoặc cách làm khác: ");
    page.family.forEach((other, i) => {
      if (i) more.append("; ");
      more.append(link(other.url, `${(other.meta && other.meta.title) || other.url}${other.meta && other.meta.ma ? ` (${other.meta.ma})` : ""}`, "ck-result__variant"));
    });
    item.append(more);
  }
  return item;
}

/** Where to look when nothing is found: the sector lists and the national portal's search. */
function emptyHelp(settings, site, typed) {
  const box = element("div", "ck-search__empty");
  box.append(element("p", "", "Bạn có thể thử:"));
  const tips = element("ul");
  tips.append(element("li", "", "gõ ít từ hơn, hoặc tên giấy tờ cần làm (ví dụ «khai sinh», «sổ đỏ»);"));
  const portal = element("li", "", "tìm trên ");
  portal.append(link(settings.portal || "https://dichvucong.gov.vn", "Cổng Dịch vụ công quốc gia"));
  portal.append(` (gõ «${typed}» vào ô tìm kiếm của Cổng);`);
  tips.append(portal);
  const fallback = settings.fallback || [];
  if (fallback.length) {
    const sectors = element("li", "", "xem danh mục thủ tục theo lĩnh vực:");
    const list = element("ul", "ck-search__sectors");
    for (const { text, url } of fallback) list.append(listItem(new URL(url, site).href, text));
    sectors.append(list);
    tips.append(sectors);
  }
  box.append(tips);
  return box;
}

function listItem(href, text) {
  const item = element("li");
  item.append(link(href, text));
  return item;
}

/** What the page says of a query's scope (Engine.verdict): another agency's topic, with the agency and
 * its link, or weak matches, with the national portal's search for the same words. */
export function verdictBox(verdict, settings, typed) {
  const box = element("div", "ck-search__verdict");
  box.setAttribute("role", "note");
  if (verdict.kind === "khac") {
    box.dataset.kind = "khac";
    const line = element("p");
    line.append(element("strong", "", verdict.chu_de), ` do ${verdict.co_quan} giải quyết, không phải cơ quan này. Xem tại `);
    line.append(link(verdict.lien_ket, verdict.lien_ket), ".");
    box.append(line, element("p", "ck-search__verdict-source", `Căn cứ: ${verdict.nguon}.`));
    return box;
  }
  box.dataset.kind = "yeu";
  const line = element("p", "", `Không thủ tục nào ở đây khớp rõ với «${typed}»: các kết quả dưới đây chỉ gần giống. Việc này có thể do cơ quan khác giải quyết; hãy tìm trên `);
  line.append(link(settings.portal || "https://dichvucong.gov.vn", "Cổng Dịch vụ công quốc gia"), ` (gõ «${typed}» vào ô tìm kiếm của Cổng).`);
  box.append(line);
  return box;
}

/** The header's one line for a verdict. */
function verdictLine(verdict, typed) {
  return verdict.kind === "khac"
    ? `${verdict.chu_de} do ${verdict.co_quan} giải quyết, không phải cơ quan này.`
    : `Không thủ tục nào khớp rõ với «${typed}»; có thể tìm trên Cổng Dịch vụ công quốc gia.`;
}

/** "Did you mean": the first result's name, as a link, when the query was read differently. */
function suggestion(page) {
  const box = element("p", "ck-search__suggest");
  box.append("Có phải bạn muốn tìm: ");
  box.append(link(page.url, (page.meta && page.meta.title) || page.url));
  box.append("?");
  return box;
}

/** A list of results shown PAGE_SIZE at a time, with its «Xem thêm» button; a page shown before is
 * skipped. ``render`` makes one result's item. */
class ResultList {
  constructor(list, more, render) {
    this.list = list;
    this.more = more;
    this.render = render;
    this.more.addEventListener("click", () => this.showMore(true));
    this.clear();
  }

  /** Empty the list; its results are ``results``, the data of those already loaded in ``loaded``. */
  clear(results = [], loaded = new Map()) {
    this.results = results;
    this.loaded = loaded;
    this.shown = 0;
    this.seen = new Set();
    this.version = (this.version || 0) + 1;
    this.list.replaceChildren();
    this.more.hidden = true;
  }

  /** Show the next PAGE_SIZE results (their data loaded); focus the first new one with ``focusFirstNew``. */
  async showMore(focusFirstNew) {
    const version = this.version;
    const batch = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => this.loaded.get(result.id) || result.data()));
    if (version !== this.version) return;
    const fresh = data.filter((page) => !this.seen.has(page.url));
    fresh.forEach((page) => this.seen.add(page.url));
    const items = fresh.map((page) => this.render(page));
    this.list.append(...items);
    this.shown += batch.length;
    this.more.hidden = this.shown >= this.results.length;
    if (focusFirstNew && items.length) items[0].querySelector("a").focus();
  }
}

class SearchPage {
  constructor(root, engine, site) {
    this.root = root;
    this.engine = engine;
    this.settings = engine.settings;
    this.site = site;
    this.input = root.querySelector("#ck-search-input");
    this.status = root.querySelector("#ck-search-status");
    this.filterBox = root.querySelector("#ck-search-filters");
    this.extra = element("div", "ck-search__extra");
    this.extra.id = "ck-search-extra";
    this.status.after(this.extra);
    const render = (page) => this.renderResult(page);
    this.main = new ResultList(root.querySelector("#ck-search-results"), root.querySelector("#ck-search-more"), render);
    this.list = this.main.list;
    this.others = root.querySelector("#ck-search-others");
    if (this.others) {
      this.othersStatus = this.others.querySelector("#ck-search-others-status");
      this.otherList = new ResultList(
        this.others.querySelector("#ck-search-others-results"),
        this.others.querySelector("#ck-search-others-more"),
        render,
      );
    }
    this.selected = {};
    this.filterBoxes = {};
    this.sequence = 0;
    this.timer = 0;
  }

  /** Show the page: its filters (counted from the names file) and the address's query, answered from
   * the names and the term index; Pagefind starts only for what they do not hold (searchOthers). */
  async start() {
    this.root.hidden = false;
    this.root.querySelector("form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.search();
    });
    this.input.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.engine.prepare(this.input.value).catch(() => undefined);
      this.timer = setTimeout(() => this.search(), DEBOUNCE_MS);
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && this.links().length) {
        event.preventDefault();
        this.links()[0].focus();
      }
    });
    this.list.addEventListener("keydown", (event) => this.moveFocus(event));
    const query = (new URLSearchParams(location.search).get("q") || "").slice(0, MAX_QUERY);
    this.input.value = query;
    const header = document.getElementById("ck-header-q");
    if (header) header.value = query;
    if (query) {
      this.engine.prepare(query).catch(() => undefined); // its term shards download while the page renders
      this.input.focus();
      this.showNames(normalise(query));
    }
    if (this.engine.names) {
      this.allCounts = this.engine.names.filtered(this.engine.names.entries, {}).counts;
      this.renderFilters(this.allCounts);
    }
    if (this.input.value) await this.search();
  }

  /** The header's answer to ``typed`` (Engine.quick) shown at once, while the term index's shards load:
   * the name matches, or the nearest names when there are none; the status ends with ``tail``. False
   * when there is nothing to show or filters are chosen. */
  showNames(typed, tail = SEARCHING_ON) {
    if (Object.keys(this.selected).length) return false;
    if (this.namesShown === typed) return true; // still on screen (the page's start showed them)
    const found = this.engine.quick(typed);
    if (!found.ranked.length) return false;
    const first = namesFirst(found);
    this.main.clear();
    this.list.replaceChildren(...first.map(({ data }) => this.renderResult(data)));
    this.extra.replaceChildren();
    this.status.textContent = `${namesSaid(found, typed)}${tail}`;
    this.namesShown = typed;
    return true;
  }

  links() {
    return [...this.list.querySelectorAll("a.ck-result__link, a.ck-result__variant")];
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
    this.chosenMarks = {};
    for (const { key, label } of this.settings.filters) {
      const values = Object.keys(all[key] || {});
      if (values.length < 2 && key === PAGE_TYPE) continue;
      if (!values.length) continue;
      values.sort((a, b) => all[key][b] - all[key][a] || a.localeCompare(b, "vi"));
      const details = element("details", "ck-facet");
      const summary = element("summary", "ck-facet__title", label);
      const chosen = element("span", "ck-facet__chosen");
      summary.append(chosen);
      const list = element("ul", "ck-facet__values");
      details.append(summary, list);
      this.filterBoxes[key] = {};
      this.chosenMarks[key] = chosen;
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
    // A closed filter still says it is in use.
    this.chosenMarks[key].textContent = values.size ? ` (đã chọn ${values.size})` : "";
    this.search();
  }

  /** Untick every filter and search again. */
  clearFilters() {
    for (const boxes of Object.values(this.filterBoxes)) for (const { box } of Object.values(boxes)) box.checked = false;
    for (const mark of Object.values(this.chosenMarks)) mark.textContent = "";
    this.selected = {};
    this.search();
  }

  filters() {
    const filters = {};
    for (const [key, values] of Object.entries(this.selected)) filters[key] = { any: values };
    return filters;
  }

  /**
   * Answer the box's query with the filters chosen: the records' answer from the names and the term
   * index (Engine.answer: results and filter counts, no Pagefind); then, below it, Pagefind's answer
   * from the other pages (searchOthers). When no record answers (or only weakly), Pagefind's answer from
   * the records' pages, then the other pages below it.
   */
  async search() {
    const sequence = ++this.sequence;
    const typed = normalise(this.input.value);
    const url = new URL(location.href);
    if (typed) url.searchParams.set("q", typed);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    const filtering = Object.keys(this.selected).length > 0;
    this.hideOthers();
    if (!typed && !filtering) {
      this.namesShown = null;
      this.main.clear();
      this.extra.replaceChildren();
      this.status.textContent = "";
      if (this.allCounts) this.updateCounts(this.allCounts);
      return;
    }
    if (!typed || !this.showNames(typed)) this.status.textContent = "Đang tìm…";
    const own = await this.engine.answer(typed, this.filters()).catch(() => null);
    if (sequence !== this.sequence) return;
    if (own && this.engine.standsAlone(own)) {
      await this.show(own, typed);
      if (OFFLINE && typed) this.status.textContent += ` ${NO_INDEX}`;
      else if (typed && !filtering && !own.info.analysis.code) await this.searchOthers(typed, sequence);
      return;
    }
    // No record answers, or only weakly: Pagefind's answer from the records' pages, the records the term
    // index ranks fused into it (Engine.search); the other kinds of page below it, as above.
    const kinds = this.settings.others || [];
    const foreign = own && (!own.unfiltered || own.info.dropped.length * 2 > own.info.analysis.core.length);
    if (foreign && !filtering && (await this.searchOthers(typed, sequence))) {
      // No record has most of its words, the other pages have («PAKN-2026-022»): they are the answer.
      if (sequence !== this.sequence) return;
      this.namesShown = null;
      this.main.clear();
      this.extra.replaceChildren();
      this.updateCounts({});
      this.status.textContent = `Không thủ tục nào khớp «${typed}»; kết quả trong ${kinds.join(", ").toLowerCase()} ở bên dưới.`;
      return;
    }
    const filters = kinds.length ? { ...this.filters(), [PAGE_TYPE]: { none: kinds } } : this.filters();
    const found = await this.engine.search(typed, filters, RANKED, true).catch(() => null);
    if (sequence !== this.sequence) return;
    if (found) {
      await this.show(found, typed);
      if (!filtering && this.others && this.others.hidden) await this.searchOthers(typed, sequence);
    } else if (own) {
      await this.show(own, typed);
      this.status.textContent += ` ${NO_INDEX}`;
    } else this.status.textContent = NO_INDEX;
  }

  /** Show ``found`` (Engine.answer's or Engine.search's answer to ``typed``): its results, filter
   * counts, status line and what it says of the query's scope. */
  async show(found, typed) {
    const { results, counts, ranked, info, total } = found;
    this.namesShown = null;
    this.extra.replaceChildren();
    this.updateCounts(counts);
    this.main.clear(results, new Map(ranked.map((r) => [r.result.id, r.data])));
    const version = this.main.version;
    await this.main.showMore(false);
    if (version !== this.main.version) return;
    const what = typed ? ` cho «${typed}»` : "";
    const note = typed ? notes(info) : "";
    const filtering = Object.keys(this.selected).length > 0;
    if (!results.length && filtering && found.unfiltered) {
      // The records answer, but none has the values chosen: say so, and offer to untick them.
      this.status.textContent = `Không thủ tục nào${what} thuộc các lựa chọn ở bộ lọc; bỏ lọc thì có ${found.unfiltered} thủ tục.`;
      const clear = element("button", "md-button ck-search__clear", "Bỏ chọn mọi bộ lọc");
      clear.type = "button";
      clear.addEventListener("click", () => this.clearFilters());
      this.extra.append(clear);
      return;
    }
    // Under a verdict (another agency's topic, weak matches) the results found are only near.
    const near = typed && info.verdict ? ", chỉ gần giống" : "";
    this.status.textContent = results.length
      ? `Tìm thấy ${countSaid(total, counts, what)}${near}.${note ? ` ${note}` : ""}`
      : `Không tìm thấy kết quả nào${what}.${note ? ` ${note}` : ""}`;
    if (typed && info.verdict) this.extra.append(verdictBox(info.verdict, this.settings, typed));
    else if (results.length && typed && changed(info, ranked[0] && ranked[0].data)) {
      this.extra.append(suggestion(ranked[0].data));
    }
    if (!results.length && typed) this.extra.append(emptyHelp(this.settings, this.site, typed));
  }

  hideOthers() {
    if (!this.others) return;
    this.others.hidden = true;
    this.otherList.clear();
  }

  /** Below the records' answer: Pagefind's answer to ``typed`` from the kinds of page that are not
   * records of the names file (settings.others: feedback items), asked once the records' answer is
   * shown; the section is on the page only when the site has such pages. Whether it found any. */
  async searchOthers(typed, sequence) {
    const kinds = this.settings.others || [];
    if (!this.others || !kinds.length || OFFLINE) return false;
    this.others.hidden = false;
    this.othersStatus.textContent = "Đang tìm…";
    // The query's words only (plainVariants), the first results ranked by how their titles say it, no
    // filter counts.
    const filters = { [PAGE_TYPE]: { any: kinds } };
    const found = await this.engine.search(typed, filters, RANKED, false, plainVariants).catch(() => null);
    if (sequence !== this.sequence) return false;
    if (!found) {
      this.othersStatus.textContent = NO_INDEX;
      return false;
    }
    const { results, ranked } = found;
    const counts = kinds.length === 1 ? { [PAGE_TYPE]: { [kinds[0]]: results.length } } : found.counts;
    this.otherList.clear(results, new Map(ranked.map((r) => [r.result.id, r.data])));
    await this.otherList.showMore(false);
    if (sequence !== this.sequence) return false;
    const what = ` cho «${typed}»`;
    this.othersStatus.textContent = results.length
      ? `Tìm thấy ${countSaid(results.length, counts, what)}.`
      : `Không tìm thấy kết quả nào${what}.`;
    return results.length > 0;
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

  renderResult(page) {
    return renderResult(page);
  }
}

/**
 * The header box: results as you type, in a list under the box (ARIA combobox with a listbox).
 * Arrow keys move through the results, Enter opens the one chosen (or the search page), Escape closes
 * the list; the count is read out by a polite live region. The names and settings load on the first
 * sign of interest; each key shows the header's answer (Engine.quick) at once: the name matches
 * (data-source "names"), the nearest names when no name has every word ("near"), or none ("none").
 * Pagefind is never loaded here: the last row opens the search page, which also reads the pages' text.
 */
class HeaderBox {
  constructor(form, load) {
    this.form = form;
    this.load = load;
    this.input = form.querySelector("#ck-header-q");
    this.list = form.querySelector("#ck-header-results");
    this.live = form.querySelector("#ck-header-status");
    this.options = [];
    this.active = -1;
  }

  start() {
    // Start loading on the first sign of interest: a pointer over the box, a touch, or focus.
    for (const event of ["pointerenter", "touchstart", "focus"]) {
      this.input.addEventListener(event, () => this.engine(), { once: true, passive: true });
    }
    this.input.addEventListener("input", () => this.typed());
    this.input.addEventListener("keydown", (event) => this.key(event));
    this.input.addEventListener("blur", () => setTimeout(() => this.close(), 150));
    this.form.addEventListener("submit", () => {
      this.carry();
      leave();
    });
    this.list.addEventListener("mousedown", (event) => event.preventDefault());
  }

  engine() {
    if (!this.loading) this.loading = this.load();
    return this.loading;
  }

  async typed() {
    const value = this.input.value;
    const engine = await this.engine();
    if (this.input.value !== value) return;
    const typed = normalise(value);
    if (!typed) {
      this.close();
      this.live.textContent = "";
      return;
    }
    const preparing = engine.prepare(value);
    if (!engine.prepared.has(typed)) {
      // The names answer at once, without waiting for the term index's shards (a round trip on a slow
      // link). When they fill the list the term index changes nothing: that is the answer; else it is
      // shown as early (data-final="false", not read out) and replaced once the shards have arrived.
      const early = engine.quick(typed);
      this.render(typed, early, engine, Boolean(early.settled));
      if (early.settled) return;
    }
    await preparing;
    if (this.input.value !== value) return;
    this.render(typed, engine.quick(typed), engine, true);
  }

  /** Show the header's answer ``found`` (Engine.quick) for ``typed``; data-source says what it is:
   * "names" (name matches, and the nearest names after them when they are few), "near" (the nearest
   * names: no name match) or "none"; data-final "false" when the term index may still change it (the
   * live region then keeps what it said). */
  render(typed, found, engine, final = true) {
    const { ranked, total, named, info } = found;
    // The option chosen with the arrow keys stays chosen when the same query's list is shown again.
    const chosen = this.list.dataset.query === typed && this.active >= 0 ? this.options[this.active].dataset.href : null;
    this.list.dataset.query = typed;
    this.list.dataset.final = String(final);
    this.list.dataset.source = !total ? "none" : found.near ? "near" : "names";
    this.list.replaceChildren();
    this.options = [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    const shown = ranked.slice(0, HEADER_ROWS);
    // What the search page shows first for the same query (SearchPage.showNames), kept for carry().
    const rows = namesFirst(found).map(({ data }) => data);
    this.answer = total ? { q: typed, rows, said: namesSaid(found, typed), shards: engine.shardPaths(typed) } : null;
    shown.forEach(({ data }, i) => {
      const option = element("li", "ck-header-results__option");
      option.id = `ck-header-option-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.href = data.url;
      const title = element("span", "ck-header-results__title", (data.meta && data.meta.title) || data.url);
      option.append(title);
      if (data.meta && data.meta.ma) option.append(element("span", "ck-header-results__code", `Mã ${data.meta.ma}`));
      if (data.family && data.family.length) {
        option.append(element("span", "ck-header-results__family", `và ${data.family.length} thủ tục cùng tên ở cấp hoặc cách làm khác`));
      }
      option.addEventListener("click", () => this.open(data.url));
      this.list.append(option);
      this.options.push(option);
    });
    const page = new URL(SEARCH_PAGE, engine.site);
    page.searchParams.set("q", typed);
    const all = element("li", "ck-header-results__option ck-header-results__all");
    all.id = `ck-header-option-${shown.length}`;
    all.setAttribute("role", "option");
    all.setAttribute("aria-selected", "false");
    all.dataset.href = page.href;
    all.textContent = total ? "Xem tất cả kết quả" : OFFLINE ? "Mở trang tìm kiếm" : `Tìm «${typed}» trong nội dung các trang`;
    all.addEventListener("click", () => this.open(page.href));
    this.list.append(all);
    this.options.push(all);
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    const note = total ? notes(info) : "";
    const fix = total && changed(info, shown[0] && shown[0].data);
    const nearby = named && total > named ? `, ${total - named} thủ tục có tên gần khớp` : "";
    const head = total
      ? `${namesSaid(found, typed)}${nearby}.`
      : `Không tên thủ tục nào khớp với «${typed}». ${OFFLINE ? NO_INDEX : "Nhấn Enter để tìm trong nội dung các trang."}`;
    const said = info.verdict ? ` ${verdictLine(info.verdict, typed)}` : "";
    const mean = said || (fix ? ` Có phải bạn muốn tìm: «${shown[0].data.meta.title}»?` : "");
    if (final) this.live.textContent = `${head}${mean}${note ? ` ${note}` : ""}`;
    if (fix || note || said) {
      const hint = element("li", "ck-header-results__note", `${mean.trim()} ${note}`.trim());
      hint.setAttribute("role", "presentation");
      this.list.prepend(hint);
    }
    const again = chosen ? this.options.findIndex((option) => option.dataset.href === chosen) : -1;
    if (again >= 0) this.move(again);
  }

  key(event) {
    const open = !this.list.hidden && this.options.length;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      this.move(this.active + 1 >= this.options.length ? 0 : this.active + 1);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      this.move(this.active <= 0 ? this.options.length - 1 : this.active - 1);
    } else if (event.key === "Enter" && open && this.active >= 0) {
      event.preventDefault();
      this.open(this.options[this.active].dataset.href);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        this.close();
      } else if (this.input.value) {
        event.preventDefault();
        this.input.value = "";
      }
    }
  }

  /** Open ``href`` (a result, or the search page with the list's answer carried to it). */
  open(href) {
    if (href === this.options[this.options.length - 1].dataset.href) this.carry();
    leave(href);
  }

  /** Keep the list's answer for the search page about to open with the box's query (showCarried). */
  carry() {
    if (!this.answer || this.answer.q !== normalise(this.input.value)) return;
    try {
      sessionStorage.setItem(CARRIED, JSON.stringify(this.answer));
    } catch {
      // no session storage (private mode, full): the search page computes the same answer itself
    }
  }

  move(index) {
    if (this.active >= 0) this.options[this.active].setAttribute("aria-selected", "false");
    this.active = index;
    const option = this.options[index];
    option.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  close() {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }
}

/** Aborts the engine's downloads when the reader leaves the page from the header box: the old page's
 * term shards, still arriving on a slow link, would hold the connections the next page needs. */
const leaving = typeof AbortController === "undefined" ? {} : new AbortController();

/** Downloads started before the engine (showCarried), by path; each is taken once. */
const early = new Map();
const SHARD_PATH = /^[\w/-]+\.json(\.gz)?$/;
const MAX_CARRIED_SHARDS = 40;

/** The response for ``path``: the early download when there is one, else a new one. */
function take(path, site) {
  const started = early.get(path);
  early.delete(path);
  return started || fetch(new URL(path, site), { signal: leaving.signal });
}

/** Open ``href``, the engine's downloads on this page dropped (``leaving``). */
function leave(href) {
  if (leaving.abort) leaving.abort();
  if (href) location.assign(href);
}

/**
 * The engine as soon as the settings and the names have arrived (fetched side by side). Pagefind (its
 * script, index metadata and WebAssembly) starts only when a full search needs it (engine.start()):
 * never for the header box, nor for the search page's records' answer (Engine.answer); on the search
 * page, once that answer is shown, for the other pages (SearchPage.searchOthers).
 */
async function loadEngine(site) {
  const json = (path, otherwise) =>
    OFFLINE
      ? Promise.resolve(OFFLINE.files[path] || otherwise)
      : take(path, site)
          .then((response) => (response.ok ? response.arrayBuffer().then(inflated).then(JSON.parse) : otherwise))
          .catch(() => otherwise);
  // Pagefind's entry is asked for with this tag (fresh on each page, as Pagefind's own), so that it
  // reads the one warmPagefind() fetched.
  const tag = String(Date.now());
  const loading = json("tim-kiem/ten.json.gz", null);
  const settings = await json("tim-kiem/cau-hinh.json", { filters: [], synonyms: [] });
  const startPagefind = () => {
    if (OFFLINE) return Promise.reject(new Error(NO_INDEX));
    warmPagefind(site, tag);
    return import(new URL("pagefind/pagefind.js", site).href).then(async (pagefind) => {
      await pagefind.options({ baseUrl: site.pathname, excerptLength: 24, ranking: settings.ranking, metaCacheTag: tag });
      pagefind.init();
      return pagefind;
    });
  };
  const names = await loading;
  const engine = new Engine(startPagefind, settings, names && new Names(names, site), json);
  engine.site = site;
  return engine;
}

/**
 * When Pagefind starts: its start files (its worker, entry with ``tag``, metadata and WebAssembly)
 * fetched at once into the browser's cache, beside its script, where Pagefind asks for them one after
 * the other (script, then worker, then entry, then the others: three round trips less on a slow link).
 * Pagefind's own requests then read them from the cache, or wait for these. A failure is left to
 * Pagefind.
 */
function warmPagefind(site, tag) {
  const get = (path) =>
    fetch(new URL(`pagefind/${path}`, site)).then((response) => (response.ok ? response : Promise.reject(response)));
  const keep = (path) => get(path).then((response) => response.arrayBuffer());
  keep("pagefind-worker.js").catch(() => undefined);
  get(`pagefind-entry.json?ts=${tag}`)
    .then((response) => response.json())
    .then(({ languages = {} }) => {
      // The index Pagefind picks: the page's language, else the one with the most pages.
      const lang = document.documentElement.lang || "";
      const index =
        languages[lang] ||
        languages[lang.split("-")[0]] ||
        Object.values(languages).sort((a, b) => b.page_count - a.page_count)[0];
      if (!index) return undefined;
      return Promise.all([keep(`pagefind.${index.hash}.pf_meta`), keep(`wasm.${index.wasm || "unknown"}.pagefind`)]);
    })
    .catch(() => undefined);
}

/** The text of a file, gunzipped when it is gzip (the build compresses tim-kiem/ten.json.gz itself). */
async function inflated(buffer) {
  const bytes = new Uint8Array(buffer);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).text();
}

/**
 * The header box's answer (HeaderBox.carry) shown on the search page opened from it, before the engine
 * has loaded (its settings and names, the lexicon): the same names' answer SearchPage.showNames gives,
 * at once. Only for the address's query, and only links of this site; read once. The term index's
 * shards the header was downloading for it (dropped when it left) are asked for again at once (early),
 * before the engine knows it needs them.
 */
function showCarried(root, site) {
  let carried = null;
  try {
    carried = JSON.parse(sessionStorage.getItem(CARRIED) || "null");
    sessionStorage.removeItem(CARRIED);
  } catch {
    return;
  }
  const query = new URLSearchParams(location.search).get("q") || "";
  if (!carried || !query || carried.q !== normalise(query) || !Array.isArray(carried.rows)) return;
  const ours = (href) => typeof href === "string" && new URL(href, location.href).origin === location.origin;
  const rows = carried.rows.filter((row) => row && ours(row.url) && (row.family || []).every((m) => m && ours(m.url)));
  const shards = Array.isArray(carried.shards) ? carried.shards.slice(0, MAX_CARRIED_SHARDS) : [];
  for (const path of shards.filter((path) => !OFFLINE && typeof path === "string" && SHARD_PATH.test(path))) {
    const started = fetch(new URL(path, site), { signal: leaving.signal });
    started.catch(() => undefined); // a failure is the engine's to handle, if it asks for the shard
    early.set(path, started);
  }
  if (!rows.length) return;
  root.hidden = false;
  root.querySelector("#ck-search-input").value = query;
  root.querySelector("#ck-search-results").replaceChildren(...rows.map(renderResult));
  root.querySelector("#ck-search-status").textContent = `${carried.said}${SEARCHING_ON}`;
}

async function main() {
  const site = siteRoot();
  const root = document.getElementById("ck-search");
  let shared = null;
  const quick = () => {
    if (!shared) shared = loadEngine(site);
    return shared;
  };
  const load = () => quick().then((engine) => engine.start());
  window.ckSearchEngine = load;
  window.ckNamesEngine = quick; // the header's engine (names only): what the offline copy runs too
  const form = document.querySelector(".ck-header-search");
  if (form && form.querySelector("#ck-header-results")) new HeaderBox(form, quick).start();
  if (root) showCarried(root, site);
  if (root) await new SearchPage(root, await quick(), site).start();
}

if (typeof document !== "undefined") main();
