// "My certificates": the list and the registration wizard, every step checked with axe, in both languages.
// Most tests answer the customer endpoints with mockApi to reach every state; the last one runs against the real
// back end (sign-up, mail, session cookie, staff issue) when SF_STACK_FILE points at the running stack.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { baseUrl, eventually, expectAccessible, gotoPage, mockApi, useLanguage, withPage } from './support.mjs';

const registered = {
  id: '7K2M-9QX4-TD8M',
  serial: '7K2M-9QX4-TD8M',
  productId: 'cryptoguard-csp',
  productName: 'КриптоСтраж CSP',
  plan: 'premium',
  priority: 'critical',
  validFrom: '2026-01-01T00:00:00Z',
  validTo: '2027-01-01T00:00:00Z',
  state: 'active',
  daysLeft: 37,
  registeredAt: '2026-02-01T10:00:00Z',
};
const expired = { ...registered, id: '3VPN-8GAT-E4WF', serial: '3VPN-8GAT-E4WF', productName: 'КриптоСтраж VPN-шлюз', state: 'expired', daysLeft: 0 };
const preview = { serial: '5SGN-1FXW-6ZAZ', productId: 'signflow', productName: 'ПодписьПоток', plan: 'basic', priority: 'low',
  validFrom: '2026-01-01T00:00:00Z', validTo: '2026-12-31T00:00:00Z', state: 'active', daysLeft: 200 };

test('the list shows each certificate with its state and days left', () =>
  withPage(async (page, context) => {
    await mockApi(context, '/api/me/certificates', 200, { items: [registered, expired] });
    await gotoPage(page, '/certificates');

    const rows = page.locator('table tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).textContent(), /КриптоСтраж CSP.*7K2M-9QX4-TD8M.*критический.*Действует, осталось дней: 37/s);
    assert.match(await rows.nth(1).textContent(), /Истёк/);
    await expectAccessible(page, 'certificates list (ru)');
  }));

for (const [language, expiring, renew, plan] of [
  ['ru', 'Истекает через 25 дн.', /Продлите поддержку у вендора или у партнёра/, /Премиум \(приоритет/],
  ['en', 'Expires in 25 days', /Renew the support through the vendor or the partner/, /Premium \(ticket priority/],
]) {
  test(`a certificate in its last month says it expires soon and how to renew it, and plans have names (${language})`, () =>
    withPage(async (page, context) => {
      await mockApi(context, '/api/me/certificates', 200, { items: [{ ...registered, daysLeft: 25 }, { ...registered, id: 'x', serial: '5SGN-1FXW-6ZAZ' }] });
      await gotoPage(page, '/certificates');
      await useLanguage(page, language);

      const [soon, later] = [page.locator('table tbody tr').nth(0), page.locator('table tbody tr').nth(1)];
      assert.equal(await soon.locator('.badge-expiring').textContent(), expiring);
      assert.match(await soon.textContent(), renew);
      assert.match(await soon.textContent(), plan);
      assert.equal(await later.locator('.badge-expiring').count(), 0, '37 days left is not "soon"');
      await expectAccessible(page, `an expiring certificate (${language})`);
    }));
}

test('a signed-out visitor is asked to sign in', () =>
  withPage(async (page, context) => {
    await mockApi(context, '/api/me/certificates', 401, { status: 401, code: 'unauthenticated', title: 'Unauthorized' });
    await gotoPage(page, '/certificates');

    await page.getByRole('link', { name: 'Войти' }).waitFor();
    await expectAccessible(page, 'certificates signed out');
  }));

test('the wizard flags a typo as it is typed, previews the certificate and registers it', () =>
  withPage(async (page, context) => {
    const bodies = [];
    let items = [];
    await context.route((url) => url.pathname === '/api/me/certificates', (route) => {
      if (route.request().method() === 'POST') {
        bodies.push(route.request().postDataJSON());
        items = [{ ...registered, ...preview, id: preview.serial }];
        return route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify(items[0]) });
      }
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items }) });
    });
    await mockApi(context, '/api/me/certificates/preview', 200, preview, (request) => bodies.push(request.postDataJSON()));
    await gotoPage(page, '/certificates');
    await useLanguage(page, 'en');

    const serial = page.getByLabel('Serial number');
    await serial.fill('5sgn 1fxw 6zaa');
    await page.getByText('This serial has a typo').waitFor();
    assert.equal(await serial.getAttribute('aria-invalid'), 'true');
    await expectAccessible(page, 'wizard step 1 with a typo');

    await serial.fill('5sgn 1fxw 6zaz');
    await page.getByText('The serial is typed correctly.').waitFor();
    await page.getByLabel('Activation code').fill('DEMO-SGN1-2026-BSIC');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Check the certificate' }).waitFor();
    assert.match(await page.locator('dl.details').textContent(), /ПодписьПоток.*5SGN-1FXW-6ZAZ.*Basic \(ticket priority: low\).*Active, 200 days left/s);
    await expectAccessible(page, 'wizard step 2 (preview)');

    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText('Certificate 5SGN-1FXW-6ZAZ (ПодписьПоток) is registered.').waitFor();
    await eventually(async () => assert.equal(await page.locator('table tbody tr').count(), 1));
    assert.deepEqual(bodies, [
      { serial: '5SGN-1FXW-6ZAZ', activationCode: 'DEMO-SGN1-2026-BSIC' },
      { serial: '5SGN-1FXW-6ZAZ', activationCode: 'DEMO-SGN1-2026-BSIC' },
    ]);
    await expectAccessible(page, 'wizard done');
  }));

