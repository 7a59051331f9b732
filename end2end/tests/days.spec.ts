import { Browser, Page } from '@playwright/test';
import {
  test,
  expect,
  expectAccessible,
  waitForHydration,
  uniqueEmail,
  signUp,
  createAdmin,
  someAddress,
} from './support';

/// "2027-01-14T19:05": `at` on the clocks of `zone`, as date and time fields take it.
function clock(at: Date, zone: string) {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return format.format(at).replace(' ', 'T');
}

/// A member in a browser of their own, signed up in `city`.
async function newMember(browser: Browser, name: string, city: string): Promise<[Page, string]> {
  const context = await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: { 'x-forwarded-for': someAddress() } });
  const page = await context.newPage();
  const email = uniqueEmail(name.toLowerCase());
  await signUp(page, name, email, city);
  return [page, email];
}

/// The member takes the shaker role on their profile.
async function becomeShaker(page: Page) {
  await page.goto('/my/profile');
  await waitForHydration(page);
  await page.getByLabel('Shaker', { exact: true }).check();
  await page.getByRole('button', { name: 'Save my profile' }).click();
  await expect(page.getByRole('list', { name: 'What you do in the movement' })).toContainText('Shaker');
}

/// Calls a server function from the page's session, as its forms do, and expects success.
async function api(page: Page, endpoint: string, form: Record<string, string>) {
  const reply = await page.request.post(`/api/${endpoint}`, { form, headers: { accept: 'application/json' } });
  expect(reply.status(), await reply.text()).toBe(200);
  return reply;
}

/// The shaker joins the Day from its page: the form comes prefilled from the kit; they say
/// where and when, on their city's clocks.
async function joinDay(shaker: Page, dayUrl: string, city: string, starts: string, ends: string) {
  await shaker.goto(dayUrl);
  await shaker.getByRole('link', { name: 'Organise it in my city' }).click();
  await waitForHydration(shaker);
  await expect(shaker.getByLabel('Title', { exact: true })).toHaveValue(/^Seed Library Day/);
  await shaker.getByLabel('City', { exact: true }).fill(city);
  await shaker.getByLabel('Address', { exact: true }).fill('The neighbourhood hall');
  await shaker.getByLabel('Starts', { exact: true }).fill(starts);
  await shaker.getByLabel('Ends', { exact: true }).fill(ends);
  await shaker.getByRole('button', { name: 'Save the event' }).click();
}

