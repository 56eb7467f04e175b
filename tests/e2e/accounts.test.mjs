import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mailUrl, tokenFromMail } from './mail.mjs';
import { eventually, expectAccessible, gotoPage, pageReady, useLanguage, withPage } from './support.mjs';

const heading = (page) => page.locator('main h1');
const password = 'a long and quiet passphrase';

test('a visitor signs up, confirms the address from the mail, signs in and out', { skip: !mailUrl() && 'SF_STACK_FILE is not set' }, () =>
  withPage(async (page) => {
    const email = `browser-${Date.now()}@example.com`;

    await gotoPage(page, '/');
    await page.getByRole('link', { name: 'Вход' }).click();
    await page.getByRole('link', { name: 'Регистрация' }).click();
    await eventually(async () => assert.equal(await heading(page).textContent(), 'Регистрация'));
    await expectAccessible(page, 'the sign-up page');

    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.locator('#sign-up-email-error', { hasText: 'Заполните это поле.' }).waitFor();
    await expectAccessible(page, 'the sign-up page with errors');

    await page.getByLabel('Электронная почта').fill(email);
    await page.getByLabel('Имя').fill('Браузер Тестович');
    await page.getByLabel('Пароль').fill(password);
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.getByRole('status').filter({ hasText: 'Проверьте почту' }).waitFor();

    const token = await tokenFromMail(email, 'Подтвердите адрес');
    await gotoPage(page, `/verify?token=${encodeURIComponent(token)}`);
    await page.getByText('Адрес подтверждён').waitFor();
    await expectAccessible(page, 'the verification page');

    await page.getByRole('link', { name: 'Вход' }).first().click();
    await eventually(async () => assert.equal(await heading(page).textContent(), 'Вход'));
    await page.getByLabel('Электронная почта').fill(email.toUpperCase());
    await page.getByLabel('Пароль').fill('not the password at all');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('status').filter({ hasText: 'Неверный адрес или пароль' }).waitFor();
    await expectAccessible(page, 'the sign-in page with an error');

    await page.getByLabel('Пароль').fill(password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL('**/tickets');

    await page.getByRole('button', { name: 'Учётная запись', exact: true }).click();
    await page.getByRole('link', { name: 'Профиль' }).click();
    await pageReady(page);
    await page.getByText(`Сейчас: ${email}`).waitFor();
    assert.equal(await page.getByLabel('Имя').inputValue(), 'Браузер Тестович');
    await expectAccessible(page, 'the profile page');

    await page.getByLabel('Компания').fill('ООО «Тест»');
    await page.locator('#profile').getByRole('button', { name: 'Сохранить' }).click();
    await page.locator('#profile').getByRole('status').filter({ hasText: 'Изменения сохранены' }).waitFor();

    for (const path of ['/account/preferences', '/account/password']) {
      await gotoPage(page, path);
      await page.locator('form').first().waitFor();
      await expectAccessible(page, path);
    }
    await useLanguage(page, 'en');
    await page.getByRole('button', { name: 'Change password' }).waitFor();
    await expectAccessible(page, '/account/password (en)');

    await page.getByRole('button', { name: 'Account', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await eventually(async () => assert.equal(new URL(page.url()).pathname, '/'));
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    const me = await page.request.get('/api/me');
    assert.equal(me.status(), 401, 'the session is revoked, not just forgotten');
  }));

for (const language of ['ru', 'en']) {
  test(`the account pages opened from mail explain a bad link and pass axe (${language})`, () =>
    withPage(async (page) => {
      for (const path of ['/sign-in', '/sign-up', '/forgot-password', '/reset-password?token=x', '/verify?token=used', '/confirm-email?token=used']) {
        await gotoPage(page, path);
        await useLanguage(page, language);
        assert.equal(await page.locator('h1').count(), 1, `${path}: exactly one h1`);
        await expectAccessible(page, `${path} (${language})`);
      }
      await gotoPage(page, '/verify?token=used');
      await page.getByRole('status').filter({ hasText: language === 'ru' ? 'Ссылка недействительна' : 'This link is invalid' }).waitFor();
    }));
}
