/** /desk: the queue. Filters live in the address; rows come a page at a time and never twice. */
import { h } from '../dom';
import { language, t, type MessageKey } from '../i18n';
import { updateAddress } from '../router';
import { statusMessage, type Page, type PageContext } from '../pages/page';
import { formatDateTime, priorityLabel, reason } from '../pages/ticket-common';
import { durationText, firstResponseClock, firstResponseText, minutesSince } from './clock';
import { apiQuery, priorities, queueHref, readFilters, statuses, type QueueFilters } from './filters';
import { deskTools } from './header-tools';
import { departmentName, deskStatusLabel } from './labels';
import { staffApi } from './staff-api';
import type { Agent, Department, QueueItem, QueuePage, TicketStatus } from './types';

const pageSize = 50;

export const queuePage: Page = {
  title: 'desk.queue.title',
  area: 'desk',
  headerTools: deskTools,
  render: (context) => queue(context),
};

function queue(context: PageContext): HTMLElement {
  let filters = readFilters(context.query);
  const { signal } = context;
  const status = statusMessage(t('desk.queue.loading'));
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'queue-table' },
    h('caption', { class: 'visually-hidden' }, t('desk.queue.caption')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        (['priority', 'ticket', 'status', 'assignee', 'firstResponse', 'waiting', 'updated'] as const).map((column) =>
          h('th', { scope: 'col' }, t(`desk.queue.col.${column}`)),
        ),
      ),
    ),
    body,
  );
  const empty = h('p', { class: 'empty-state', hidden: true }, t('desk.queue.empty'));
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('desk.queue.more'));
  const refresh = h('button', { type: 'button', class: 'button secondary' }, t('desk.queue.refresh'));
  const results = h('section', { class: 'queue-results', 'aria-busy': 'true', 'aria-label': t('desk.queue.results') }, status, table, empty, more);

  const departments: Department[] = [];
  const agents: Agent[] = [];
  const controls = filterForm(filters, (next) => {
    filters = next;
    updateAddress(queueHref(filters));
    void load(true);
  });

  // Rows name their department, so the first page waits for the catalogue (or for it to fail).
  const departmentsLoaded = staffApi
    .get<{ items: Department[] }>('/staff/departments', { signal, signInOnForbidden: false, query: { lang: language() } })
    .then((list) => {
      departments.push(...list.items);
      controls.setDepartments(departments);
    })
    .catch(() => undefined);

  let cursor: string | null = null;
  const shown = new Set<number>();
  let generation = 0;

  async function load(first: boolean): Promise<void> {
    const mine = ++generation;
    results.setAttribute('aria-busy', 'true');
    more.disabled = true;
    if (first) status.textContent = t('desk.queue.loading');
    try {
      const [page] = await Promise.all([
        staffApi.get<QueuePage>(`/staff/tickets?${apiQuery(filters, first ? null : cursor, pageSize).toString()}`, { signal }),
        departmentsLoaded,
      ]);
      if (mine !== generation) return;
      if (first) {
        body.replaceChildren();
        shown.clear();
        controls.showCounts(page.counts?.byStatus ?? {});
      }
      const fresh = page.items.filter((item) => !shown.has(item.id));
      for (const item of fresh) shown.add(item.id);
      body.append(...fresh.map((item) => row(item, departments)));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
      table.hidden = shown.size === 0;
      empty.hidden = shown.size !== 0;
      status.textContent = t('desk.queue.shown', { count: shown.size });
      controls.learnDepartments(page.items.map((item) => item.department));
    } catch (error) {
      if (signal.aborted || mine !== generation) return;
      status.textContent = t('desk.queue.failed', { reason: reason(error) });
    } finally {
      if (mine === generation) {
        results.removeAttribute('aria-busy');
        more.disabled = false;
      }
    }
  }

  more.addEventListener('click', () => void load(false));
  refresh.addEventListener('click', () => void load(true));
  void load(true);

  staffApi
    .get<{ items: Agent[] }>('/staff/agents', { signal })
    .then((list) => {
      agents.push(...list.items);
      controls.setAgents(agents);
    })
    .catch(() => undefined);

  // j / k move between the tickets' links (Enter opens one), as in mail clients; typing in a field is left alone.
  const onKey = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'j' && event.key !== 'k')) return;
    if (event.target instanceof HTMLElement && event.target.closest('input, select, textarea, [contenteditable]')) return;
    const links = Array.from(body.querySelectorAll<HTMLAnchorElement>('td.ticket-cell a'));
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = event.key === 'j' ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
    links[at === -1 ? 0 : next]?.focus();
    event.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  signal.addEventListener('abort', () => document.removeEventListener('keydown', onKey));

  // The first-response clocks and waiting times move on while the queue is open.
  const ticking = setInterval(() => tick(body), 30_000);
  signal.addEventListener('abort', () => clearInterval(ticking));

  return h(
    'div',
    { class: 'page desk-queue' },
    h('div', { class: 'desk-title-row' }, h('h1', {}, t('desk.queue.title')), refresh),
    filterDisclosure(controls.element),
    h('p', { class: 'hint keys-hint' }, t('desk.queue.keys')),
    results,
  );
}

