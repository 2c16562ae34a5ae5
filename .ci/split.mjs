// Trunk's post_build hook (Trunk.toml): the app's WebAssembly split at its split points
// (`#[wasm_split]` in src/, see src/components/deferred.rs), so the first load carries only what the inbox
// needs and every other page is a chunk fetched on first use. Trunk 0.21 has no split step of its
// own (trunk-rs/trunk#1022); this is the order cargo-leptos's `--split` uses:
//
//   cargo's linked module (built with --emit-relocs, .cargo/config.toml)
//   → wasm-split-cli: the main module, one chunk per split point, shared chunks, the loader
//   → wasm-bindgen (keeping lld's exports, names as linked, so the chunks can link to the main module)
//   → wasm-opt -Oz on every module (release)
//   → all of it in one directory named by the hash of its content, `app-<hash>/`, which replaces
//     Trunk's own glue and module in the staged build; the page points at it.
//
// Files inside the directory keep the names the tools gave them and find each other by relative
// URLs; the directory's name changes with any byte inside, so all of it is cached for good.
// Usage (Trunk sets the environment): node .ci/split.mjs
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const release = process.env.TRUNK_PROFILE === 'release';
const CRATE = 'inbox';
const linked = join('target', 'wasm32-unknown-unknown', release ? 'wasm-release' : 'debug', `${CRATE}.wasm`);
const work = join('target', 'split');

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});

rmSync(work, { recursive: true, force: true });
const split = join(work, 'split');
const app = join(work, 'app');
run('wasm-split-cli', ['--target', 'web', '--out-name', CRATE, linked, split]);
run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript', '--out-name', CRATE, '--out-dir', app, join(split, `${CRATE}.wasm`)]);
rmSync(join(split, `${CRATE}.wasm`));
for (const name of readdirSync(split)) renameSync(join(split, name), join(app, name));
if (release) {
  for (const wasm of files(app).filter((f) => f.endsWith('.wasm'))) run('wasm-opt', ['-Oz', '--quiet', wasm, '-o', wasm]);
}

// The directory's name: a hash over every file's path and content.
const digest = createHash('sha256');
for (const f of files(app).sort()) digest.update(relative(app, f)).update('\0').update(readFileSync(f));
const dirName = `app-${digest.digest('hex').slice(0, 16)}`;

// Trunk's own glue, module and snippets give way to the split build.
const page = join(staging, 'index.html');
let html = readFileSync(page, 'utf8');
const glue = readdirSync(staging).find((n) => new RegExp(`^${CRATE}-[0-9a-f]+\\.js$`).test(n));
const module = readdirSync(staging).find((n) => new RegExp(`^${CRATE}-[0-9a-f]+_bg\\.wasm$`).test(n));
if (!glue || !module) throw new Error(`Trunk's ${CRATE}-<hash>.js and _bg.wasm not found in ${staging}`);
for (const n of [glue, module, 'snippets']) rmSync(join(staging, n), { recursive: true, force: true });
renameSync(app, join(staging, dirName));
if (!existsSync(join(staging, dirName, '__wasm_split.js'))) throw new Error('wasm-split-cli wrote no loader');

// The page names the split build's glue, module and snippets instead of Trunk's, and the preload
// links carry the integrity of the new content.
for (const [old, now] of [[glue, `${CRATE}.js`], [module, `${CRATE}_bg.wasm`]]) {
  if (!html.includes(`/${old}`)) throw new Error(`index.html does not name /${old}`);
  html = html.replaceAll(`/${old}`, `/${dirName}/${now}`);
}
html = html.replaceAll('/snippets/', `/${dirName}/snippets/`);
// A link to a file the split build does not have goes: Trunk preloads every snippet in its own
// wasm-bindgen directory, which keeps those of earlier builds.
const sri = (path) => `sha384-${createHash('sha384').update(readFileSync(join(staging, path))).digest('base64')}`;
html = html.replace(/<link[^>]*>/g, (tag) => {
  const href = tag.match(new RegExp(`href=["']?/(${dirName}/[^"' >]+)`));
  if (!href) return tag;
  if (!existsSync(join(staging, href[1]))) return '';
  // Chromium ignores integrity on a fetch preload (and warns on every load): the module's own
  // fetch is what a hash would guard, and CSP already keeps it to this origin.
  if (/\bas=["']?fetch\b/.test(tag)) return tag.replace(/\s*integrity=("[^"]*"|'[^']*'|[^\s>]+)/, '');
  return tag.replace(/integrity=("[^"]*"|'[^']*'|[^\s>]+)/, `integrity="${sri(href[1])}"`);
});
writeFileSync(page, html);
const count = readdirSync(join(staging, dirName)).filter((n) => n.endsWith('.wasm')).length;
console.log(`split: ${count} modules in ${dirName}/`);
