import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/// Every page a journey visits must pass axe with the WCAG 2.x A and AA rules.
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, 'axe violations').toEqual([]);
}

/// The wasm marks the body once hydration is done.
export async function waitForHydration(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

/// A documentation address (TEST-NET-3) of its own, for a browser context's X-Forwarded-For.
export function someAddress() {
  return `203.0.113.${1 + Math.floor(Math.random() * 254)}`;
}

/// Fails the test on any console error or uncaught exception (CSP violations included).
export const test = base.extend<{ consoleErrors: string[] }>({
  context: async ({ context }, use) => {
    await context.setExtraHTTPHeaders({ 'x-forwarded-for': someAddress() });
    await use(context);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Chromium logs every 4xx answer; a server function refusing bad input with 400/401 is the
      // behaviour under test, not an error of the page.
      const refusedApiCall =
        message.text().startsWith('Failed to load resource: the server responded with a status of 4') &&
        message.location().url.includes('/api/');
      if (!refusedApiCall) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
  },
});

export { expect };

export function uniqueEmail(prefix: string) {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.org`;
}

export const PASSWORD = 'a long enough password';

/// Signs up through the form, follows the confirmation link the server mailed, and waits until
/// the header greets the new member.
export async function signUp(page: Page, name: string, email: string, city = 'Paris') {
  await page.goto('/signup');
  await waitForHydration(page);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('City where you live').fill(city);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
  await confirmEmail(page, email, name);
}

/// Opens the confirmation link mailed to `email` and confirms: the member is then logged in.
export async function confirmEmail(page: Page, email: string, name: string) {
  await page.goto(await linkFromMail(page, email, '/account/confirm'));
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page.getByTestId('logged-in-as')).toHaveText(`Logged in as ${name}`);
}

/// The .eml files the server behind `page` wrote to its outbox folder (see playwright.config.ts).
export function outboxMails(page: Page): string[] {
  const folder = path.join('..', 'target', 'e2e', new URL(page.url()).port, 'outbox');
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .map((name) => fromQuotedPrintable(fs.readFileSync(path.join(folder, name), 'latin1')));
}

/// The folder mailer writes bodies quoted-printable: long lines are cut with `=` and `=` is `=3D`.
function fromQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/// The path and token of the link to `pagePath` mailed to `email` (the mail worker writes
/// every few seconds).
export async function linkFromMail(page: Page, email: string, pagePath: string): Promise<string> {
  const link = new RegExp(`${pagePath}\\?token=[0-9a-f]{64}`);
  let found = '';
  await expect
    .poll(
      () => {
        const mail = outboxMails(page).find((text) => text.includes(`To: ${email}`) && link.test(text));
        found = mail?.match(link)?.[0] ?? '';
        return found;
      },
      { timeout: 20_000 },
    )
    .not.toBe('');
  return found;
}

/// The first admin comes from the command line, as on a real installation.
export function createAdmin(email: string) {
  execFileSync(process.env.SERVER_BIN ?? '../target/release/newcityzens', ['create-admin', '--email', email], {
    cwd: '..',
    env: { ...process.env, DATABASE_URL: process.env.E2E_SQLITE_URL ?? 'sqlite://target/e2e/e2e.db' },
    input: '',
  });
}
