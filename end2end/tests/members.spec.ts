import {
  test,
  expect,
  expectAccessible,
  waitForHydration,
  uniqueEmail,
  signUp,
  someAddress,
  outboxMails,
  linkFromMail,
} from './support';

test('a member writes a bio in French and Portuguese; readers get their language or the original', async ({
  page,
  browser,
  consoleErrors,
}) => {
  const handle = `ana-${Date.now() % 1_000_000}`;
  await signUp(page, 'Ana Lima', uniqueEmail('ana'));
  await page.getByRole('link', { name: 'My profile' }).click();
  await page.getByRole('link', { name: 'Edit my profile' }).click();
  await expect(page).toHaveURL(/\/my\/profile$/);
  await waitForHydration(page);
  await expectAccessible(page);

  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Shaker').check();
  await page.getByLabel('Who may see your city').selectOption('public');

  // The first tab is the empty one; a second is added before saving.
  await page.getByLabel('Language of this text').selectOption('fr');
  await expect(page.getByRole('tab', { name: 'French' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Headline').fill('Jardinière urbaine');
  await page.getByLabel('Bio').fill('Je cultive des potagers sur les toits de Paris.');
  await page.getByRole('button', { name: 'Add a language' }).click();
  const portuguese = page.getByRole('tabpanel');
  await portuguese.getByLabel('Language of this text').selectOption('pt');
  await portuguese.getByLabel('Headline').fill('Jardineira urbana');
  await portuguese.getByLabel('Bio').fill('Cultivo hortas nos telhados de Paris.');

  // Switching tabs keeps what was typed in each (keyboard too).
  await page.getByRole('tab', { name: 'French' }).click();
  await expect(page.getByRole('tabpanel').getByLabel('Bio')).toHaveValue('Je cultive des potagers sur les toits de Paris.');
  await page.getByRole('tab', { name: 'French' }).press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Portuguese' })).toBeFocused();
  await expect(page.getByRole('tabpanel').getByLabel('Bio')).toHaveValue('Cultivo hortas nos telhados de Paris.');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Save my profile' }).click();
  await expect(page).toHaveURL(new RegExp(`/members/${handle}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ana Lima');
  await expect(page.getByRole('list', { name: 'What you do in the movement' })).toContainText('Shaker');
  // An English reader gets the original, marked as French.
  await expect(page.locator('.member-bio')).toHaveText('Je cultive des potagers sur les toits de Paris.');
  await expect(page.locator('.member-about')).toHaveAttribute('lang', 'fr');
  await expect(page.getByText('Written in French.')).toBeVisible();
  await expectAccessible(page);

  for (const [locale, bio, lang] of [
    ['pt-BR', 'Cultivo hortas nos telhados de Paris.', 'pt'],
    ['de-DE', 'Je cultive des potagers sur les toits de Paris.', 'fr'],
  ]) {
    const visitor = await browser.newContext({ locale });
    const reader = await visitor.newPage();
    const response = await reader.goto(`/members/${handle}`);
    expect(response?.status()).toBe(200);
    await expect(reader.locator('.member-bio')).toHaveText(bio);
    await expect(reader.locator('.member-about')).toHaveAttribute('lang', lang);
    await expect(reader.locator('html')).toHaveAttribute('lang', locale.slice(0, 2));
    await visitor.close();
  }

  // The directory finds her among shakers, through its facet links.
  await page.getByRole('link', { name: 'Members' }).click();
  await waitForHydration(page);
  await page.getByRole('complementary', { name: 'Filters' }).getByRole('link', { name: /^Shaker/ }).click();
  await expect(page).toHaveURL(/\/members\?role=shaker$/);
  await expect(page.getByRole('link', { name: 'Ana Lima' })).toBeVisible();
  await expectAccessible(page);
  expect(consoleErrors).toEqual([]);
});

test('the profile form saves without JavaScript, and an old handle redirects', async ({ browser }) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    extraHTTPHeaders: { 'x-forwarded-for': someAddress() },
  });
  const page = await context.newPage();
  const email = uniqueEmail('noscript');
  await page.goto('/signup');
  await page.getByLabel('Display name').fill('Noé Script');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('a long enough password');
  await page.getByLabel('City where you live').fill('Paris');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
  await page.goto(await linkFromMail(page, email, '/account/confirm'));
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await page.waitForURL(/\/my\/city$/);
  await page.goto('/my/profile');
  const oldHandle = await page.getByLabel('Handle').inputValue();
  expect(oldHandle).toMatch(/^noe-script/);
  const handle = `noe-${Date.now() % 1_000_000}`;
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Language of this text').selectOption('fr');
  await page.getByLabel('Bio').fill('Sans JavaScript.');
  await page.getByRole('button', { name: 'Save my profile' }).click();
  await expect(page).toHaveURL(new RegExp(`/members/${handle}$`));
  await expect(page.locator('.member-bio')).toHaveText('Sans JavaScript.');

  await page.goto(`/members/${oldHandle}`);
  await expect(page).toHaveURL(new RegExp(`/members/${handle}$`));
  await context.close();
});

test('a newcomer in a city with a shaker: the shaker gets an email and sees them on "My city"', async ({
  page,
  browser,
  consoleErrors,
}) => {
  const shakerEmail = uniqueEmail('sam');
  await signUp(page, 'Sam Shaker', shakerEmail, 'Lyon, France');
  await page.goto('/my/profile');
  await waitForHydration(page);
  await page.getByLabel('Shaker').check();
  await page.getByRole('button', { name: 'Save my profile' }).click();
  await expect(page.getByRole('list', { name: 'What you do in the movement' })).toContainText('Shaker');

  const newcomer = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': someAddress() } });
  const nora = await newcomer.newPage();
  await signUp(nora, 'Nora Newcomer', uniqueEmail('nora'), 'Lyon, France');
  await nora.getByRole('link', { name: 'My city' }).click();
  await expect(nora.getByRole('heading', { name: 'Shakers in Lyon, France' })).toBeVisible();
  await expect(nora.getByRole('link', { name: 'Sam Shaker' })).toBeVisible();
  await expectAccessible(nora);
  await newcomer.close();

  // The mail worker writes the queued mail within a few seconds.
  await expect
    .poll(
      () =>
        outboxMails(page)
          .filter((mail) => mail.includes(`To: ${shakerEmail}`))
          .map((mail) => (mail.split('\n').find((line) => line.startsWith('Subject:')) ?? '').trim()),
      { timeout: 20_000 },
    )
    .toContain('Subject: Nora Newcomer just joined in Lyon, France');

  await page.getByRole('link', { name: 'My city' }).click();
  await expect(page.getByRole('heading', { name: 'New members near you' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nora Newcomer' })).toBeVisible();
  await expectAccessible(page);
  expect(consoleErrors).toEqual([]);
});