/** On a phone the filters fold away behind their summary, so the queue starts on the first screen. */
function filterDisclosure(form: HTMLElement): HTMLElement {
  const details = h('details', { class: 'queue-filters-box' }, h('summary', {}, t('desk.queue.filters')), form);
  details.open = typeof matchMedia !== 'function' || !matchMedia('(max-width: 48rem)').matches;
  return details;
}

interface FilterControls {
  element: HTMLElement;
  showCounts(counts: Partial<Record<TicketStatus, number>>): void;
  setDepartments(departments: readonly Department[]): void;
  learnDepartments(ids: readonly string[]): void;
  setAgents(agents: readonly Agent[]): void;
}

/** The filter form: status chips with counts, department, priority, assignee and a subject search. */
function filterForm(initial: QueueFilters, onChange: (filters: QueueFilters) => void): FilterControls {
  const counts = new Map<TicketStatus, HTMLElement>();
  const chips = statuses.map((value) => {
    const id = `queue-status-${value}`;
    const count = h('span', { class: 'chip-count' });
    counts.set(value, count);
    return h(
      'span',
      { class: 'chip' },
      h('input', { type: 'checkbox', id, name: 'status', value, checked: initial.statuses.includes(value) }),
      h('label', { for: id }, deskStatusLabel(value), ' ', count),
    );
  });
  const department = select('queue-department', 'department', [['', t('desk.queue.anyDepartment')]], initial.department);
  const priority = select(
    'queue-priority',
    'priority',
    [['', t('desk.queue.anyPriority')], ...priorities.map((p): [string, string] => [p, priorityLabel(p)])],
    initial.priority,
  );
  const assignee = select(
    'queue-assignee',
    'assignee',
    [
      ['', t('desk.queue.anyone')],
      ['me', t('desk.queue.me')],
      ['none', t('desk.queue.unassigned')],
    ],
    initial.assignee,
  );
  const search = h('input', { type: 'search', id: 'queue-q', name: 'q', maxlength: '200', value: initial.q });
  const element = h(
    'form',
    { class: 'queue-filters', role: 'search', 'aria-label': t('desk.queue.filters') },
    h('fieldset', { class: 'chips' }, h('legend', {}, t('desk.queue.status')), chips),
    h(
      'div',
      { class: 'filter-row' },
      field('queue-department', t('desk.field.department'), department),
      field('queue-priority', t('desk.field.priority'), priority),
      field('queue-assignee', t('desk.field.assignee'), assignee),
      h(
        'div',
        { class: 'field search-field' },
        h('label', { for: 'queue-q' }, t('desk.queue.search')),
        h('div', { class: 'search-row' }, search, h('button', { type: 'submit' }, t('desk.queue.apply'))),
      ),
    ),
  );

  const read = (): QueueFilters => {
    const chosen = statuses.filter((value) => element.querySelector<HTMLInputElement>(`#queue-status-${value}`)?.checked);
    const query = new URLSearchParams();
    for (const value of chosen) query.append('status', value);
    query.set('department', department.value);
    query.set('priority', priority.value);
    query.set('assignee', assignee.value);
    query.set('q', search.value);
    return readFilters(query);
  };
  element.addEventListener('change', (event) => {
    if (event.target !== search) onChange(read());
  });
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    onChange(read());
  });

  const addOption = (target: HTMLSelectElement, value: string, label: string) => {
    if (!Array.from(target.options).some((option) => option.value === value)) target.append(h('option', { value }, label));
  };
  return {
    element,
    showCounts(byStatus) {
      for (const [value, count] of counts) {
        const n = byStatus[value];
        count.textContent = n === undefined ? '' : `(${n})`;
      }
    },
    setDepartments(list) {
      for (const d of list) addOption(department, d.id, departmentName(d.id, list, language()));
      department.value = initial.department;
    },
    learnDepartments(ids) {
      for (const id of ids) addOption(department, id, departmentName(id, [], language()));
      department.value = initial.department;
    },
    setAgents(list) {
      for (const agent of list) addOption(assignee, agent.id, agent.name || agent.email);
      assignee.value = initial.assignee;
    },
  };
}

