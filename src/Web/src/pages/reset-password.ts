import { api } from '../api';
import { h } from '../dom';
import { form } from '../forms';
import { t } from '../i18n';
import type { Page } from './page';

const resetPassword: Page = {
  title: 'reset.title',
  render: (context) =>
    h(
      'div',
      { class: 'page' },
      h('h1', {}, t('reset.title')),
      h('p', { class: 'intro' }, t('reset.intro')),
      form({
        id: 'reset-password',
        fields: [
          { name: 'newPassword', label: 'field.newPassword', type: 'password', autocomplete: 'new-password', required: true, minLength: 10, maxLength: 256, hint: 'field.passwordHint' },
        ],
        submit: 'reset.submit',
        onSubmit: async (values) => {
          await api.post('/password-reset/confirm', { body: { token: context.query.get('token') ?? '', newPassword: values['newPassword'] } });
          return t('reset.done');
        },
      }),
      h('p', {}, h('a', { href: '/sign-in' }, t('signIn.title'))),
    ),
};

export default resetPassword;
