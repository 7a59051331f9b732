import { Browser, Page } from '@playwright/test';
import {
  test,
  expect,
  expectAccessible,
  waitForHydration,
  uniqueEmail,
  signUp,
  createAdmin,
  outboxMails,
  someAddress,
  linkFromMail,
} from './support';

/// "2027-01-14": `days` from today.
function dayIn(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/// "2027-01-14T19:05": `at` on the clocks of Lyon, as the event form takes it.
function parisClock(at: Date) {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return format.format(at).replace(' ', 'T');
}

/// A member in a browser of their own, signed up in Lyon.
async function newMember(browser: Browser, name: string): Promise<[Page, string]> {
  const context = await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: { 'x-forwarded-for': someAddress() } });
  const page = await context.newPage();
  const email = uniqueEmail(name.toLowerCase());
  await signUp(page, name, email, 'Lyon, France');
  return [page, email];
}

/// Calls a server function from the page's session, as its forms do, and expects success.
async function api(page: Page, endpoint: string, form: Record<string, string>) {
  const reply = await page.request.post(`/api/${endpoint}`, { form, headers: { accept: 'application/json' } });
  expect(reply.status(), await reply.text()).toBe(200);
  return reply;
}

/// Two initiatives spotted by `spotter` and published by `moderator`, to present.
async function publishedInitiatives(spotter: Page, moderator: Page): Promise<string[]> {
  const ids: string[] = [];
  for (const title of ['Lyon Repair Café', 'Croix-Rousse Seed Library']) {
    await api(spotter, 'initiatives/save', {
      'form[language]': 'en',
      'form[title]': `${title} ${Date.now()}`,
      'form[summary]': 'Neighbours share what they know.',
      'form[description]': 'Once a month, in the neighbourhood hall.',
      'form[city]': 'Lyon, France',
      'form[themes][0]': 'solidarity',
      'form[intent]': 'submit',
    });
    const mine = await spotter.request.get('/api/initiatives/mine?language=en', { headers: { accept: 'application/json' } });
    const id = String((await mine.json())[0].id);
    await api(moderator, 'initiatives/review', { 'form[id]': id, 'form[decision]': 'approve', 'form[note]': '' });
    ids.push(id);
  }
  return ids;
}

