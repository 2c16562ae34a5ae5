import type { Page } from '@playwright/test';
import { test, expect, logInAs, expectAccessible, chooseParty, addFilter, personalToken } from './fixtures';

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
  // What matched is marked in the titles and summaries, whatever its case.
  const marks = page.locator('.dialog-item mark');
  await expect(marks.first()).toBeVisible();
  expect((await marks.allInnerTexts()).every((t) => t.toLowerCase() === 'skatte')).toBe(true);

  await addFilter(page, 'Avsender', 'Skatteetaten');
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
  await expect(page.getByRole('button', { name: 'Fjern filter: Skatteetaten' })).toBeVisible();
  await expect(page.getByLabel('Sorter etter')).toHaveValue('oldest');
  await expectAccessible(page);

  await page.goBack();
  await expect(page).not.toHaveURL(/sort=oldest/);
  await page.getByRole('button', { name: 'Nullstill' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.dialog-item mark')).toHaveCount(0);
});

test('unread only and status filters narrow the list', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await addFilter(page, 'Bare uleste');
  await expect(page).toHaveURL(/unread=true/);
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  await expect(page.locator('.dialog-item:not(.unread)')).toHaveCount(0);
  await page.getByRole('button', { name: 'Fjern filter: Bare uleste' }).click();
  await expect(page).not.toHaveURL(/unread=true/);
  await addFilter(page, 'Status', 'Krever handling');
  await expect(page).toHaveURL(/status=RequiresAttention/);
  await expect.poll(async () => (await page.locator('.dialog-item .status-tag').allInnerTexts()).every((t) => t === 'Krever handling')).toBe(true);
});

test('the filter menu takes the same search and filters to another folder', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await addFilter(page, 'Avsender', 'Skatteetaten');
  await addFilter(page, 'Mappe', 'Arkiv');
  await expect(page).toHaveURL(/\/archive\?org=skd$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Arkiv' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Fjern filter: Skatteetaten' })).toBeVisible();
  // The folder in view is not offered.
  await page.getByRole('button', { name: 'Legg til filter' }).click();
  const menu = page.locator('#filter-menu');
  await menu.getByRole('button', { name: 'Mappe', exact: true }).click();
  await expect(menu.getByRole('button', { name: 'Innboks', exact: true })).toBeVisible();
  await expect(menu.getByRole('button', { name: 'Arkiv', exact: true })).toHaveCount(0);
});

test('the list is grouped by month with headings', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  const headings = page.locator('.group-heading');
  await expect(headings.first()).toBeVisible();
  await expect(headings.first()).toHaveText(/^[A-ZÆØÅ][a-zæøå]+ \d{4}$|^\d{4}$/);
});

test('date filters narrow by content date, live in the URL, and reaching before migrated history shows a notice', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  // The date since which every historical source is migrated (the latest watermark of those not complete).
  const status = await (await page.request.get('/api/v1/migration/status')).json();
  const boundary = status.sources.filter((s: any) => s.kind === 'historical' && !s.historyComplete).map((s: any) => s.migratedBackTo).sort().pop();
  const months = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];
  const [y, m, d] = boundary.slice(0, 10).split('-').map(Number);
  const notice = page.getByRole('note').filter({ hasText: `tilbake til ${d}. ${months[m - 1]} ${y}.` });
  const dates = () => page.locator('.dialog-item time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));

  await addFilter(page, 'Dato', 'Eldre enn ett år');
  await expect(page).toHaveURL(/date=older/);
  const yearAgo = new Date();
  yearAgo.setFullYear(yearAgo.getFullYear() - 1);
  await expect.poll(async () => { const d = await dates(); return d.length > 0 && d.every((x) => new Date(x) < yearAgo); }).toBe(true);
  await expect(notice).toBeVisible();
  await notice.getByRole('link', { name: 'Se status for migreringen' }).focus();
  await expectAccessible(page);

  await addFilter(page, 'Dato', 'Siste 6 måneder');
  await expect(page).toHaveURL(/date=6m/);
  await expect(notice).toHaveCount(0);

  // A period of one's own: its dates are under the date facet, and without dates it narrows
  // nothing (no empty chip; issue 32, bug 8).
  await page.getByRole('button', { name: 'Fjern filter: Siste 6 måneder' }).click();
  await expect(page.locator('.filter-chips')).toHaveCount(0);
  await page.getByRole('button', { name: 'Legg til filter' }).click();
  await page.locator('#filter-menu').getByRole('button', { name: 'Dato', exact: true }).click();
  await expect(page.getByLabel('Fra dato')).toBeVisible();
  await expect(page.locator('.filter-chips')).toHaveCount(0);
  await page.getByLabel('Fra dato').fill('2024-06-01');
  await expect(page).toHaveURL(/date=custom&from=2024-06-01/);
  await expect(page.locator('.filter-chips li')).toHaveText(['2024-06-01 – …']);
  await page.getByLabel('Til dato').fill('2025-12-31');
  await expect(page).toHaveURL(/date=custom&from=2024-06-01&to=2025-12-31/);
  await expect.poll(async () => { const d = await dates(); return d.length > 0 && d.every((x) => x >= '2024-06-01' && x < '2026-01-01T12'); }).toBe(true);
  await expect(notice).toBeVisible();
  await page.reload();
  // Opened again, the menu goes straight to the period being edited.
  await page.getByRole('button', { name: 'Legg til filter' }).click();
  await expect(page.getByLabel('Fra dato')).toHaveValue('2024-06-01');
  await expect(page.getByLabel('Til dato')).toHaveValue('2025-12-31');
  await page.keyboard.press('Escape');
  await expect(page.locator('#filter-menu')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Legg til filter' })).toBeFocused();
  await notice.getByRole('link', { name: 'Se status for migreringen' }).click();
  await expect(page).toHaveURL(/\/migration-status$/);
});

