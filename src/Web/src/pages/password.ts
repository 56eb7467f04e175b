import { api } from '../api';
import { form } from '../forms';
import { t } from '../i18n';
import { accountPage } from './account-page';

export default accountPage('password.title', 'password.intro', () =>
  form({
    id: 'change-password',
    fields: [
      { name: 'currentPassword', label: 'field.currentPassword', type: 'password', autocomplete: 'current-password', required: true, maxLength: 256 },
      { name: 'newPassword', label: 'field.newPassword', type: 'password', autocomplete: 'new-password', required: true, minLength: 10, maxLength: 256, hint: 'field.passwordHint' },
    ],
    submit: 'password.submit',
    onSubmit: async (values) => {
      await api.post('/me/password', { body: values });
      return t('password.done');
    },
  }),
);
