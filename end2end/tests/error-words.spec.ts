import { test, expect, logInAs, expectAccessible } from './fixtures';
import type { Page } from '@playwright/test';

// Every failure a person can meet is said in their words, with the way out that can help; the
// API's or the browser's own text never shows (it is folded away under "Tekniske detaljer").
test.use({ expectedConsoleErrors: /net::ERR_|status of 4\d\d/ });

const RAW = /dialogId|DialogEntity|TypeError|Failed to fetch|not-a-uuid|network error|problem|invalid request|gone:|forbidden:|not found:/i;

async function says(page: Page, words: string, retry: boolean) {
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(words);
  expect(await page.locator('main').innerText(), 'no raw API or browser text').not.toMatch(RAW);
  await expect(alert.getByRole('button', { name: 'Prøv igjen' })).toHaveCount(retry ? 1 : 0);
  await expect(alert.getByRole('link', { name: 'Gå til innboksen' })).toHaveCount(retry ? 0 : 1);
  await expect(alert.locator('details.error-detail')).not.toHaveAttribute('open');
  await expectAccessible(page);
}

test('the error states in a person\'s words: malformed link, removed, no access, service down, offline', async ({ page, context, request }) => {
  await logInAs(page, 'Kari Nordmann');

  await page.goto('/inbox/not-a-uuid');
  await says(page, 'Fant ikke det du lette etter.', false);

  // Removed by its service owner.
  const so = await (await request.get(`/api/GetEnterpriseToken?org=skd&orgNo=974761076&scopes=${encodeURIComponent('digdir:dialogporten.serviceprovider')}`)).text();
  const identities = await (await request.get('/api/dev/identities')).json();
  const kari = identities.find((i: any) => i.kind === 'person' && i.name === 'Kari Nordmann');
  const created = await request.post('/api/v1/serviceowner/dialogs', {
    headers: { Authorization: `Bearer ${so}` },
    data: {
      serviceResource: 'urn:altinn:resource:skattemelding', party: kari.parties.find((p: any) => p.partyType === 'Person').party,
      status: 'RequiresAttention', content: { title: { value: [{ languageCode: 'nb', value: `Snart slettet ${Date.now()}` }] } },
    },
  });
  expect(created.status()).toBe(201);
  const id = await created.json();
  expect((await request.delete(`/api/v1/serviceowner/dialogs/${id}`, { headers: { Authorization: `Bearer ${so}` } })).status()).toBe(204);
  await page.goto(`/inbox/${id}`);
  await says(page, 'Dette er slettet.', false);

  // No access (as Dialogporten answers a party one may not act for).
  await page.route(`**/api/v1/enduser/dialogs/${id}`, (route) => route.fulfill({
    status: 403, contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'https://tools.ietf.org/html/rfc9110#section-15.5.4', title: 'Forbidden', status: 403, detail: 'forbidden: DialogEntity' }),
  }));
  await page.reload();
  await says(page, 'Du har ikke tilgang til dette.', false);
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  // A sign-in of too low a level for the dialog (Dialogporten's words): log in again, higher.
  await page.route(`**/api/v1/enduser/dialogs/${id}`, (route) => route.fulfill({
    status: 403, contentType: 'application/problem+json',
    body: JSON.stringify({ title: 'Forbidden', status: 403, detail: 'Altinn authentication level too low.' }),
  }));
  await page.reload();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('krever at du logger inn med et høyere sikkerhetsnivå');
  await expect(alert.getByRole('link', { name: 'Logg inn på nytt med høyere sikkerhetsnivå' }))
    .toHaveAttribute('href', `/auth/login?acr=idporten-loa-high&returnTo=${encodeURIComponent(`/inbox/${id}`)}`);
  await expect(alert.getByRole('button', { name: 'Prøv igjen' })).toHaveCount(0);
  await expectAccessible(page);
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  // The service down: trying again can help.
  await page.goto('/');
  const first = page.locator('.dialog-item').first().getByRole('link');
  const href = (await first.getAttribute('href'))!;
  await page.route('**/api/v1/enduser/dialogs/*', (route) => route.abort('connectionrefused'));
  await first.click();
  await says(page, 'Fikk ikke kontakt med tjenesten.', true);
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  // Offline, on a dialog never read on this device.
  await page.goto('/');
  await expect(page.locator(`.dialog-item a[href="${href}"]`)).toBeVisible();
  await context.setOffline(true);
  await page.locator(`.dialog-item a[href="${href}"]`).click();
  await says(page, 'Du er ikke på nett.', true);
  await context.setOffline(false);
});
