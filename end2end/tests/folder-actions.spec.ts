import { test, expect, logInAs, expectAccessible } from './fixtures';

test('archive a dialog from its page, find it in Arkiv, and move it back', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  const first = page.locator('.dialog-item').first();
  const title = (await first.locator('.dialog-title').innerText()).replace(/^Ulest:\s*/, '').trim();
  await first.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: 'Arkiver' }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('status').filter({ hasText: 'flyttet til arkivet' })).toBeVisible();
  await expectAccessible(page);

  const folders = page.getByRole('navigation', { name: 'Mapper' });
  await folders.getByRole('link', { name: /^Arkiv\b/ }).click();
  const archived = page.locator('.dialog-item', { hasText: title }).first();
  await expect(archived).toBeVisible();
  await archived.getByRole('link').click();
  await expect(page.getByText('Arkivert', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Flytt til innboks' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'flyttet til innboksen' })).toBeVisible();
  await expect(page.locator('.dialog-item', { hasText: title }).first()).toBeVisible();
});

test('mark a dialog as unread', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  const link = page.locator('.dialog-item').first().getByRole('link');
  const href = await link.getAttribute('href');
  await link.click();
  await page.getByRole('button', { name: 'Marker som ulest' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'markert som ulest' })).toBeVisible();
  const item = page.locator(`.dialog-item:has(a[href="${href}"])`);
  await expect(item).toHaveClass(/unread/);
  await expect(item.getByText('Ulest:')).toBeAttached();
});
