import { api } from '../api';
import { h } from '../dom';
import { language, t } from '../i18n';
import { searchForm } from '../search-form';
import { simplePage, statusMessage, type PageContext } from './page';

interface SearchResult {
  slug: string;
  title: string;
  snippet: string;
}

export default simplePage('kb.title', 'kb.intro', (context) => {
  const query = context.query.get('q')?.trim() ?? '';
  return [searchForm(query), query && results(query, context)];
});

function results(query: string, { signal }: PageContext): HTMLElement {
  const status = statusMessage(t('kb.searching'));
  const region = h('section', { class: 'results', 'aria-busy': 'true' }, status);

  api
    .get<{ items: SearchResult[] }>('/kb/search', { query: { q: query, lang: language() }, signal })
    .then(({ items }) => {
      status.textContent = items.length ? t('kb.found', { count: items.length }) : t('kb.nothingFound', { query });
      if (items.length) region.append(h('ol', { class: 'result-list' }, items.map(resultItem)));
    })
    .catch(() => {
      status.textContent = t('kb.unavailable');
    })
    .finally(() => region.removeAttribute('aria-busy'));

  return region;
}

function resultItem(item: SearchResult): HTMLLIElement {
  return h(
    'li',
    {},
    h('h2', {}, h('a', { href: `/kb/${encodeURIComponent(item.slug)}` }, item.title)),
    h('p', {}, item.snippet),
  );
}
