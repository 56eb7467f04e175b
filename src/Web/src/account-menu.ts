import { api } from './api';
import { h } from './dom';
import { t, type MessageKey } from './i18n';
import { navigate } from './router';
import { forgetSession } from './session';

const links: readonly { href: string; label: MessageKey }[] = [
  { href: '/account/profile', label: 'profile.title' },
  { href: '/certificates', label: 'certificates.title' },
  { href: '/account/preferences', label: 'preferences.title' },
  { href: '/account/password', label: 'password.title' },
];

/** A disclosure: the button toggles the list; Escape, a click outside or moving focus elsewhere closes it. */
export function accountMenu(pathname: string): HTMLElement {
  const list = h(
    'ul',
    { id: 'account-menu', class: 'account-menu-list', hidden: true },
    links.map(({ href, label }) =>
      h('li', {}, h('a', { href, 'aria-current': href === pathname && 'page' }, t(label))),
    ),
    h('li', {}, h('button', { type: 'button', onclick: signOut }, t('account.signOut'))),
  );
  const toggle = h(
    'button',
    { type: 'button', class: 'account-menu-button', 'aria-expanded': 'false', 'aria-controls': 'account-menu' },
    t('account.menu'),
  );
  const container = h('div', { class: 'account-menu' }, toggle, list);

  const closeOnOutsidePointer = (event: PointerEvent) => {
    if (!(event.target instanceof Node && container.contains(event.target))) setOpen(false);
  };
  const setOpen = (open: boolean) => {
    toggle.setAttribute('aria-expanded', String(open));
    list.hidden = !open;
    if (open) document.addEventListener('pointerdown', closeOnOutsidePointer);
    else document.removeEventListener('pointerdown', closeOnOutsidePointer);
  };
  toggle.addEventListener('click', () => setOpen(list.hidden));
  container.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !list.hidden) {
      setOpen(false);
      toggle.focus();
    }
  });
  container.addEventListener('focusout', (event) => {
    if (!(event.relatedTarget instanceof Node && container.contains(event.relatedTarget))) setOpen(false);
  });
  return container;
}

async function signOut(): Promise<void> {
  // Leaving is what the visitor asked for; a failed revocation must not keep them here.
  await api.delete('/session').catch(() => undefined);
  forgetSession();
  navigate('/');
}
