import { test, expect, waitForHydration, uniqueEmail } from './support';

// Runs on SQLite and on PostgreSQL: the same binary, the other database.
test('smoke: a member signs up, is logged in, logs out', async ({ page, consoleErrors }) => {
  await page.goto('/signup');
  await waitForHydration(page);
  await page.getByLabel('Display name').fill('Smoke Test');
  await page.getByLabel('Email').fill(uniqueEmail('smoke'));
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByLabel('City where you live').fill('Manila');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByTestId('logged-in-as')).toHaveText('Logged in as Smoke Test');
  await page.reload();
  await expect(page.getByTestId('logged-in-as')).toHaveText('Logged in as Smoke Test');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByTestId('logged-in-as')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
