import { defineConfig } from '@playwright/test';

// The real inbox-server on loopback, over a fresh SQLite database with demo data, serving the
// release build of the SPA; Debian's Chromium (Playwright cannot download browsers here).
const port = Number(process.env.E2E_PORT ?? 18080);
const server = process.env.INBOX_SERVER_BIN ?? '../target/debug/inbox-server';
// Set once in the main process so that the test workers (which inherit it) use the same file.
const db = (process.env.E2E_DB ??= `/tmp/inbox-e2e-${process.pid}.db`);
process.env.INBOX_SERVER_BIN ??= server;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: `rm -f ${db} ${db}-wal ${db}-shm && ${server} serve --addr 127.0.0.1:${port} --database-url sqlite://${db} --static-dir ../dist --demo --dev-login --connect-src https://embed.inbox-test.example`,
    url: `http://127.0.0.1:${port}/api/dev/identities`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
