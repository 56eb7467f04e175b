// Ticket pages with the API stubbed (what each page shows and does), plus the whole flow against the real stack.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mailTo, mailUrl } from './mail.mjs';
import { eventually, expectAccessible, gotoPage, mockApi, pageReady, useLanguage, withPage } from './support.mjs';

const now = '2026-11-25T09:30:00Z';
const summary = (id, subject, status = 'open') => ({
  id,
  subject,
  updatedAt: now,
  lastReplier: { kind: 'staff', name: 'Anna' },
  department: 'general',
  type: 'question',
  status,
  priority: 'minimal',
});

const ticket = (status, messages) => ({
  ...summary(42, 'The app crashes on start', status),
  createdAt: now,
  osVersion: 'Windows 11',
  productVersions: 'Client 5.2',
  etag: 'W/"1"',
  messages,
});

const customerMessage = {
  id: 1,
  author: { kind: 'customer', name: 'Ivan' },
  body: 'It crashes.\n<b>not bold</b>',
  createdAt: now,
  attachments: [{ id: 'a'.repeat(32), fileName: 'screen.png', size: 2048, contentType: 'image/png' }],
};
const staffMessage = { id: 2, author: { kind: 'staff', name: 'Anna' }, body: 'Please send the log.', createdAt: now, attachments: [] };
const waitingEvent = { id: 3, author: { kind: 'system', name: 'system' }, body: '', createdAt: now, attachments: [], event: 'status_awaiting_customer' };

for (const language of ['ru', 'en']) {
  test(`My tickets lists open tickets and offers the resolved ones with their count (${language})`, () =>
    withPage(async (page, context) => {
      await mockApi(context, '/api/tickets', 200, { items: [summary(7, 'Licence server down'), summary(5, 'Slow export')], nextCursor: null, resolvedCount: 3 });
      await gotoPage(page, '/tickets');
      await useLanguage(page, language);

      const rows = page.locator('table.tickets-table tbody tr');
      assert.equal(await rows.count(), 2);
      assert.match(await rows.first().textContent(), /Licence server down/);
      const toggle = page.getByRole('link', { name: language === 'ru' ? 'Показать решённые (3)' : 'Show resolved (3)' });
      assert.equal(await toggle.getAttribute('href'), '/tickets?resolved=true');
      await expectAccessible(page, `/tickets (${language})`);
    }));

  test(`the ticket form says what "without a certificate" means before sending (${language})`, () =>
    withPage(async (page, context) => {
      await mockApi(context, '/api/me/certificates', 200, {
        items: [
          { id: 'c1', serial: 'SN-1', productName: 'Server', plan: 'premium', priority: 'high', validFrom: now, validTo: '2027-11-25T00:00:00Z', state: 'active', registeredAt: now },
          { id: 'c2', serial: 'SN-2', productName: 'Old', plan: 'standard', priority: 'normal', validFrom: now, validTo: now, state: 'expired', registeredAt: now },
        ],
      });
      await gotoPage(page, '/tickets/new');
      await useLanguage(page, language);

      const picker = page.locator('#ticket-certificate');
      assert.equal(await picker.locator('option').count(), 2, 'only valid certificates and "without"');
      assert.equal(await picker.inputValue(), 'c1');
      const notice = page.locator('#certificate-notice');
      assert.equal(await notice.isVisible(), false);
      await picker.selectOption('');
      await eventually(async () => assert.equal(await notice.isVisible(), true));
      assert.match(await notice.textContent(), language === 'ru' ? /минимальный приоритет/ : /minimal priority/);
      await expectAccessible(page, `/tickets/new (${language})`);
    }));

  test(`a ticket page shows the thread as text and a reply appears without a reload (${language})`, () =>
    withPage(async (page, context) => {
      let sent;
      await mockApi(context, '/api/tickets/42', 200, ticket('awaiting_customer', [customerMessage, staffMessage, waitingEvent]));
      await mockApi(context, '/api/tickets/42/messages', 201,
        ticket('open', [customerMessage, staffMessage, waitingEvent, { ...staffMessage, id: 4, author: { kind: 'customer', name: 'Ivan' }, body: 'Here is the log.' }]),
        (request) => { sent = request.postDataJSON(); });
      await gotoPage(page, '/tickets/42');
      await useLanguage(page, language);

      assert.match(await page.locator('main h1').textContent(), /42/);
      const first = page.locator('.thread .message').first();
      assert.match(await first.locator('.body').textContent(), /<b>not bold<\/b>/, 'markup stays text');
      assert.equal(await first.locator('.body b').count(), 0);
      assert.equal(await page.locator('.attachments a').getAttribute('href'), `/api/tickets/42/attachments/${'a'.repeat(32)}`);
      await expectAccessible(page, `/tickets/42 (${language})`);

      await page.evaluate(() => { window.__notReloaded = true; });
      await page.locator('#reply-body').fill('Here is the log.');
      await page.locator('.reply-form button[type=submit]').click();

      await eventually(async () => assert.equal(await page.locator('.thread .message').count(), 4));
      assert.equal(sent.body, 'Here is the log.');
      assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was not reloaded');
      assert.match(await page.locator('.ticket-details').textContent(), language === 'ru' ? /Ожидает поддержки/ : /Waiting for support/);
    }));
}

