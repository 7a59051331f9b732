import { Browser, Page, Request } from '@playwright/test';
import { test, expect, expectAccessible, waitForHydration, uniqueEmail, signUp, createAdmin, someAddress } from './support';

/// A member in a browser of their own.
async function newMember(browser: Browser, name: string): Promise<[Page, string]> {
  const context = await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: { 'x-forwarded-for': someAddress() } });
  const page = await context.newPage();
  const email = uniqueEmail(name.toLowerCase());
  await signUp(page, name, email);
  return [page, email];
}

/// An initiative spotted by `spotter` through the API and published by `moderator`.
async function publishedInitiative(spotter: Page, moderator: Page, title: string): Promise<string> {
  const headers = { accept: 'application/json' };
  const saved = await spotter.request.post('/api/initiatives/save', {
    headers,
    form: {
      'form[language]': 'en',
      'form[title]': title,
      'form[summary]': 'Neighbours fix things together once a month.',
      'form[description]': 'Bring a broken object; fix it with a volunteer.',
      'form[city]': 'Paris, France',
      'form[themes][0]': 'solidarity',
      'form[intent]': 'submit',
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const mine = await spotter.request.get('/api/initiatives/mine?language=en', { headers });
  const id = String((await mine.json())[0].id);
  const approved = await moderator.request.post('/api/initiatives/review', {
    headers,
    form: { 'form[id]': id, 'form[decision]': 'approve', 'form[note]': '' },
  });
  expect(approved.status(), await approved.text()).toBe(200);
  return id;
}

const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtube-nocookie\.com|youtu\.be|ytimg\.com|googlevideo\.com)$/;

test('a reporter attaches a report with chapters, a moderator publishes it, a visitor plays it from a chapter', async ({
  page,
  browser,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  const initiativeTitle = `Belleville Repair Café ${suffix}`;
  const reportTitle = `Inside the Repair Café ${suffix}`;

  // The reporter takes the role on their profile; a moderator publishes their initiative.
  await signUp(page, 'Rita Reporter', uniqueEmail('rita'));
  await page.goto('/my/profile');
  await waitForHydration(page);
  await page.getByLabel('Reporter', { exact: true }).check();
  await page.getByRole('button', { name: 'Save my profile' }).click();
  await expect(page.getByRole('list', { name: 'What you do in the movement' })).toContainText('Reporter');
  const [moderator, moderatorEmail] = await newMember(browser, 'Mona');
  createAdmin(moderatorEmail);
  const initiative = await publishedInitiative(page, moderator, initiativeTitle);

  // The form: an address that is not a video, and chapters out of order, are explained beside
  // their fields; what was typed stays.
  await page.goto(`/initiatives/${initiative}`);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Attach a video report' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Attach a video report');
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel('Address of the video').fill('https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ');
  await page.getByLabel('Duration').fill('12:30');
  await page.getByLabel('Filmed on').fill('2026-05-14');
  await page.getByRole('group', { name: 'Subtitles available' }).getByLabel('French').check();
  await page.getByLabel('Title of the report').fill(reportTitle);
  await page.getByLabel('What the report teaches').fill('How the first volunteers were found, and how it lasts.');
  const chapters: [string, string][] = [
    ['0:00', 'The first evening'],
    ['3:12', 'Finding the first volunteers'],
    ['2:00', 'Keeping it free'],
  ];
  for (const [row, [time, title]] of chapters.entries()) {
    await page.locator(`#report-chapter-${row}-time`).fill(time);
    await page.locator(`#report-chapter-${row}-title`).fill(title);
  }
  await page.locator('#report-speaker-0-name').fill('Martine Postma');
  await page.locator('#report-speaker-0-role').fill('founder');
  await page.getByLabel('Transcript', { exact: true }).fill('It all began with a broken toaster.');
  await page.getByLabel('The people filmed agreed to the publication of this report.').check();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.locator('#report-address-error')).toContainText('Reports show videos from YouTube, Vimeo, Dailymotion');
  await expect(page.locator('#report-chapter-2-time-error')).toContainText('must start after the one above it');
  await expect(page.getByLabel('Title of the report')).toHaveValue(reportTitle);
  await page.getByLabel('Address of the video').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
  await page.locator('#report-chapter-2-time').fill('10:00');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(reportTitle);
  await expect(page.getByRole('status').first()).toContainText('Submitted');
  const reportPath = new URL(page.url()).pathname;

  // The moderator finds it in the queue and publishes it.
  await moderator.goto('/review');
  await moderator.getByRole('link', { name: reportTitle }).click();
  await expect(moderator.getByRole('heading', { level: 1 })).toHaveText(reportTitle);
  await waitForHydration(moderator);
  await moderator.getByRole('button', { name: 'Publish' }).click();
  await expect(moderator.getByRole('button', { name: 'Publish' })).toHaveCount(0);

  // A visitor: nothing is asked of the video provider until they press play.
  const visitor = await (
    await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: { 'x-forwarded-for': someAddress() } })
  ).newPage();
  const visitorErrors: string[] = [];
  visitor.on('pageerror', (error) => visitorErrors.push(String(error)));
  visitor.on('console', (message) => {
    if (message.type() === 'error') visitorErrors.push(message.text());
  });
  const providerRequests: string[] = [];
  visitor.on('request', (request: Request) => {
    if (VIDEO_HOSTS.test(new URL(request.url()).hostname)) providerRequests.push(request.url());
  });
  await visitor.route('https://www.youtube-nocookie.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Player</title><p>Stub player</p>' }),
  );
  await visitor.goto('/reports');
  await waitForHydration(visitor);
  await visitor.getByRole('link', { name: reportTitle }).click();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(reportTitle);
  await waitForHydration(visitor);
  const play = visitor.getByRole('link', { name: `Play the video: ${reportTitle}` });
  await expect(play.locator('img')).toHaveAttribute('src', /^\/media\/reports\/.+\.jpg$/);
  await expect(visitor.locator('iframe')).toHaveCount(0);
  await expectAccessible(visitor);
  expect(providerRequests, 'no request to the provider before play').toEqual([]);

  await play.click();
  const player = visitor.locator('iframe.player-frame');
  await expect(player).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1');
  await expect.poll(() => providerRequests.length).toBeGreaterThan(0);
  expect(providerRequests.every((url) => url.startsWith('https://www.youtube-nocookie.com/'))).toBe(true);

  // A chapter plays the video from its time code.
  await visitor.getByRole('link', { name: 'Play from 3:12: Finding the first volunteers' }).click();
  await expect(player).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=192');
  await expect
    .poll(() => providerRequests.some((url) => url.includes('start=192')))
    .toBe(true);
  expect(new URL(visitor.url()).pathname).toBe(reportPath);

  // The transcript is the accessible alternative, folded under the player.
  await visitor.getByText('Transcript', { exact: true }).click();
  await expect(visitor.getByText('It all began with a broken toaster.')).toBeVisible();
  expect(visitorErrors, 'console errors of the visitor').toEqual([]);

  // Without JavaScript, play and chapters are plain links: the server renders the player.
  const noScript = await (await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' })).newPage();
  await noScript.route('https://www.youtube-nocookie.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Player</title>' }),
  );
  await noScript.goto(reportPath);
  await expect(noScript.locator('iframe')).toHaveCount(0);
  await noScript.getByRole('link', { name: 'Play from 10:00: Keeping it free' }).click();
  await expect(noScript.locator('iframe.player-frame')).toHaveAttribute(
    'src',
    'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=600',
  );
});
