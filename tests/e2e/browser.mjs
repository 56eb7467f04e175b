// What every browser script shares, test or not: how Chromium starts, where the front end is, when a page is ready.

export const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** How long any single wait may take before the test fails. */
export const timeout = 10_000;

/** The address of the running front end, from SF_BASE_URL, without a trailing slash. */
export function baseUrl() {
  const url = process.env.SF_BASE_URL;
  if (!url) {
    throw new Error(
      'SF_BASE_URL is not set. Point it at a running front end, e.g. ' +
        'SF_BASE_URL=http://127.0.0.1:4173 npm run e2e (see src/Web/README.md).',
    );
  }
  return url.replace(/\/+$/, '');
}

/** Waits until the page is ready: its h1 shows and nothing is still loading (aria-busy). */
export async function pageReady(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout });
}
