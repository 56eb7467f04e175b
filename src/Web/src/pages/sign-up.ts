import { api } from '../api';
import { h } from '../dom';
import { form } from '../forms';
import { language, t } from '../i18n';
import type { Page } from './page';

const signUp: Page = {
  title: 'signUp.title',
  render: () =>
    h(
      'div',
      { class: 'page' },
      h('h1', {}, t('signUp.title')),
      h('p', { class: 'intro' }, t('signUp.intro')),
      form({
        id: 'sign-up',
        fields: [
          { name: 'email', label: 'field.email', type: 'email', autocomplete: 'email', required: true, maxLength: 254 },
          { name: 'displayName', label: 'field.displayName', autocomplete: 'name', required: true, maxLength: 100 },
          { name: 'password', label: 'field.password', type: 'password', autocomplete: 'new-password', required: true, minLength: 10, maxLength: 256, hint: 'field.passwordHint' },
          { name: 'language', label: 'field.language', type: 'select', value: language(), options: [{ value: 'ru', label: 'Русский' }, { value: 'en', label: 'English' }] },
        ],
        submit: 'signUp.submit',
        onSubmit: async (values) => {
          await api.post('/accounts', { body: values });
          return t('signUp.sent');
        },
      }),
      h('p', {}, t('signUp.haveAccount'), ' ', h('a', { href: '/sign-in' }, t('signIn.title'))),
    ),
};

export default signUp;
