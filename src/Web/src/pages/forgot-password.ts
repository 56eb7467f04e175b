import { api } from '../api';
import { h } from '../dom';
import { form } from '../forms';
import { t } from '../i18n';
import type { Page } from './page';

const forgotPassword: Page = {
  title: 'forgot.title',
  render: () =>
    h(
      'div',
      { class: 'page' },
      h('h1', {}, t('forgot.title')),
      h('p', { class: 'intro' }, t('forgot.intro')),
      form({
        id: 'forgot-password',
        fields: [{ name: 'email', label: 'field.email', type: 'email', autocomplete: 'email', required: true, maxLength: 254 }],
        submit: 'forgot.submit',
        onSubmit: async (values) => {
          await api.post('/password-reset', { body: values });
          return t('forgot.sent');
        },
      }),
    ),
};

export default forgotPassword;
