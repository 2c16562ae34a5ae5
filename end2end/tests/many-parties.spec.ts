import { spawn, execFileSync, ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { test, expect, logInAs, expectAccessible, chooseParty } from './fixtures';

// A server of its own over the large preset's accountant (15,000 organisations), so the other
// specs keep the plain demo data. Speed is measured by `make bench`; this checks behaviour.
const port = Number(process.env.E2E_LARGE_PORT ?? 18091);
const bin = process.env.INBOX_SERVER_BIN!;
const db = `/tmp/inbox-e2e-large-${process.pid}.db`;
let server: ChildProcess | undefined;

test.describe.configure({ timeout: 120_000 });
test.use({ baseURL: `http://127.0.0.1:${port}` });

test.beforeAll(async () => {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  execFileSync(bin, ['seed', '--database-url', `sqlite://${db}`, '--preset', 'large', '--dialogs', '3000', '--parties', '15000'], { stdio: 'ignore' });
  server = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--database-url', `sqlite://${db}`, '--static-dir', '../dist', '--dev-login'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/dev/identities`)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the large server did not start');
});

test.afterAll(() => {
  server?.kill();
});

test('15,000 parties: a virtualised menu, search, and "Alle virksomheter" paged 100 at a time', async ({ page }) => {
  await logInAs(page, 'Siri Storvik');
  const toggle = page.getByRole('button', { name: /Du handler på vegne av/ });
  await toggle.click();
  const menu = page.getByRole('dialog', { name: 'Velg aktør' });
  await expect(menu.getByRole('button', { name: /^Alle virksomheter \(15000\)/ })).toBeVisible();
  // Only the rows in view are in the page, however many parties there are.
  await expect(menu.locator('.account-row').first()).toBeVisible();
  expect(await menu.locator('.account-row').count()).toBeLessThan(60);
  const list = menu.locator('.account-list');
  await list.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  // The parties come sorted by name: the last of them is now rendered, the first no longer.
  await expect(menu.getByRole('button', { name: /^Transport 9993 AS/ })).toBeVisible();
  await expect(menu.getByRole('button', { name: /^Siri Storvik/ })).toHaveCount(0);
  expect(await menu.locator('.account-row').count()).toBeLessThan(60);
  await expectAccessible(page);

  await menu.getByRole('searchbox').fill('bakeri 14995');
  await expect(menu.getByText('1 aktør', { exact: true })).toBeAttached(); // one party, not "1 aktører" (issue 32, bug 7)
  await menu.getByRole('button', { name: /^Bakeri 14995 AS/ }).click();
  await expect(toggle).toHaveAccessibleName(/Bakeri 14995 AS$/);
  await expect(page).toHaveURL(/\?party=4\d{8}$/);

  await chooseParty(page, /^Alle virksomheter \(15000\)/);
  const pager = page.getByRole('navigation', { name: 'Sider med aktører' });
  await expect(pager).toContainText('Viser aktør 1–100 av 15000');
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  await pager.getByRole('link', { name: 'Neste 100 aktører' }).click();
  await expect(page).toHaveURL(/party=all-organisations&partyPage=2$/);
  await expect(pager).toContainText('Viser aktør 101–200 av 15000');
  await expect(page.locator('.dialog-item').first()).toBeVisible();
  await expectAccessible(page);
});
