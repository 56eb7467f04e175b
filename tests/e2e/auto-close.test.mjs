// The auto-close clock as the customer meets it, against the real stack: the ticket page says when the ticket closes
// itself, the sweep closes it once its time is up (the app's clock moved ahead), and the customer reopens it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseUrl, eventually, expectAccessible, gotoPage, mockApi, pageReady, useLanguage, withPage } from './support.mjs';

const demo = { email: 'demo@example.com', password: 'Demo-Customer-2026' };
const stackAvailable = Boolean(process.env.SF_STACK_FILE);

async function json(response, expected) {
  const text = await response.text();
  assert.equal(response.status(), expected, text);
  return JSON.parse(text);
}

async function agentToken(request) {
  const issued = await request.post('/api/dev/tokens', { data: { subject: 'e2e-agent', name: 'Anna', email: 'anna@vendor.example', roles: ['Support.Agent'] } });
  return (await json(issued, 200)).accessToken;
}

test('the ticket page says when the ticket closes itself, and the customer reopens it after the close', { skip: !stackAvailable && 'SF_STACK_FILE is not set' }, () =>
  withPage(async (page, context) => {
    const session = await json(await context.request.post('/api/session', { data: demo }), 200);
    const customer = { Authorization: `Bearer ${session.accessToken}` };
    const sent = await json(await context.request.post('/api/tickets', { headers: customer, data: { subject: `Licence check ${Date.now()}`, description: 'Activation fails.' } }), 201);
    const agent = { Authorization: `Bearer ${await agentToken(context.request)}` };
    const asked = await json(await context.request.post(`/api/staff/tickets/${sent.id}/messages`, { headers: agent, data: { body: 'Please send the activation log.', kind: 'info_request' } }), 201);
    // Once the queue shows the clock, the dispatcher has put the ticket into the sweep's due-date index.
    await eventually(async () => {
      const queue = await json(await context.request.get(`/api/staff/tickets?q=${sent.id}&status=awaiting_customer`, { headers: agent }), 200);
      assert.equal(queue.items[0]?.autoCloseAt, asked.autoCloseAt);
    }, { timeout: 20_000 });

    await gotoPage(page, `/tickets/${sent.id}`);
    await useLanguage(page, 'en');
    const clock = page.locator('#auto-close');
    assert.match(await clock.textContent(), /^Closes automatically on \w+ \d+ \w+( at \d\d:\d\d)? unless you answer\.$/);
    await expectAccessible(page, 'a ticket waiting for the customer (en)');
    await useLanguage(page, 'ru');
    assert.match(await page.locator('#auto-close').textContent(), /^Закроется автоматически .+, если вы не ответите\.$/);

    const now = new Date((await json(await context.request.get('/admin/clock'), 200)).now);
    const by = new Date(asked.autoCloseAt).getTime() + 60_000 - now.getTime();
    try {
      await json(await context.request.post('/admin/clock/advance', { data: { by: timeSpan(by) } }), 200);
      assert.equal((await context.request.post('/admin/functions/AutoCloseStaleTickets', { data: {} })).status(), 202);
    } finally {
      await context.request.delete('/admin/clock');
    }

    await page.reload();
    await pageReady(page);
    await useLanguage(page, 'en');
    await eventually(async () => assert.match(await page.locator('.ticket-details').textContent(), /Closed/));
    assert.match(await page.locator('.ticket-actions').textContent(), /You can reopen it until/);
    await expectAccessible(page, 'a ticket closed for no answer (en)');
    await page.getByRole('button', { name: 'Reopen' }).click();
    await eventually(async () => assert.match(await page.locator('.ticket-details').textContent(), /Waiting for support/));
    assert.equal(page.url(), `${baseUrl()}/tickets/${sent.id}`);
  }));

/** Milliseconds as a .NET TimeSpan ("d.hh:mm:ss.fff"). */
function timeSpan(ms) {
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  const days = Math.floor(ms / 86_400_000);
  const rest = ms % 86_400_000;
  return `${days}.${pad(Math.floor(rest / 3_600_000))}:${pad(Math.floor((rest % 3_600_000) / 60_000))}:${pad(Math.floor((rest % 60_000) / 1000))}.${pad(rest % 1000, 3)}`;
}

for (const language of ['ru', 'en']) {
  test(`a one-click answer from the solution mail shows its outcome in the mail's language (${language})`, () =>
    withPage(async (page, context) => {
      let sent;
      await mockApi(context, '/api/tickets/42/answer', 200, { id: 42, status: 'resolved', subject: 'Export fails' }, (request) => { sent = request.postDataJSON(); });
      await gotoPage(page, `/tickets/42/answer?lang=${language}&token=sfa1.abc&answer=solved`);
      await eventually(async () => assert.match(await page.locator('main [role=status]').textContent(), language === 'ru' ? /отмечено как решённое/ : /marked as resolved/));
      assert.deepEqual(sent, { token: 'sfa1.abc', answer: 'solved' });
      await expectAccessible(page, `/tickets/42/answer (${language})`);
    }));
}

test('a used one-click link says so and leads to the ticket', () =>
  withPage(async (page, context) => {
    await mockApi(context, '/api/tickets/42/answer', 409, { status: 409, title: 'Conflict', code: 'answer_link_used', detail: 'used' });
    await gotoPage(page, '/tickets/42/answer?lang=en&token=sfa1.abc&answer=not_solved');
    await eventually(async () => assert.match(await page.locator('main [role=status]').textContent(), /has been used already/));
    assert.equal(await page.getByRole('link', { name: 'Open the ticket' }).getAttribute('href'), '/tickets/42');
  }));
