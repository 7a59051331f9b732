import fs from 'node:fs';
import { test, expect, expectAccessible, waitForHydration, uniqueEmail, signUp, createAdmin, PASSWORD } from './support';

test('a member exports their data and deletes their account; their initiative stays, credited to a former member', async ({
  page,
  browser,
  consoleErrors,
}) => {
  const title = `Rooftop Seed Library ${`${Date.now()}`.slice(-6)}`;
  const email = uniqueEmail('dora');
  await signUp(page, 'Dora Delgado', email);

  // Dora records an initiative; a moderator publishes it.
  await page.goto('/initiatives/new');
  await waitForHydration(page);
  await page.getByLabel('Name of the initiative').fill(title);
  await page.getByLabel('In one or two sentences').fill('Neighbours swap seeds on a rooftop every spring.');
  await page.getByLabel('Description').fill('Bring seeds, take seeds.');
  await page.getByLabel('City').fill('Paris, France');
  await page.getByLabel('Food and gardens').check();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const initiativeUrl = page.url();

  const moderatorContext = await browser.newContext({ locale: 'en-GB' });
  const moderator = await moderatorContext.newPage();
  const moderatorEmail = uniqueEmail('mona');
  await signUp(moderator, 'Mona Moderator', moderatorEmail);
  createAdmin(moderatorEmail);
  await moderator.goto(initiativeUrl);
  await waitForHydration(moderator);
  await moderator.getByRole('button', { name: 'Publish' }).click();
  await expect(moderator.getByRole('button', { name: 'Unpublish' })).toBeVisible();

  // Her data, as a page and as a file.
  await page.getByRole('link', { name: 'My account' }).click();
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'See my data' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My data');
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expectAccessible(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download my data (JSON)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^newcityzens-dora-delgado[-0-9]*\.json$/);
  const data = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  expect(data.account.email).toBe(email);
  expect(data.spotted_initiatives.map((item: { title: string }) => item.title)).toEqual([title]);

  // Deleting takes her password; a wrong one is refused beside its field.
  const profilePath = await page.getByRole('link', { name: 'My profile' }).getAttribute('href');
  await page.goto('/my/account');
  await waitForHydration(page);
  const password = page.locator('#account-delete-password');
  await password.fill('not my password');
  await page.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(page.locator('#account-delete-password-error')).toHaveText('This is not your current password.');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await password.fill(PASSWORD);
  await page.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account is deleted');
  await expect(page.getByTestId('logged-in-as')).toHaveCount(0);
  await expectAccessible(page);

  // Her initiative stays, credited to a former member with no page to link to.
  const visitor = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await visitor.goto(initiativeUrl);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(visitor.locator('.former-member')).toHaveText('a former member');
  await expect(visitor.getByText('Dora Delgado')).toHaveCount(0);
  const gone = await visitor.goto(profilePath!);
  expect(gone?.status()).toBe(404);
  expect(consoleErrors).toEqual([]);
});
