"""Table cells as a reader sees them: which cells show a word, a date or a code broken across two lines,
measured in a Playwright page from the rendered text (one range per character, its line box)."""

from __future__ import annotations

from typing import Any

BROKEN_CELLS = r"""
() => {
  const space = c => /\s/.test(c);
  const blockOf = (node, cell) => {
    for (let e = node.parentElement; e && e !== cell; e = e.parentElement) {
      if (!getComputedStyle(e).display.startsWith('inline')) return e;
    }
    return cell;
  };
  const charsOf = cell => {
    const chars = [];
    let block = null;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.tagName === 'BR') chars.push({c: '\n'});
        continue;
      }
      const here = blockOf(node, cell);
      if (here !== block) { chars.push({c: '\n'}); block = here; }
      const range = document.createRange();
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        const c = node.data[i];
        chars.push(box && box.width > 0 ? {c, top: box.top, height: box.height} : {c});
      }
    }
    return chars;
  };
  const brokenIn = cell => {
    const found = [];
    let last = null, gap = false;
    const chars = charsOf(cell);
    chars.forEach((ch, i) => {
      if (space(ch.c)) { gap = true; return; }
      if (ch.top === undefined) return;
      if (last && !gap && ch.top > last.top + last.height / 2) {
        const text = chars.map(x => x.c).join('');
        found.push(text.slice(Math.max(0, i - 12), i) + '|' + text.slice(i, i + 12));
      }
      last = ch; gap = false;
    });
    return found;
  };
  const problems = [];
  for (const cell of document.querySelectorAll('main table td, main table th')) {
    if (cell.getClientRects().length === 0) continue;
    for (const e of [cell, ...cell.querySelectorAll('*')]) {
      const style = getComputedStyle(e);
      if (style.wordBreak !== 'normal' || style.overflowWrap === 'anywhere') {
        problems.push(`${style.wordBreak}/${style.overflowWrap}: ${e.innerText.slice(0, 40)}`);
        break;
      }
    }
    for (const at of brokenIn(cell)) problems.push(`broken: ${at.replace(/\n/g, ' ')}`);
  }
  return problems;
}
"""


def broken_cells(page: Any) -> list[str]:
    """Each table cell of ``page``'s main content that may break inside a word (its computed
    ``word-break``/``overflow-wrap`` allow it) or does (a line of it begins or ends inside a word, a
    date or a code: two characters with no space between them on two lines), with the text around."""
    return list(page.evaluate(BROKEN_CELLS))
