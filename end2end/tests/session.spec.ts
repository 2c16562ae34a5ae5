import { test, expect, logInAs, logOut } from './fixtures';

test('logging out in one tab logs out every open tab at once', async ({ page, context }) => {
  await logInAs(page, 'Kari Nordmann');
  const other = await context.newPage();
  await other.goto('/archive');
  await expect(other.getByRole('heading', { level: 1, name: /Arkiv/ })).toBeVisible();
  // The session is the server's, in an httpOnly cookie: no token (a JWT starts "eyJ") anywhere a
  // script on the page could read it.
  for (const tab of [page, other]) {
    const readable = await tab.evaluate(() => [
      ...Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`),
      ...Object.keys(sessionStorage).map((k) => `${k}=${sessionStorage.getItem(k)}`),
      document.cookie,
    ].join('\n'));
    expect(readable, 'no token in localStorage, sessionStorage or document.cookie').not.toContain('eyJ');
  }
  const cookie = (await context.cookies()).find((c) => /^(__Host-)?inbox_session$/.test(c.name));
  expect(cookie?.httpOnly, 'the session cookie is httpOnly').toBe(true);

  await logOut(page);
  await expect(page).toHaveURL(/\/login$/);
  // The other tab follows without being touched.
  await expect(other).toHaveURL(/\/login$/);
  await expect(other.getByRole('button', { name: /Logg inn som Kari Nordmann/ })).toBeVisible();
  await expect(other.locator('.dialog-item')).toHaveCount(0);
  expect(await other.evaluate(() => localStorage.getItem('inbox.session'))).toBeNull();
});
