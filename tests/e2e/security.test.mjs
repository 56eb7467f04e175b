// Stored script does not run: a customer's name, a ticket's subject and description, and a knowledge-base article, all
// written with script and HTML through the real API, are shown as text on the customer's pages, on the desk and on
// the article page; nothing of them executes (the page's CSP forbids inline script too, so this checks the rendering).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { eventually, gotoPage, pageReady, withPage } from './support.mjs';

const stackFile = process.env.SF_STACK_FILE;
const skip = !stackFile && 'SF_STACK_FILE is not set';
// Short enough for a display name (100 characters); each part would set window.__xss if it ran.
const hostile = (where) => `<script>window.__xss=1</script><img src=x onerror="window.__xss=2"><svg onload="window.__xss=3">${where}`;

function mailUrl() {
  return JSON.parse(readFileSync(stackFile, 'utf8')).mail.replace(/\/+$/, '');
}

async function json(response, expected) {
  const text = await response.text();
  assert.equal(response.status(), expected, text);
  return text ? JSON.parse(text) : undefined;
}

async function verificationToken(email) {
  return eventually(async () => {
    const list = await (await fetch(`${mailUrl()}/api/messages?pageSize=500`)).json();
    const mail = (Array.isArray(list) ? list : list.results).find((m) => [].concat(m.to).some((r) => String(r).includes(email)));
    assert.ok(mail, `a verification mail to ${email}`);
    const text = await (await fetch(`${mailUrl()}/api/messages/${mail.id}/plaintext`)).text();
    return decodeURIComponent(/[?&]token=([A-Za-z0-9_%.~-]+)/.exec(text)[1]);
  }, { timeout: 20_000, interval: 250 });
}

/** A customer named with script, with a ticket whose subject and description are script; an article of script. */
async function hostileData(request) {
  const email = `xss-${Date.now()}@example.com`;
  const password = 'Correct-horse-battery-9';
  const forwarded = { 'X-Forwarded-For': `10.99.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}` };
  await json(await request.post('/api/accounts', { data: { email, password, displayName: hostile('name'), language: 'en' }, headers: forwarded }), 202);
  await json(await request.post('/api/accounts/verify', { data: { token: await verificationToken(email) }, headers: forwarded }), 200);
  const session = await json(await request.post('/api/session', { data: { email, password }, headers: forwarded }), 200);
  const asCustomer = { Authorization: `Bearer ${session.accessToken}` };
  const ticket = await json(await request.post('/api/tickets', { data: { subject: hostile('subject'), description: hostile('description') }, headers: asCustomer }), 201);

  const agent = await json(await request.post('/api/dev/tokens', { data: { subject: 'e2e-xss-agent', name: 'Vera Agent', email: 'vera@vendor.example', roles: ['Support.Agent'] } }), 200);
  const article = await json(await request.post('/api/staff/kb/articles', {
    data: { language: 'en', title: `Stored ${Date.now()} <b onmouseover="window.__xss='title'">bold</b>`, bodyMarkdown: hostile('article'), productIds: [], published: true },
    headers: { Authorization: `Bearer ${agent.accessToken}` },
  }), 201);
  return { email, password, ticket, article, agent };
}

async function assertNothingRan(page, dialogs, where) {
  assert.equal(await page.evaluate(() => window.__xss), undefined, `script ran on ${where}`);
  assert.deepEqual(dialogs, [], `a dialog opened on ${where}`);
  assert.equal(await page.locator('main img[src="x"], main svg[onload], main script').count(), 0, `markup from input was rendered on ${where}`);
}

test('script in a name, a ticket and an article shows as text and never runs, on the portal, the desk and the article page', { skip }, () =>
  withPage(async (page, context) => {
    const dialogs = [];
    page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
    const data = await hostileData(context.request);

    await gotoPage(page, '/sign-in?next=/tickets');
    await page.locator('#sign-in input[type=email]').fill(data.email);
    await page.locator('#sign-in input[type=password]').fill(data.password);
    await page.locator('#sign-in button[type=submit]').click();
    await page.waitForURL('**/tickets');
    await pageReady(page);
    await page.getByText('<script>window.__xss=1</script>', { exact: false }).first().waitFor();
    await assertNothingRan(page, dialogs, 'My tickets');

    await gotoPage(page, `/tickets/${data.ticket.id}`);
    await page.getByText('description', { exact: false }).first().waitFor();
    assert.ok((await page.locator('main').textContent()).includes(hostile('description')), 'the description shows as the text it is');
    await assertNothingRan(page, dialogs, 'the ticket page');

    await gotoPage(page, `/kb/${data.article.slug}`);
    await assertNothingRan(page, dialogs, 'the article page');
    assert.match(await page.locator('main h1').textContent(), /<b onmouseover/);

    await context.addInitScript((session) => sessionStorage.setItem('sf.desk.session', JSON.stringify(session)),
      { accessToken: data.agent.accessToken, name: 'Vera Agent', email: 'vera@vendor.example', roles: ['Support.Agent'] });
    await gotoPage(page, `/desk/tickets/${data.ticket.id}`);
    await eventually(async () => assert.ok((await page.locator('main').textContent()).includes(hostile('name')), 'the customer name shows as text'));
    await assertNothingRan(page, dialogs, 'the desk ticket');

    await gotoPage(page, '/desk');
    await eventually(async () => assert.match(await page.locator('main').textContent(), new RegExp(`#?${data.ticket.id}`)), { timeout: 20_000, interval: 250 });
    await assertNothingRan(page, dialogs, 'the desk queue');
  }));
