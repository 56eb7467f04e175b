// `./support lighthouse`: Lighthouse's accessibility, best-practices and SEO scores of the home page, sign-in and My tickets
// (signed in as the demo customer) on Debian's Chromium. Fails below accessibility 100, best practices 100 or SEO 95,
// listing the audits that cost points. Reports go to SF_LIGHTHOUSE (artifacts/lighthouse by default).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { baseUrl } from './browser.mjs';
import { demo } from './customer-pages.mjs';

const pages = [
  { name: 'home', path: '/' },
  { name: 'sign-in', path: '/sign-in' },
  // Scored with the demo customer's tickets on it, not the sign-in prompt.
  { name: 'tickets', path: '/tickets', signedIn: true, shows: 'table.tickets-table tbody tr' },
];
const minimum = { accessibility: 100, 'best-practices': 100, seo: 95 };
const folder = process.env.SF_LIGHTHOUSE ?? 'artifacts/lighthouse';
await mkdir(folder, { recursive: true });

const chrome = await launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
});
const failures = [];
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  for (const { name, path, signedIn, shows } of pages) {
    const page = await browser.newPage();
    if (signedIn) await signIn(page);
    // A signed-in page keeps the session cookie: Lighthouse would otherwise clear the origin's storage first.
    const result = await lighthouse(`${baseUrl()}${path}`, {
      output: 'html',
      logLevel: 'error',
      onlyCategories: Object.keys(minimum),
      disableStorageReset: Boolean(signedIn),
    }, undefined, page);
    await writeFile(join(folder, `${name}.html`), result.report);
    if (shows && !(await page.$(shows))) failures.push(`${path} was scored without ${shows} on it`);
    const scores = Object.entries(minimum).map(([category, least]) => {
      const score = Math.round(result.lhr.categories[category].score * 100);
      if (score < least) failures.push(`${path} ${category} ${score} < ${least}: ${costs(result.lhr, category).join(', ')}`);
      return `${category} ${score}`;
    });
    console.log(`${path.padEnd(10)} ${scores.join('  ')}`);
    await page.close();
  }
  await browser.disconnect();
} finally {
  await chrome.kill();
}
console.log(`reports in ${folder}`);
if (failures.length > 0) {
  console.error(`below the minimum:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
}

/** Signs the browser in as the demo customer the way the portal does: the session cookies land in the browser. */
async function signIn(page) {
  await page.goto(`${baseUrl()}/sign-in`);
  const status = await page.evaluate(async (account) => {
    const response = await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(account) });
    return response.status;
  }, demo);
  if (status !== 200) throw new Error(`the demo customer could not sign in: HTTP ${status}`);
}

/** The ids of the scored audits of a category that did not pass. */
function costs(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
    .map((ref) => ref.id);
}
