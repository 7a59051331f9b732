import { defineConfig } from '@playwright/test';

// test.sh builds the release site and passes where it is; each server gets a fresh database.
const server = process.env.SERVER_BIN ?? '../target/release/newcityzens';
const siteRoot = process.env.SITE_ROOT ?? 'target/site';

const STUB_PROVIDER_PORT = 3199;

function app(port: number, databaseUrl: string) {
  return {
    command: `${server} serve`,
    // From the project root, as run.sh starts it: the binary reads Leptos.toml there.
    cwd: '..',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe' as const,
    env: {
      DATABASE_URL: databaseUrl,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: siteRoot,
      SECURE_COOKIES: 'false',
      // Each journey's browser comes from its own address (support.ts), as people behind the
      // proxy of a real installation do: per-address limits (10 sign-ups an hour) then hold
      // for each, not for the whole suite.
      TRUST_PROXY: 'true',
      // Uploads and mails of a run stay out of data/ (the run command's own database).
      MEDIA_DIR: `target/e2e/${port}/media`,
      OUTBOX_DIR: `target/e2e/${port}/outbox`,
      // Reports' thumbnails come from the stand-in provider below, not the internet.
      VIDEO_PROVIDER_ORIGIN: `http://127.0.0.1:${STUB_PROVIDER_PORT}`,
      RUST_LOG: 'warn',
    },
  };
}

const postgres = process.env.E2E_POSTGRES_URL;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    locale: 'en-GB',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'node stub-provider.mjs',
      url: `http://127.0.0.1:${STUB_PROVIDER_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 10_000,
      env: { STUB_PORT: String(STUB_PROVIDER_PORT) },
    },
    app(3100, process.env.E2E_SQLITE_URL ?? 'sqlite://target/e2e/e2e.db'),
    ...(postgres ? [app(3101, postgres)] : []),
  ],
  projects: [
    { name: 'sqlite', use: { baseURL: 'http://127.0.0.1:3100' } },
    ...(postgres
      ? [{ name: 'postgres-smoke', use: { baseURL: 'http://127.0.0.1:3101' }, testMatch: /smoke\.spec\.ts/ }]
      : []),
  ],
});
