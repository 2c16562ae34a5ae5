// Fails when modules use each other in a ring. For each folder of a crate (src/, src/components/,
// server/src/domain/, …) its direct modules (files and subfolders) are nodes, and a module uses
// another when a `crate::`/`super::` path in its files (tests excluded) names it. A module may use
// its own parent (`super::`) and a parent its children; among siblings the uses must be a DAG.
// usage: node .ci/module-cycles.mjs <crate src dir>...
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : name.endsWith('.rs') ? [p] : [];
  });
}

// `a/b/mod.rs` and `a/b.rs` are module a::b; lib.rs and main.rs the crate root.
function modulePath(root, file) {
  const parts = relative(root, file).replace(/\.rs$/, '').split('/');
  if (parts.at(-1) === 'mod') parts.pop();
  if (parts.length === 1 && ['lib', 'main'].includes(parts[0])) return [];
  return parts;
}

// The paths of a use tree, `a::{b, c::{d, e}}` → a::b, a::c::d, a::c::e.
function expand(tree, prefix = []) {
  const parts = [];
  let depth = 0, cur = '';
  for (const ch of tree) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === ',' && depth === 0) { parts.push(cur); cur = ''; } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean).flatMap((part) => {
    const brace = part.indexOf('{');
    if (brace >= 0) {
      const head = part.slice(0, brace).split('::').filter(Boolean);
      return expand(part.slice(brace + 1, part.lastIndexOf('}')), [...prefix, ...head]);
    }
    return [[...prefix, ...part.split(' as ')[0].trim().split('::').filter(Boolean)]];
  });
}

function check(root) {
  const modules = new Map(files(root).map((f) => [modulePath(root, f).join('::'), f]));
  const uses = []; // [from module, to module]
  for (const [name, file] of modules) {
    const here = name ? name.split('::') : [];
    // Unit tests (a trailing `#[cfg(test)] mod tests`) may use anything; comments name nothing.
    const text = readFileSync(file, 'utf8').split(/#\[cfg\(test\)\]\s*mod \w+ \{/)[0].replace(/\/\/[^\n]*/g, '');
    const paths = [];
    for (const m of text.matchAll(/\buse\s+(crate|super|self)::([^;]*);/g)) {
      paths.push(...expand(m[2], [m[1]]));
    }
    for (const m of text.matchAll(/(?<![\w:$])(crate|super)::((?:\w+::)*\w+)/g)) paths.push([m[1], ...m[2].split('::')]);
    for (const path of paths) {
      let base = [...here];
      // A file's `super` is its module's parent; mod.rs is the module itself.
      let segs = path;
      if (segs[0] === 'crate') { base = []; segs = segs.slice(1); }
      while (segs[0] === 'super' || segs[0] === 'self') { if (segs[0] === 'super') base = base.slice(0, -1); segs = segs.slice(1); }
      const full = [...base, ...segs];
      for (let n = full.length; n > 0; n--) {
        if (modules.has(full.slice(0, n).join('::'))) { uses.push([here, full.slice(0, n)]); break; }
      }
    }
  }
  // Per folder: the sibling modules that one uses in another.
  const rings = [];
  const folders = new Set([...modules.keys()].map((m) => (m ? m.split('::').slice(0, -1).join('::') : null)).filter((f) => f !== null));
  for (const folder of folders) {
    const depth = folder ? folder.split('::').length : 0;
    const within = (m) => m.length > depth && m.slice(0, depth).join('::') === folder;
    const edges = new Map();
    for (const [from, to] of uses) {
      if (!within(from) || !within(to) || from[depth] === to[depth]) continue;
      if (!edges.has(from[depth])) edges.set(from[depth], new Set());
      edges.get(from[depth]).add(to[depth]);
    }
    // Tarjan's strongly connected components.
    let index = 0;
    const idx = new Map(), low = new Map(), stack = [], on = new Set();
    const visit = (v) => {
      idx.set(v, index); low.set(v, index++); stack.push(v); on.add(v);
      for (const w of edges.get(v) ?? []) {
        if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
        else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
      }
      if (low.get(v) === idx.get(v)) {
        const ring = [];
        let w;
        do { w = stack.pop(); on.delete(w); ring.push(w); } while (w !== v);
        if (ring.length > 1) rings.push(`${root}${folder ? ' ' + folder.replaceAll('::', '/') + '/' : ''}: ${ring.sort().join(' ↔ ')}`);
      }
    };
    for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  }
  return { rings, count: modules.size };
}

let failed = false;
for (const root of process.argv.slice(2)) {
  const { rings, count } = check(root);
  for (const r of rings) console.error(`module cycle in ${r}`);
  failed ||= rings.length > 0;
  if (!rings.length) console.log(`${root}: ${count} modules, no cycle among siblings`);
}
process.exit(failed ? 1 : 0);
