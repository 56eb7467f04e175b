import { api } from '../api';
import { form } from '../forms';
import { t, type MessageKey } from '../i18n';
import { accountPage } from './account-page';

const mailKinds: readonly { name: string; label: MessageKey }[] = [
  { name: 'ticket_status', label: 'preferences.mail.ticket_status' },
  { name: 'ticket_reply', label: 'preferences.mail.ticket_reply' },
  { name: 'certificate_expiry', label: 'preferences.mail.certificate_expiry' },
];

export default accountPage('preferences.title', 'preferences.intro', (me) =>
  form({
    id: 'preferences',
    fields: [
      { name: 'language', label: 'field.language', type: 'select', value: me.language, options: [{ value: 'ru', label: 'Русский' }, { value: 'en', label: 'English' }] },
      { name: 'timeZone', label: 'field.timeZone', value: me.timeZone, required: true, maxLength: 64, hint: 'field.timeZoneHint' },
      ...mailKinds.map((kind) => ({ name: kind.name, label: kind.label, type: 'checkbox' as const, value: me.notifications[kind.name] !== false })),
    ],
    submit: 'form.save',
    onSubmit: async (values) => {
      const notifications = Object.fromEntries(mailKinds.map((kind) => [kind.name, values[kind.name] === true]));
      await api.patch('/me', { body: { language: values['language'], timeZone: values['timeZone'], notifications } });
      return t('form.saved');
    },
  }),
);
