import { api } from '../api';
import { h } from '../dom';
import { formatDate, t } from '../i18n';
import { productCatalogue, sendFeedback, type Article } from '../knowledge';
import { setPageTitle } from '../layout';
import { statusMessage, type Page } from './page';

const article: Page = {
  title: 'kbArticle.title',
  render: ({ params, query, signal }) => {
    const heading = h('h1', {}, t('kbArticle.title'));
    const status = statusMessage(t('kbArticle.loading'));
    const body = h('div', { class: 'article-body' });
    const about = h('ul', { class: 'article-about' });
    const page = h('article', { class: 'page', 'aria-busy': 'true' }, heading, status, about, body);

    api
      .get<Article>(`/kb/articles/${encodeURIComponent(params['slug'] ?? '')}`, { signal })
      .then(async (found) => {
        heading.textContent = found.title;
        heading.lang = found.language;
        setPageTitle(found.title);
        status.textContent = t('kbArticle.updated', { date: formatDate(found.updatedAt) });
        // bodyHtml is rendered from Markdown and sanitised by the server (see DESIGN.md, Knowledge base).
        body.innerHTML = found.bodyHtml;
        body.lang = found.language;
        const products = await productCatalogue();
        for (const id of found.productIds) {
          const name = products.find((p) => p.id === id)?.name ?? id;
          about.append(h('li', {}, h('a', { href: `/kb?${new URLSearchParams({ productId: id })}` }, name)));
        }
        for (const [lang, slug] of Object.entries(found.translations)) {
          if (slug) about.append(h('li', {}, h('a', { href: `/kb/${encodeURIComponent(slug)}`, hreflang: lang }, t(lang === 'en' ? 'kbArticle.inEnglish' : 'kbArticle.inRussian'))));
        }
        page.append(helped(found.slug, query.get('from') === 'suggestion' ? 'suggestion' : 'search'));
      })
      .catch(() => {
        if (!signal.aborted) status.textContent = t('kbArticle.unavailable');
      })
      .finally(() => page.removeAttribute('aria-busy'));

    page.append(h('p', {}, h('a', { href: '/kb' }, t('kbArticle.back'))));
    return page;
  },
};

export default article;

/** "This answered my question" under the article: counted for the deflection figures, from search or a suggestion. */
function helped(slug: string, source: 'search' | 'suggestion'): HTMLElement {
  const thanks = h('p', { role: 'status', class: 'status' });
  const button = h('button', { type: 'button', class: 'button secondary' }, t('suggest.answered'));
  button.addEventListener('click', () => {
    button.disabled = true;
    void sendFeedback(slug, 'answered', source).then(() => {
      button.hidden = true;
      thanks.textContent = t('kbArticle.thanks');
    });
  });
  return h('section', { class: 'article-helped', 'aria-label': t('kbArticle.helped') }, button, thanks);
}
