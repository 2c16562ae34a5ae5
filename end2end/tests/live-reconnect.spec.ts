import net from 'node:net';
import { test, expect, expectAccessible } from './fixtures';

// The page talks to the real server through a TCP relay the test can cut and restore: the
// connection breaks and new ones are refused, as when the server restarts or the network drops.
const upstream = Number(process.env.E2E_PORT ?? 18080);
const port = Number(process.env.E2E_RELAY_PORT ?? 18093);

class Relay {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();

  async open() {
    this.server = net.createServer((client) => {
      const server = net.connect(upstream, '127.0.0.1');
      for (const s of [client, server]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => { client.destroy(); server.destroy(); });
      }
      client.pipe(server);
      server.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
  }

  async cut() {
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
    this.server = undefined;
  }
}

// While cut off, prefetching a page's code fails too (the loader logs it); opening it later retries.
test.use({ baseURL: `http://127.0.0.1:${port}`, expectedConsoleErrors: /net::ERR_|Failed to fetch|WebAssembly compilation aborted/ });

test('live updates say so while the server is out of reach, then come back with what was missed', async ({ page, request }) => {
  const relay = new Relay();
  await relay.open();
  try {
    const stream = page.waitForResponse((r) => r.url().includes('/api/v1/inbox/events') && r.status() === 200);
    // The server only takes a login from its own origin (the relay is another), so log in there;
    // cookies are not bound to a port, so the page behind the relay is in that session and its
    // login page takes it up.
    const direct = `http://127.0.0.1:${upstream}`;
    const kari = (await (await request.get(`${direct}/api/dev/identities`)).json())
      .find((i: any) => i.kind === 'person' && i.name === 'Kari Nordmann');
    const login = await page.request.post(`${direct}/auth/dev-login`, { headers: { Origin: direct }, data: { pid: kari.pid } });
    expect(login.status()).toBe(200);
    await page.goto('/login');
    await expect(page).toHaveURL(/\/$/);
    await stream;
    let navigations = 0;
    page.on('framenavigated', () => navigations++);
    const lost = page.getByRole('status').filter({ hasText: 'Ingen kontakt med serveren.' });
    await expect(lost).toHaveCount(0);

    await relay.cut();
    await expect(lost).toBeVisible();
    await expectAccessible(page);

    // While the page cannot hear of it, a service owner sends a message.
    const scopes = encodeURIComponent('digdir:dialogporten.serviceprovider');
    const so = await (await request.get(`${direct}/api/GetEnterpriseToken?org=skd&orgNo=974761076&scopes=${scopes}`)).text();
    const title = `Sendt mens forbindelsen var brutt ${Date.now()}`;
    const created = await request.post(`${direct}/api/v1/serviceowner/dialogs`, {
      headers: { Authorization: `Bearer ${so}` },
      data: {
        serviceResource: 'urn:altinn:resource:skattemelding',
        party: kari.parties.find((p: any) => p.partyType === 'Person').party,
        status: 'RequiresAttention',
        content: { title: { value: [{ languageCode: 'nb', value: title }] } },
      },
    });
    expect(created.status(), await created.text()).toBe(201);

    await relay.open();
    // Backoff with jitter reaches it within a few seconds; the list then refetches.
    await expect(page.locator('.dialog-item', { hasText: title })).toBeVisible({ timeout: 20_000 });
    await expect(lost).toHaveCount(0);
    expect(navigations, 'no reload').toBe(0);
  } finally {
    await relay.cut();
  }
});
