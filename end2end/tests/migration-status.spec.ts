import { readFileSync } from 'node:fs';
import { test, expect, expectAccessible } from './fixtures';

// What Altinn's own status page ("Status migrering", the seed 004_499710683b511826.txt) shows: its
// eight source cards with their health mark and its table of how far back each kind is migrated.
// Written here, not read from ../shared, so every clone checks the page against the seed.
const SEED_CARDS: { name: string; ok: boolean }[] = [
  { name: 'Dialogtjenester', ok: true },
  { name: 'A2 Melding - Historisk', ok: false },
  { name: 'A2 Melding - Live', ok: true },
  { name: 'A3 Melding', ok: true },
  { name: 'A3 App-instanser - Historisk', ok: false },
  { name: 'A3 App-instanser - Live', ok: true },
  { name: 'A2 Arkiverte skjema - Historisk', ok: false },
  { name: 'A2 Arkiverte skjema - Live', ok: true },
];
const SEED_TABLE: [string, string][] = [
  ['A2-Melding', '01.12.2024'],
  ['A2 arkiverte skjema / A3-app-instanser', '01.01.2025'],
];
const sources = JSON.parse(readFileSync('../content/migration/sources.json', 'utf8'));
const changelog = JSON.parse(readFileSync('../content/migration/changelog.json', 'utf8'));

test('the status page shows every part of the seed, computed from the data', async ({ page }) => {
  await page.goto('/migration-status');
  await expect(page.getByRole('heading', { level: 1, name: 'Status migrering' })).toBeVisible();
  for (const h of ['Status', 'Mål og planer', 'Detaljer', 'Endringslogg']) {
    await expect(page.getByRole('heading', { level: 2, name: h, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('heading', { level: 3, name: 'Historiske data' })).toBeVisible();
  await expect(page.getByText('Livesynkronisering: Alle endringer')).toBeVisible();
  await expect(page.getByText('Med unntak av app-instanser fra Altinn 2 som ikke er fullført')).toBeVisible();

  const rows = SEED_TABLE;
  expect(rows.length).toBe(2);
  for (const [label, date] of rows) {
    await expect(page.getByRole('row', { name: `${label} ${date}` })).toBeVisible();
  }

  const cards = SEED_CARDS;
  expect(cards.length).toBe(8);
  for (const { name, ok } of cards) {
    const card = page.locator('.source-card', { has: page.getByRole('heading', { name: new RegExp(`${name.replace(/[-/]/g, '.')}$`) }) });
    await expect(card).toHaveAttribute('data-health', ok ? 'ok' : 'warning');
    await expect(card.getByRole('heading')).toContainText(ok ? '✔' : '⚠');
  }
  await expect(page.getByText('Foreløpig migrert tilbake til 1. desember 2024.')).toBeVisible();

  const dates = await page.locator('.changelog-entry h3').allInnerTexts();
  const expected = changelog.map((e: any) => e.date.split('-').reverse().join('.'));
  expect(dates).toEqual(expected);
  expect([...expected].sort((a: string, b: string) => b.split('.').reverse().join('').localeCompare(a.split('.').reverse().join('')))).toEqual(expected);
  await expect(page.locator('#endring-2025-12-01')).toBeVisible();
  await expectAccessible(page);
});

test('the status page is translated to nynorsk and English', async ({ page }) => {
  await page.goto('/migration-status');
  await page.getByLabel('Språk').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Migration status' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Changelog' })).toBeVisible();
  await expect(page.getByText('So far migrated back to 1 December 2024.')).toBeVisible();
  await page.getByLabel('Language').selectOption('nn');
  await expect(page.getByRole('heading', { level: 2, name: 'Mål og planar' })).toBeVisible();
  await expectAccessible(page);
});

import { execFileSync } from 'node:child_process';

function migration(...args: string[]) {
  execFileSync(process.env.INBOX_SERVER_BIN!, ['source-status', '--database-url', `sqlite://${process.env.E2E_DB}`, ...args], { stdio: 'pipe' });
}

test('pausing live sync and migrating more history change the page without code changes', async ({ page }) => {
  migration('a2-melding-live', '--pause', 'Vedlikehold');
  migration('a2-melding-historisk', '--migrated-back-to', '2024-10-01');
  try {
    await page.goto('/migration-status');
    const live = page.locator('.source-card[data-source="a2-melding-live"]');
    await expect(live).toHaveAttribute('data-health', 'warning');
    await expect(live).toContainText('Livesynkronisering satt på pause');
    await expect(page.getByRole('row', { name: 'A2-Melding 01.10.2024' })).toBeVisible();
    await expect(page.getByText('Foreløpig migrert tilbake til 1. oktober 2024.')).toBeVisible();
  } finally {
    migration('a2-melding-live', '--resume');
    migration('a2-melding-historisk', '--migrated-back-to', '2024-12-01');
  }
  await page.reload();
  await expect(page.locator('.source-card[data-source="a2-melding-live"]')).toHaveAttribute('data-health', 'ok');
});

test('the message box API page lists all nine operations with what replaces them', async ({ page }) => {
  await page.goto('/migration-status');
  await page.getByRole('link', { name: 'Endringer i API-et for meldingsboksen' }).click();
  await expect(page).toHaveURL(/\/migration-status\/message-box-api$/);
  const rows = page.locator('table.operations tbody tr');
  await expect(rows).toHaveCount(9);
  for (const name of ['Arkivere', 'Bekrefte', 'Hente', 'Oppdatere', 'Sende inn', 'Signere', 'Slette', 'Validere', 'Betale']) {
    await expect(page.getByRole('rowheader', { name, exact: true })).toBeVisible();
  }
  await expect(page.locator('tr[data-operation="hente"]')).toContainText('GET /api/v1/enduser/dialogs');
  await expectAccessible(page);
});

test('the chart draws each historical source from its recorded watermarks, with the figures as a table', async ({ page }) => {
  await page.goto('/migration-status');
  const chart = page.getByRole('img', { name: /Migrert tilbake til, per kilde over tid/ });
  await expect(chart).toBeVisible();
  const historical = sources.filter((s: any) => s.kind === 'historical');
  for (const s of historical) {
    await expect(chart.locator(`g.series[data-series="${s.id}"] path`).first()).toHaveAttribute('d', /^M[\d.]+,[\d.]+( H[\d.]+ V[\d.]+)* H[\d.]+$/);
  }
  // Every recorded watermark (the changelog's, and any an earlier test added) is one table row.
  const status = await (await page.request.get('/api/v1/migration/status')).json();
  const recorded = status.sources.reduce((n: number, s: any) => n + (s.history ?? []).length, 0);
  expect(recorded).toBeGreaterThanOrEqual(changelog.flatMap((e: any) => (e.watermarks ?? []).flatMap((w: any) => w.sources)).length);
  await page.getByText('Tallene bak grafen').click();
  await expect(page.locator('.chart-data tbody tr')).toHaveCount(recorded);

  // A new watermark is one more point on its line, without code changes.
  const line = chart.locator('g.series[data-series="a2-melding-historisk"]');
  const before = await line.locator('circle').count();
  migration('a2-melding-historisk', '--migrated-back-to', '2024-11-01');
  try {
    await page.reload();
    await expect(line.locator('circle')).toHaveCount(before + 1);
  } finally {
    migration('a2-melding-historisk', '--migrated-back-to', '2024-12-01');
  }
  await expectAccessible(page);
});
