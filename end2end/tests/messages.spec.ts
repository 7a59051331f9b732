import { test, expect, expectAccessible, waitForHydration, uniqueEmail, signUp, outboxMails } from './support';

test('a member writes to another from their page; the answer comes back through the platform', async ({
  page,
  browser,
  consoleErrors,
}) => {
  const anaEmail = uniqueEmail('ana');
  await signUp(page, 'Ana Writer', anaEmail);
  const bobContext = await browser.newContext({ locale: 'en-GB' });
  const bob = await bobContext.newPage();
  const bobEmail = uniqueEmail('bob');
  await signUp(bob, 'Bob Reader', bobEmail);
  const bobPage = await bob.getByRole('link', { name: 'My profile' }).getAttribute('href');

  // Ana writes from Bob's page; an empty message is refused beside its field.
  await page.goto(bobPage!);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Write to Bob Reader' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Write to Bob Reader');
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('#message-body-error')).not.toBeEmpty();
  const message = `Shall we start a seed library? ${Date.now()}`;
  await page.getByLabel('Your message').fill(message);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Conversation with');
  await expect(page.locator('.message-body')).toHaveText([message]);
  await expectAccessible(page);

  // Bob gets it by mail, without Ana's address, and answers on the platform.
  let relayed = '';
  await expect
    .poll(() => (relayed = outboxMails(bob).find((mail) => mail.includes(`To: ${bobEmail}`) && mail.includes(message)) ?? ''), {
      timeout: 20_000,
    })
    .not.toBe('');
  expect(relayed).not.toContain(anaEmail);
  const link = relayed.match(/\/my\/messages\/\d+/)![0];
  await bob.goto(link);
  await waitForHydration(bob);
  await bob.getByLabel('Your answer').fill('Yes, on Saturday!');
  await bob.getByRole('button', { name: 'Send' }).click();
  await expect(bob.locator('.message-body')).toHaveText([message, 'Yes, on Saturday!']);

  await page.getByRole('link', { name: 'Messages', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Yes, on Saturday!' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
