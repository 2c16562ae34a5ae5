import { test, expect, logInAs, expectAccessible, chooseParty, backToBokmal, chooseLanguage } from './fixtures';
import type { Page } from '@playwright/test';

// Aisha Khan's migrated Altinn 2 dialogs are the ones these tests act on (no other test does).
const PERSON = 'Aisha Khan';

async function openMigrated(page: Page, title: string, folder = /^Arkiv\b/) {
  await page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: folder }).click();
  await page.locator('.dialog-item', { hasText: title }).first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** Every way a payload could run: alert/confirm dialogs, a global it sets, elements it needs. */
function watchForXss(page: Page) {
  const fired: string[] = [];
  page.on('dialog', (d) => { fired.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on('request', (r) => { if (/evil|xss/i.test(r.url())) fired.push(`request: ${r.url()}`); });
  return async () => {
    fired.push(...(await page.evaluate(() => {
      const found: string[] = [];
      if ((window as any).__xss !== undefined) found.push(`global: ${(window as any).__xss}`);
      // Our own icons are the only SVG (class "icon", from src/components/icon.rs); content brings none.
      for (const el of document.querySelectorAll('main script, main img, main iframe, main style, main svg:not(.icon), main object')) found.push(`element: ${el.tagName}`);
      for (const el of document.querySelectorAll('main *')) {
        for (const a of el.getAttributeNames()) if (a.startsWith('on')) found.push(`handler: ${el.tagName} ${a}`);
      }
      for (const a of document.querySelectorAll('main a[href]')) {
        if (!/^(https?:|mailto:|\/)/i.test(a.getAttribute('href') ?? '')) found.push(`href: ${a.getAttribute('href')}`);
      }
      return found;
    })));
    expect(fired, 'nothing from the content ran or was rendered as markup').toEqual([]);
  };
}

test('main content: markdown with a table in the reader language, legacy HTML through the allow-list, and no access', async ({ page }) => {
  const check = watchForXss(page);
  await logInAs(page, PERSON);
  await openMigrated(page, 'Melding om skattetrekk');
  const content = page.getByRole('region', { name: 'Innhold' });
  await expect(content.getByRole('heading', { name: 'Vedtak om skattetrekk' })).toBeVisible();
  await expect(content.getByRole('table').getByRole('cell', { name: '30 %' })).toBeVisible();
  await expect(content.getByRole('columnheader', { name: 'Trekkprosent' })).toBeVisible();
  await expect(content.getByRole('link', { name: 'skatteetaten.no' })).toHaveAttribute('href', 'https://www.skatteetaten.no/');
  await expect(content.getByText('klikk her')).toBeVisible();
  await expect(content.getByRole('link', { name: 'klikk her' })).toHaveCount(0);
  await expectAccessible(page);
  await chooseLanguage(page, 'en');
  await expect(page.getByRole('region', { name: 'Content' }).getByRole('heading', { name: 'Decision on tax deduction' })).toBeVisible();
  await chooseLanguage(page, 'nn');
  await expect(page.getByRole('region', { name: 'Innhald' }).getByText('Skatteetaten har handsama')).toBeVisible();
  await expectAccessible(page);
  await backToBokmal(page);

  await page.goto('/');
  await openMigrated(page, 'Skattemelding for formues- og inntektsskatt 2024');
  await expect(content.getByRole('cell', { name: 'Lønn' })).toBeVisible();
  await expect(content.getByRole('link', { name: 'skatteetaten.no' })).toHaveAttribute('href', 'https://www.skatteetaten.no/skattemelding/');
  await expect(content.getByText('denne lenken')).toBeVisible();
  await expect(content.getByRole('link', { name: 'denne lenken' })).toHaveCount(0);
  // Hente: the archived form is a file to open; Altinn 2's receipt has expired and is inert.
  const files = page.getByRole('region', { name: 'Vedlegg' });
  await expect(files.getByRole('link', { name: 'skjema-arkivert.pdf' })).toHaveAttribute('href', /^https:\/\/demo\.inbox\.localhost\/files\//);
  await expect(files.locator('li', { hasText: 'skjema-arkivert.pdf' }).getByText('PDF', { exact: true })).toBeVisible();
  const receipt = files.locator('li', { hasText: 'kvittering-altinn2.pdf' });
  await expect(receipt.getByText('Utløpt')).toBeVisible();
  await expect(receipt.getByRole('link')).toHaveCount(0);
  await expectAccessible(page);
  await check();

  await page.goto('/');
  await openMigrated(page, 'Melding om inntekt og arbeidsforhold');
  await expect(content.getByText('Du har ikke tilgang til dette innholdet.')).toBeVisible();
  await expect(content.getByRole('button', { name: 'Prøv igjen' })).toBeVisible();
});

test('the Altinn 2 message-box operations on migrated dialogs, each with its visible effect', async ({ page }) => {
  await logInAs(page, PERSON);
  await openMigrated(page, 'Skattemelding for formues- og inntektsskatt 2024');
  const actions = page.getByRole('region', { name: 'Handlinger' });
  const history = page.getByRole('region', { name: 'Aktivitetslogg' });
  // Two by priority as buttons (Hente: the service link first), the rest behind "Flere handlinger".
  await expect(actions.getByRole('link', { name: 'Gå til tjenesten' })).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Slett' })).toHaveCount(0);
  const more = actions.getByRole('button', { name: 'Flere handlinger' });
  await expect(actions.getByRole('button', { name: 'Betal' })).toBeHidden();
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(actions.getByRole('button', { name: 'Betal' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(actions.getByRole('button', { name: 'Betal' })).toBeHidden();

  // Signing has consequences: it asks first (the service gave no prompt, so ours), keeps the
  // dialog in the archive, and is not offered again once done.
  const stillArchived = page.getByRole('button', { name: 'Flytt til innboks' });
  await expect(stillArchived).toBeVisible();
  await actions.getByRole('button', { name: 'Signer' }).click();
  await expect(actions.getByText('Vil du gå videre med «Signer»? Det kan ikke angres.')).toBeVisible();
  await expect(history.getByText('Signert')).toHaveCount(0);
  await actions.getByRole('button', { name: 'Bekreft', exact: true }).click();
  await expect(actions.getByText('Handlingen er utført.')).toBeVisible();
  await expect(history.getByText('Signert')).toHaveCount(1);
  await expect(actions.getByRole('button', { name: 'Signer' })).toHaveCount(0);
  await expect(stillArchived).toBeVisible();

  for (const [name, effect, asks] of [['Valider skjema', 'Skjemaet er validert', false], ['Betal', 'Betaling gjennomført', true], ['Oppdater skjema', 'Skjema lagret', false]] as const) {
    await actions.getByRole('button', { name: 'Flere handlinger' }).click();
    await actions.getByRole('button', { name }).click();
    if (asks) await actions.getByRole('button', { name: 'Bekreft', exact: true }).click();
    await expect(history.getByText(effect).first()).toBeVisible();
  }
  await more.click();
  await expect(actions.getByRole('button', { name: 'Betal' }), 'paid once, not offered again').toHaveCount(0);
  await expect(actions.getByRole('button', { name: 'Valider skjema' }), 'validating may be repeated').toBeVisible();
  await actions.getByRole('button', { name: 'Send inn' }).click();
  await expect(actions.getByText('Vil du sende inn skjemaet?')).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Bekreft', exact: true })).toBeFocused();
  await expectAccessible(page);
  await actions.getByRole('button', { name: 'Bekreft', exact: true }).click();
  await expect(history.getByText('Skjema sendt inn', { exact: true })).toBeVisible();
  await expect(page.locator('.dialog-tags').getByText('Avsluttet')).toBeVisible();
  await expect(stillArchived).toBeVisible();

  // Slette: offered only in the bin; archived tax forms are kept for ten years (422).
  await page.getByRole('button', { name: 'Flytt til papirkurv' }).click();
  await openMigrated(page, 'Skattemelding for formues- og inntektsskatt 2024', /^Papirkurv\b/);
  await actions.getByRole('button', { name: 'Flere handlinger' }).click();
  await actions.getByRole('button', { name: 'Slett' }).click();
  await actions.getByRole('button', { name: 'Bekreft', exact: true }).click();
  await expect(actions.getByText(/Dialogen kan slettes etter \d{1,2}\. \S+ 20\d\d/)).toBeVisible();

  // Bekrefte, then Slette for good.
  await page.goto('/');
  await openMigrated(page, 'Melding om skattetrekk');
  // Arkivere: back to the inbox and into the archive again.
  await page.getByRole('button', { name: 'Flytt til innboks' }).click();
  await openMigrated(page, 'Melding om skattetrekk', /^Innboks\b/);
  await page.getByRole('button', { name: 'Arkiver' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'flyttet til arkivet' })).toBeVisible();
  await openMigrated(page, 'Melding om skattetrekk');
  await actions.getByRole('button', { name: 'Bekreft mottak' }).click();
  await expect(history.getByText('Meldingen ble bekreftet')).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Bekreft mottak' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Flytt til innboks' }), 'confirming keeps it in the archive').toBeVisible();
  await page.getByRole('button', { name: 'Flytt til papirkurv' }).click();
  await openMigrated(page, 'Melding om skattetrekk', /^Papirkurv\b/);
  // Confirmed, so deleting is the one action left: a button of its own.
  await expect(more).toHaveCount(0);
  await actions.getByRole('button', { name: 'Slett' }).click();
  await actions.getByRole('button', { name: 'Bekreft', exact: true }).click();
  await expect(page).toHaveURL(/\/bin$/);
  await expect(page.getByRole('status').filter({ hasText: 'Dialogen er slettet.' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: /^Papirkurv\b/ }).click();
  await expect(page.locator('.dialog-item', { hasText: 'Melding om skattetrekk' })).toHaveCount(0);
});

test('a power of attorney reads but cannot act: actions shown inert with the reason', async ({ page }) => {
  await logInAs(page, 'Ola Hansen');
  await chooseParty(page, 'Ingrid Hansen');
  await openMigrated(page, 'Skattemelding for formues- og inntektsskatt 2024');
  const actions = page.getByRole('region', { name: 'Handlinger' });
  const sign = actions.getByRole('button', { name: 'Signer' });
  await expect(sign).toHaveAttribute('aria-disabled', 'true');
  await expect(sign).toHaveAccessibleDescription('Du har ikke rettighet til denne handlingen.');
  await sign.click({ force: true });
  await expect(actions.getByText('Handlingen er utført.')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Aktivitetslogg' }).getByText('Signert')).toHaveCount(0);
  // Reading is still open to him: the service link and the content.
  await expect(actions.getByRole('link', { name: 'Gå til tjenesten' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Innhold' }).getByRole('cell', { name: 'Lønn' })).toBeVisible();
  await expectAccessible(page);
});

test('transmissions as threads, three first, then all; XSS in title, summary and additional info stays text', async ({ page }) => {
  const check = watchForXss(page);
  const identities = await (await page.request.get('/api/dev/identities')).json();
  const aisha = identities.find((i: any) => i.kind === 'person' && i.name === PERSON);
  const so = await (await page.request.get(`/api/GetEnterpriseToken?org=skd&orgNo=974761076&scopes=${encodeURIComponent('digdir:dialogporten.serviceprovider')}`)).text();
  const nb = (value: string) => ({ value: [{ languageCode: 'nb', value }] });
  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const ids = Array.from({ length: 5 }, (_, i) => `0194d1a0-0000-7000-8000-${String(Date.now() % 1e9).padStart(9, '0')}${i}00`.slice(0, 36));
  const transmission = (i: number, related?: number) => ({
    id: ids[i], createdAt: at(50 - i * 10), type: 'Information', sender: { actorType: 'ServiceOwner' },
    relatedTransmissionId: related === undefined ? undefined : ids[related], content: { title: nb(`Brev ${i + 1}`) },
  });
  const title = `<img src=x onerror="window.__xss='title'"> Brev med tråder ${Date.now()}`;
  const res = await page.request.post('/api/v1/serviceowner/dialogs', {
    headers: { Authorization: `Bearer ${so}` },
    data: {
      serviceResource: 'urn:altinn:resource:skattemelding', party: `urn:altinn:person:identifier-no:${aisha.pid}`, status: 'InProgress',
      content: {
        title: nb(title),
        summary: nb('<script>window.__xss="summary"</script> Sammendrag'),
        additionalInfo: { mediaType: 'text/markdown', value: [{ languageCode: 'nb', value: '**Viktig:** [les](javascript:window.__xss=1) <img src=x onerror="window.__xss=2"> | A | B |\n|---|---|\n| 1 | 2 |' }] },
      },
      transmissions: [transmission(0), transmission(1), transmission(2), transmission(3), transmission(4, 0)],
    },
  });
  expect(res.status(), await res.text()).toBe(201);

  await logInAs(page, PERSON);
  await page.locator('.dialog-item', { hasText: 'Brev med tråder' }).first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('<img src=x onerror=');
  await expect(page.getByText('<script>window.__xss="summary"</script> Sammendrag')).toBeVisible();
  await expect(page.locator('.rich-text strong', { hasText: 'Viktig:' })).toBeVisible();
  const threads = page.getByRole('region', { name: 'Meldinger i saken' });
  await expect(threads.locator('.thread')).toHaveCount(3);
  // The reply (Brev 5) sits in the thread of the letter it answers (Brev 1), newest first.
  await threads.getByRole('button', { name: 'Vis alle (4)' }).click();
  await expect(threads.locator('.thread')).toHaveCount(4);
  const first = threads.locator('.thread').filter({ hasText: 'Brev 1' });
  await expect(first.locator('.transmission h3')).toHaveText([/Brev 5/, /Brev 1/]);
  await expect(threads.getByText('Ulest').first()).toBeVisible();
  await expectAccessible(page);
  await threads.getByRole('button', { name: 'Vis færre' }).click();
  await expect(threads.locator('.thread')).toHaveCount(3);
  await check();
});

test('a GET action whose URL is not a web page is never followed, whatever the API answers (issue 36, finding 9)', async ({ page }) => {
  const check = watchForXss(page);
  await logInAs(page, PERSON);
  // The server refuses such URLs from service owners; the app checks again, for a Dialogporten
  // that let one through: the dialog's answer is changed on its way to the page.
  await page.route(/\/api\/v1\/enduser\/dialogs\/[0-9a-f-]{36}$/, async (route) => {
    const res = await route.fetch();
    const dialog = await res.json();
    const base = dialog.guiActions?.[0] ?? { action: 'read', isDeleteDialogAction: false };
    const hostile = (n: number, url: string, name: string, priority: string) => {
      const a = { ...base, id: `0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0${n}`, url, httpMethod: 'GET', priority, isAuthorized: true, title: [{ languageCode: 'nb', value: name }] };
      delete a.prompt;
      return a;
    };
    dialog.guiActions = [hostile(1, 'javascript:window.__xss=1', 'Åpne skjema', 'Primary'), hostile(2, ' JaVaScRiPt:window.__xss=2', 'Se kvittering', 'Secondary')];
    await route.fulfill({ response: res, json: dialog });
  });
  // Any dialog will do (the answer is rewritten): the first in the inbox.
  await page.locator('.dialog-item').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  for (const name of ['Åpne skjema', 'Se kvittering']) {
    const action = page.getByRole('button', { name });
    await expect(action).toHaveAttribute('aria-disabled', 'true');
    // Clicked anyway (aria-disabled keeps it focusable): nothing is followed.
    await action.click({ force: true });
  }
  await expect(page.getByText('Lenken går ikke til en nettside, så den åpnes ikke.').first()).toBeVisible();
  await check();
});
