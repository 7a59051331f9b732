import { test, expect, expectAccessible, waitForHydration, uniqueEmail, linkFromMail, signUp } from './support';

const PASSWORD = 'a long enough password';

test('sign up, log out, log in with a wrong then the right password', async ({ page, consoleErrors }) => {
  const email = uniqueEmail('ana');
  await page.goto('/signup');
  await waitForHydration(page);
  await expectAccessible(page);

  // A weak password is refused beside its field, without a reload, and nothing typed is lost.
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await page.getByLabel('Display name').fill('Ana Souza');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('too short');
  await page.getByLabel('City where you live').fill('São Paulo');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.locator('#sign-up-password-error')).toHaveText('The password needs at least 10 characters.');
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  await expect(page.getByLabel('Display name')).toHaveValue('Ana Souza');
  await expect(page.getByLabel('City where you live')).toHaveValue('São Paulo');
  await expectAccessible(page);

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
  await expect(page.getByTestId('logged-in-as')).toHaveCount(0);
  await expectAccessible(page);

  // The mailed link confirms the address and logs in.
  await page.goto(await linkFromMail(page, email, '/account/confirm'));
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page).toHaveURL(/\/my\/city$/);
  await expect(page.getByTestId('logged-in-as')).toHaveText('Logged in as Ana Souza');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' }).first()).toBeVisible();
  await expect(page.getByTestId('logged-in-as')).toHaveCount(0);

  // "Log in" from a page comes back to it.
  await page.goto('/events');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Log in', exact: true }).first().click();
  await expect(page).toHaveURL(/\/login\?next=%2Fevents$/);
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not my password');
  await page.getByRole('button', { name: 'Log in' }).last().click();
  await expect(page.getByRole('alert')).toHaveText('This email and password do not match an account.');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expectAccessible(page);

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).last().click();
  await expect(page.getByTestId('logged-in-as')).toHaveText('Logged in as Ana Souza');
  await expect(page).toHaveURL(/\/events$/);
  expect(consoleErrors).toEqual([]);
});

test('switch between French and English from the language menu', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await waitForHydration(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change your city, one initiative at a time');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Changer sa ville, une initiative à la fois');
  await expectAccessible(page);

  // The choice is remembered across pages.
  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer un compte');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an account');
  expect(consoleErrors).toEqual([]);
});

test('forms work without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se connecter');
  await page.getByLabel('Adresse e-mail').fill('nobody@example.org');
  await page.getByLabel('Mot de passe').fill('not a password at all');
  await page.getByRole('button', { name: 'Se connecter' }).last().click();
  await expect(page.getByRole('alert')).toHaveText(
    'Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte.',
  );
  // (axe needs JavaScript in the page: the same page is checked in the journey above.)
  await context.close();
});

test('a forgotten password is replaced through a mailed link, without JavaScript', async ({ page, browser }) => {
  const email = uniqueEmail('rui');
  await signUp(page, 'Rui', email);
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
  const noScript = await context.newPage();
  await noScript.goto('/login');
  await noScript.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await noScript.getByLabel('Adresse e-mail').fill(email);
  await noScript.getByRole('button', { name: 'Envoyez-moi un lien' }).click();
  await expect(noScript.getByRole('heading', { level: 1 })).toHaveText('Consultez votre boîte de réception');

  await noScript.goto(await linkFromMail(page, email, '/account/reset'));
  await noScript.getByLabel('Nouveau mot de passe').fill('short');
  await noScript.getByRole('button', { name: 'Enregistrer mon nouveau mot de passe' }).click();
  await expect(noScript.locator('#reset-password-error')).toBeVisible();
  await noScript.getByLabel('Nouveau mot de passe').fill('my brand new passphrase');
  await noScript.getByRole('button', { name: 'Enregistrer mon nouveau mot de passe' }).click();
  await noScript.goto('/my/city');
  await expect(noScript.getByTestId('logged-in-as')).toBeVisible();

  // The session of the first browser ended with the reset.
  await page.goto('/my/city');
  await expect(page.getByTestId('logged-in-as')).toHaveCount(0);
  await context.close();
});
