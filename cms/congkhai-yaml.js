// The editor's YAML format: a saved record keeps the file's layout and comments, and changes only the
// lines of the values that changed. The layout is the one `congkhai fmt` writes (generator/core/
// yamllayout.py): two spaces a level, lists indented under their key, texts never folded, plain unless
// YAML (1.1, as the content reader reads it, dates kept as text) needs quotes, then single quotes; a
// text with a line break is a literal block; keys in the model's order (ORDERS, written by admin.py);
// what a hand-written file leaves out (an optional value left empty, a new key at its default) left out.
import { isMap, isScalar, isSeq, parseDocument, Document } from './yaml/dist/index.js';

// The original text travels with the entry's data under this key, from fromFile to toFile: Decap passes
// toFile the data alone.
export const SOURCE = '__congkhai_nguon';

const PARSE = {
  version: '1.1',
  schema: 'yaml-1.1',
  // dates stay text: the schema, not YAML, decides what a date is (as generator/core/yamlfull.py)
  customTags: (tags) => tags.filter((tag) => tag.tag !== 'tag:yaml.org,2002:timestamp'),
  keepSourceTokens: false,
};

export const LAYOUT = {
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  singleQuote: true,
  blockQuote: 'literal',
  directives: false,
  flowCollectionPadding: false,
};

const EMPTY = { keys: [], fields: {} };

function same(node, value) {
  const old = node && typeof node.toJSON === 'function' ? node.toJSON() : node;
  return JSON.stringify(old) === JSON.stringify(value);
}

function create(doc, value, order) {
  if (Array.isArray(value)) {
    const seq = doc.createNode([]);
    for (const item of value) seq.items.push(create(doc, item, order));
    return seq;
  }
  if (value !== null && typeof value === 'object') {
    const map = doc.createNode({});
    for (const key of ordered(Object.keys(value), order)) {
      map.set(doc.createNode(key), create(doc, value[key], order.fields[key] || EMPTY));
    }
    return map;
  }
  const node = doc.createNode(value);
  if (isScalar(node) && typeof value === 'string') {
    // a line break: a literal block; a tab elsewhere: double quotes, with the tab escaped (as ruamel.yaml)
    if (value.includes('\n')) node.type = 'BLOCK_LITERAL';
    else if (value.includes('\t')) node.type = 'QUOTE_DOUBLE';
  }
  return node;
}

function ordered(keys, order) {
  const known = order.keys.filter((key) => keys.includes(key));
  return known.concat(keys.filter((key) => !order.keys.includes(key)));
}

function keyOf(pair) {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

// Set `value` into the map node `map`: unchanged values keep their nodes (and text), changed scalars are
// replaced, groups and lists are merged, a new key goes where the model orders it, a key gone is removed.
function mergeMap(doc, map, value, order) {
  map.flow = false;
  for (const pair of [...map.items]) {
    if (!(keyOf(pair) in value)) map.delete(pair.key);
  }
  for (const key of Object.keys(value)) {
    const index = map.items.findIndex((pair) => keyOf(pair) === key);
    const sub = order.fields[key] || EMPTY;
    if (index >= 0) {
      const pair = map.items[index];
      pair.value = merge(doc, pair.value, value[key], sub);
      continue;
    }
    const node = create(doc, value[key], sub);
    const rank = order.keys.indexOf(key);
    let at = map.items.length;
    if (rank >= 0) {
      at = map.items.findIndex((pair) => {
        const other = order.keys.indexOf(keyOf(pair));
        return other < 0 || other > rank;
      });
      if (at < 0) at = map.items.length;
    }
    map.items.splice(at, 0, doc.createPair(key, node));
  }
  return map;
}

function mergeSeq(doc, seq, value, order) {
  seq.flow = false; // `[]` in the file, items now: a block list, as `congkhai fmt` writes it
  seq.items.length = Math.min(seq.items.length, value.length);
  value.forEach((item, index) => {
    seq.items[index] = index < seq.items.length ? merge(doc, seq.items[index], item, order) : create(doc, item, order);
  });
  return seq;
}

function merge(doc, node, value, order) {
  if (same(node, value)) return node;
  if (isMap(node) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return mergeMap(doc, node, value, order);
  }
  if (isSeq(node) && Array.isArray(value)) return mergeSeq(doc, node, value, order);
  const fresh = create(doc, value, order);
  if (node && isScalar(node) && isScalar(fresh)) {
    fresh.comment = node.comment;
    fresh.commentBefore = node.commentBefore;
  }
  return fresh;
}

// nothing in it but empty values (an optional group left blank: {so: '', ngay: null})
function empty(value) {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.every(empty);
  return typeof value === 'object' && Object.values(value).every(empty);
}

// `value` without what a hand-written file leaves out and a form sends for every field it shows: an
// optional value left empty (null, '', [], {}, a group of empty values), and a key the file (`node`, as read) does not hold whose
// value is its default. Only with the editor's orders (`required`, `defaults`: form_order in
// generator/core/yamllayout.py).
function pruned(value, order, node) {
  if (Array.isArray(value)) return value.map((item, i) => pruned(item, order, isSeq(node) ? node.items[i] : null));
  if (value === null || typeof value !== 'object' || !order.required) return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    const old = isMap(node) ? node.get(key, true) : undefined;
    const kept = pruned(item, order.fields[key] || EMPTY, old);
    if (!order.required.includes(key)) {
      if (empty(kept)) continue;
      const held = isMap(node) && node.has(key);
      if (!held && key in order.defaults && JSON.stringify(kept) === JSON.stringify(order.defaults[key])) continue;
    }
    out[key] = kept;
  }
  return out;
}

// The text of `data`: `source` (the file as read) with only what changed written anew; without it, the
// record in the layout from scratch.
export function write(data, order, source) {
  const given = { ...data };
  delete given[SOURCE];
  const doc = source ? parseDocument(source, PARSE) : new Document(null, PARSE);
  const readable = source && doc.errors.length === 0 && isMap(doc.contents);
  const value = pruned(given, order, readable ? doc.contents : null);
  if (readable) {
    mergeMap(doc, doc.contents, value, order);
  } else {
    const comment = source ? doc.commentBefore : null;
    doc.contents = create(doc, value, order);
    doc.commentBefore = comment;
  }
  return doc.toString(LAYOUT);
}

export function read(text) {
  const doc = parseDocument(text, PARSE);
  if (doc.errors.length) throw doc.errors[0];
  const data = doc.toJSON() || {};
  return data;
}

// Decap's custom format for one collection: fromFile keeps the text beside the data, toFile writes it back.
export function format(order) {
  return {
    fromFile(text) {
      return { ...read(text), [SOURCE]: text };
    },
    toFile(data) {
      return write(data, order, data[SOURCE]);
    },
  };
}
