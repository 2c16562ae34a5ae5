import { test, expect, logInAs, expectAccessible, backToBokmal, chooseLanguage, openMenu } from './fixtures';

test('login page lists demo people and service owners', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Logg inn med testbruker' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Logg inn som Kari Nordmann/ })).toBeVisible();
  await expect(page.getByText('Skatteetaten')).toBeVisible();
  await expectAccessible(page);
});

test('a demo person logs in, sees the inbox and opens a dialog', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await expect(page.getByRole('heading', { level: 1, name: 'Innboks' })).toBeVisible();
  const items = page.locator('.dialog-item');
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBeGreaterThan(0);
  // Each card says to whom, as af.altinn.no's do.
  await expect(items.first().locator('.dialog-recipient')).toHaveText('til Kari Nordmann');
  await expectAccessible(page);

  const first = items.first();
  const title = (await first.locator('.dialog-title').innerText()).replace(/^Ulest:\s*/, '').trim();
  await first.getByRole('link').click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Fra', { exact: true })).toBeVisible();
  await expectAccessible(page);
});

test('folders filter the list and the current folder is marked', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  const folders = page.getByRole('navigation', { name: 'Mapper' });
  await folders.getByRole('link', { name: /^Arkiv\b/ }).click();
  await expect(page).toHaveURL(/\/archive$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Arkiv' })).toBeVisible();
  await expect(folders.getByRole('link', { name: /^Arkiv\b/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  await folders.getByRole('link', { name: /^Utkast\b/ }).click();
  await expect(page.locator('.dialog-item .status-tag').first()).toHaveText('Utkast');
});

test('deep links work after a reload and a national identity number never shows in the URL', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await page.locator('.dialog-item').first().getByRole('link').click();
  const url = page.url();
  await page.reload();
  await expect(page.locator('h1')).toBeVisible();
  expect(page.url()).toBe(url);
  expect(url).not.toMatch(/\d{11}/);
});

test('language can be switched to English and nynorsk', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  // Only Bokmål is in the app: another language's texts are fetched when it is chosen.
  const catalogue = page.waitForResponse((r) => r.url().endsWith('/content/i18n/en.txt') && r.ok());
  await chooseLanguage(page, 'en');
  await catalogue;
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The choice holds after a reload: the page starts in Bokmål and switches once English is here.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await chooseLanguage(page, 'nn');
  await expect(page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: /^Papirkorg\b/ })).toBeVisible();
  await backToBokmal(page);
});

test('an unknown dialog shows a readable error with the way back to the inbox', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await page.goto('/inbox/0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f');
  await expect(page.getByRole('alert')).toContainText('Fant ikke det du lette etter');
  // Trying again cannot make it appear: no retry, but the way back.
  await expect(page.getByRole('button', { name: 'Prøv igjen' })).toHaveCount(0);
  await page.getByRole('alert').getByRole('link', { name: 'Gå til innboksen' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expectAccessible(page);
});

test('an expired session sends you to the login page with an explanation, and back after logging in', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: /^Arkiv\b/ }).click();
  await page.getByLabel('Søk i meldinger').fill('skatt');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page).toHaveURL(/\/archive\?search=skatt$/);
  // The server no longer knows the session (it ended there, or its cookie is gone); the tab
  // still thinks it is logged in.
  await page.context().clearCookies();
  await page.reload();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('status').filter({ hasText: 'Du er logget ut' })).toBeVisible();
  await page.getByRole('button', { name: /Logg inn som Kari Nordmann/ }).click();
  await expect(page).toHaveURL(/\/archive\?search=skatt$/);
  await expect(page.getByLabel('Søk i meldinger')).toHaveValue('skatt');
});

test('unknown pages say so', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Fant ikke siden' })).toBeVisible();
  await expectAccessible(page);
});

test('dark mode can be chosen, page titles follow the route and focus moves to the new page', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await expect(page).toHaveTitle('Innboks – Innboks');
  await openMenu(page);
  await page.getByLabel('Fargetema').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-color-scheme', 'dark');
  await expectAccessible(page);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-color-scheme', 'dark');
  await page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: /^Arkiv\b/ }).click();
  await expect(page).toHaveTitle('Arkiv – Innboks');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
  await openMenu(page);
  await page.getByLabel('Fargetema').selectOption('auto');
});
