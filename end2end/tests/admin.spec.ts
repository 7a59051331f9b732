import { execFileSync } from 'node:child_process';
import { test, expect, expectAccessible, waitForHydration, uniqueEmail } from './support';
import type { Page } from '@playwright/test';

const PASSWORD = 'a long enough password';

async function signUp(page: Page, name: string, email: string) {
  await page.goto('/signup');
  await waitForHydration(page);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('City where you live').fill('Rio de Janeiro');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByTestId('logged-in-as')).toHaveText(`Logged in as ${name}`);
}

/// The first admin comes from the command line, as on a real installation.
function createAdmin(email: string) {
  execFileSync(process.env.SERVER_BIN ?? '../target/release/newcityzens', ['create-admin', '--email', email], {
    cwd: '..',
    env: { ...process.env, DATABASE_URL: process.env.E2E_SQLITE_URL ?? 'sqlite://target/e2e/e2e.db' },
    input: '',
  });
}

test('an admin gives a member the moderator role, and cannot drop the last admin role', async ({
  page,
  browser,
  consoleErrors,
}) => {
  const adminEmail = uniqueEmail('ada');
  await signUp(page, 'Ada Admin', adminEmail);
  createAdmin(adminEmail);

  const memberContext = await browser.newContext({ locale: 'en-GB' });
  const memberPage = await memberContext.newPage();
  await signUp(memberPage, 'Bea Member', uniqueEmail('bea'));
  // Members are refused the admin page.
  await memberPage.goto('/admin/accounts');
  await expect(memberPage.getByRole('alert')).toHaveText('You are not allowed to do this.');
  await memberContext.close();

  await page.goto('/');
  await page.getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');
  await waitForHydration(page);
  await expectAccessible(page);

  await page.getByLabel('Search by name or email').fill('bea');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=bea/);
  const bea = page.getByRole('row', { name: /Bea Member/ });
  await expect(bea).toHaveCount(1);
  await bea.getByRole('button', { name: 'Make Moderator for Bea Member' }).click();
  await expect(bea.getByRole('cell').nth(2)).toHaveText('Moderator');
  await expect(page.locator('.history li').first()).toContainText('Ada Admin gave the role Moderator to Bea Member');
  await expectAccessible(page);

  await page.getByLabel('Search by name or email').fill('ada');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: 'Remove Admin for Ada Admin' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'You are the last admin: give the admin role to someone else before removing yours.',
  );
  expect(consoleErrors).toEqual([]);
});