test('a refused registration says what to do and keeps what was typed', () =>
  withPage(async (page, context) => {
    await mockApi(context, '/api/me/certificates', 200, { items: [] });
    await mockApi(context, '/api/me/certificates/preview', 422,
      { status: 422, code: 'certificate_invalid', title: 'Unprocessable Entity', detail: 'No such certificate.' });
    await gotoPage(page, '/certificates');

    await page.getByLabel('Серийный номер').fill('7K2M-9QX4-TD8M');
    await page.getByLabel('Код активации').fill('WRONG-CODE');
    await page.getByRole('button', { name: 'Продолжить' }).click();

    await page.getByRole('alert').getByText('Сертификат с таким серийным номером и кодом активации не найден', { exact: false }).waitFor();
    assert.equal(await page.getByLabel('Серийный номер').inputValue(), '7K2M-9QX4-TD8M');
    await expectAccessible(page, 'wizard refused (ru)');
  }));

test('back from the preview returns to step one with the values kept', () =>
  withPage(async (page, context) => {
    await mockApi(context, '/api/me/certificates', 200, { items: [] });
    await mockApi(context, '/api/me/certificates/preview', 200, preview);
    await gotoPage(page, '/certificates');

    await page.getByLabel('Серийный номер').fill('5SGN-1FXW-6ZAZ');
    await page.getByLabel('Код активации').fill('DEMO-SGN1-2026-BSIC');
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('heading', { name: 'Проверьте данные сертификата' }).waitFor();
    await page.getByRole('button', { name: 'Назад' }).click();

    assert.equal(await page.getByLabel('Серийный номер').inputValue(), '5SGN-1FXW-6ZAZ');
    assert.equal(await page.getByLabel('Код активации').inputValue(), 'DEMO-SGN1-2026-BSIC');
  }));

// Against the real back end: a verified customer signed in by cookie registers a certificate staff just issued.
function stackMail() {
  const file = process.env.SF_STACK_FILE;
  if (!file) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')).mail?.replace(/\/+$/, '');
}

async function verifiedCustomer(email, password) {
  const base = baseUrl();
  const post = (path, body, headers = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  assert.equal((await post('/api/accounts', { email, password, displayName: 'Сертификат Тестович', language: 'ru' })).status, 202);
  const token = await eventually(
    async () => {
      const list = await (await fetch(`${stackMail()}/api/messages?pageSize=500`)).json();
      const mail = (Array.isArray(list) ? list : list.results).find((m) => [].concat(m.to).some((r) => String(r).includes(email)));
      assert.ok(mail, `a verification mail to ${email}`);
      const text = await (await fetch(`${stackMail()}/api/messages/${mail.id}/plaintext`)).text();
      return decodeURIComponent(/[?&]token=([A-Za-z0-9_%-]+)/.exec(text)[1]);
    },
    { timeout: 20_000, interval: 250 },
  );
  assert.equal((await post('/api/accounts/verify', { token })).status, 200);
  const staff = await (await post('/api/dev/tokens', { subject: 'e2e-admin', name: 'E2E Admin', roles: ['Support.Admin'] })).json();
  const now = Date.now();
  const issued = await post(
    '/api/staff/certificates',
    { productId: 'cryptoguard-vpn', plan: 'extended', validFrom: new Date(now - 86_400_000).toISOString(), validTo: new Date(now + 90 * 86_400_000).toISOString() },
    { Authorization: `Bearer ${staff.accessToken}` },
  );
  assert.equal(issued.status, 201);
  return issued.json();
}

test('a signed-in customer registers a certificate staff issued, end to end', { skip: !stackMail() && 'SF_STACK_FILE is not set' }, () =>
  withPage(async (page, context) => {
    const email = `certs-${Date.now()}@example.com`;
    const password = 'a long and quiet passphrase';
    const certificate = await verifiedCustomer(email, password);
    const session = await context.request.post('/api/session', { data: { email, password } });
    assert.equal(session.status(), 200);

    await gotoPage(page, '/certificates');
    await page.getByText('Сертификаты ещё не зарегистрированы.').waitFor();
    await page.getByLabel('Серийный номер').fill(certificate.serial.toLowerCase());
    await page.getByText('Номер записан верно.').waitFor();
    await page.getByLabel('Код активации').fill(certificate.activationCode);
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('heading', { name: 'Проверьте данные сертификата' }).waitFor();
    assert.match(await page.locator('dl.details').textContent(), /КриптоСтраж VPN-шлюз/);
    await expectAccessible(page, 'the real preview');
    await page.getByRole('button', { name: 'Зарегистрировать' }).click();

    await page.getByText(`Сертификат ${certificate.serial} (КриптоСтраж VPN-шлюз) зарегистрирован.`).waitFor();
    await eventually(async () => assert.match(await page.locator('table tbody tr').first().textContent(), /высокий.*Действует, осталось дней: 90/s));
    await expectAccessible(page, 'the real list');
  }));