test('another customer’s or a missing ticket says it was not found', () =>
  withPage(async (page, context) => {
    await mockApi(context, '/api/tickets/99', 404, { status: 404, title: 'Not Found', code: 'not_found', detail: 'The ticket was not found.' });
    await gotoPage(page, '/tickets/99');
    await useLanguage(page, 'en');
    assert.match(await page.locator('main').textContent(), /Ticket not found/);
    await expectAccessible(page, '/tickets/99 not found');
  }));

/** The demo customer the local stack seeds (src/Functions/Accounts/AccountDemoSeeder.cs). */
const demo = { email: 'demo@example.com', password: 'Demo-Customer-2026' };

/** A valid 1×1 PNG: the "screenshot". */
const screenshot = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('a customer signs in, sends a ticket with a screenshot, finds it in My tickets, replies and sees the attachment', () =>
  withPage(async (page, context) => {
    await gotoPage(page, '/sign-in?next=/tickets/new');
    await useLanguage(page, 'en');
    await page.locator('#sign-in input[type=email]').fill(demo.email);
    await page.locator('#sign-in input[type=password]').fill(demo.password);
    await page.locator('#sign-in button[type=submit]').click();
    await page.waitForURL('**/tickets/new');
    await pageReady(page);
    await expectAccessible(page, 'the ticket form, signed in');

    const subject = `Export fails ${Date.now()}`;
    await page.locator('#ticket-certificate').selectOption('');
    await page.locator('#certificate-notice', { hasText: 'minimal priority' }).waitFor();
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('Description of the problem').fill('The export stops at 99 %.\nSee the screenshot.');
    await page.getByLabel('Operating system version').fill('Windows 11 23H2');
    await page.locator('#ticket-files').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: screenshot });
    await page.getByRole('button', { name: 'Send the ticket' }).click();

    await page.waitForURL(/\/tickets\/\d+$/, { timeout: 20_000 });
    await pageReady(page);
    const ticketPath = new URL(page.url()).pathname;
    assert.match(await page.locator('main h1').textContent(), new RegExp(subject));
    assert.match(await page.locator('.ticket-details').textContent(), /Minimal/);
    const image = page.locator('.attachments img').first();
    await eventually(async () => assert.ok(await image.evaluate((img) => img.complete && img.naturalWidth === 1), 'the screenshot preview loads'));
    await expectAccessible(page, 'the ticket page, signed in');

    await gotoPage(page, '/tickets');
    const row = page.locator('table.tickets-table tbody tr', { hasText: subject });
    await row.waitFor();
    assert.match(await row.textContent(), /Waiting for support/);
    await expectAccessible(page, 'My tickets, signed in');
    await row.getByRole('link', { name: subject }).click();
    await page.waitForURL(`**${ticketPath}`);
    await pageReady(page);

    await page.evaluate(() => { window.__notReloaded = true; });
    const messages = page.locator('.thread .message');
    const before = await messages.count();
    await page.getByLabel('Your reply').fill('It also happens with small exports.');
    await page.getByRole('button', { name: 'Send the reply' }).click();
    await eventually(async () => assert.equal(await messages.count(), before + 1));
    assert.match(await messages.last().textContent(), /small exports/);
    assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the reply appeared without a reload');

    const download = page.locator('.attachments a').first();
    assert.match(await download.textContent(), /screenshot\.png/);
    const file = await context.request.get(await download.getAttribute('href'));
    assert.equal(file.status(), 200);
    assert.match(file.headers()['content-disposition'] ?? '', /^attachment;/);
    assert.deepEqual(Buffer.from(await file.body()), screenshot);
  }));

