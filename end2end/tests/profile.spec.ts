import { test, expect, logInAs, expectAccessible, logOut, personalToken } from './fixtures';

// Per Olsen's settings are changed here and put back at the end.
const PER = 'Per Olsen';

test('profile settings are kept on the server: a new login on another device gets them', async ({ page, browser, baseURL, request }) => {
  await logInAs(page, PER);
  await page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: 'Profil' }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Språk for Innboks').selectOption({ label: 'Norsk (nynorsk)' });
  await expect(page.getByRole('heading', { level: 2, name: 'Innstillingar' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Lagra.' })).toBeVisible();

  await page.getByRole('searchbox').fill('kaffe');
  await expect(page.locator('.profile-party')).toHaveCount(1);
  const pick = page.getByRole('button', { name: 'Opne ved innlogging: Tromsø Kaffebrenneri AS' });
  await pick.click();
  await expect(pick).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Innboksen blir opna for Tromsø Kaffebrenneri AS når du loggar inn.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Vis undereiningar i aktørmenyen' }).uncheck();
  await page.getByRole('checkbox', { name: 'Bruk tastatursnarvegar' }).uncheck();
  await expect(page.getByRole('status').filter({ hasText: 'Lagra.' })).toBeVisible();
  await expectAccessible(page);

  await page.reload();
  await expect(page.getByLabel('Språk for Innboks')).toHaveValue('nn');
  await expect(page.getByRole('checkbox', { name: 'Vis undereiningar i aktørmenyen' })).not.toBeChecked();

  // Another device: nothing in its storage, the settings come with the login.
  const other = await browser.newContext({ baseURL });
  const device = await other.newPage();
  await device.goto('/login');
  await device.getByRole('button', { name: new RegExp(`Logg inn som ${PER}`) }).click();
  const kaffe = (await (await device.request.get('/api/dev/identities')).json()).find((i: any) => i.name === PER)
    .parties.find((p: any) => p.name === 'Tromsø Kaffebrenneri AS').party.split(':').pop();
  await expect(device).toHaveURL(new RegExp(`/\\?party=${kaffe}$`));
  await expect(device.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: /^Papirkorg\b/ })).toBeVisible();
  const toggle = device.getByRole('button', { name: /Du handlar på vegner av|Du handler på vegne av/ });
  await expect(toggle).toHaveAccessibleName(/Tromsø Kaffebrenneri AS$/);
  await toggle.click();
  const menu = device.getByRole('dialog');
  await expect(menu.getByRole('button', { name: /^Hansen Transport AS\b/ }).first()).toBeVisible();
  await expect(menu.getByRole('button', { name: /avd\. Drammen/ }), 'no sub-units').toHaveCount(0);
  await device.keyboard.press('Escape');
  await device.locator('.dialog-item').first().waitFor();
  await device.getByRole('heading', { level: 1 }).click();
  await device.keyboard.press('j');
  expect(await device.evaluate(() => document.activeElement?.classList.contains('dialog-link') ?? false), 'shortcuts are off').toBe(false);

  // Logging out forgets the settings on that computer; the next person starts afresh.
  await logOut(device);
  await expect(device).toHaveURL(/\/login$/);
  expect(await device.evaluate(() => localStorage.getItem('inbox.profile'))).toBeNull();
  await other.close();

  // Put Per's settings back for the other specs.
  const token = await personalToken(request, PER);
  const reset = await request.put('/api/v1/inbox/profile/settings', { headers: { Authorization: `Bearer ${token}` }, data: {} });
  expect(reset.status()).toBe(200);
});
