import { h } from '../dom';
import { t, type MessageKey } from '../i18n';
import { searchForm } from '../search-form';
import type { Page } from './page';

const shortcuts: readonly { href: string; title: MessageKey; text: MessageKey }[] = [
  { href: '/tickets/new', title: 'newTicket.title', text: 'newTicket.intro' },
  { href: '/tickets', title: 'tickets.title', text: 'tickets.intro' },
  { href: '/certificates', title: 'certificates.title', text: 'certificates.intro' },
];

const home: Page = {
  title: 'home.title',
  render: () =>
    h(
      'div',
      { class: 'page home' },
      h('h1', {}, t('home.title')),
      h('p', { class: 'intro' }, t('home.intro')),
      searchForm(),
      h('h2', {}, t('home.more')),
      h(
        'ul',
        { class: 'cards' },
        shortcuts.map((shortcut) =>
          h('li', {}, h('a', { href: shortcut.href }, t(shortcut.title)), h('p', {}, t(shortcut.text))),
        ),
      ),
    ),
};

export default home;
