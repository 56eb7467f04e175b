// The knowledge base against the real stack and its demo articles: search with marked snippets, an article, suggestions
// on the ticket form that end it without a ticket (counted in the staff stats), and an agent's editor with live preview.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, expectAccessible, gotoPage, pageReady, useLanguage, withPage } from './support.mjs';

const demo = { email: 'demo@example.com', password: 'Demo-Customer-2026' };
const stackAvailable = Boolean(process.env.SF_STACK_FILE);
const skip = !stackAvailable && 'SF_STACK_FILE is not set';
/** A demo article (src/Functions/Knowledge/KnowledgeDemoArticles.cs). */
const vpnArticle = 'error-809-vpn-gateway';

async function json(response, expected) {
  const text = await response.text();
  assert.equal(response.status(), expected, text);
  return text ? JSON.parse(text) : undefined;
}

async function agentToken(request) {
  const issued = await request.post('/api/dev/tokens', { data: { subject: 'e2e-kb-agent', name: 'Kira Editor', email: 'kira@vendor.example', roles: ['Support.Agent'] } });
  return (await json(issued, 200)).accessToken;
}

/** The demo articles reach the index a few seconds after the stack seeds them. */
async function demoArticlesIndexed(request) {
  await eventually(async () => {
    const found = await json(await request.get('/api/kb/search?q=809&lang=en'), 200);
    assert.ok(found.items.some((item) => item.slug === vpnArticle), 'the demo VPN article is searchable');
  }, { timeout: 30_000, interval: 250 });
}

async function countsOf(request, token, slug) {
  const stats = await json(await request.get('/api/staff/kb/stats', { headers: { Authorization: `Bearer ${token}` } }), 200);
  return stats.items.find((item) => item.slug === slug) ?? { shown: 0, opened: 0, answered: 0 };
}

test('the search box finds articles by their word forms, marks the matches and leads to the article and its translation', { skip }, () =>
  withPage(async (page, context) => {
    await demoArticlesIndexed(context.request);
    await gotoPage(page, '/');
    await useLanguage(page, 'ru');
    await page.getByRole('searchbox').fill('сертификатов');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL('**/kb?q=*');
    await pageReady(page);

    const results = page.locator('.result-list li');
    assert.ok((await results.count()) > 0, 'results for a word form');
    assert.match(await results.first().locator('.snippet mark').first().textContent(), /^сертификат/i);
    await expectAccessible(page, '/kb search results (ru)');

    await results.first().getByRole('link').click();
    await page.waitForURL(/\/kb\/[a-z0-9-]+$/);
    await pageReady(page);
    assert.ok((await page.locator('.article-body').innerHTML()).length > 50, 'the article body shows');
    await expectAccessible(page, 'an article (ru)');
    await page.getByRole('button', { name: 'Это ответ на мой вопрос' }).click();
    await page.getByRole('status').filter({ hasText: 'Спасибо!' }).waitFor();
    await page.getByRole('link', { name: 'Эта статья на английском' }).click();
    await pageReady(page);
    assert.equal(await page.locator('main h1').getAttribute('lang'), 'en');

    await gotoPage(page, '/kb?productId=cryptoguard-vpn');
    await useLanguage(page, 'en');
    assert.ok((await page.locator('.article-list li').count()) > 0, 'articles by product');
    await expectAccessible(page, '/kb by product (en)');
  }));

test('a customer typing a subject sees a suggestion, opens it and says it answered the question: no ticket, and the count moves', { skip }, () =>
  withPage(async (page, context) => {
    await demoArticlesIndexed(context.request);
    const token = await agentToken(context.request);
    const before = await countsOf(context.request, token, vpnArticle);
    await json(await context.request.post('/api/session', { data: demo }), 200);

    await gotoPage(page, '/tickets/new');
    await useLanguage(page, 'en');
    await page.locator('#ticket-certificate').selectOption('');
    await page.getByLabel('Subject').pressSequentially('Error 809 when I connect to the VPN', { delay: 10 });

    const suggestions = page.getByRole('complementary', { name: 'Your answer may be here already' });
    const toggle = suggestions.getByRole('button', { name: 'Error 809 when connecting to the VPN Gateway' });
    await toggle.waitFor();
    assert.ok((await suggestions.locator('.suggestion-list > li').count()) <= 5);
    await expectAccessible(page, 'the ticket form with suggestions (en)');

    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await suggestions.locator('.suggestion-article .article-body code').first().waitFor();
    await suggestions.getByRole('button', { name: 'This answered my question' }).click();
    await page.getByRole('heading', { name: 'Glad the article helped' }).waitFor();
    assert.equal(await page.locator('form.ticket-form').count(), 0, 'the form is gone');
    await expectAccessible(page, 'the ticket form ended by an article (en)');

    await eventually(async () => {
      const after = await countsOf(context.request, token, vpnArticle);
      assert.equal(after.answered, before.answered + 1);
      assert.equal(after.opened, before.opened + 1);
      assert.ok(after.shown >= before.shown + 1);
    });
  }));

test('an agent writes an article with a live preview, publishes it, and the portal finds it', { skip }, () =>
  withPage(async (page, context) => {
    const token = await agentToken(context.request);
    await context.addInitScript((session) => sessionStorage.setItem('sf.desk.session', JSON.stringify(session)),
      { accessToken: token, name: 'Kira Editor', email: 'kira@vendor.example', roles: ['Support.Agent'] });
    const word = `zebrafix${Date.now()}`;

    await gotoPage(page, '/desk/kb/new');
    await useLanguage(page, 'en');
    await page.getByLabel('Language').selectOption('en');
    await page.getByLabel('Title').fill(`Calibrating the ${word} token`);
    await page.getByLabel('CryptoGuard CSP').check();
    const body = page.getByLabel('Text in Markdown');
    await body.fill(`## Steps\n\nPress **Calibrate** and wait. ${word}\n\n<script>alert(1)</script>`);
    const preview = page.locator('#kb-preview');
    await preview.locator('strong', { hasText: 'Calibrate' }).waitFor();
    assert.equal(await preview.locator('script').count(), 0);
    await page.getByLabel('Published (customers see it)').check();
    await expectAccessible(page, 'the article editor (en)');
    await body.press('Control+Enter');

    await page.waitForURL(/\/desk\/kb\/calibrating-the-/);
    await pageReady(page);
    assert.equal(await page.getByLabel('Title').inputValue(), `Calibrating the ${word} token`);
    await useLanguage(page, 'ru');
    await expectAccessible(page, 'the article editor (ru)');

    await gotoPage(page, '/desk/kb');
    await page.locator('.kb-table tbody tr', { hasText: word }).waitFor();
    await page.getByLabel('Найти статью по заголовку или адресу').fill(word);
    await eventually(async () => assert.equal(await page.locator('.kb-table tbody tr:not([hidden])').count(), 1));
    assert.match(await page.locator('.desk-kb .notice').textContent(), /Подсказки на форме обращения/);
    await expectAccessible(page, '/desk/kb (ru)');

    await gotoPage(page, `/kb?q=${word}`);
    await useLanguage(page, 'en');
    await page.locator('.result-list li', { hasText: word }).waitFor();
  }));
