import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  baseUrl,
  eventually,
  expectAccessible,
  gotoPage,
  mockApi,
  pageReady,
  useLanguage,
  withPage,
} from './support.mjs';

const portalPaths = [
  '/',
  '/tickets',
  '/tickets/new',
  '/kb',
  '/certificates',
  '/account/profile',
  '/account/preferences',
  '/account/password',
];

const heading = (page) => page.locator('main h1');

/** The header shows the account menu when the readable session cookie is there; the pages then ask /api/me. */
const pretendSignedIn = (context) => context.addCookies([{ name: 'sf_csrf', value: 'x', url: baseUrl() }]);
const htmlLang = (page) => page.locator('html').getAttribute('lang');
const accountButton = (page, name = 'Учётная запись') => page.getByRole('button', { name, exact: true });

test('the home page speaks Russian by default', () =>
  withPage(async (page) => {
    await gotoPage(page, '/');

    assert.equal(await htmlLang(page), 'ru');
    assert.equal(await heading(page).textContent(), 'Чем мы можем помочь?');
    assert.match(await page.title(), /Центр поддержки/);
    await page.getByRole('searchbox', { name: 'Поиск по базе знаний' }).waitFor();
  }));

test('switching to English changes the text, lang and title, and survives a reload', () =>
  withPage(async (page) => {
    await gotoPage(page, '/tickets');
    await page.getByRole('button', { name: 'English' }).click();

    await eventually(async () => assert.equal(await htmlLang(page), 'en'));
    assert.equal(await heading(page).textContent(), 'My tickets');
    assert.equal(await page.title(), 'My tickets — Support Center');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'language-switch', 'focus stays on the switch');

    await page.reload();
    await pageReady(page);
    assert.equal(await htmlLang(page), 'en');
    assert.equal(await heading(page).textContent(), 'My tickets');

    await page.getByRole('button', { name: 'Русский' }).click();
    await eventually(async () => assert.equal(await heading(page).textContent(), 'Мои обращения'));
    assert.equal(await htmlLang(page), 'ru');
  }));

for (const language of ['ru', 'en']) {
  test(`every page in the navigation and the account menu renders and passes axe (${language})`, async (t) => {
    const linked = await withPage(async (page, context) => {
      await pretendSignedIn(context);
      await gotoPage(page, '/');
      return page.$$eval('header a[href]', (links) => links.map((link) => new URL(link.href).pathname));
    });
    for (const path of portalPaths) assert.ok(linked.includes(path), `the header links to ${path}`);

    for (const path of new Set(linked)) {
      await t.test(path, () =>
        withPage(async (page, context) => {
          await pretendSignedIn(context);
          await gotoPage(page, path);
          await useLanguage(page, language);

          assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
          assert.ok(await heading(page).isVisible(), 'the h1 is visible');
          assert.match(await page.title(), language === 'ru' ? /Центр поддержки$/ : /Support Center$/);
          await expectAccessible(page, `${path} (${language})`);
        }),
      );
    }
  });
}

test('the open account menu passes axe in both languages', () =>
  withPage(async (page, context) => {
    await pretendSignedIn(context);
    for (const [language, name] of [['ru', 'Учётная запись'], ['en', 'Account']]) {
      await gotoPage(page, '/');
      await useLanguage(page, language);
      await accountButton(page, name).click();
      await page.locator('#account-menu').waitFor();
      await expectAccessible(page, `the open account menu (${language})`);
    }
  }));

test('the account menu opens and closes with the keyboard', () =>
  withPage(async (page, context) => {
    await pretendSignedIn(context);
    await gotoPage(page, '/tickets');
    const button = accountButton(page);
    const menu = page.locator('#account-menu');
    const profile = menu.getByRole('link', { name: 'Профиль' });

    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    await profile.waitFor();

    await page.keyboard.press('Tab');
    assert.ok(await profile.evaluate((link) => link === document.activeElement), 'Tab moves into the menu');
    await page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await menu.waitFor({ state: 'hidden' });
    assert.ok(await button.evaluate((element) => element === document.activeElement), 'Escape returns focus to the button');

    await page.keyboard.press('Space');
    await profile.waitFor();
    const entries = await menu.locator('a, button').count();
    for (let i = 0; i <= entries; i++) await page.keyboard.press('Tab');
    await menu.waitFor({ state: 'hidden' });
    assert.equal(await button.getAttribute('aria-expanded'), 'false', 'tabbing out of the menu closes it');

    await button.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/account/profile');
    assert.equal(await heading(page).textContent(), 'Профиль');
    assert.equal(await accountButton(page).getAttribute('aria-expanded'), 'false');
  }));

test('the skip link is the first Tab stop and moves focus to the main content', () =>
  withPage(async (page) => {
    await gotoPage(page, '/kb');
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Перейти к основному содержимому' });
    assert.ok(await skipLink.evaluate((link) => link === document.activeElement), 'the skip link has focus');

    await page.keyboard.press('Enter');
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'main'));
    assert.equal(await heading(page).textContent(), 'База знаний');
  }));