test('several senders, a service and statuses at once, each a chip that removes it', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  const senders = async () => new Set(await page.locator('.dialog-item .sender-name').allInnerTexts());
  await addFilter(page, 'Avsender', 'Skatteetaten');
  await expect(page).toHaveURL(/\?org=skd$/);
  // A chosen sender leaves the list of choices.
  await page.getByRole('button', { name: 'Legg til filter' }).click();
  const menu = page.locator('#filter-menu');
  await menu.getByRole('button', { name: 'Avsender', exact: true }).click();
  await expect(menu.getByRole('button', { name: 'Arbeids- og velferdsetaten (Nav)' })).toBeVisible();
  await expect(menu.getByRole('button', { name: 'Skatteetaten', exact: true })).toHaveCount(0);
  await menu.getByRole('button', { name: 'Arbeids- og velferdsetaten (Nav)' }).click();
  await expect(page).toHaveURL(/\?org=skd&org=nav$/);
  await expect.poll(senders).toEqual(new Set(['Skatteetaten', 'Arbeids- og velferdsetaten (Nav)']));

  // Services are named, and with senders chosen only theirs are offered. Their names load when
  // the service facet is first opened, so the first load of the inbox does not wait for them.
  await page.getByRole('button', { name: 'Legg til filter' }).click();
  await menu.getByRole('button', { name: 'Tjeneste', exact: true }).click();
  await expect(menu.getByRole('button', { name: 'Skattemelding', exact: true })).toBeVisible();
  await expect(menu.getByRole('button', { name: 'Årsregnskap' })).toHaveCount(0);
  await menu.getByRole('button', { name: 'Skattemelding', exact: true }).click();
  await expect(page).toHaveURL(/\?org=skd&org=nav&service=skattemelding$/);
  await expect.poll(senders).toEqual(new Set(['Skatteetaten']));
  await addFilter(page, 'Status', 'Avsluttet');
  await addFilter(page, 'Status', 'Informasjon');
  await expect(page).toHaveURL(/service=skattemelding&status=Completed&status=NotApplicable$/);
  await expect.poll(async () => new Set(await page.locator('.dialog-item .status-tag').allInnerTexts())).toEqual(new Set(['Avsluttet', 'Informasjon']));

  await page.reload();
  const chips = page.getByRole('list', { name: 'Aktive filtre' });
  await expect(chips.getByRole('button')).toHaveText(['Avsluttet', 'Informasjon', 'Skatteetaten', 'Arbeids- og velferdsetaten (Nav)', 'Skattemelding']);
  await expectAccessible(page);
  await chips.getByRole('button', { name: 'Fjern filter: Skattemelding' }).click();
  await expect(page).toHaveURL(/\?org=skd&org=nav&status=Completed&status=NotApplicable$/);
  await chips.getByRole('button', { name: 'Fjern filter: Avsluttet' }).click();
  await chips.getByRole('button', { name: 'Fjern filter: Skatteetaten' }).click();
  await expect(page).toHaveURL(/\?org=nav&status=NotApplicable$/);
  await page.getByRole('button', { name: 'Nullstill' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(chips).toHaveCount(0);
});

test('"Vis flere" loads the next page with the continuation token, without gaps or repeats', async ({ page }) => {
  // Dialogs for a sub-unit no other spec reads, purged again at the end.
  const SUB_UNIT = 'Vestland Byggservice AS avd. Førde';
  const identities = await (await page.request.get('/api/dev/identities')).json();
  const party = identities.find((i: any) => i.name === 'Per Olsen').parties.find((p: any) => p.name === SUB_UNIT).party;
  const so = await (await page.request.get(`/api/GetEnterpriseToken?org=brg&orgNo=974760673&scopes=${encodeURIComponent('digdir:dialogporten.serviceprovider')}`)).text();
  const headers = { Authorization: `Bearer ${so}` };
  const created: string[] = [];
  for (let batch = 0; batch < 12; batch++) {
    const ids = await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      const res = await page.request.post('/api/v1/serviceowner/dialogs', {
        headers,
        data: {
          serviceResource: 'urn:altinn:resource:enhetsregisteret-endring',
          party,
          status: 'NotApplicable',
          content: { title: { value: [{ languageCode: 'nb', value: `Registrert endring ${batch * 10 + i + 1}` }] } },
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()) as string;
    }));
    created.push(...ids);
  }
  try {
    await logInAs(page, 'Per Olsen');
    await chooseParty(page, SUB_UNIT);
    const inbox = page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: /^Innboks\b/ });
    await expect(inbox).toHaveAccessibleName(/^Innboks\s*, \d+ meldinger/);
    // The counter may still show the previous party's count for a moment: wait for this one's.
    const counted = async () => Number((await inbox.locator('.total').innerText()).trim());
    await expect.poll(counted).toBeGreaterThanOrEqual(120);
    const total = await counted();
    await expect(page.locator('.list-count')).toHaveText('100 meldinger vist');
    const next = page.waitForRequest((r) => r.url().includes('/api/v1/enduser/dialogs') && r.url().includes('continuationToken='));
    await page.getByRole('button', { name: 'Vis flere' }).click();
    await next;
    await expect(page.locator('.list-count')).toHaveText(`${total} meldinger vist`);
    await expect(page.getByRole('button', { name: 'Vis flere' })).toHaveCount(0);
    const hrefs = await page.locator('.dialog-item a.dialog-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(hrefs).size, 'no dialog twice').toBe(total);
    for (const id of created) expect(hrefs).toContain(`/inbox/${id}`);
    await expectAccessible(page);
  } finally {
    for (const id of created) await page.request.post(`/api/v1/serviceowner/dialogs/${id}/actions/purge`, { headers });
  }
});

