import { api, ApiError } from '../api';
import { h } from '../dom';
import { t, type MessageKey } from '../i18n';
import type { Page, PageContext } from './page';
import { statusMessage } from './page';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  language: 'ru' | 'en';
  timeZone: string;
  company?: string;
  phone?: string;
  notifications: Record<string, boolean>;
  createdAt: string;
}

/** An account page: h1 and intro, then `body(me)` once GET /api/me answers; a sign-in prompt when signed out. */
export function accountPage(title: MessageKey, intro: MessageKey, body: (me: Me, context: PageContext) => Node): Page {
  return {
    title,
    render(context) {
      const region = h('div', { 'aria-busy': 'true' }, statusMessage(t('account.loading')));
      api
        .get<Me>('/me', { signal: context.signal })
        .then((me) => region.replaceChildren(body(me, context)))
        .catch((error: unknown) => {
          if (context.signal.aborted) return;
          region.replaceChildren(
            error instanceof ApiError && error.status === 401
              ? h('p', { class: 'notice' }, t('account.signInFirst'), ' ', h('a', { href: `/sign-in?next=${encodeURIComponent(location.pathname)}` }, t('signIn.title')))
              : statusMessage(t('errors.unexpected')),
          );
        })
        .finally(() => region.removeAttribute('aria-busy'));
      return h('div', { class: 'page' }, h('h1', {}, t(title)), h('p', { class: 'intro' }, t(intro)), region);
    },
  };
}

/** A page opened from a mailed link: sends `?token=` once and reports the outcome. */
export function tokenPage(title: MessageKey, intro: MessageKey, path: string, done: MessageKey, next: { href: string; label: MessageKey }): Page {
  return {
    title,
    render(context) {
      const token = context.query.get('token') ?? '';
      const region = h('div', { 'aria-busy': 'true' }, statusMessage(t('form.sending')));
      api
        .post(path, { body: { token }, signal: context.signal })
        .then(() => region.replaceChildren(statusMessage(t(done)), h('p', {}, h('a', { class: 'button', href: next.href }, t(next.label)))))
        .catch((error: unknown) => {
          if (context.signal.aborted) return;
          const code = error instanceof ApiError ? error.code : '';
          region.replaceChildren(statusMessage(t(code === 'email_taken' ? 'errors.emailTaken' : 'errors.tokenInvalid')));
        })
        .finally(() => region.removeAttribute('aria-busy'));
      return h('div', { class: 'page' }, h('h1', {}, t(title)), h('p', { class: 'intro' }, t(intro)), region);
    },
  };
}
