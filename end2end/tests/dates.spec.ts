import { test, expect, logInAs } from './fixtures';

// Dates are shown in the reader's time zone with the offset of their own day, not today's. In
// Oslo, 2026-01-15 22:30Z is 23:30 on 15 January (UTC+1) and 2026-07-15 22:30Z is 00:30 on
// 16 July (UTC+2): whichever season the test runs in, today's offset would move one of them a day.
test.use({ timezoneId: 'Europe/Oslo' });

test('a date and a period of days keep the winter or summer time of their own day (issues 30, 31)', async ({ page }) => {
  const identities = await (await page.request.get('/api/dev/identities')).json();
  const per = identities.find((i: any) => i.kind === 'person' && i.name === 'Per Olsen');
  const scopes = encodeURIComponent('digdir:dialogporten.serviceprovider');
  const so = await (await page.request.get(`/api/GetEnterpriseToken?org=skd&orgNo=974761076&scopes=${scopes}`)).text();
  const tag = `Tidssone${Date.now()}`;
  const cases = [['vinter', '2026-01-15T22:30:00Z', '15. jan. 2026'], ['sommer', '2026-07-15T22:30:00Z', '16. juli 2026']];
  for (const [season, at] of cases) {
    const res = await page.request.post('/api/v1/serviceowner/dialogs', {
      headers: { Authorization: `Bearer ${so}` },
      data: {
        serviceResource: 'urn:altinn:resource:skattemelding', party: `urn:altinn:person:identifier-no:${per.pid}`, status: 'RequiresAttention',
        createdAt: at, updatedAt: at,
        content: { title: { value: [{ languageCode: 'nb', value: `${tag} ${season}` }] } },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  await logInAs(page, 'Per Olsen');
  await page.goto(`/?search=${tag}`);
  for (const [season, , shown] of cases) {
    await expect(page.locator('.dialog-item', { hasText: `${tag} ${season}` }).locator('.dialog-meta time')).toHaveText(shown);
  }
  // A period of days means those days here, each with its own offset (issue 31): 16 July holds the
  // summer one (00:30 local), 15 January the winter one (23:30 local).
  for (const [season, day] of [['sommer', '2026-07-16'], ['vinter', '2026-01-15']]) {
    await page.goto(`/?search=${tag}&date=custom&from=${day}&to=${day}`);
    await expect(page.locator('.dialog-item', { hasText: `${tag} ${season}` })).toBeVisible();
    await expect(page.locator('.dialog-item', { hasText: tag })).toHaveCount(1);
    await expect(page.locator('.list-count')).toHaveText('1 melding vist'); // one, not "1 meldinger" (issue 32, bug 7)
  }
});