/** Searches and waits for the search's own answer; returns how many dialogs it holds. */
async function search(page: Page, text: string): Promise<number> {
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/enduser/dialogs?') && r.url().includes('search='));
  await page.getByLabel('Søk i meldinger').fill(text);
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  // An empty page leaves `items` out.
  return ((await (await answer).json()).items ?? []).length;
}

test('a quoted phrase finds what the same words find, and its chip shows the phrase once', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  const title = (await page.locator('.dialog-item .dialog-title').first().innerText()).replace(/^Ulest:\s*/, '');
  const words = title.split(/\s+/).slice(0, 2).join(' ');
  // The list shows the last answer until the next arrives: compare counts only once each
  // search's own answer is in (reading it earlier raced the unfiltered list in CI).
  const found = await search(page, words);
  expect(found).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: `Fjern filter: «${words}»` })).toBeVisible();
  const shown = found === 1 ? '1 melding vist' : `${found} meldinger vist`;
  await expect(page.locator('.list-count')).toHaveText(shown);
  await page.getByRole('button', { name: 'Nullstill' }).click();
  await expect(page).toHaveURL(/\/$/);

  expect(await search(page, `"${words}"`)).toBe(found);
  await expect(page.getByRole('button', { name: `Fjern filter: «${words}»` })).toBeVisible();
  await expect(page.locator('.list-count')).toHaveText(shown);
  await expect(page.getByLabel('Søk i meldinger')).toHaveValue(words);
});