test('header links navigate without reloading and move focus to the new heading', () =>
  withPage(async (page) => {
    await gotoPage(page, '/');
    await page.evaluate(() => {
      window.loadedOnce = true;
    });

    const link = page.getByRole('navigation').getByRole('link', { name: 'База знаний' });
    await link.click();
    await page.waitForURL('**/kb');
    await eventually(async () => assert.equal(await heading(page).textContent(), 'База знаний'));
    assert.equal(await page.evaluate(() => window.loadedOnce), true, 'no full page load');
    assert.equal(await link.getAttribute('aria-current'), 'page');
    assert.ok(await heading(page).evaluate((h1) => h1 === document.activeElement), 'focus moves to the h1');
    assert.equal(await page.title(), 'База знаний — Центр поддержки');

    await page.goBack();
    await eventually(async () => assert.equal(await heading(page).textContent(), 'Чем мы можем помочь?'));
  }));

test('deep links load their page directly from the server', () =>
  withPage(async (page) => {
    for (const [path, title] of [['/tickets', 'Мои обращения'], ['/account/preferences', 'Настройки']]) {
      const response = await gotoPage(page, path);
      assert.equal(response?.status(), 200, `${path} is served`);
      assert.equal(await heading(page).textContent(), title);
    }
  }));

test('an unknown address shows a page-not-found page', () =>
  withPage(async (page) => {
    await gotoPage(page, '/no/such/page');
    assert.equal(await heading(page).textContent(), 'Страница не найдена');
    await expectAccessible(page, 'the not-found page');
  }));

test('searching from the home page lists knowledge-base articles', () =>
  withPage(async (page, context) => {
    const searches = [];
    await mockApi(
      context,
      '/api/kb/search',
      200,
      {
        items: [
          { slug: 'activate-certificate', title: 'Как активировать сертификат', snippet: 'Введите серийный номер…', score: 3.2 },
          { slug: 'reset-password', title: 'Как сменить пароль', snippet: 'Откройте меню учётной записи…', score: 1.1 },
        ],
      },
      (request) => searches.push(new URL(request.url()).searchParams),
    );
    await gotoPage(page, '/');

    await page.getByRole('searchbox', { name: 'Поиск по базе знаний' }).fill('сертификат');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/kb' && url.searchParams.get('q') === 'сертификат');
    await pageReady(page);

    assert.equal(searches[0]?.get('q'), 'сертификат');
    assert.equal(searches[0]?.get('lang'), 'ru');
    assert.equal(await page.getByRole('status').textContent(), 'Найдено статей: 2');
    const first = page.getByRole('link', { name: 'Как активировать сертификат' });
    assert.equal(await first.getAttribute('href'), '/kb/activate-certificate');
    assert.equal(await page.getByRole('searchbox').inputValue(), 'сертификат');
    await expectAccessible(page, 'knowledge-base results');
  }));

test('the knowledge base says so politely when nothing is found or search is down', () =>
  withPage(async (page, context) => {
    await mockApi(context, '/api/kb/search', 200, { items: [] });
    await gotoPage(page, '/kb?q=абракадабра');
    assert.match(await page.getByRole('status').textContent(), /По запросу «абракадабра» ничего не найдено/);

    await context.unrouteAll();
    await mockApi(context, '/api/kb/search', 503, { status: 503, code: 'search_unavailable', title: 'Search is down' });
    await gotoPage(page, '/kb?q=пароль');
    assert.match(await page.getByRole('status').textContent(), /Поиск сейчас недоступен/);
    await expectAccessible(page, 'knowledge base with search down');
  }));

test('the footer shows the service status and version, or that the service is unavailable', () =>
  withPage(async (page, context) => {
    const footer = page.getByRole('contentinfo');
    await mockApi(context, '/api/health', 200, { status: 'healthy', storage: 'ok', version: '1.2.3' });
    await gotoPage(page, '/');
    assert.match(await footer.textContent(), /Состояние сервиса: работает.*Версия 1\.2\.3/);

    await context.unrouteAll();
    await context.route((url) => url.pathname === '/api/health', (route) => route.abort());
    await gotoPage(page, '/');
    assert.match(await footer.textContent(), /Состояние сервиса: недоступен/);
  }));

test('signing out revokes the session and returns home even when the server fails', () =>
  withPage(async (page, context) => {
    const methods = [];
    await mockApi(context, '/api/session', 500, { status: 500, title: 'Boom' }, (request) => methods.push(request.method()));
    await pretendSignedIn(context);
    await gotoPage(page, '/certificates');

    await accountButton(page).click();
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL(`${baseUrl()}/`);
    await eventually(async () => assert.equal(await heading(page).textContent(), 'Чем мы можем помочь?'));
    assert.deepEqual(methods, ['DELETE']);
    await page.getByRole('link', { name: 'Вход' }).waitFor();
  }));

test('on a phone the header is one row with a Menu button that opens the sections and tools', () =>
  withPage(async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await gotoPage(page, '/kb');
    const menu = page.getByRole('button', { name: 'Меню' });
    const sections = page.getByRole('navigation', { name: 'Основные разделы' });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await sections.isVisible(), false, 'the sections are folded away');
    assert.ok((await page.locator('header').boundingBox()).height <= 64, 'the folded header is one row');

    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await sections.getByRole('link', { name: 'Мои обращения' }).waitFor();
    await page.locator('#language-switch').waitFor();
    await expectAccessible(page, 'the open phone menu');
    await sections.getByRole('link', { name: 'Мои обращения' }).click();
    await page.waitForURL('**/tickets');
    assert.equal(await page.getByRole('button', { name: 'Меню' }).getAttribute('aria-expanded'), 'false', 'a new page starts folded');
  }));
