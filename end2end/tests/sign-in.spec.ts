import { spawn, ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, expectAccessible, logOut } from './fixtures';

// Real sign-in (issue 33) in Chromium: a real OpenID provider (oidc-provider, end2end/oidc/provider.mjs)
// with its own login and logout pages, an inbox-server as the app's backend (--oidc-issuer,
// --upstream), and an inbox-server as the upstream Dialogporten that trusts the provider's tokens.
const PROVIDER_PORT = 18190;
const UPSTREAM = 'http://127.0.0.1:18191';
const APP = 'http://127.0.0.1:18192';
const ISSUER = `http://127.0.0.1:${PROVIDER_PORT}`;
const SIRI = '01819010001';
const SIRI_PARTY = `urn:altinn:person:identifier-no:${SIRI}`;
const server = process.env.INBOX_SERVER_BIN ?? '../target/debug/inbox-server';

const children: ChildProcess[] = [];

function start(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

/** Waits (at most 30 s) until `url` answers. */
async function answering(url: string) {
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not yet */ }
    if (Date.now() > until) throw new Error(`${url} did not answer in 30 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'inbox-sign-in-'));
  const secret = join(dir, 'secret');
  writeFileSync(secret, 'sign-in-spec-secret\n');
  const provider = start('node', ['oidc/provider.mjs'], {
    OIDC_PORT: String(PROVIDER_PORT), OIDC_CLIENT_ID: 'inbox-e2e', OIDC_CLIENT_SECRET: 'sign-in-spec-secret',
    OIDC_RP_URL: APP, OIDC_RESOURCE: UPSTREAM,
  });
  const line = await new Promise<string>((resolve) => createInterface({ input: provider.stdout! }).once('line', resolve));
  expect(line).toBe(`oidc-provider ready ${ISSUER}`);
  start(server, ['serve', '--addr', '127.0.0.1:18191', '--database-url', `sqlite://${dir}/upstream.db`, '--dev-login',
    '--register', '../examples/register-example.toml', '--trust-issuer', ISSUER]);
  await answering(`${UPSTREAM}/api/dev/identities`);
  start(server, ['serve', '--addr', '127.0.0.1:18192', '--database-url', `sqlite://${dir}/app.db`, '--static-dir', '../dist',
    '--oidc-issuer', ISSUER, '--oidc-client-id', 'inbox-e2e', '--oidc-client-secret-file', secret, '--upstream', UPSTREAM]);
  await answering(`${APP}/auth/session`);
});

test.afterAll(() => {
  for (const child of children) child.kill();
});

async function dialogAtUpstream(request: any, resource: string, title: string): Promise<string> {
  const token = await (await request.get(`${UPSTREAM}/api/GetEnterpriseToken?org=digdir&orgNo=991825827&scopes=digdir:dialogporten.serviceprovider`)).text();
  const res = await request.post(`${UPSTREAM}/api/v1/serviceowner/dialogs`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { serviceResource: `urn:altinn:resource:${resource}`, party: SIRI_PARTY, status: 'RequiresAttention',
      content: { title: { value: [{ languageCode: 'nb', value: title }] } } },
  });
  expect(res.status()).toBe(201);
  return res.json();
}

/** Everything this origin keeps in the browser that script can read. */
async function readableStorage(page: any): Promise<string> {
  return page.evaluate(async () => {
    const parts = [document.cookie, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    for (const info of await indexedDB.databases()) {
      const db: IDBDatabase = await new Promise((ok, fail) => { const r = indexedDB.open(info.name!); r.onsuccess = () => ok(r.result); r.onerror = fail; });
      for (const store of Array.from(db.objectStoreNames)) {
        const all: unknown[] = await new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); });
        parts.push(JSON.stringify(all));
      }
      db.close();
    }
    return parts.join('\n');
  });
}

async function providerLogin(page: any, level: string) {
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/interaction/`));
  await expect(page.locator('#acr')).toHaveText(level);
  await page.getByLabel('Fødselsnummer').fill(SIRI);
  await page.getByRole('button', { name: 'Logg inn' }).click();
}

test('a person logs in through the provider, reads, steps up, and is logged out by the app and by the provider', async ({ page, request }) => {
  test.setTimeout(120_000);
  const plain = await dialogAtUpstream(request, 'digdir-testtjeneste', 'Brev fra Testtjenesten');
  const high = await dialogAtUpstream(request, 'digdir-hoy', 'Brev som krever høyt nivå');

  await page.goto(`${APP}/`);
  await expect(page).toHaveURL(`${APP}/login`);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await providerLogin(page, 'betydelig');
  await expect(page).toHaveURL(`${APP}/`);
  await expect(page.getByText('Brev fra Testtjenesten')).toBeVisible();
  expect(await readableStorage(page), 'no token where script can read it').not.toMatch(/eyJ[\w-]+\./);

  // Read a dialog through the app's backend.
  await page.getByText('Brev fra Testtjenesten').click();
  await expect(page).toHaveURL(`${APP}/inbox/${plain}`);
  await expect(page.getByRole('heading', { name: 'Brev fra Testtjenesten' })).toBeVisible();

  // Step-up: the service needs the high level; log in again at it, back to the dialog.
  await page.goto(`${APP}/inbox/${high}`);
  const stepUp = page.getByRole('link', { name: 'Logg inn på nytt med høyere sikkerhetsnivå' })
    .or(page.getByRole('button', { name: 'Logg inn på nytt med høyere sikkerhetsnivå' }));
  await expect(stepUp).toBeVisible();
  await expectAccessible(page);
  await stepUp.click();
  await providerLogin(page, 'høyt');
  await expect(page).toHaveURL(`${APP}/inbox/${high}`);
  await expect(page.getByRole('heading', { name: 'Brev som krever høyt nivå' })).toBeVisible();

  // Logged out by the app: the provider's session ends too, and the app's login page is next.
  await logOut(page);
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/session/end`));
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page).toHaveURL(`${APP}/login`);
  expect((await request.get(`${APP}/auth/session`)).ok()).toBe(true);

  // Logged in again, then logged out at the provider: the app's session ends with it.
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await providerLogin(page, 'betydelig');
  await expect(page.getByText('Brev fra Testtjenesten')).toBeVisible();
  await page.goto(`${ISSUER}/session/end`);
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page.getByRole('heading', { name: 'Du er logget ut' })).toBeVisible();
  // The app learns of it at its next request, says so, and comes back to the same page after
  // the next login.
  await page.goto(`${APP}/inbox/${plain}`);
  await expect(page).toHaveURL(`${APP}/login`);
  await expect(page.getByText('Du er logget ut. Logg inn på nytt for å fortsette.')).toBeVisible();
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await providerLogin(page, 'betydelig');
  await expect(page).toHaveURL(`${APP}/inbox/${plain}`);
  await expect(page.getByRole('heading', { name: 'Brev fra Testtjenesten' })).toBeVisible();
});

test('a cancelled login and a replayed callback are said in words, with a way to try again', async ({ page }) => {
  await page.goto(`${APP}/login`);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/interaction/`));
  await page.getByRole('button', { name: 'Avbryt' }).click();
  await expect(page).toHaveURL(`${APP}/login?error=denied`);
  await expect(page.getByText('Du ble ikke logget inn: du avbrøt, eller ga ikke samtykke.')).toBeVisible();
  await expectAccessible(page);

  await page.goto(`${APP}/auth/callback?code=made-up&state=made-up`);
  await expect(page).toHaveURL(`${APP}/login?error=state`);
  await expect(page.getByText('Innloggingslenken var allerede brukt eller hadde gått ut. Prøv igjen.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Logg inn' })).toBeVisible();
});
