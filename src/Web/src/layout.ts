import { accountMenu } from './account-menu';
import { h, type Child } from './dom';
import { language, t, type Language, type MessageKey } from './i18n';
import { serviceStatus } from './health';
import { isSignedIn } from './session';

const sections: readonly { href: string; label: MessageKey }[] = [
  { href: '/tickets', label: 'tickets.title' },
  { href: '/tickets/new', label: 'newTicket.title' },
  { href: '/kb', label: 'kb.title' },
  { href: '/certificates', label: 'certificates.title' },
];

export interface LayoutOptions {
  pathname: string;
  content: Node;
  onLanguageChange: (next: Language) => void;
  /** `desk`: the staff desk's header and a wider main instead of the portal's. */
  area?: 'desk' | undefined;
  /** What the page adds to the header's tools. */
  tools?: Node | undefined;
}

/** Skip link, header, main (holding `content`) and footer: everything the app root shows. */
export function layout({ pathname, content, onLanguageChange, area, tools }: LayoutOptions): HTMLElement[] {
  return [
    h('a', { class: 'skip-link', href: '#main' }, t('app.skipLink')),
    area === 'desk' ? deskHeader(pathname, onLanguageChange, tools) : header(pathname, onLanguageChange),
    h('main', { id: 'main', tabindex: '-1', class: area === 'desk' ? 'desk-main' : null }, content),
    h('footer', { class: 'site-footer' }, h('div', { class: 'container' }, serviceStatus())),
  ];
}

export function setPageTitle(text: string): void {
  const appName = t('app.name');
  document.title = text === appName ? appName : `${text} — ${appName}`;
  document.querySelector('meta[name="description"]')?.setAttribute('content', t('app.description'));
}

function languageSwitch(onLanguageChange: (next: Language) => void): HTMLElement {
  const other: Language = language() === 'ru' ? 'en' : 'ru';
  return h('button', { type: 'button', id: 'language-switch', lang: other, onclick: () => onLanguageChange(other) }, t('language.switch'));
}

/** The staff desk's header: its name, the queue, the language and whatever the desk puts in `tools` (the agent). */
function deskHeader(pathname: string, onLanguageChange: (next: Language) => void, tools: Node | undefined): HTMLElement {
  const sections: readonly { href: string; label: MessageKey }[] = [
    { href: '/desk', label: 'desk.nav.queue' },
    { href: '/desk/kb', label: 'desk.nav.kb' },
  ];
  return headerBar(
    'site-header desk-header',
    brand('/desk', 'desk.name', pathname),
    h(
      'nav',
      { 'aria-label': t('desk.nav.label') },
      h('ul', {}, sections.map(({ href, label }) => h('li', {}, h('a', { href, 'aria-current': href === pathname && 'page' }, t(label))))),
    ),
    h('div', { class: 'header-tools' }, tools, languageSwitch(onLanguageChange)),
  );
}

function headerBar(className: string, ...content: Child[]): HTMLElement {
  return h('header', { class: className }, h('div', { class: 'container header-row' }, content));
}

function brand(href: string, label: MessageKey, pathname: string): HTMLElement {
  return h('a', { class: 'brand', href, 'aria-current': pathname === href && 'page' }, t(label));
}

/** On a phone the sections and tools fold behind a "Menu" button; from tablet width up they are always shown. */
function header(pathname: string, onLanguageChange: (next: Language) => void): HTMLElement {
  const menu = h(
    'div',
    { id: 'site-menu', class: 'site-menu' },
    h(
      'nav',
      { 'aria-label': t('nav.label') },
      h('ul', {}, sections.map(({ href, label }) => h('li', {}, h('a', { href, 'aria-current': href === pathname && 'page' }, t(label))))),
    ),
    h(
      'div',
      { class: 'header-tools' },
      languageSwitch(onLanguageChange),
      isSignedIn()
        ? accountMenu(pathname)
        : h('a', { class: 'button sign-in-link', href: '/sign-in', 'aria-current': pathname === '/sign-in' && 'page' }, t('signIn.title')),
    ),
  );
  const toggle = h('button', { type: 'button', class: 'menu-button', 'aria-expanded': 'false', 'aria-controls': 'site-menu' }, t('nav.menu'));
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    menu.classList.toggle('open', open);
  });
  return headerBar('site-header', brand('/', 'app.name', pathname), toggle, menu);
}
