import { api } from '../api';
import { h } from '../dom';
import { form } from '../forms';
import { t } from '../i18n';
import { navigate } from '../router';
import type { Page } from './page';

/** Only a path on this site may be the place to return to after signing in. */
function returnPath(query: URLSearchParams): string {
  const next = query.get('next') ?? '';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/tickets';
}

const signIn: Page = {
  title: 'signIn.title',
  render: (context) =>
    h(
      'div',
      { class: 'page' },
      h('h1', {}, t('signIn.title')),
      h('p', { class: 'intro' }, t('signIn.intro')),
      form({
        id: 'sign-in',
        fields: [
          { name: 'email', label: 'field.email', type: 'email', autocomplete: 'username', required: true, maxLength: 254 },
          { name: 'password', label: 'field.password', type: 'password', autocomplete: 'current-password', required: true, maxLength: 256 },
        ],
        submit: 'signIn.submit',
        onSubmit: async (values) => {
          await api.post('/session', { body: values });
          navigate(returnPath(context.query));
        },
      }),
      h('p', {}, h('a', { href: '/forgot-password' }, t('forgot.title'))),
      h('p', {}, t('signIn.noAccount'), ' ', h('a', { href: '/sign-up' }, t('signUp.title'))),
    ),
};

export default signIn;
