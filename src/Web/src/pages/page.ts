import { h, type Child } from '../dom';
import { t, type MessageKey } from '../i18n';

export interface PageContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Aborted when the visitor leaves the page or switches language; pass it to API calls. */
  readonly signal: AbortSignal;
}

export interface Page {
  /** Names the page in the document title (and, for most pages, in its h1). */
  readonly title: MessageKey;
  render(context: PageContext): Node;
}

/** A page made of its h1, an introduction and whatever `body` adds below them. */
export function simplePage(title: MessageKey, intro: MessageKey, body: (context: PageContext) => Child = () => null): Page {
  return {
    title,
    render: (context) => h('div', { class: 'page' }, h('h1', {}, t(title)), h('p', { class: 'intro' }, t(intro)), body(context)),
  };
}

export function emptyState(text: MessageKey, action?: { href: string; label: MessageKey }): HTMLElement {
  return h(
    'div',
    { class: 'empty-state' },
    h('p', {}, t(text)),
    action && h('a', { class: 'button', href: action.href }, t(action.label)),
  );
}

export function comingSoon(): HTMLElement {
  return h('p', { class: 'notice' }, t('page.comingSoon'));
}

/** A polite live region for progress and outcome messages of something the page loads. */
export function statusMessage(text: string): HTMLParagraphElement {
  return h('p', { role: 'status', class: 'status' }, text);
}
