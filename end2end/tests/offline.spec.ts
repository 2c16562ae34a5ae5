import { test, expect, logInAs, expectAccessible, logOut } from './fixtures';
import type { Page } from '@playwright/test';

// Cutting the network makes the browser log every request it could not send.
test.use({ expectedConsoleErrors: /ERR_INTERNET_DISCONNECTED|Failed to fetch/ });

const SETTING = 'Lagre dialoger for lesing uten nett på denne enheten';

/** What this origin keeps in the browser: caches, databases, service workers and localStorage. */
function leftBehind(page: Page) {
  return page.evaluate(async () => ({
    caches: await caches.keys(),
    databases: (await indexedDB.databases()).map((d) => d.name),
    workers: (await navigator.serviceWorker.getRegistrations()).length,
    storage: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
  }));
}

test('reading offline is off until turned on; a dialog opened online can then be read offline, and logout leaves nothing of it', async ({ page, context }) => {
  await logInAs(page, 'Kari Nordmann');
  // Off by default: opening a dialog keeps nothing.
  await page.locator('.dialog-item').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect((await leftBehind(page)).databases).toEqual([]);

  await page.goto('/profile');
  const setting = page.getByRole('checkbox', { name: SETTING, exact: true });
  await expect(setting).not.toBeChecked();
  await setting.check();
  await expect(page.getByText('Klar: dialogene du åpner, kan leses uten nett.')).toBeVisible();
  await expectAccessible(page);

  await page.goto('/');
  const item = page.locator('.dialog-item').nth(1);
  const link = item.getByRole('link');
  const href = (await link.getAttribute('href'))!;
  await link.click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  const title = (await heading.textContent())!.trim();
  const id = href.split('/').pop()!.split('?')[0];
  // The copy is written after the dialog shows.
  await expect.poll(async () => (await leftBehind(page)).databases).toEqual(['inbox-offline']);

  await context.setOffline(true);
  await page.goto(href);
  const navigation = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).workerStart > 0);
  expect(navigation, 'the page came from the service worker').toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText(/^Du leser en kopi lagret /)).toBeVisible();
  // The parties list cannot load offline: the name comes with the copy, never the URN.
  await expect(page.locator('.dialog-facts')).toContainText('Kari Nordmann');
  await expect(page.locator('.dialog-facts')).not.toContainText('urn:');
  await expect(page.getByRole('heading', { name: 'Du er uten nett' })).toBeVisible();
  for (const button of await page.locator('.folder-actions button').all()) await expect(button).toBeDisabled();
  await expectAccessible(page);

  // The list cannot load, but the notice leads to the copies.
  await page.goto('/');
  const copies = page.locator('.offline-copies');
  await expect(copies.getByRole('link', { name: title })).toBeVisible();
  await copies.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  // A dialog never opened online is not there.
  await page.goto('/inbox/00000000-0000-7000-8000-000000000000');
  await expect(page.getByRole('alert').or(page.locator('.error-view')).first()).toBeVisible();

  await context.setOffline(false);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Du er uten nett' })).toHaveCount(0);
  await logOut(page);
  await expect(page).toHaveURL(/\/login$/);
  await expect.poll(async () => {
    const left = await leftBehind(page);
    return { caches: left.caches, databases: left.databases, workers: left.workers };
  }).toEqual({ caches: [], databases: [], workers: 0 });
  const storage = JSON.stringify((await leftBehind(page)).storage);
  expect(storage).not.toContain(id);
  expect(storage).not.toContain(title);
  expect(storage).not.toContain('inbox.offline');
  expect(storage).not.toContain('inbox.session');

  // The next person on this computer starts with it off.
  await logInAs(page, 'Kari Nordmann');
  await page.goto('/profile');
  await expect(page.getByRole('checkbox', { name: SETTING, exact: true })).not.toBeChecked();
});
