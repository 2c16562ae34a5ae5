import { test, expect, expectAccessible } from './fixtures';

test('a service owner finds, inspects, deletes and restores its own dialogs', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Logg inn som Skatteetaten' }).click();
  await expect(page).toHaveURL(/\/serviceowner$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dialoger i tjenestene dine' })).toBeVisible();
  await expect(page.getByText('Du handler som')).toBeVisible();
  const rows = page.locator('.so-table tbody tr');
  await expect(rows.first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('Completed');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page).toHaveURL(/status=Completed/);
  await expect.poll(async () => (await page.locator('.so-table .status-tag').allInnerTexts()).every((t) => t === 'Avsluttet')).toBe(true);

  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/serviceowner\/dialogs\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Tjenesteressurs')).toBeVisible();
  await page.getByText('Rådata (JSON)').click();
  await expect(page.locator('.raw-json pre')).toContainText('"serviceOwnerContext"');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Slett (kan gjenopprettes)' }).click();
  await expect(page.getByRole('button', { name: 'Gjenopprett' })).toBeVisible();
  await expect(page.getByText('Slettet', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Gjenopprett' }).click();
  await expect(page.getByRole('button', { name: 'Slett (kan gjenopprettes)' })).toBeVisible();

  await page.goto('/');
  await expect(page).toHaveURL(/\/serviceowner$/, { timeout: 10_000 });
});

test('a service owner creates a dialog (field errors first) and adds a transmission; the person sees both live', async ({ page, browser }) => {
  const identities = await (await page.request.get('/api/dev/identities')).json();
  const aisha = identities.find((i: any) => i.kind === 'person' && i.name === 'Aisha Khan');

  // The person, in a browser context of her own, with her inbox open.
  const personContext = await browser.newContext();
  const person = await personContext.newPage();
  const stream = person.waitForResponse((r) => r.url().includes('/api/v1/inbox/events') && r.status() === 200);
  await person.goto('/login');
  await person.getByRole('button', { name: /Logg inn som Aisha Khan/ }).click();
  await expect(person).toHaveURL(/\/$/);
  await stream;

  await page.goto('/login');
  await page.getByRole('button', { name: 'Logg inn som Skatteetaten' }).click();
  await page.getByRole('link', { name: 'Ny dialog' }).click();
  await expect(page).toHaveURL(/\/serviceowner\/new$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ny dialog' })).toBeVisible();
  const before = (await (await page.request.get('/api/v1/serviceowner/dialogs?limit=1000', { headers: { Authorization: `Bearer ${await soToken(page)}` } })).json()).items.length;

  const title = `Vedtak om skatt ${Date.now()}`;
  await page.getByLabel('Mottaker').fill('12345678901');
  await page.getByLabel('Tjenesteressurs').selectOption({ index: 1 });
  await page.getByLabel('Tittel (bokmål)').fill(title);
  await page.getByLabel('Sammendrag (bokmål)').fill('Du har fått et vedtak.');
  await page.getByRole('button', { name: 'Opprett dialog' }).click();
  const partyField = page.getByLabel('Mottaker');
  await expect(partyField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#new-party-error')).toHaveText('Sjekk «Mottaker»: verdien ble ikke godtatt.');
  await expect(partyField).toBeFocused();
  // The server's own words are there for whoever needs them, folded away.
  const details = partyField.locator('xpath=..').locator('details.error-detail');
  await expect(details).not.toHaveAttribute('open');
  await details.getByText('Tekniske detaljer').click();
  await expect(details).toContainText("'Party' must be on format");
  await expectAccessible(page);
  const after = (await (await page.request.get('/api/v1/serviceowner/dialogs?limit=1000', { headers: { Authorization: `Bearer ${await soToken(page)}` } })).json()).items.length;
  expect(after, 'nothing was created').toBe(before);

  await partyField.fill(aisha.pid);
  await page.getByLabel('HTTP-metode').selectOption('PUT');
  await page.getByLabel('Endepunkt (https)').fill('https://skatt.example.no/api/vedtak/svar');
  await page.getByRole('button', { name: 'Opprett dialog' }).click();
  await expect(page).toHaveURL(/\/serviceowner\/dialogs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  expect(page.url()).not.toContain(aisha.pid);
  await page.getByText('Rådata (JSON)').click();
  await expect(page.locator('.raw-json pre')).toContainText('"httpMethod": "PUT"');

  // Live in the person's inbox, no reload.
  await expect(person.locator('.dialog-item', { hasText: title })).toBeVisible();

  await page.getByRole('textbox', { name: 'Tittel', exact: true }).fill('Vi trenger mer informasjon');
  await page.getByRole('button', { name: 'Send forsendelse' }).click();
  await expect(page.locator('.history-item', { hasText: 'Melding: Vi trenger mer informasjon' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('Awaiting');
  await page.getByRole('button', { name: 'Lagre status' }).click();
  await expect(page.locator('.dialog-tags')).toContainText('Venter');
  await expectAccessible(page);

  await person.locator('.dialog-item', { hasText: title }).getByRole('link').first().click();
  await expect(person.getByText('Vi trenger mer informasjon').first()).toBeVisible();
  await expect(person.locator('.dialog-tags')).toContainText('Venter');
  await personContext.close();
});

test('purge asks first, then removes the dialog for good', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Logg inn som Skatteetaten' }).click();
  await page.locator('.so-table tbody tr').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/serviceowner\/dialogs\/([0-9a-f-]{36})$/);
  const id = page.url().split('/').pop()!;
  await page.getByRole('button', { name: 'Slett for godt' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('kan ikke angres');
  await page.getByRole('button', { name: 'Avbryt' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Slett for godt' }).click();
  await page.getByRole('button', { name: 'Ja, slett for godt' }).click();
  await expect(page).toHaveURL(/\/serviceowner$/);
  const gone = await page.request.get(`/api/v1/serviceowner/dialogs/${id}`, { headers: { Authorization: `Bearer ${await soToken(page)}` } });
  expect(gone.status()).toBe(404);
});

async function soToken(page: import('@playwright/test').Page): Promise<string> {
  return (await page.request.get(`/api/GetEnterpriseToken?org=skd&orgNo=974761076&scopes=${encodeURIComponent('digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search')}`)).text();
}

test("a service owner neither sees nor opens another organisation's dialogs", async ({ page }) => {
  const token = async (org: string, orgNo: string) =>
    (await page.request.get(`/api/GetEnterpriseToken?org=${org}&orgNo=${orgNo}&scopes=${encodeURIComponent('digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search')}`)).text();
  const nav = await token('nav', '889640782');
  const navDialogs = (await (await page.request.get('/api/v1/serviceowner/dialogs?limit=5', { headers: { Authorization: `Bearer ${nav}` } })).json()).items;
  expect(navDialogs.length).toBeGreaterThan(0);
  const navDialog = navDialogs[0];

  await page.goto('/login');
  await page.getByRole('button', { name: 'Logg inn som Skatteetaten' }).click();
  await expect(page.locator('.so-table tbody tr').first()).toBeVisible();
  const listed = await page.locator('.so-table tbody tr a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(listed).not.toContain(`/serviceowner/dialogs/${navDialog.id}`);

  await page.goto(`/serviceowner/dialogs/${navDialog.id}`);
  await expect(page.getByRole('alert')).toContainText(/Du har ikke tilgang til dette|Fant ikke det du lette etter/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
  const api = await page.request.get(`/api/v1/serviceowner/dialogs/${navDialog.id}`, { headers: { Authorization: `Bearer ${await token('skd', '974761076')}` } });
  expect([403, 404]).toContain(api.status());
  await expectAccessible(page);
});

test('the service-owner search keeps every filter and the order in the URL, and pages on', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Logg inn som Skatteetaten' }).click();
  const rows = page.locator('.so-table tbody tr');
  await expect(rows.first()).toBeVisible();

  await page.getByRole('combobox', { name: 'Sorter etter' }).selectOption('createdAt_asc');
  await page.getByText('Flere filtre').click();
  await page.getByLabel('Opprettet fra').fill('2025-01-01');
  await page.getByLabel('Mappe hos mottakeren').selectOption('Archive');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page).toHaveURL(/\?systemLabel=Archive&createdAfter=2025-01-01&orderBy=createdAt_asc$/);
  await expect(rows.first()).toBeVisible();

  // What the page shows is what the API answers for the same filters, in the same order.
  const token = await soToken(page);
  const from = encodeURIComponent(new Date(2025, 0, 1).toISOString()); // local midnight, as the browser sends it
  const api = await (await page.request.get(`/api/v1/serviceowner/dialogs?systemLabel=Archive&createdAfter=${from}&orderBy=createdAt_asc&limit=50`, { headers: { Authorization: `Bearer ${token}` } })).json();
  // Polled: the rows of the previous search may still be in view until the new page renders.
  const shown = () => rows.locator('a').evaluateAll((as) => as.slice(0, 5).map((a) => a.getAttribute('href')!.split('/').pop()));
  await expect.poll(shown).toEqual(api.items.slice(0, 5).map((d: any) => d.id));

  await page.reload();
  await expect(page.getByLabel('Opprettet fra')).toHaveValue('2025-01-01');
  await expect(page.getByLabel('Mappe hos mottakeren')).toHaveValue('Archive');
  await expect(page.getByRole('combobox', { name: 'Sorter etter' })).toHaveValue('createdAt_asc');
  await expectAccessible(page);

  await page.goto('/serviceowner');
  await expect(rows).toHaveCount(50);
  await page.getByRole('button', { name: 'Vis flere' }).click();
  await expect.poll(() => rows.count()).toBeGreaterThan(50);
});

test('free text searches for one end user, whose number stays out of the URL', async ({ page }) => {
  const identities = await (await page.request.get('/api/dev/identities')).json();
  const kari = identities.find((i: any) => i.kind === 'person' && i.name === 'Kari Nordmann');
  const kariParties = kari.parties.map((p: any) => p.party);
  await page.goto('/login');
  await page.getByRole('button', { name: 'Logg inn som Skatteetaten' }).click();
  await page.getByRole('textbox', { name: 'Fritekst', exact: true }).fill('skatt');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Adressen eller det du fylte ut, er ikke gyldig.');
  expect(await page.getByRole('alert').innerText(), "the server's words only under the details").not.toContain('EndUserId');

  await page.getByLabel(/For sluttbruker/).fill(kari.pid);
  await page.getByLabel('Tjenesteressurs').selectOption('urn:altinn:resource:skattemelding');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page).toHaveURL(/search=skatt/);
  expect(page.url()).not.toContain(kari.pid);
  const rows = page.locator('.so-table tbody tr');
  await expect(rows.first()).toBeVisible();
  const parties = await page.locator('.so-table td.party').allInnerTexts();
  // Her parties as the view names them: organisations by number, persons masked.
  const named = kariParties.map((urn: string) => urn.startsWith('urn:altinn:organization:identifier-no:')
    ? `Org.nr. ${urn.split(':').pop()}` : `Person (••••••••${urn.slice(-3)})`);
  expect(parties.every((p) => named.includes(p.trim()))).toBe(true);
  const titles = await page.locator('.so-table td:first-child').allInnerTexts();
  expect(titles.every((t) => t.toLowerCase().includes('skatt'))).toBe(true);
  await expectAccessible(page);
});

test('a service owner adds an activity and a label, and moves the dialog to the archive for the recipient', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Logg inn som Skatteetaten' }).click();
  const identities = await (await page.request.get('/api/dev/identities')).json();
  const kari = identities.find((i: any) => i.kind === 'person' && i.name === 'Kari Nordmann');
  await page.getByText('Flere filtre').click();
  await page.getByLabel('Mappe hos mottakeren').selectOption('Default');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  // Recipients are shown masked: Kari's row by the end of her number.
  await page.locator('.so-table tbody tr', { hasText: `Person (••••••••${kari.pid.slice(-3)})` }).first().getByRole('link').click();
  await expect(page).toHaveURL(/\/serviceowner\/dialogs\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;

  await page.getByLabel('Type', { exact: true }).nth(1).selectOption('Information');
  await page.getByLabel('Beskrivelse').fill('Saken er sendt til behandling');
  await page.getByRole('button', { name: 'Legg til aktivitet' }).click();
  await expect(page.locator('.history-item', { hasText: 'Saken er sendt til behandling' })).toBeVisible();

  await page.getByLabel('Ny etikett').fill('oppfolging');
  await page.getByRole('button', { name: 'Legg til etikett' }).click();
  await expect(page.getByRole('button', { name: 'Fjern oppfolging' })).toBeVisible();
  await page.getByRole('button', { name: 'Fjern oppfolging' }).click();
  await expect(page.getByRole('button', { name: 'Fjern oppfolging' })).toHaveCount(0);

  await expect(page.getByLabel(/Sluttbruker/)).toHaveValue(kari.pid);
  await page.getByLabel('Mappe', { exact: true }).selectOption('Archive');
  await page.getByRole('button', { name: 'Flytt', exact: true }).click();
  await expect(page.locator('.raw-json pre')).toContainText('"Archive"');
  const so = await soToken(page);
  const dialog = await (await page.request.get(`/api/v1/serviceowner/dialogs/${id}`, { headers: { Authorization: `Bearer ${so}` } })).json();
  expect(dialog.endUserContext.systemLabels).toContain('Archive');
  await expectAccessible(page);
});

test('the service-owner views pass axe in dark mode and in English', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Logg inn som Skatteetaten' }).click();
  await page.getByLabel('Fargetema').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-color-scheme', 'dark');
  await page.getByLabel('Språk').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Dialogs in your services' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'New dialog' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New dialog' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/serviceowner');
  await page.locator('.so-table tbody tr').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Change the dialog' })).toBeVisible();
  await expectAccessible(page);
});

test('the service-owner view names recipients without identity numbers, formats dates and translates types', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto('/login');
  await page.getByRole('button', { name: 'Logg inn som Skatteetaten' }).click();
  const rows = page.locator('.so-table tbody tr');
  await expect(rows.first()).toBeVisible();
  const recipients = await page.locator('.so-table td.party').allInnerTexts();
  expect(recipients.length).toBeGreaterThan(0);
  for (const r of recipients) {
    expect(r, 'no URN, no identity number').not.toMatch(/urn:|\d{11}/);
    expect(r).toMatch(/^(Org\.nr\. \d{9}|Person \(•+\d{3}\))$/);
  }
  await rows.first().getByRole('link').click();
  await expect(page.getByText('Tjenesteressurs')).toBeVisible();
  const facts = await page.locator('.dialog-facts').innerText();
  expect(facts).not.toMatch(/urn:altinn:(person|organization)|\d{11}|\d{4}-\d\d-\d\dT/);
  const types = await page.getByLabel('Type', { exact: true }).first().locator('option').allInnerTexts();
  expect(types).toContain('Vedtak');
  expect(types).not.toContain('Decision');
  expect(asked.filter((p) => p.startsWith('/api/v1/enduser/')), 'a service owner asks nothing of the end-user API').toEqual([]);
});
