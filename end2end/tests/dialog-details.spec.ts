import { test, expect, logInAs, expectAccessible, backToBokmal, chooseLanguage } from './fixtures';

test('a dialog shows its history, its messages and who has seen it', async ({ page }) => {
  await logInAs(page, 'Kari Nordmann');
  await page.getByRole('navigation', { name: 'Mapper' }).getByRole('link', { name: /^Sendt\b/ }).click();
  await page.locator('.dialog-item').first().getByRole('link').click();
  const history = page.getByRole('region', { name: 'Aktivitetslogg' });
  await expect(history).toBeVisible();
  await expect(history.getByText('Dialogen ble opprettet')).toBeVisible();
  await expect(history.getByText(/^Melding: /).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Meldinger i saken' })).toBeVisible();
  const seen = page.getByRole('region', { name: 'Sett av' });
  await expect(seen.getByText('deg', { exact: true })).toBeVisible();
  // Who has read it, at the top too.
  await expect(page.locator('.dialog-facts .dialog-extras')).toContainText('Sett av deg');
  await expectAccessible(page);

  await chooseLanguage(page, 'en');
  await expect(page.getByRole('region', { name: 'Activity history' }).getByText('The dialog was created')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Seen by' }).getByText('you', { exact: true })).toBeVisible();
  await backToBokmal(page);
});
