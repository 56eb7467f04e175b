/** /desk/kb: every article with its deflection counts; /desk/kb/new and /desk/kb/{slug}: the editor with a live preview. */
import { ApiError } from '../api';
import { h } from '../dom';
import { formatDate, t, type MessageKey } from '../i18n';
import { productCatalogue } from '../knowledge';
import { navigate } from '../router';
import { statusMessage, type Page, type PageContext } from '../pages/page';
import { reason } from '../pages/ticket-common';
import { deskTools } from './header-tools';
import { staffApi } from './staff-api';

interface StaffArticle {
  slug: string;
  language: 'ru' | 'en';
  title: string;
  bodyMarkdown: string;
  bodyHtml?: string;
  productIds: string[];
  published: boolean;
  translations: Partial<Record<'ru' | 'en', string>>;
  updatedAt: string;
  updatedBy: string;
  etag?: string;
}

interface Counts {
  shown: number;
  opened: number;
  answered: number;
}

interface Stats {
  items: (Counts & { slug: string; title?: string; suggestion: Counts; search: Counts })[];
  suggestion: Counts;
  search: Counts;
}

const previewDelayMs = 300;

export const kbListPage: Page = {
  title: 'desk.kb.title',
  area: 'desk',
  headerTools: deskTools,
  render: (context) => articleList(context),
};

export const kbEditorPage: Page = {
  title: 'desk.kbEdit.titleEdit',
  area: 'desk',
  headerTools: deskTools,
  render: (context) => editor(context),
};

function languageName(language: string): string {
  return t(language === 'en' ? 'desk.kb.lang.en' : 'desk.kb.lang.ru');
}

function articleList({ signal }: PageContext): HTMLElement {
  const status = statusMessage(t('desk.kb.loading'));
  const deflection = h('p', { class: 'notice', hidden: true });
  const body = h('tbody');
  const columns: MessageKey[] = ['desk.kb.col.title', 'desk.kb.col.language', 'desk.kb.col.state', 'desk.kb.col.updated', 'desk.kb.col.shown', 'desk.kb.col.opened', 'desk.kb.col.answered'];
  const table = h(
    'table',
    { class: 'queue-table kb-table' },
    h('caption', { class: 'visually-hidden' }, t('desk.kb.caption')),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, t(c))))),
    body,
  );
  const filter = h('input', { type: 'search', id: 'desk-kb-filter', autocomplete: 'off' });
  const filterField = h('div', { class: 'field desk-kb-filter' }, h('label', { for: 'desk-kb-filter' }, t('desk.kb.filter')), filter);
  const region = h('section', { 'aria-busy': 'true', 'aria-labelledby': 'desk-kb-title' }, status, deflection, filterField, table);
  filter.addEventListener('input', () => {
    const words = filter.value.trim().toLowerCase();
    let visible = 0;
    for (const row of Array.from(body.rows)) {
      row.hidden = words !== '' && !(row.dataset['search'] ?? '').includes(words);
      if (!row.hidden) visible++;
    }
    status.textContent = words ? t('desk.kb.filtered', { count: visible }) : '';
  });

  Promise.all([staffApi.get<{ items: StaffArticle[] }>('/staff/kb/articles', { signal }), staffApi.get<Stats>('/staff/kb/stats', { signal })])
    .then(([articles, stats]) => {
      const counts = new Map(stats.items.map((s) => [s.slug, s]));
      body.append(
        ...articles.items.map((a) => {
          const c = counts.get(a.slug);
          return h(
            'tr',
            { 'data-search': `${a.title} ${a.slug}`.toLowerCase() },
            h('th', { scope: 'row' }, h('a', { href: `/desk/kb/${encodeURIComponent(a.slug)}`, lang: a.language }, a.title)),
            h('td', {}, languageName(a.language)),
            h('td', {}, t(a.published ? 'desk.kb.published' : 'desk.kb.draft')),
            h('td', {}, formatDate(a.updatedAt)),
            h('td', { class: 'number' }, String(c?.shown ?? 0)),
            h('td', { class: 'number' }, String(c?.opened ?? 0)),
            h('td', { class: 'number' }, String(c?.answered ?? 0)),
          );
        }),
      );
      const s = stats.suggestion;
      const rate = s.shown ? `${Math.round((100 * s.answered) / s.shown)}%` : '—';
      deflection.textContent = t('desk.kb.deflection', { shown: s.shown, opened: s.opened, answered: s.answered, rate });
      deflection.hidden = false;
      status.textContent = articles.items.length ? '' : t('desk.kb.empty');
    })
    .catch((error: unknown) => {
      if (!signal.aborted) status.textContent = t('desk.kb.failed', { reason: reason(error) });
    })
    .finally(() => region.removeAttribute('aria-busy'));

  return h(
    'div',
    { class: 'page desk-kb' },
    h('div', { class: 'desk-kb-head' }, h('h1', { id: 'desk-kb-title' }, t('desk.kb.title')), h('a', { class: 'button', href: '/desk/kb/new' }, t('desk.kb.new'))),
    region,
  );
}

