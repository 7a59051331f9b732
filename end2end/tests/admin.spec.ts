import { test, expect, expectAccessible, waitForHydration, uniqueEmail, signUp, createAdmin } from './support';

test('an admin gives a member the moderator role, and cannot drop the last admin role', async ({
  page,
  browser,
  consoleErrors,
}) => {
  const adminEmail = uniqueEmail('ada');
  await signUp(page, 'Ada Admin', adminEmail, 'Rio de Janeiro');
  createAdmin(adminEmail);

  const memberContext = await browser.newContext({ locale: 'en-GB' });
  const memberPage = await memberContext.newPage();
  await signUp(memberPage, 'Bea Member', uniqueEmail('bea'), 'Rio de Janeiro');
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
