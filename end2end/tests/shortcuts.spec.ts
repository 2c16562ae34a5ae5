import { test, expect, logInAs, expectAccessible, openMenu } from './fixtures';
import type { Page } from '@playwright/test';

// Ola Hansen's inbox; what is moved here is moved back.
const focusedHref = (page: Page) => page.evaluate(() => document.activeElement?.closest('.dialog-item')?.querySelector('a.dialog-link')?.getAttribute('href') ?? null);
const hrefs = (page: Page) => page.locator('.dialog-item a.dialog-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));

test('the list and a dialog from the keyboard: move, select, archive, restore, open, neighbours, back, folders', async ({ page }) => {
  await logInAs(page, 'Ola Hansen');
  await expect(page.locator('.dialog-item').nth(3)).toBeVisible();
  const list = await hrefs(page);
  await page.keyboard.press('j');
  expect(await focusedHref(page)).toBe(list[0]);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  expect(await focusedHref(page)).toBe(list[1]);

  // x selects, Shift+J selects on to the next, x again unselects; each is said to screen readers.
  await page.keyboard.press('x');
  await expect(page.getByRole('toolbar')).toContainText('1 valgt');
  await page.keyboard.press('Shift+J');
  await expect(page.getByRole('toolbar')).toContainText('2 valgt');
  expect(await focusedHref(page)).toBe(list[2]);
  await page.keyboard.press('x');
  await expect(page.getByRole('toolbar')).toContainText('1 valgt');
  await expect(page.locator('.shortcut-announcement')).toHaveText(/^Ikke valgt: /);

  // i (to the inbox) is not offered for what is in the inbox; e archives, and focus goes on.
  await page.keyboard.press('i');
  await expect(page.locator('.shortcut-announcement')).toHaveText('Det kan ikke gjøres med denne meldingen.');
  await page.keyboard.press('e');
  await expect(page.getByRole('status').filter({ hasText: 'flyttet til arkivet' })).toBeVisible();
  await expect(page.locator(`.dialog-item a[href="${list[2]}"]`)).toHaveCount(0);
  await expect.poll(() => focusedHref(page)).toBe(list[3]);

  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(page).toHaveURL(/\/archive$/);
  await page.locator(`.dialog-item a[href="${list[2]}"]`).focus();
  await page.keyboard.press('i');
  await expect(page.getByRole('status').filter({ hasText: 'flyttet til innboksen' })).toBeVisible();
  await expect(page.locator(`.dialog-item a[href="${list[2]}"]`)).toHaveCount(0);

  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator(`.dialog-item a[href="${list[2]}"]`)).toBeVisible();
  const back = await hrefs(page);
  await page.locator(`.dialog-item a[href="${back[1]}"]`).focus();
  await page.keyboard.press('o');
  await expect(page).toHaveURL(new RegExp(`${back[1]}$`));
  // On a dialog, j and k open its neighbours in the list it came from; u goes back to that list.
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`${back[2]}$`));
  await page.keyboard.press('k');
  await expect(page).toHaveURL(new RegExp(`${back[1]}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Shift+U');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('status').filter({ hasText: 'markert som ulest' })).toBeVisible();
  await expect(page.locator(`.dialog-item:has(a[href="${back[1]}"])`)).toHaveClass(/unread/);
  await page.locator(`.dialog-item a[href="${back[1]}"]`).focus();
  await page.keyboard.press('o');
  await page.keyboard.press('u');
  await expect(page).toHaveURL(/\/$/);
});

test('no shortcut fires while typing; ? lists them all; they can be turned off', async ({ page }) => {
  await logInAs(page, 'Ola Hansen');
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Søk i meldinger')).toBeFocused();
  await page.keyboard.type('jxe?gi');
  await expect(page.getByLabel('Søk i meldinger')).toHaveValue('jxe?gi');
  await expect(page.getByRole('toolbar')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(page.url()).toMatch(/\/$/);

  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Tastatursnarveier' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('button', { name: 'Lukk' })).toBeFocused();
  await expect(help.getByRole('row')).toHaveCount(13);
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // Off: keys are plain keys again, and the button in the menu still opens the help.
  await openMenu(page);
  const button = page.getByRole('button', { name: 'Tastatursnarveier' });
  await button.click();
  await help.getByRole('switch', { name: 'Bruk tastatursnarveier' }).uncheck();
  await help.getByRole('button', { name: 'Lukk' }).click();
  await expect(button).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('?');
  expect(await focusedHref(page)).toBeNull();
  await expect(help).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  await page.keyboard.press('j');
  expect(await focusedHref(page), 'off survives a reload').toBeNull();
  await openMenu(page);
  await button.click();
  await help.getByRole('switch', { name: 'Bruk tastatursnarveier' }).check();
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  expect(await focusedHref(page)).not.toBeNull();
});
