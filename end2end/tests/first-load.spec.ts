import { test, expect, logInAs } from './fixtures';

/** Bytes of the app's first load as served, at most. Issue 30's budget, 350 kB (0.6 × af.altinn.no's
 * 593.5 kB), is met; this is lowered with every lever that lands. Raised on 2026-12-06, from
 * 341,500, for issue 32's fixes a person meets on the first screen (errors in their words, the live
 * status, tabs that follow a logout, phrase search, the refused-party notice, the services filter:
 * 343,604 bytes measured, from 334,982) and its frame (the mark, the menu, the avatar pill, cards
 * that lead with the title: 346,377 measured). Lowered on 2026-12-07 to 345,000 (344,826
 * measured): the filters moved into a menu fetched after the first paint (src/components/
 * filter_menu.rs) paid for the icons, the single menu, the footer and the breadcrumbs. Raised on
 * 2026-12-07 to 345,500 (345,103 measured): issue 34's changes to the shared wire crate (ordering,
 * enum tables, serde_with's skip attribute) cost the module about 370 bytes; the server-only
 * parts (numeric enums) are behind a feature the SPA leaves off. Lowered on 2026-12-07 to 345,000
 * (344,862 measured): text keys are checked when compiling (`k!`), and the inbox list keeps its
 * "show more" a task, as a Leptos `Action` there cost 2,673 bytes (347,535 measured with it). */
const FIRST_LOAD_CEILING = 345_000;

// Deterministic first-load checks (origins, encodings, request counts; timings belong in
// `make bench`): a logged-in user opening the inbox in a browser with an empty HTTP cache, from
// the page to the first dialog in the list.
test('the inbox loads from this origin only, precompressed, and no heavier than it was', async ({ page, browser, baseURL }) => {
  await logInAs(page, 'Kari Nordmann');
  const fresh = await browser.newContext({ storageState: await page.context().storageState(), baseURL });
  const cold = await fresh.newPage();
  // Every request the page starts, and the bytes of those that finish (as served, compressed).
  const requests: { path: string; origin: string; encoding?: string; bytes: number }[] = [];
  cold.on('request', (req) => {
    const url = new URL(req.url());
    requests.push({ path: url.pathname, origin: url.origin, bytes: 0 });
  });
  cold.on('requestfinished', async (req) => {
    const res = await req.response();
    const entry = requests.find((r) => r.path === new URL(req.url()).pathname && r.bytes === 0);
    if (entry) Object.assign(entry, { encoding: res?.headers()['content-encoding'], bytes: (await req.sizes()).responseBodySize });
  });
  await cold.goto('/');
  await expect(cold.locator('.dialog-item').first()).toBeVisible();
  // Until the inbox shows: what started before the app marked its first list as painted, read
  // from the page's own timeline (one clock: the browser's wall clock and its performance clock
  // drift apart, and a prefetch right after the mark once counted as before it). The document
  // itself is the navigation, not a resource entry.
  await cold.waitForFunction(() => performance.getEntriesByName('inbox:list-shown').length > 0);
  await cold.waitForTimeout(500);
  const startedBefore = await cold.evaluate(() => {
    const shown = performance.getEntriesByName('inbox:list-shown')[0].startTime;
    return performance.getEntriesByType('resource').filter((e) => e.startTime < shown).map((e) => new URL(e.name).pathname);
  });
  const wanted = new Map<string, number>([['/', 1]]);
  for (const path of startedBefore) wanted.set(path, (wanted.get(path) ?? 0) + 1);
  const untilShown = requests.filter((r) => {
    const left = wanted.get(r.path) ?? 0;
    if (left > 0) wanted.set(r.path, left - 1);
    return left > 0;
  });
  await fresh.close();

  expect(untilShown.filter((r) => r.origin !== new URL(baseURL!).origin), 'nothing from another host').toEqual([]);
  for (const r of untilShown.filter((r) => /\.(wasm|js|css)$/.test(r.path))) expect(r.encoding, `${r.path} compressed`).toBe('br');
  const total = untilShown.reduce((sum, r) => sum + r.bytes, 0);
  console.log(`first load: ${untilShown.length} requests, ${(total / 1024).toFixed(0)} kB: ${untilShown.map((r) => `${r.path} ${r.bytes}`).join(' ')}`);
  // Issue 30's budget is 8 requests; 7 now, the ceiling: the page, the style sheet, the glue, the
  // split loader, the WebAssembly; parties and dialogs. The start-up script and the favicon are
  // inline, the fonts the system's; the live-update stream, the folder counters and the
  // migration status wait for the first paint (src/perf.rs, FirstPaint), and the offline store's
  // script loads only when reading offline is on.
  expect(untilShown.length).toBeLessThanOrEqual(7);
  // The app itself as served (page, scripts, WebAssembly, styles; not the API's answers).
  const app = untilShown.filter((r) => !r.path.startsWith('/api/')).reduce((sum, r) => sum + r.bytes, 0);
  expect(app, 'the app as served, compressed (bytes)').toBeLessThanOrEqual(FIRST_LOAD_CEILING);
});
