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
  /** Pages of the staff desk sit under the desk's header; every other page under the portal's. */
  readonly area?: 'desk';
  render(context: PageContext): Node;
  /** Controls the page adds to the header's tools (the desk's signed-in agent, for one). */
  headerTools?(context: PageContext): Node;
}

/**
 * A page whose code is a separate chunk, fetched the first time it is shown: its h1 and a busy region stand in until
 * the chunk arrives, then the real page replaces them (keeping the focus on the h1 if it had it).
 */
export function lazyPage(title: MessageKey, load: () => Promise<Page>, area?: 'desk'): Page {
  return {
    title,
    ...(area ? { area } : {}),
    render(context) {
      const heading = h('h1', {}, t(title));
      const status = statusMessage(t('page.loading'));
      const holder = h('div', { class: 'page', 'aria-busy': 'true' }, heading, status);
      load()
        .then((page) => {
          if (context.signal.aborted) return;
          const hadFocus = document.activeElement === heading;
          const content = page.render(context);
          holder.replaceWith(content);
          if (hadFocus) {
            const next = content instanceof Element ? content.querySelector<HTMLElement>('h1') : null;
            if (next) {
              next.tabIndex = -1;
              next.focus({ preventScroll: true });
            }
          }
        })
        .catch(() => {
          if (context.signal.aborted) return;
          status.textContent = t('page.loadFailed');
          holder.removeAttribute('aria-busy');
        });
      return holder;
    },
    headerTools(context) {
      const slot = h('div', { class: 'header-slot' });
      void load()
        .then((page) => {
          if (!context.signal.aborted && page.headerTools) slot.replaceChildren(page.headerTools(context));
        })
        .catch(() => undefined);
      return slot;
    },
  };
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
