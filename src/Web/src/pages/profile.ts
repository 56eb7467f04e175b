import { api, apiUrl } from '../api';
import { h } from '../dom';
import { form } from '../forms';
import { t } from '../i18n';
import { navigate } from '../router';
import { forgetSession } from '../session';
import { accountPage } from './account-page';

export default accountPage('profile.title', 'profile.intro', (me) =>
  h(
    'div',
    {},
    form({
      id: 'profile',
      fields: [
        { name: 'displayName', label: 'field.displayName', autocomplete: 'name', required: true, maxLength: 100, value: me.displayName },
        { name: 'company', label: 'field.company', autocomplete: 'organization', maxLength: 200, value: me.company ?? '' },
        { name: 'phone', label: 'field.phone', type: 'tel', autocomplete: 'tel', maxLength: 40, value: me.phone ?? '' },
      ],
      submit: 'form.save',
      onSubmit: async (values) => {
        await api.patch('/me', { body: values });
        return t('form.saved');
      },
    }),
    h('h2', {}, t('profile.emailTitle')),
    h('p', {}, t('profile.currentEmail', { email: me.email })),
    form({
      id: 'change-email',
      fields: [
        { name: 'newEmail', label: 'field.newEmail', type: 'email', autocomplete: 'email', required: true, maxLength: 254 },
        { name: 'password', label: 'field.password', type: 'password', autocomplete: 'current-password', required: true, maxLength: 256 },
      ],
      submit: 'profile.emailSubmit',
      onSubmit: async (values) => {
        await api.post('/me/email', { body: values });
        return t('profile.emailSent');
      },
    }),
    h('h2', {}, t('profile.exportTitle')),
    h('p', {}, t('profile.exportIntro')),
    h('p', {}, h('a', { class: 'button', href: apiUrl('/me/export'), download: 'account-export.json' }, t('profile.exportLink'))),
    h('h2', {}, t('profile.deleteTitle')),
    h('p', {}, t('profile.deleteIntro')),
    form({
      id: 'delete-account',
      fields: [{ name: 'password', label: 'field.password', type: 'password', autocomplete: 'current-password', required: true, maxLength: 256 }],
      submit: 'profile.deleteSubmit',
      destructive: true,
      onSubmit: async (values) => {
        await api.delete('/me', { body: values });
        forgetSession();
        navigate('/');
      },
    }),
  ),
);
