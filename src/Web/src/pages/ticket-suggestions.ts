/** Articles beside the ticket form that may answer the question before it is sent (API.md: GET /api/kb/suggest). */
import { api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { sendFeedback, snippetNodes, type Article, type ArticleHit } from '../knowledge';

const debounceMs = 350;
/** The request line must stay short: the subject and the start of the description say enough. */
const maxQueryLength = 600;

export interface SuggestionInputs {
  subject: HTMLInputElement;
  description: HTMLTextAreaElement;
  /** The chosen certificate's product, if any: suggestions are filtered by it. */
  productId: () => string | undefined;
  /** The visitor said an article answered the question: the form ends without a ticket. */
  onAnswered: (article: ArticleHit) => void;
  signal: AbortSignal;
}

export function ticketSuggestions(inputs: SuggestionInputs): { element: HTMLElement; refresh: () => void } {
  const list = h('ol', { class: 'suggestion-list' });
  const status = h('p', { role: 'status', class: 'status visually-hidden' });
  const element = h(
    'aside',
    { class: 'suggestions', 'aria-labelledby': 'suggestions-title', hidden: true },
    h('h2', { id: 'suggestions-title' }, t('suggest.title')),
    h('p', { class: 'hint' }, t('suggest.intro')),
    status,
    list,
  );
  const shown = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let lastQuery = '';

  const search = async () => {
    const q = `${inputs.subject.value} ${inputs.description.value}`.trim().slice(0, maxQueryLength);
    const productId = inputs.productId();
    const key = `${productId ?? ''}|${q}`;
    if (key === lastQuery) return;
    lastQuery = key;
    inFlight?.abort();
    if (q.length < 3) {
      element.hidden = true;
      list.replaceChildren();
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    inputs.signal.addEventListener('abort', () => controller.abort(), { once: true });
    element.setAttribute('aria-busy', 'true');
    try {
      const { items } = await api.get<{ items: ArticleHit[] }>('/kb/suggest', { query: { q, productId }, signal: controller.signal });
      list.replaceChildren(...items.map((item) => suggestion(item, inputs)));
      element.hidden = items.length === 0;
      status.textContent = items.length ? t('suggest.found', { count: items.length }) : '';
      for (const item of items) {
        if (!shown.has(item.slug)) {
          shown.add(item.slug);
          void sendFeedback(item.slug, 'shown', 'suggestion');
        }
      }
    } catch {
      // Suggestions are a help, not part of the form: if they fail, the form goes on without them.
    } finally {
      if (inFlight === controller) element.removeAttribute('aria-busy');
    }
  };

  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(), debounceMs);
  };
  inputs.subject.addEventListener('input', refresh);
  inputs.description.addEventListener('input', refresh);
  inputs.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return { element, refresh };
}

function suggestion(item: ArticleHit, inputs: SuggestionInputs): HTMLLIElement {
  const id = `suggestion-${item.slug}`;
  const body = h('div', { class: 'article-body', lang: item.language });
  const answered = h('button', { type: 'button', class: 'button' }, t('suggest.answered'));
  const panel = h(
    'div',
    { class: 'suggestion-article', id, hidden: true },
    body,
    h('p', { class: 'suggestion-actions' }, answered, ' ', h('a', { href: `/kb/${encodeURIComponent(item.slug)}?from=suggestion`, target: '_blank', rel: 'noopener' }, t('suggest.openPage'))),
  );
  const toggle = h('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false', 'aria-controls': id, lang: item.language }, item.title);
  let loaded = false;

  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
    if (!open || loaded) return;
    loaded = true;
    void sendFeedback(item.slug, 'opened', 'suggestion');
    panel.setAttribute('aria-busy', 'true');
    api
      .get<Article>(`/kb/articles/${encodeURIComponent(item.slug)}`, { signal: inputs.signal })
      .then((article) => {
        // bodyHtml is rendered from Markdown and sanitised by the server (see DESIGN.md, Knowledge base).
        body.innerHTML = article.bodyHtml;
      })
      .catch(() => {
        body.textContent = t('kbArticle.unavailable');
        loaded = false;
      })
      .finally(() => panel.removeAttribute('aria-busy'));
  });
  answered.addEventListener('click', () => {
    answered.disabled = true;
    void sendFeedback(item.slug, 'answered', 'suggestion').then(() => inputs.onAnswered(item));
  });

  return h('li', {}, h('h3', {}, toggle), h('p', { class: 'snippet', lang: item.language }, snippetNodes(item.snippet)), panel);
}
