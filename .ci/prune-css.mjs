// The joined style sheet without the design system's components the app never uses: a component
// (one file in @digdir/designsystemet-css, `.ds-<name>`) stays when its class appears anywhere in
// src/, style/ or index.html. A rule goes only when every one of its selectors names an unused
// component, so shared and base rules stay. About 7 kB of the first load (issue 30).
// Usage: node .ci/prune-css.mjs JOINED.css > style/bundle.css
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const COMPONENTS = 'node_modules/@digdir/designsystemet-css/dist/src';
const NOT_COMPONENTS = new Set(['index', 'base', 'data-size-workaround']);

const files = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
const sources = [...files('src'), 'style/app.css', 'index.html'].map((f) => readFileSync(f, 'utf8')).join('\n');
const unused = readdirSync(COMPONENTS)
  .filter((n) => n.endsWith('.css'))
  .map((n) => n.slice(0, -'.css'.length))
  .filter((name) => !NOT_COMPONENTS.has(name) && !new RegExp(`ds-${name}(?![a-z-])`).test(sources));
const names = (selector) => unused.some((name) => new RegExp(`\\.ds-${name}(?![a-z-])`).test(selector));

// Walks the blocks of a (minified) style sheet; at-rules are kept with what is left inside them.
function prune(text) {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{', at);
    const close = text.indexOf('}', at);
    if (open < 0 || (close >= 0 && close < open)) {
      const end = close < 0 ? text.length : close + 1;
      out += text.slice(at, end);
      at = end;
      continue;
    }
    let depth = 1;
    let end = open + 1;
    while (depth && end < text.length) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}') depth--;
      end++;
    }
    const prelude = text.slice(at, open);
    const body = text.slice(open + 1, end - 1);
    const head = prelude.trim();
    if (/^@(keyframes|font-face|property|counter-style)/.test(head)) out += prelude + '{' + body + '}';
    else if (head.startsWith('@')) {
      const inner = prune(body);
      if (inner.trim()) out += prelude + '{' + inner + '}';
    } else if (!head.split(',').every(names)) out += prelude + '{' + body + '}';
    at = end;
  }
  return out;
}

const css = readFileSync(process.argv[2], 'utf8');
const pruned = prune(css);
console.error(`prune-css: ${unused.length} unused components (${unused.join(', ')}), ${css.length} → ${pruned.length} bytes`);
process.stdout.write(pruned);