test('a very long search wraps in its chip, with the whole text on hover, and never widens the page', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  const long = Array.from({ length: 60 }, (_, i) => `skattemelding${i}`).join(' ');
  await search(page, long);
  const chip = page.locator('.filter-chips .ds-chip').first();
  await expect(chip).toHaveAttribute('title', `«${long}»`);
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll at ${width} px`).toBeLessThanOrEqual(width);
  }
});

test('no view scrolls sideways at 320 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const fits = async (what: string) =>
    expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), `${what} fits 320 px`).toBeLessThanOrEqual(320);
  await page.goto('/login');
  await expect(page.getByRole('button', { name: /Logg inn som Kari Nordmann/ })).toBeVisible();
  await fits('the login page');
  await logInAs(page, 'Kari Nordmann');
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  await fits('the inbox');
  // The first dialog is on the first screen: the folders and settings wait behind "Meny".
  const first = (await page.locator('.dialog-item .dialog-title').first().boundingBox())!;
  expect(first.y + first.height, "the first dialog's title is on the first screen").toBeLessThanOrEqual(640);
  const folders = page.getByRole('navigation', { name: 'Mapper' });
  await expect(folders).toBeHidden();
  const menu = page.getByRole('button', { name: 'Meny' });
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await fits('the open menu');
  await folders.getByRole('link', { name: /^Arkiv\b/ }).click();
  await expect(page).toHaveURL(/\/archive$/);
  await expect(folders, 'the menu closes once it has taken you there').toBeHidden();
  await page.goto('/');
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  await page.locator('.dialog-item').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await fits('a dialog');
  for (const [path, heading] of [['/archive', /Arkiv/], ['/profile', /Profil/], ['/saved-searches', /Lagrede søk/],
    ['/migration-status', /migrering/i], ['/migration-status/message-box-api', /meldingsboks/i]] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await fits(path);
  }
  // The migration chart keeps labels a person can read, scrolling on its own if it must.
  await page.goto('/migration-status');
  const label = page.locator('.watermark-chart .axis text').first();
  await expect(label).toBeVisible();
  expect((await label.boundingBox())!.height, 'chart labels at least 9 px high').toBeGreaterThanOrEqual(9);
  await fits('the migration status page with its chart');
  // On a desktop, the message-box page keeps the margins the other pages have.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/migration-status/message-box-api');
  expect((await page.getByRole('heading', { level: 1 }).boundingBox())!.x).toBeGreaterThanOrEqual(24);
});

test('the service filter offers only services the party has received, and the row stays put as they load', async ({ page, request }) => {
  await logInAs(page, 'Kari Nordmann');
  const token = await personalToken(request, 'Kari Nordmann');
  const identities = await (await request.get('/api/dev/identities')).json();
  const kari = identities.find((i: any) => i.kind === 'person' && i.name === 'Kari Nordmann');
  const party = kari.parties.find((p: any) => p.partyType === 'Person').party;
  const all = await (await request.get(`/api/v1/enduser/dialogs?party=${encodeURIComponent(party)}&limit=1000`, { headers: { Authorization: `Bearer ${token}` } })).json();
  const catalogue: any[] = (await (await request.get('/api/v1/metadata/serviceresources')).json()).items;
  const named = new Set(catalogue.map((c) => c.serviceResource.id));
  const received = [...new Set<string>(all.items.map((d: any) => d.serviceResource))].filter((r) => named.has(r))
    .map((r) => r.replace('urn:altinn:resource:', '')).sort();
  expect(received.length).toBeGreaterThan(0);
  expect(catalogue.length).toBeGreaterThan(received.length);

  const sort = page.getByRole('combobox', { name: 'Sorter etter' });
  const before = await sort.boundingBox();
  await page.getByRole('button', { name: 'Legg til filter' }).click();
  const menu = page.locator('#filter-menu');
  await menu.getByRole('button', { name: 'Tjeneste', exact: true }).click();
  const offered = async () => (await menu.locator('.filter-choices button').evaluateAll((bs) => bs.map((b) => (b as HTMLButtonElement).value))).sort();
  await expect.poll(offered).toEqual(received);
  expect(await sort.boundingBox(), 'the toolbar did not move as the services loaded').toEqual(before);
});
