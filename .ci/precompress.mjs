// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside every compressible file
// of the built SPA, so inbox-server serves them as they are (ServeDir's precompressed variants)
// instead of compressing the 2 MB of WebAssembly on each request at a low quality.
// Usage: node .ci/precompress.mjs dist
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const COMPRESSIBLE = new Set(['.wasm', '.js', '.css', '.html', '.svg', '.json', '.md', '.txt']);
const dir = process.argv[2] ?? 'dist';
let raw = 0, br = 0, gz = 0;

function walk(path) {
  for (const name of readdirSync(path)) {
    const file = join(path, name);
    if (name.startsWith('.')) continue;
    if (statSync(file).isDirectory()) { walk(file); continue; }
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const body = readFileSync(file);
    const brotli = brotliCompressSync(body, { params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: extname(name) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    } });
    const gzip = gzipSync(body, { level: 9 });
    writeFileSync(`${file}.br`, brotli);
    writeFileSync(`${file}.gz`, gzip);
    raw += body.length; br += brotli.length; gz += gzip.length;
  }
}

walk(dir);
const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
console.log(`precompressed ${dir}: ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli`);
