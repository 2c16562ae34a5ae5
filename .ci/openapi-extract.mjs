#!/usr/bin/env node
// Writes docs/reference/dialogporten-openapi.json: what the tests use of Dialogporten's public OpenAPI
// document (operations, parameters, request bodies, status codes, schemas), without its prose, so
// the contract checks run in every clone. Source: Altinn/dialogporten, docs/schema/V1/swagger.verified.json
// (MIT); the copy read is named and hashed in the output's `x-extracted-from`.
//   node .ci/openapi-extract.mjs ../shared/reference/dialogporten-swagger.json
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const input = process.argv[2];
if (!input) {
  console.error('usage: node .ci/openapi-extract.mjs <dialogporten swagger.json>');
  process.exit(2);
}
const bytes = readFileSync(input);
const doc = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));

// Documentation only: prose and the generator's enum names (examples stay: schemathesis sends them). Kept where they are the
// name of a schema property (a DTO may have a property called `description`).
const PROSE = new Set(['description', 'summary', 'tags', 'x-enumNames', 'externalDocs']);
function strip(value, inProperties = false) {
  if (Array.isArray(value)) return value.map((v) => strip(v));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    if (!inProperties && PROSE.has(key)) continue;
    out[key] = strip(v, !inProperties && key === 'properties');
  }
  return out;
}

const out = {
  openapi: doc.openapi,
  info: { title: doc.info.title, version: doc.info.version },
  'x-extracted-from': {
    source: 'https://github.com/Altinn/dialogporten/blob/main/docs/schema/V1/swagger.verified.json',
    licence: 'MIT (Altinn/dialogporten)',
    file: basename(input),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    by: '.ci/openapi-extract.mjs (descriptions, summaries and tags left out)',
  },
  paths: strip(doc.paths),
  components: strip(doc.components),
};
const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'docs', 'reference', 'dialogporten-openapi.json');
writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${target}: ${Object.keys(out.paths).length} paths, ${Object.keys(out.components.schemas).length} schemas`);
