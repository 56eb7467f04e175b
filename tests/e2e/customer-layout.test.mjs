// The portal as a customer meets it on the real stack, at a phone's and a laptop's width, in both languages: no page
// scrolls sideways, and My tickets shows every ticket once however many times "Show more" is pressed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { customerPages, demoTicketPage, languages, newCustomerContext, overflowingElements, sidewaysOverflow, signedInState, widths } from './customer-pages.mjs';
import { mailUrl, tokenFromMail } from './mail.mjs';
import { baseUrl, eventually, pageReady, sharedBrowser } from './support.mjs';

const skip = !mailUrl() && 'SF_STACK_FILE is not set';

/** More tickets than My tickets shows at once (src/Web/src/pages/tickets.ts, ticketsPerPage). */
const ticketCount = 25;

let customerWithManyTickets;
let demoSession;

/** A new customer (signed up and confirmed through the mail) with `ticketCount` open tickets, made once per run. */
function manyTicketsCustomer(request) {
  customerWithManyTickets ??= (async () => {
    const account = { email: `pages-${Date.now()}@example.com`, password: 'a long and quiet passphrase' };
    const created = await request.post('/api/accounts', { data: { ...account, displayName: 'Paging Customer', language: 'ru' } });
    assert.equal(created.status(), 202);
    const verified = await request.post('/api/accounts/verify', { data: { token: await tokenFromMail(account.email, 'Подтвердите адрес') } });
    assert.equal(verified.status(), 200);
    const session = await request.post('/api/session', { data: account });
    const { accessToken } = await session.json();
    const storageState = await request.storageState();
    const ids = [];
    for (let i = 1; i <= ticketCount; i++) {
      const ticket = await request.post('/api/tickets', {
        headers: { Authorization: `Bearer ${accessToken}`, 'Idempotency-Key': `${account.email}-${i}` },
        data: { subject: `Paging check ${i}`, description: 'One of many tickets.' },
      });
      assert.equal(ticket.status(), 201, await ticket.text());
      ids.push((await ticket.json()).id);
    }
    return { storageState, ids };
  })();
  return customerWithManyTickets;
}

for (const width of widths) {
  for (const language of languages) {
    test(`no customer page scrolls sideways at ${width} px (${language})`, { skip }, async () => {
      const browser = await sharedBrowser();
      demoSession ??= signedInState(browser, baseUrl());
      const storageState = await demoSession;
      const wide = [];
      for (const signedIn of [false, true]) {
        const context = await newCustomerContext(browser, { baseURL: baseUrl(), width, language, storageState: signedIn ? storageState : undefined });
        try {
          const all = [...(await customerPages(context.request)), ...(signedIn ? [await demoTicketPage(context.request)] : [])];
          const page = await context.newPage();
          for (const { path } of all.filter((p) => p.signedIn === signedIn)) {
            await page.goto(path);
            await pageReady(page);
            assert.equal(await page.locator('html').getAttribute('lang'), language, `${path} is in ${language}`);
            const overflow = await sidewaysOverflow(page);
            if (overflow > 0) wide.push(`${path} by ${overflow} px: ${(await overflowingElements(page)).join(', ')}`);
          }
        } finally {
          await context.close();
        }
      }
      assert.deepEqual(wide, [], 'pages wider than the window');
    });

    test(`My tickets shows each of ${ticketCount} tickets exactly once across its pages at ${width} px (${language})`, { skip }, async () => {
      const browser = await sharedBrowser();
      const setup = await browser.newContext({ baseURL: baseUrl() });
      const { storageState, ids } = await manyTicketsCustomer(setup.request).finally(() => setup.close());
      const context = await newCustomerContext(browser, { baseURL: baseUrl(), width, language, storageState });
      try {
        const page = await context.newPage();
        await page.goto('/tickets');
        await pageReady(page);
        const rows = page.locator('table.tickets-table tbody tr');
        const more = page.getByRole('button', { name: language === 'ru' ? 'Показать ещё' : 'Show more' });
        assert.ok((await rows.count()) < ticketCount, 'the first page holds fewer than all tickets');
        for (let pressed = 0; await more.isVisible(); pressed++) {
          assert.ok(pressed < ticketCount, '"Show more" stops being offered');
          const before = await rows.count();
          await more.click();
          await eventually(async () => assert.ok((await rows.count()) > before || !(await more.isVisible()), 'the next page arrives'));
          await pageReady(page);
        }
        const shown = await rows.locator('a[href^="/tickets/"]').evaluateAll((links) => links.map((link) => Number(link.getAttribute('href').split('/').pop())));
        assert.equal(shown.length, new Set(shown).size, `no ticket twice: ${shown.join(', ')}`);
        assert.deepEqual([...shown].sort((a, b) => a - b), [...ids].sort((a, b) => a - b));
        assert.equal(await sidewaysOverflow(page), 0, 'the long list does not scroll sideways');
      } finally {
        await context.close();
      }
    });
  }
}
