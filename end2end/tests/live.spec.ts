import { test, expect, logInAs, expectAccessible } from './fixtures';
import type { APIRequestContext, Page } from '@playwright/test';

const SKD = { org: 'skd', orgNo: '974761076' };

async function serviceOwnerToken(request: APIRequestContext) {
  const res = await request.get(`/api/GetEnterpriseToken?org=${SKD.org}&orgNo=${SKD.orgNo}&scopes=${encodeURIComponent('digdir:dialogporten.serviceprovider')}`);
  expect(res.ok()).toBe(true);
  return res.text();
}

async function partyOf(request: APIRequestContext, name: string): Promise<string> {
  const identities = await (await request.get('/api/dev/identities')).json();
  const person = identities.find((i: any) => i.kind === 'person' && i.name === name);
  return person.parties.find((p: any) => p.partyType === 'Person').party;
}

/** Logs in and waits until the live stream is subscribed (its first event has been sent). */
async function logInLive(page: Page, name: string) {
  const stream = page.waitForResponse((r) => r.url().includes('/api/v1/inbox/events') && r.status() === 200);
  await logInAs(page, name);
  await stream;
}

test('what a service owner does shows up in the open inbox and dialog without reload', async ({ page, request }) => {
  let navigations = 0;
  await logInLive(page, 'Kari Nordmann');
  page.on('framenavigated', () => navigations++);
  const so = await serviceOwnerToken(request);
  const title = `Direkte melding ${Date.now()}`;
  const created = await request.post('/api/v1/serviceowner/dialogs', {
    headers: { Authorization: `Bearer ${so}` },
    data: {
      serviceResource: 'urn:altinn:resource:skattemelding',
      party: await partyOf(request, 'Kari Nordmann'),
      status: 'RequiresAttention',
      content: {
        title: { value: [{ languageCode: 'nb', value: title }] },
        summary: { value: [{ languageCode: 'nb', value: 'Sendt mens du så på innboksen.' }] },
      },
    },
  });
  expect(created.status()).toBe(201);
  const id = await created.json();

  const item = page.locator('.dialog-item', { hasText: title });
  await expect(item).toBeVisible();
  expect(navigations, 'no reload').toBe(0);
  await expect(page.locator('.dialog-item').first()).toContainText(title);

  await item.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const tx = await request.post(`/api/v1/serviceowner/dialogs/${id}/transmissions`, {
    headers: { Authorization: `Bearer ${so}` },
    data: {
      type: 'Information',
      createdAt: new Date().toISOString(),
      sender: { actorType: 'ServiceOwner' },
      content: {
        title: { value: [{ languageCode: 'nb', value: 'Svar fra Skatteetaten' }] },
        summary: { value: [{ languageCode: 'nb', value: 'Vi har behandlet saken.' }] },
      },
    },
  });
  expect(tx.status(), await tx.text()).toBe(201);
  await expect(page.getByText('Svar fra Skatteetaten').first()).toBeVisible();
  await expectAccessible(page);

  const deleted = await request.delete(`/api/v1/serviceowner/dialogs/${id}`, { headers: { Authorization: `Bearer ${so}` } });
  expect(deleted.status()).toBe(204);
  await expect(page.getByText('Dette er slettet.')).toBeVisible();
});
