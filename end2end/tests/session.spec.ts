import { test, expect, logInAs, logOut } from './fixtures';

test('logging out in one tab logs out every open tab at once', async ({ page, context }) => {
  await logInAs(page, 'Kari Nordmann');
  const other = await context.newPage();
  await other.goto('/archive');
  await expect(other.getByRole('heading', { level: 1, name: /Arkiv/ })).toBeVisible();

  await logOut(page);
  await expect(page).toHaveURL(/\/login$/);
  // The other tab follows without being touched.
  await expect(other).toHaveURL(/\/login$/);
  await expect(other.getByRole('button', { name: /Logg inn som Kari Nordmann/ })).toBeVisible();
  await expect(other.locator('.dialog-item')).toHaveCount(0);
  expect(await other.evaluate(() => localStorage.getItem('inbox.session'))).toBeNull();
});