test('an admin creates a Day, three cities join it, and what one city started shows on the lineage', async ({
  page,
  browser,
  consoleErrors,
}) => {
  // Three shakers, two members and the wait for the Paris event to begin (about 2 minutes).
  test.setTimeout(420_000);
  const stamp = Date.now();
  // Map tiles come from OpenStreetMap, stubbed here (no network in tests): a 1×1 PNG.
  const tile = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );
  await page.route('https://tile.openstreetmap.org/**', (route) => route.fulfill({ contentType: 'image/png', body: tile }));
  // The Paris event starts in about four minutes: the Day is that date, on Paris's clocks.
  // Rio and Bogotá are behind Paris, so an evening there on the same date is still to come.
  const parisStart = new Date(Math.ceil((Date.now() + 240_000) / 60_000) * 60_000);
  const day = clock(parisStart, 'Europe/Paris').slice(0, 10);

  // The admin (who moderates too) publishes the initiative the Day will replicate.
  const adminEmail = uniqueEmail('ada');
  await signUp(page, 'Ada Admin', adminEmail, 'Lyon, France');
  createAdmin(adminEmail);
  const featuredTitle = `Seed Library ${stamp}`;
  await api(page, 'initiatives/save', {
    'form[language]': 'en',
    'form[title]': featuredTitle,
    'form[summary]': 'Neighbours share seeds in a library drawer.',
    'form[description]': 'Take seeds in spring, bring seeds back in autumn.',
    'form[city]': 'Lyon, France',
    'form[themes][0]': 'food_gardens',
    'form[intent]': 'submit',
  });
  const mine = await page.request.get('/api/initiatives/mine?language=en', { headers: { accept: 'application/json' } });
  const featured = String((await mine.json())[0].id);
  await api(page, 'initiatives/review', { 'form[id]': featured, 'form[decision]': 'approve', 'form[note]': '' });

  // The admin creates the Day; a date already over is explained and nothing typed is lost.
  await page.goto('/days');
  await page.getByRole('link', { name: 'Create a Day' }).click();
  await waitForHydration(page);
  await expectAccessible(page);
  const dayName = `Seed Library Day ${stamp}`;
  await page.getByLabel('Date', { exact: true }).fill('2020-05-22');
  await page.getByLabel('Initiative to replicate', { exact: true }).fill(`${new URL(page.url()).origin}/initiatives/${featured}`);
  await page.getByLabel('Name of the Day', { exact: true }).fill(dayName);
  await page.getByLabel('The open call', { exact: true }).fill('Open a seed library in your city for one day.');
  await page.getByLabel('What to do', { exact: true }).fill('Find a drawer, seeds and **envelopes**.');
  await page.getByLabel('A suggested programme', { exact: true }).fill('- 10:00 swap seeds\n- 12:00 plant together');
  await page.getByLabel('Poster text', { exact: true }).fill('Free seeds! Bring yours.');
  await page.getByRole('button', { name: 'Save the Day' }).click();
  await expect(page.locator('#day-date-error')).toHaveText('This moment has passed already: choose one to come.');
  await expect(page.getByLabel('Name of the Day', { exact: true })).toHaveValue(dayName);
  await page.getByLabel('Date', { exact: true }).fill(day);
  await page.getByRole('button', { name: 'Save the Day' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(dayName);
  await expect(page.getByText('No city has joined yet: be the first.')).toBeVisible();
  const dayUrl = page.url();

  // Shakers in Paris, Rio de Janeiro and Bogotá create their events from the kit.
  const [paris] = await newMember(browser, 'Pia', 'Paris, France');
  const [rio] = await newMember(browser, 'Rui', 'Rio de Janeiro, Brazil');
  const [bogota] = await newMember(browser, 'Bea', 'Bogotá, Colombia');
  for (const shaker of [paris, rio, bogota]) await becomeShaker(shaker);
  const parisEnd = new Date(parisStart.getTime() + 2 * 3_600_000);
  await joinDay(paris, dayUrl, 'Paris, France', clock(parisStart, 'Europe/Paris'), clock(parisEnd, 'Europe/Paris'));
  await expect(paris.getByRole('heading', { level: 1 })).toHaveText(`Seed Library Day ${stamp}`);
  await expect(paris.getByRole('link', { name: dayName })).toBeVisible();
  const parisEvent = paris.url();
  // A date after the Day is refused beside the field, the rest kept.
  const nextDay = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await joinDay(rio, dayUrl, 'Rio de Janeiro, Brazil', `${nextDay}T10:00`, `${nextDay}T12:00`);
  await expect(rio.locator('#event-starts-error')).toHaveText("The event must start on the Day’s date, on your city’s clocks.");
  await expect(rio.getByLabel('City', { exact: true })).toHaveValue('Rio de Janeiro, Brazil');
  await rio.getByLabel('Starts', { exact: true }).fill(`${day}T22:00`);
  await rio.getByLabel('Ends', { exact: true }).fill(`${day}T23:30`);
  await rio.getByRole('button', { name: 'Save the event' }).click();
  await expect(rio.getByRole('heading', { level: 1 })).toHaveText(`Seed Library Day ${stamp}`);
  const rioEvent = rio.url();
  await joinDay(bogota, dayUrl, 'Bogotá, Colombia', `${day}T21:00`, `${day}T23:00`);
  await expect(bogota.getByRole('heading', { level: 1 })).toHaveText(`Seed Library Day ${stamp}`);

  // Members sign up as for any event.
  const [cleo] = await newMember(browser, 'Cleo', 'Paris, France');
  const [dan] = await newMember(browser, 'Dan', 'Rio de Janeiro, Brazil');
  for (const [person, eventUrl] of [
    [cleo, parisEvent],
    [dan, rioEvent],
  ] as const) {
    await person.goto(eventUrl);
    await waitForHydration(person);
    await person.getByRole('button', { name: 'Sign up' }).click();
    await expect(person.getByRole('status').filter({ hasText: 'You are signed up' })).toBeVisible();
  }

  // The Day's page: three cities in three countries, three events, two people signed up.
  await page.goto(dayUrl);
  await waitForHydration(page);
  const totals = page.locator('.day-totals');
  await expect(totals.getByRole('definition')).toHaveText(['3', '3', '3', '2']);
  await expect(page.locator('.day-cities > li h3')).toHaveText(['Bogotá, Colombia', 'Paris, France', 'Rio de Janeiro, Brazil']);
  await expect(page.locator('.day-countdown')).toContainText('today in Paris');
  await expect(page.locator('.lineage-map[data-ready="true"]')).toHaveCount(1);
  await expectAccessible(page);

  // The Paris event begins; its shaker records what came out of it.
  await paris.waitForTimeout(Math.max(0, parisStart.getTime() - Date.now() + 1_000));
  await paris.goto(parisEvent);
  await paris.getByRole('link', { name: 'Record the outcome' }).click();
  await waitForHydration(paris);
  await paris.getByLabel('How many people came', { exact: true }).fill('12');
  await paris.getByLabel('Ideas that came up', { exact: true }).fill('A seed drawer at the **school**');
  await paris.getByRole('button', { name: 'Record the outcome' }).click();
  await expect(paris.getByText('People who came: 12')).toBeVisible();

  // Cleo, who came, starts an initiative from the event, inspired by the featured one.
  const started = `Belleville Seed Drawer ${stamp}`;
  await cleo.goto(parisEvent);
  await cleo.getByRole('link', { name: 'Start an initiative from this event' }).click();
  await waitForHydration(cleo);
  await cleo.getByLabel('Name of the initiative', { exact: true }).fill(started);
  await cleo.getByLabel('In one or two sentences', { exact: true }).fill('A seed drawer in the school hall.');
  await cleo.getByLabel('Description', { exact: true }).fill('Parents and children swap seeds every Friday.');
  await cleo.getByLabel('City', { exact: true }).fill('Paris, France');
  await cleo.getByLabel('Food and gardens', { exact: true }).check();
  await cleo.getByLabel(new RegExp(`^${featuredTitle}`)).check();
  await cleo.getByRole('button', { name: 'Submit for review' }).click();
  await expect(cleo.getByRole('heading', { level: 1 })).toHaveText(started);
  const startedId = new URL(cleo.url()).pathname.split('/').pop()!;

  // The Paris shaker confirms the links; the admin publishes the new initiative.
  await paris.goto(`${parisEvent}/outcome`);
  await waitForHydration(paris);
  const confirm = paris.getByRole('button', { name: `Confirm: ${started}` });
  await expect(confirm).toHaveCount(2);
  await confirm.first().click();
  await expect(confirm).toHaveCount(1);
  await confirm.first().click();
  await expect(confirm).toHaveCount(0);
  await api(page, 'initiatives/review', { 'form[id]': startedId, 'form[decision]': 'approve', 'form[note]': '' });

  // The Day's page shows what Paris recorded and started.
  await page.goto(dayUrl);
  await expect(page.locator('.day-outcome')).toContainText('People who came: 12');
  await expect(page.locator('.day-event').getByRole('link', { name: started })).toBeVisible();

  // The featured initiative's page shows the new one in its lineage, on the map and in the list.
  await page.goto(`/initiatives/${featured}`);
  await waitForHydration(page);
  const inspiration = page.locator('section.inspiration');
  await expect(inspiration.locator('.lineage-counts dd')).toHaveText(['1', '1', '1']);
  await expect(inspiration.locator('.lineage-tree').getByRole('link', { name: started })).toBeVisible();
  await expect(inspiration.locator('.lineage-places')).toContainText('Paris, France — 1');
  await expect(inspiration.locator('.lineage-map[data-ready="true"]')).toHaveCount(1);
  await expect(inspiration.locator(`img.leaflet-marker-icon[alt="${started}"]`)).toHaveCount(1);
  await expectAccessible(page);
  // And the new initiative says what inspired it.
  await page.goto(`/initiatives/${startedId}`);
  await expect(page.locator('.lineage-up').getByRole('link', { name: featuredTitle })).toBeVisible();
});