function field(id: string, label: MessageKey, control: HTMLElement, hint?: MessageKey): HTMLElement {
  control.id = id;
  const hintElement = hint ? h('p', { class: 'hint', id: `${id}-hint` }, t(hint)) : null;
  if (hintElement) control.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' }, h('label', { for: id }, t(label)), hintElement, control);
}

function editor({ params, signal }: PageContext): HTMLElement {
  const existingSlug = params['slug'];
  const heading = h('h1', {}, t(existingSlug ? 'desk.kbEdit.titleEdit' : 'desk.kbEdit.titleNew'));
  const status = statusMessage(existingSlug ? t('desk.kbEdit.loading') : '');
  const language = h('select', { name: 'language' }, h('option', { value: 'ru' }, languageName('ru')), h('option', { value: 'en' }, languageName('en')));
  const title = h('input', { type: 'text', name: 'title', required: true, maxlength: '200', autocomplete: 'off' });
  const slug = h('input', { type: 'text', name: 'slug', maxlength: '80', autocomplete: 'off', pattern: '[a-z0-9]+(-[a-z0-9]+)*' });
  const products = h('div', { class: 'kb-products-choice' });
  const translation = h('select', { name: 'translationOf' }, h('option', { value: '' }, t('desk.kbEdit.noTranslation')));
  const published = h('input', { type: 'checkbox', name: 'published', id: 'kb-published' });
  const markdown = h('textarea', { name: 'bodyMarkdown', rows: '18', maxlength: '30000', required: true, spellcheck: 'true' });
  const preview = h('div', { class: 'article-body kb-preview', id: 'kb-preview' });
  const previewStatus = h('p', { class: 'hint' });
  const save = h('button', { type: 'submit', class: 'button' }, t('desk.kbEdit.save'));
  const remove = h('button', { type: 'button', class: 'button secondary', hidden: !existingSlug }, t('desk.kbEdit.delete'));
  const view = h('a', { href: existingSlug ? `/kb/${encodeURIComponent(existingSlug)}` : '/kb', hidden: !existingSlug }, t('desk.kbEdit.view'));
  let etag: string | undefined;
  let others: StaffArticle[] = [];

  const form = h(
    'form',
    { class: 'kb-editor', novalidate: true, 'aria-busy': 'true' },
    h(
      'div',
      { class: 'kb-editor-fields' },
      field('kb-language', 'desk.kbEdit.language', language),
      field('kb-title', 'desk.kbEdit.articleTitle', title),
      existingSlug ? null : field('kb-slug', 'desk.kbEdit.slug', slug, 'desk.kbEdit.slugHint'),
      h('fieldset', { class: 'field' }, h('legend', {}, t('desk.kbEdit.products')), products),
      field('kb-translation', 'desk.kbEdit.translation', translation),
      h('div', { class: 'field checkbox' }, published, h('label', { for: 'kb-published' }, t('desk.kbEdit.published'))),
    ),
    h(
      'div',
      { class: 'kb-editor-body' },
      field('kb-body', 'desk.kbEdit.body', markdown, 'desk.kbEdit.bodyHint'),
      h('section', { class: 'kb-preview-region', 'aria-labelledby': 'kb-preview-title' }, h('h2', { id: 'kb-preview-title' }, t('desk.kbEdit.preview')), previewStatus, preview),
    ),
    h('p', { class: 'kb-editor-actions' }, save, ' ', remove, ' ', view),
    status,
  );

  const fillTranslations = (current?: string) => {
    translation.replaceChildren(
      h('option', { value: '' }, t('desk.kbEdit.noTranslation')),
      ...others.filter((a) => a.language !== language.value && a.slug !== existingSlug).map((a) => h('option', { value: a.slug, lang: a.language }, a.title)),
    );
    translation.value = current ?? '';
  };
  language.addEventListener('change', () => fillTranslations(translation.value));

  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  let previewCall: AbortController | undefined;
  const renderPreview = () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      previewCall?.abort();
      const call = new AbortController();
      previewCall = call;
      signal.addEventListener('abort', () => call.abort(), { once: true });
      staffApi
        .post<{ bodyHtml: string }>('/staff/kb/preview', { body: { bodyMarkdown: markdown.value }, signal: call.signal })
        .then(({ bodyHtml }) => {
          // The preview comes from the same renderer and sanitiser as the published page.
          preview.innerHTML = bodyHtml;
          previewStatus.textContent = '';
        })
        .catch((error: unknown) => {
          if (!call.signal.aborted) previewStatus.textContent = t('desk.kbEdit.previewFailed', { reason: reason(error) });
        });
    }, previewDelayMs);
  };
  markdown.addEventListener('input', renderPreview);
  markdown.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  const catalogue = productCatalogue().then((list) => {
    products.replaceChildren(
      ...list.map((p) =>
        h('div', { class: 'checkbox' }, h('input', { type: 'checkbox', name: 'productIds', value: p.id, id: `kb-product-${p.id}` }), h('label', { for: `kb-product-${p.id}` }, p.name)),
      ),
    );
  });
  const articles = staffApi.get<{ items: StaffArticle[] }>('/staff/kb/articles', { signal }).then((list) => {
    others = list.items;
  });
  const loaded = existingSlug ? staffApi.get<StaffArticle>(`/staff/kb/articles/${encodeURIComponent(existingSlug)}`, { signal }) : Promise.resolve(undefined);

  Promise.all([catalogue, articles, loaded])
    .then(([, , article]) => {
      if (article) {
        language.value = article.language;
        title.value = article.title;
        markdown.value = article.bodyMarkdown;
        published.checked = article.published;
        etag = article.etag;
        for (const box of products.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.checked = article.productIds.includes(box.value);
        fillTranslations(Object.values(article.translations)[0]);
        preview.innerHTML = article.bodyHtml ?? '';
        status.textContent = '';
      } else fillTranslations();
    })
    .catch((error: unknown) => {
      if (!signal.aborted) status.textContent = t('desk.kb.failed', { reason: reason(error) });
    })
    .finally(() => form.removeAttribute('aria-busy'));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  const submit = async () => {
    const body = {
      slug: existingSlug ? undefined : slug.value.trim() || undefined,
      language: language.value,
      title: title.value,
      bodyMarkdown: markdown.value,
      productIds: Array.from(products.querySelectorAll<HTMLInputElement>('input:checked')).map((box) => box.value),
      published: published.checked,
      translationOf: translation.value,
    };
    save.disabled = true;
    form.setAttribute('aria-busy', 'true');
    status.textContent = t('desk.kbEdit.saving');
    try {
      const saved = existingSlug
        ? await staffApi.put<StaffArticle>(`/staff/kb/articles/${encodeURIComponent(existingSlug)}`, { body, headers: etag ? { 'If-Match': etag } : {}, signal })
        : await staffApi.post<StaffArticle>('/staff/kb/articles', { body, signal });
      etag = saved.etag;
      if (!existingSlug) {
        navigate(`/desk/kb/${encodeURIComponent(saved.slug)}`);
        return;
      }
      status.textContent = t('desk.kbEdit.saved');
    } catch (error) {
      if (signal.aborted) return;
      status.textContent =
        error instanceof ApiError && error.status === 412
          ? t('desk.kbEdit.stale')
          : t('desk.kbEdit.failed', { reason: error instanceof ApiError && Object.keys(error.errors).length ? Object.entries(error.errors).map(([f, m]) => `${f}: ${m.join(' ')}`).join('; ') : reason(error) });
    } finally {
      save.disabled = false;
      form.removeAttribute('aria-busy');
    }
  };

  remove.addEventListener('click', () => {
    if (!existingSlug || !window.confirm(t('desk.kbEdit.confirmDelete', { title: title.value }))) return;
    staffApi
      .delete<void>(`/staff/kb/articles/${encodeURIComponent(existingSlug)}`, { headers: etag ? { 'If-Match': etag } : {}, signal })
      .then(() => navigate('/desk/kb'))
      .catch((error: unknown) => {
        status.textContent = error instanceof ApiError && error.status === 412 ? t('desk.kbEdit.stale') : t('desk.kbEdit.deleteFailed', { reason: reason(error) });
      });
  });

  return h('div', { class: 'page desk-kb-editor' }, heading, h('p', {}, h('a', { href: '/desk/kb' }, t('desk.kbEdit.back'))), form);
}
