import { test as base, expect, Page, APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Fails the test on any console error or page error: a blank page must never pass quietly.
 *  A test that cuts the network names the errors that brings (`test.use({ expectedConsoleErrors: /…/ })`). */
export const test = base.extend<{ failOnConsoleErrors: void; expectedConsoleErrors: RegExp | null }>({
  expectedConsoleErrors: [null, { option: true }],
  failOnConsoleErrors: [async ({ page, expectedConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    // The browser logs every 4xx answer; tests that provoke one check the page's message instead.
    const expectedHttp = /^Failed to load resource: the server responded with a status of 4\d\d/;
    const expected = (text: string) => expectedHttp.test(text) || (expectedConsoleErrors?.test(text) ?? false);
    page.on('console', (m) => { if (m.type() === 'error' && !expected(m.text())) errors.push(`console: ${m.text()}`); });
    // A preload the browser will not honour as written warns on every load.
    page.on('console', (m) => { if (m.type() === 'warning' && /integrity\W{0,2} attribute/i.test(m.text())) errors.push(`console: ${m.text()}`); });
    await use();
    expect(errors, 'no errors in the browser').toEqual([]);
  }, { auto: true }],
});
export { expect };

/** Logs in as the demo person with this name through the login page. */
export async function logInAs(page: Page, name: string) {
  await page.goto('/login');
  await page.getByRole('button', { name: new RegExp(`Logg inn som ${name}`) }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** A personal token for calling the API directly as the demo person with this name, from the
 *  server's dev token endpoint: the app holds none (its session is an httpOnly cookie). Use it with
 *  the `request` fixture, whose context has no session cookie. */
export async function personalToken(request: APIRequestContext, name: string): Promise<string> {
  const identities = await (await request.get('/api/dev/identities')).json();
  const person = identities.find((i: any) => i.kind === 'person' && i.name === name);
  const res = await request.get(`/api/GetPersonalToken?pid=${person.pid}&scopes=${encodeURIComponent('digdir:dialogporten')}`);
  expect(res.ok()).toBe(true);
  return res.text();
}

/** WCAG 2.1 AA with axe-core: zero violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe violations').toEqual([]);
}

/** Opens the account menu and chooses the party (or group) whose row starts with `name`. */
export async function chooseParty(page: Page, name: string | RegExp) {
  await page.getByRole('button', { name: /Du handler på vegne av/ }).click();
  const menu = page.getByRole('dialog', { name: 'Velg aktør' });
  const label = typeof name === 'string' ? new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) : name;
  await menu.getByRole('button', { name: label }).first().click();
  await expect(menu).toHaveCount(0);
}

/** No national identity number (11 digits) in the address bar. */
export function expectNoIdentityNumberInUrl(page: Page) {
  expect(page.url(), 'no identity number in the URL').not.toMatch(/\d{11}/);
}

/** Opens the site menu (profile, saved searches, shortcuts, language, theme, log-out) unless it is open. */
export async function openMenu(page: Page) {
  const button = page.locator('.menu-toggle');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(page.locator('#site-menu')).toBeVisible();
}

/** The site menu's language choice, by code (nb, nn, en). */
export async function chooseLanguage(page: Page, code: string) {
  await openMenu(page);
  await page.locator('#site-menu .lang-select select').selectOption(code);
}

/** Logs out through the site menu. */
export async function logOut(page: Page) {
  await openMenu(page);
  await page.locator('#site-menu').getByRole('button', { name: /^(Logg ut|Log out)$/ }).click();
}

/** "Legg til filter", then the facet (Status, Dato, Avsender, Tjeneste) and its choice; "Bare
 *  uleste" is a choice of its own (no facet). */
export async function addFilter(page: Page, facet: string, choice?: string) {
  await page.getByRole('button', { name: 'Legg til filter' }).click();
  const menu = page.locator('#filter-menu');
  await menu.getByRole('button', { name: facet, exact: true }).click();
  if (choice) await menu.getByRole('button', { name: choice, exact: true }).click();
  await expect(menu).toHaveCount(0);
}

/** Back to bokmål from the header, waiting until the person's profile has it: the language follows
 *  the person to their next login, so a test that changes it must put it back. */
export async function backToBokmal(page: Page) {
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/inbox/profile/settings') && r.request().postDataJSON()?.language === 'nb');
  await chooseLanguage(page, 'nb');
  expect((await saved).ok()).toBe(true);
}
