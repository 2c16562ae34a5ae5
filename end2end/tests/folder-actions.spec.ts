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
  // Back to the list it was opened from (Arkiv), where it no longer is; it is in Innboks.
  await expect(page).toHaveURL(/\/archive$/);
  await expect(page.getByRole('status').filter({ hasText: 'flyttet til innboksen' })).toBeVisible();
  await expect(page.locator('.dialog-item', { hasText: title })).toHaveCount(0);
  await folders.getByRole('link', { name: /^Innboks\b/ }).click();
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

test('select several dialogs, archive them together, then restore them together', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  const folders = page.getByRole('navigation', { name: 'Mapper' });
  const archiveTotal = async () => Number((await folders.getByRole('link', { name: /^Arkiv\b/ }).locator('.total').innerText()).trim());
  await expect(folders.getByRole('link', { name: /^Arkiv\b/ }).locator('.total')).toBeVisible();
  const before = await archiveTotal();

  await page.getByRole('button', { name: 'Velg flere' }).click();
  const boxes = page.locator('.dialog-item input[type=checkbox]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await expect(page.getByRole('toolbar')).toContainText('2 valgt');
  await expectAccessible(page);
  await page.getByRole('toolbar').getByRole('button', { name: 'Arkiver' }).click();
  // Said in the right number (issue 32, bug 7): two messages, not "the message".
  await expect(page.getByRole('status').filter({ hasText: '2 meldinger er flyttet til arkivet.' })).toBeVisible();
  await expect.poll(archiveTotal).toBe(before + 2);

  await folders.getByRole('link', { name: /^Arkiv\b/ }).click();
  await page.getByRole('button', { name: 'Velg flere' }).click();
  await page.getByRole('button', { name: 'Velg alle viste' }).click();
  const all = await page.locator('.dialog-item').count();
  await expect(page.getByRole('toolbar')).toContainText(`${all} valgt`);
  await page.locator('.dialog-item input[type=checkbox]').nth(2).uncheck();
  await page.getByRole('toolbar').getByRole('button', { name: 'Flytt til innboks' }).click();
  await expect.poll(archiveTotal).toBe(1);
  await expect(page.locator('.dialog-item')).toHaveCount(1);

  // The bar stays in view while the list scrolls under it, and "Avbryt" leaves selecting.
  await folders.getByRole('link', { name: /^Innboks\b/ }).click();
  await page.getByRole('button', { name: 'Velg flere' }).click();
  await expect(page.getByRole('toolbar')).toBeVisible();
  await page.locator('.dialog-item').last().scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  const bar = (await page.getByRole('toolbar').boundingBox())!;
  expect(bar.y, 'the selection bar is still on screen').toBeGreaterThanOrEqual(0);
  expect(bar.y + bar.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  await page.getByRole('toolbar').getByRole('button', { name: 'Avbryt' }).click();
  await expect(page.getByRole('toolbar')).toHaveCount(0);
  await expect(page.locator('.dialog-item input[type=checkbox]')).toHaveCount(0);
});

test('back from a dialog returns to the same list: folder, search and scroll position', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await page.setViewportSize({ width: 1000, height: 500 });
  await page.getByLabel('Søk i meldinger').fill('skatt');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page).toHaveURL(/\?search=skatt$/);
  // The searched list, not the one it replaces (its matches are marked).
  await expect(page.locator('.dialog-item mark').first()).toBeVisible();
  const items = page.locator('.dialog-item');
  await expect(items.nth(5)).toBeVisible();
  await items.nth(5).scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(100);
  await items.nth(5).getByRole('link').click();
  await expect(page).toHaveURL(/\/inbox\//);
  // The breadcrumbs lead back to the list as it was left.
  await page.getByRole('navigation', { name: 'Du er her' }).getByRole('link', { name: 'Innboks' }).click();
  await expect(page).toHaveURL(/\/\?search=skatt$/);
  await expect(page.getByLabel('Søk i meldinger')).toHaveValue('skatt');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 50);
});

test("an item's own menu archives it without opening it, and restores it from Arkiv", async ({ page }) => {
  await logInAs(page, 'Ola Hansen');
  const first = page.locator('.dialog-item').first();
  const href = await first.locator('a.dialog-link').getAttribute('href');
  const title = (await first.locator('.dialog-title').innerText()).replace(/^Ulest:\s*/, '').trim();
  const toggle = first.getByRole('button', { name: `Handlinger for «${title}»` });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page);
  // Escape closes the menu and gives focus back to its button.
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Enter');
  await first.getByRole('button', { name: 'Arkiver' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'flyttet til arkivet' })).toBeVisible();
  await expect(page.locator(`.dialog-item:has(a[href="${href}"])`)).toHaveCount(0);
  expect(page.url(), 'the list stays').toMatch(/\/$/);

  await page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: /^Arkiv\b/ }).click();
  const archived = page.locator(`.dialog-item:has(a[href="${href}"])`);
  await archived.getByRole('button', { name: `Handlinger for «${title}»` }).click();
  await expect(archived.getByRole('button', { name: 'Marker som ulest' }), 'the moves follow the folder').toHaveCount(0);
  await archived.getByRole('button', { name: 'Flytt til innboks' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'flyttet til innboksen' })).toBeVisible();
  await expect(archived).toHaveCount(0);
});
