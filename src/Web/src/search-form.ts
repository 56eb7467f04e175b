import { h } from './dom';
import { t } from './i18n';
import { navigate } from './router';

/** The knowledge-base search box; it submits to /kb?q=… (and still does, as a plain form, before the script runs). */
export function searchForm(query = ''): HTMLFormElement {
  const input = h('input', {
    id: 'kb-search',
    type: 'search',
    name: 'q',
    value: query,
    placeholder: t('search.placeholder'),
    autocomplete: 'off',
  });
  const form = h(
    'form',
    { class: 'search', role: 'search', action: '/kb', method: 'get' },
    h('label', { for: 'kb-search' }, t('search.label')),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit' }, t('search.submit'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = input.value.trim();
    navigate(q ? `/kb?${new URLSearchParams({ q })}` : '/kb');
  });
  return form;
}
