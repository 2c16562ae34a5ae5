import { readFileSync } from 'node:fs';
import { test, expect, logInAs, expectAccessible, addFilter, personalToken } from './fixtures';

// Ingrid Hansen's list is read, not changed, by the other specs.
const PERSON = 'Ingrid Hansen';

test('a saved search round-trip: save, list, rename, open, delete', async ({ page }) => {
  await logInAs(page, PERSON);
  const save = page.getByRole('button', { name: 'Lagre søk' });
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  await expect(save, 'offered once there is a search or a filter to keep').toHaveCount(0);
  await page.getByLabel('Søk i meldinger').fill('skatt');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page).toHaveURL(/\?search=skatt$/);
  await addFilter(page, 'Avsender', 'Skatteetaten');
  await expect(page).toHaveURL(/\?search=skatt&org=skd$/);
  await save.click();
  await expect(page.getByLabel('Navn på søket')).toHaveValue('skatt');
  await page.getByLabel('Navn på søket').fill('Skatt fra Skatteetaten');
  await page.locator('form.save-search').getByRole('button', { name: 'Lagre søk' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Søket er lagret' })).toBeVisible();

  await page.getByRole('link', { name: 'Lagrede søk' }).click();
  await expect(page).toHaveURL(/\/saved-searches$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Lagrede søk' })).toBeVisible();
  const item = page.locator('.saved-item', { hasText: 'Skatt fra Skatteetaten' });
  // Its folder and filters as the list's chips name them.
  await expect(item.locator('.saved-description .ds-tag')).toHaveText(['Innboks', '«skatt»', 'Skatteetaten']);
  await expectAccessible(page);

  await item.getByRole('button', { name: 'Gi nytt navn til «Skatt fra Skatteetaten»' }).click();
  await item.getByLabel('Navn på søket').fill('Skatten min');
  await item.getByRole('button', { name: 'Lagre navn' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Søket har fått nytt navn.' })).toBeVisible();
  const renamed = page.locator('.saved-item', { hasText: 'Skatten min' });
  await page.reload();
  await expect(renamed).toBeVisible();

  await renamed.getByRole('link', { name: /Skatten min/ }).click();
  await expect(page).toHaveURL(/\/\?search=skatt&org=skd$/);
  await expect(page.getByLabel('Søk i meldinger')).toHaveValue('skatt');
  await page.goBack();
  await renamed.getByRole('button', { name: 'Slett' }).click();
  await renamed.getByRole('button', { name: 'Ja, slett søket' }).click();
  await expect(page.getByText('Du har ingen lagrede søk ennå.')).toBeVisible();
});

test('a search from Innboks spans every folder and can be narrowed', async ({ page, request }) => {
  await logInAs(page, PERSON);
  // Archive one dialog that the search will find, through the API as Ingrid.
  const headers = { Authorization: `Bearer ${await personalToken(request, PERSON)}` };
  const parties = await (await request.get('/api/v1/enduser/parties', { headers })).json();
  const own = parties.authorizedParties.find((p: any) => p.isCurrentEndUser).party;
  const found = await (await request.get(`/api/v1/enduser/dialogs?party=${encodeURIComponent(own)}&search=skatt&systemLabel=Default&limit=1`, { headers })).json();
  const target = found.items[0];
  await request.put(`/api/v1/enduser/dialogs/${target.id}/context/systemlabels`, { headers, data: { addLabels: ['Archive'] } });

  await page.getByLabel('Søk i meldinger').fill('skatt');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  const scope = page.getByRole('navigation', { name: 'Søk i' });
  await expect(scope.getByRole('link', { name: 'Alle mapper' })).toHaveAttribute('aria-current', 'page');
  const archived = page.locator(`.dialog-item:has(a[href="/inbox/${target.id}"])`);
  await expect(archived.getByText('Arkivert', { exact: true })).toBeVisible();

  await scope.getByRole('link', { name: 'Innboks' }).click();
  await expect(page).toHaveURL(/\/\?search=skatt&in=inbox$/);
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  await expect(archived).toHaveCount(0);
  await scope.getByRole('link', { name: 'Arkiv' }).click();
  await expect(page).toHaveURL(/\/archive\?search=skatt$/);
  await expect(archived).toBeVisible();
  await expectAccessible(page);
  await request.put(`/api/v1/enduser/dialogs/${target.id}/context/systemlabels`, { headers, data: { removeLabels: ['Archive'] } });
});

test('the loaded list downloads as CSV: BOM, semicolons, names and no identity numbers', async ({ page }) => {
  await logInAs(page, PERSON);
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  const rows = await page.locator('.dialog-item').count();
  expect(rows).toBeGreaterThan(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Last ned som CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('innboks.csv');
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text.startsWith('\ufeffTittel;Oppdatert;Tjenesteeier;Avsender;Mottaker;Organisasjonsnummer;Status;Frist\r\n')).toBe(true);
  const lines = text.split('\r\n').filter((l) => l.length > 0);
  expect(lines.length).toBe(rows + 1);
  expect(text).not.toMatch(/\d{11}/);
  expect(lines[1]).toContain(';Ingrid Hansen;;');
  expect(lines.slice(1).every((l) => !/^[=+\-@]/.test(l))).toBe(true);
});

test('saved searches are grouped by whose dialogs they search, the person\'s own first', async ({ page, request }) => {
  await logInAs(page, 'Per Olsen');
  const token = await personalToken(request, 'Per Olsen');
  const identities = await (await page.request.get('/api/dev/identities')).json();
  const per = identities.find((i: any) => i.kind === 'person' && i.name === 'Per Olsen');
  const org = per.parties.find((p: any) => p.partyType === 'Organization');
  const orgNo = org.party.split(':').pop();
  const save = (name: string, query: string) =>
    request.post('/api/v1/inbox/saved-searches', { headers: { Authorization: `Bearer ${token}` }, data: { name, query } });
  expect((await save('Firmaets arkiv', `/archive?party=${orgNo}`)).ok()).toBe(true);
  expect((await save('Eget skattesøk', '/?search=skatt')).ok()).toBe(true);
  await page.goto('/saved-searches');
  const groups = page.locator('.saved-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0).getByRole('heading', { level: 2 })).toHaveText('Per Olsen');
  await expect(groups.nth(0)).toContainText('Eget skattesøk');
  await expect(groups.nth(1).getByRole('heading', { level: 2 })).toHaveText(org.name);
  await expect(groups.nth(1)).toContainText('Firmaets arkiv');
  await expect(groups.nth(1).locator('.saved-description .ds-tag')).toHaveText(['Arkiv']);
  await expectAccessible(page);
});
