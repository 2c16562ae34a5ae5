import { test, expect, logInAs } from './fixtures';

// Deterministic first-load checks (origins, encodings, request counts; timings belong in
// `make bench`): a logged-in user opening the inbox in a browser with an empty HTTP cache, from
// the page to the first dialog in the list.
test('the inbox loads from this origin only, precompressed, and no heavier than it was', async ({ page, browser, baseURL }) => {
  await logInAs(page, 'Kari Nordmann');
  const fresh = await browser.newContext({ storageState: await page.context().storageState(), baseURL });
  const cold = await fresh.newPage();
  const requests: { path: string; origin: string; encoding?: string; bytes: number }[] = [];
  cold.on('requestfinished', async (req) => {
    const res = await req.response();
    const url = new URL(req.url());
    requests.push({ path: url.pathname, origin: url.origin, encoding: res?.headers()['content-encoding'], bytes: (await req.sizes()).responseBodySize });
  });
  await cold.goto('/');
  await expect(cold.locator('.dialog-item').first()).toBeVisible();
  const untilShown = [...requests];
  await fresh.close();

  expect(untilShown.filter((r) => r.origin !== new URL(baseURL!).origin), 'nothing from another host').toEqual([]);
  for (const r of untilShown.filter((r) => /\.(wasm|js|css)$/.test(r.path))) expect(r.encoding, `${r.path} compressed`).toBe('br');
  const total = untilShown.reduce((sum, r) => sum + r.bytes, 0);
  console.log(`first load: ${untilShown.length} requests, ${(total / 1024).toFixed(0)} kB: ${untilShown.map((r) => r.path).join(' ')}`);
  // Issue 14's budget is 8 requests. Today's 13 (page, start-up script, glue, the offline store's
  // script, wasm, one style sheet, 3 font files, 4 API calls; the favicon is inline) is the
  // ceiling, so the count cannot grow unnoticed.
  expect(untilShown.length).toBeLessThanOrEqual(13);
});
