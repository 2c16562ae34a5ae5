// Prints the end-to-end result as one line, `N passed, N failed`, from Playwright's JSON report.
import { readFileSync } from 'node:fs';
const report = JSON.parse(readFileSync(new URL('./test-results/results.json', import.meta.url)));
const s = report.stats;
const failed = s.unexpected + (s.flaky ?? 0);
console.log(`end-to-end: ${s.expected} passed, ${failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`);
process.exit(failed > 0 || s.expected === 0 ? 1 : 0);