test('a closed ticket offers reopening only within the window', () =>
  withPage(async (page, context) => {
    const closed = (reopenUntil) => ({ ...ticket('closed', [customerMessage]), closedReason: 'auto_no_response', reopenUntil });
    await mockApi(context, '/api/tickets/42', 200, closed('2999-01-01T00:00:00Z'));
    await mockApi(context, '/api/tickets/43', 200, { ...closed('2000-01-01T00:00:00Z'), id: 43 });
    await gotoPage(page, '/tickets/42');
    await useLanguage(page, 'en');
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    assert.equal(await page.locator('.reply-form').count(), 0, 'no reply to a closed ticket');
    await expectAccessible(page, 'a closed ticket');

    await gotoPage(page, '/tickets/43');
    assert.equal(await page.getByRole('button', { name: 'Reopen' }).count(), 0);
    // Past the window the page offers a new ticket that continues this one, with its subject.
    await mockApi(context, '/api/me/certificates', 200, { items: [] });
    const followUp = page.locator('.ticket-actions a[href^="/tickets/new?followUpOf=43"]');
    await followUp.click();
    await page.waitForURL('**/tickets/new?followUpOf=43*');
    await pageReady(page);
    assert.match(await page.locator('#follow-up').textContent(), /continues the closed ticket #43/);
    assert.equal(await page.getByLabel('Subject').inputValue(), 'The app crashes on start');
  }));

test('a sent ticket is acknowledged on its page with its number and by a mail with its priority; a pasted screenshot goes with it', { skip: !mailUrl() && 'SF_STACK_FILE is not set' }, () =>
  withPage(async (page, context) => {
    const session = await context.request.post('/api/session', { data: demo });
    assert.equal(session.status(), 200);
    await gotoPage(page, '/tickets/new');
    await useLanguage(page, 'ru');

    const subject = `Не печатается отчёт ${Date.now()}`;
    await page.getByLabel('Тема').fill(subject);
    await page.getByLabel('Описание проблемы').fill('Отчёт уходит в очередь печати и пропадает.');
    const files = page.locator('.file-list li');
    await page.locator('#ticket-files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not this one') });
    await page.evaluate((bytes) => {
      const clipboard = new DataTransfer();
      clipboard.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true }));
    }, [...screenshot]);
    await eventually(async () => assert.equal(await files.count(), 2));
    assert.match(await files.nth(1).textContent(), /^снимок-экрана-[\d-]+\.png.*70 Б/);
    await files.first().getByRole('button', { name: 'Убрать файл notes.txt' }).click();
    await eventually(async () => assert.equal(await files.count(), 1));
    await expectAccessible(page, 'the ticket form with an attached file');
    await page.getByRole('button', { name: 'Отправить обращение' }).click();

    await page.waitForURL(/\/tickets\/\d+$/, { timeout: 20_000 });
    await pageReady(page);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const sent = page.locator('#ticket-sent');
    assert.match(await sent.textContent(), new RegExp(`Обращение №${id} отправлено\\..*на почту.*Приоритет: `));
    assert.equal(await page.locator('.attachments li').count(), 1, 'only the pasted screenshot went with the ticket');
    await expectAccessible(page, 'the acknowledged ticket');

    const ticket = await (await context.request.get(`/api/tickets/${id}`)).json();
    const mail = await mailTo(demo.email, `Обращение №${id} получено`);
    assert.match(mail.text, new RegExp(`обращение №${id} «${subject}»`));
    assert.match(mail.text, /Приоритет: [а-я]+/);
    if (ticket.firstResponseDueAt) assert.match(mail.text, /Мы ответим до: .*учтены рабочие часы/);

    await page.reload();
    await pageReady(page);
    assert.equal(await sent.count(), 0, 'the acknowledgement is shown once, after sending');
  }));
