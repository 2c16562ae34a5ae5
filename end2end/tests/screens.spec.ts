import { test, expect, logInAs, expectAccessible } from './fixtures';
import type { Page } from '@playwright/test';

// Every main view in light and dark, on a desktop and at 320 px: nothing wider than the screen,
// and axe finds nothing. With SCREENSHOT_DIR set (`make screenshots`) each view is photographed
// into it, which is how docs/screenshots/ is made.
const screens = [
  { device: 'desktop', width: 1280, height: 900 },
  { device: 'mobile', width: 320, height: 720 },
] as const;

/** With SCREENSHOT_DIR set, the view as `docs/screenshots/<view>-<device>-<scheme>.png`. */
async function photograph(page: Page, view: string, device: string, scheme: string) {
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${view}-${device}-${scheme}.png` });
}

async function fitsTheScreen(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what}: no sideways scrolling`).toBeLessThanOrEqual(0);
}

for (const { device, width, height } of screens) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`${device} in ${scheme} mode: inbox, filters, account menu, dialog, saved searches, profile, menu, shortcuts, about, migration status and the service-owner workspace fit and pass axe`, async ({ page }) => {
      // Thirteen views, each through axe: longer than one view's 30 s.
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/login');
      await expect(page.getByRole('button', { name: /Logg inn som Kari Nordmann/ })).toBeVisible();
      await fitsTheScreen(page, 'login');
      await expectAccessible(page);
      await photograph(page, 'login', device, scheme);
      await logInAs(page, 'Kari Nordmann');
      await expect(page.locator('.dialog-item').first()).toBeVisible();
      // "Som systemet" is the default, so the page follows the emulated system setting.
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number));
      const light = background.reduce((a, b) => a + b, 0) / 3;
      expect(scheme === 'dark' ? light < 80 : light > 200, `background ${background} in ${scheme} mode`).toBe(true);
      await fitsTheScreen(page, 'inbox');
      await expectAccessible(page);
      await photograph(page, 'inbox', device, scheme);
      // Selecting several: the bar with the count and the moves.
      await page.getByRole('button', { name: 'Velg flere' }).click();
      await page.locator('.dialog-item input[type=checkbox]').first().check();
      await expect(page.getByRole('toolbar')).toContainText('1 valgt');
      await fitsTheScreen(page, 'selection');
      await expectAccessible(page);
      await photograph(page, 'selection', device, scheme);
      await page.getByRole('toolbar').getByRole('button', { name: 'Avbryt' }).click();
      // "Legg til filter": the facets, then a chosen filter as a chip with Nullstill and Lagre søk.
      await page.getByRole('button', { name: 'Legg til filter' }).click();
      await expect(page.locator('#filter-menu').getByRole('button', { name: 'Avsender' })).toBeVisible();
      await fitsTheScreen(page, 'filter menu');
      await expectAccessible(page);
      await photograph(page, 'filter-menu', device, scheme);
      await page.locator('#filter-menu').getByRole('button', { name: 'Avsender' }).click();
      await page.locator('#filter-menu').getByRole('button', { name: 'Skatteetaten', exact: true }).click();
      await expect(page.getByRole('button', { name: 'Fjern filter: Skatteetaten' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Lagre søk' })).toBeVisible();
      await fitsTheScreen(page, 'filters');
      await expectAccessible(page);
      await photograph(page, 'filters', device, scheme);
      await page.getByRole('button', { name: 'Nullstill' }).click();
      await expect(page.getByRole('button', { name: 'Lagre søk' })).toHaveCount(0);

      await page.getByRole('button', { name: /Du handler på vegne av/ }).click();
      const menu = page.getByRole('dialog', { name: 'Velg aktør' });
      await expect(menu.locator('.account-row').first()).toBeVisible();
      await fitsTheScreen(page, 'account menu');
      await expectAccessible(page);
      await photograph(page, 'account-menu', device, scheme);
      await page.keyboard.press('Escape');

      await page.locator('.dialog-item a.dialog-link').first().click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('.dialog-facts')).toBeVisible();
      await fitsTheScreen(page, 'dialog');
      await expectAccessible(page);
      await photograph(page, 'dialog', device, scheme);

      await page.goto('/saved-searches');
      await expect(page.getByRole('heading', { level: 1, name: 'Lagrede søk' })).toBeVisible();
      await fitsTheScreen(page, 'saved searches');
      await expectAccessible(page);
      await photograph(page, 'saved-searches', device, scheme);

      await page.goto('/profile');
      await expect(page.locator('.profile-party').first()).toBeVisible();
      await fitsTheScreen(page, 'profile');
      await expectAccessible(page);
      await photograph(page, 'profile', device, scheme);

      await page.goto('/');
      // One menu for profile, saved searches, shortcuts, language, theme and log-out; on a
      // narrow screen the folders sit behind it too.
      await page.getByRole('button', { name: 'Meny' }).click();
      await expect(page.locator('#site-menu')).toBeVisible();
      if (device === 'mobile') await expect(page.getByRole('navigation', { name: 'Mapper' })).toBeVisible();
      await fitsTheScreen(page, 'menu');
      await expectAccessible(page);
      await photograph(page, 'menu', device, scheme);
      await page.getByRole('button', { name: 'Tastatursnarveier' }).click();
      await expect(page.getByRole('dialog', { name: 'Tastatursnarveier' })).toBeVisible();
      await fitsTheScreen(page, 'shortcuts');
      await expectAccessible(page);
      await page.keyboard.press('Escape');

      // The foot of every page leads to the about page, with privacy, accessibility and contact.
      await page.getByRole('contentinfo').getByRole('link', { name: 'Tilgjengelighetserklæring' }).click();
      await expect(page).toHaveURL(/\/about#accessibility$/);
      await expect(page.getByRole('heading', { level: 2, name: 'Tilgjengelighetserklæring' })).toBeInViewport();
      await expect(page.getByRole('navigation', { name: 'Du er her' })).toBeVisible();
      await fitsTheScreen(page, 'about');
      await expectAccessible(page);
      await photograph(page, 'about', device, scheme);

      await page.goto('/migration-status');
      await expect(page.locator('.watermark-chart')).toBeVisible();
      await fitsTheScreen(page, 'migration status');
      await expectAccessible(page);
      await photograph(page, 'migration-status', device, scheme);

      // The service owner's workspace.
      await page.goto('/login');
      await page.getByRole('button', { name: 'Logg inn som Skatteetaten' }).click();
      await expect(page.locator('.so-table tbody tr').first()).toBeVisible();
      await fitsTheScreen(page, 'service-owner workspace');
      await expectAccessible(page);
      await photograph(page, 'serviceowner', device, scheme);
    });
  }
}