function select(id: string, name: string, options: readonly [string, string][], value: string): HTMLSelectElement {
  const element = h('select', { id, name }, options.map(([v, label]) => h('option', { value: v }, label)));
  if (value && !options.some(([v]) => v === value)) element.append(h('option', { value }, value));
  element.value = value;
  return element;
}

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function row(item: QueueItem, departments: readonly Department[]): HTMLTableRowElement {
  const now = Date.now();
  const clock = h('td', { class: 'clock' });
  if (item.firstResponseDueAt && !item.firstRespondedAt) clock.dataset['due'] = item.firstResponseDueAt;
  const waiting = h('td', { class: 'waiting' });
  waiting.dataset['since'] = item.waitingSince;
  updateClock(clock, now);
  updateWaiting(waiting, now);
  return h(
    'tr',
    { class: `priority-row-${item.priority}` },
    h('td', {}, h('span', { class: `badge priority priority-${item.priority}` }, priorityLabel(item.priority))),
    h(
      'td',
      { class: 'ticket-cell' },
      h('a', { href: `/desk/tickets/${item.id}` }, h('span', { class: 'ticket-number' }, `№${item.id}`), ' ', item.subject),
      h(
        'span',
        { class: 'meta' },
        item.customer.name || item.customer.email,
        ' · ',
        departmentName(item.department, departments, language()),
        item.certificate && [' · ', item.certificate.productName ?? item.certificate.serial],
      ),
    ),
    h('td', {}, h('span', { class: `badge status-${item.status}` }, deskStatusLabel(item.status))),
    h('td', {}, labelled('desk.queue.col.assignee', item.assignee ? item.assignee.name : t('desk.queue.unassigned'))),
    clock,
    waiting,
    h(
      'td',
      { class: 'updated' },
      h('time', { datetime: item.updatedAt }, formatDateTime(item.updatedAt)),
      h('span', { class: 'meta' }, t(item.lastReplier.kind === 'customer' ? 'desk.queue.lastCustomer' : item.lastReplier.kind === 'staff' ? 'desk.queue.lastStaff' : 'desk.queue.lastSystem', { name: item.lastReplier.name })),
    ),
  );
}

function updateClock(cell: HTMLElement, now: number): void {
  const due = cell.dataset['due'];
  const clock = firstResponseClock(due, undefined, now);
  cell.classList.toggle('late', clock?.state === 'late');
  cell.replaceChildren(...(clock ? labelled('desk.queue.col.firstResponse', firstResponseText(clock)) : []));
}

function updateWaiting(cell: HTMLElement, now: number): void {
  const since = cell.dataset['since'];
  cell.replaceChildren(...(since ? labelled('desk.queue.col.waiting', durationText(minutesSince(since, now))) : []));
}

/** A value with its column's name before it, shown only where the row is a card (phones); screen readers use the header. */
function labelled(column: MessageKey, value: string): (Node | string)[] {
  return [h('span', { class: 'cell-label', 'aria-hidden': 'true' }, `${t(column)}: `), value];
}

function tick(body: HTMLElement): void {
  const now = Date.now();
  body.querySelectorAll<HTMLElement>('td.clock').forEach((cell) => updateClock(cell, now));
  body.querySelectorAll<HTMLElement>('td.waiting').forEach((cell) => updateWaiting(cell, now));
}
