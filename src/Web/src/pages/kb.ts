import { api } from '../api';
import { h } from '../dom';
import { formatDate, language, t } from '../i18n';
import { productCatalogue, sendFeedback, snippetNodes, type ArticleHit, type ArticleSummary } from '../knowledge';
import { searchForm } from '../search-form';
import { simplePage, statusMessage, type PageContext } from './page';

/** /kb?q=…: search results; /kb?productId=…: a product's articles; /kb: the newest articles. Filters by product either way. */
export default simplePage('kb.title', 'kb.intro', (context) => {
  const query = context.query.get('q')?.trim() ?? '';
  const productId = context.query.get('productId') ?? '';
  return [searchForm(query), productFilter(query, productId), query ? results(query, productId, context) : articleList(productId, context)];
});

function productFilter(query: string, productId: string): HTMLElement {
  const links = h('ul', { class: 'product-filter' });
  const nav = h('nav', { class: 'kb-products', 'aria-label': t('kb.byProduct') }, h('h2', {}, t('kb.byProduct')), links);
  const href = (id: string) => `/kb?${new URLSearchParams({ ...(query ? { q: query } : {}), ...(id ? { productId: id } : {}) })}`;
  void productCatalogue().then((products) => {
    links.append(
      h('li', {}, h('a', { href: href(''), 'aria-current': productId === '' && 'page' }, t('kb.allProducts'))),
      ...products.map((p) => h('li', {}, h('a', { href: href(p.id), 'aria-current': productId === p.id && 'page' }, p.name))),
    );
  });
  return nav;
}

function results(query: string, productId: string, { signal }: PageContext): HTMLElement {
  const status = statusMessage(t('kb.searching'));
  const region = h('section', { class: 'results', 'aria-busy': 'true', 'aria-label': t('kb.results') }, status);

  api
    .get<{ items: ArticleHit[] }>('/kb/search', { query: { q: query, lang: language(), productId: productId || undefined }, signal })
    .then(({ items }) => {
      status.textContent = items.length ? t('kb.found', { count: items.length }) : t('kb.nothingFound', { query });
      if (items.length) region.append(h('ol', { class: 'result-list' }, items.map(resultItem)));
    })
    .catch(() => {
      if (!signal.aborted) status.textContent = t('kb.unavailable');
    })
    .finally(() => region.removeAttribute('aria-busy'));

  return region;
}

function resultItem(item: ArticleHit): HTMLLIElement {
  const link = h('a', { href: `/kb/${encodeURIComponent(item.slug)}`, lang: item.language }, item.title);
  link.addEventListener('click', () => void sendFeedback(item.slug, 'opened', 'search'));
  return h('li', {}, h('h2', {}, link), h('p', { class: 'snippet', lang: item.language }, snippetNodes(item.snippet)));
}

function articleList(productId: string, { signal }: PageContext): HTMLElement {
  const status = statusMessage(t('kb.loadingList'));
  const list = h('ul', { class: 'article-list' });
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('kb.more'));
  const region = h('section', { class: 'results', 'aria-busy': 'true', 'aria-labelledby': 'kb-latest' },
    h('h2', { id: 'kb-latest' }, t(productId ? 'kb.productArticles' : 'kb.latest')), status, list, more);
  let cursor: string | null = null;

  const load = () => {
    region.setAttribute('aria-busy', 'true');
    api
      .get<{ items: ArticleSummary[]; nextCursor?: string | null }>('/kb/articles', {
        query: { lang: language(), productId: productId || undefined, cursor: cursor ?? undefined, limit: 20 },
        signal,
      })
      .then(({ items, nextCursor }) => {
        list.append(...items.map((a) => h('li', {}, h('a', { href: `/kb/${encodeURIComponent(a.slug)}` }, a.title), ' ', h('span', { class: 'hint' }, formatDate(a.updatedAt)))));
        cursor = nextCursor ?? null;
        more.hidden = cursor === null;
        status.textContent = list.childElementCount ? t('kb.listed', { count: list.childElementCount }) : t('kb.noArticles');
      })
      .catch(() => {
        if (!signal.aborted) status.textContent = t('kb.unavailable');
      })
      .finally(() => region.removeAttribute('aria-busy'));
  };
  more.addEventListener('click', load);
  load();
  return region;
}
