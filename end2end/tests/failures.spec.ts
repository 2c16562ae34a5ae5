import { test as base, expect, type Page } from '@playwright/test';
import { logInAs, expectAccessible } from './fixtures';

// The API fails on purpose here, so the browser logs failed loads; what must never happen is an
// uncaught error in the app, a blank page or a spinner that never ends.
const test = base.extend<{ noPageErrors: void }>({
  noPageErrors: [async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await use();
    expect(errors, 'no uncaught errors in the app').toEqual([]);
  }, { auto: true }],
});

const search = '**/api/v1/enduser/dialogs?*';

async function recovers(page: Page, message: RegExp | string) {
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(message);
  await expect(page.locator('.loading')).toHaveCount(0);
  await expectAccessible(page);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await alert.getByRole('button', { name: 'Prøv igjen' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
}

test('the inbox says so when the API answers 503, and recovers on retry', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await page.route(search, (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ status: 503, title: 'Service unavailable' }) }));
  await page.reload();
  await recovers(page, 'Tjenesten har mye å gjøre akkurat nå');
  await expect(page.locator('.dialog-item').first()).toBeVisible();
});

test('too many searches: the inbox says how long to wait (Retry-After), and recovers on retry', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await page.route(search, (route) => route.fulfill({
    status: 429, headers: { 'Retry-After': '7' }, contentType: 'application/problem+json',
    body: JSON.stringify({ status: 429, title: 'Too Many Requests', detail: 'Too many searches. Try again in 7 s.' }),
  }));
  await page.reload();
  await recovers(page, 'Du har gjort mange søk på kort tid. Prøv igjen om 7 sekunder.');
  await expect(page.locator('.dialog-item').first()).toBeVisible();
});

test('the inbox says so when the API cannot be reached, and recovers on retry', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await page.route(search, (route) => route.abort('connectionrefused'));
  await page.reload();
  await recovers(page, 'Fikk ikke kontakt med tjenesten');
  await expect(page.locator('.dialog-item').first()).toBeVisible();
});

test('a dialog that takes over ten seconds is given up with a retry, not an endless spinner', async ({ page }) => {
  test.setTimeout(45_000);
  await logInAs(page, 'Kari Nordmann');
  const href = await page.locator('.dialog-item').first().getByRole('link').getAttribute('href');
  const id = href!.split('/').pop();
  // Never answered while the route is in place.
  await page.route(`**/api/v1/enduser/dialogs/${id}`, () => new Promise(() => {}));
  await page.goto(href!);
  await expect(page.locator('.loading')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Tjenesten svarer ikke akkurat nå', { timeout: 15_000 });
  await recovers(page, 'Tjenesten svarer ikke akkurat nå');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('a page whose code cannot be fetched says so, and opens on retry', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  // Every chunk fails (the dialog page's code and what it shares); the main module still loads.
  await page.route('**/app-*/*.wasm', (route) => (/\/inbox_bg\.wasm$/.test(route.request().url()) ? route.continue() : route.abort('internetdisconnected')));
  await page.reload();
  await page.locator('.dialog-item').first().getByRole('link').click();
  await recovers(page, 'Fikk ikke kontakt med tjenesten');
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('Fikk ikke kontakt');
});
