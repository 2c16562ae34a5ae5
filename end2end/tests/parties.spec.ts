import { test, expect, logInAs, expectAccessible, chooseParty, expectNoIdentityNumberInUrl } from './fixtures';

// Per Olsen has roles in five organisations, three of them with sub-units.
const PER = 'Per Olsen';

async function orgNumber(page: import('@playwright/test').Page, name: string): Promise<string> {
  const identities = await (await page.request.get('/api/dev/identities')).json();
  const per = identities.find((i: any) => i.name === PER);
  return per.parties.find((p: any) => p.name === name).party.split(':').pop();
}

test('the account menu: an organisation, its units, "Alle virksomheter", all in the URL without identity numbers', async ({ page }) => {
  await logInAs(page, PER);
  const toggle = page.getByRole('button', { name: /Du handler på vegne av/ });
  await expect(toggle).toHaveAccessibleName(/Per Olsen$/);
  await toggle.click();
  const menu = page.getByRole('dialog', { name: 'Velg aktør' });
  await expect(menu.getByRole('button', { name: /^Hansen Transport AS Org\.nr\./ })).toBeVisible();
  await expect(menu.getByRole('button', { name: /^Hansen Transport AS avd\. Drammen Underenhet/ })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(toggle).toBeFocused();

  await chooseParty(page, 'Hansen Transport AS');
  const hansen = await orgNumber(page, 'Hansen Transport AS');
  await expect(page).toHaveURL(new RegExp(`/\\?party=${hansen}$`));
  await expect(toggle).toHaveAccessibleName(/Hansen Transport AS$/);
  // A main unit offers its units: all together, itself, or one sub-unit.
  const units = page.getByLabel('Enheter');
  await expect(units).toHaveValue(hansen);
  await units.selectOption({ label: 'Alle enheter' });
  await expect(page).toHaveURL(new RegExp(`party=${hansen}&units=all`));
  await expect(toggle).toHaveAccessibleName(/Hansen Transport AS med alle enheter$/);
  const inbox = page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: /^Innboks\b/ });
  await expect(inbox).toHaveAttribute('href', new RegExp(`party=${hansen}&units=all`));
  await page.reload();
  await expect(toggle).toHaveAccessibleName(/Hansen Transport AS med alle enheter$/);

  await chooseParty(page, /^Alle virksomheter \(\d+\)/);
  await expect(page).toHaveURL(/\?party=all-organisations$/);
  await expect(toggle).toHaveAccessibleName(/Alle virksomheter$/);
  // Each item says whose it is; with many parties, they differ.
  await expect(page.locator('.dialog-recipient').first()).toBeVisible();
  const recipients = new Set(await page.locator('.dialog-recipient').allInnerTexts());
  expect(recipients.size, 'dialogs of more than one organisation').toBeGreaterThan(1);
  await expect(inbox).toHaveAccessibleName(/^Innboks\s*, \d+ meldinger, \d+ uleste$/);
  await expectAccessible(page);

  // Back goes to the units, then to the organisation alone; the folders carry the choice along.
  await page.goBack();
  await expect(toggle).toHaveAccessibleName(/Hansen Transport AS med alle enheter$/);
  await page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: /^Arkiv\b/ }).click();
  await expect(page).toHaveURL(new RegExp(`/archive\\?party=${hansen}&units=all$`));
  await chooseParty(page, 'Per Olsen');
  await expect(page).toHaveURL(/\/archive$/);
  expectNoIdentityNumberInUrl(page);
});

test('favourites are kept on the server and come first; the menu works from the keyboard', async ({ page }) => {
  await logInAs(page, PER);
  const toggle = page.getByRole('button', { name: /Du handler på vegne av/ });
  await toggle.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog', { name: 'Velg aktør' });
  const search = menu.getByRole('searchbox', { name: 'Søk etter navn eller organisasjonsnummer' });
  await expect(search).toBeFocused();
  await page.keyboard.type('kaffe');
  await expect(menu.getByRole('button', { name: /^Tromsø Kaffebrenneri AS/ })).toBeVisible();
  await expect(menu.getByRole('button', { name: /^Hansen Transport/ })).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('button', { name: /^Tromsø Kaffebrenneri AS/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAccessibleName(/Tromsø Kaffebrenneri AS$/);

  await toggle.click();
  const stored = page.waitForResponse((r) => r.url().includes('/api/v1/inbox/profile/favourite-parties/') && r.request().method() === 'PUT');
  await menu.getByRole('button', { name: 'Legg Solsiden Frisør ENK til i favoritter' }).click();
  expect((await stored).status()).toBe(204);
  await expect(menu.getByRole('button', { name: 'Fjern Solsiden Frisør ENK fra favoritter' }).first()).toHaveAttribute('aria-pressed', 'true');
  await expect(menu.locator('.account-heading').first()).toHaveText('Favoritter');
  await page.reload();
  await toggle.click();
  await expect(menu.locator('.account-heading').first()).toHaveText('Favoritter');
  const starred = menu.locator('.account-row').first();
  await expect(starred.getByRole('button', { name: /^Solsiden Frisør ENK/ })).toBeVisible();
  await starred.getByRole('button', { name: 'Fjern Solsiden Frisør ENK fra favoritter' }).click();
  await expect(menu.locator('.account-heading').first()).toHaveText('Personer');
  await expectAccessible(page);
});

test('favourites have one owner: a star on the profile page is in the account menu at once and back, and the profile is read once', async ({ page }) => {
  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/v1/inbox/profile') reads.push(r.url());
  });
  await logInAs(page, PER);
  await page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: 'Profil' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
  await page.getByRole('searchbox').fill('Hansen Transport');
  await page.getByRole('button', { name: 'Legg Hansen Transport AS til i favoritter', exact: true }).click();
  const onPage = page.getByRole('button', { name: 'Fjern Hansen Transport AS fra favoritter', exact: true });
  await expect(onPage).toHaveAttribute('aria-pressed', 'true');

  // The account menu, with no reload: the same star, and taking it off there shows on the page.
  await page.getByRole('button', { name: /Du handler på vegne av/ }).click();
  const menu = page.getByRole('dialog', { name: 'Velg aktør' });
  await expect(menu.locator('.account-heading').first()).toHaveText('Favoritter');
  const row = menu.locator('.account-row').first();
  await expect(row.getByRole('button', { name: /^Hansen Transport AS Org\.nr\./ })).toBeVisible();
  const removed = page.waitForResponse((r) => r.url().includes('/api/v1/inbox/profile/favourite-parties/') && r.request().method() === 'DELETE');
  await row.getByRole('button', { name: 'Fjern Hansen Transport AS fra favoritter', exact: true }).click();
  expect((await removed).status()).toBe(204);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Legg Hansen Transport AS til i favoritter', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expectAccessible(page);
  expect(reads, 'the profile is read once, at login').toHaveLength(1);
});

test('an address naming a party the person cannot act for says so and offers the account menu', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await page.goto('/?party=999999999');
  await expect(page.getByRole('status').filter({ hasText: 'Du kan ikke handle på vegne av aktøren i adressen.' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Velg aktør', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Velg aktør' })).toBeVisible();
});
