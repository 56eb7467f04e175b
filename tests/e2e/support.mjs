// Shared browser-test helpers: one Chromium per test file, a fresh context per test, waits on conditions only.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { baseUrl, launchOptions, pageReady, timeout } from './browser.mjs';

export { baseUrl, launchOptions, pageReady, timeout };

let browser;

/** The test file's browser, launched on first use and closed when the file's tests end. */
export function sharedBrowser() {
  browser ??= chromium.launch(launchOptions);
  return browser;
}

after(async () => {
  if (browser) await (await browser).close();
});

/**
 * Runs `fn(page, context)` in a fresh browser context (no cookies, no storage) and returns its result.
 * The test also fails if the page threw an uncaught exception meanwhile.
 */
export async function withPage(fn) {
  const context = await (await sharedBrowser()).newContext({ baseURL: baseUrl() });
  context.setDefaultTimeout(timeout);
  try {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const result = await fn(page, context);
    assert.deepEqual(pageErrors, [], 'uncaught exceptions in the page');
    return result;
  } finally {
    await context.close();
  }
}

/** Loads `path` and waits until the page is ready: its h1 shows and nothing is still loading (aria-busy). */
export async function gotoPage(page, path) {
  const response = await page.goto(path);
  await pageReady(page);
  return response;
}


/** Switches the interface to `language` ('ru' | 'en') with the header switch, if it is not already. */
export async function useLanguage(page, language) {
  const html = page.locator('html');
  if ((await html.getAttribute('lang')) !== language) await page.locator('#language-switch').click();
  await eventually(async () => assert.equal(await html.getAttribute('lang'), language));
  await pageReady(page);
}

/** Retries `assertion` until it stops throwing or `timeout` ms pass, then rethrows its last error. */
export async function eventually(assertion, { timeout: limit = timeout, interval = 50 } = {}) {
  const deadline = Date.now() + limit;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await delay(interval);
  }
}

/** Fails listing every serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page, label) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const report = blocking.map(
    (violation) =>
      `  ${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes.map((node) => `    at ${node.target.join(' >> ')}`).join('\n'),
  );
  assert.equal(blocking.length, 0, `accessibility violations on ${label}:\n${report.join('\n')}`);
}

/** Answers requests for `pathname` with `status` and a JSON body (none if undefined), so a test needs no back end. */
export async function mockApi(context, pathname, status, body = undefined, onRequest = () => {}) {
  await context.route(
    (url) => url.pathname === pathname,
    (route) => {
      onRequest(route.request());
      if (body === undefined) return route.fulfill({ status });
      const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
      return route.fulfill({ status, contentType, body: JSON.stringify(body) });
    },
  );
}
