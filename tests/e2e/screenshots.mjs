// `./support screenshots`: every customer page at 390 and 1280 px, in Russian and English, as full-page PNGs in
// SF_SCREENSHOTS (artifacts/screenshots by default), named <page>.<language>.<width>.png. Needs SF_BASE_URL of a
// running stack with the demo data. Prints the pages that scroll sideways, and exits 1 if any does.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { customerPages, demoTicketPage, languages, newCustomerContext, overflowingElements, sidewaysOverflow, signedInState, widths } from './customer-pages.mjs';
import { baseUrl, launchOptions, pageReady } from './browser.mjs';

const folder = process.env.SF_SCREENSHOTS ?? 'artifacts/screenshots';
await mkdir(folder, { recursive: true });
const browser = await chromium.launch(launchOptions);
const wide = [];
let count = 0;
try {
  const storageState = await signedInState(browser, baseUrl());
  const setup = await browser.newContext({ baseURL: baseUrl(), storageState });
  const pages = [...(await customerPages(setup.request)), await demoTicketPage(setup.request)];
  await setup.close();

  for (const width of widths) {
    for (const language of languages) {
      for (const signedIn of [false, true]) {
        const context = await newCustomerContext(browser, { baseURL: baseUrl(), width, language, storageState: signedIn ? storageState : undefined });
        const page = await context.newPage();
        for (const { name, path } of pages.filter((p) => p.signedIn === signedIn)) {
          await page.goto(path);
          await pageReady(page);
          const file = join(folder, `${name}.${language}.${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          count++;
          if ((await sidewaysOverflow(page)) > 0) wide.push(`${file}: ${(await overflowingElements(page)).join(', ')}`);
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
}
console.log(`${count} screenshots in ${folder}`);
if (wide.length > 0) {
  console.error(`pages that scroll sideways:\n  ${wide.join('\n  ')}`);
  process.exitCode = 1;
}
