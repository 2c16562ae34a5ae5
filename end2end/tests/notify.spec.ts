import { test, expect, logInAs, expectAccessible } from './fixtures';
import type { Page } from '@playwright/test';

const KARI = 'Kari Nordmann';

/** The code in the newest message the dev outbox holds for `to`. */
async function codeSentTo(page: Page, to: string): Promise<string> {
  const messages = await (await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(to)}`)).json();
  expect(messages.length, `a message to ${to}`).toBeGreaterThan(0);
  return messages[0].body.match(/\b(\d{6})\b/)[1];
}

test('a notification address is saved only with the code sent to it; a wrong code and a bad address are refused', async ({ page }) => {
  await logInAs(page, KARI);
  await page.goto('/profile');
  const section = page.getByRole('region', { name: 'Varslinger' });
  await expect(section.getByText('Du har ingen bekreftede varslingsadresser.')).toBeVisible();
  const emailForm = section.locator('form.notify-form').nth(0);
  const smsForm = section.locator('form.notify-form').nth(1);

  const email = emailForm.getByRole('textbox', { name: 'E-post', exact: true });
  await email.fill('kari@');
  await emailForm.getByRole('button', { name: 'Send kode' }).click();
  await expect(emailForm.getByText('Dette er ikke en gyldig e-postadresse.', { exact: false })).toBeVisible();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await smsForm.getByRole('textbox', { name: 'Mobilnummer' }).fill('22 22 22 22');
  await smsForm.getByRole('button', { name: 'Send kode' }).click();
  await expect(smsForm.getByText('Dette er ikke et gyldig mobilnummer.', { exact: false })).toBeVisible();

  const address = `kari.${Date.now()}@example.no`;
  await email.fill(address);
  await emailForm.getByRole('button', { name: 'Send kode' }).click();
  await expect(emailForm.getByText(`Vi har sendt en kode til ${address}.`, { exact: false })).toBeVisible();
  await expect(section.locator('.notify-address'), 'nothing saved unverified').toHaveCount(0);
  const code = await codeSentTo(page, address);
  const codeBox = emailForm.getByRole('textbox', { name: 'Kode sendt på E-post' });
  await codeBox.fill(code === '000000' ? '111111' : '000000');
  await emailForm.getByRole('button', { name: 'Bekreft' }).click();
  await expect(emailForm.getByText('Koden er feil. Prøv igjen.')).toBeVisible();
  await expect(codeBox).toHaveAttribute('aria-invalid', 'true');
  await expect(section.locator('.notify-address')).toHaveCount(0);
  await expectAccessible(page);

  await codeBox.fill(code);
  await emailForm.getByRole('button', { name: 'Bekreft' }).click();
  await expect(emailForm.getByText('Adressen er bekreftet og lagret.')).toBeVisible();
  await expect(section.locator('.notify-address')).toHaveText([new RegExp(`Meg selv.*${address.replace(/\./g, '\\.')}`)]);

  // Kept on the server.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Varslinger' }).locator('.notify-address')).toContainText([address]);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Fjern E-post for Meg selv' }).click();
  await expect(page.getByText('Du har ingen bekreftede varslingsadresser.')).toBeVisible();
});

test('an organisation gets its own address, services can be quietened, and the parties show the roles held', async ({ page }) => {
  await logInAs(page, KARI);
  await page.goto('/profile');
  const section = page.getByRole('region', { name: 'Varslinger' });
  await section.getByRole('combobox', { name: 'Adresse for' }).selectOption({ label: 'Fjordbakeriet AS' });
  const smsForm = section.locator('form.notify-form').nth(1);
  await smsForm.getByRole('textbox', { name: 'Mobilnummer' }).fill('+47 912 34 567');
  await smsForm.getByRole('button', { name: 'Send kode' }).click();
  await expect(smsForm.getByText('Vi har sendt en kode til +4791234567.', { exact: false })).toBeVisible();
  await smsForm.getByRole('textbox', { name: 'Kode sendt på Mobilnummer' }).fill(await codeSentTo(page, '+4791234567'));
  await smsForm.getByRole('button', { name: 'Bekreft' }).click();
  await expect(section.locator('.notify-address')).toHaveText([/Fjordbakeriet AS.*\+4791234567/]);

  const add = section.getByRole('combobox', { name: 'Færre varsler fra' });
  await add.focus();
  await expect(add.locator('option')).not.toHaveCount(1);
  const service = (await add.locator('option').nth(1).textContent())!.trim();
  await add.selectOption({ index: 1 });
  const email = section.getByRole('checkbox', { name: `E-post fra ${service}` });
  await expect(email).not.toBeChecked();
  await email.check();
  await page.reload();
  const again = page.getByRole('region', { name: 'Varslinger' });
  await expect(again.getByRole('checkbox', { name: `E-post fra ${service}` })).toBeChecked();
  await expect(again.getByRole('checkbox', { name: `Mobilnummer fra ${service}` })).not.toBeChecked();
  await expectAccessible(page);
  await again.getByRole('button', { name: `Tilbakestill varsler fra ${service}` }).click();
  await expect(again.locator('.notify-service')).toHaveCount(0);
  await again.getByRole('button', { name: 'Fjern Mobilnummer for Fjordbakeriet AS' }).click();
  await expect(again.locator('.notify-address')).toHaveCount(0);

  await expect(page.locator('.profile-party').filter({ hasText: 'Fjordbakeriet AS' }).first()).toContainText('Roller: Daglig leder');
});
