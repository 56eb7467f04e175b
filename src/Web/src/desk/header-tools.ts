/** The desk header's part for the signed-in agent: who they are, the reply-mail preference and sign-out. */
import { h } from '../dom';
import { t } from '../i18n';
import { navigate } from '../router';
import type { PageContext } from '../pages/page';
import { currentIdentity, signOut } from './session';
import { staffApi } from './staff-api';

interface StaffMe {
  id: string;
  name: string;
  email?: string | null;
  roles?: string[];
  notifyOnCustomerReply: boolean;
}

let me: Promise<StaffMe | undefined> | undefined;

/** The agent as the API knows them (id for "assign to me"), fetched once per sign-in. */
export function staffMe(signal?: AbortSignal): Promise<StaffMe | undefined> {
  me ??= staffApi.get<StaffMe>('/staff/me', signal ? { signal } : {}).catch(() => {
    me = undefined;
    return undefined;
  });
  return me;
}

export function forgetStaffMe(): void {
  me = undefined;
}

export function deskTools(context: PageContext): Node {
  const tools = h('div', { class: 'desk-tools' });
  void currentIdentity().then((identity) => {
    if (!identity || context.signal.aborted) return;
    const notify = h('input', { type: 'checkbox', id: 'desk-notify', disabled: true });
    const notifyStatus = h('span', { class: 'visually-hidden', role: 'status' });
    notify.addEventListener('change', () => {
      const wanted = notify.checked;
      notify.disabled = true;
      staffApi
        .patch<StaffMe>('/staff/me', { body: { notifyOnCustomerReply: wanted } })
        .then((changed) => {
          notify.checked = changed.notifyOnCustomerReply;
          notifyStatus.textContent = t(changed.notifyOnCustomerReply ? 'desk.notify.on' : 'desk.notify.off');
          me = Promise.resolve(changed);
        })
        .catch(() => {
          notify.checked = !wanted;
          notifyStatus.textContent = t('desk.notify.failed');
        })
        .finally(() => {
          notify.disabled = false;
        });
    });
    const who = h('span', { class: 'desk-agent' }, agentLabel(identity.name || identity.email, identity.roles));
    void staffMe().then((loaded) => {
      if (!loaded) return;
      notify.checked = loaded.notifyOnCustomerReply;
      notify.disabled = false;
      // The API's view wins: with Entra ID the roles are in the access token, not always in the ID token.
      who.textContent = agentLabel(loaded.name || identity.name || identity.email, loaded.roles ?? identity.roles);
    });
    const signOutButton = h('button', { type: 'button' }, t('desk.signOut'));
    signOutButton.addEventListener('click', () => {
      forgetStaffMe();
      void signOut().then(() => navigate('/desk/sign-in?reason=signed_out_by_you'));
    });
    tools.replaceChildren(
      who,
      h('span', { class: 'desk-notify' }, notify, h('label', { for: 'desk-notify' }, t('desk.notify.label')), notifyStatus),
      signOutButton,
    );
  });
  return tools;
}

function agentLabel(name: string, roles: readonly string[]): string {
  return t(roles.includes('Support.Admin') ? 'desk.signedInAdmin' : 'desk.signedInAgent', { name });
}
