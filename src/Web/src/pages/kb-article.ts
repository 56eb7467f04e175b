import { api } from '../api';
import { h } from '../dom';
import { formatDate, t } from '../i18n';
import { setPageTitle } from '../layout';
import { statusMessage, type Page } from './page';

interface Article {
  title: string;
  bodyHtml: string;
  language: string;
  updatedAt: string;
}

const article: Page = {
  title: 'kbArticle.title',
  render: ({ params, signal }) => {
    const heading = h('h1', {}, t('kbArticle.title'));
    const status = statusMessage(t('kbArticle.loading'));
    const body = h('div', { class: 'article-body' });
    const page = h('article', { class: 'page', 'aria-busy': 'true' }, heading, status, body);

    api
      .get<Article>(`/kb/articles/${encodeURIComponent(params['slug'] ?? '')}`, { signal })
      .then((found) => {
        heading.textContent = found.title;
        heading.lang = found.language;
        setPageTitle(found.title);
        status.textContent = t('kbArticle.updated', { date: formatDate(found.updatedAt) });
        // bodyHtml is rendered from Markdown and sanitised by the server (see DESIGN.md, Knowledge base).
        body.innerHTML = found.bodyHtml;
        body.lang = found.language;
      })
      .catch(() => {
        status.textContent = t('kbArticle.unavailable');
      })
      .finally(() => page.removeAttribute('aria-busy'));

    page.append(h('p', {}, h('a', { href: '/kb' }, t('kbArticle.back'))));
    return page;
  },
};

export default article;
