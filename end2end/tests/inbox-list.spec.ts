import { test, expect, logInAs, expectAccessible } from './fixtures';

test('folder counters show totals and unread, and match the list', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  const inbox = page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: /^Innboks\b/ });
  await expect(inbox).toHaveAccessibleName(/^Innboks\s*, \d+ meldinger, \d+ uleste$/);
  await expect(inbox).toHaveAttribute('aria-current', 'page');
  const total = Number((await inbox.locator('.total').innerText()).trim());
  await expect(page.locator('.list-count')).toHaveText(`${Math.min(total, 100)} meldinger vist`);
  const unread = Number((await inbox.locator('.unread-badge').innerText()).trim());
  expect(await page.locator('.dialog-item.unread').count()).toBe(unread);
});

test('search, filters and sort live in the URL and survive a reload', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await page.getByLabel('Søk i meldinger').fill('sk');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page.getByText('Skriv minst tre tegn.')).toBeVisible();

  await page.getByLabel('Søk i meldinger').fill('skatte');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page).toHaveURL(/\?search=skatte$/);
  const titles = page.locator('.dialog-item');
  await expect(titles.first()).toBeVisible();
  await expect.poll(async () => (await titles.allInnerTexts()).every((t) => t.toLowerCase().includes('skatte'))).toBe(true);

  await page.getByLabel('Avsender').selectOption('skd');
  await expect(page).toHaveURL(/search=skatte&org=skd/);
  await page.getByLabel('Sorter etter').selectOption('oldest');
  await expect(page).toHaveURL(/sort=oldest/);
  // The old list stays until the new one arrives (Transition), so wait for the order to hold.
  await expect.poll(async () => {
    const dates = await page.locator('.dialog-item time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    return dates.length > 1 && dates.every((d, i) => i === 0 || dates[i - 1] <= d);
  }).toBe(true);

  await page.reload();
  await expect(page.getByLabel('Søk i meldinger')).toHaveValue('skatte');
  await expect(page.getByLabel('Avsender')).toHaveValue('skd');
  await expect(page.getByLabel('Sorter etter')).toHaveValue('oldest');
  await expectAccessible(page);

  await page.goBack();
  await expect(page).not.toHaveURL(/sort=oldest/);
  await page.getByRole('button', { name: 'Nullstill' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('unread only and status filters narrow the list', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await page.getByLabel('Bare uleste').check();
  await expect(page).toHaveURL(/unread=true/);
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  await expect(page.locator('.dialog-item:not(.unread)')).toHaveCount(0);
  await page.getByLabel('Bare uleste').uncheck();
  await page.getByLabel('Status').selectOption('RequiresAttention');
  await expect(page).toHaveURL(/status=RequiresAttention/);
  await expect.poll(async () => (await page.locator('.dialog-item .status-tag').allInnerTexts()).every((t) => t === 'Krever handling')).toBe(true);
});

test('the list is grouped by month with headings', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  const headings = page.locator('.group-heading');
  await expect(headings.first()).toBeVisible();
  await expect(headings.first()).toHaveText(/^[A-ZÆØÅ][a-zæøå]+ \d{4}$|^\d{4}$/);
});
