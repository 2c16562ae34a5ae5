import { test, expect, expectAccessible } from './fixtures';

test('a service owner finds, inspects, deletes and restores its own dialogs', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Logg inn som Skatteetaten' }).click();
  await expect(page).toHaveURL(/\/serviceowner$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dialoger i tjenestene dine' })).toBeVisible();
  await expect(page.getByText('Du handler som')).toBeVisible();
  const rows = page.locator('.so-table tbody tr');
  await expect(rows.first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Status').selectOption('Completed');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page).toHaveURL(/status=Completed/);
  await expect.poll(async () => (await page.locator('.so-table .status-tag').allInnerTexts()).every((t) => t === 'Avsluttet')).toBe(true);

  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/serviceowner\/dialogs\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Tjenesteressurs')).toBeVisible();
  await page.getByText('Rådata (JSON)').click();
  await expect(page.locator('.raw-json pre')).toContainText('"serviceOwnerContext"');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Slett (kan gjenopprettes)' }).click();
  await expect(page.getByRole('button', { name: 'Gjenopprett' })).toBeVisible();
  await expect(page.getByText('Slettet', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Gjenopprett' }).click();
  await expect(page.getByRole('button', { name: 'Slett (kan gjenopprettes)' })).toBeVisible();

  await page.goto('/');
  await expect(page).toHaveURL(/\/serviceowner$/, { timeout: 10_000 });
});
