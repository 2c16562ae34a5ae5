import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, expectAccessible } from './fixtures';

// The migration pipeline end to end, on a server of its own (the shared one keeps the seed's
// situation): simulated Altinn 2/3 sources, `inbox-server migrate history`, a pause with a reason,
// and what the status page makes of it.
const bin = process.env.INBOX_SERVER_BIN!;
const port = Number(process.env.E2E_PORT ?? 18080) + 7;
let dir: string;
let db: string;
let server: ChildProcess | undefined;

function cli(...args: string[]): string {
  return execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inbox-pipeline-'));
  db = `sqlite://${join(dir, 'inbox.db')}`;
  const store = join(dir, 'sources.db');
  cli('seed', '--database-url', db);
  cli('simulate-sources', '--store', store, '--database-url', db, '--items', '1200', '--years', '4');
  cli('migrate', '--store', store, '--database-url', db, '--batch', '100', 'history');
  server = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--database-url', db, '--static-dir', '../dist'], { stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/migration/status`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the pipeline test server did not come up');
});

test.afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('a pause shows ⚠ with its reason, resume clears it, and set-aside items are counted', async ({ page }) => {
  const url = `http://127.0.0.1:${port}/migration-status`;
  const reason = 'Manglende meldinger fra 2023';
  cli('migrate', '--database-url', db, '--family', 'a2-correspondence', 'pause', '--reason', reason);
  await page.goto(url);
  const live = page.locator('.source-card[data-source="a2-melding-live"]');
  await expect(live).toHaveAttribute('data-health', 'warning');
  await expect(live.getByRole('heading')).toContainText('⚠');
  await expect(live).toContainText('Livesynkronisering satt på pause');
  await expect(live).toContainText(`Årsak: ${reason}`);
  // The history the run brought in, with what it set aside and when it ran.
  const history = page.locator('.source-card[data-source="a2-melding-historisk"]');
  await expect(history).toHaveAttribute('data-health', 'ok');
  await expect(history).toContainText(/\d+ dialoger fra denne kilden/);
  await expect(history).toContainText(/\d+ elementer satt til side med en årsak/);
  await expect(history).toContainText('Sist kjørt');
  await expect(page.locator('.source-card[data-source="a2-arkiverte-skjema-historisk"]')).toContainText(/\d+ venter/);
  await expectAccessible(page);

  cli('migrate', '--database-url', db, '--family', 'a2-correspondence', 'resume');
  await page.reload();
  await expect(live).toHaveAttribute('data-health', 'ok');
  await expect(live.getByRole('heading')).toContainText('✔');
  await expect(live).not.toContainText(reason);
});