test('a shaker fills an event, the waitlist is promoted, people are checked in by code', async ({
  page,
  browser,
  consoleErrors,
}) => {
  // Six people sign up through the real forms and mailed links, and the event's start is
  // awaited (up to 90 s).
  test.setTimeout(300_000);
  const day = dayIn(30);
  const title = `Inspiration café ${Date.now()}`;
  await signUp(page, 'Shay Organiser', uniqueEmail('shay'), 'Lyon, France');
  await page.goto('/my/profile');
  await waitForHydration(page);
  await page.getByLabel('Shaker', { exact: true }).check();
  await page.getByRole('button', { name: 'Save my profile' }).click();
  await expect(page.getByRole('list', { name: 'What you do in the movement' })).toContainText('Shaker');

  const [moderator, moderatorEmail] = await newMember(browser, 'Mona');
  createAdmin(moderatorEmail);
  const deck = await publishedInitiatives(page, moderator);

  // The shaker creates the event; a wrong end is explained beside it and nothing typed is lost.
  await page.getByRole('link', { name: 'Events', exact: true }).click();
  await page.getByRole('link', { name: 'Create an event' }).click();
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Starts', { exact: true }).fill(`${day}T19:00`);
  await page.getByLabel('Ends', { exact: true }).fill(`${day}T18:00`);
  await page.getByLabel('City', { exact: true }).fill('Lyon, France');
  await page.getByLabel('Address', { exact: true }).fill('12 rue de la République');
  await page.getByLabel('Seats', { exact: true }).fill('2');
  await page.getByLabel('Initiatives presented', { exact: true }).fill(deck.join('\n'));
  await page.getByRole('button', { name: 'Save the event' }).click();
  await expect(page.locator('#event-ends-error')).toHaveText('The end must be after the start.');
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
  await page.getByLabel('Ends', { exact: true }).fill(`${day}T21:00`);
  await page.getByRole('button', { name: 'Save the event' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('19:00–21:00 (Europe/Paris)').first()).toBeVisible();
  await expect(page.locator('.deck .card')).toHaveCount(2);
  await expectAccessible(page);
  const eventUrl = page.url();

  // Two members take the two seats; the third joins the waitlist.
  const [bob] = await newMember(browser, 'Bob');
  const [cleo] = await newMember(browser, 'Cleo');
  const [dan, danEmail] = await newMember(browser, 'Dan');
  for (const person of [bob, cleo]) {
    await person.goto(eventUrl);
    await waitForHydration(person);
    await person.getByRole('button', { name: 'Sign up' }).click();
    await expect(person.getByRole('status').filter({ hasText: 'You are signed up' })).toBeVisible();
  }
  await dan.goto(eventUrl);
  await waitForHydration(dan);
  await expect(dan.getByText('The event is full.')).toBeVisible();
  await dan.getByRole('button', { name: 'Join the waitlist' }).click();
  await expect(dan.getByRole('status').filter({ hasText: 'On the waitlist' })).toContainText('number 1 in line');
  await expectAccessible(dan);

  // Bob cancels: Dan is promoted and told by email, with his code.
  await bob.getByRole('button', { name: 'Cancel my sign-up' }).click();
  await expect(bob.getByRole('status').filter({ hasText: 'You cancelled your sign-up.' })).toBeVisible();
  await dan.reload();
  await expect(dan.getByRole('status').filter({ hasText: 'You are signed up' })).toBeVisible();
  const danCode = (await dan.locator('.signup-code').textContent())!.trim();
  await expect
    .poll(() => outboxMails(dan).some((mail) => mail.includes(`To: ${danEmail}`) && mail.includes(danCode)), {
      timeout: 20_000,
    })
    .toBe(true);

  // At the door, the shaker checks Cleo in by the code she gives.
  await cleo.reload();
  const cleoCode = (await cleo.locator('.signup-code').textContent())!.trim();
  await page.goto(eventUrl);
  await page.getByRole('link', { name: 'Attendees and check-in' }).click();
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel('Code', { exact: true }).fill('ZZZZZZ');
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(page.locator('#check-in-code-error')).toHaveText('No sign-up for this event has this code.');
  await page.getByLabel('Code', { exact: true }).fill(cleoCode.toLowerCase());
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(page.locator('#arrived')).toHaveText('Cleo is checked in.');
  await expect(page.getByText('Checked in: 1 of 2 seats taken.')).toBeVisible();

  // The calendar file names the event's zone.
  const ics = await (await page.request.get(`${new URL(eventUrl).pathname}/calendar.ics`)).text();
  expect(ics).toContain(`SUMMARY:${title}`);
  expect(ics).toContain('DTSTART;TZID=Europe/Paris:');

  // The day comes: the shaker moves the start to the coming minute (the past is refused).
  const starts = new Date(Math.floor((Date.now() + 90_000) / 60_000) * 60_000);
  await page.goto(`${eventUrl}/edit`);
  await waitForHydration(page);
  await page.getByLabel('Starts', { exact: true }).fill(parisClock(starts));
  await page.getByLabel('Ends', { exact: true }).fill(parisClock(new Date(starts.getTime() + 2 * 3_600_000)));
  await page.getByRole('button', { name: 'Save the event' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.waitForTimeout(starts.getTime() - Date.now() + 1_000);

  // Afterwards the shaker records what came out of it; a wrong count is explained.
  await page.reload();
  await page.getByRole('link', { name: 'Record the outcome' }).click();
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel('How many people came', { exact: true }).fill('-2');
  await page.getByLabel('Ideas that came up', { exact: true }).fill('A **tool library** at the school');
  await page.getByRole('button', { name: 'Record the outcome' }).click();
  await expect(page.locator('#outcome-attendance-error')).toHaveText('Give a whole number within the allowed range.');
  await expect(page.getByLabel('Ideas that came up', { exact: true })).toHaveValue('A **tool library** at the school');
  await page.getByLabel('How many people came', { exact: true }).fill('14');
  await page.getByRole('button', { name: 'Record the outcome' }).click();
  await expect(page.getByText('People who came: 14')).toBeVisible();
  await expect(page.locator('.event-outcome strong')).toHaveText('tool library');

  // Cleo, who came, starts an initiative from the event, inspired by the repair café.
  const started = `Croix-Rousse Tool Library ${Date.now()}`;
  await cleo.goto(eventUrl);
  await cleo.getByRole('link', { name: 'Start an initiative from this event' }).click();
  await waitForHydration(cleo);
  await expectAccessible(cleo);
  await cleo.getByLabel('Name of the initiative', { exact: true }).fill(started);
  await cleo.getByLabel('In one or two sentences', { exact: true }).fill('Neighbours lend each other tools.');
  await cleo.getByLabel('Description', { exact: true }).fill('Drills, ladders and saws, in the school basement.');
  await cleo.getByLabel('City', { exact: true }).fill('Lyon, France');
  await cleo.getByLabel('Solidarity', { exact: true }).check();
  await cleo.getByLabel(/^Lyon Repair Café/).check();
  await cleo.getByRole('button', { name: 'Submit for review' }).click();
  await expect(cleo.getByRole('heading', { level: 1 })).toHaveText(started);
  const startedId = new URL(cleo.url()).pathname.split('/').pop()!;

  // The shaker confirms the links Cleo proposed; once published, both pages show them.
  await page.goto(`${eventUrl}/outcome`);
  await waitForHydration(page);
  const confirm = page.getByRole('button', { name: `Confirm: ${started}` });
  await expect(confirm).toHaveCount(2);
  await confirm.first().click();
  await expect(confirm).toHaveCount(1);
  await confirm.first().click();
  await expect(confirm).toHaveCount(0);
  await api(moderator, 'initiatives/review', { 'form[id]': startedId, 'form[decision]': 'approve', 'form[note]': '' });
  // The lineage map's tiles come from OpenStreetMap, stubbed here (no network in tests): 1×1 PNG.
  const tile = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );
  await page.route('https://tile.openstreetmap.org/**', (route) => route.fulfill({ contentType: 'image/png', body: tile }));
  await page.goto(`/initiatives/${deck[0]}`);
  const inspiration = page.getByRole('region', { name: 'Inspiration' });
  await expect(inspiration).toContainText('Has inspired');
  await expect(inspiration.getByRole('link', { name: started })).toBeVisible();
  await inspiration.getByRole('link', { name: started }).click();
  await expect(page.getByRole('region', { name: 'Inspiration' }).getByRole('link', { name: title })).toBeVisible();
  await page.goto(eventUrl);
  await expect(page.getByRole('region', { name: 'What came out of it' }).getByRole('link', { name: started })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('without JavaScript a member signs up and finds the event in the list', async ({ browser }) => {
  test.setTimeout(120_000);
  const [moderator, moderatorEmail] = await newMember(browser, 'Milo');
  createAdmin(moderatorEmail);
  const title = `Action day ${Date.now()}`;
  await api(moderator, 'events/save', {
    'form[title]': title,
    'form[format]': 'action_day',
    'form[language]': 'en',
    'form[starts]': `${dayIn(10)}T09:00`,
    'form[ends]': `${dayIn(10)}T17:00`,
    'form[city]': 'Lyon, France',
    'form[address]': 'Parc de la Tête d’Or',
    'form[languages][0]': 'en',
  });
  // Noah signs up with JavaScript, then goes on without it (same session).
  const [withScript] = await newMember(browser, 'Noah');
  const context = await browser.newContext({
    javaScriptEnabled: false,
    locale: 'en-GB',
    storageState: await withScript.context().storageState(),
    extraHTTPHeaders: { 'x-forwarded-for': someAddress() },
  });
  const page = await context.newPage();
  await page.goto('/events?city=Lyon%2C+France');
  await expect(page.getByText('Nearest to Lyon, France first.')).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You are signed up' })).toBeVisible();
  // (axe needs scripts in the page: the same page is checked with JavaScript above.)
});

test('a visitor without an account signs up by email, confirms through the mailed link, then cancels', async ({
  browser,
  page,
  consoleErrors,
}) => {
  test.setTimeout(150_000);
  const [shaker, shakerEmail] = await newMember(browser, 'Sasha');
  createAdmin(shakerEmail);
  const title = `Neighbours' workshop ${Date.now()}`;
  await api(shaker, 'events/save', {
    'form[title]': title,
    'form[format]': 'creative_workshop',
    'form[language]': 'en',
    'form[starts]': `${dayIn(12)}T18:00`,
    'form[ends]': `${dayIn(12)}T20:00`,
    'form[city]': 'Lyon, France',
    'form[address]': '5 place Sathonay',
    'form[languages][0]': 'en',
    'form[capacity]': '10',
    'form[max_party_size]': '2',
  });

  // Rosa has no account: she signs up with her name and address.
  await page.goto('/events?city=Lyon%2C+France');
  await page.getByRole('link', { name: title }).click();
  await waitForHydration(page);
  const eventPath = new URL(page.url()).pathname;
  const form = page.getByRole('form', { name: 'No account? Sign up with your email address' });
  await form.getByLabel('Your name', { exact: true }).fill('Rosa Visitor');
  await form.getByLabel('Your email address', { exact: true }).fill('rosa@');
  await form.getByLabel('How many of you are coming?').fill('2');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Sign up' }).click();
  await expect(form.getByText('Please enter an email address such as name@example.org.')).toBeVisible();
  await expect(form.getByLabel('Your name', { exact: true })).toHaveValue('Rosa Visitor');
  const email = uniqueEmail('rosa');
  await form.getByLabel('Your email address', { exact: true }).fill(email);
  await form.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');

  // The link works without JavaScript: confirm, and the code is there.
  const link = await linkFromMail(page, email, `${eventPath}/guest`);
  const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  const noScript = await plain.newPage();
  await noScript.goto(link);
  await expect(noScript.getByText('Signed up as Rosa Visitor.')).toBeVisible();
  await noScript.getByRole('button', { name: 'Confirm my sign-up' }).click();
  await expect(noScript.getByRole('status').filter({ hasText: 'You are signed up' })).toBeVisible();
  const code = (await noScript.locator('.signup-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  await expect(noScript.getByText('You come as a group of 2.')).toBeVisible();

  // The organiser sees her with her code.
  await shaker.goto(`${eventPath}/attendees`);
  await expect(shaker.getByRole('heading', { name: 'Rosa Visitor' })).toBeVisible();
  await expect(shaker.getByText(code)).toBeVisible();

  // Later, with JavaScript, the same link cancels.
  await page.goto(link);
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Cancel my sign-up' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cancelled' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel my sign-up' })).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
