import { test, expect, waitForHydration, uniqueEmail, confirmEmail } from './support';

// Runs on SQLite and on PostgreSQL: the same binary, the other database.
test('smoke: a member signs up, saves a draft initiative, searches, logs out', async ({ page, consoleErrors }) => {
  await page.goto('/signup');
  await waitForHydration(page);
  await page.getByLabel('Display name').fill('Smoke Test');
  const email = uniqueEmail('smoke');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByLabel('City where you live').fill('Manila');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
  await confirmEmail(page, email, 'Smoke Test');
  await page.reload();
  await expect(page.getByTestId('logged-in-as')).toHaveText('Logged in as Smoke Test');
  await page.goto('/initiatives/new');
  await waitForHydration(page);
  await page.getByLabel('Name of the initiative').fill('Smoke test garden');
  await page.getByLabel('City').fill('Manila');
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Smoke test garden');
  await expect(page.getByRole('status')).toContainText('Draft');
  // Drafts are not searchable; the search itself answers (full-text engine of this database).
  await page.goto('/initiatives?q=smoke+garden&sort=newest');
  await expect(page.locator('#results-count')).toHaveText('Initiatives found: 0');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByTestId('logged-in-as')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
