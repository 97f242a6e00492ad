// Reads [{text, order}] (JSON) on stdin; writes [{same, scratch}]: each text saved unchanged through the
// editor's format (`same`), and its data written from scratch in the layout (`scratch`).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const { read, write, SOURCE } = await import(pathToFileURL(process.argv[2]).href);
const files = JSON.parse(readFileSync(0, 'utf8'));
const out = files.map(({ text, order, change }) => {
  const data = read(text);
  const result = { same: write({ ...data, [SOURCE]: text }, order, text), scratch: write(data, order, null) };
  if (change) result.changed = write({ ...change, [SOURCE]: text }, order, text);
  return result;
});
process.stdout.write(JSON.stringify(out));
