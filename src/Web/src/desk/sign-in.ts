/**
 * /desk/sign-in: Entra ID through MSAL when the build names a client id, else (the local stack) a form that signs in
 * as a local agent or admin through the dev identity. Returns to `?next=` (desk pages only).
 */
import { h } from '../dom';
import { form } from '../forms';
import { t, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { isSignedIn } from '../session';
import { statusMessage, type Page } from '../pages/page';
import { completeEntraSignIn, signInLocally, signInMode, signInWithEntra, type StaffRole } from './session';
import { forgetStaffMe } from './header-tools';
import { safeNext } from './staff-api';

const reasons: Record<string, MessageKey> = {
  signed_out: 'desk.signIn.needed',
  expired: 'desk.signIn.expired',
  forbidden: 'desk.signIn.forbidden',
  signed_out_by_you: 'desk.signIn.signedOut',
};

export const signInPage: Page = {
  title: 'desk.signIn.title',
  area: 'desk',
  render(context) {
    const next = safeNext(context.query.get('next'));
    const reason = reasons[context.query.get('reason') ?? ''];
    const page = h(
      'div',
      { class: 'page desk-sign-in' },
      h('h1', {}, t('desk.signIn.title')),
      reason && h('p', { class: 'notice', role: 'status' }, t(reason)),
      isSignedIn() && h('p', { class: 'notice' }, t('desk.signIn.customerSession')),
    );
    if (signInMode === 'entra') {
      const status = statusMessage('');
      const button = h('button', { type: 'button', class: 'button' }, t('desk.signIn.microsoft'));
      button.addEventListener('click', () => {
        button.disabled = true;
        status.textContent = t('desk.signIn.redirecting');
        signInWithEntra(next).catch(() => {
          status.textContent = t('desk.signIn.failed');
          button.disabled = false;
        });
      });
      page.setAttribute('aria-busy', 'true');
      page.append(h('p', { class: 'intro' }, t('desk.signIn.entraIntro')), button, status);
      completeEntraSignIn()
        .then((returnTo) => {
          if (returnTo && !context.signal.aborted) {
            forgetStaffMe();
            navigate(safeNext(returnTo), { replace: true });
          }
        })
        .catch(() => {
          status.textContent = t('desk.signIn.failed');
        })
        .finally(() => page.removeAttribute('aria-busy'));
      return page;
    }
    page.append(
      h('p', { class: 'intro' }, t('desk.signIn.localIntro')),
      form({
        id: 'desk-sign-in',
        fields: [
          { name: 'name', label: 'desk.signIn.name', required: true, maxLength: 100, autocomplete: 'name', value: 'Anna Agent' },
          { name: 'email', label: 'field.email', type: 'email', required: true, maxLength: 200, autocomplete: 'email', value: 'agent@example.com' },
          {
            name: 'role',
            label: 'desk.signIn.role',
            type: 'select',
            value: 'Support.Agent',
            options: [
              { value: 'Support.Agent', label: t('desk.role.agent') },
              { value: 'Support.Admin', label: t('desk.role.admin') },
            ],
          },
        ],
        submit: 'desk.signIn.submit',
        onSubmit: async (values) => {
          await signInLocally({ name: String(values['name']), email: String(values['email']), role: values['role'] as StaffRole });
          forgetStaffMe();
          navigate(next, { replace: true });
        },
      }),
    );
    return page;
  },
};
